"""Buttons: how many a WhatsApp template may carry, of which kinds, in what mix."""

from __future__ import annotations

from collections.abc import Iterator

from chatapp_lint.lazy_re import LazyPattern
from chatapp_lint.model import Channel, Finding, Severity
from chatapp_lint.rules._base import WHATSAPP, Node, Scope, TemplateView, rule
from chatapp_lint.rules._checks import beyond, misplaced
from chatapp_lint.rules._citations import (
    GUPSHUP_BUTTONS_URL,
    READ,
    create_page,
    reseller,
)
from chatapp_lint.rules._evidence import TEMPLATE_DETAIL_URL, Outcome, api_reference
from chatapp_lint.schema import shorten

MAX_BUTTONS = 10
MAX_PHONE_BUTTONS = 1
MAX_URL_BUTTONS = 2
_COUPON = LazyPattern(r"[A-Za-z0-9]+|\$\([^()]*\)")
_CALL_OR_VISIT = frozenset({"PHONE_NUMBER", "URL"})


def _of_type(t: TemplateView, kind: str) -> list[Node]:
    # Counted over the whole template: a second BUTTONS component (CP004) does
    # not buy room for more buttons.
    return [b for b in t.buttons if b.type == kind]


@rule(
    "BT001",
    "too-many-buttons",
    channels=WHATSAPP,
    categories={"UTILITY", "MARKETING"},
    evidence=(
        api_reference(
            "CreateChatappTemplate, request parameters, `Buttons`",
            "For MARKETING or UTILITY templates, you can add up to 10 buttons.",
            read="2026-12-03",
        ),
    ),
)
def too_many_buttons(t: TemplateView, root: Node) -> Iterator[Finding]:
    """A MARKETING or UTILITY template has more than 10 buttons.

    Fails:
        # Shortened: the real list has eleven buttons.
        TemplateType: WHATSAPP
        Name: menu_choices
        Language: en_US
        Category: MARKETING
        Components:
          - {Type: BODY, Text: Pick the dish you would like us to cook for you tonight.}
          - Type: BUTTONS
            Buttons:
              - {Type: QUICK_REPLY, Text: Pasta}
              - {Type: QUICK_REPLY, Text: Curry}

    Passes:
        TemplateType: WHATSAPP
        Name: menu_choices
        Language: en_US
        Category: MARKETING
        Components:
          - {Type: BODY, Text: Pick the dish you would like us to cook for you tonight.}
          - Type: BUTTONS
            Buttons:
              - {Type: QUICK_REPLY, Text: Pasta}
              - {Type: QUICK_REPLY, Text: Curry}
    """
    yield from beyond(t.buttons, MAX_BUTTONS, "buttons")


@rule(
    "BT002",
    "too-many-phone-buttons",
    channels=WHATSAPP,
    evidence=(
        api_reference(
            "CreateChatappTemplate, request parameters, `Buttons`",
            "You can add only one button of the PHONE_NUMBER type.",
            read=READ,
        ),
    ),
)
def too_many_phone_buttons(t: TemplateView, root: Node) -> Iterator[Finding]:
    """A WhatsApp template has more than one PHONE_NUMBER button.

    Fails:
        TemplateType: WHATSAPP
        Name: support_contact
        Language: en_US
        Category: UTILITY
        Components:
          - {Type: BODY, Text: Our support team is ready to help you with your order.}
          - Type: BUTTONS
            Buttons:
              - {Type: PHONE_NUMBER, Text: Call sales, PhoneNumber: "+14155552671"}
              - {Type: PHONE_NUMBER, Text: Call support, PhoneNumber: "+14155552672"}

    Passes:
        TemplateType: WHATSAPP
        Name: support_contact
        Language: en_US
        Category: UTILITY
        Components:
          - {Type: BODY, Text: Our support team is ready to help you with your order.}
          - Type: BUTTONS
            Buttons:
              - {Type: PHONE_NUMBER, Text: Call support, PhoneNumber: "+14155552671"}
    """
    yield from beyond(
        _of_type(t, "PHONE_NUMBER"), MAX_PHONE_BUTTONS, "PHONE_NUMBER buttons"
    )


