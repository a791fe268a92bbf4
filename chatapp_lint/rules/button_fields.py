"""Button fields: what each kind of WhatsApp button must carry, and how long or well-formed."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from typing import Final
from urllib.parse import urlsplit

from chatapp_lint.model import Finding
from chatapp_lint.rules._base import WHATSAPP, Node, Scope, TemplateView, rule
from chatapp_lint.rules._checks import beyond, required, too_long
from chatapp_lint.rules._variables import VARIABLE
from chatapp_lint.rules.buttons import MAX_BUTTONS
from chatapp_lint.schema import shorten

MAX_LABEL: Final = 25
MAX_PHONE_NUMBER: Final = 20
MAX_URL: Final = 2_000
MAX_COUPON_CODE: Final = 15
MAX_COPY_CODE_BUTTONS: Final = 1
MAX_QUICK_REPLIES: Final = 10
_EVERY_BUTTON: Final = (Scope.BUTTON, Scope.CARD_BUTTON)
_LABELLED: Final = frozenset({"QUICK_REPLY", "URL", "PHONE_NUMBER", "FLOW"})
_STANDS_ALONE: Final = frozenset({"CATALOG", "MPM"})
_SCHEMES: Final = frozenset({"http", "https"})
_STANDARD: Final = frozenset({"UTILITY", "MARKETING"})
_SPACE: Final = re.compile(r"\s")  # what `str.isspace` accepts


@rule("BT011", "button-label-too-long", scope=_EVERY_BUTTON, channels=WHATSAPP)
def button_label_too_long(t: TemplateView, b: Node) -> Iterator[Finding]:
    """A WhatsApp button label (`Text` or `AutofillText`) is longer than 25 characters.

    Why: Meta caps every button label at 25 characters: quick replies, URL, call
    and flow buttons, the copy-code and autofill labels of authentication
    buttons, and the buttons of carousel cards.

    Source: Meta, Templates: components (button text, at most 25 characters);
    Meta, Autofill button authentication templates (autofill text, at most 25);
    Meta, Media card carousel templates.

    Fails:
        TemplateType: WHATSAPP
        Name: order_update
        Language: en_US
        Category: UTILITY
        Components:
          - {Type: BODY, Text: Your order has shipped and arrives tomorrow.}
          - Type: BUTTONS
            Buttons:
              - {Type: QUICK_REPLY, Text: Please tell me more about my delivery}

    Passes:
        TemplateType: WHATSAPP
        Name: order_update
        Language: en_US
        Category: UTILITY
        Components:
          - {Type: BODY, Text: Your order has shipped and arrives tomorrow.}
          - Type: BUTTONS
            Buttons:
              - {Type: QUICK_REPLY, Text: Tell me more}
    """
    yield from too_long(b, "Text", MAX_LABEL, "The button's Text")
    yield from too_long(b, "AutofillText", MAX_LABEL, "The button's AutofillText")


@rule(
    "BT012",
    "button-text-missing",
    scope=_EVERY_BUTTON,
    channels=WHATSAPP,
    types=_LABELLED,
)
def button_text_missing(t: TemplateView, b: Node) -> Iterator[Finding]:
    """A WhatsApp QUICK_REPLY, URL, PHONE_NUMBER or FLOW button has no `Text`, or a blank one.

    Why: the label is what the customer taps; Meta's syntax for these buttons
    has no default for it. Carousel card buttons are checked too. Copy-code
    labels of AUTHENTICATION templates are AU006's.

    Source: Meta, Templates: components (the `text` of quick-reply, URL,
    phone-number and flow buttons); CreateChatappTemplate, button `Text`: "The
    name displayed on the button."

    Fails:
        TemplateType: WHATSAPP
        Name: store_hours
        Language: en_US
        Category: UTILITY
        Components:
          - {Type: BODY, Text: Our store is open from nine to five on weekdays.}
          - Type: BUTTONS
            Buttons:
              - {Type: PHONE_NUMBER, PhoneNumber: "+14155552671"}

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
    yield from required(b, "Text", f"A {b.type} button needs a non-empty 'Text'.")


