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
        found = _scan(t)[0]
    return found


def screen_texts(t: TemplateView) -> list[str]:
    """Every string a customer reads in the parts (computed once, with `fields`).

    Component `Text`, `Caption` and `FileName`, button `Text` and `AutofillText`,
    on carousel cards too, in no particular order.
    """
    found: list[str] | None = t.memo.get("screen_texts")
    if found is None:
        found = _scan(t)[1]
    return found


def _scan(t: TemplateView) -> tuple[list[Field], list[str]]:
    """One pass over the parts for `fields` and `screen_texts`, both remembered.

    The members where the service substitutes variables, in this order: Text,
    Url, and a button's CouponCode. Besides those, the members whose text
    reaches the customer's screen: Text, a component's Caption and FileName, a
    button's AutofillText.
    """
    found: list[Field] = []
    shown: list[str] = []
    _scan_components(t.components, found, shown)
    _scan_buttons(t.buttons, found, shown)
    _scan_components(t.card_components, found, shown)
    _scan_buttons(t.card_buttons, found, shown)
    t.memo["fields"] = found
    t.memo["screen_texts"] = shown
    return found, shown


def _scan_components(nodes: list[Node], found: list[Field], shown: list[str]) -> None:
    for node in nodes:
        value = node.value
        text = value.get("Text")
        if isinstance(text, str):
            shown.append(text)
            if text:
                found.append(Field(node, "Text", text))
        text = value.get("Url")
        if isinstance(text, str) and text:
            found.append(Field(node, "Url", text))
        text = value.get("Caption")
        if isinstance(text, str):
            shown.append(text)
        text = value.get("FileName")
        if isinstance(text, str):
            shown.append(text)


def _scan_buttons(nodes: list[Node], found: list[Field], shown: list[str]) -> None:
    for node in nodes:
        value = node.value
        text = value.get("Text")
        if isinstance(text, str):
            shown.append(text)
            if text:
                found.append(Field(node, "Text", text))
        text = value.get("Url")
        if isinstance(text, str) and text:
            found.append(Field(node, "Url", text))
        text = value.get("CouponCode")
        if isinstance(text, str) and text:
            found.append(Field(node, "CouponCode", text))
        text = value.get("AutofillText")
        if isinstance(text, str):
            shown.append(text)


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


def count_words(text: str, up_to: int | None = None) -> int:
    """How many words the text has, counting no further than `up_to`.

    A word holds a letter or a digit: the comma a removed variable leaves behind
    (`Hi $(name), thanks!`) is not one. Stopping early is all a minimum needs, and
    spares reading the rest of a long text.
    """
    return len(list(itertools.islice(_WORD.finditer(text), up_to)))
