"""Reporters: exact text and JSON output for a known report."""

from __future__ import annotations

import json

import attrs

from chatapp_lint.engine import Report
from chatapp_lint.model import Severity, Violation
from chatapp_lint.reporters import REPORTERS


def _report() -> Report:
    violations = (
        Violation(
            file="t/a.yaml",
            line=12,
            column=9,
            code="BT003",
            rule="too-many-url-buttons",
            severity=Severity.ERROR,
            message="3 URL buttons; at most 2 are allowed.",
            template=0,
            pointer="/Components/3/Buttons/2",
        ),
        Violation(
            file="t/b.json",
            line=3,
            column=5,
            code="DP001",
            rule="deprecated-cust-waba-id",
            severity=Severity.WARNING,
            message="'CustWabaId' is deprecated: use 'CustSpaceId' instead.",
            template=1,
            pointer="/CustWabaId",
        ),
    )
    return Report(violations, files=2, templates=3)


def test_text_report_lines_and_summary() -> None:
    assert REPORTERS["text"](_report()) == (
        "t/a.yaml:12:9: BT003 [error] 3 URL buttons; at most 2 are allowed.\n"
        "t/b.json:3:5: DP001 [warning] 'CustWabaId' is deprecated: use 'CustSpaceId' instead.\n"
        "Found 1 error and 1 warning in 2 files (3 templates).\n"
    )


def test_text_report_when_clean() -> None:
    assert REPORTERS["text"](Report((), files=1, templates=1)) == (
        "All clean: 1 file, 1 template checked.\n"
    )


def test_files_a_walk_skipped_are_counted_in_the_summary() -> None:
    skipping = Report((), files=1, templates=1, skipped=2)
    assert REPORTERS["text"](skipping) == (
        "All clean: 1 file, 1 template checked; 2 skipped: not templates.\n"
    )
    assert json.loads(REPORTERS["json"](skipping))["summary"]["skipped"] == 2
    dirty = attrs.evolve(_report(), skipped=1)
    assert REPORTERS["text"](dirty).endswith(
        "Found 1 error and 1 warning in 2 files (3 templates); "
        "1 skipped: not templates.\n"
    )


def test_json_report_is_the_contract_shape() -> None:
    document = json.loads(REPORTERS["json"](_report()))
    assert document == {
        "violations": [
            {
                "file": "t/a.yaml",
                "line": 12,
                "column": 9,
                "code": "BT003",
                "rule": "too-many-url-buttons",
                "severity": "error",
                "message": "3 URL buttons; at most 2 are allowed.",
                "template": 0,
                "pointer": "/Components/3/Buttons/2",
            },
            {
                "file": "t/b.json",
                "line": 3,
                "column": 5,
                "code": "DP001",
                "rule": "deprecated-cust-waba-id",
                "severity": "warning",
                "message": "'CustWabaId' is deprecated: use 'CustSpaceId' instead.",
                "template": 1,
                "pointer": "/CustWabaId",
            },
        ],
        "summary": {
            "files": 2,
            "templates": 3,
            "errors": 1,
            "warnings": 1,
            "skipped": 0,
        },
    }