@rule(
    "BT003",
    "too-many-url-buttons",
    channels=WHATSAPP,
    evidence=(
        api_reference(
            "CreateChatappTemplate, request parameters, `Buttons`",
            "You can add up to two buttons of the URL type.",
            read=READ,
        ),
    ),
)
def too_many_url_buttons(t: TemplateView, root: Node) -> Iterator[Finding]:
    """A WhatsApp template has more than two URL buttons.

    Fails:
        TemplateType: WHATSAPP
        Name: useful_links
        Language: en_US
        Category: UTILITY
        Components:
          - {Type: BODY, Text: Here are the pages you asked about in your last message.}
          - Type: BUTTONS
            Buttons:
              - {Type: URL, Text: Orders, Url: "https://shop.example.com/orders", UrlType: static}
              - {Type: URL, Text: Returns, Url: "https://shop.example.com/returns", UrlType: static}
              - {Type: URL, Text: Help, Url: "https://shop.example.com/help", UrlType: static}

    Passes:
        TemplateType: WHATSAPP
        Name: useful_links
        Language: en_US
        Category: UTILITY
        Components:
          - {Type: BODY, Text: Here are the pages you asked about in your last message.}
          - Type: BUTTONS
            Buttons:
              - {Type: URL, Text: Orders, Url: "https://shop.example.com/orders", UrlType: static}
              - {Type: URL, Text: Returns, Url: "https://shop.example.com/returns", UrlType: static}
    """
    yield from beyond(_of_type(t, "URL"), MAX_URL_BUTTONS, "URL buttons")


@rule(
    "BT004",
    "quick-replies-interleaved",
    channels=WHATSAPP,
    evidence=(
        api_reference(
            "GetChatappTemplateDetail, response parameters, `Buttons`",
            "QUICK_REPLY 按鍵不允許和 PHONE_NUMBER/URL 按鈕亂序出現 (quick replies "
            "must not appear out of order with PHONE_NUMBER and URL buttons)",
            url=TEMPLATE_DETAIL_URL,
            read=READ,
        ),
        reseller(
            GUPSHUP_BUTTONS_URL,
            "Gupshup, Template Button List, Limitations",
            "buttons must be organized into two groups: quick reply buttons and "
            "non-quick reply buttons. If grouped incorrectly, the API will return "
            "an error indicating an invalid combination.",
        ),
    ),
)
def quick_replies_interleaved(t: TemplateView, root: Node) -> Iterator[Finding]:
    """QUICK_REPLY buttons are interleaved with other buttons instead of grouped.

    Why: quick replies must stand together, all before or all after the other
    buttons; `QUICK_REPLY, URL, QUICK_REPLY` is rejected. This follows the detail
    page's wording (不允許…亂序出現, "must not appear out of order") and Meta's
    current rule; the stricter reading that forbids any mix is the opt-in rule
    BT005.

    Fails:
        TemplateType: WHATSAPP
        Name: delivery_choice
        Language: en_US
        Category: UTILITY
        Components:
          - {Type: BODY, Text: Your parcel is ready. Tell us how you would like to get it.}
          - Type: BUTTONS
            Buttons:
              - {Type: QUICK_REPLY, Text: Deliver today}
              - {Type: URL, Text: Choose a slot, Url: "https://shop.example.com/slots", UrlType: static}
              - {Type: QUICK_REPLY, Text: Pick up}

    Passes:
        TemplateType: WHATSAPP
        Name: delivery_choice
        Language: en_US
        Category: UTILITY
        Components:
          - {Type: BODY, Text: Your parcel is ready. Tell us how you would like to get it.}
          - Type: BUTTONS
            Buttons:
              - {Type: QUICK_REPLY, Text: Deliver today}
              - {Type: QUICK_REPLY, Text: Pick up}
              - {Type: URL, Text: Choose a slot, Url: "https://shop.example.com/slots", UrlType: static}
    """
    buttons = t.buttons
    runs = 0
    for index, button in enumerate(buttons):
        quick = button.type == "QUICK_REPLY"
        if index == 0 or quick != (buttons[index - 1].type == "QUICK_REPLY"):
            runs += 1
        if runs > 2:  # noqa: PLR2004 - one run of quick replies, one of the rest
            yield Finding(
                button.pointer,
                "QUICK_REPLY buttons must be grouped together, all before or all "
                "after the other buttons.",
            )
            return


