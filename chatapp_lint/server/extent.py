"""Where a reported value ends: a diagnostic covers the offending value, not a point.

Reports name where a value starts (line and column, in code points). An editor
underlines a range, so the end is found here from the text: a JSON value is
skipped by the JSON decoder itself; a YAML node's end comes from the parser's
events. When neither applies (a file that does not parse), the range runs to
the end of the line's text.
"""

from __future__ import annotations

import json

import attrs

from chatapp_lint.model import Position
from chatapp_lint.pointer import unescape

# Skips one JSON value; `str` keeps integers past CPython's digit limit readable.
_SKIPPER = json.JSONDecoder(parse_int=str)


class Lines:
    """A text's lines, to turn 1-based (line, column) positions into offsets and back."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.starts = starts = [0]
        found = text.find("\n")
        while found >= 0:
            starts.append(found + 1)
            found = text.find("\n", found + 1)

    def offset(self, position: Position) -> int:
        """The offset of a 1-based position; clamped to the text."""
        line = min(max(position.line, 1), len(self.starts)) - 1
        return min(self.starts[line] + position.column - 1, len(self.text))

    def position(self, offset: int) -> Position:
        """The 1-based position of an offset."""
        import bisect

        line = bisect.bisect_right(self.starts, offset) - 1
        return Position(line + 1, offset - self.starts[line] + 1)

    def line_end(self, offset: int) -> int:
        """Where the text of the line holding `offset` ends, trailing blanks left out."""
        end = self.text.find("\n", offset)
        end = len(self.text) if end < 0 else end
        while end > offset and self.text[end - 1] in " \t\r,":
            end -= 1
        return end


def json_end(lines: Lines, start: int) -> int | None:
    """Where the JSON value (or member name) starting at `start` ends, if it parses."""
    try:
        _, end = _SKIPPER.raw_decode(lines.text, start)
    except (ValueError, RecursionError):
        return None
    return end


@attrs.frozen
class YamlExtents:
    """Where each YAML node that starts at an offset ends.

    A block mapping starts where its first key does, so one offset may start
    both a collection and a scalar (that key): `scalars` keeps the scalar's end
    and text, `collections` the collection's end.
    """

    scalars: dict[int, tuple[int, str]]
    collections: dict[int, int]

    def end(self, start: int, pointer: str) -> int | None:
        """The end of the node at `start` that the pointer names.

        A finding placed on a member's name (an unknown member, say) names the
        member, whose name is the scalar there; any other finding names the value.
        """
        scalar = self.scalars.get(start)
        collection = self.collections.get(start)
        if collection is not None and (
            scalar is None or scalar[1] != unescape(pointer.rpartition("/")[2])
        ):
            return collection
        return scalar[0] if scalar is not None else None


def yaml_extents(text: str) -> YamlExtents:
    """Every YAML node's extent, blanks after a block collection trimmed.

    Built from parser events with an explicit stack, so deep nesting costs no
    recursion; a text that stops parsing keeps what was read before the error.
    """
    import yaml

    scalars: dict[int, tuple[int, str]] = {}
    collections: dict[int, int] = {}
    opened: list[int] = []
    try:
        # libyaml's parser when PyYAML was built with it: ten times faster.
        loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
        for event in yaml.parse(text, Loader=loader):
            start, end = event.start_mark, event.end_mark
            if start is None or end is None:
                continue
            if isinstance(event, yaml.ScalarEvent):
                scalars.setdefault(
                    start.index, (_trimmed(text, start.index, end.index), event.value)
                )
            elif isinstance(event, yaml.AliasEvent):
                scalars.setdefault(start.index, (end.index, ""))
            elif isinstance(event, yaml.MappingStartEvent | yaml.SequenceStartEvent):
                opened.append(start.index)
            elif isinstance(event, yaml.CollectionEndEvent) and opened:
                begun = opened.pop()
                collections.setdefault(begun, _trimmed(text, begun, end.index))
    except yaml.YAMLError:
        pass
    return YamlExtents(scalars, collections)


def _trimmed(text: str, start: int, end: int) -> int:
    """A block node ends where the next token starts: step back over blanks."""
    while end > start and text[end - 1] in " \t\r\n":
        end -= 1
    return end


def value_end(
    lines: Lines, kind: str, start: int, pointer: str, yaml: YamlExtents | None
) -> int:
    """Where the value the pointer names, starting at `start`, ends.

    The end of its line's text when the file does not parse that far.
    """
    if kind == "json":
        end = json_end(lines, start)
    else:
        end = yaml.end(start, pointer) if yaml is not None else None
    if end is None or end <= start:
        return lines.line_end(start)
    return end
