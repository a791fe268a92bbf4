"""The default report: one `FILE:LINE:COLUMN: CODE [severity] message` line each.

A violation that `--fix` would fix is marked `[*]` after its severity, as ruff
marks them, and the summary line ends by saying how many there are.
"""

from __future__ import annotations

from collections.abc import Callable, Collection

from chatapp_lint.engine import Report
from chatapp_lint.escaping import visible
from chatapp_lint.fixable import NONE, FixKey, fix_key

FIXABLE_MARK = "[*]"
Paint = Callable[[str, str, str], str]


def render(report: Report) -> str:
    """Each violation on a line, then a summary line."""
    return "".join(line + "\n" for line in [*violation_lines(report), summary(report)])


def violation_lines(
    report: Report, fixable: Collection[FixKey] = NONE, paint: Paint | None = None
) -> list[str]:
    """`FILE:LINE:COLUMN: CODE [severity] message`, one per violation.

    A violation in `fixable` gets `[*]` between its severity and its message.
    The file name and the message (which quotes the template) are made
    visible: a line break in either would start a line that reads like a
    report of its own, and an escape sequence would reach the terminal.
    `paint(place, code, severity)`, if given, writes the head in colour.
    """
    lines = []
    for v in report.violations:
        place = f"{visible(v.file or '')}:{v.line}:{v.column}:"
        severity = str(v.severity)
        head = (
            paint(place, v.code, severity)
            if paint is not None
            else f"{place} {v.code} [{severity}]"
        )
        mark = f" {FIXABLE_MARK}" if fix_key(v) in fixable else ""
        lines.append(f"{head}{mark} {visible(v.message)}")
    return lines


def fixable_summary(count: int) -> str | None:
    """`[*] 3 fixable with --fix.`, or None when nothing is."""
    if not count:
        return None
    return f"{FIXABLE_MARK} {count:,} fixable with --fix (--diff shows the changes)."


def summary(report: Report) -> str:
    """One sentence: what was found in how many files and templates."""
    files = _count(report.files, "file")
    templates = _count(report.templates, "template")
    skipped = f"; {report.skipped:,} skipped: not templates" if report.skipped else ""
    if not report.violations:
        return f"All clean: {files}, {templates} checked{skipped}."
    errors = _count(report.errors, "error")
    warnings = _count(report.warnings, "warning")
    return f"Found {errors} and {warnings} in {files} ({templates}){skipped}."


def _count(number: int, noun: str) -> str:
    return f"{number:,} {noun}{'' if number == 1 else 's'}"