@rule(
    "BT005",
    "quick-replies-mixed",
    channels=WHATSAPP,
    opt_in=True,
    evidence=(
        api_reference(
            "CreateChatappTemplate, request parameters, `Buttons`",
            "Buttons of the QUICK_REPLY type cannot be mixed with buttons of the "
            "PHONE_NUMBER or URL type.",
            read=READ,
        ),
    ),
)
def quick_replies_mixed(t: TemplateView, root: Node) -> Iterator[Finding]:
    """QUICK_REPLY buttons appear together with PHONE_NUMBER or URL buttons (opt-in).

    Why: the create page's English text says quick replies "cannot be mixed" with
    call and URL buttons, which was Meta's rule before 2023 and is still what some
    older accounts enforce. Meta now allows grouped mixes (BT004), so this stricter
    reading is off unless selected.

    Fails:
        TemplateType: WHATSAPP
        Name: delivery_choice
        Language: en_US
        Category: UTILITY
        Components:
          - {Type: BODY, Text: Your parcel is ready. Tell us how you would like to get it.}
          - Type: BUTTONS
            Buttons:
              - {Type: QUICK_REPLY, Text: Deliver today}
              - {Type: URL, Text: Choose a slot, Url: "https://shop.example.com/slots", UrlType: static}

    Passes:
        TemplateType: WHATSAPP
        Name: delivery_choice
        Language: en_US
        Category: UTILITY
        Components:
          - {Type: BODY, Text: Your parcel is ready. Tell us how you would like to get it.}
          - Type: BUTTONS
            Buttons:
              - {Type: QUICK_REPLY, Text: Deliver today}
              - {Type: QUICK_REPLY, Text: Pick up}
    """
    buttons = t.buttons
    if any(b.type in _CALL_OR_VISIT for b in buttons):
        for button in buttons:
            if button.type == "QUICK_REPLY":
                yield Finding(
                    button.pointer,
                    "QUICK_REPLY buttons cannot be combined with PHONE_NUMBER or "
                    "URL buttons in the strict reading of the API page.",
                )
                return


@rule(
    "BT006",
    "opt-out-misplaced",
    scope=Scope.BUTTON,
    severity=Severity.WARNING,
    members={"IsOptOut"},
    evidence=(
        create_page(
            "`IsOptOut`",
            "This parameter is valid for WhatsApp templates when Category is set to "
            "Marketing and the button type is QUICK_REPLY.",
            Outcome.NOT_APPLICABLE,
        ),
    ),
)
def opt_out_misplaced(t: TemplateView, b: Node) -> Iterator[Finding]:
    """`IsOptOut` is set on a button other than a MARKETING QUICK_REPLY.

    Why: the marketing opt-out flag is only honoured on a quick reply of a
    MARKETING WhatsApp template; anywhere else customers who press the button are
    not opted out, which is worse than no button. A warning: the page says where
    the flag is valid, not that the service refuses it elsewhere.

    Fails:
        TemplateType: WHATSAPP
        Name: summer_sale
        Language: en_US
        Category: MARKETING
        Components:
          - {Type: BODY, Text: Our summer sale starts today with savings across the store.}
          - Type: BUTTONS
            Buttons:
              - {Type: URL, Text: Shop now, Url: "https://shop.example.com/sale", UrlType: static, IsOptOut: true}

    Passes:
        TemplateType: WHATSAPP
        Name: summer_sale
        Language: en_US
        Category: MARKETING
        Components:
          - {Type: BODY, Text: Our summer sale starts today with savings across the store.}
          - Type: BUTTONS
            Buttons:
              - {Type: QUICK_REPLY, Text: Stop promotions, IsOptOut: true}
    """
    allowed = (
        t.channel is Channel.WHATSAPP
        and t.category == "MARKETING"
        and b.type == "QUICK_REPLY"
    )
    if b.value.get("IsOptOut") is True and t.category_known and not allowed:
        yield from misplaced(
            b, "IsOptOut", "on a QUICK_REPLY button of a MARKETING WhatsApp template"
        )


