"""SC004 for a value in the wrong case: "did you mean", and the fix that writes it."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from chatapp_lint import lint
from chatapp_lint.fixer import fix_bytes
from chatapp_lint.fixes import value_case
from chatapp_lint.loader import Kind
from chatapp_lint.schema import case_match
from chatapp_lint.strategies import valid_templates
from tests.test_cli import run
from tests.test_fix import _as_text, _codes_at, _template

BUTTONS = {
    "Type": "BUTTONS",
    "Buttons": [
        {
            "Type": "URL",
            "Text": "Track",
            "Url": "https://shop.example.com/t",
            "UrlType": "static",
        }
    ],
}


def test_the_message_says_which_value_was_meant() -> None:
    found = lint(_template(Category="marketing"))
    assert [(v.code, v.pointer) for v in found] == [("SC004", "/Category")]
    assert found[0].message.endswith("got 'marketing'; did you mean MARKETING?")


def test_a_value_that_is_no_case_of_an_allowed_one_gets_no_suggestion() -> None:
    (found,) = lint(_template(Category="PROMOTION"))
    assert "did you mean" not in found.message
    assert found.message.endswith("got 'PROMOTION'.")


@pytest.mark.parametrize(
    ("value", "allowed", "meant"),
    [
        ("marketing", ["UTILITY", "MARKETING"], "MARKETING"),
        ("Text", ["text", "image", "UTILITY"], "text"),
        ("MARKETING", ["MARKETING"], None),  # already right
        ("market", ["MARKETING"], None),
        ("x", ["X", "x"], None),  # right as it is
        ("ab", ["AB", "Ab"], None),  # two candidates: not certain
        ("a", ["B"], None),
        (1, ["1"], None),
    ],
)
def test_case_match(value: object, allowed: list[str], meant: str | None) -> None:
    assert case_match(value, allowed) == meant


def test_every_closed_list_member_is_fixed() -> None:
    template = _template(
        TemplateType="whatsapp",
        Category="Utility",
        Components=[
            {"Type": "header", "Format": "text", "Text": "Your order"},
            {"Type": "Body", "Text": "Your order has shipped and arrives tomorrow."},
            {
                "Type": "buttons",
                "Buttons": [
                    {
                        "Type": "url",
                        "Text": "Track",
                        "Url": "https://shop.example.com/t",
                        "UrlType": "STATIC",
                    }
                ],
            },
        ],
    )
    changes = value_case(template)
    assert {c.pointer for c in changes} == {
        "/TemplateType",
        "/Category",
        "/Components/0/Type",
        "/Components/0/Format",
        "/Components/1/Type",
        "/Components/2/Type",
        "/Components/2/Buttons/0/Type",
        "/Components/2/Buttons/0/UrlType",
    }
    assert all(c.code == "SC004" for c in changes)
    assert lint(template) == []
    assert value_case(template) == []


def test_viber_content_types_are_lower_case() -> None:
    template = _template(
        TemplateType="VIBER",
        Language="en",
        Category="TEXT",
        Components=[
            {"Type": "BODY", "Text": "Hello from the Example Shop team today."}
        ],
    )
    assert [c.description for c in value_case(template)] == ["wrote 'TEXT' as 'text'"]
    assert template["Category"] == "text"


def test_wire_form_components_are_left_alone() -> None:
    components = [{"Type": "body", "Text": "Your order has shipped."}]
    template = _template(Components=json.dumps(components))
    assert value_case(template) == []
    assert template["Components"] == json.dumps(components)


def test_yaml_keeps_quotes_and_comments(tmp_path: Path) -> None:
    text = (
        "TemplateType: WHATSAPP\n"
        "Name: order_update\n"
        "Language: en_US\n"
        'Category: "utility"   # lower case, as in the old console\n'
        "Components:\n"
        "  - {Type: body, Text: Your order has shipped and arrives tomorrow.}\n"
    )
    outcome = fix_bytes(text.encode("utf-8"), "yaml")
    assert outcome.fixed == (
        "TemplateType: WHATSAPP\n"
        "Name: order_update\n"
        "Language: en_US\n"
        'Category: "UTILITY"   # lower case, as in the old console\n'
        "Components:\n"
        "  - {Type: BODY, Text: Your order has shipped and arrives tomorrow.}\n"
    )


def test_fix_and_diff_on_the_command_line(tmp_path: Path) -> None:
    path = tmp_path / "promo.json"
    template = _template(
        Category="marketing", Components=[_template()["Components"][0]]
    )
    path.write_text(json.dumps(template, indent=2) + "\n", encoding="utf-8")
    diff = run("--diff", str(path), cwd=tmp_path)
    assert diff.code == 1
    assert '-  "Category": "marketing",\n+  "Category": "MARKETING",\n' in diff.stdout
    fixed = run("--fix", str(path), cwd=tmp_path)
    assert "fixed SC004 at /Category: wrote 'marketing' as 'MARKETING'" in fixed.stderr
    assert json.loads(path.read_text(encoding="utf-8"))["Category"] == "MARKETING"


def test_an_ignored_sc004_is_not_fixed(tmp_path: Path) -> None:
    path = tmp_path / "promo.json"
    path.write_text(json.dumps(_template(Category="marketing")), encoding="utf-8")
    run("--fix", "--ignore", "SC004", str(path), cwd=tmp_path)
    assert json.loads(path.read_text(encoding="utf-8"))["Category"] == "marketing"


# --- the property ----------------------------------------------------------------

CLOSED = ("TemplateType", "Category", "Type", "Format", "UrlType")


def _mangle(draw: st.DrawFn, value: str) -> str:
    """The same letters in another case: lower, title, or swapped."""
    way = draw(st.sampled_from([str.lower, str.upper, str.title, str.swapcase]))
    return way(value)


@st.composite
def miscased_templates(draw: st.DrawFn) -> dict[str, Any]:
    """A valid template with some values of closed lists written in another case."""
    template = draw(valid_templates())
    objects: list[dict[str, Any]] = [template]
    for component in template["Components"]:
        objects.append(component)
        objects += component.get("Buttons", [])
    for owner in objects:
        for key in CLOSED:
            value = owner.get(key)
            if isinstance(value, str) and draw(st.booleans()):
                owner[key] = _mangle(draw, value)
    return template


@given(
    miscased_templates(),
    st.sampled_from(["json", "yaml"]),
    st.sampled_from(["block", "flow"]),
)
def test_fixing_the_case_restores_the_template(
    template: dict[str, Any], kind: Kind, style: str
) -> None:
    text = _as_text(template, kind, style)
    outcome = fix_bytes(text.encode("utf-8"), kind)
    assert outcome.note is None
    after = _codes_at(outcome.fixed, kind)
    assert not any(
        code == "SC004" and pointer.rsplit("/", 1)[-1] in CLOSED
        for _, code, pointer in after
    ), after
    again = fix_bytes(outcome.fixed.encode("utf-8"), kind)
    assert again.changes == []
