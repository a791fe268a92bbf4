"""Characters: what may appear in the texts a customer or a reviewer reads."""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from typing import Any, Final

from chatapp_lint.lazy_re import LazyPattern
from chatapp_lint.model import Finding, Severity
from chatapp_lint.rules._base import Node, TemplateView, rule
from chatapp_lint.rules._evidence import Evidence, Kind, Outcome
from chatapp_lint.rules._variables import (
    BUTTON_SCREEN_MEMBERS,
    COMPONENT_SCREEN_MEMBERS,
    screen_texts,
)

# Unicode's control characters (general category Cc: C0, DEL and C1) except tab
# and line feed, and a carriage return except where it ends a line before a line
# feed: "\r\n" is how Windows tools write a line break, and it renders as one.
CONTROL: Final = LazyPattern(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]|\r(?!\n)")
# The same, split in two: a bare character class and a pattern that starts with
# a literal each scan a long text several times faster than the alternation.
_NOT_CR: Final = LazyPattern(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_LONE_CR: Final = LazyPattern(r"\r(?!\n)")
# Names for the control characters people meet; the others are named by code.
_NAMES: Final = {
    0x00: "null",
    0x07: "bell",
    0x08: "backspace",
    0x0B: "vertical tab",
    0x0C: "form feed",
    0x0D: "carriage return without a line feed",
    0x1B: "escape",
    0x7F: "delete",
    0x85: "next line",
}


@rule(
    "TX001",
    "control-characters",
    severity=Severity.WARNING,
    evidence=(
        Evidence(
            Kind.FORMAT,
            Outcome.UNSTATED,
            "The Unicode Standard, section 23.1, Control Codes",
            "The control codes have no visible form; what they do is left to the "
            "protocol or program that interprets them.",
        ),
        Evidence(
            Kind.INFERENCE,
            Outcome.UNSTATED,
            "chatapp-lint",
            "Neither the service nor Meta nor Viber says a template holding one is "
            "refused; it shows as nothing or as a box, so it is worth removing.",
        ),
    ),
)
def control_characters(t: TemplateView, root: Node) -> Iterator[Finding]:
    r"""A text or a sample holds a control character other than a line break or a tab.

    Why: control characters have no visible form: a phone shows them as nothing
    or as a box, a reviewer cannot see them in the console, and nobody types them
    on purpose (they come from copying out of terminals, PDFs and spreadsheets).
    Newline and tab are allowed, and so is a carriage return that ends a line
    before a line feed ("\r\n", a Windows line break); a carriage return on its
    own is not, since screens disagree on what it does. Checked in the texts the
    customer reads (component `Text`, `Caption` and `FileName`, button `Text` and
    `AutofillText`, on carousel cards too) and in the `Example` samples the
    reviewer reads. The report names the character by its code point and never
    prints it. A warning: no source says such a template is refused.

    Fails:
        TemplateType: WHATSAPP
        Name: order_update
        Language: en_US
        Category: UTILITY
        Components:
          - {Type: BODY, Text: "Your order has shipped\a and arrives tomorrow."}

    Passes:
        TemplateType: WHATSAPP
        Name: order_update
        Language: en_US
        Category: UTILITY
        Components:
          - {Type: BODY, Text: "Your order has shipped.\r\nIt arrives tomorrow."}
    """
    given: Mapping[Any, Any] = t.example or {}  # YAML keys need not be strings
    samples = [
        sample
        for name, sample in given.items()
        if isinstance(name, str) and isinstance(sample, str)
    ]
    if not _any_control(screen_texts(t) + samples):
        return  # the usual case, settled in one pass over all the texts at once
    groups = (
        (t.components, COMPONENT_SCREEN_MEMBERS),
        (t.buttons, BUTTON_SCREEN_MEMBERS),
        (t.card_components, COMPONENT_SCREEN_MEMBERS),
        (t.card_buttons, BUTTON_SCREEN_MEMBERS),
    )
    for nodes, keys in groups:
        for node in nodes:
            for key in keys:
                yield from _check(node.text(key), node.at(key), f"'{key}'")
    for name, sample in (t.example or {}).items():
        if isinstance(name, str):
            yield from _check(
                sample if isinstance(sample, str) else None,
                root.at("Example", name),
                "The sample",
            )


def _any_control(texts: list[str]) -> bool:
    r"""Whether any of the texts holds a control character `CONTROL` matches.

    Joined by spaces, so that no two texts can make a "\r\n" between them.
    Every control character is unprintable, so a text that is printable once
    its line breaks and tabs are spaces has none: `str.isprintable` says so
    faster than the pattern can.
    """
    joined = " ".join(texts)
    if joined.replace("\n", " ").replace("\t", " ").isprintable():
        return False
    if _NOT_CR.search(joined) is not None:
        return True
    return "\r" in joined and _LONE_CR.search(joined) is not None


def _check(text: str | None, pointer: str, what: str) -> Iterator[Finding]:
    """One finding for the first control character in `text`, counting the rest.

    One per member, however many it holds, so that a hostile text of millions of
    them gives one line. The count is what removing them all takes off the
    length: one pass at C speed, where a list of matches could take gigabytes.
    """
    if not text:
        return
    found = first_control(text)
    if found is None:
        return
    more = len(text) - len(CONTROL.sub("", text)) - 1
    also = f" (and {more:,} more)" if more else ""
    yield Finding(
        pointer,
        f"{what} holds {describe(found.group())} at character {found.start() + 1:,}"
        f"{also}; remove it: it is invisible or garbled on the customer's screen.",
    )


def first_control(text: str) -> re.Match[str] | None:
    """The first match of `CONTROL` in the text, found the fast way."""
    matches = [_NOT_CR.search(text), _LONE_CR.search(text) if "\r" in text else None]
    return min((m for m in matches if m), key=lambda m: m.start(), default=None)


def describe(character: str) -> str:
    """The character as `U+0007 (bell)`: named, never echoed."""
    code = ord(character[0])
    name = _NAMES.get(code, "a control character")
    return f"U+{code:04X} ({name})"


RULES = (control_characters,)
