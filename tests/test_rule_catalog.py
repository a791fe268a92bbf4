"""The registry: codes and slugs, and every rule's documentation, examples included."""

from __future__ import annotations

import re

import pytest
import yaml

from chatapp_lint.docs import SHORTENED, parse
from chatapp_lint.engine import lint
from chatapp_lint.rules import ALL_RULES, by_code, find
from chatapp_lint.rules._base import Rule, Scope
from chatapp_lint.selection import Selection

RULES = [rule for rule in ALL_RULES if rule.scope is not Scope.ENGINE]


def test_codes_and_slugs_are_unique_and_well_formed() -> None:
    codes = [rule.code for rule in ALL_RULES]
    slugs = [rule.slug for rule in ALL_RULES]
    assert len(set(codes)) == len(codes)
    assert len(set(slugs)) == len(slugs)
    for rule in ALL_RULES:
        assert re.fullmatch(r"[A-Z]{2}[0-9]{3}", rule.code), rule.code
        assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", rule.slug), rule.slug


def test_lookup_by_code_and_slug() -> None:
    rule = by_code("BT003")
    assert find("bt003") is rule
    assert find("too-many-url-buttons") is rule
    assert find("no-such-rule") is None


@pytest.mark.parametrize("rule", ALL_RULES, ids=lambda r: r.code)
def test_every_code_has_a_summary_and_a_source(rule: Rule) -> None:
    doc = parse(rule.doc)
    assert doc.summary.endswith("."), rule.code
    # A rule's source is its evidence, or (until it has some) a Source section.
    assert rule.evidence or "Source" in doc.sections, rule.code


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.code)
def test_every_rule_documents_a_failing_and_a_passing_example(rule: Rule) -> None:
    doc = parse(rule.doc)
    assert doc.fails is not None
    assert doc.passes is not None


def _selection(rule: Rule) -> Selection:
    return Selection.build(ALL_RULES, extend_select=[rule.code])


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.code)
def test_passing_example_lints_clean(rule: Rule) -> None:
    example = yaml.safe_load(parse(rule.doc).passes or "")
    assert lint(example, selection=_selection(rule)) == []


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.code)
def test_failing_example_trips_its_rule(rule: Rule) -> None:
    text = parse(rule.doc).fails or ""
    if text.startswith(SHORTENED):
        pytest.skip("shortened for the docs; the rule's case file holds the real one")
    found = {v.code for v in lint(yaml.safe_load(text), selection=_selection(rule))}
    assert rule.code in found
