"""A message text as the recipient reads it: samples in place of variables, and styles.

WhatsApp turns `*bold*`, `_italic_`, `~strike~` and triple-backtick monospace into
styled text ("Format text in WhatsApp", WhatsApp Help Center); Viber shows text as
it is. The result is a list of `Span`s, never HTML: the page's templates escape
every span, so a template's text can never become markup.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any, Final

import attrs

_VARIABLE: Final = re.compile(r"\$\((?P<name>[^()\s]*)\)")
_HOLE: Final = "\x00"  # stands for a variable while styles are parsed
# A marker opens after a non-word character and closes before one, with no space
# just inside it, on one line, as WhatsApp applies them.
_STYLES: Final = (
    ("mono", re.compile(r"```(?P<inner>.+?)```", re.DOTALL)),
    ("bold", re.compile(r"(?<![\w*])\*(?P<inner>[^\s*](?:[^*\n]*[^\s*])?)\*(?!\w)")),
    ("italic", re.compile(r"(?<![\w_])_(?P<inner>[^\s_](?:[^_\n]*[^\s_])?)_(?!\w)")),
    ("strike", re.compile(r"(?<![\w~])~(?P<inner>[^\s~](?:[^~\n]*[^\s~])?)~(?!\w)")),
)


@attrs.frozen
class Span:
    """A run of text with its styles; a variable's span holds its sample.

    `variable` is the variable's name when the span stands for one; `missing` says
    the template's `Example` gives it no sample, so the placeholder itself is shown.
    """

    text: str
    styles: tuple[str, ...] = ()
    variable: str | None = None
    missing: bool = False

    @property
    def classes(self) -> str:
        """The CSS classes that draw the span."""
        names = [f"fmt-{style}" for style in self.styles]
        if self.variable is not None:
            names.append("var-missing" if self.missing else "var")
        return " ".join(names)


def spans(text: str, example: Mapping[str, Any], *, styled: bool = True) -> list[Span]:
    """The text with each `$(name)` replaced by its sample, split into styled spans."""
    names: list[str] = []

    def hole(match: re.Match[str]) -> str:
        names.append(match["name"])
        return _HOLE

    holed = _VARIABLE.sub(hole, text.replace(_HOLE, "\ufffd"))
    plain = [Span(holed)]
    pieces = _styled(holed, ()) if styled else plain
    filled = iter(names)
    result: list[Span] = []
    for piece in pieces:
        for index, part in enumerate(piece.text.split(_HOLE)):
            if index:
                result.append(_variable(next(filled), example, piece.styles))
            if part:
                result.append(Span(part, piece.styles))
    return result


def sample_text(text: str, example: Mapping[str, Any]) -> str:
    """The text with samples in place of variables, unstyled (for URLs and labels)."""
    return "".join(span.text for span in spans(text, example, styled=False))


def _variable(name: str, example: Mapping[str, Any], styles: tuple[str, ...]) -> Span:
    sample = example.get(name)
    if sample is None or isinstance(sample, (dict, list)):
        return Span(f"$({name})", styles, name, missing=True)
    if isinstance(sample, bool):
        sample = "true" if sample else "false"
    return Span(str(sample), styles, name)


def _styled(text: str, styles: tuple[str, ...]) -> list[Span]:
    """Split text on the first style marker found, recursively inside it."""
    first: tuple[str, re.Match[str]] | None = None
    for style, pattern in _STYLES:
        if style in styles:
            continue
        match = pattern.search(text)
        if match and (first is None or match.start() < first[1].start()):
            first = (style, match)
    if first is None:
        return [Span(text, styles)] if text else []
    style, match = first
    inner = (*styles, style)
    # Nothing is styled inside monospace, as in WhatsApp.
    middle = (
        [Span(match["inner"], inner)]
        if style == "mono"
        else _styled(match["inner"], inner)
    )
    before = [Span(text[: match.start()], styles)] if match.start() else []
    return [*before, *middle, *_styled(text[match.end() :], styles)]
