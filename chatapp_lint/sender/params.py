"""Check the `TemplateParams` a program is about to pass to SendChatappMessage.

The template fixes where each `$(name)` goes; the values arrive only when a
message is sent. Meta rejects the message when a value is missing, when a text
grows past its limit once the values are in, when a dynamic URL stops being a
URL, or when a value holds a newline, a tab or more than four spaces in a row.
Violations use the PM codes below and point into the template.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any, Final
from urllib.parse import urlsplit

from chatapp_lint.model import Channel, Severity, Violation
from chatapp_lint.rules import message_params
from chatapp_lint.rules._base import TemplateView
from chatapp_lint.rules._variables import VARIABLE, Field, fields

CODES: Final = {rule.code: rule.slug for rule in message_params.CODES}
"""Each code this check reports, with its slug (documented in `rules.md`)."""

BODY_LIMITS: Final = {Channel.WHATSAPP: 1024, Channel.VIBER: 1000}
HEADER_LIMIT: Final = 60
URL_LIMIT: Final = 2000
# Meta: "Param text cannot have new-line/tab characters or more than 4 consecutive spaces".
_BAD_WHITESPACE: Final = re.compile(r"[\n\r\t]| {5,}")


def check_params(
    template: Mapping[str, Any], params: Mapping[str, Any]
) -> list[Violation]:
    """The violations of `params` (SendChatappMessage's TemplateParams) for a template.

    Args:
        template: The template, as `lint` takes it (wire-form JSON strings too).
        params: Variable name to value, as the message will carry them.

    Returns:
        Violations sorted by pointer and code; empty when the values fit.
    """
    view = _view(template)
    found = fields(view)
    used: dict[str, str] = {}
    for field in found:
        for name in field.names:
            used.setdefault(name, field.pointer)
    violations = [*_names(used, params), *_values(used, params)]
    for field in found:
        text = _substituted(field, params)
        if text is not None:
            violations += _text_checks(view, field, text)
    return sorted(violations, key=lambda v: (v.pointer, v.code, v.message))


def _names(used: dict[str, str], params: Mapping[str, Any]) -> list[Violation]:
    found = [
        _violation("PM001", pointer, f"No value is given for variable '{name}'.")
        for name, pointer in used.items()
        if params.get(name) in (None, "")
    ]
    found += [
        _violation("PM002", "", f"'{name}' is not a variable of this template.")
        for name in params
        if name not in used
    ]
    return found


def _values(used: dict[str, str], params: Mapping[str, Any]) -> list[Violation]:
    found = []
    for name, value in params.items():
        if name not in used or value is None:
            continue
        if not isinstance(value, str):
            found.append(
                _violation(
                    "PM006",
                    used[name],
                    f"The value of '{name}' is a {type(value).__name__}, not text.",
                )
            )
        elif _BAD_WHITESPACE.search(value):
            found.append(
                _violation(
                    "PM005",
                    used[name],
                    f"The value of '{name}' holds a newline, a tab or more than "
                    "four spaces in a row, which the service rejects.",
                )
            )
    return found


def _text_checks(view: TemplateView, field: Field, text: str) -> list[Violation]:
    found = []
    limit = _limit(view, field)
    if limit is not None and len(text) > limit:
        found.append(
            _violation(
                "PM003",
                field.pointer,
                f"With the values in, this text is {len(text):,} characters long; "
                f"at most {limit:,} are allowed.",
            )
        )
    if field.key == "Url" and field.names and not _valid_url(text):
        found.append(
            _violation(
                "PM004",
                field.pointer,
                f"With the values in, the URL is not valid: {text[:80]!r}.",
            )
        )
    return found


def _limit(view: TemplateView, field: Field) -> int | None:
    node = field.node
    top_level = node.parent is not None and node.parent.pointer == ""
    if field.key == "Url":
        return URL_LIMIT if not top_level else None
    if not top_level or field.key != "Text" or view.channel is None:
        return None
    if node.type == "BODY":
        return BODY_LIMITS[view.channel]
    if node.type == "HEADER" and view.channel is Channel.WHATSAPP:
        return HEADER_LIMIT
    return None


def _substituted(field: Field, params: Mapping[str, Any]) -> str | None:
    """The text with every variable replaced; None if a value is missing."""
    if any(not isinstance(params.get(name), str) for name in field.names):
        return None
    return VARIABLE.sub(lambda m: str(params[m.group(1)]), field.text)


def _valid_url(text: str) -> bool:
    if any(c.isspace() or ord(c) < 0x20 for c in text):  # noqa: PLR2004 - control chars
        return False
    try:
        parts = urlsplit(text)
    except ValueError:
        return False
    return parts.scheme in {"http", "https"} and bool(parts.hostname)


def _view(template: Mapping[str, Any]) -> TemplateView:
    from chatapp_lint.sender.batch import wire_decoded

    try:
        data = wire_decoded(template)
    except ValueError:  # a wire string that is not JSON: `lint` reports it
        data = dict(template)
    example = data.get("Example")
    return TemplateView(data, example if isinstance(example, Mapping) else None)


def _violation(code: str, pointer: str, message: str) -> Violation:
    return Violation(
        file=None,
        line=None,
        column=None,
        code=code,
        rule=CODES[code],
        severity=Severity.ERROR,
        message=message,
        template=0,
        pointer=pointer,
    )
