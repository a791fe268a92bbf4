"""Severity follows evidence: every rule says what backs it, and an error is a rejection."""

from __future__ import annotations

import re

import pytest

from chatapp_lint.docs import parse
from chatapp_lint.model import Severity
from chatapp_lint.rules import ALL_RULES
from chatapp_lint.rules._base import Rule
from chatapp_lint.rules._evidence import REJECTING_KINDS, Evidence, Kind, Outcome

# Rules whose evidence is still being written down (one code a line). The list
# only shrinks: a rule listed here must have none yet, and one not listed is held
# to every check below.
PENDING = {
    "CP001",
    "CP002",
    "CP003",
    "CP004",
    "CP005",
    "BT002",
    "BT003",
    "BT004",
    "BT005",
    "BT006",
    "BT007",
    "BT008",
    "BT009",
    "BT010",
    "BT011",
    "BT012",
    "BT013",
    "BT014",
    "BT015",
    "BT016",
    "BT017",
    "BT018",
    "BT019",
    "BT020",
    "BT021",
    "BT022",
    "AU001",
    "AU002",
    "AU003",
    "AU004",
    "AU005",
    "AU006",
    "AU007",
    "AU008",
    "AU009",
    "AU010",
    "AU011",
    "AU012",
    "AU013",
    "AU014",
    "CR001",
    "CR002",
    "CR003",
    "CR004",
    "CR005",
    "CR006",
    "CR007",
    "LO001",
    "LO002",
    "LO003",
    "LO004",
    "DP001",
    "DP002",
    "DP003",
    "DP004",
}

_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def _documented() -> list[Rule]:
    return [rule for rule in ALL_RULES if rule.code not in PENDING]


def test_pending_rules_have_no_evidence_yet() -> None:
    stale = sorted(
        rule.code for rule in ALL_RULES if rule.code in PENDING and rule.evidence
    )
    assert not stale, f"drop these from PENDING: {stale}"


@pytest.mark.parametrize("rule", _documented(), ids=lambda rule: rule.code)
def test_every_rule_has_evidence(rule: Rule) -> None:
    assert rule.evidence, f"{rule.code} names no source"


@pytest.mark.parametrize(
    "rule",
    [rule for rule in _documented() if rule.severity is Severity.ERROR],
    ids=lambda rule: rule.code,
)
def test_an_error_rests_on_a_rejection(rule: Rule) -> None:
    assert rule.rejection_documented, (
        f"{rule.code} is an error, but none of its sources says the value is rejected"
    )


@pytest.mark.parametrize("rule", _documented(), ids=lambda rule: rule.code)
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
