"""Load JSON with the standard library, checking what `json.loads` lets through.

Values come from `json.loads`, whose semantics are the reference; its hooks stay
cheap and only note that a duplicate key or an odd number needs a closer look.
Positions come from `JsonSourceMap`, which reads the text only when asked.
"""

from __future__ import annotations

import json
import math
import re
from typing import Any

from chatapp_lint.lazy_re import LazyPattern
from chatapp_lint.loader.limits import (
    MAX_DEPTH,
    MAX_ITEMS,
    MAX_POINTER_CHARS,
    MAX_VALUES,
)
from chatapp_lint.loader.sourcemap import (
    START,
    Document,
    FileProblem,
    JsonSourceMap,
    by_position,
    failed,
    quote,
    text_position,
)
from chatapp_lint.pointer import join, split

_STRING = r'"[^"\\]*(?:\\.[^"\\]*)*"'
_BRACKET = LazyPattern(rf"{_STRING}|[\[\]{{}}]")
_OPENERS = frozenset("[{")
_CLOSERS = frozenset("]}")
# One string, or an unterminated one up to the end of the text. Possessive, and
# always consuming, so that a hostile text of quotes and backslashes scans in
# linear time.
_STRING_SCAN = LazyPattern(r'"(?:[^"\\]++|\\.?)*+(?:"|\Z)', re.DOTALL)
_SPACES = LazyPattern(r"[ \t\r\n]+")
# `json` decodes `\ud800` alone to a code point that is no character: it cannot be
# written as UTF-8, so the API cannot take it and a report could not print it.
_SURROGATE_ESCAPE = LazyPattern(r"\\u[dD][89a-fA-F]")
_SURROGATE = LazyPattern("[\ud800-\udfff]")
_TOO_MANY_VALUES = f"The document holds more than {MAX_VALUES:,} values."
_TOO_MANY_ITEMS = f"A list or object holds more than {MAX_ITEMS:,} items."
# Parsing is cheap up to ten times the limit (a few dozen megabytes), so such a
# text is parsed and a more telling limit (depth, say) can be reported; beyond,
# the text is refused unparsed.
_PARSED_VALUES = 10 * MAX_VALUES
_TOO_LONG_PATH = (
    f"The path to a value (its JSON Pointer) is over {MAX_POINTER_CHARS:,} characters."
)


class _Refused(Exception):  # noqa: N818 - a refusal reported as FL009
    """Raised for a container over a limit, with the message and its pointer."""

    def __init__(self, message: str, pointer: str) -> None:
        super().__init__(message)
        self.message = message
        self.pointer = pointer


class _Unreadable:
    """Stands in for a number `json` reads but a template cannot hold."""

    def __init__(self, message: str) -> None:
        self.message = message


