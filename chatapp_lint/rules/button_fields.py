"""Button fields: what each kind of WhatsApp button must carry, and how long or well-formed."""

from __future__ import annotations

import functools
from collections.abc import Iterator
from typing import Final

from chatapp_lint.lazy_re import LazyPattern
from chatapp_lint.model import Finding, Severity
from chatapp_lint.rules._base import WHATSAPP, Node, Scope, TemplateView, rule
from chatapp_lint.rules._checks import beyond, required, too_long
from chatapp_lint.rules._citations import (
    GUPSHUP_BUTTONS_URL,
    META_CATALOG_URL,
    META_COUPON_URL,
    META_FLOW_URL,
    META_OFFER_URL,
    META_ONE_TAP_URL,
    READ,
    components,
    create_page,
    meta,
    reseller,
)
from chatapp_lint.rules._evidence import (
    CAMS_ERROR_CODES_URL,
    Evidence,
    Kind,
    Outcome,
    api_reference,
    cams_error,
    inference,
)
from chatapp_lint.rules._variables import VARIABLE
from chatapp_lint.rules.buttons import MAX_BUTTONS
from chatapp_lint.rules.offers import OFFER
from chatapp_lint.schema import shorten

MAX_LABEL: Final = 25
MAX_PHONE_NUMBER: Final = 20
MAX_PHONE_DIGITS: Final = 15  # ITU-T E.164: at most 15 digits, country code included
MAX_URL: Final = 2_000
MAX_COUPON_CODE: Final = 20  # Meta, Coupon code templates
MAX_OFFER_CODE: Final = 15  # Meta, Limited-time offer templates
MAX_COPY_CODE_BUTTONS: Final = 1
MAX_QUICK_REPLIES: Final = 10
_EVERY_BUTTON: Final = (Scope.BUTTON, Scope.CARD_BUTTON)
_LABELLED: Final = frozenset({"QUICK_REPLY", "URL", "PHONE_NUMBER", "FLOW"})
_STANDS_ALONE: Final = frozenset({"CATALOG", "MPM"})
_SCHEMES: Final = frozenset({"http", "https"})
_STANDARD: Final = frozenset({"UTILITY", "MARKETING"})
_SPACE: Final = LazyPattern(r"\s")  # what `str.isspace` accepts
# What a written phone number may hold: digits, one leading +, and the spaces,
# dashes, dots and brackets people group digits with.
_PHONE_CHARACTERS: Final = LazyPattern(r"\+?[0-9 ().-]*")
# Members read only on some button types, and those types.
_ONLY_ON: Final = {
    "FlowId": ("FLOW",),
    "FlowAction": ("FLOW",),
    "NavigateScreen": ("FLOW",),
    "AutofillText": ("ONE_TAP", "ZERO_TAP"),
    "SupportedApps": ("ONE_TAP", "ZERO_TAP"),
    "CouponCode": ("COPY_CODE",),
}
_LABEL_LIMIT = components(
    "buttons",
    "Button label text. Maximum 25 characters.",
)


