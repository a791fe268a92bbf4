"""What the YAML loader takes from PyYAML: its parser and errors, and a resolver.

Scalars follow the YAML 1.2 core schema, so `No`, `on` and `yes` stay strings and
`1_000` and `2024-01-01` stay text, where PyYAML's YAML 1.1 would change them
(`No` -> False). Only the core tags are accepted; any other tag is refused, so
nothing in a file is ever constructed or run.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from typing import Any, Final

import yaml
from yaml.events import Event, ScalarEvent
from yaml.nodes import ScalarNode
from yaml.resolver import BaseResolver

from chatapp_lint.loader.limits import MAX_REASON_CHARS
from chatapp_lint.loader.sourcemap import START, quote, text_position
from chatapp_lint.model import Position

try:
    from yaml._yaml import CParser

    Parser = CParser
    _BYTE_OFFSETS = True  # libyaml reports reader errors at a UTF-8 byte offset
except ImportError:  # pragma: no cover - PyYAML built without libyaml
    from yaml.parser import Parser as _EventParser
    from yaml.reader import Reader
    from yaml.scanner import Scanner

    class _PythonParser(Reader, Scanner, _EventParser):
        """PyYAML's pure-Python parser, used where libyaml is missing."""

        def __init__(self, stream: str) -> None:
            Reader.__init__(self, stream)
            Scanner.__init__(self)
            _EventParser.__init__(self)

    Parser = _PythonParser  # type: ignore[assignment,misc]
    _BYTE_OFFSETS = False

CORE = "tag:yaml.org,2002:"
NULL, BOOL, INT, FLOAT, STR, MAP, SEQ = (
    CORE + name for name in ("null", "bool", "int", "float", "str", "map", "seq")
)
# Tag, pattern and the first characters it can start with (the resolver's index).
_SCHEMA = (
    (NULL, r"~|null|Null|NULL|", ["~", "n", "N", ""]),
    (BOOL, r"true|True|TRUE|false|False|FALSE", list("tTfF")),
    (INT, r"[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+", list("-+0123456789")),
    (
        FLOAT,
        r"[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?"
        r"|[-+]?\.(inf|Inf|INF)|\.nan|\.NaN|\.NAN",
        list("-+.0123456789"),
    ),
)
PATTERNS = {tag: re.compile(rf"(?:{pattern})\Z") for tag, pattern, _ in _SCHEMA}

_MAX_INTEGER_CHARS = 4_300  # CPython's own limit for decimal integers


class CoreResolver(BaseResolver):
    """Resolves plain scalars by the YAML 1.2 core schema; all else is a string."""


for _tag, _, _first in _SCHEMA:
    CoreResolver.add_implicit_resolver(_tag, PATTERNS[_tag], _first)

_RESOLVER = CoreResolver()


class Refused(Exception):  # noqa: N818 - a value refused with a problem, not a failure
    """A scalar the loader replaces by None, reporting `code` and the message."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code


Restore = Callable[[str], str]

# Line breaks in YAML 1.1 only. YAML 1.2 (section 5.4, "Line Break Characters")
# counts CR and LF alone; NEL, LS and PS are "non-break characters" there, as
# in JSON, but libyaml still breaks lines at them. Each stands in for a
# character of the same UTF-8 length (positions and byte offsets stay right)
# that the text does not hold, and is put back in every scalar.
_STAND_INS: Final = {
    "\x85": range(0x100, 0x800),  # two bytes in UTF-8, as U+0085
    "\u2028": range(0xE000, 0xF900),  # three bytes (the private use area)
    "\u2029": range(0xE000, 0xF900),
}


def ordinary_breaks(text: str) -> tuple[str, Restore]:
    """The text for libyaml with YAML 1.1's extra line breaks made ordinary, and the undo."""
    present = [c for c in _STAND_INS if c in text]
    if not present:
        return text, _unchanged
    used = set(text)
    swaps: dict[str, str] = {}
    for character in present:
        stand_in = next(chr(c) for c in _STAND_INS[character] if chr(c) not in used)
        used.add(stand_in)
        swaps[character] = stand_in
    old, new = "".join(swaps), "".join(swaps.values())
    forth, back = str.maketrans(old, new), str.maketrans(new, old)
    return text.translate(forth), lambda value: value.translate(back)


