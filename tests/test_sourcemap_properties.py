"""The property that guards both source maps (style guide B.3).

For any JSON-compatible document, serialised as JSON (several indents) and as YAML:
the loaded value equals the original, the map has an entry for every pointer, and
the position of each value (and member name) is where its serialisation starts.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Iterator
from typing import Any, Literal

import yaml
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from chatapp_lint.loader import SourceMap, load_bytes
from chatapp_lint.model import Position
from chatapp_lint.pointer import join

# Strings the YAML 1.2 core schema reads as something else. `yaml.safe_dump` quotes
# by YAML 1.1, so it would write some of them (`0o12`, `1e3`) plain; leaving them out
# keeps the YAML round trip exact. The core schema has its own tests.
_CORE_NON_STRING = re.compile(
    r"~|null|Null|NULL|true|True|TRUE|false|False|FALSE"
    r"|[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+"
    r"|[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?"
    r"|[-+]?\.(inf|Inf|INF)|\.nan|\.NaN|\.NAN"
)

_texts = st.text(max_size=12)
_scalars = (
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False, allow_infinity=False)
    | _texts.filter(lambda text: not _CORE_NON_STRING.fullmatch(text) or not text)
)
documents = st.recursive(
    _scalars,
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(_texts, children, max_size=4)
    ),
    max_leaves=24,
)


def _same(left: Any, right: Any) -> bool:
    """Equal, with the same types throughout (unlike `True == 1` or `0.0 == -0.0`)."""
    if type(left) is not type(right):
        return False
    if isinstance(left, dict):
        return list(left) == list(right) and all(_same(left[k], right[k]) for k in left)
    if isinstance(left, list):
        return len(left) == len(right) and all(map(_same, left, right))
    if isinstance(left, float):
        return left == right and math.copysign(1, left) == math.copysign(1, right)
    return bool(left == right)


def _pointers(value: Any, pointer: str = "") -> Iterator[tuple[str, Any]]:
    yield pointer, value
    if isinstance(value, dict | list):
        items = value.items() if isinstance(value, dict) else enumerate(value)
        for name, item in items:
            yield from _pointers(item, join(pointer, name))


class _Offsets:
    """Turns a position back into an offset, splitting lines as the parser does."""

    def __init__(self, text: str, breaks: str) -> None:
        self.starts = [0] + [match.end() for match in re.finditer(breaks, text)]

    def __call__(self, position: Position | None) -> int:
        assert position is not None
        return self.starts[position.line - 1] + position.column - 1


def _loaded(text: str, kind: Literal["json", "yaml"]) -> tuple[Any, SourceMap]:
    document = load_bytes(text.encode("utf-8"), kind)
    assert document.problems == ()
    assert document.source_map is not None
    return document.value, document.source_map


@settings(max_examples=80)
@given(
    documents,
    st.sampled_from([None, 0, 2, 4, "\t"]),
    st.booleans(),
)
def test_json_map_has_every_pointer_at_its_serialisation(
    value: Any, indent: int | str | None, ascii_only: bool
) -> None:
    text = json.dumps(value, indent=indent, ensure_ascii=ascii_only)
    loaded, source_map = _loaded(text, "json")
    assert _same(loaded, value)
    offset = _Offsets(text, "\n")
    decoder = json.JSONDecoder()
    for pointer, item in _pointers(value):
        # The text at the value's position decodes to exactly that value.
        start = offset(source_map.position(pointer))
        assert _same(decoder.raw_decode(text, start)[0], item), pointer
        key_start = offset(source_map.position(pointer, key=True))
        if pointer and isinstance(_parent(value, pointer), dict):
            name, end = decoder.raw_decode(text, key_start)
            assert join("", name) == pointer[pointer.rfind("/") :]
            assert text[end:start].strip() == ":"
        else:
            assert key_start == start


def _parent(value: Any, pointer: str) -> Any:
    for name, item in _pointers(value):
        if name == pointer[: pointer.rfind("/")]:
            return item
    raise LookupError(pointer)


# YAML line breaks, as libyaml counts them.
_YAML_BREAKS = "\r\n|[\r\n\x85\u2028\u2029]"


@settings(max_examples=80)
@given(documents)
def test_yaml_map_has_every_pointer_at_its_node(value: Any) -> None:
    text = yaml.safe_dump(
        value, default_flow_style=False, allow_unicode=True, sort_keys=False
    )
    # PyYAML's emitter mangles a few strings (`'\x85'` comes back as a space); those
    # say nothing about this loader, so only texts PyYAML itself reads back count.
    assume(_same(yaml.safe_load(text), value))
    loaded, source_map = _loaded(text, "yaml")
    assert _same(loaded, value)
    offset = _Offsets(text, _YAML_BREAKS)
    for pointer, (key_mark, value_mark, node) in _composed(text).items():
        start = offset(source_map.position(pointer))
        assert start == value_mark, pointer
        assert _starts_scalar(text[start:], node), pointer
        expected_key = value_mark if key_mark is None else key_mark
        assert offset(source_map.position(pointer, key=True)) == expected_key
    assert {pointer for pointer, _ in _pointers(value)} == set(_composed(text))


def _composed(text: str) -> dict[str, tuple[int | None, int, yaml.Node]]:
    """Each pointer's key and value offsets, as PyYAML's own composer marks them."""
    found: dict[str, tuple[int | None, int, yaml.Node]] = {}
    root = yaml.compose(text, Loader=yaml.SafeLoader)
    assert root is not None
    stack: list[tuple[str, int | None, yaml.Node]] = [("", None, root)]
    while stack:
        pointer, key_mark, node = stack.pop()
        found[pointer] = (key_mark, node.start_mark.index, node)
        if isinstance(node, yaml.MappingNode):
            stack += [
                (join(pointer, key.value), key.start_mark.index, item)
                for key, item in node.value
            ]
        elif isinstance(node, yaml.SequenceNode):
            stack += [
                (join(pointer, i), None, item) for i, item in enumerate(node.value)
            ]
    return found


def _starts_scalar(text: str, node: yaml.Node) -> bool:
    """The position is on what starts the node in the text.

    A scalar starts with its opening quote or block indicator, or its first
    character; a flow collection with its bracket; a block sequence with `-`;
    a block mapping with its first key (checked as that key's own position).
    """
    if isinstance(node, yaml.ScalarNode):
        return text[:1] == node.style if node.style else text.startswith(node.value[:1])
    if isinstance(node, yaml.SequenceNode):
        return text[:1] == ("[" if node.flow_style else "-")
    return text[:1] == "{" if node.flow_style else text[:1] not in " \n"
