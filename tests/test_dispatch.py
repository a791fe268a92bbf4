"""The dispatch shortcut: a rule's `members` never hides a finding.

A rule declared with `members` is only called on objects that hold one of them,
which is right only if the check finds nothing on any object without them.
"""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest
import yaml

from chatapp_lint.rules import ALL_RULES
from chatapp_lint.rules._base import Rule, TemplateView
from tests.casefiles import load_cases

EXAMPLES = Path(__file__).parent.parent / "examples"
MEMBER_RULES = [rule for rule in ALL_RULES if rule.members is not None]


def _read(path: Path) -> Any:
    try:
        text = path.read_text(encoding="utf-8")
        if path.suffix == ".json":
            return json.loads(text)
        return yaml.safe_load(text)
    except (ValueError, yaml.YAMLError):
        return None


def _templates() -> list[dict[str, Any]]:
    found: list[Any] = []
    for path in sorted(EXAMPLES.rglob("*")):
        if path.suffix in {".json", ".yaml", ".yml"}:
            data = _read(path)
            found += data if isinstance(data, list) else [data]
    found += [
        case.template(base) for case, base in load_cases() if "source" not in case.spec
    ]
    return [t for t in found if isinstance(t, dict)]


TEMPLATES = _templates()


def _view(data: dict[str, Any]) -> TemplateView:
    example = data.get("Example")
    return TemplateView(data, example if isinstance(example, dict) else None)


@pytest.mark.parametrize("rule", MEMBER_RULES, ids=lambda r: r.code)
def test_a_rule_finds_nothing_on_objects_without_its_members(rule: Rule) -> None:
    members = rule.members or frozenset()
    checked = 0
    for template in TEMPLATES:
        for scope in rule.scopes:
            for index, node in enumerate(_view(template).nodes(scope)):
                if members.isdisjoint(node.value):
                    continue
                data = copy.deepcopy(template)
                value = _view(data).nodes(scope)[index].value
                for key in members:
                    value.pop(key, None)  # type: ignore[attr-defined]
                view = _view(data)
                stripped = view.nodes(scope)[index]
                assert list(rule.check(view, stripped)) == [], stripped.pointer
                checked += 1
    assert checked, f"no template exercises {rule.code}'s members"


CARD_RULES = [rule for rule in ALL_RULES if rule.cards_only]


def _without_cards(template: dict[str, Any]) -> list[dict[str, Any]]:
    """The template if it has no card, else copies whose carousels hold none."""
    components = template.get("Components")
    carousels = [
        index
        for index, component in enumerate(
            components if isinstance(components, list) else []
        )
        if isinstance(component, dict) and "Cards" in component
    ]
    if not carousels:
        return [template]
    variants = []
    for cards in ([], ["not a card", 7, None], "not a list", ...):
        data = copy.deepcopy(template)
        for index in carousels:
            if cards is ...:
                del data["Components"][index]["Cards"]
            else:
                data["Components"][index]["Cards"] = copy.deepcopy(cards)
        variants.append(data)
    return variants


def test_cards_only_rules_are_the_carousel_rules_that_read_cards() -> None:
    assert {rule.code for rule in CARD_RULES} <= {
        r.code for r in ALL_RULES if r.code.startswith("CR")
    }
    assert CARD_RULES


@pytest.mark.parametrize("rule", CARD_RULES, ids=lambda r: r.code)
def test_a_cards_only_rule_finds_nothing_without_cards(rule: Rule) -> None:
    emptied = 0
    for template in TEMPLATES:
        variants = _without_cards(template)
        emptied += variants[0] is not template
        for data in variants:
            view = _view(data)
            assert not view.card_component_groups
            for scope in rule.scopes:
                for node in view.nodes(scope):
                    assert list(rule.check(view, node)) == [], (rule.code, node.pointer)
    assert emptied, "no template with carousel cards was emptied"


def _places() -> list[tuple[str, str]]:
    """(where, key) for every part and member TX001 reads."""
    from chatapp_lint.rules import _variables

    parts = ["component", "button", "card component", "card button"]
    return [
        (part, key)
        for part in parts
        for key in (
            _variables.BUTTON_SCREEN_MEMBERS
            if "button" in part
            else _variables.COMPONENT_SCREEN_MEMBERS
        )
    ]


@pytest.mark.parametrize(("part", "key"), _places())
def test_the_shared_text_pass_holds_every_text_tx001_reads(part: str, key: str) -> None:
    # TX001 settles clean templates from _variables.screen_texts; a member the
    # pass skipped would hide a control character.
    from chatapp_lint import lint

    button = {"Type": "QUICK_REPLY", "Text": "Yes"}
    card_part = {"Type": "BUTTONS", "Buttons": [dict(button)]}
    template: dict[str, Any] = {
        "TemplateType": "WHATSAPP",
        "Name": "t",
        "Language": "en",
        "Category": "MARKETING",
        "Components": [
            {"Type": "BODY", "Text": "Hello"},
            {"Type": "BUTTONS", "Buttons": [dict(button)]},
            {
                "Type": "CAROUSEL",
                "Cards": [
                    {"CardComponents": [{"Type": "BODY", "Text": "Hi"}, card_part]}
                ],
            },
        ],
    }
    target, pointer = {
        "component": (template["Components"][0], "/Components/0"),
        "button": (template["Components"][1]["Buttons"][0], "/Components/1/Buttons/0"),
        "card component": (
            template["Components"][2]["Cards"][0]["CardComponents"][0],
            "/Components/2/Cards/0/CardComponents/0",
        ),
        "card button": (
            card_part["Buttons"][0],
            "/Components/2/Cards/0/CardComponents/1/Buttons/0",
        ),
    }[part]
    target[key] = "bell\x07"
    found = [v.pointer for v in lint(template) if v.code == "TX001"]
    assert found == [f"{pointer}/{key}"]
