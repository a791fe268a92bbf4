"""Severity follows evidence: every rule says what backs it, and an error is a rejection."""

from __future__ import annotations

import re

import pytest

from chatapp_lint.docs import parse
from chatapp_lint.model import Severity
from chatapp_lint.rules import ALL_RULES
from chatapp_lint.rules._base import Rule
from chatapp_lint.rules._evidence import REJECTING_KINDS, Evidence, Kind, Outcome

_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


@pytest.mark.parametrize("rule", ALL_RULES, ids=lambda rule: rule.code)
def test_every_rule_has_evidence(rule: Rule) -> None:
    assert rule.evidence, f"{rule.code} names no source"


@pytest.mark.parametrize(
    "rule",
    [rule for rule in ALL_RULES if rule.severity is Severity.ERROR],
    ids=lambda rule: rule.code,
)
def test_an_error_rests_on_a_rejection(rule: Rule) -> None:
    assert rule.rejection_documented, (
        f"{rule.code} is an error, but none of its sources says the value is rejected"
    )


@pytest.mark.parametrize("rule", ALL_RULES, ids=lambda rule: rule.code)
def test_evidence_is_complete_and_public(rule: Rule) -> None:
    for item in rule.evidence:
        assert item.citation.strip()
        assert item.quote.strip()
        if item.kind not in {Kind.INFERENCE, Kind.LINTER, Kind.FORMAT}:
            assert item.url.startswith("https://"), f"{rule.code}: {item.citation}"
            assert _ISO_DATE.fullmatch(item.read), f"{rule.code}: when was it read?"
    # The evidence replaces the free-text Source section.
    assert "Source" not in parse(rule.doc).sections
    # (No citation of material users do not have: tests/test_docs_truth.py.)


def test_only_some_kinds_can_make_an_error() -> None:
    reseller = Evidence(Kind.RESELLER, Outcome.REJECTED, "a BSP", "rejected")
    guess = Evidence(Kind.INFERENCE, Outcome.REJECTED, "us", "rejected")
    seed = Evidence(Kind.API_REFERENCE, Outcome.REJECTED, "CreateChatappTemplate", "x")
    ignored = Evidence(
        Kind.API_REFERENCE, Outcome.IGNORED, "CreateChatappTemplate", "x"
    )
    assert not reseller.rejects
    assert not guess.rejects
    assert seed.rejects
    assert not ignored.rejects
    assert Kind.RESELLER not in REJECTING_KINDS
    assert Kind.INFERENCE not in REJECTING_KINDS
