"""The default report: one `FILE:LINE:COLUMN: CODE [severity] message` line each.

A violation that `--fix` would fix is marked `[*]` after its severity, as ruff
marks them, and the summary line ends by saying how many there are.
"""

from __future__ import annotations

from collections.abc import Collection

from chatapp_lint.engine import Report
from chatapp_lint.fixable import NONE, FixKey, fix_key

FIXABLE_MARK = "[*]"


def render(report: Report) -> str:
    """Each violation on a line, then a summary line."""
    return "".join(line + "\n" for line in [*violation_lines(report), summary(report)])


def violation_lines(report: Report, fixable: Collection[FixKey] = NONE) -> list[str]:
    """`FILE:LINE:COLUMN: CODE [severity] message`, one per violation.

    A violation in `fixable` gets `[*]` between its severity and its message.
    """
    return [
        f"{_display(v.file)}:{v.line}:{v.column}: {v.code} [{v.severity}]"
        f"{' ' + FIXABLE_MARK if fix_key(v) in fixable else ''} {v.message}"
        for v in report.violations
    ]


def fixable_summary(count: int) -> str | None:
    """`[*] 3 fixable with --fix.`, or None when nothing is."""
    if not count:
        return None
    return f"{FIXABLE_MARK} {count:,} fixable with --fix (--diff shows the changes)."


def _display(file: str | None) -> str:
    """A file name with control characters escaped.

    A newline in a file name would otherwise start a line that reads like a
    report of its own.
    """
    name = file or ""
    if name.isprintable():
        return name
    return "".join(c if c.isprintable() else repr(c)[1:-1] for c in name)


def summary(report: Report) -> str:
    """One sentence: what was found in how many files and templates."""
    files = _count(report.files, "file")
    templates = _count(report.templates, "template")
    if not report.violations:
        return f"All clean: {files}, {templates} checked."
    errors = _count(report.errors, "error")
    warnings = _count(report.warnings, "warning")
    return f"Found {errors} and {warnings} in {files} ({templates})."


def _count(number: int, noun: str) -> str:
    return f"{number:,} {noun}{'' if number == 1 else 's'}"
