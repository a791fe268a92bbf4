"""The JSON report: `{"violations": [...], "summary": {...}}`, as the README documents it."""

from __future__ import annotations

import json
from typing import Any

from chatapp_lint.engine import Report
from chatapp_lint.escaping import well_formed


def render(report: Report, *, statistics: list[dict[str, Any]] | None = None) -> str:
    """The report as one JSON object, with a trailing newline, always valid UTF-8.

    With `statistics` (`--statistics`), the object has a third member,
    `"statistics"`: per rule, its `code`, `rule` (slug), `count` and how many
    of those are `fixable`, most first. `violations` and `summary` keep their
    shape either way. A file name that is not UTF-8, or a lone surrogate from a
    template, is written with visible escapes (see `escaping.well_formed`).
    """
    document: dict[str, Any] = {
        "violations": [_well_formed(v.to_dict()) for v in report.violations],
        "summary": {
            "files": report.files,
            "templates": report.templates,
            "errors": report.errors,
            "warnings": report.warnings,
            "skipped": report.skipped,
        },
    }
    if statistics is not None:
        document["statistics"] = statistics
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def _well_formed(violation: dict[str, Any]) -> dict[str, Any]:
    return {
        key: well_formed(value) if isinstance(value, str) else value
        for key, value in violation.items()
    }
