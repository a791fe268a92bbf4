"""Completion from the packaged JSON Schema: member names, and the values of enums.

A buffer being typed rarely parses, so the place of the cursor is read from the
text before it, tolerantly: the chain of member names that leads to it (from
indentation and `- ` items in YAML, from brackets in JSON and in YAML's flow
style) and whether it stands where a member name or a value goes. The schema is
then walked along that chain, following `$ref` and array `items`.
"""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Iterator, Mapping
from typing import Any

import attrs

_KEY_LINE = re.compile(
    r"^(?P<indent>[ \t]*(?:-[ \t]+)*)(?P<key>[A-Za-z_][\w]*)[ \t]*:(?P<rest>.*)$"
)
_ITEM = re.compile(r"^([ \t]*)-(?:[ \t]|$)")


@attrs.frozen
class Place:
    """Where the cursor is: the member names leading to its object, and what goes there."""

    path: tuple[str, ...]
    key: str | None  # the member whose value is being typed; None where a name goes
    present: frozenset[str] = frozenset()  # member names the object already has


@attrs.frozen
class Item:
    """One completion: the text to insert, and what it is."""

    label: str
    detail: str
    documentation: str = ""
    is_member: bool = False


@functools.cache
def _schema() -> Mapping[str, Any]:
    from chatapp_lint.schema import schema_path

    loaded: Mapping[str, Any] = json.loads(schema_path().read_text(encoding="utf-8"))
    return loaded


def _resolve(node: Mapping[str, Any]) -> Mapping[str, Any]:
    """Follow `$ref` and array `items` until an object's or a value's own schema."""
    for _ in range(8):  # the schema nests a few levels; never loop on a bad one
        ref = node.get("$ref")
        if isinstance(ref, str) and ref.startswith("#/$defs/"):
            node = _schema()["$defs"][ref.removeprefix("#/$defs/")]
            continue
        items = node.get("items")
        if isinstance(items, Mapping):
            node = items
            continue
        break
    return node


def schema_at(path: tuple[str, ...]) -> Mapping[str, Any] | None:
    """The schema of the object that the chain of member names leads to."""
    node = _resolve(_schema())
    for key in path:
        properties = node.get("properties")
        if not isinstance(properties, Mapping) or key not in properties:
            return None
        node = _resolve(properties[key])
    return node


def complete(place: Place, languages: frozenset[str] = frozenset()) -> list[Item]:
    """What may be typed at the place: member names, or the member's allowed values."""
    node = schema_at(place.path)
    if node is None:
        return []
    properties = node.get("properties")
    if not isinstance(properties, Mapping):
        return []
    if place.key is None:
        return [
            Item(name, "member", _description(spec), is_member=True)
            for name, spec in properties.items()
            if name not in place.present
        ]
    spec = properties.get(place.key)
    if not isinstance(spec, Mapping):
        return []
    values = spec.get("enum")
    if isinstance(values, list):
        return [Item(str(value), f"{place.key} value") for value in values]
    if place.key == "Language":
        return [Item(code, "language code") for code in sorted(languages)]
    return []


def _description(spec: object) -> str:
    text = spec.get("description") if isinstance(spec, Mapping) else None
    return text if isinstance(text, str) else ""


# Reading the place from the text before the cursor.


def place_in(text: str, offset: int, kind: str) -> Place:
    """Where the cursor at `offset` stands in a JSON or YAML buffer."""
    before = text[:offset]
    line_start = before.rfind("\n") + 1
    flow = _open_flow(before) if kind == "json" else _open_flow(before[line_start:])
    if kind == "json":
        return flow or Place((), None)
    block = _yaml_block(before[:line_start].splitlines(), before[line_start:])
    if flow is None:
        return block
    # A flow mapping on a YAML line sits inside the block context of that line.
    return Place(block.path + flow.path, flow.key, flow.present)


@attrs.define
class _Flow:
    """The brackets open so far, read one symbol at a time."""

    # (bracket, the member it is the value of, the member names it holds so far)
    frames: list[tuple[str, str | None, set[str]]] = attrs.field(factory=list)
    last_string: str | None = None
    key: str | None = None
    expecting_value: bool = False

    def read(self, symbol: str, value: str) -> None:
        if symbol == "string":
            self.last_string = value
            return
        if symbol == ":":
            self.key, self.expecting_value = self.last_string, True
            if self.frames and self.key is not None:
                self.frames[-1][2].add(self.key)
            return
        if symbol in "{[":
            opened_for = self.key if self.expecting_value else None
            self.frames.append((symbol, opened_for, set()))
        elif symbol in "}]" and self.frames:
            self.frames.pop()
        self.key, self.expecting_value, self.last_string = None, False, None


def _open_flow(text: str) -> Place | None:
    """The place inside the innermost open `{`/`[` of JSON or YAML flow text."""
    flow = _Flow()
    for symbol, value in _tokens(text):
        flow.read(symbol, value)
    if not flow.frames:
        return None
    path = tuple(key for _, key, _ in flow.frames if key is not None)
    bracket, _, names = flow.frames[-1]
    if bracket == "[":
        return Place(path, None, frozenset())
    key = flow.key if flow.expecting_value else None
    return Place(path, key, frozenset(names))


def _tokens(text: str) -> Iterator[tuple[str, str]]:
    """Strings (quoted, or YAML's plain words) and punctuation, skipping the rest."""
    index, length = 0, len(text)
    while index < length:
        char = text[index]
        if char in "\"'":
            end = index + 1
            while end < length and text[end] != char:
                end += 2 if text[end] == "\\" and char == '"' else 1
            yield "string", text[index + 1 : end]
            index = end + 1
        elif char in "{}[]:,":
            yield char, char
            index += 1
        elif char.isalnum() or char == "_":
            end = index
            while end < length and (text[end].isalnum() or text[end] in "_-."):
                end += 1
            yield "string", text[index:end]
            index = end
        else:
            index += 1


def _indent(line: str) -> int:
    """A line's indentation, counting `- ` item markers as indentation."""
    match = re.match(r"^[ \t]*(?:-[ \t]+)*", line)
    return len(match.group(0)) if match else 0


def _yaml_block(lines: list[str], current: str) -> Place:
    """The place in YAML's block style, from indentation."""
    indent = _indent(current)
    match = _KEY_LINE.match(current)
    key = match.group("key") if match else None
    present: set[str] = set()
    # The members above at the same indentation belong to the same object, up to
    # the line that starts its list item; a new item starts a new object.
    siblings = not _ITEM.match(current)
    path: list[str] = []
    limit = indent
    for line in reversed(lines):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        level = _indent(line)
        found = _KEY_LINE.match(line)
        if siblings and level == indent and found:
            present.add(found.group("key"))
            siblings = not _ITEM.match(line)
        elif level < limit:
            siblings = False
            limit = level
            rest = found.group("rest").strip() if found else "x"
            if found and (not rest or rest.startswith("#")):
                path.append(found.group("key"))
        if limit == 0 and not siblings:
            break  # at the top: no parent is left to find
    return Place(tuple(reversed(path)), key, frozenset(present))
