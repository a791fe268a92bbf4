"""What loading a file produces: the value, file-level problems and a source map.

A source map answers one question for the engine: where in the file does the
value at a JSON Pointer start (or its member name, for an object member)? Both
maps answer it exactly, keyed by the same RFC 6901 pointers the rules report:
`EntryMap` holds what the YAML walk recorded, and `JsonSourceMap` reads the JSON
text lazily, since most files are clean and never ask.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any, Final, Protocol

import attrs

from chatapp_lint.lazy_re import LazyPattern
from chatapp_lint.loader.limits import MAX_QUOTED_CHARS
from chatapp_lint.model import Position
from chatapp_lint.pointer import join, resolve, split

START: Position = Position(1, 1)
"""Where problems that belong to no particular place are reported."""

Entry = tuple[Position | None, Position]
"""Where an object member's name starts (None for other values), and its value."""


class SourceMap(Protocol):
    """Exact lookups from a JSON Pointer to where its value (or key) starts."""

    def position(self, pointer: str, *, key: bool = False) -> Position | None:
        """Where the value at `pointer` starts, or its member name with `key=True`.

        For an array element or the root, `key=True` gives the value's position.
        None when the document has no such pointer.
        """


@attrs.frozen
class FileProblem:
    """A problem with the file itself rather than with a template in it."""

    code: str
    message: str
    pointer: str
    position: Position


@attrs.frozen
class Document:
    """A loaded file: its value, where each value is, and what is wrong with the file.

    `value` and `source_map` are None when the file could not be parsed at all;
    `problems` may also accompany a value (a duplicate key does not stop loading).
    """

    value: Any
    source_map: SourceMap | None
    problems: tuple[FileProblem, ...]
    # Lines where `# chatapp-lint: disable=CODE` comments silence codes (YAML only).
    disabled: Mapping[int, frozenset[str]] = attrs.field(factory=dict)


def failed(code: str, message: str, position: Position = START) -> Document:
    """A document that could not be loaded, with the one problem that says why."""
    return Document(None, None, (FileProblem(code, message, "", position),))


def quote(text: str) -> str:
    """The user's text for a message, shortened so a message never floods a report."""
    if len(text) > MAX_QUOTED_CHARS:
        text = text[: MAX_QUOTED_CHARS - 3] + "..."
    return repr(text)


class EntryMap:
    """A source map over entries that were worked out while parsing (YAML)."""

    def __init__(self, entries: Mapping[str, Entry]) -> None:
        self._entries = entries

    def position(self, pointer: str, *, key: bool = False) -> Position | None:
        """Where the value at `pointer` starts, or its member name with `key=True`."""
        entry = self._entries.get(pointer)
        if entry is None:
            return None
        return (entry[0] or entry[1]) if key else entry[1]


def prune(entries: Mapping[str, Entry], root: Any) -> dict[str, Entry]:
    """Only the entries whose pointer the value still has.

    A repeated key keeps its last value; the places inside the earlier one are gone.
    """
    return {pointer: entry for pointer, entry in entries.items() if _has(root, pointer)}


def _has(root: Any, pointer: str) -> bool:
    try:
        resolve(root, pointer)
    except LookupError:
        return False
    return True


LINE_BREAK: Final = LazyPattern(r"\r\n?|\n")
"""A line break as YAML 1.2 and editors count them: CRLF, CR alone or LF alone.

Not `str.splitlines`, which also breaks at U+0085, U+2028, form feeds and other
characters that are ordinary text in YAML 1.2 and in JSON strings.
"""


class LineIndex:
    """Turns character offsets into 1-based lines and code-point columns."""

    def __init__(self, text: str) -> None:
        self._starts = [0, *(match.end() for match in LINE_BREAK.finditer(text))]

    def position(self, offset: int) -> Position:
        """The line and column of the character at `offset`."""
        import bisect  # here: a clean file never asks where anything is

        line = bisect.bisect_right(self._starts, offset)
        return Position(line, offset - self._starts[line - 1] + 1)


