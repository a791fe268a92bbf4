"""Map a GetChatappTemplateDetail answer onto the CreateChatappTemplate request shape.

The detail answer differs from the request it mirrors (GetChatappTemplateDetail's
page, its Data example):
`Components` and `Example` may come as JSON strings or objects, `Example` may be
wrapped as `{"key": "<JSON>"}`, names may be camelCase or snake_case
(`hasExpiration`, `phone_number`, the seed's `formate`), numbers and booleans may
be strings, and it carries fields no request has (AuditStatus, QualityScore,
Reason, TemplateCode, location fields, ExtendAttrs). Values are never rewritten:
the result lints as the service holds the template.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any, Final

from chatapp_lint.pointer import join

_SUPPORTED_APP: Final = ("PackageName", "SignatureHash")
_CARD_BUTTON: Final = ("Type", "Text", "Url", "UrlType", "PhoneNumber")
_BUTTON: Final = (
    "Type", "Text", "PhoneNumber", "Url", "UrlType", "CouponCode", "IsOptOut",
    "AutofillText", "PackageName", "SignatureHash", "SupportedApps", "FlowId",
    "FlowAction", "NavigateScreen",
)  # fmt: skip
_CARD_COMPONENT: Final = ("Type", "Format", "Text", "Url", "Buttons")
_COMPONENT: Final = (
    "Type", "Format", "Text", "Url", "Caption", "FileName", "FileType", "ThumbUrl",
    "Duration", "AddSecretRecommendation", "CodeExpirationMinutes", "HasExpiration",
    "Buttons", "Cards",
)  # fmt: skip
TOP: Final = (
    "TemplateType", "Name", "Language", "Category", "MessageSendTtlSeconds",
    "AllowCategoryChange", "CategoryChangePaused", "ProductSetId", "CustSpaceId",
    "CustWabaId", "IsvCode", "Components", "Example",
)  # fmt: skip
# Which list member holds objects of which level, per level.
_CHILDREN: Final[dict[str, tuple[str, ...]]] = {
    "Components": _COMPONENT,
    "Cards": ("CardComponents",),
    "CardComponents": _CARD_COMPONENT,
    "SupportedApps": _SUPPORTED_APP,
}
_INTEGERS: Final = {"MessageSendTtlSeconds", "Duration", "CodeExpirationMinutes"}
_BOOLEANS: Final = {
    "AllowCategoryChange", "CategoryChangePaused", "AddSecretRecommendation",
    "HasExpiration", "IsOptOut",
}  # fmt: skip
_ALIASES: Final = {"formate": "Format"}  # the detail page's spelling (C14)
RESPONSE_ONLY: Final = frozenset(
    {"TemplateCode", "AuditStatus", "QualityScore", "Reason", "AllowSend"}
)
"""Top-level answer fields that describe the template's state, not its content."""


def to_template(data: Mapping[str, Any]) -> tuple[dict[str, Any], list[str]]:
    """The request-shaped template for a detail answer's `Data`, and notes.

    The notes name what had no place in a request and was left out; the
    response-only state fields (AuditStatus and the like) go without a note.
    """
    notes: list[str] = []
    state = {_canon(name) for name in RESPONSE_ONLY}
    data = {k: v for k, v in data.items() if _canon(k) not in state}
    template = _object(data, TOP, "", notes)
    if "Example" in template:
        example = _example(template["Example"])
        if example is None:
            notes.append("/Example: not an object of strings; kept as it came.")
        else:
            template["Example"] = example
    return template, notes


def _object(
    value: Mapping[str, Any], names: tuple[str, ...], pointer: str, notes: list[str]
) -> dict[str, Any]:
    canonical = {_canon(name): name for name in names}
    found: dict[str, Any] = {}
    for key, raw in value.items():
        name = _ALIASES.get(key) or canonical.get(_canon(key))
        if name is None:
            notes.append(
                f"{join(pointer, key)}: not part of CreateChatappTemplate; left out."
            )
            continue
        converted = _member(name, raw, join(pointer, name), names, notes)
        if not _empty(converted):
            found[name] = converted
    return {name: found[name] for name in names if name in found}


def _member(
    name: str, raw: Any, pointer: str, level: tuple[str, ...], notes: list[str]
) -> Any:
    if name == "Buttons":
        items = _CARD_BUTTON if level is _CARD_COMPONENT else _BUTTON
        return _list(raw, items, pointer, notes)
    if name in _CHILDREN:
        return _list(raw, _CHILDREN[name], pointer, notes)
    if name in _INTEGERS and isinstance(raw, str) and raw.strip().isdigit():
        return int(raw)
    if name in _BOOLEANS and isinstance(raw, str) and raw.lower() in {"true", "false"}:
        return raw.lower() == "true"
    return raw


def _list(raw: Any, names: tuple[str, ...], pointer: str, notes: list[str]) -> Any:
    items = _decoded(raw)
    if not isinstance(items, list):
        return raw
    return [
        _object(item, names, join(pointer, index), notes)
        if isinstance(item, Mapping)
        else item
        for index, item in enumerate(items)
    ]


def _example(raw: Any) -> dict[str, str] | None:
    value = _decoded(raw)
    # C13: the detail page shows Example as {"key": "<the JSON object>"}.
    if isinstance(value, Mapping) and list(value) == ["key"]:
        inner = _decoded(value["key"])
        if isinstance(inner, Mapping):
            value = inner
    if isinstance(value, Mapping) and all(isinstance(v, str) for v in value.values()):
        return {str(k): v for k, v in value.items()}
    return None


def _decoded(raw: Any) -> Any:
    """A JSON string decoded, twice if it was encoded twice; anything else as is."""
    for _ in range(2):
        if not isinstance(raw, str):
            break
        try:
            raw = json.loads(raw)
        except ValueError:
            break
    return raw


def _canon(name: str) -> str:
    return name.replace("_", "").lower()


def _empty(value: Any) -> bool:
    """Null, blank or an empty list: the answer's way of saying "not set"."""
    return value is None or value in ("", [], {})


def same_content(held: Mapping[str, Any], ours: Mapping[str, Any]) -> bool:
    """Whether the service holds the template we meant to create.

    Compares type, components and examples, ignoring members left empty; the
    category is left out, since Meta may recategorise a template.
    """
    keys = ("TemplateType", "Components", "Example")
    return all(_compact(held.get(k)) == _compact(ours.get(k)) for k in keys)


def _compact(value: Any) -> Any:
    if isinstance(value, Mapping):
        return {k: _compact(v) for k, v in value.items() if not _empty(v)}
    if isinstance(value, list):
        return [_compact(v) for v in value]
    return value
