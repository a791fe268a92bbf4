"""RFC 6901 JSON Pointers, kept as plain strings: build, split and resolve."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

ROOT = ""


def escape(token: str | int) -> str:
    """Escape one reference token (`~` to `~0`, `/` to `~1`)."""
    text = str(token)
    if "~" in text or "/" in text:
        return text.replace("~", "~0").replace("/", "~1")
    return text


def unescape(token: str) -> str:
    """Undo `escape` for one reference token."""
    if "~" in token:
        return token.replace("~1", "/").replace("~0", "~")
    return token


def join(pointer: str, *tokens: str | int) -> str:
    """Append reference tokens to a pointer: `join("/Components", 2)` is `/Components/2`."""
    return pointer + "".join("/" + escape(token) for token in tokens)


def from_parts(tokens: Iterable[str | int]) -> str:
    """Build a pointer from a path such as jsonschema's `absolute_path`."""
    return join(ROOT, *tokens)


def split(pointer: str) -> list[str]:
    """The unescaped reference tokens of a pointer; `""` has none."""
    if not pointer:
        return []
    if not pointer.startswith("/"):
        raise ValueError(f"a JSON Pointer starts with '/': {pointer!r}")
    return [unescape(token) for token in pointer[1:].split("/")]


def parent(pointer: str) -> str:
    """The pointer of the enclosing value; the root is its own parent."""
    return pointer[: pointer.rfind("/")] if pointer else pointer


def resolve(document: Any, pointer: str) -> Any:
    """The value a pointer designates, raising `LookupError` when it has none."""
    value = document
    for token in split(pointer):
        if isinstance(value, dict):
            value = value[token]
        elif isinstance(value, list) and token.isdigit():
            value = value[int(token)]
        else:
            raise LookupError(pointer)
    return value
