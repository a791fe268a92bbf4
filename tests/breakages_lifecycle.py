"""Breakages for the authentication, carousel, offer, Viber and TTL rules.

Each one follows tests/breakages.py: a small change to a valid template and the
pointer where its rule must report. The lead merges `BREAKAGES` into the main
tuple.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from chatapp_lint.strategies import authentication, carousel, limited_time_offer, viber
from tests.breakages import (
    PHONE,
    SOURCES,
    Breakage,
    Template,
    has,
    index_of,
    is_viber,
    set_buttons,
    whatsapp,
)


def _authentication(t: Template) -> bool:
    return whatsapp(t, "AUTHENTICATION")


def _has_carousel(t: Template) -> bool:
    return whatsapp(t) and has(t, "CAROUSEL")


def _has_offer(t: Template) -> bool:
    return whatsapp(t) and has(t, "LIMITED_TIME_OFFER")


def _has_viber_header(t: Template) -> bool:
    return is_viber(t) and t["Components"][0]["Type"] == "HEADER"


def _app(package: str, signature: str) -> Template:
    return {"PackageName": package, "SignatureHash": signature}


def _one_tap(apps: list[Template], member: str) -> Callable[[Template], str]:
    def apply(t: Template) -> str:
        button = {
            "Type": "ONE_TAP",
            "Text": "Copy code",
            "AutofillText": "Autofill",
            "SupportedApps": apps,
        }
        index = set_buttons(t, [button])
        return f"/Components/{index}/Buttons/0/{member}"

    return apply


SIX_APPS = [_app(f"com.example.app{i}", f"K8a/AINcGX{i}") for i in range(6)]


def _footer(t: Template, minutes: int) -> int:
    """Set (or add, before the buttons) the FOOTER's `CodeExpirationMinutes`."""
    index = index_of(t, "FOOTER")
    if index is None:
        buttons = index_of(t, "BUTTONS")
        index = len(t["Components"]) if buttons is None else buttons
        t["Components"].insert(index, {"Type": "FOOTER"})
    t["Components"][index]["CodeExpirationMinutes"] = minutes
    return index


def _expiry_out_of_range(t: Template) -> str:
    index = _footer(t, 91)
    t.pop("MessageSendTtlSeconds", None)
    return f"/Components/{index}/CodeExpirationMinutes"


def _ttl_past_expiry(t: Template) -> str:
    _footer(t, 1)
    t["MessageSendTtlSeconds"] = 900
    return "/MessageSendTtlSeconds"


def _carousel(t: Template) -> tuple[int, list[Template]]:
    index = index_of(t, "CAROUSEL")
    assert index is not None
    return index, t["Components"][index]["Cards"]


def _one_card(t: Template) -> str:
    index, cards = _carousel(t)
    del cards[1:]
    return f"/Components/{index}/Cards"


def _card_header_url(t: Template) -> str:
    index, cards = _carousel(t)
    del cards[1]["CardComponents"][0]["Url"]
    return f"/Components/{index}/Cards/1/CardComponents/0"


def _card_body_missing(t: Template) -> str:
    index, cards = _carousel(t)
    del cards[1]["CardComponents"][1]
    return f"/Components/{index}/Cards/1/CardComponents"


def _card_body_long(t: Template) -> str:
    index, cards = _carousel(t)
    cards[0]["CardComponents"][1]["Text"] = "x" * 161
    return f"/Components/{index}/Cards/0/CardComponents/1/Text"


def _card_buttons_differ(t: Template) -> str:
    index, cards = _carousel(t)
    last = len(cards) - 1
    cards[last]["CardComponents"][2]["Buttons"] = [dict(PHONE)]
    return f"/Components/{index}/Cards/{last}/CardComponents/2/Buttons/0"


def _on(kind: str, key: str, value: Any) -> Callable[[Template], str]:
    def apply(t: Template) -> str:
        index = index_of(t, kind)
        assert index is not None
        t["Components"][index][key] = value
        return f"/Components/{index}/{key}"

    return apply


def _offer_footer(t: Template) -> str:
    index = index_of(t, "BUTTONS")
    assert index is not None
    t["Components"].insert(index, {"Type": "FOOTER", "Text": "Example Shop"})
    return f"/Components/{index}"


def _viber_caption(t: Template) -> str:
    button: Template = {"Type": "URL", "Text": "See every new arrival in our store"}
    if t["Components"][0].get("Format") != "VIDEO":
        button["Url"] = "https://shop.example.com/new"
    index = set_buttons(t, [button])
    return f"/Components/{index}/Buttons/0/Text"


def _viber_button_alone(t: Template) -> str:
    set_buttons(
        t, [{"Type": "URL", "Text": "Shop now", "Url": "https://shop.example.com/"}]
    )
    body = index_of(t, "BODY")
    assert body is not None
    del t["Components"][body]
    return "/Components"


