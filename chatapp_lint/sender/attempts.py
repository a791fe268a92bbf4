"""Create one template: pace, retry, and look it up whenever an answer was lost.

The rule that keeps duplicates out: after a create whose answer never came
(a timeout, a dropped connection), the template is looked up by name and
language before anything is sent again. Throttling answers are retried (the
service did not act on them); other API errors are final. Each outcome is
written to the report file before the next template is sent.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

import attrs

from chatapp_lint.sender.journal import Journal
from chatapp_lint.sender.lookup import Lookup, described, judge, outcome_for
from chatapp_lint.sender.outcome import (
    NAME_EXISTS_SUFFIX,
    ApiFailure,
    CallFailed,
    Failure,
    Outcome,
    Status,
)
from chatapp_lint.sender.pacing import Backoff, RateLimiter

if TYPE_CHECKING:
    from chatapp_lint.sender.batch import Item
    from chatapp_lint.sender.errors import Redactor
    from chatapp_lint.sender.sdk import Gateway
    from chatapp_lint.sender.settings import Settings


class Attempts:
    """Sends templates one at a time, recording each outcome as soon as it is known."""

    def __init__(
        self,
        gateway: Gateway,
        settings: Settings,
        journal: Journal | None,
        on_outcome: Callable[[Outcome], None] | None = None,
    ) -> None:
        self._gateway = gateway
        self._settings = settings
        self._journal = journal
        self._on_outcome = on_outcome
        self._lookup = Lookup(gateway, settings)
        self._rate = RateLimiter(settings.create_per_second, settings.timing)

    def run(self, item: Item) -> Outcome:
        """Create one template (or skip it), record the outcome and return it."""
        key = item.key
        earlier = self._journal.done(key) if self._journal else None
        if earlier is not None:
            code = earlier.get("template_code")
            return self._finish(outcome_for(item, Status.SKIPPED, template_code=code))
        try:
            outcome = None
            if self._journal is not None and self._journal.uncertain(key):
                # An earlier run lost track of it: look before creating.
                outcome = judge(item, self._lookup.find(item), lost_answer=True)
            outcome = outcome or self._create(item)
        except KeyboardInterrupt:
            interrupted = outcome_for(item, Status.INTERRUPTED, message="interrupted")
            self._finish(interrupted)
            raise
        return self._finish(outcome)

    def _finish(self, outcome: Outcome) -> Outcome:
        """Scrub, show, then record: what was created is shown even if recording fails."""
        outcome = _scrubbed(outcome, self._gateway.redact)
        if self._on_outcome is not None:
            self._on_outcome(outcome)
        if self._journal is not None:
            self._journal.append(outcome)
        return outcome

    def _create(self, item: Item) -> Outcome:
        s = self._settings
        backoff = Backoff(s.max_retries, s.backoff, s.max_backoff, s.timing)
        while True:
            self._rate.acquire()
            try:
                code, request_id = self._gateway.create(item.data, item.where)
            except CallFailed as error:
                failure = error.failure
            else:
                return outcome_for(
                    item, Status.CREATED, template_code=code, request_id=request_id
                )
            if isinstance(failure, ApiFailure):
                if failure.throttled and not backoff.exhausted:
                    backoff.wait(failure.retry_after)
                    continue
                if failure.code.endswith(NAME_EXISTS_SUFFIX):
                    return self._name_exists(item, failure)
                return _failed(item, failure)
            if failure.reached:
                # No answer: the service may have created it. Look before sending again.
                found = judge(item, self._lookup.find(item), lost_answer=True)
                if found is not None:
                    return found
            if backoff.exhausted:
                return _failed(item, failure)
            backoff.wait()

    def _name_exists(self, item: Item, failure: ApiFailure) -> Outcome:
        """`TemplateNameExist`: report what the service holds (or count it, if ours)."""
        found = self._lookup.find(item)
        judged = judge(item, found, lost_answer=False)
        if judged is not None and judged.status is Status.EXISTS:
            return attrs.evolve(judged, request_id=failure.request_id)
        if found.held is not None and found.failure is None:
            held = f"; the service holds {described(found.held)}, with other content"
        else:
            held = "; what the service holds could not be looked up"
        return attrs.evolve(_failed(item, failure), message=f"{failure.message}{held}")


def _scrubbed(outcome: Outcome, redact: Redactor) -> Outcome:
    """The outcome with every text that came from the service redacted.

    Every outcome passes here before it is shown or recorded, whichever path
    (create, lookup, name clash) put the service's words into it.
    """

    def clean(value: str | None) -> str | None:
        return None if value is None else redact(value)

    return attrs.evolve(
        outcome,
        template_code=clean(outcome.template_code),
        error_code=clean(outcome.error_code),
        message=clean(outcome.message),
        request_id=clean(outcome.request_id),
    )


def _failed(item: Item, failure: Failure) -> Outcome:
    if isinstance(failure, ApiFailure):
        return outcome_for(
            item,
            Status.FAILED,
            error_code=failure.code,
            message=failure.message,
            request_id=failure.request_id,
        )
    return outcome_for(
        item, Status.FAILED, error_code=failure.code, message=failure.detail
    )
