"""Breakages for the components, headers and button-field rules (CP003-CP005, HD, BT011-BT022).

Merged into tests/breakages.py's `BREAKAGES` by the lead; each one changes a valid
template so that exactly its rule must report at the pointer it returns.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from tests.breakages import (
    QR,
    Breakage,
    Template,
    _buttons,
    has,
    index_of,
    set_buttons,
    standard,
    whatsapp,
)


def _without_body(t: Template) -> str:
    t["Components"] = [c for c in t["Components"] if c["Type"] != "BODY"]
    return "/Components"


def _second_body(t: Template) -> str:
    body = t["Components"][index_of(t, "BODY")]
    t["Components"].append(dict(body))
    return f"/Components/{len(t['Components']) - 1}"


def _body_without_text(t: Template) -> str:
    index = index_of(t, "BODY")
    del t["Components"][index]["Text"]
    return f"/Components/{index}"


def _header(header: Template, member: str | None = None) -> Callable[[Template], str]:
    """Replace the header (or put one first) with `header`."""

    def apply(t: Template) -> str:
        if has(t, "HEADER"):
            t["Components"][index_of(t, "HEADER")] = dict(header)
        else:
            t["Components"].insert(0, dict(header))
        pointer = f"/Components/{index_of(t, 'HEADER')}"
        return pointer if member is None else f"{pointer}/{member}"

    return apply


def _body_caption(t: Template) -> str:
    index = index_of(t, "BODY")
    t["Components"][index]["Caption"] = "Parcel photo"
    return f"/Components/{index}/Caption"


def _button(button: Template, member: str | None = None) -> Callable[[Template], str]:
    place = _buttons([button], 0)
    return place if member is None else lambda t: f"{place(t)}/{member}"


def _quick_replies_in_two_lists(t: Template) -> str:
    labels = [f"Choice {n}" for n in range(11)]
    set_buttons(t, [{"Type": "QUICK_REPLY", "Text": label} for label in labels[:6]])
    t["Components"].append(
        {
            "Type": "BUTTONS",
            "Buttons": [{"Type": "QUICK_REPLY", "Text": label} for label in labels[6:]],
        }
    )
    return f"/Components/{len(t['Components']) - 1}/Buttons/4"


def _marketing(t: Template) -> bool:
    return whatsapp(t, "MARKETING") and not has(t, "CAROUSEL")


def _several_components(t: Template) -> bool:
    return whatsapp(t) and has(t, "BODY") and len(t["Components"]) > 1


def _code(value: str) -> dict[str, Any]:
    return {"Type": "COPY_CODE", "CouponCode": value}


BREAKAGES = (
    Breakage("CP003", _several_components, _without_body),
    Breakage("CP004", lambda t: whatsapp(t) and has(t, "BODY"), _second_body),
    Breakage(
        "CP005",
        lambda t: whatsapp(t, "UTILITY", "MARKETING") and has(t, "BODY"),
        _body_without_text,
    ),
    Breakage("HD001", standard, _header({"Type": "HEADER", "Format": "TEXT"})),
    Breakage("HD002", standard, _header({"Type": "HEADER", "Format": "IMAGE"})),
    Breakage("HD003", lambda t: whatsapp(t) and has(t, "BODY"), _body_caption),
    Breakage(
        "HD004",
        standard,
        _header({"Type": "HEADER", "Format": "TEXT", "Text": "*Sale* today"}, "Text"),
    ),
    Breakage(
        "HD005",
        standard,
        _header(
            {
                "Type": "HEADER",
                "Format": "IMAGE",
                "Url": "https://cdn.example.com/media/banner.gif",
            },
            "Url",
        ),
    ),
    Breakage(
        "HD006", standard, _header({"Type": "HEADER", "Format": "LOCATION"}, "Format")
    ),
    Breakage(
        "BT011", standard, _button({"Type": "QUICK_REPLY", "Text": "x" * 26}, "Text")
    ),
    Breakage("BT012", standard, _button({"Type": "QUICK_REPLY"})),
    Breakage("BT013", standard, _button({"Type": "PHONE_NUMBER", "Text": "Call"})),
    Breakage(
        "BT014",
        standard,
        _button(
            {"Type": "PHONE_NUMBER", "Text": "Call", "PhoneNumber": "+861368897****"},
            "PhoneNumber",
        ),
    ),
    Breakage(
        "BT023",
        standard,
        _button(
            {"Type": "PHONE_NUMBER", "Text": "Call", "PhoneNumber": "555-2671"},
            "PhoneNumber",
        ),
    ),
    Breakage(
        "BT015", standard, _button({"Type": "URL", "Text": "Open", "UrlType": "static"})
    ),
    Breakage(
        "BT016",
        standard,
        _button(
            {
                "Type": "URL",
                "Text": "Open",
                "Url": "https://shop.example.com/" + "x" * 2000,
                "UrlType": "static",
            },
            "Url",
        ),
    ),
    Breakage(
        "BT025",
        standard,
        _button(
            {
                "Type": "URL",
                "Text": "Open",
                "Url": "shop.example.com/x",
                "UrlType": "static",
            },
            "Url",
        ),
    ),
    Breakage("BT017", standard, _buttons([_code("SAVE10"), _code("SAVE20")], 1)),
    Breakage("BT018", standard, _button(_code("SAVE25NOWSAVE25NOW21X"), "CouponCode")),
    Breakage("BT019", standard, _quick_replies_in_two_lists),
    Breakage("BT020", _marketing, _button({"Type": "COPY_CODE", "Text": "Copy"})),
    Breakage("BT021", standard, _button({"Type": "FLOW", "Text": "Book"})),
    Breakage(
        "BT022",
        standard,
        _buttons([{"Type": "CATALOG", "Text": "View catalog"}, QR], 1),
    ),
    Breakage(
        "BT024",
        standard,
        _button(
            {
                "Type": "URL",
                "Text": "Open",
                "Url": "https://shop.example.com/x",
                "UrlType": "static",
                "FlowId": "4798840936051234",
            },
            "FlowId",
        ),
    ),
)
