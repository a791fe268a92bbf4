"""What happened to each template, and to each call: plain values, no SDK types."""

from __future__ import annotations

import enum
from typing import Any

import attrs

LIMIT_CONTROL = "System.LimitControl"
NAME_EXISTS_SUFFIX = "TemplateNameExist"
NOT_REACHED = frozenset(
    {"ConnectionRefused", "ConnectTimeout", "NameResolution", "ConnectFailed"}
)
"""Transport failures that happen before a request is sent."""


class Status(enum.StrEnum):
    """The outcome of one template."""

    CREATED = "created"
    """The service created it (seen in its answer, or found by a lookup)."""
    EXISTS = "exists"
    """The service already held the same template under that name and language."""
    SKIPPED = "skipped"
    """The report file says an earlier run created it."""
    FAILED = "failed"
    """The service refused it, or it could not be sent; it was not created."""
    UNKNOWN = "unknown"
    """It may or may not have been created: a re-run looks it up first."""
    INTERRUPTED = "interrupted"
    """Ctrl-C while it was in flight: a re-run looks it up first."""
    PLANNED = "planned"
    """A dry run: this is what would be sent."""

    @property
    def done(self) -> bool:
        """Whether the service holds the template, so a re-run skips it."""
        return self in {Status.CREATED, Status.EXISTS, Status.SKIPPED}

    @property
    def uncertain(self) -> bool:
        """Whether a re-run must look the template up before creating it."""
        return self in {Status.UNKNOWN, Status.INTERRUPTED}


@attrs.frozen
class ApiFailure:
    """The service answered with an error code."""

    code: str
    message: str
    request_id: str | None
    status: int | None = None
    retry_after: float | None = None

    @property
    def throttled(self) -> bool:
        """Whether the answer is the flow-control one, worth a retry."""
        return self.code == LIMIT_CONTROL or self.code.startswith("Throttling")


@attrs.frozen
class TransportFailure:
    """No usable answer came back: refused, timed out, dropped or unreadable."""

    kind: str
    detail: str

    @property
    def reached(self) -> bool:
        """Whether the request may have reached the service (so may have acted).

        Only a failure to connect at all proves it did not.
        """
        return self.kind not in NOT_REACHED

    @property
    def code(self) -> str:
        """A code for reports, in the style of the service's."""
        return f"Network.{self.kind}"


Failure = ApiFailure | TransportFailure


class CallFailed(Exception):  # noqa: N818 - it carries a Failure; the name says so
    """A call to the service did not succeed; `failure` says how."""

    def __init__(self, failure: Failure) -> None:
        self.failure = failure
        super().__init__(failure.code)


@attrs.frozen(kw_only=True)
class Outcome:
    """One template's outcome, as printed and as written to the report file.

    `file` is None (and `template` the position among the arguments) for
    templates given as mappings.
    """

    file: str | None
    template: int
    name: str
    language: str
    space_id: str | None = None
    status: Status
    template_code: str | None = None
    error_code: str | None = None
    message: str | None = None
    request_id: str | None = None
    via_lookup: bool = False
    parameters: dict[str, str] | None = attrs.field(default=None, eq=False)

    def to_record(self) -> dict[str, Any]:
        """The report file's JSON object (the dry run's parameters are left out)."""
        record = attrs.asdict(self, filter=lambda a, _: a.name != "parameters")
        record["status"] = str(self.status)
        return record


@attrs.frozen
class SendReport:
    """Every template's outcome, in file order."""

    outcomes: tuple[Outcome, ...]

    def count(self, status: Status) -> int:
        """How many templates ended with that status."""
        return sum(o.status is status for o in self.outcomes)

    @property
    def ok(self) -> bool:
        """Whether every template is held by the service (or was only planned)."""
        return all(o.status.done or o.status is Status.PLANNED for o in self.outcomes)

    def summary(self) -> str:
        """One line: how many of each status, in a fixed order."""
        parts = [
            f"{self.count(status)} {status}" for status in Status if self.count(status)
        ]
        return (", ".join(parts) or "no templates") + "."
