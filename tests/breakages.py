"""One targeted breakage per rule: a small change to a valid template that the rule must catch.

Each breakage says which templates it can break (`applies`) and, applied to a deep
copy, returns the pointer where its rule must report. The engine property in
test_engine_properties.py draws a valid template and a breakage that applies to it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import attrs
from hypothesis import strategies as st

from chatapp_lint.strategies import (
    authentication,
    carousel,
    standard_whatsapp,
    valid_templates,
    viber,
)

Template = dict[str, Any]
LONG_WORDS = "word " * 300


@attrs.frozen
class Breakage:
    code: str
    applies: Callable[[Template], bool]
    apply: Callable[[Template], str]

    def source(self) -> st.SearchStrategy[Template]:
        """Valid templates this breakage applies to, drawn without much filtering."""
        narrow = SOURCES.get(self.applies)
        return (valid_templates() if narrow is None else narrow).filter(self.applies)


def whatsapp(t: Template, *categories: str) -> bool:
    return t["TemplateType"] == "WHATSAPP" and (
        not categories or t["Category"] in categories
    )


def is_viber(t: Template) -> bool:
    return t["TemplateType"] == "VIBER"


def index_of(t: Template, kind: str) -> int | None:
    return next((i for i, c in enumerate(t["Components"]) if c["Type"] == kind), None)


def has(t: Template, kind: str) -> bool:
    return index_of(t, kind) is not None


def is_authentication(t: Template) -> bool:
    return whatsapp(t, "AUTHENTICATION")


def authentication_with_footer(t: Template) -> bool:
    return is_authentication(t) and has(t, "FOOTER")


def authentication_or_utility(t: Template) -> bool:
    return whatsapp(t, "AUTHENTICATION", "UTILITY")


def has_carousel(t: Template) -> bool:
    return has(t, "CAROUSEL")


def marketing_without_carousel(t: Template) -> bool:
    return whatsapp(t, "MARKETING") and not has(t, "CAROUSEL")


def standard(t: Template) -> bool:
    """UTILITY or MARKETING, without carousel or offer (they have rules of their own)."""
    return (
        whatsapp(t, "UTILITY", "MARKETING")
        and not has(t, "CAROUSEL")
        and not has(t, "LIMITED_TIME_OFFER")
    )


def set_buttons(t: Template, buttons: list[Template]) -> int:
    """Replace (or add) the BUTTONS component; returns its index."""
    index = index_of(t, "BUTTONS")
    if index is None:
        t["Components"].append({"Type": "BUTTONS"})
        index = len(t["Components"]) - 1
    t["Components"][index]["Buttons"] = buttons
    return index


def first_button(t: Template) -> tuple[int, Template] | None:
    index = index_of(t, "BUTTONS")
    if index is None:
        return None
    return index, t["Components"][index]["Buttons"][0]


QR = {"Type": "QUICK_REPLY", "Text": "Yes"}
URL = {
    "Type": "URL",
    "Text": "Open",
    "Url": "https://shop.example.com/x",
    "UrlType": "static",
}
PHONE = {"Type": "PHONE_NUMBER", "Text": "Call", "PhoneNumber": "+14155552671"}


def _body_pointer(t: Template, key: str = "Text") -> str:
    return f"/Components/{index_of(t, 'BODY')}/{key}"


def _lengthen(kind: str, limit: int) -> Callable[[Template], str]:
    def apply(t: Template) -> str:
        index = index_of(t, kind)
        if index is None:
            component = {"Type": kind, "Text": "x" * (limit + 1)}
            if kind == "HEADER":
                component["Format"] = "TEXT"
            t["Components"].insert(
                0 if kind == "HEADER" else len(t["Components"]), component
            )
            index = index_of(t, kind)
        else:
            t["Components"][index] = {"Type": kind, "Text": "y" * (limit + 1)}
            if kind == "HEADER":
                t["Components"][index]["Format"] = "TEXT"
        return f"/Components/{index}/Text"

    return apply


def _buttons(
    buttons: list[Template], at: int, member: str | None = None
) -> Callable[[Template], str]:
    def apply(t: Template) -> str:
        index = set_buttons(t, [dict(b) for b in buttons])
        suffix = f"/{member}" if member else ""
        return f"/Components/{index}/Buttons/{at}{suffix}"

    return apply


def _on_first_button(
    key: str, value: Any, pointer_key: str | None = None
) -> Callable[[Template], str]:
    def apply(t: Template) -> str:
        found = first_button(t)
        assert found is not None
        index, button = found
        button[key] = value
        suffix = f"/{pointer_key}" if pointer_key else ""
        return f"/Components/{index}/Buttons/0{suffix}"

    return apply


def _on_component(
    kind: str, key: str, value: Any, *, at_member: bool = True
) -> Callable[[Template], str]:
    def apply(t: Template) -> str:
        index = index_of(t, kind)
        assert index is not None
        t["Components"][index][key] = value
        return f"/Components/{index}/{key}" if at_member else f"/Components/{index}"

    return apply


def _top(key: str, value: Any, pointer: str | None = None) -> Callable[[Template], str]:
    def apply(t: Template) -> str:
        t[key] = value
        return f"/{key}" if pointer is None else pointer

    return apply


def _remove_top(key: str) -> Callable[[Template], str]:
    def apply(t: Template) -> str:
        del t[key]
        return ""

    return apply


def _card_formats(t: Template) -> str:
    carousel = t["Components"][index_of(t, "CAROUSEL")]
    card = carousel["Cards"][1]["CardComponents"][0]
    card["Format"] = "VIDEO" if card["Format"] == "IMAGE" else "IMAGE"
    return f"/Components/{index_of(t, 'CAROUSEL')}/Cards/1/CardComponents/0/Format"


def _card_buttons(t: Template) -> str:
    index = index_of(t, "CAROUSEL")
    part = t["Components"][index]["Cards"][0]["CardComponents"][2]
    part["Buttons"] = [dict(QR), dict(QR), dict(URL)]
    return f"/Components/{index}/Cards/0/CardComponents/2/Buttons/2"


def _auth_button(
    button: Template, member: str | None = None
) -> Callable[[Template], str]:
    place = _buttons([button], 0)
    return place if member is None else lambda t: f"{place(t)}/{member}"


def _buttons_on_body(t: Template) -> str:
    index = index_of(t, "BODY")
    t["Components"][index]["Buttons"] = [dict(QR)]
    return f"/Components/{index}/Buttons"


def _empty_buttons(t: Template) -> str:
    index = set_buttons(t, [])
    return f"/Components/{index}"


def _viber_footer(t: Template) -> str:
    t["Components"].append({"Type": "FOOTER", "Text": "Example Shop"})
    return f"/Components/{len(t['Components']) - 1}/Type"


def _viber_video_url(t: Template) -> str:
    header = t["Components"][0]
    header.update(Format="VIDEO", Url="https://cdn.example.com/v.mp4")
    header.pop("FileName", None)
    header.pop("FileType", None)
    index = set_buttons(
        t, [{"Type": "URL", "Text": "Watch", "Url": "https://shop.example.com/v"}]
    )
    return f"/Components/{index}/Buttons/0/Url"


def _viber_duration(t: Template) -> str:
    header = t["Components"][0]
    header.update(Format="VIDEO", Url="https://cdn.example.com/v.mp4", Duration=601)
    header.pop("FileName", None)
    header.pop("FileType", None)
    return "/Components/0/Duration"


def _insert_header(header: Template) -> Callable[[Template], str]:
    def apply(t: Template) -> str:
        t["Components"].insert(0, header)
        return "/Components/0"

    return apply


def _ttl_too_long(t: Template) -> str:
    t["MessageSendTtlSeconds"] = 901 if t["Category"] == "AUTHENTICATION" else 43_201
    return "/MessageSendTtlSeconds"


def _navigate(t: Template) -> str:
    index = set_buttons(
        t,
        [{"Type": "FLOW", "Text": "Book", "FlowId": "1234", "FlowAction": "NAVIGATE"}],
    )
    return f"/Components/{index}/Buttons/0"


def _has_viber_header(t: Template) -> bool:
    return is_viber(t) and has(t, "HEADER") and t["Components"][0]["Type"] == "HEADER"


def _standard_body(t: Template) -> bool:
    return standard(t) and has(t, "BODY")


ONE_TAP = {
    "Type": "ONE_TAP",
    "Text": "Copy code",
    "AutofillText": "Autofill",
    "SupportedApps": [
        {"PackageName": "com.example.shop", "SignatureHash": "K8a/AINcGX7"}
    ],
}

BREAKAGES = (
    Breakage("SC001", lambda t: True, _remove_top("Name")),
    Breakage("SC002", lambda t: True, _top("Nmae", "typo")),
    Breakage("SC003", lambda t: True, _top("Name", 42)),
    Breakage("SC004", lambda t: True, _top("TemplateType", "SMS")),
    Breakage("SC005", lambda t: True, _top("Components", [])),
    Breakage("SC007", lambda t: True, _top("Components", "[{")),
    Breakage("CP001", lambda t: has(t, "BODY"), _buttons_on_body),
    Breakage("CP002", standard, _empty_buttons),
    Breakage("LN001", _standard_body, _lengthen("BODY", 1024)),
    Breakage("LN002", standard, _lengthen("HEADER", 60)),
    Breakage("LN003", standard, _lengthen("FOOTER", 60)),
    Breakage("BT001", standard, _buttons([QR] * 11, 10)),
    Breakage("BT002", standard, _buttons([PHONE, PHONE], 1)),
    Breakage("BT003", standard, _buttons([URL, URL, URL], 2)),
    Breakage("BT004", standard, _buttons([QR, URL, QR], 2)),
    Breakage("BT005", standard, _buttons([URL, QR], 1)),
    Breakage("BT006", standard, _buttons([{**URL, "IsOptOut": True}], 0, "IsOptOut")),
    Breakage(
        "BT007",
        marketing_without_carousel,
        _buttons([{"Type": "COPY_CODE", "CouponCode": "SAVE-25"}], 0, "CouponCode"),
    ),
    Breakage(
        "BT008",
        standard,
        _buttons([{**QR, "PhoneNumber": "+14155552671"}], 0, "PhoneNumber"),
    ),
    Breakage("BT009", standard, _navigate),
    Breakage("BT010", standard, _buttons([ONE_TAP], 0, "Type")),
    Breakage(
        "AU001",
        is_authentication,
        _insert_header({"Type": "HEADER", "Format": "TEXT", "Text": "Code"}),
    ),
    Breakage(
        "AU002",
        is_authentication,
        _on_component("BODY", "Text", "Your code is below."),
    ),
    Breakage(
        "AU003",
        authentication_with_footer,
        _on_component("FOOTER", "Text", "Expires soon"),
    ),
    Breakage(
        "AU004",
        is_authentication,
        _buttons([{"Type": "COPY_CODE", "Text": "Copy"}] * 2, 1),
    ),
    Breakage(
        "AU005",
        is_authentication,
        _on_first_button("Type", "QUICK_REPLY", "Type"),
    ),
    Breakage(
        "AU006",
        is_authentication,
        _auth_button({"Type": "COPY_CODE"}),
    ),
    Breakage(
        "AU007",
        is_authentication,
        _auth_button(
            {"Type": "ONE_TAP", "Text": "Copy code", "AutofillText": "Autofill"}
        ),
    ),
    Breakage("AU008", standard, _on_component("BODY", "AddSecretRecommendation", True)),
    Breakage(
        "AU009",
        is_authentication,
        _on_component("BODY", "CodeExpirationMinutes", 5),
    ),
    Breakage("TT001", authentication_or_utility, _ttl_too_long),
    Breakage("VB001", is_viber, _viber_footer),
    Breakage(
        "VB002",
        is_viber,
        _buttons(
            [
                {"Type": "URL", "Text": "A", "Url": "https://a.example.com/"},
                {"Type": "URL", "Text": "B", "Url": "https://b.example.com/"},
            ],
            1,
        ),
    ),
    Breakage(
        "VB003",
        is_viber,
        _buttons([{"Type": "QUICK_REPLY", "Text": "More"}], 0, "Type"),
    ),
    Breakage("VB004", _has_viber_header, _viber_video_url),
    Breakage("VB005", _has_viber_header, _viber_duration),
    Breakage(
        "VB006",
        lambda t: whatsapp(t) and has(t, "BODY"),
        _on_component("BODY", "FileType", "pdf"),
    ),
    Breakage("CR001", has_carousel, _card_formats),
    Breakage("CR002", has_carousel, _card_buttons),
    Breakage("DP001", lambda t: True, _top("CustWabaId", "65921621816")),
    Breakage("DP002", lambda t: True, _top("AllowCategoryChange", True)),
    Breakage(
        "DP003",
        is_authentication,
        _auth_button({**ONE_TAP, "SignatureHash": "K8a/AINcGX7"}, "SignatureHash"),
    ),
    Breakage(
        "DP004",
        is_authentication,
        _auth_button({**ONE_TAP, "PackageName": "com.example.shop"}, "PackageName"),
    ),
)

_STANDARD = st.one_of(standard_whatsapp("UTILITY"), standard_whatsapp("MARKETING"))
SOURCES: dict[Callable[[Template], bool], st.SearchStrategy[Template]] = {
    standard: _STANDARD,
    _standard_body: _STANDARD,
    is_authentication: authentication(),
    authentication_with_footer: authentication(),
    authentication_or_utility: st.one_of(
        authentication(), standard_whatsapp("UTILITY")
    ),
    has_carousel: carousel(),
    marketing_without_carousel: standard_whatsapp("MARKETING"),
    is_viber: viber(),
    _has_viber_header: viber(),
}


def _set_body(
    text: str, example: dict[str, str] | None = None
) -> Callable[[Template], str]:
    def apply(t: Template) -> str:
        index = index_of(t, "BODY")
        t["Components"][index]["Text"] = text
        if example is not None:
            t["Example"] = example
        return f"/Components/{index}/Text"

    return apply


def _text_header(text: str, example: dict[str, str]) -> Callable[[Template], str]:
    def apply(t: Template) -> str:
        index = index_of(t, "HEADER")
        header = {"Type": "HEADER", "Format": "TEXT", "Text": text}
        if index is None:
            t["Components"].insert(0, header)
            index = 0
        else:
            t["Components"][index] = header
        t["Example"] = example
        return f"/Components/{index}/Text"

    return apply


def _footer(text: str, example: dict[str, str]) -> Callable[[Template], str]:
    def apply(t: Template) -> str:
        index = index_of(t, "FOOTER")
        if index is None:
            t["Components"].append({"Type": "FOOTER"})
            index = len(t["Components"]) - 1
        t["Components"][index]["Text"] = text
        t["Example"] = example
        return f"/Components/{index}/Text"

    return apply


def _with_example(
    place: Callable[[Template], str], example: dict[str, str]
) -> Callable[[Template], str]:
    def apply(t: Template) -> str:
        t["Example"] = example
        return place(t)

    return apply


def _example(key: str, value: str) -> Callable[[Template], str]:
    def apply(t: Template) -> str:
        t["Example"] = {key: value}
        if value.strip() and key == "name":
            index = index_of(t, "BODY")
            t["Components"][index]["Text"] = (
                "Hello $(name), your order has shipped today."
            )
        return f"/Example/{key}"

    return apply


def is_whatsapp(t: Template) -> bool:
    return whatsapp(t)


DYNAMIC = {**URL, "Url": "https://shop.example.com/track/$(id)", "UrlType": "static"}
MIDDLE = {**URL, "Url": "https://shop.example.com/$(id)/track", "UrlType": "dynamic"}
VARIABLE_BREAKAGES = (
    Breakage("NM001", is_whatsapp, _top("Name", "Order-Update")),
    Breakage("NM002", is_whatsapp, _top("Name", "a" * 513)),
    Breakage("NM003", is_viber, _top("Name", "New Arrivals")),
    Breakage("LG001", lambda t: True, _top("Language", "en-US")),
    Breakage("LG002", is_whatsapp, _top("Language", "english")),
    Breakage("LG003", is_whatsapp, _top("Language", "en_AU")),
    Breakage(
        "VR001",
        _standard_body,
        _set_body("Hello $(firstName, your order has shipped today."),
    ),
    Breakage(
        "VR014",
        _standard_body,
        _set_body("Hello $(first name), your order has shipped today."),
    ),
    Breakage(
        "VR016",
        _standard_body,
        _set_body("Hello {{first_name}}, your order has shipped today."),
    ),
    Breakage(
        "VR002", _standard_body, _set_body("Hello {{1}}, your order has shipped today.")
    ),
    Breakage(
        "VR003",
        _standard_body,
        _set_body("Hello $(name), your order has shipped today."),
    ),
    Breakage("VR004", lambda t: True, _example("unusedSample", "x")),
    Breakage(
        "VR005", standard, _text_header("Order $(a) for $(b)", {"a": "1", "b": "2"})
    ),
    Breakage("VR006", standard, _footer("Sent to $(name)", {"name": "Ana"})),
    Breakage(
        "VR007",
        standard,
        _with_example(
            _buttons([{**QR, "Text": "Hi $(name)"}], 0, "Text"), {"name": "Ana"}
        ),
    ),
    Breakage(
        "VR008", standard, _with_example(_buttons([MIDDLE], 0, "Url"), {"id": "1"})
    ),
    Breakage(
        "VR009", standard, _with_example(_buttons([DYNAMIC], 0, "UrlType"), {"id": "1"})
    ),
    Breakage(
        "VR010",
        _standard_body,
        _set_body("Your order ships on $(date)", {"date": "Monday"}),
    ),
    Breakage(
        "VR011",
        _standard_body,
        _set_body(
            "Dear $(a) $(b), your order has shipped today.", {"a": "Ana", "b": "Lima"}
        ),
    ),
    Breakage(
        "VR012",
        _standard_body,
        _set_body("Hi $(a), $(b) and $(c) now.", {"a": "1", "b": "2", "c": "3"}),
    ),
    Breakage("VR013", _standard_body, _example("name", "Ana\nLima")),
)
BREAKAGES = (*BREAKAGES, *VARIABLE_BREAKAGES)
SOURCES[is_whatsapp] = st.one_of(_STANDARD, authentication(), carousel())