@rule(
    "BT007",
    "coupon-code-charset",
    scope=Scope.BUTTON,
    members={"CouponCode"},
    evidence=(
        api_reference(
            "CreateChatappTemplate, request parameters, `CouponCode`",
            "The value of the coupon code. It supports only letters and digits. You "
            "can pass a variable such as $(couponCode)",
            read=READ,
        ),
    ),
)
def coupon_code_charset(t: TemplateView, b: Node) -> Iterator[Finding]:
    """A `CouponCode` holds characters other than letters and digits.

    Why: the service accepts only letters and digits in a coupon code, or a single
    variable such as `$(couponCode)` whose value is given when sending.

    Fails:
        TemplateType: WHATSAPP
        Name: summer_coupon
        Language: en_US
        Category: MARKETING
        Components:
          - {Type: BODY, Text: Use this code at checkout to save on your next order.}
          - Type: BUTTONS
            Buttons:
              - {Type: COPY_CODE, CouponCode: SAVE-25}

    Passes:
        TemplateType: WHATSAPP
        Name: summer_coupon
        Language: en_US
        Category: MARKETING
        Components:
          - {Type: BODY, Text: Use this code at checkout to save on your next order.}
          - Type: BUTTONS
            Buttons:
              - {Type: COPY_CODE, CouponCode: SAVE25}
    """
    code = b.text("CouponCode")
    if code is not None and not _COUPON.fullmatch(code):
        yield Finding(
            b.at("CouponCode"),
            "'CouponCode' may hold only letters and digits, or one $(variable).",
        )


@rule(
    "BT008",
    "phone-number-misplaced",
    scope=Scope.BUTTON,
    severity=Severity.WARNING,
    members={"PhoneNumber"},
    evidence=(
        create_page(
            "`PhoneNumber`",
            "The phone number. This parameter is valid only when the button type is "
            "PHONE_NUMBER.",
            Outcome.NOT_APPLICABLE,
        ),
    ),
)
def phone_number_misplaced(t: TemplateView, b: Node) -> Iterator[Finding]:
    """`PhoneNumber` is set on a button that is not a PHONE_NUMBER button.

    Why: the number is ignored on any other button type, so it is usually a button
    whose `Type` was changed and whose old number was left behind.

    Fails:
        TemplateType: WHATSAPP
        Name: store_hours
        Language: en_US
        Category: UTILITY
        Components:
          - {Type: BODY, Text: Our store is open from nine to five on weekdays.}
          - Type: BUTTONS
            Buttons:
              - {Type: URL, Text: Opening hours, Url: "https://shop.example.com/hours", UrlType: static, PhoneNumber: "+14155552671"}

    Passes:
        TemplateType: WHATSAPP
        Name: store_hours
        Language: en_US
        Category: UTILITY
        Components:
          - {Type: BODY, Text: Our store is open from nine to five on weekdays.}
          - Type: BUTTONS
            Buttons:
              - {Type: PHONE_NUMBER, Text: Call the store, PhoneNumber: "+14155552671"}
    """
    if b.type != "PHONE_NUMBER":
        yield from misplaced(b, "PhoneNumber", "on a PHONE_NUMBER button")


