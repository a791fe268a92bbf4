"""Properties of the whole engine: valid stays clean, breakages are caught, nothing raises."""

from __future__ import annotations

import copy
import json
from typing import Any

import pytest
import yaml
from hypothesis import assume, given
from hypothesis import strategies as st

from chatapp_lint.engine import lint, lint_document
from chatapp_lint.loader import load_bytes
from chatapp_lint.pointer import resolve
from chatapp_lint.rules import ALL_RULES
from chatapp_lint.rules._base import Scope
from chatapp_lint.selection import Selection
from chatapp_lint.strategies import valid_templates
from tests import breakages_fields, breakages_lifecycle, test_hostile
from tests.breakages import BREAKAGES as CORE_BREAKAGES
from tests.breakages import Breakage

BREAKAGES = (
    *CORE_BREAKAGES,
    *breakages_fields.BREAKAGES,
    *breakages_lifecycle.BREAKAGES,
    *test_hostile.BREAKAGES,
)

UNBREAKABLE = {"SC006", "IN001"}  # no template data reaches them (see their docs)


@given(valid_templates())
def test_valid_templates_lint_clean(template: dict[str, Any]) -> None:
    assert lint(template) == []


@pytest.mark.parametrize("breakage", BREAKAGES, ids=lambda b: b.code)
@given(data=st.data())
def test_a_targeted_breakage_is_caught_at_its_pointer(
    breakage: Breakage, data: st.DataObject
) -> None:
    template = data.draw(breakage.source())
    broken = copy.deepcopy(template)
    pointer = breakage.apply(broken)
    selection = Selection.build(ALL_RULES, extend_select=[breakage.code])
    found = {(v.code, v.pointer) for v in lint(broken, selection=selection)}
    assert (breakage.code, pointer) in found


def test_every_template_rule_has_a_breakage() -> None:
    covered = {b.code for b in BREAKAGES}
    expected = {
        r.code
        for r in ALL_RULES
        if r.scope is not Scope.ENGINE or r.code.startswith("SC")
    } - UNBREAKABLE
    assert expected - covered == set()


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(),
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(), inner, max_size=4)
    ),
    max_leaves=20,
)
TOP_KEYS = [
    "TemplateType",
    "Name",
    "Language",
    "Category",
    "Components",
    "Example",
    "MessageSendTtlSeconds",
    "CustWabaId",
]


@given(json_values)
def test_arbitrary_json_never_raises(value: Any) -> None:
    for violation in lint(value):
        assert violation.code != "IN001", violation


@given(
    st.dictionaries(st.sampled_from(TOP_KEYS), json_values, max_size=8),
    valid_templates(),
)
def test_arbitrary_members_on_a_valid_template_never_crash_a_rule(
    members: dict[str, Any], template: dict[str, Any]
) -> None:
    template.update(members)
    assert all(v.code != "IN001" for v in lint(template))


def _pairs(violations: Any) -> list[tuple[str, str]]:
    return sorted((v.code, v.pointer) for v in violations)


@pytest.mark.parametrize("kind", ["json", "yaml"])
@given(data=st.data())
def test_a_file_reports_what_the_mapping_does_at_the_offending_value(
    kind: str, data: st.DataObject
) -> None:
    template = data.draw(valid_templates())
    breakage = data.draw(st.sampled_from([b for b in BREAKAGES if b.applies(template)]))
    broken = copy.deepcopy(template)
    breakage.apply(broken)
    if kind == "json":
        text = json.dumps(
            broken, indent=data.draw(st.sampled_from([None, 2, 4])), ensure_ascii=False
        )
    else:
        text = yaml.safe_dump(broken, allow_unicode=True, sort_keys=False)
    document = load_bytes(text.encode("utf-8"), kind)
    assume(
        document.value == broken
    )  # YAML 1.1 dumping may quote differently; compare like for like
    violations, _ = lint_document(document, f"t.{kind}")
    assert _pairs(violations) == _pairs(lint(broken))
    lines = text.splitlines()
    for violation in violations:
        assert violation.line is not None
        assert violation.column is not None
        try:
            value = resolve(broken, violation.pointer)
        except LookupError:
            continue  # a member that is missing is placed on its parent
        if kind == "json" and violation.pointer:
            at = lines[violation.line - 1][violation.column - 1 :]
            key = json.dumps(violation.pointer.rsplit("/", 1)[-1])
            serialised = json.dumps(value, ensure_ascii=False)
            prefix = (
                serialised[:1] if isinstance(value, dict | list) else serialised[:20]
            )
            assert at.startswith(prefix) or at.startswith(key)