def _unchanged(value: str) -> str:
    return value


def where(event: Event) -> Position:
    """Where an event starts, 1-based."""
    mark = event.start_mark
    return Position(mark.line + 1, mark.column + 1) if mark is not None else START


def unsupported(tag: str | None) -> str:
    """The message for a tag the loader does not accept."""
    name = "!!" + tag[len(CORE) :] if tag and tag.startswith(CORE) else str(tag)
    return f"The tag {quote(name)} is not supported."


def scalar_value(event: ScalarEvent) -> Any:
    """The value of a scalar by the core schema; raises `Refused` for the others."""
    text, tag = event.value, event.tag
    if tag is None:
        tag = _RESOLVER.resolve(ScalarNode, text, event.implicit)  # type: ignore[no-untyped-call]
    elif tag == "!":  # the non-specific tag: a string, whatever it looks like
        tag = STR
    elif tag in PATTERNS and not PATTERNS[tag].match(text):
        raise Refused("FL007", f"The value {quote(text)} does not match its tag.")
    elif tag != STR and tag not in PATTERNS:
        raise Refused("FL007", unsupported(tag))
    if tag == NULL:
        return None
    if tag == BOOL:
        return text.lower() == "true"
    if tag == INT:
        return _integer(text)
    return _float(text) if tag == FLOAT else text


def _integer(text: str) -> int:
    # Python limits only decimal conversions (4,300 digits); hexadecimal and octal
    # ones would load, then fail wherever the number is turned into text.
    if len(text) > _MAX_INTEGER_CHARS:
        raise Refused("FL011", "The integer has too many digits to be read.")
    try:
        if text.startswith(("0o", "0x")):
            return int(text[2:], 8 if text[1] == "o" else 16)
        return int(text)
    except ValueError:
        raise Refused("FL011", "The integer has too many digits to be read.") from None


def _float(text: str) -> float:
    if text.lstrip("+-").lower() in (".inf", ".nan"):
        raise Refused("FL011", f"{text} is not a finite number.")
    number = float(text)
    if not math.isfinite(number):
        raise Refused("FL011", "The number is too large to be read as a finite number.")
    return number


_NESTING_REFUSED = "exceeded maximum nesting depth"
"""libyaml's own nesting limit (1,000 levels, from libyaml 0.2.5 in PyYAML 6.0.4)."""


def nests_too_deep(error: yaml.YAMLError) -> bool:
    """Whether the parser gave up because the document nests too deep."""
    problem = getattr(error, "problem", None)
    return isinstance(problem, str) and _NESTING_REFUSED in problem


def error_position(error: yaml.YAMLError) -> Position:
    """Where a marked parser error happened, 1-based (the start when unmarked)."""
    if isinstance(error, yaml.MarkedYAMLError):
        mark = error.problem_mark or error.context_mark
        if mark is not None:
            return Position(mark.line + 1, mark.column + 1)
    return START


def syntax_problem(error: yaml.YAMLError, text: str) -> tuple[str, Position]:
    """The message and position of a parser error."""
    hint = None
    if isinstance(error, yaml.MarkedYAMLError):
        from chatapp_lint.loader.hints import yaml_hint

        position, reason = error_position(error), error.problem or error.context
        hint = yaml_hint(error, text)
    elif isinstance(error, yaml.reader.ReaderError):
        offset = error.position
        if _BYTE_OFFSETS:
            offset = len(text.encode("utf-8")[:offset].decode("utf-8", "ignore"))
        character = (
            f" (U+{error.character:04X})" if isinstance(error.character, int) else ""
        )
        position, reason = text_position(text[:offset]), error.reason + character
    else:
        position, reason = START, str(error)
    reason = (reason or "unknown problem").strip()
    if len(reason) > MAX_REASON_CHARS:
        reason = reason[: MAX_REASON_CHARS - 3] + "..."
    if hint is not None:
        return f"The YAML is not well-formed: {reason}. {hint[0]}", hint[1]
    return f"The YAML is not well-formed: {reason}.", position
