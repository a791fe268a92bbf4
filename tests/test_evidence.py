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
    "FL001",
    "FL002",
    "FL003",
    "FL004",
    "FL005",
    "FL006",
    "FL007",
    "FL008",
    "FL009",
    "FL011",
    "SC001",
    "SC002",
    "SC003",
    "SC004",
    "SC005",
    "SC006",
    "SC007",
    "IN001",
    "LN001",
    "LN002",
    "LN003",
    "HD001",
    "HD002",
    "HD003",
    "HD004",
    "HD005",
    "TT001",
    "TT002",
    "TT003",
    "VB001",
    "VB002",
    "VB003",
    "VB004",
    "VB005",
    "VB006",
    "VB007",
    "VB008",
    "VB009",
    "VB010",
    "VB011",
    "VB012",
    "VB013",
    "VB014",
    "NM001",
    "NM002",
    "NM003",
    "LG001",
    "LG002",
    "LG003",
    "VR001",
    "VR002",
    "VR003",
    "VR004",
    "VR005",
    "VR006",
    "VR007",
    "VR008",
    "VR009",
    "VR010",
    "VR011",
    "VR012",
    "VR013",
    "XF001",
    "XF002",
    "TX001",
}

_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
# Material that users of the linter do not have.
_PRIVATE = re.compile(
    r"CONTRACT\.md|rules-research|research note|sdk-notes|\.\./shared"
)


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
        assert not _PRIVATE.search(item.citation + item.quote + item.url)
        if item.kind not in {Kind.INFERENCE, Kind.LINTER, Kind.FORMAT}:
            assert item.url.startswith("https://"), f"{rule.code}: {item.citation}"
            assert _ISO_DATE.fullmatch(item.read), f"{rule.code}: when was it read?"
    # The evidence replaces the free-text Source section.
    assert "Source" not in parse(rule.doc).sections
    assert not _PRIVATE.search(rule.doc)


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
