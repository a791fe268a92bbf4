"""The GitHub Actions report: one `::error` or `::warning` workflow command per violation.

GitHub turns each command into an annotation on the file and line, in the run's
summary and on the pull request's diff.
"""

from __future__ import annotations

from chatapp_lint.engine import Report
from chatapp_lint.escaping import github_data, github_property
from chatapp_lint.model import Violation


def render(report: Report) -> str:
    """One workflow command line per violation, and nothing else.

    There is no summary line, not even as a `::notice::`: a notice is one more
    annotation on every run, clean runs included, that repeats what the
    annotations and the step's exit status already say. A clean run prints
    nothing.

    Args:
        report: The violations to report.

    Returns:
        The commands, each ending with a newline; an empty string when clean.
    """
    return "".join(_command(violation) + "\n" for violation in report.violations)


def _command(violation: Violation) -> str:
    """`::error file=F,line=L,col=C,title=CODE slug::message [pointer]`.

    The file is the name as the report has it: relative names are what GitHub
    matches against the repository. A missing file, line or column is left out
    rather than invented, and so is the empty pointer of a whole template.
    """
    properties = {
        "file": violation.file,
        "line": violation.line,
        "col": violation.column,
        "title": f"{violation.code} {violation.rule}",
    }
    listed = ",".join(
        f"{name}={escape_property(str(value))}"
        for name, value in properties.items()
        if value is not None
    )
    data = violation.message
    if violation.pointer:
        data += f" [{violation.pointer}]"
    return f"::{violation.severity.value} {listed}::{escape_data(data)}"


def escape_data(text: str) -> str:
    """A command's message, made visible and escaped (see `escaping.github_data`)."""
    return github_data(text)


def escape_property(text: str) -> str:
    """A property value, made visible and escaped (see `escaping.github_property`)."""
    return github_property(text)
