"""Inline suppressions in YAML: `# chatapp-lint: disable=CODE[,CODE...]`.

A comment on a line of its own silences the codes on the next line that holds
something other than a comment; a comment after a value silences its own line.
JSON has no comments: use pointer-keyed `per-file-ignores` there.
"""

from __future__ import annotations

from typing import Final

from chatapp_lint.lazy_re import LazyPattern
from chatapp_lint.loader.sourcemap import LINE_BREAK

MARKER: Final = "chatapp-lint:"
_COMMENT: Final = LazyPattern(r"#\s*chatapp-lint:\s*disable=")
_NAME: Final = LazyPattern(r"[A-Za-z0-9_-]+")


def disabled_lines(text: str) -> dict[int, frozenset[str]]:
    """1-based line numbers mapped to the codes (or prefixes, or slugs) they silence."""
    if MARKER not in text:
        return {}
    result: dict[int, frozenset[str]] = {}
    pending: set[str] = set()
    for number, line in enumerate(LINE_BREAK.split(text), start=1):
        stripped = line.strip()
        codes = _codes(line)
        if stripped.startswith("#"):
            pending |= codes
            continue
        if not stripped:
            continue
        silenced = pending | codes
        if silenced:
            result[number] = frozenset(silenced)
        pending = set()
    return result


def _codes(line: str) -> set[str]:
    """The names after `disable=`, split on commas (no regex that can backtrack)."""
    match = _COMMENT.search(line)
    if match is None:
        return set()
    names = (part.strip() for part in line[match.end() :].split(","))
    return {name for name in names if _NAME.fullmatch(name)}
