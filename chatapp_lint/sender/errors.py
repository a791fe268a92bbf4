"""Why the sender refuses to start, and how it keeps secrets out of what it shows."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Final

if TYPE_CHECKING:
    from chatapp_lint.engine import Report
    from chatapp_lint.model import Violation
    from chatapp_lint.sender.outcome import SendReport

SDK_REQUIREMENTS: Final = (
    "alibabacloud-cams20200606>=5.3.1,<6",
    "alibabacloud-tea-openapi>=0.4.5,<0.5",
)
"""The `send` extra of pyproject.toml (a test keeps the two equal)."""
# chatapp-lint is on no package index, so `pip install 'chatapp-lint[send]'`
# cannot work; the SDK itself is on PyPI, and a clone installs the extra.
INSTALL_HINT: Final = (
    "pip install "
    + " ".join(f"'{requirement}'" for requirement in SDK_REQUIREMENTS)
    + " (or, in a clone of chatapp-lint, pip install -e '.[send]')"
)

# The SDK's transport errors quote the whole request URL, template text and all:
# everything from the query string on is cut, and any URL is reduced to its host.
_QUERY: Final = re.compile(r"\?[^\s'\")]*")
_URL_PATH: Final = re.compile(r"(https?://[^/\s'\"]+)/[^\s'\")]*")
_WITH_URL: Final = re.compile(r"with url: \S+")
_MAX_DETAIL: Final = 200


class SenderError(Exception):
    """Something stops the sender before it sends anything."""


class DirtyTemplateError(SenderError):
    """At least one template has an error-severity violation; nothing was sent.

    Attributes:
        report: The full lint report, as a lint run would print it.
        violations: Every violation found (warnings included).
    """

    def __init__(self, report: Report) -> None:
        self.report = report
        self.violations: tuple[Violation, ...] = report.violations
        super().__init__(
            f"{report.errors} error(s) in the templates: nothing was sent."
        )


class ReportWriteError(SenderError):
    """The report file could not be written: the batch stopped there.

    Attributes:
        report: The outcomes known so far, the one that could not be recorded
            included (it was shown before the write was tried).
    """

    def __init__(self, path: object, reason: str, report: SendReport) -> None:
        self.report = report
        held = [o for o in report.outcomes if o.status.done and o.template_code]
        listed = "; ".join(
            f"{o.name} [{o.language}] TemplateCode {o.template_code}" for o in held
        )
        super().__init__(
            f"the report file {path} could not be written ({reason}): the batch "
            f"stopped. Created or held so far: {listed or 'none'}. Record these "
            "before a re-run, which without them would try to create them again."
        )


class UnsendableTemplateError(SenderError):
    """The SDK would silently drop members of a template, so it is not sent."""

    def __init__(self, where: str, members: Sequence[str]) -> None:
        self.where = where
        self.members = tuple(members)
        listed = ", ".join(members)
        super().__init__(
            f"{where}: the SDK's request model has no place for {listed}; "
            "nothing was sent."
        )


class MissingCredentialsError(SenderError):
    """The access-key environment variables are not set."""

    def __init__(self, missing: Sequence[str]) -> None:
        self.missing = tuple(missing)
        super().__init__(
            f"no credentials: set {' and '.join(missing)} "
            "(or use --credentials-chain for the SDK's default chain)."
        )


class CredentialChainError(MissingCredentialsError):
    """`--credentials-chain` was asked for, and the SDK's chain found nothing."""

    def __init__(self, reason: str) -> None:
        self.missing = ()
        self.reason = reason
        SenderError.__init__(
            self, f"the SDK's default credential chain found no credentials ({reason})."
        )


class SdkMissingError(SenderError):
    """The optional SDK is not installed."""

    def __init__(self, module: str | None) -> None:
        self.module = module
        super().__init__(f"sending needs the Alibaba Cloud SDK: {INSTALL_HINT}")


class Redactor:
    """Scrubs secrets and request URLs out of text meant for people or files."""

    def __init__(self, secrets: Iterable[str | None] = ()) -> None:
        self._secrets: list[str] = []
        self.add(*secrets)

    def add(self, *secrets: str | None) -> None:
        """Scrub these values too (a credential chain's findings, say)."""
        known = {*self._secrets, *(s for s in secrets if s)}
        # Longest first, so that a secret containing another is scrubbed whole.
        self._secrets = sorted(known, key=len, reverse=True)

    def __call__(self, text: str) -> str:
        """The text without secrets, query strings or URL paths, and not too long."""
        text = self.scrub(text)
        if len(text) > _MAX_DETAIL:
            text = text[: _MAX_DETAIL - 3] + "..."
        return text

    def scrub(self, text: str) -> str:
        """The text without secrets, query strings or URL paths, whatever its length."""
        for secret in self._secrets:
            text = text.replace(secret, "***")
        text = _WITH_URL.sub("with url: <redacted>", text)
        text = _URL_PATH.sub(r"\1/<redacted>", text)
        return _QUERY.sub("?<redacted>", text)
