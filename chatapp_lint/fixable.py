"""Which reported violations `--fix` would fix, so that the report can mark them.

A code having a fix is not enough: DP001 is left alone when `CustSpaceId`
holds another value, SC004 is fixed only for a renamed category or a value in
the wrong case. So each file with a violation of a fixable code is fixed in
memory as `--fix` would fix it (same selection, same ignores), and the fixes
it makes are the fixable violations. Nothing is written, and the text is not
re-written either (that would cost ruamel.yaml's import on every failing
pre-commit run): in the rare case where `--fix` then refuses a fix because the
text would not read back, it says so in a note.
"""

from __future__ import annotations

from collections.abc import Collection
from typing import TYPE_CHECKING, Final

from chatapp_lint.model import Violation

if TYPE_CHECKING:
    from chatapp_lint.config import Config
    from chatapp_lint.engine import Report
    from chatapp_lint.selection import Selection

FixKey = tuple[str | None, int, str, str]
"""A violation as a fix names it: file, template, code and pointer."""

NONE: Final[frozenset[FixKey]] = frozenset()


def fix_key(violation: Violation) -> FixKey:
    """The key of a violation, to look it up among the fixable ones."""
    return (violation.file, violation.template, violation.code, violation.pointer)


def fixable(
    report: Report,
    selection: Selection,
    config: Config | None,
    *,
    unreadable: Collection[str] = (),
) -> frozenset[FixKey]:
    """The keys of the violations in `report` that `--fix` would fix.

    Args:
        report: What linting found.
        selection: The rules that ran; only their violations are fixed.
        config: Its ignores are respected, as `--fix` respects them.
        unreadable: Names that are no file to fix (standard input's).
    """
    if not report.violations:
        return NONE  # without importing the fixes: a clean run needs none of them
    from chatapp_lint.fixes import FIXES

    names = sorted(
        {
            v.file
            for v in report.violations
            if v.code in FIXES and v.file is not None and v.file not in unreadable
        }
    )
    if not names:
        return NONE
    from pathlib import Path

    from chatapp_lint.fixer import planned_fixes

    return frozenset(
        (name, change.template, change.code, change.pointer)
        for name in names
        for change in planned_fixes(Path(name), selection, config=config, name=name)
    )
