"""How to mend the common slips that stop a parser: a sentence, and where to look.

The parsers say where they stopped and what they expected ("Expecting property
name enclosed in double quotes"), which is rarely where the mistake is or what
to do about it. For the slips people make by hand, a trailing comma, a missing
one, single quotes, a tab in YAML's indentation, a quote left open, these
functions add the remedy and move the position to the character at fault
(the comma to delete, the quote that opened the string). Anything else is left
as the parser put it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Final

from chatapp_lint.model import Position

if TYPE_CHECKING:  # only attributes are read: a JSON run never imports PyYAML
    import json

    import yaml

Hint = tuple[str, Position]
"""The sentence to add to the parser's message, and the position to report."""

_JSON_SPACE: Final = " \t\r\n"
_VALUE_STARTS: Final = frozenset('"{[-0123456789')


def json_hint(error: json.JSONDecodeError, text: str) -> Hint | None:
    """The remedy for a JSON syntax error, if it is a common slip."""
    message, at = error.msg, error.pos
    found = text[at : at + 1]
    before = _previous(text, at)
    if (
        message.startswith(("Expecting property name", "Expecting value", "Illegal"))
        and found in {"}", "]"}
        and before is not None
        and text[before] == ","
    ):
        what = "member of an object" if found == "}" else "item of a list"
        return (
            f"A comma follows the last {what}: delete it (JSON allows no trailing comma).",
            position(text, before),
        )
    if message.startswith("Expecting ',' delimiter") and before is not None:
        return _missing_comma(text, at, before)
    if message.startswith(("Expecting property name", "Expecting value")):
        return _bad_start(text, at, found, member=message.startswith("Expecting prop"))
    if message.startswith("Invalid control character"):
        if found in {"\n", "\r"}:
            return (
                "A string is not closed on its line: add the closing double quote "
                "(a line break inside a string is written \\n).",
                position(text, at),
            )
        if found == "\t":
            return (
                "A tab inside a string must be written \\t.",
                position(text, at),
            )
    if message.startswith("Unterminated string"):
        return (
            "The string that starts here is never closed: add the closing double quote.",
            position(text, at),
        )
    if message.startswith("Extra data"):
        return (
            "Something follows the end of the document: a file holds one template, "
            "or several in one list ([{...}, {...}]).",
            position(text, at),
        )
    return None


def _missing_comma(text: str, at: int, before: int) -> Hint | None:
    found = text[at : at + 1]
    if not found:
        return (
            "The document ends before it is closed: a closing } or ] is missing.",
            position(text, at),
        )
    if text[before] == '"' and before == at - 1 and found.isalnum():
        return (
            'A double quote inside a string ends it early: write it as \\" there.',
            position(text, before),
        )
    if found not in _VALUE_STARTS:
        return None
    if "\n" in text[before:at]:
        return (
            "A comma is missing at the end of this line: add one after the value.",
            position(text, before + 1),
        )
    return ("A comma is missing before this value: add one.", position(text, at))


def _bad_start(text: str, at: int, found: str, *, member: bool) -> Hint | None:
    if found == "'":
        what = "Member names" if member else "Strings"
        return (
            f"{what} take double quotes in JSON, not single quotes.",
            position(text, at),
        )
    if member and (found.isalpha() or found in {"_", "$"}):
        return (
            "A member name must be in double quotes.",
            position(text, at),
        )
    if text.startswith(("//", "/*"), at):
        return ("JSON has no comments: remove it.", position(text, at))
    return None


def yaml_hint(error: yaml.MarkedYAMLError, text: str) -> Hint | None:
    """The remedy for a YAML syntax error, if it is a common slip."""
    problem = error.problem or ""
    context = error.context or ""
    mark = error.problem_mark
    if mark is not None and _character(text, mark) == "\t":
        return (
            "A tab: YAML indents with spaces only. Replace the tab with spaces.",
            Position(mark.line + 1, mark.column + 1),
        )
    opened = error.context_mark
    if "quoted scalar" in context and opened is not None:
        start = Position(opened.line + 1, opened.column + 1)
        if "end of stream" in problem:
            return (
                "The quoted string that starts here is never closed: add the closing "
                "quote.",
                start,
            )
        if "unknown escape" in problem and mark is not None:
            return (
                "A backslash in a double-quoted string starts an escape: write \\\\, "
                "or put the value in single quotes.",
                Position(mark.line + 1, mark.column + 1),
            )
    if problem.startswith("mapping values are not allowed") and mark is not None:
        return (
            "A colon followed by a space inside a value: put the whole value in quotes.",
            Position(mark.line + 1, mark.column + 1),
        )
    return None


def position(text: str, index: int) -> Position:
    """The 1-based line and column (in code points) of a character of the text."""
    line_start = text.rfind("\n", 0, index) + 1
    return Position(text.count("\n", 0, index) + 1, index - line_start + 1)


def _previous(text: str, index: int) -> int | None:
    """The index of the last character before `index` that is not JSON space."""
    at = index - 1
    while at >= 0 and text[at] in _JSON_SPACE:
        at -= 1
    return at if at >= 0 else None


def _character(text: str, mark: yaml.Mark) -> str:
    lines = text.split("\n")
    if mark.line >= len(lines):
        return ""
    return lines[mark.line][mark.column : mark.column + 1]
