"""The one runner over tests/cases/: every rule's passing and failing cases."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml

from chatapp_lint.engine import lint, lint_document
from chatapp_lint.loader import load_bytes
from chatapp_lint.rules import ALL_RULES, default_selection
from chatapp_lint.selection import Selection
from tests.casefiles import CASES_DIR, Case, bases, case_files, load_cases

CASES = list(load_cases())


def _selection(case: Case) -> Selection:
    extra = case.spec.get("enable", [])
    if not extra:
        return default_selection()
    return Selection.build(ALL_RULES, extend_select=extra)


def _compare(case: Case, found: list[dict[str, Any]]) -> None:
    only = case.spec.get("only")
    if only is not None:
        found = [item for item in found if item["code"] in only]
    with_position = any("line" in item for item in case.expect)
    keys = (
        ("code", "pointer", "line", "column") if with_position else ("code", "pointer")
    )
    expected = sorted(
        (tuple(item.get(k) for k in keys) for item in case.expect), key=str
    )
    actual = sorted((tuple(item.get(k) for k in keys) for item in found), key=str)
    assert actual == expected


@pytest.mark.parametrize(("case", "base"), CASES, ids=[c.id for c, _ in CASES])
def test_case(case: Case, base: str | None) -> None:
    source = case.source()
    if source is not None:
        kind, data = source
        violations, _ = lint_document(load_bytes(data, kind), "case", _selection(case))
        found = [v.to_dict() for v in violations]
    else:
        found = [
            v.to_dict() for v in lint(case.template(base), selection=_selection(case))
        ]
    _compare(case, found)


@pytest.mark.parametrize("name", sorted(bases()))
def test_every_base_lints_clean(name: str) -> None:
    assert lint(bases()[name]) == []


@pytest.mark.parametrize("path", case_files(), ids=lambda p: p.stem)
def test_case_file_matches_its_schema(path: Path) -> None:
    schema = json.loads((CASES_DIR / "_case.schema.json").read_text(encoding="utf-8"))
    jsonschema.validate(yaml.safe_load(path.read_text(encoding="utf-8")), schema)


# Codes a case file cannot express, each tested where its input can be made:
# bytes that are not text, a file system, a crash, or several files at once.
TESTED_ELSEWHERE = {
    "FL001": "tests/test_cli.py, tests/test_loader_*.py",
    "FL002": "tests/test_cli.py, tests/test_loader_*.py",
    "FL009": "tests/test_loader_*.py",
    "SC006": "tests/test_schema.py (no keyword of today's schema reaches it)",
    "IN001": "tests/test_cli.py::test_a_crashing_rule_is_an_internal_error_that_hides_nothing",
    "XF001": "tests/test_across.py",
    "XF002": "tests/test_across.py",
    # Values of a message, never a template: check_params reports them.
    **dict.fromkeys(
        ["PM001", "PM002", "PM003", "PM004", "PM005", "PM006"],
        "tests/sender/test_params.py",
    ),
}


def test_every_rule_has_a_passing_and_a_failing_case() -> None:
    by_rule: dict[str, list[Case]] = {}
    for case, _ in CASES:
        by_rule.setdefault(case.rule, []).append(case)
    missing = []
    for rule in ALL_RULES:
        cases = by_rule.get(rule.code, [])
        if rule.code in TESTED_ELSEWHERE:
            continue
        if not any(c.fails for c in cases) or all(c.fails for c in cases):
            missing.append(rule.code)
    assert missing == []


def test_every_case_file_names_a_known_rule_and_is_named_after_it() -> None:
    codes = {rule.code: rule.slug for rule in ALL_RULES}
    for path in case_files():
        rule = yaml.safe_load(path.read_text(encoding="utf-8"))["rule"]
        assert rule in codes, path
        assert path.stem == f"{rule}-{codes[rule]}", path