def by_position(problems: list[FileProblem]) -> tuple[FileProblem, ...]:
    """Problems in the order they occur in the file."""
    return tuple(sorted(problems, key=lambda p: (p.position.line, p.position.column)))


class Stop(Exception):  # noqa: N818 - ends loading with a problem, not a failure
    """Raised to give up on a document, with the one problem that says why."""

    def __init__(self, code: str, message: str, position: Position) -> None:
        super().__init__(message)
        self.document = failed(code, message, position)


def text_position(text: str) -> Position:
    """The position just after `text`: where the next character would be."""
    line, start = 1, 0
    for match in LINE_BREAK.finditer(text):
        line, start = line + 1, match.end()
    return Position(line, len(text) - start + 1)


# The JSON source map.

_SPACE = LazyPattern(r"[ \t\n\r]*")
_OPENERS = frozenset("[{")
_CLOSERS = frozenset("]}")
# Skips one value at C speed; `str` keeps integers past CPython's digit limit readable.
_SKIPPER = json.JSONDecoder(parse_int=str)

_Offsets = tuple[int | None, int]
"""Where a member's name starts (None in an array) and where its value starts."""


class _Children:
    """The members of one object or array: token -> offsets, and repeated names."""

    def __init__(self, text: str, start: int) -> None:
        self.members: dict[str, _Offsets] = {}
        self.duplicates: list[tuple[str, int]] = []
        is_object = text[start] == "{"
        at = _space(text, start + 1)
        while text[at] not in _CLOSERS:
            key_offset = None
            if is_object:
                key_offset = at
                name, at = _SKIPPER.raw_decode(text, at)
                at = _space(text, _space(text, at) + 1)  # past the colon
                if name in self.members:
                    self.duplicates.append((name, key_offset))
            else:
                name = str(len(self.members))
            self.members[name] = (key_offset, at)
            at = _space(text, _SKIPPER.raw_decode(text, at)[1])
            if text[at] == ",":
                at = _space(text, at + 1)


def _space(text: str, at: int) -> int:
    """The offset of the first character at or after `at` that is not whitespace."""
    match = _SPACE.match(text, at)
    return match.end() if match else at


class JsonSourceMap:
    """The source map of a valid JSON text, worked out one container at a time.

    Most files are clean and never ask for a position, so nothing is scanned up
    front. A lookup reads only the containers on its path, each once, skipping
    over their values with the C decoder; a 30 MB string costs one C call.
    """

    def __init__(self, text: str) -> None:
        self._text = text
        self._root = _space(text, 0)
        self._children: dict[int, _Children] = {}
        self._lines: LineIndex | None = None

    def position(self, pointer: str, *, key: bool = False) -> Position | None:
        """Where the value at `pointer` starts, or its member name with `key=True`."""
        offsets = self._find(pointer)
        if offsets is None:
            return None
        key_offset, value_offset = offsets
        return self.at(key_offset if key and key_offset is not None else value_offset)

    def at(self, offset: int) -> Position:
        """The line and column of a character offset."""
        if self._lines is None:
            self._lines = LineIndex(self._text)
        return self._lines.position(offset)

    def duplicates(self) -> list[tuple[str, int]]:
        """Every repeated member name in the document: its pointer and its offset."""
        found: list[tuple[str, int]] = []
        stack: list[tuple[str, int]] = [("", self._root)]
        while stack:
            pointer, offset = stack.pop()
            children = self._members(offset)
            if children is None:
                continue
            found += [(join(pointer, name), at) for name, at in children.duplicates]
            stack += [
                (join(pointer, name), at) for name, (_, at) in children.members.items()
            ]
        return found

    def _find(self, pointer: str) -> _Offsets | None:
        offsets: _Offsets = (None, self._root)
        for token in split(pointer):
            children = self._members(offsets[1])
            found = children.members.get(token) if children else None
            if found is None:
                return None
            offsets = found
        return offsets

    def _members(self, offset: int) -> _Children | None:
        if self._text[offset] not in _OPENERS:
            return None
        if offset not in self._children:
            self._children[offset] = _Children(self._text, offset)
        return self._children[offset]