@rule(
    "BT011",
    "button-label-too-long",
    scope=_EVERY_BUTTON,
    channels=WHATSAPP,
    evidence=(
        _LABEL_LIMIT,
        meta(
            META_ONE_TAP_URL,
            "Meta, One-tap autofill authentication templates, properties",
            "<AUTOFILL_BUTTON_TEXT> One-tap autofill button label text. Maximum 25 "
            "characters.",
        ),
    ),
)
def button_label_too_long(t: TemplateView, b: Node) -> Iterator[Finding]:
    """A WhatsApp button label (`Text` or `AutofillText`) is longer than 25 characters.

    Why: Meta caps every button label at 25 characters: quick replies, URL, call
    and flow buttons, the copy-code and autofill labels of authentication
    buttons, and the buttons of carousel cards.

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
    evidence=(
        components(
            "buttons",
            "Quick reply, URL, phone number and flow buttons: button label text, "
            "Required.",
        ),
    ),
)
def button_text_missing(t: TemplateView, b: Node) -> Iterator[Finding]:
    """A WhatsApp QUICK_REPLY, URL, PHONE_NUMBER or FLOW button has no `Text`, or a blank one.

    Why: the label is what the customer taps; Meta's syntax for these buttons
    has no default for it. Carousel card buttons are checked too. Copy-code
    labels of AUTHENTICATION templates are AU006's.

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
    evidence=(
        components(
            "phone number buttons",
            "<PHONE_NUMBER> Required. Alphanumeric string. Business phone number to "
            "be called when the user taps the button.",
        ),
    ),
)
def phone_number_missing(t: TemplateView, b: Node) -> Iterator[Finding]:
    """A WhatsApp PHONE_NUMBER button has no `PhoneNumber`, or a blank one.

    Why: a call button without a number calls nobody; Meta refuses it. Carousel
    card buttons are checked too.

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
    evidence=(
        components("phone number buttons", "<PHONE_NUMBER> Maximum 20 characters."),
        cams_error(
            "InvalidParameter.PhoneNumberError",
            "The error code returned because the phone number is invalid.",
            read=READ,
        ),
    ),
)
def phone_number_invalid(t: TemplateView, b: Node) -> Iterator[Finding]:
    """A WhatsApp button's `PhoneNumber` cannot be a phone number: too long, or not digits.

    Why: the service answers `InvalidParameter.PhoneNumberError` for a number it
    cannot dial, and Meta takes at most 20 characters. Only what no phone number
    can be is an error: more than 20 characters, characters other than digits,
    one leading `+`, spaces, dashes, dots and brackets (a masked `****` copied
    from the API page, a letter), no digit at all, or more than the 15 digits
    E.164 allows. Whether the digits make a number of the country they name, and
    a missing `+`, are BT023's (a warning: Meta writes its own examples without
    `+`). Carousel card buttons are checked too.

    Fails:
        TemplateType: WHATSAPP
        Name: store_hours
        Language: en_US
        Category: UTILITY
        Components:
          - {Type: BODY, Text: Our store is open from nine to five on weekdays.}
          - Type: BUTTONS
            Buttons:
              - {Type: PHONE_NUMBER, Text: Call the store, PhoneNumber: "+861368897****"}

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
        return
    digits = sum(c.isdigit() for c in number)
    if not _PHONE_CHARACTERS.fullmatch(number.strip()):
        reason = "holds characters other than digits, a leading +, spaces, - . ( )"
    elif digits == 0:
        reason = "holds no digit"
    elif digits > MAX_PHONE_DIGITS:
        reason = f"has {digits} digits; an international number has at most 15"
    else:
        return
    yield Finding(
        b.at("PhoneNumber"),
        f"PhoneNumber {shorten(number)!r} cannot be a phone number: it {reason}.",
    )


