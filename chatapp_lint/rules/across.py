"""Checks across every template of a run: names and contents must not repeat."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator, Mapping
from typing import Any

import attrs

from chatapp_lint.model import Channel, Finding, Severity
from chatapp_lint.rules._base import Rule, reserved
from chatapp_lint.rules._citations import READ, meta_review
from chatapp_lint.rules._evidence import Evidence, Kind, Outcome, cams_error
from chatapp_lint.schema import shorten


@attrs.frozen
class Seen:
    """What the cross-template checks remember of one template, and where it was.

    Only what the checks compare is kept, so that memory stays flat however many
    files a run reads: the body as a digest, not its text, and no source map
    (positions are found again in the few files a check reports on).
    """

    file: str
    template: int
    name: str | None
    language: str | None
    channel: str | None
    body_index: int | None  # the BODY component's index, when it has text
    digest: int | None  # of "body text\nfooter text", when the BODY has text
    in_list: bool = False  # the file holds a list of templates

    @classmethod
    def of(
        cls, file: str, template: int, data: Mapping[str, Any], *, in_list: bool = False
    ) -> Seen:
        """Remember a template's identity and content."""
        name, language = data.get("Name"), data.get("Language")
        kind = data.get("TemplateType")
        body_index, digest = _content(data)
        return cls(
            file,
            template,
            name if isinstance(name, str) else None,
            # Interned: a tree has a few languages and channels, each repeated in
            # every template, and only one copy of each need be kept.
            sys.intern(language) if isinstance(language, str) else None,
            sys.intern(kind) if isinstance(kind, str) else None,
            body_index,
            digest,
            in_list,
        )

    @property
    def prefix(self) -> str:
        """The pointer of the template in its file."""
        return f"/{self.template}" if self.in_list else ""

    @property
    def body_pointer(self) -> str | None:
        """The pointer of the BODY text inside the template, if it has one."""
        index = self.body_index
        return None if index is None else f"/Components/{index}/Text"


def _content(data: Mapping[str, Any]) -> tuple[int | None, int | None]:
    """The BODY's index and a digest of the body and footer texts (None, None)."""
    components = data.get("Components")
    if not isinstance(components, list):
        return None, None
    texts = {"BODY": "", "FOOTER": ""}
    body = None
    for index, component in enumerate(components):
        kind = component.get("Type") if isinstance(component, dict) else None
        if isinstance(kind, str) and kind in texts:
            text = component.get("Text")
            texts[kind] = text.strip() if isinstance(text, str) else ""
            if kind == "BODY":
                body = index
    if body is None or not texts["BODY"]:
        return None, None
    content = texts["BODY"] + "\n" + texts["FOOTER"]
    # The text's own 64-bit hash: equal texts give equal digests, and two
    # different texts share one with odds of 2**-64 a pair (a false XF002
    # warning at worst). Workers are forked, so they hash with the same seed as
    # this process; and hashlib would cost every start-up 5 ms.
    return body, hash(content)


Across = Callable[[list[Seen]], Iterator[tuple[Seen, Finding]]]


def duplicate_name_language(seen: list[Seen]) -> Iterator[tuple[Seen, Finding]]:
    """Two templates among the files linted have the same `Name` and `Language`.

    Why: the service refuses a second template with a name it already holds
    (`InvalidParameter.TemplateNameExist`), and within one submission the second
    of two such templates fails. The same name in different languages is how
    translations are submitted, and is fine. Reported at the second one.
    """
    first: dict[tuple[str, str], Seen] = {}
    for entry in seen:
        if entry.name is None or entry.language is None:
            continue
        key = (entry.name, entry.language)
        if key in first:
            earlier = first[key]
            yield (
                entry,
                Finding(
                    "/Name",
                    f"Name '{shorten(entry.name)}' in {shorten(entry.language or '')} is already used by "
                    f"{_where(earlier)}.",
                ),
            )
        else:
            first[key] = entry


def duplicate_content(seen: list[Seen]) -> Iterator[tuple[Seen, Finding]]:
    """Two WhatsApp templates among the files linted have the same BODY and FOOTER texts.

    Why: Meta rejects a template whose content duplicates an existing one under
    another name. Reported at the second one's BODY text, as a warning: the
    first may be retired by the time the second is sent.
    """
    first: dict[tuple[str | None, int], Seen] = {}
    for entry in seen:
        if entry.digest is None or entry.channel != Channel.WHATSAPP.value:
            continue
        key = (entry.language, entry.digest)
        earlier = first.setdefault(key, entry)
        if earlier is not entry and earlier.name != entry.name:
            yield (
                entry,
                Finding(
                    entry.body_pointer or "",
                    f"The same BODY and FOOTER text as {_where(earlier)}; Meta rejects duplicates.",
                ),
            )


def _where(entry: Seen) -> str:
    return f"{entry.file} (template {entry.template})"


def _registered(
    code: str,
    slug: str,
    check: Across,
    severity: Severity,
    evidence: tuple[Evidence, ...],
) -> Rule:
    return reserved(
        code, slug, check.__doc__ or "", severity=severity, evidence=evidence
    )


DUPLICATE_NAME_LANGUAGE = _registered(
    "XF001",
    "duplicate-name-language",
    duplicate_name_language,
    Severity.ERROR,
    (
        cams_error(
            "InvalidParameter.TemplateNameExist",
            "The error code returned because the specified name is already used by "
            "an existing template.",
            read=READ,
        ),
    ),
)
DUPLICATE_CONTENT = _registered(
    "XF002",
    "duplicate-content",
    duplicate_content,
    Severity.WARNING,
    (
        meta_review(
            "The message template is a duplicate of an existing template. If a "
            "template is submitted with the same wording in the body and footer of an "
            "existing template, the duplicate template will be rejected."
        ),
        Evidence(
            Kind.INFERENCE,
            Outcome.UNSTATED,
            "chatapp-lint",
            "Only the files of one run are compared; the earlier template may be "
            "deleted, or differ from what the service holds, by the time this one is sent.",
        ),
    ),
)
CHECKS: tuple[tuple[Rule, Across], ...] = (
    (DUPLICATE_NAME_LANGUAGE, duplicate_name_language),
    (DUPLICATE_CONTENT, duplicate_content),
)
RULES = (DUPLICATE_NAME_LANGUAGE, DUPLICATE_CONTENT)
