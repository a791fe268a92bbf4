"""Ranges: a diagnostic covers the whole offending value, in JSON and in YAML."""

from __future__ import annotations

from chatapp_lint.model import Position
from chatapp_lint.server.extent import Lines, value_end, yaml_extents


def _span(text: str, kind: str, start: Position, pointer: str) -> str:
    lines = Lines(text)
    offset = lines.offset(start)
    extents = yaml_extents(text) if kind == "yaml" else None
    return text[offset : value_end(lines, kind, offset, pointer, extents)]


def test_json_values_of_every_kind() -> None:
    text = '{"A": "x, y",\n "B": [1, {"C": 2}],\n "D": 12}'
    assert _span(text, "json", Position(1, 7), "/A") == '"x, y"'
    assert _span(text, "json", Position(2, 7), "/B") == '[1, {"C": 2}]'
    assert _span(text, "json", Position(3, 7), "/D") == "12"


def test_yaml_block_mapping_or_its_first_key() -> None:
    text = "Buttons:\n  - Type: URL\n    Text: Go\n  - Type: QUICK_REPLY\n"
    # The button (a mapping) starts where its first key does.
    assert (
        _span(text, "yaml", Position(2, 5), "/Buttons/0") == "Type: URL\n    Text: Go"
    )
    # A finding on the member `Type` itself covers the name.
    assert _span(text, "yaml", Position(2, 5), "/Buttons/0/Type") == "Type"
    assert _span(text, "yaml", Position(2, 11), "/Buttons/0/Type") == "URL"


def test_yaml_folded_scalar_and_flow_mapping() -> None:
    text = "Text: >-\n  one\n  two\nButton: {Type: URL, Text: Go}\n"
    assert _span(text, "yaml", Position(1, 7), "/Text") == ">-\n  one\n  two"
    assert _span(text, "yaml", Position(4, 9), "/Button") == "{Type: URL, Text: Go}"


def test_unparsable_text_runs_to_the_end_of_the_line() -> None:
    assert _span('{"A": [1, 2,\n', "json", Position(1, 7), "/A") == "[1, 2"
    assert _span("A: [1, 2\nB: c", "yaml", Position(1, 4), "/A") == "[1, 2"
