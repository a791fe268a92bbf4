"""The linter's own immutable values: severities, channels, findings and violations."""

from __future__ import annotations

import enum
from typing import Final

import attrs

NEVER_HIDDEN: Final = "FL"
"""The code prefix of problems with the file itself (it cannot be read or parsed):
errors reported whatever `select`, `ignore`, `per-file-ignores`, inline comments
or `severity` say, as ruff reports a syntax error whatever is selected."""


class Severity(enum.StrEnum):
    """How serious a violation is; only errors fail a run by default."""

    ERROR = "error"
    WARNING = "warning"


class Channel(enum.StrEnum):
    """The messaging channel a template is for, from its `TemplateType`."""

    WHATSAPP = "WHATSAPP"
    VIBER = "VIBER"


@attrs.frozen
class Position:
    """A place in a file: 1-based line and column, the column in Unicode code points."""

    line: int
    column: int


@attrs.frozen
class Finding:
    """What a check reports: where, as a pointer inside one template, and why.

    `at_key` asks the engine to place the finding on the member's key rather than
    its value (an unknown or duplicate member is best shown at its name).
    """

    pointer: str
    message: str
    at_key: bool = False


@attrs.frozen(kw_only=True)
class Violation:
    """One reported problem. Field order is the JSON report's key order."""

    file: str | None
    line: int | None
    column: int | None
    code: str
    rule: str
    severity: Severity
    message: str
    template: int
    pointer: str

    def sort_key(self) -> tuple[str, int, int, int, str, str]:
        """Order by file, template, position, code and pointer, `None` first."""
        return (
            self.file or "",
            self.template,
            self.line or 0,
            self.column or 0,
            self.code,
            self.pointer,
        )

    def to_dict(self) -> dict[str, object]:
        """The violation as plain JSON-ready values, in the contract's key order."""
        return attrs.asdict(self)
