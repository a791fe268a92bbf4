"""Ask the service what it holds under a name and language, and judge the answer.

A lookup is what makes retries safe: it decides whether a create whose answer
was lost went through (our template is there), did not (nothing is there), or
cannot be told (the lookup failed, or another template holds the name).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Final

import attrs

from chatapp_lint.sender.outcome import ApiFailure, CallFailed, Failure, Outcome, Status
from chatapp_lint.sender.pacing import Backoff, RateLimiter
from chatapp_lint.sender.shape import same_content, to_template

if TYPE_CHECKING:
    from chatapp_lint.sender.batch import Item
    from chatapp_lint.sender.sdk import Gateway
    from chatapp_lint.sender.settings import Settings

HELD_DIFFERS: Final = "HeldTemplateDiffers"
"""Our code for: the service holds another template under this name and language."""
LOOKUP_MISMATCH: Final = "LookupMismatch"
"""Our code for: the lookup answered with a template of another name or language."""
# Detail request parameter <- template member; the SDK's request takes these.
_QUERY: Final = (
    ("TemplateName", "Name"),
    ("Language", "Language"),
    ("TemplateType", "TemplateType"),
    ("CustSpaceId", "CustSpaceId"),
    ("CustWabaId", "CustWabaId"),
    ("IsvCode", "IsvCode"),
)


@attrs.frozen
class Found:
    """What a lookup learnt: the held template's raw data, or why it could not tell."""

    held: Mapping[str, Any] | None
    request_id: str | None
    failure: Failure | None = None


class Lookup:
    """GetChatappTemplateDetail under the detail rate limit, with bounded retries."""

    def __init__(self, gateway: Gateway, settings: Settings) -> None:
        self._gateway = gateway
        self._settings = settings
        self._rate = RateLimiter(settings.detail_per_second, settings.timing)

    def find(self, item: Item) -> Found:
        """Look a template up by its name and language (and space, type...)."""
        query = {
            key: str(item.data[member])
            for key, member in _QUERY
            if item.data.get(member)
        }
        return self.fetch(query)

    def fetch(self, query: Mapping[str, str]) -> Found:
        """One detail call, retrying throttling and network failures."""
        s = self._settings
        backoff = Backoff(s.max_retries, s.backoff, s.max_backoff, s.timing)
        while True:
            self._rate.acquire()
            try:
                held, request_id = self._gateway.detail(query)
            except CallFailed as error:
                failure = error.failure
                retry = not isinstance(failure, ApiFailure) or failure.throttled
                if retry and not backoff.exhausted:
                    backoff.wait(getattr(failure, "retry_after", None))
                    continue
                return Found(None, getattr(failure, "request_id", None), failure)
            return Found(held, request_id)


def judge(item: Item, found: Found, *, lost_answer: bool) -> Outcome | None:
    """The outcome a lookup decides, or None when the template is not there.

    With `lost_answer`, our template found there counts as created (our create
    went through); otherwise as one the service already held.
    """
    if found.failure is not None:
        return outcome_for(
            item,
            Status.UNKNOWN,
            error_code=found.failure.code,
            message=f"the lookup failed ({found.failure.code}): "
            "a re-run with the same report looks again",
            request_id=found.request_id,
        )
    if found.held is None:
        return None
    shape, _ = to_template(found.held)
    if not _names_it(shape, item):
        return outcome_for(
            item,
            Status.UNKNOWN,
            error_code=LOOKUP_MISMATCH,
            message=f"the lookup answered with another template ({described(found.held)})",
            request_id=found.request_id,
        )
    if not same_content(shape, item.data):
        return outcome_for(
            item,
            Status.FAILED,
            error_code=HELD_DIFFERS,
            message="the service holds a different template under this name and "
            f"language: {described(found.held)}",
            request_id=found.request_id,
        )
    code = found.held.get("TemplateCode")
    return outcome_for(
        item,
        Status.CREATED if lost_answer else Status.EXISTS,
        template_code=None if code is None else str(code),
        request_id=found.request_id,
        via_lookup=True,
    )


def outcome_for(item: Item, status: Status, **fields: Any) -> Outcome:
    """An outcome for an item, with its file, index, name, language and space."""
    return Outcome(
        file=item.file,
        template=item.index,
        name=item.name,
        language=item.language,
        space_id=item.space_id,
        status=status,
        **fields,
    )


def described(held: Mapping[str, Any]) -> str:
    """What the service holds, in a few words: code, category, audit status."""
    parts = [
        f"{name} {held[name]}"
        for name in ("TemplateCode", "Category", "AuditStatus")
        if held.get(name) is not None
    ]
    return ", ".join(parts) or "a template without a TemplateCode"


def _names_it(shape: Mapping[str, Any], item: Item) -> bool:
    """Whether a looked-up template has our name and language (when it says)."""
    name = shape.get("Name", item.name)
    language = shape.get("Language", item.language)
    return bool(name == item.name and language == item.language)