@rule(
    "BT023",
    "phone-number-not-international",
    scope=_EVERY_BUTTON,
    severity=Severity.WARNING,
    channels=WHATSAPP,
    types={"PHONE_NUMBER"},
    evidence=(
        create_page(
            "`PhoneNumber` (example)",
            "+861368897****",
            Outcome.UNSTATED,
        ),
        Evidence(
            Kind.CAMS_ERROR,
            Outcome.UNSTATED,
            "Chat App Message Service, API error codes, "
            "`InvalidParameter.PhoneNumberError`",
            "The error code returned because the phone number is invalid. (The page "
            "does not say which numbers are invalid.)",
            CAMS_ERROR_CODES_URL,
            READ,
        ),
        inference(
            "A number is checked against the numbering plan of its country code with "
            "the phonenumbers library; Meta documents phone_number as a string and "
            "writes its own examples without +, so neither check is a documented "
            "rejection."
        ),
    ),
)
def phone_number_not_international(t: TemplateView, b: Node) -> Iterator[Finding]:
    """A WhatsApp button's `PhoneNumber` lacks `+` and a country code, or does not fit its country's plan.

    Why: a call button dials from the customer's phone wherever they are, so the
    number should name its country: `+14155552671`, not `(415) 555-2671`. A
    number written with `+` is checked against its country's numbering plan (as
    the `phonenumbers` library knows it). A warning: the API page's example has
    `+` but no page says a number without it is refused, and Meta's own
    examples are written without it. Numbers that cannot be phone numbers at
    all are BT014's. Carousel card buttons are checked too.

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
    if number is None or not number.strip() or len(number) > MAX_PHONE_NUMBER:
        return  # BT013, BT014
    written = number.strip()
    if not _PHONE_CHARACTERS.fullmatch(written) or not any(
        c.isdigit() for c in written
    ):
        return  # BT014
    if sum(c.isdigit() for c in written) > MAX_PHONE_DIGITS:
        return  # BT014
    if not written.startswith("+"):
        yield Finding(
            b.at("PhoneNumber"),
            f"PhoneNumber {shorten(number)!r} names no country; write + and the "
            "country code, as in +14155552671.",
        )
    elif not _dialable(written):
        yield Finding(
            b.at("PhoneNumber"),
            f"PhoneNumber {shorten(number)!r} does not fit the numbering plan of its "
            "country code.",
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
    evidence=(
        components(
            "URL buttons",
            "<URL> Required. URL of website that loads in the device's default web "
            "browser when tapped by the app user.",
        ),
    ),
)
def url_missing(t: TemplateView, b: Node) -> Iterator[Finding]:
    """A WhatsApp URL button has no `Url`, or a blank one.

    Why: a URL button opens its address; without one Meta refuses the template.
    (A Viber video button is the exception: it has no URL, VB004.) Carousel card
    buttons are checked too.

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
    evidence=(components("URL buttons", "<URL> Maximum 2000 characters."),),
)
def url_invalid(t: TemplateView, b: Node) -> Iterator[Finding]:
    """A WhatsApp button's `Url` is longer than 2,000 characters.

    Why: Meta caps a button's URL at 2,000 characters. The length counts the URL
    as written, `$(name)` included. An address without `http(s)://` or a host is
    BT025's (a warning). Carousel card buttons are checked too.

    Fails:
        # Shortened: the real URL runs past 2,000 characters.
        TemplateType: WHATSAPP
        Name: useful_links
        Language: en_US
        Category: UTILITY
        Components:
          - {Type: BODY, Text: Here are the pages you asked about in your last message.}
          - Type: BUTTONS
            Buttons:
              - {Type: URL, Text: Orders, Url: "https://shop.example.com/orders?ref=aaaa", UrlType: static}

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
    yield from too_long(b, "Url", MAX_URL, "Url")


@rule(
    "BT025",
    "url-not-absolute",
    scope=_EVERY_BUTTON,
    severity=Severity.WARNING,
    channels=WHATSAPP,
    types={"URL"},
    evidence=(
        create_page("button `Url` (example)", "https://example.com", Outcome.UNSTATED),
        inference(
            "A browser cannot open an address without a scheme and a host; no page "
            "says the service or Meta refuses one."
        ),
    ),
)
def url_not_absolute(t: TemplateView, b: Node) -> Iterator[Finding]:
    """A WhatsApp button's `Url` is not an absolute http(s) address.

    Why: the button opens the address in a browser, which needs `http://` or
    `https://`, a host, and no spaces: `shop.example.com/track` opens nothing.
    A `$(variable)` stands for text appended when sending, so one at the end is
    fine; where it may stand is VR008's business. A warning: no source says such
    an address is refused. Carousel card buttons are checked too.

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
    if url is None or not url.strip() or len(url) > MAX_URL:
        return  # BT015, BT016
    if not _absolute(url):
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
    from urllib.parse import urlsplit  # here: a template without URLs never needs it

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
    evidence=(
        meta(
            META_COUPON_URL,
            "Meta, Coupon code templates, Limitations",
            "Templates are limited to one copy code button.",
        ),
    ),
)
def too_many_copy_code_buttons(t: TemplateView, root: Node) -> Iterator[Finding]:
    """A WhatsApp MARKETING or UTILITY template has more than one COPY_CODE button.

    Why: an AUTHENTICATION template has exactly one button (AU004), so a second
    copy-code button there is AU004's business.

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
    evidence=(
        meta(
            META_COUPON_URL,
            "Meta, Coupon code templates, request parameters",
            "<COPY_CODE_BUTTON_EXAMPLE_CODE> Required. Code to be copied to device "
            "clipboard when tapped. Maximum 20 characters.",
        ),
        meta(
            META_OFFER_URL,
            "Meta, Limited-time offer templates, properties of the copy code button",
            "<COUPON_CODE> Maximum 15 characters.",
        ),
        api_reference(
            "CreateChatappTemplate, request parameters, `CouponCode`",
            "You can pass a variable such as $(couponCode) and then pass the actual "
            "coupon code when sending the message.",
            read=READ,
        ),
    ),
)
def coupon_code_too_long(t: TemplateView, b: Node) -> Iterator[Finding]:
    """A `CouponCode`, or the sample of its `$(variable)`, is longer than Meta allows: 20 characters, 15 in a limited-time offer.

    Why: Meta's coupon code template page caps the code at 20 characters (its
    own example code has 20); its limited-time offer page caps the offer's code
    at 15. (Resellers' pages still give 15 for every coupon code: Meta's page
    of December 2025 replaced that.) When the code is a variable such as
    `$(couponCode)`, its sample in `Example` is the code Meta reviews, so the
    sample is checked (and reported there). A code mixing text and variables is
    BT007's business.

    Fails:
        TemplateType: WHATSAPP
        Name: flash_sale_offer
        Language: en_US
        Category: MARKETING
        Components:
          - {Type: LIMITED_TIME_OFFER, Text: Expiring offer!, HasExpiration: true}
          - {Type: BODY, Text: Take a quarter off everything in store until the end of the week.}
          - Type: BUTTONS
            Buttons:
              - {Type: COPY_CODE, CouponCode: "$(couponCode)"}
              - {Type: URL, Text: Shop the sale, Url: "https://shop.example.com/sale", UrlType: static}
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
        Example: {couponCode: SUMMERSAVINGS2025}
    """
    limit = MAX_OFFER_CODE if t.first(OFFER) is not None else MAX_COUPON_CODE
    code = b.text("CouponCode")
    if code is None:
        return
    variable = VARIABLE.fullmatch(code)
    if variable is None:
        if not VARIABLE.search(code):
            yield from too_long(b, "CouponCode", limit, "CouponCode")
        return
    name = variable.group(1)
    sample = (t.example or {}).get(name)
    if isinstance(sample, str) and len(sample) > limit:
        yield Finding(
            t.root.at("Example", name),
            f"The sample of $({name}) is {len(sample):,} characters long; a coupon "
            f"code holds at most {limit}.",
        )


@rule(
    "BT019",
    "too-many-quick-replies",
    channels=WHATSAPP,
    categories=_STANDARD,
    evidence=(
        components("buttons", "Templates can have up to 10 quick reply buttons."),
        reseller(
            GUPSHUP_BUTTONS_URL,
            "Gupshup, Template Button List, Limitations",
            "Templates are limited to a maximum of 10 buttons of type QUICK_REPLY.",
        ),
    ),
)
def too_many_quick_replies(t: TemplateView, root: Node) -> Iterator[Finding]:
    """A WhatsApp MARKETING or UTILITY template has more than 10 QUICK_REPLY buttons.

    Why: ten quick replies are the most a template may offer, wherever they
    stand. Eleven in one BUTTONS component are already more than ten buttons,
    which BT001 reports; this rule then stays silent. AUTHENTICATION templates
    take no quick replies at all (AU005).

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
    evidence=(
        components(
            "copy code buttons",
            "<EXAMPLE> Required. String to be copied to device's clipboard when "
            "tapped by the app user.",
        ),
        meta(
            META_COUPON_URL,
            "Meta, Coupon code templates, Properties set at creation vs. send",
            "Creation only: ... Copy code button example code",
        ),
    ),
)
def coupon_code_missing(t: TemplateView, b: Node) -> Iterator[Finding]:
    """A COPY_CODE button of a WhatsApp MARKETING template has no `CouponCode`.

    Why: in a MARKETING template the button copies a coupon, and Meta reviews
    the code (or the sample of its `$(variable)`). AUTHENTICATION copy-code
    buttons carry no code: the service generates it. An empty or blank code is
    reported by BT007, as a code that is not letters and digits.

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
    evidence=(
        meta(
            META_FLOW_URL,
            "Meta, Sending a flow, flow template button",
            "flow_id: Required if flow_name or flow_json are not set. The unique ID "
            "of the Flow.",
        ),
        api_reference(
            "CreateChatappTemplate, request parameters, `FlowId`",
            "The flow ID.",
            read=READ,
        ),
    ),
)
def flow_id_missing(t: TemplateView, b: Node) -> Iterator[Finding]:
    """A WhatsApp FLOW button has no `FlowId`, or a blank one.

    Why: Meta needs to know which flow the button opens; it takes an ID, a name
    or the flow's JSON, and the service passes on only the ID.

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


