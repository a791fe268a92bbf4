"""The default report: one `FILE:LINE:COLUMN: CODE [severity] message` line each."""

from __future__ import annotations

from chatapp_lint.engine import Report


def render(report: Report) -> str:
    """Each violation on a line, then a summary line."""
    return "".join(line + "\n" for line in [*violation_lines(report), summary(report)])


def violation_lines(report: Report) -> list[str]:
    """`FILE:LINE:COLUMN: CODE [severity] message`, one per violation."""
    return [
        f"{_display(v.file)}:{v.line}:{v.column}: {v.code} [{v.severity}] {v.message}"
        for v in report.violations
    ]


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
    skipped = f"; {report.skipped:,} skipped: not templates" if report.skipped else ""
    if not report.violations:
        return f"All clean: {files}, {templates} checked{skipped}."
    errors = _count(report.errors, "error")
    warnings = _count(report.warnings, "warning")
    return f"Found {errors} and {warnings} in {files} ({templates}){skipped}."


def _count(number: int, noun: str) -> str:
    return f"{number:,} {noun}{'' if number == 1 else 's'}"
