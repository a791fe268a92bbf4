"""Finding `$(name)` variables, and `{{1}}` look-alikes, in a template's texts."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Final

import attrs

from chatapp_lint.rules._base import Node, TemplateView

VARIABLE: Final = re.compile(r"\$\(([A-Za-z_][A-Za-z0-9_]*)\)")
CURLY: Final = re.compile(r"\{\{[^{}]*\}\}")
_OPENING = "$("
# The members where the service substitutes variables, per kind of object.
_COMPONENT_FIELDS: Final = ("Text", "Url")
_BUTTON_FIELDS: Final = ("Text", "Url", "CouponCode")


@attrs.frozen
class Field:
    """A string member that may hold variables, with where it is."""

    node: Node
    key: str
    text: str

    @property
    def pointer(self) -> str:
        """The member's pointer."""
        return self.node.at(self.key)

    @property
    def names(self) -> list[str]:
        """The variable names in the text, in order, repeats included."""
        return VARIABLE.findall(self.text)


def fields(t: TemplateView) -> list[Field]:
    """Every string member of the template that may hold variables, computed once."""
    found: list[Field] | None = t.memo.get("fields")
    if found is None:
        found = list(_fields(t))
        t.memo["fields"] = found
    return found


def _fields(t: TemplateView) -> Iterator[Field]:
    groups = (
        (t.components, _COMPONENT_FIELDS),
        (t.buttons, _BUTTON_FIELDS),
        (t.card_components, _COMPONENT_FIELDS),
        (t.card_buttons, _BUTTON_FIELDS),
    )
    for nodes, keys in groups:
        for node in nodes:
            for key in keys:
                text = node.text(key)
                if text:
                    yield Field(node, key, text)


def used(t: TemplateView) -> dict[str, str]:
    """Each variable name used anywhere, with the pointer of its first use."""
    names: dict[str, str] = {}
    for found in fields(t):
        for name in found.names:
            names.setdefault(name, found.pointer)
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


def words_outside_variables(text: str) -> int:
    """How many words the text has once its variables are taken out.

    A word holds a letter or a digit: the comma a variable leaves behind
    (`Hi $(name), thanks!`) is not one.
    """
    return sum(
        any(ch.isalnum() for ch in word) for word in VARIABLE.sub(" ", text).split()
    )
