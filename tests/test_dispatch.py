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