@rule(
    "BT013",
    "phone-number-missing",
    scope=_EVERY_BUTTON,
    channels=WHATSAPP,
    types={"PHONE_NUMBER"},
)
def phone_number_missing(t: TemplateView, b: Node) -> Iterator[Finding]:
    """A WhatsApp PHONE_NUMBER button has no `PhoneNumber`, or a blank one.

    Why: a call button without a number calls nobody; Meta refuses it. Carousel
    card buttons are checked too.

    Source: CreateChatappTemplate, `PhoneNumber`: "The phone number. This
    parameter is valid only when the button type is PHONE_NUMBER."; Meta,
    Templates: components (phone number buttons).

    Fails:
        TemplateType: WHATSAPP
        Name: store_hours
        Language: en_US
        Category: UTILITY
        Components:
          - {Type: BODY, Text: Our store is open from nine to five on weekdays.}
          - Type: BUTTONS
            Buttons:
              - {Type: PHONE_NUMBER, Text: Call the store}

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
    yield from required(
        b, "PhoneNumber", "A PHONE_NUMBER button needs a non-empty 'PhoneNumber'."
    )


@rule(
    "BT014",
    "phone-number-invalid",
    scope=_EVERY_BUTTON,
    channels=WHATSAPP,
    types={"PHONE_NUMBER"},
)
def phone_number_invalid(t: TemplateView, b: Node) -> Iterator[Finding]:
    """A WhatsApp button's `PhoneNumber` is longer than 20 characters or not a valid international number.

    Why: the service answers `InvalidParameter.PhoneNumberError` for a number it
    cannot dial. A number is valid when it starts with `+` and its country code
    and fits that country's numbering plan (as the `phonenumbers` library knows
    it); a local number such as `(415) 555-2671` names no country. Carousel card
    buttons are checked too.

    Source: Meta, Templates: components (phone number, at most 20 characters);
    API error codes (`InvalidParameter.PhoneNumberError`: the phone number is
    invalid); CreateChatappTemplate, `PhoneNumber` example `+861368897****`.

    Fails:
        TemplateType: WHATSAPP
        Name: store_hours
        Language: en_US
        Category: UTILITY
        Components:
          - {Type: BODY, Text: Our store is open from nine to five on weekdays.}
          - Type: BUTTONS
            Buttons:
              - {Type: PHONE_NUMBER, Text: Call the store, PhoneNumber: "(415) 555-2671"}

    Passes:
        TemplateType: WHATSAPP
        Name: store_hours
        Language: en_US
        Category: UTILITY
        Components:
          - {Type: BODY, Text: Our store is open from nine to five on weekdays.}
          - Type: BUTTONS
            Buttons:
              - {Type: PHONE_NUMBER, Text: Call the store, PhoneNumber: "+1 415 555 2671"}
    """
    number = b.text("PhoneNumber")
    if number is None or not number.strip():
        return  # BT013
    if len(number) > MAX_PHONE_NUMBER:
        yield from too_long(b, "PhoneNumber", MAX_PHONE_NUMBER, "PhoneNumber")
    elif not _dialable(number):
        yield Finding(
            b.at("PhoneNumber"),
            f"PhoneNumber {shorten(number)!r} is not a valid international number; "
            "write + and the country code, as in +14155552671.",
        )


@functools.lru_cache(maxsize=1024)
def _dialable(number: str) -> bool:
    """Whether the number parses, without a default region, to a valid number.

    Remembered: parsing and validating takes tens of microseconds, and the same
    support number recurs across a company's templates.
    """
    import phonenumbers  # on first use: loading its metadata slows every start-up

    try:
        parsed = phonenumbers.parse(number, None)
    except phonenumbers.NumberParseException:
        return False
    return phonenumbers.is_valid_number(parsed)


@rule(
    "BT015",
    "url-missing",
    scope=_EVERY_BUTTON,
    channels=WHATSAPP,
    types={"URL"},
)
def url_missing(t: TemplateView, b: Node) -> Iterator[Finding]:
    """A WhatsApp URL button has no `Url`, or a blank one.

    Why: a URL button opens its address; without one Meta refuses the template.
    (A Viber video button is the exception: it has no URL, VB004.) Carousel card
    buttons are checked too.

    Source: CreateChatappTemplate, button `Url`: "The URL that is visited when
    the URL button is clicked."; Meta, Templates: components (URL buttons).

    Fails:
        TemplateType: WHATSAPP
        Name: useful_links
        Language: en_US
        Category: UTILITY
        Components:
          - {Type: BODY, Text: Here are the pages you asked about in your last message.}
          - Type: BUTTONS
            Buttons:
              - {Type: URL, Text: Orders, UrlType: static}

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
    """
    yield from required(b, "Url", "A URL button needs a non-empty 'Url'.")


@rule(
    "BT016",
    "url-invalid",
    scope=_EVERY_BUTTON,
    channels=WHATSAPP,
    types={"URL"},
)
def url_invalid(t: TemplateView, b: Node) -> Iterator[Finding]:
    """A WhatsApp button's `Url` is longer than 2,000 characters or not an absolute http(s) URL.

    Why: the button opens the address in a browser, which needs `http://` or
    `https://`, a host, and no spaces: `shop.example.com/track` opens nothing.
    A `$(variable)` stands for text appended when sending, so one at the end is
    fine; where it may stand is VR008's business. The length counts the URL as
    written, `$(name)` included. An error, not a warning: an address without
    scheme or host cannot be opened. Carousel card buttons are checked too.

    Source: Meta, Templates: components (URL, at most 2,000 characters);
    CreateChatappTemplate, button `Url` (example `https://example.com`).

    Fails:
        TemplateType: WHATSAPP
        Name: useful_links
        Language: en_US
        Category: UTILITY
        Components:
          - {Type: BODY, Text: Here are the pages you asked about in your last message.}
          - Type: BUTTONS
            Buttons:
              - {Type: URL, Text: Orders, Url: "shop.example.com/orders", UrlType: static}

    Passes:
        TemplateType: WHATSAPP
        Name: useful_links
        Language: en_US
        Category: UTILITY
        Components:
          - {Type: BODY, Text: Here are the pages you asked about in your last message.}
          - Type: BUTTONS
            Buttons:
              - {Type: URL, Text: Orders, Url: "https://shop.example.com/orders/$(orderId)", UrlType: dynamic}
        Example: {orderId: A1001}
    """
    url = b.text("Url")
    if url is None or not url.strip():
        return  # BT015
    if len(url) > MAX_URL:
        yield from too_long(b, "Url", MAX_URL, "Url")
    elif not _absolute(url):
        yield Finding(
            b.at("Url"),
            f"Url {shorten(url)!r} is not an absolute http:// or https:// address.",
        )


@functools.lru_cache(maxsize=1024)
def _absolute(url: str) -> bool:
    """Whether the URL, each variable read as a word, has an http(s) scheme and a host."""
    concrete = VARIABLE.sub("x", url)
    if _SPACE.search(concrete):
        return False
    try:
        parts = urlsplit(concrete)
    except ValueError:  # an unclosed IPv6 host, say
        return False
    return parts.scheme in _SCHEMES and bool(parts.hostname)


@rule(
    "BT017",
    "too-many-copy-code-buttons",
    channels=WHATSAPP,
    categories=_STANDARD,
)
def too_many_copy_code_buttons(t: TemplateView, root: Node) -> Iterator[Finding]:
    """A WhatsApp MARKETING or UTILITY template has more than one COPY_CODE button.

    Why: an AUTHENTICATION template has exactly one button (AU004), so a second
    copy-code button there is AU004's business.

    Source: Meta, Templates: components ("Templates can have only one copy code
    button").

    Fails:
        TemplateType: WHATSAPP
        Name: summer_coupon
        Language: en_US
        Category: MARKETING
        Components:
          - {Type: BODY, Text: Use one of these codes at checkout to save on your next order.}
          - Type: BUTTONS
            Buttons:
              - {Type: COPY_CODE, CouponCode: SAVE25}
              - {Type: COPY_CODE, CouponCode: FREESHIP}

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
    codes = [b for b in t.buttons if b.type == "COPY_CODE"]
    yield from beyond(codes, MAX_COPY_CODE_BUTTONS, "COPY_CODE buttons")


@rule(
    "BT018",
    "coupon-code-too-long",
    scope=Scope.BUTTON,
    channels=WHATSAPP,
    members={"CouponCode"},
)
def coupon_code_too_long(t: TemplateView, b: Node) -> Iterator[Finding]:
    """A WhatsApp `CouponCode`, or the sample of its `$(variable)`, is longer than 15 characters.

    Why: Meta caps the code a copy-code button copies at 15 characters. When the
    code is a variable such as `$(couponCode)`, its sample in `Example` is the
    code Meta reviews, so the sample is checked (and reported there). A code
    mixing text and variables is BT007's business.

    Source: Meta, Limited-time offer templates (copy code: "Maximum 15
    characters"); Meta, Templates: components; CreateChatappTemplate,
    `CouponCode`: "You can pass a variable such as $(couponCode)".

    Fails:
        TemplateType: WHATSAPP
        Name: summer_coupon
        Language: en_US
        Category: MARKETING
        Components:
          - {Type: BODY, Text: Use this code at checkout to save on your next order.}
          - Type: BUTTONS
            Buttons:
              - {Type: COPY_CODE, CouponCode: "$(couponCode)"}
        Example: {couponCode: SUMMERSAVINGS2025}

    Passes:
        TemplateType: WHATSAPP
        Name: summer_coupon
        Language: en_US
        Category: MARKETING
        Components:
          - {Type: BODY, Text: Use this code at checkout to save on your next order.}
          - Type: BUTTONS
            Buttons:
              - {Type: COPY_CODE, CouponCode: "$(couponCode)"}
        Example: {couponCode: SUMMER25}
    """
    code = b.text("CouponCode")
    if code is None:
        return
    variable = VARIABLE.fullmatch(code)
    if variable is None:
        if not VARIABLE.search(code):
            yield from too_long(b, "CouponCode", MAX_COUPON_CODE, "CouponCode")
        return
    name = variable.group(1)
    sample = (t.example or {}).get(name)
    if isinstance(sample, str) and len(sample) > MAX_COUPON_CODE:
        yield Finding(
            t.root.at("Example", name),
            f"The sample of $({name}) is {len(sample):,} characters long; a coupon "
            f"code holds at most {MAX_COUPON_CODE}.",
        )


@rule(
    "BT019",
    "too-many-quick-replies",
    channels=WHATSAPP,
    categories=_STANDARD,
)
def too_many_quick_replies(t: TemplateView, root: Node) -> Iterator[Finding]:
    """A WhatsApp MARKETING or UTILITY template has more than 10 QUICK_REPLY buttons.

    Why: ten quick replies are the most a template may offer, wherever they
    stand. Eleven in one BUTTONS component are already more than ten buttons,
    which BT001 reports; this rule then stays silent. AUTHENTICATION templates
    take no quick replies at all (AU005).

    Source: Meta, Templates: components (up to 10 quick reply buttons).

    Fails:
        # Shortened: the real list has eleven quick replies.
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
    if any(len(buttons) > MAX_BUTTONS for _, buttons in t.button_groups):
        return  # BT001
    replies = [b for b in t.buttons if b.type == "QUICK_REPLY"]
    yield from beyond(replies, MAX_QUICK_REPLIES, "QUICK_REPLY buttons")


@rule(
    "BT020",
    "coupon-code-missing",
    scope=Scope.BUTTON,
    channels=WHATSAPP,
    categories={"MARKETING"},
    types={"COPY_CODE"},
)
def coupon_code_missing(t: TemplateView, b: Node) -> Iterator[Finding]:
    """A COPY_CODE button of a WhatsApp MARKETING template has no `CouponCode`.

    Why: in a MARKETING template the button copies a coupon, and Meta reviews
    the code (or the sample of its `$(variable)`). AUTHENTICATION copy-code
    buttons carry no code: the service generates it. An empty or blank code is
    reported by BT007, as a code that is not letters and digits.

    Source: CreateChatappTemplate, `CouponCode`: "The value of the coupon code.
    It supports only letters and digits. You can pass a variable such as
    $(couponCode)"; Meta, Templates: components (copy code buttons).

    Fails:
        TemplateType: WHATSAPP
        Name: summer_coupon
        Language: en_US
        Category: MARKETING
        Components:
          - {Type: BODY, Text: Use this code at checkout to save on your next order.}
          - Type: BUTTONS
            Buttons:
              - {Type: COPY_CODE, Text: Copy code}

    Passes:
        TemplateType: WHATSAPP
        Name: summer_coupon
        Language: en_US
        Category: MARKETING
        Components:
          - {Type: BODY, Text: Use this code at checkout to save on your next order.}
          - Type: BUTTONS
            Buttons:
              - {Type: COPY_CODE, Text: Copy code, CouponCode: SAVE25}
    """
    if not b.has("CouponCode"):
        yield Finding(
            b.pointer,
            "A COPY_CODE button of a MARKETING template needs a 'CouponCode'.",
        )


@rule(
    "BT021",
    "flow-id-missing",
    scope=Scope.BUTTON,
    channels=WHATSAPP,
    types={"FLOW"},
)
def flow_id_missing(t: TemplateView, b: Node) -> Iterator[Finding]:
    """A WhatsApp FLOW button has no `FlowId`, or a blank one.

    Why: Meta needs to know which flow the button opens; it takes an ID, a name
    or the flow's JSON, and the service passes on only the ID.

    Source: CreateChatappTemplate, `FlowId`: "The flow ID."; Meta, Sending a
    flow (a flow button names its flow).

    Fails:
        TemplateType: WHATSAPP
        Name: book_appointment
        Language: en_US
        Category: UTILITY
        Components:
          - {Type: BODY, Text: Book your next appointment with us in a few taps.}
          - Type: BUTTONS
            Buttons:
              - {Type: FLOW, Text: Book now, FlowAction: DATA_EXCHANGE}

    Passes:
        TemplateType: WHATSAPP
        Name: book_appointment
        Language: en_US
        Category: UTILITY
        Components:
          - {Type: BODY, Text: Book your next appointment with us in a few taps.}
          - Type: BUTTONS
            Buttons:
              - {Type: FLOW, Text: Book now, FlowId: "4798840936051234", FlowAction: DATA_EXCHANGE}
    """
    yield from required(b, "FlowId", "A FLOW button needs a non-empty 'FlowId'.")


@rule("BT022", "catalog-button-not-alone", channels=WHATSAPP)
def catalog_button_not_alone(t: TemplateView, root: Node) -> Iterator[Finding]:
    """A WhatsApp template with a CATALOG or MPM button has other buttons as well.

    Why: catalog and multi-product templates carry exactly one button, the one
    that opens the products. Reported at the first other button.

    Source: Gupshup, Template button list ("CATALOG and MPM templates can have
    only one button"); Kapso's template schema (at most one).

    Fails:
        TemplateType: WHATSAPP
        Name: new_collection
        Language: en_US
        Category: MARKETING
        Components:
          - {Type: BODY, Text: Our new collection is here. Browse it without leaving the chat.}
          - Type: BUTTONS
            Buttons:
              - {Type: CATALOG, Text: View catalog}
              - {Type: QUICK_REPLY, Text: Not now}

    Passes:
        TemplateType: WHATSAPP
        Name: new_collection
        Language: en_US
        Category: MARKETING
        Components:
          - {Type: BODY, Text: Our new collection is here. Browse it without leaving the chat.}
          - Type: BUTTONS
            Buttons:
              - {Type: CATALOG, Text: View catalog}
    """
    buttons = t.buttons
    alone = next((b for b in buttons if b.type in _STANDS_ALONE), None)
    if alone is None:
        return
    other = next((b for b in buttons if b is not alone), None)
    if other is not None:
        yield Finding(
            other.pointer,
            f"A template with a {alone.type} button can have no other button.",
        )


RULES = (
    button_label_too_long,
    button_text_missing,
    phone_number_missing,
    phone_number_invalid,
    url_missing,
    url_invalid,
    too_many_copy_code_buttons,
    coupon_code_too_long,
    too_many_quick_replies,
    coupon_code_missing,
    flow_id_missing,
    catalog_button_not_alone,
)