@rule(
    "BT022",
    "catalog-button-not-alone",
    severity=Severity.WARNING,
    channels=WHATSAPP,
    evidence=(
        reseller(
            GUPSHUP_BUTTONS_URL,
            "Gupshup, Template Button List, Before you begin",
            "CATALOG and MPM templates can have only one button.",
        ),
        meta(
            META_CATALOG_URL,
            "Meta, Catalog templates, request syntax",
            "When a customer taps the View catalog button in a catalog template "
            "message, your product catalog appears within WhatsApp. (The syntax "
            "shows one catalog button; the page does not say other buttons are "
            "refused.)",
            Outcome.UNSTATED,
        ),
    ),
)
def catalog_button_not_alone(t: TemplateView, root: Node) -> Iterator[Finding]:
    """A WhatsApp template with a CATALOG or MPM button has other buttons as well.

    Why: catalog and multi-product templates carry exactly one button, the one
    that opens the products. Reported at the first other button. A warning: only
    a reseller's page says other buttons are refused; Meta's catalog template
    page shows the catalog button alone but does not say so.

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


@rule(
    "BT024",
    "button-member-ignored",
    scope=Scope.BUTTON,
    severity=Severity.WARNING,
    channels=WHATSAPP,
    members=set(_ONLY_ON),
    evidence=(
        create_page(
            "`AutofillText`, `SupportedApps`",
            "This parameter is required for WhatsApp templates when Category is set "
            "to AUTHENTICATION and the button type is ONE_TAP or ZERO_TAP.",
            Outcome.NOT_APPLICABLE,
        ),
        create_page(
            "`FlowId`, `FlowAction`, `NavigateScreen`, button `Type`",
            "FLOW: Opens a WhatsApp flow. FlowId: The flow ID.",
            Outcome.NOT_APPLICABLE,
        ),
        create_page(
            "`CouponCode`, button `Type`",
            "COPY_CODE: A button to copy a verification code or coupon code. "
            "CouponCode: The value of the coupon code.",
            Outcome.NOT_APPLICABLE,
        ),
        inference(
            "A member the page describes for one button type has no effect on "
            "another: usually a button whose Type was changed."
        ),
    ),
)
def button_member_ignored(t: TemplateView, b: Node) -> Iterator[Finding]:
    """A WhatsApp button sets a member its type ignores: `FlowId` off a FLOW button, `AutofillText` off an autofill button.

    Why: `FlowId`, `FlowAction` and `NavigateScreen` are read on FLOW buttons,
    `AutofillText` and `SupportedApps` on ONE_TAP and ZERO_TAP buttons, and
    `CouponCode` on COPY_CODE buttons; anywhere else the value does nothing, and
    it is usually left over from a button whose `Type` was changed. Empty values
    (`SupportedApps: []`, which the official SDK sends on every button) are not
    reported. `PhoneNumber` and `IsOptOut` have their own rules (BT008, BT006),
    and the deprecated `PackageName` and `SignatureHash` theirs (DP003, DP004).

    Fails:
        TemplateType: WHATSAPP
        Name: book_appointment
        Language: en_US
        Category: UTILITY
        Components:
          - {Type: BODY, Text: Book your next appointment with us in a few taps.}
          - Type: BUTTONS
            Buttons:
              - {Type: URL, Text: Book now, Url: "https://clinic.example.com/book", UrlType: static, FlowId: "4798840936051234"}

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
    kind = b.type
    if not isinstance(kind, str):
        return  # the schema's
    for key, types in _ONLY_ON.items():
        value = b.value.get(key)
        if value in (None, "", [], {}) or kind in types:
            continue
        yield Finding(
            b.at(key),
            f"'{key}' is ignored on a {shorten(kind)} button; it is only read on "
            f"{' and '.join(types)} buttons.",
            at_key=True,
        )


RULES = (
    button_label_too_long,
    button_text_missing,
    phone_number_missing,
    phone_number_invalid,
    phone_number_not_international,
    url_missing,
    url_invalid,
    url_not_absolute,
    too_many_copy_code_buttons,
    coupon_code_too_long,
    too_many_quick_replies,
    coupon_code_missing,
    flow_id_missing,
    catalog_button_not_alone,
    button_member_ignored,
)
