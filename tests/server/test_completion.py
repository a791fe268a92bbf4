"""Completion: where the cursor stands in a half-typed buffer, and what the schema offers."""

from __future__ import annotations

import pytest

from chatapp_lint.server.completion import Place, complete, place_in

BUTTON_TYPES = {"QUICK_REPLY", "URL", "PHONE_NUMBER", "COPY_CODE", "FLOW"}


def _labels(text: str, kind: str, languages: frozenset[str] = frozenset()) -> set[str]:
    return {item.label for item in complete(place_in(text, len(text), kind), languages)}


@pytest.mark.parametrize(
    ("text", "kind", "expected"),
    [
        (
            "TemplateType: WHATSAPP\nCategory: MAR",
            "yaml",
            Place((), "Category", frozenset({"TemplateType"})),
        ),
        (
            "Components:\n  - Type: BUTTONS\n    Buttons:\n      - Type: URL\n        Text: x\n      - Type: Q",
            "yaml",
            Place(("Components", "Buttons"), "Type", frozenset()),
        ),
        (
            "Components:\n  - Type: BUTTONS\n    Buttons:\n      - Type: URL\n        ",
            "yaml",
            Place(("Components", "Buttons"), None, frozenset({"Type"})),
        ),
        (
            "Components:\n  - {Type: BUTTONS, Buttons: [{Type: ",
            "yaml",
            Place(("Components", "Buttons"), "Type", frozenset({"Type"})),
        ),
        (
            '{"Components": [{"Type": "BODY", "Text": "x"}, {"Format": "',
            "json",
            Place(("Components",), "Format", frozenset({"Format"})),
        ),
        (
            '{"Components": [{"Type": "BODY", "',
            "json",
            Place(("Components",), None, frozenset({"Type"})),
        ),
        ('{"Text": "a, {b: [c", "', "json", Place((), None, frozenset({"Text"}))),
    ],
)
def test_place_of_the_cursor(text: str, kind: str, expected: Place) -> None:
    assert place_in(text, len(text), kind) == expected


def test_enum_values_follow_the_context() -> None:
    assert {"MARKETING", "UTILITY", "AUTHENTICATION"} <= _labels("Category: ", "yaml")
    components = "Components:\n  - Type: "
    assert {"HEADER", "BODY", "FOOTER", "BUTTONS"} <= _labels(components, "yaml")
    assert not BUTTON_TYPES & _labels(components, "yaml")
    buttons = "Components:\n  - Type: BUTTONS\n    Buttons:\n      - Type: "
    assert _labels(buttons, "yaml") >= BUTTON_TYPES
    header = '{"Components": [{"Type": "HEADER", "Format": "'
    assert {"TEXT", "IMAGE", "VIDEO", "DOCUMENT"} <= _labels(header, "json")


def test_member_names_leave_out_those_present() -> None:
    labels = _labels("TemplateType: WHATSAPP\nName: x\n", "yaml")
    assert {"Language", "Category", "Components", "Example"} <= labels
    assert not {"TemplateType", "Name"} & labels


def test_language_codes_are_offered() -> None:
    assert _labels("Language: ", "yaml", frozenset({"en_US", "pt_BR"})) == {
        "en_US",
        "pt_BR",
    }


def test_nothing_where_the_schema_knows_nothing() -> None:
    assert _labels("Nonsense:\n  Deeper: ", "yaml") == set()
    assert _labels("Name: ", "yaml") == set()