def _viber_bmp(t: Template) -> str:
    header = t["Components"][0]
    for key in ("ThumbUrl", "Duration", "FileName", "FileType"):
        header.pop(key, None)
    header.update(Format="IMAGE", Url="https://cdn.example.com/media/banner.bmp")
    index = index_of(t, "BUTTONS")
    if index is not None:
        t["Components"][index]["Buttons"][0]["Url"] = "https://shop.example.com/"
    return "/Components/0/Url"


def _text_type_with_a_button(t: Template) -> str:
    button: Template = {"Type": "URL", "Text": "Shop now"}
    set_buttons(t, [button])
    t["Category"] = "text"
    return "/Category"


def _viber_variable(t: Template) -> str:
    index = index_of(t, "BODY")
    assert index is not None
    t["Components"][index]["Text"] = "Hi $(name), new arrivals are in store this week."
    t.pop("Example", None)
    return f"/Components/{index}/Text"


def _top(key: str, value: Any) -> Callable[[Template], str]:
    def apply(t: Template) -> str:
        t[key] = value
        return f"/{key}"

    return apply


def _category(kind: str, category: str) -> Callable[[Template], str]:
    def apply(t: Template) -> str:
        t["Category"] = category
        return f"/Components/{index_of(t, kind)}/Type"

    return apply


def _cards_on_body(t: Template) -> str:
    index = index_of(t, "BODY")
    card = {"CardComponents": [{"Type": "BODY", "Text": "A card."}]}
    t["Components"][index]["Cards"] = [card]
    return f"/Components/{index}/Cards"


def _offer_text_header(t: Template) -> str:
    header = {"Type": "HEADER", "Format": "TEXT", "Text": "Flash sale"}
    index = index_of(t, "HEADER")
    if index is None:
        t["Components"].insert(0, header)
        index = 0
    else:
        t["Components"][index] = header
    return f"/Components/{index}/Format"


BREAKAGES = (
    Breakage("AU010", _authentication, _expiry_out_of_range),
    Breakage("AU011", _authentication, _one_tap(SIX_APPS, "SupportedApps/5")),
    Breakage(
        "AU012",
        _authentication,
        _one_tap([_app("example", "K8a/AINcGX7")], "SupportedApps/0/PackageName"),
    ),
    Breakage(
        "AU013",
        _authentication,
        _one_tap(
            [_app("com.example.shop", "wi299382")], "SupportedApps/0/SignatureHash"
        ),
    ),
    Breakage("AU014", _authentication, _ttl_past_expiry),
    Breakage("CR003", _has_carousel, _one_card),
    Breakage("CR004", _has_carousel, _card_header_url),
    Breakage("CR005", _has_carousel, _card_body_missing),
    Breakage("CR006", _has_carousel, _card_body_long),
    Breakage("CR007", _has_carousel, _card_buttons_differ),
    Breakage(
        "LO001",
        _has_offer,
        _on("LIMITED_TIME_OFFER", "Text", "Our biggest flash sale ever"),
    ),
    Breakage("LO002", _has_offer, _on("BODY", "Text", "x" * 601)),
    Breakage("LO003", _has_offer, _offer_footer),
    Breakage("LO004", lambda t: has(t, "BODY"), _on("BODY", "HasExpiration", True)),
    Breakage("VB007", is_viber, _on("BODY", "Text", "x" * 1001)),
    Breakage("VB008", is_viber, _on("BODY", "Text", "x" * 900)),
    Breakage("VB009", is_viber, _viber_caption),
    Breakage("VB010", is_viber, _viber_button_alone),
    Breakage("VB011", is_viber, _on("BODY", "FileType", "zip")),
    Breakage("VB012", is_viber, _on("BODY", "FileName", "monthly_statement_2026.pdf")),
    Breakage("VB013", _has_viber_header, _viber_bmp),
    Breakage("VB014", _has_viber_header, _on("HEADER", "ThumbUrl", "x" * 1001)),
    Breakage(
        "TT002",
        lambda t: whatsapp(t, "MARKETING"),
        _top("MessageSendTtlSeconds", 86400),
    ),
    Breakage(
        "TT004",
        lambda t: whatsapp(t, "MARKETING"),
        _top("MessageSendTtlSeconds", 3600),
    ),
    Breakage("VB015", _has_viber_header, _on("HEADER", "Format", "TEXT")),
    Breakage("VB016", is_viber, _text_type_with_a_button),
    Breakage("VR015", is_viber, _viber_variable),
    Breakage("TT003", is_viber, _top("MessageSendTtlSeconds", 3600)),
    Breakage("CR008", _has_carousel, _category("CAROUSEL", "UTILITY")),
    Breakage("CR009", lambda t: has(t, "BODY"), _cards_on_body),
    Breakage("LO005", _has_offer, _category("LIMITED_TIME_OFFER", "UTILITY")),
    Breakage("LO006", _has_offer, _offer_text_header),
)

# Draw from the kinds of template each predicate selects, rather than filtering.
SOURCES.update(
    {
        _authentication: authentication(),
        _has_carousel: carousel(),
        _has_offer: limited_time_offer(),
        _has_viber_header: viber(),
    }
)
