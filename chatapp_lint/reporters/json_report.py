"""The JSON report: `{"violations": [...], "summary": {...}}`, as CONTRACT.md fixes it."""

from __future__ import annotations

import json

from chatapp_lint.engine import Report


def render(report: Report) -> str:
    """The report as one JSON object, with a trailing newline."""
    document = {
        "violations": [v.to_dict() for v in report.violations],
        "summary": {
            "files": report.files,
            "templates": report.templates,
            "errors": report.errors,
            "warnings": report.warnings,
            "skipped": report.skipped,
        },
    }
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"
