"""Finding `$(name)` variables, and `{{1}}` look-alikes, in a template's texts."""

from __future__ import annotations

import itertools
from typing import Final

from chatapp_lint.lazy_re import LazyPattern
from chatapp_lint.rules._base import Node, TemplateView

VARIABLE: Final = LazyPattern(r"\$\(([A-Za-z_][A-Za-z0-9_]*)\)")
# Any closed `$(...)` without parentheses inside: the service's form, whatever
# the name (VR014 judges the name, VR001 the brackets).
CLOSED: Final = LazyPattern(r"\$\(([^()]*)\)")
# Meta's numbered placeholders, which the service refuses (`{{(d+)}}`).
CURLY: Final = LazyPattern(r"\{\{\s*\d+\s*\}\}")
# Meta's named placeholders (`{{first_name}}`), which the service does not fill in.
NAMED_CURLY: Final = LazyPattern(r"\{\{\s*[A-Za-z_]\w*\s*\}\}")
_OPENING = "$("
# A run of non-space characters from its first letter or digit: one per word
# that has one (`[^\W_]` is exactly what `str.isalnum` accepts, and `\S` is what
# `str.split` does not split on).
_WORD: Final = LazyPattern(r"[^\W_]\S*")
# Per kind of part: the members where the service substitutes variables, and
# the members whose text reaches the customer's screen (TX001 reads these).
COMPONENT_VARIABLE_MEMBERS: Final = ("Text", "Url")
BUTTON_VARIABLE_MEMBERS: Final = ("Text", "Url", "CouponCode")
COMPONENT_SCREEN_MEMBERS: Final = ("Text", "Caption", "FileName")
BUTTON_SCREEN_MEMBERS: Final = ("Text", "AutofillText")


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
    """One pass over the parts for `fields` and `screen_texts`, both remembered."""
    found: list[Field] = []
    shown: list[str] = []
    for nodes, members in (
        (t.components, _COMPONENT_MEMBERS),
        (t.buttons, _BUTTON_MEMBERS),
        (t.card_components, _COMPONENT_MEMBERS),
        (t.card_buttons, _BUTTON_MEMBERS),
    ):
        for node in nodes:
            value = node.value
            for key, variables, screen in members:
                text = value.get(key)
                if isinstance(text, str):
                    if screen:
                        shown.append(text)
                    if variables and text:
                        found.append(Field(node, key, text))
    t.memo["fields"] = found
    t.memo["screen_texts"] = shown
    return found, shown


def _members(
    variables: tuple[str, ...], screen: tuple[str, ...]
) -> tuple[tuple[str, bool, bool], ...]:
    """Each member once, with whether it may hold variables and whether it is shown."""
    keys = dict.fromkeys((*variables, *screen))
    return tuple((key, key in variables, key in screen) for key in keys)


_COMPONENT_MEMBERS: Final = _members(
    COMPONENT_VARIABLE_MEMBERS, COMPONENT_SCREEN_MEMBERS
)
_BUTTON_MEMBERS: Final = _members(BUTTON_VARIABLE_MEMBERS, BUTTON_SCREEN_MEMBERS)


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
    """The first `$(` that opens no closed, non-empty `$(...)`, quoted, if any.

    A closed one with a name outside `[A-Za-z_][A-Za-z0-9_]*` is not malformed
    here: `badly_named` finds those.
    """
    start = text.find(_OPENING)
    while start != -1:
        closed = CLOSED.match(text, start)
        if closed is None or not closed.group(1).strip():
            end = text.find(")", start)
            stop = start + 24 if end == -1 else min(end + 1, start + 24)
            return text[start:stop]
        start = text.find(_OPENING, start + 2)
    return None


def badly_named(text: str) -> str | None:
    """The first closed `$(...)` whose name is not letters, digits and `_`, quoted."""
    if _OPENING not in text:
        return None
    for closed in CLOSED.finditer(text):
        name = closed.group(1)
        if name.strip() and not VARIABLE.fullmatch(closed.group()):
            return closed.group()[:24]
    return None


def written_names(t: TemplateView) -> set[str]:
    """Every name written as `$(...)`, well-formed or not, and in `OfferExpirationTimeMs`.

    What an `Example` key may sample: a key for a badly named variable is
    reported with the variable (VR014), not again as unused, and the offer's
    expiry variable is filled in when sending.
    """
    names: set[str] | None = t.memo.get("written_names")
    if names is None:
        names = set()
        for found in fields(t):
            if _OPENING in found.text:
                names.update(CLOSED.findall(found.text))
        for component in t.components:
            expiry = component.text("OfferExpirationTimeMs")
            if expiry and _OPENING in expiry:
                names.update(CLOSED.findall(expiry))
        t.memo["written_names"] = names
    return names


def count_words(text: str, up_to: int | None = None) -> int:
    """How many words the text has, counting no further than `up_to`.

    A word holds a letter or a digit: the comma a removed variable leaves behind
    (`Hi $(name), thanks!`) is not one. Stopping early is all a minimum needs, and
    spares reading the rest of a long text.
    """
    return len(list(itertools.islice(_WORD.finditer(text), up_to)))
