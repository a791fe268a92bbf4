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

from chatapp_lint.loader.limits import MAX_DEPTH
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
from chatapp_lint.model import Position
from chatapp_lint.pointer import join, split

_STRING = r'"[^"\\]*(?:\\.[^"\\]*)*"'
_BRACKET = re.compile(rf"{_STRING}|[\[\]{{}}]")
_OPENERS = frozenset("[{")
_CLOSERS = frozenset("]}")


class _Unreadable:
    """Stands in for a number `json` reads but a template cannot hold."""

    def __init__(self, message: str) -> None:
        self.message = message


class _Hooks:
    """The `json.loads` hooks: cheap, they only note that something needs a look."""

    def __init__(self) -> None:
        self.duplicates = False

    def pairs(self, pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        result = dict(pairs)
        if len(result) != len(pairs):
            self.duplicates = True
        return result

    @staticmethod
    def constant(name: str) -> _Unreadable:
        return _Unreadable(f"{name} is not a finite number.")

    @staticmethod
    def integer(digits: str) -> int | _Unreadable:
        try:
            return int(digits)
        except ValueError:
            return _Unreadable("The integer has too many digits to be read.")

    def load(self, text: str, *, big_ints: bool) -> Any:
        return json.loads(
            text,
            object_pairs_hook=self.pairs,
            parse_constant=self.constant,
            parse_int=self.integer if big_ints else None,
        )


def load_json(text: str) -> Document:
    """Load a JSON text (decoded, without a BOM, not blank) into a `Document`."""
    hooks = _Hooks()
    try:
        value = _parse(text, hooks)
    except json.JSONDecodeError as error:
        where = Position(error.lineno, error.colno)
        return failed("FL003", f"The JSON is not well-formed: {error.msg}.", where)
    except RecursionError:
        return _too_deep(text)
    return _checked(text, value, hooks)


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
    bad = _unreadable_values(value)
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
    """Replace unreadable numbers by None, noting where; None if nested too deep."""
    found: list[tuple[str, str]] = []
    stack: list[tuple[Any, str, int]] = [(root, "", 1)]
    while stack:
        container, pointer, depth = stack.pop()
        is_object = isinstance(container, dict)
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