@rule(
    "BT009",
    "navigate-screen-missing",
    scope=Scope.BUTTON,
    types={"FLOW"},
    evidence=(
        api_reference(
            "CreateChatappTemplate, request parameters, `NavigateScreen`",
            "The screen to navigate to. This parameter is required when FlowAction is "
            "set to NAVIGATE.",
            read=READ,
        ),
    ),
)
def navigate_screen_missing(t: TemplateView, b: Node) -> Iterator[Finding]:
    """A FLOW button with `FlowAction: NAVIGATE` names no `NavigateScreen`.

    Fails:
        TemplateType: WHATSAPP
        Name: book_appointment
        Language: en_US
        Category: UTILITY
        Components:
          - {Type: BODY, Text: Book your next appointment with us in a few taps.}
          - Type: BUTTONS
            Buttons:
              - {Type: FLOW, Text: Book now, FlowId: "4798840936051234", FlowAction: NAVIGATE}

    Passes:
        TemplateType: WHATSAPP
        Name: book_appointment
        Language: en_US
        Category: UTILITY
        Components:
          - {Type: BODY, Text: Book your next appointment with us in a few taps.}
          - Type: BUTTONS
            Buttons:
              - {Type: FLOW, Text: Book now, FlowId: "4798840936051234", FlowAction: NAVIGATE, NavigateScreen: DETAILS}
    """
    if b.value.get("FlowAction") == "NAVIGATE" and not b.filled("NavigateScreen"):
        yield Finding(
            b.pointer, "A FLOW button with FlowAction NAVIGATE needs 'NavigateScreen'."
        )


@rule(
    "BT010",
    "autofill-button-outside-authentication",
    scope=Scope.BUTTON,
    channels=WHATSAPP,
    types={"ONE_TAP", "ZERO_TAP"},
    evidence=(
        api_reference(
            "CreateChatappTemplate, request parameters, button `Type`",
            "ONE_TAP: An autofill button for AUTHENTICATION templates. ZERO_TAP: An "
            "autofill button for AUTHENTICATION templates.",
            read=READ,
        ),
        reseller(
            GUPSHUP_BUTTONS_URL,
            "Gupshup, Template Button List, Limitations",
            "MARKETING and UTILITY templates cannot use button of type OTP.",
        ),
    ),
)
def autofill_button_outside_authentication(
    t: TemplateView, b: Node
) -> Iterator[Finding]:
    """A ONE_TAP or ZERO_TAP button is used outside an AUTHENTICATION template.

    Why: autofill buttons deliver one-time passwords; Meta accepts them only in
    AUTHENTICATION templates.

    Fails:
        TemplateType: WHATSAPP
        Name: login_code
        Language: en_US
        Category: UTILITY
        Components:
          - {Type: BODY, Text: Use the button below to fill in your login code.}
          - Type: BUTTONS
            Buttons:
              - Type: ONE_TAP
                Text: Copy code
                AutofillText: Autofill
                SupportedApps: [{PackageName: com.example.shop, SignatureHash: K8a/AINcGX7}]

    Passes:
        TemplateType: WHATSAPP
        Name: login_code
        Language: en_US
        Category: AUTHENTICATION
        Components:
          - {Type: BODY}
          - Type: BUTTONS
            Buttons:
              - Type: ONE_TAP
                Text: Copy code
                AutofillText: Autofill
                SupportedApps: [{PackageName: com.example.shop, SignatureHash: K8a/AINcGX7}]
    """
    if t.category_known and t.category != "AUTHENTICATION":
        yield Finding(
            b.at("Type"),
            f"{shorten(b.type)} buttons are only allowed in AUTHENTICATION templates.",
        )


RULES = (
    too_many_buttons,
    too_many_phone_buttons,
    too_many_url_buttons,
    quick_replies_interleaved,
    quick_replies_mixed,
    opt_out_misplaced,
    coupon_code_charset,
    phone_number_misplaced,
    navigate_screen_missing,
    autofill_button_outside_authentication,
)
