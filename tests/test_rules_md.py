"""rules.md is generated from the registry and must never drift from it."""

from __future__ import annotations

from pathlib import Path

from chatapp_lint.docs import rules_markdown
from chatapp_lint.rules import ALL_RULES

ROOT = Path(__file__).parent.parent


def test_committed_rules_md_is_current() -> None:
    committed = (ROOT / "rules.md").read_text(encoding="utf-8")
    assert committed == rules_markdown(), "run `python -m chatapp_lint.docs`"


def test_rules_md_has_an_entry_per_rule() -> None:
    text = rules_markdown()
    for rule in ALL_RULES:
        assert f"## {rule.code} {rule.slug}" in text
