"""Finding `$(name)` variables, and `{{1}}` look-alikes, in a template's texts."""

from __future__ import annotations

import itertools
import re
from typing import Final

from chatapp_lint.rules._base import Node, TemplateView

VARIABLE: Final = re.compile(r"\$\(([A-Za-z_][A-Za-z0-9_]*)\)")
CURLY: Final = re.compile(r"\{\{[^{}]*\}\}")
_OPENING = "$("
# A run of non-space characters from its first letter or digit: one per word
# that has one (`[^\W_]` is exactly what `str.isalnum` accepts, and `\S` is what
# `str.split` does not split on).
_WORD: Final = re.compile(r"[^\W_]\S*")
# The members where the service substitutes variables, per kind of object.
_COMPONENT_FIELDS: Final = ("Text", "Url")
_BUTTON_FIELDS: Final = ("Text", "Url", "CouponCode")


class Field:
    """A string member that may hold variables, with where it is."""

    __slots__ = ("_names", "key", "node", "text")

    def __init__(self, node: Node, key: str, text: str) -> None:
        self.node = node
        self.key = key
        self.text = text
        self._names: list[str] | None = None

    @property
    def pointer(self) -> str:
        """The member's pointer."""
        return self.node.at(self.key)

    @property
    def names(self) -> list[str]:
        """The variable names in the text, in order, repeats included (found once)."""
        names = self._names
        if names is None:
            text = self.text
            names = self._names = VARIABLE.findall(text) if _OPENING in text else []
        return names


def fields(t: TemplateView) -> list[Field]:
    """Every string member of the template that may hold variables, computed once."""
    found: list[Field] | None = t.memo.get("fields")
    if found is None:
        found = t.memo["fields"] = [
            Field(node, key, text)
            for nodes, keys in (
                (t.components, _COMPONENT_FIELDS),
                (t.buttons, _BUTTON_FIELDS),
                (t.card_components, _COMPONENT_FIELDS),
                (t.card_buttons, _BUTTON_FIELDS),
            )
            for node in nodes
            for key in keys
            if isinstance(text := node.value.get(key), str) and text
        ]
    return found


def used(t: TemplateView) -> dict[str, Field]:
    """Each variable name used anywhere, with the field of its first use (computed once)."""
    names: dict[str, Field] | None = t.memo.get("used")
    if names is None:
        names = t.memo["used"] = {}
        for found in fields(t):
            if _OPENING in found.text:
                for name in found.names:
                    names.setdefault(name, found)
    return names


def malformed(text: str) -> str | None:
    """The first `$(` that does not open a well-formed `$(name)`, quoted, if any."""
    start = text.find(_OPENING)
    while start != -1:
        if not VARIABLE.match(text, start):
            end = text.find(")", start)
            stop = start + 24 if end == -1 else min(end + 1, start + 24)
            return text[start:stop]
        start = text.find(_OPENING, start + 2)
    return None


def words_outside_variables(text: str, up_to: int | None = None) -> int:
    """How many words the text has once its variables are taken out.

    A word holds a letter or a digit: the comma a variable leaves behind
    (`Hi $(name), thanks!`) is not one. Given `up_to`, counting stops there
    (which is all a minimum needs, and spares reading the rest of a long text).
    """
    words = _WORD.finditer(VARIABLE.sub(" ", text))
    return sum(1 for _ in itertools.islice(words, up_to))