class _Hooks:
    """The `json.loads` hooks: cheap, they only note that something needs a look."""

    def __init__(self) -> None:
        self.duplicates = False
        self.unreadable = False  # a value was read that a template cannot hold
        self.longest_name = 0

    def pairs(self, pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        result = dict(pairs)
        if len(result) != len(pairs):
            self.duplicates = True
        if result:
            self.longest_name = max(self.longest_name, *map(len, result))
        return result

    def constant(self, name: str) -> _Unreadable:
        self.unreadable = True
        return _Unreadable(f"{name} is not a finite number.")

    def integer(self, digits: str) -> int | _Unreadable:
        try:
            return int(digits)
        except ValueError:
            self.unreadable = True
            return _Unreadable("The integer has too many digits to be read.")

    def real(self, digits: str) -> float:
        value = float(digits)
        if not math.isfinite(value):  # 1e999: too large, read as infinity
            self.unreadable = True
        return value

    def load(self, text: str, *, big_ints: bool) -> Any:
        return json.loads(
            text,
            object_pairs_hook=self.pairs,
            parse_constant=self.constant,
            parse_int=self.integer if big_ints else None,
            parse_float=self.real,
        )

    def nothing_to_look_at(self, text: str) -> bool:
        """Whether no value is unreadable and no limit can have been crossed.

        Decided from counts, without walking the values: nesting is no deeper
        than the text has brackets, a list or object holds no more items than
        the text has values, and a path is no longer than one name or index
        (at most `MAX_ITEMS`, three digits) per bracket.
        """
        if self.unreadable:
            return False
        brackets = text.count("[") + text.count("{")
        values = 1 + text.count(",") + brackets
        # A name's "~" and "/" take two characters each in a path.
        escaping = 2 if "/" in text or "~" in text else 1
        longest_step = 1 + max(escaping * self.longest_name, len(str(MAX_ITEMS)))
        return (
            brackets < MAX_DEPTH
            and values <= min(MAX_VALUES, MAX_ITEMS)
            and brackets * longest_step <= MAX_POINTER_CHARS
        )


def load_json(text: str) -> Document:
    """Load a JSON text (decoded, without a BOM, not blank) into a `Document`."""
    if _values_above(text, _PARSED_VALUES):
        return failed("FL009", _TOO_MANY_VALUES)
    hooks = _Hooks()
    try:
        value = _parse(text, hooks)
    except json.JSONDecodeError as error:
        from chatapp_lint.loader.hints import json_hint

        reason = error.msg.removesuffix(" at")  # "Invalid control character at"
        message = f"The JSON is not well-formed: {reason}."
        # `json` counts lines by LF alone: a file with CR line ends would be one line.
        where = text_position(text[: error.pos])
        hint = json_hint(error, text)
        if hint is not None:
            message, where = f"{message} {hint[0]}", hint[1]
        return failed("FL003", message, where)
    except RecursionError:
        return _too_deep(text)
    return _checked(text, value, hooks)


def _values_above(text: str, limit: int) -> bool:
    """Whether the text holds more values than `limit`, decided before parsing.

    A JSON text holds one value more than it has commas and non-empty containers.
    Counting the characters over the whole text is fast and can only overcount
    (a comma inside a string), so the exact count, with strings and blank space
    taken out, is only needed for the rare text that the fast count puts above.
    """
    fast = 1 + text.count(",") + text.count("[") + text.count("{")
    if fast <= limit:
        return False
    bare = _SPACES.sub("", _STRING_SCAN.sub('""', text))
    containers = bare.count("[") + bare.count("{") - bare.count("[]") - bare.count("{}")
    return 1 + bare.count(",") + containers > limit


def _parse(text: str, hooks: _Hooks) -> Any:
    try:
        return hooks.load(text, big_ints=False)
    except json.JSONDecodeError:
        raise
    except ValueError:
        # Only an integer past CPython's digit limit gets here; it is rare, so the
        # integer hook stays out of the common path.
        return hooks.load(text, big_ints=True)


def _checked(text: str, value: Any, hooks: _Hooks) -> Document:
    source_map = JsonSourceMap(text)
    if not isinstance(value, dict | list):
        message = _unreadable(value)
        if message is None:
            return Document(value, source_map, ())
        where = source_map.position("") or START
        return Document(None, source_map, (FileProblem("FL011", message, "", where),))
    if _SURROGATE_ESCAPE.search(text):
        lone = _lone_surrogate(value)
        if lone is not None:
            pointer, at_key, code_point = lone
            where = source_map.position(pointer, key=at_key) or START
            message = (
                f"The text holds a lone surrogate (\\u{code_point:04x}), which is not "
                "a character and cannot be written as UTF-8."
            )
            return failed("FL002", message, where)
    try:
        bad = [] if hooks.nothing_to_look_at(text) else _unreadable_values(value)
    except _Refused as refused:
        where = source_map.position(refused.pointer) or START
        return failed("FL009", refused.message, where)
    if bad is None:
        return _too_deep(text)
    problems = [
        FileProblem("FL011", message, pointer, source_map.position(pointer) or START)
        for pointer, message in bad
    ]
    if hooks.duplicates:
        problems += _duplicates(source_map)
    return Document(value, source_map, by_position(problems))


def _duplicates(source_map: JsonSourceMap) -> list[FileProblem]:
    return [
        FileProblem(
            "FL004",
            f"Duplicate key {quote(split(pointer)[-1])}: only its last value is kept.",
            pointer,
            source_map.at(offset),
        )
        for pointer, offset in source_map.duplicates()
    ]


def _unreadable_values(root: Any) -> list[tuple[str, str]] | None:
    """Replace unreadable numbers by None, noting where; None if nested too deep.

    Raises `_Refused` for more values than the limit, a list or object longer
    than the limit, or member names that make a path longer than the limit
    (escaping aside).
    """
    found: list[tuple[str, str]] = []
    stack: list[tuple[Any, str, int]] = [(root, "", 1)]
    values = 1
    while stack:
        container, pointer, depth = stack.pop()
        values += len(container)
        if values > MAX_VALUES:
            raise _Refused(_TOO_MANY_VALUES, "")
        if len(container) > MAX_ITEMS:
            raise _Refused(_TOO_MANY_ITEMS, pointer)
        is_object = isinstance(container, dict)
        # An index adds a few characters; only a member name can be long.
        longest = max(map(len, container), default=0) if is_object else 0
        if len(pointer) + 1 + longest > MAX_POINTER_CHARS:
            raise _Refused(_TOO_LONG_PATH, pointer)
        items = container.items() if is_object else enumerate(container)
        for name, item in items:
            if isinstance(item, dict | list):
                if depth >= MAX_DEPTH:
                    return None
                stack.append((item, join(pointer, name), depth + 1))
            elif (message := _unreadable(item)) is not None:
                found.append((join(pointer, name), message))
                container[name] = None
    return found


def _lone_surrogate(root: Any) -> tuple[str, bool, int] | None:
    """The pointer of the first key or string with a lone surrogate, and the code point.

    The boolean says whether it is in the member's name rather than its value.
    Only called when the text has such an escape, so the common path stays free.
    """
    stack: list[tuple[Any, str, bool]] = [(root, "", False)]
    while stack:
        value, pointer, is_key = stack.pop()
        if isinstance(value, str):
            found = _SURROGATE.search(value)
            if found is not None:
                return pointer, is_key, ord(found.group())
            continue
        members: list[tuple[Any, str, bool]] = []
        if isinstance(value, dict):
            for name, item in value.items():
                at = join(pointer, name)
                members += [(name, at, True), (item, at, False)]
        elif isinstance(value, list):
            members = [(item, join(pointer, i), False) for i, item in enumerate(value)]
        stack += reversed(members)  # popped in the order they are written
    return None


def _unreadable(value: Any) -> str | None:
    if isinstance(value, _Unreadable):
        return value.message
    if isinstance(value, float) and not math.isfinite(value):
        return "The number is too large to be read as a finite number."
    return None


def _too_deep(text: str) -> Document:
    """Refuse a document nested too deep, at the bracket that crosses the limit."""
    depth = 0
    where = START
    for match in _BRACKET.finditer(text):
        token = match.group()
        if token in _OPENERS:
            depth += 1
            if depth > MAX_DEPTH:
                where = text_position(text[: match.start()])
                break
        elif token in _CLOSERS:
            depth -= 1
    message = f"The document nests deeper than {MAX_DEPTH} levels."
    return failed("FL008", message, where)
