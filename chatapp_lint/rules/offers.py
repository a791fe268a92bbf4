"""Limited-time offers: the WhatsApp MARKETING template with an offer and its expiry."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Final

from chatapp_lint.model import Finding, Severity
from chatapp_lint.rules._base import BOTH, WHATSAPP, Node, Scope, TemplateView, rule
from chatapp_lint.rules._checks import misplaced, too_long
from chatapp_lint.rules._citations import (
    ALIBABA_TEMPLATE_DESIGN_URL,
    META_OFFER_URL,
    READ,
    create_page,
    meta,
)
from chatapp_lint.rules._evidence import Evidence, Kind, Outcome
from chatapp_lint.schema import shorten

OFFER = "LIMITED_TIME_OFFER"
MAX_OFFER_TEXT: Final = 16
MAX_OFFER_BODY: Final = 600
OFFER_HEADER_FORMATS: Final = ("IMAGE", "VIDEO")
_LIMITATIONS: Final = "Meta, Limited-time offer templates, Limitations"


def _is_offer(t: TemplateView) -> bool:
    return t.first(OFFER) is not None


@rule(
    "LO001",
    "offer-text-too-long",
    scope=Scope.COMPONENT,
    channels=WHATSAPP,
    types={OFFER},
    evidence=(
        meta(
            META_OFFER_URL,
            "Meta, Limited-time offer templates, properties",
            "<LIMITED_TIME_OFFER_TEXT> Offer details text. Maximum 16 characters.",
        ),
    ),
)
def offer_text_too_long(t: TemplateView, c: Node) -> Iterator[Finding]:
    """The LIMITED_TIME_OFFER text is longer than 16 characters.

    Why: the offer text is the short headline shown beside the expiry countdown
    ("Expiring offer!"); Meta refuses a longer one. The service carries it in the
    component's `Text`.

    Fails:
        TemplateType: WHATSAPP
        Name: flash_sale_offer
        Language: en_US
        Category: MARKETING
        Components:
          - {Type: LIMITED_TIME_OFFER, Text: Our biggest flash sale ever, HasExpiration: true}
          - {Type: BODY, Text: Take a quarter off everything in store until the end of the week.}
          - Type: BUTTONS
            Buttons:
              - {Type: COPY_CODE, CouponCode: SAVE25NOW}
              - {Type: URL, Text: Shop the sale, Url: "https://shop.example.com/sale", UrlType: static}

    Passes:
        TemplateType: WHATSAPP
        Name: flash_sale_offer
        Language: en_US
        Category: MARKETING
        Components:
          - {Type: LIMITED_TIME_OFFER, Text: Expiring offer!, HasExpiration: true}
          - {Type: BODY, Text: Take a quarter off everything in store until the end of the week.}
          - Type: BUTTONS
            Buttons:
              - {Type: COPY_CODE, CouponCode: SAVE25NOW}
              - {Type: URL, Text: Shop the sale, Url: "https://shop.example.com/sale", UrlType: static}
    """
    yield from too_long(c, "Text", MAX_OFFER_TEXT, "The LIMITED_TIME_OFFER text")


@rule(
    "LO002",
    "offer-body-too-long",
    scope=Scope.COMPONENT,
    channels=WHATSAPP,
    types={"BODY"},
    evidence=(
        meta(
            META_OFFER_URL,
            "Meta, Limited-time offer templates, properties",
            "<BODY_TEXT> Body component text. Supports variables. Maximum 600 "
            "characters.",
        ),
    ),
)
def offer_body_too_long(t: TemplateView, c: Node) -> Iterator[Finding]:
    """The BODY text of a limited-time offer template is longer than 600 characters.

    Why: an offer's body shares the bubble with the offer and its countdown, so
    Meta allows 600 characters instead of 1,024. A body past 1,024 is reported by
    LN001 as well, with the general limit.

    Fails:
        # Shortened: the real BODY text runs past 600 characters.
        TemplateType: WHATSAPP
        Name: flash_sale_offer
        Language: en_US
        Category: MARKETING
        Components:
          - {Type: LIMITED_TIME_OFFER, Text: Expiring offer!, HasExpiration: true}
          - {Type: BODY, Text: "Take a quarter off everything in store until the end of ..."}
          - Type: BUTTONS
            Buttons:
              - {Type: COPY_CODE, CouponCode: SAVE25NOW}
              - {Type: URL, Text: Shop the sale, Url: "https://shop.example.com/sale", UrlType: static}

    Passes:
        TemplateType: WHATSAPP
        Name: flash_sale_offer
        Language: en_US
        Category: MARKETING
        Components:
          - {Type: LIMITED_TIME_OFFER, Text: Expiring offer!, HasExpiration: true}
          - {Type: BODY, Text: Take a quarter off everything in store until the end of the week.}
          - Type: BUTTONS
            Buttons:
              - {Type: COPY_CODE, CouponCode: SAVE25NOW}
              - {Type: URL, Text: Shop the sale, Url: "https://shop.example.com/sale", UrlType: static}
    """
    if _is_offer(t):
        yield from too_long(
            c, "Text", MAX_OFFER_BODY, "The BODY text of a limited-time offer"
        )


@rule(
    "LO003",
    "offer-with-footer",
    scope=Scope.COMPONENT,
    channels=WHATSAPP,
    types={"FOOTER"},
    evidence=(
        meta(META_OFFER_URL, _LIMITATIONS, "Footer components are not supported."),
        Evidence(
            Kind.PLATFORM_DOC,
            Outcome.REJECTED,
            "Alibaba Cloud, Template design",
            "Footers are not supported in limited-time offer templates.",
            ALIBABA_TEMPLATE_DESIGN_URL,
            READ,
        ),
    ),
)
def offer_with_footer(t: TemplateView, c: Node) -> Iterator[Finding]:
    """A limited-time offer template has a FOOTER component.

    Why: the space under an offer's body belongs to its countdown and buttons;
    Meta refuses a footer there.

    Fails:
        TemplateType: WHATSAPP
        Name: flash_sale_offer
        Language: en_US
        Category: MARKETING
        Components:
          - {Type: LIMITED_TIME_OFFER, Text: Expiring offer!, HasExpiration: true}
          - {Type: BODY, Text: Take a quarter off everything in store until the end of the week.}
          - {Type: FOOTER, Text: Reply STOP to opt out}
          - Type: BUTTONS
            Buttons:
              - {Type: COPY_CODE, CouponCode: SAVE25NOW}
              - {Type: URL, Text: Shop the sale, Url: "https://shop.example.com/sale", UrlType: static}

    Passes:
        TemplateType: WHATSAPP
        Name: flash_sale_offer
        Language: en_US
        Category: MARKETING
        Components:
          - {Type: LIMITED_TIME_OFFER, Text: Expiring offer!, HasExpiration: true}
          - {Type: BODY, Text: Take a quarter off everything in store until the end of the week.}
          - Type: BUTTONS
            Buttons:
              - {Type: COPY_CODE, CouponCode: SAVE25NOW}
              - {Type: URL, Text: Shop the sale, Url: "https://shop.example.com/sale", UrlType: static}
    """
    if _is_offer(t):
        yield Finding(
            c.pointer, "Limited-time offer templates cannot have a FOOTER component."
        )


@rule(
    "LO004",
    "has-expiration-misplaced",
    scope=Scope.COMPONENT,
    severity=Severity.WARNING,
    channels=BOTH,
    members={"HasExpiration"},
    evidence=(
        create_page(
            "`HasExpiration`",
            "Indicates whether the coupon code has an expiration time. This "
            "parameter is used when type is set to LIMITED_TIME_OFFER.",
            Outcome.NOT_APPLICABLE,
        ),
    ),
)
def has_expiration_misplaced(t: TemplateView, c: Node) -> Iterator[Finding]:
    """`HasExpiration` is set on a component other than LIMITED_TIME_OFFER.

    Why: the flag says whether the offer shows a countdown to its expiry; on any
    other component it means nothing. On a Viber template the offer component
    itself is invalid (VB001). A warning: the page says where the flag is used,
    not that the service refuses it elsewhere.

    Fails:
        TemplateType: WHATSAPP
        Name: flash_sale_offer
        Language: en_US
        Category: MARKETING
        Components:
          - {Type: LIMITED_TIME_OFFER, Text: Expiring offer!}
          - {Type: BODY, Text: Take a quarter off everything in store until the end of the week., HasExpiration: true}
          - Type: BUTTONS
            Buttons:
              - {Type: COPY_CODE, CouponCode: SAVE25NOW}
              - {Type: URL, Text: Shop the sale, Url: "https://shop.example.com/sale", UrlType: static}

    Passes:
        TemplateType: WHATSAPP
        Name: flash_sale_offer
        Language: en_US
        Category: MARKETING
        Components:
          - {Type: LIMITED_TIME_OFFER, Text: Expiring offer!, HasExpiration: true}
          - {Type: BODY, Text: Take a quarter off everything in store until the end of the week.}
          - Type: BUTTONS
            Buttons:
              - {Type: COPY_CODE, CouponCode: SAVE25NOW}
              - {Type: URL, Text: Shop the sale, Url: "https://shop.example.com/sale", UrlType: static}
    """
    if c.type != OFFER:
        yield from misplaced(c, "HasExpiration", "on the LIMITED_TIME_OFFER component")


@rule(
    "LO005",
    "offer-outside-marketing",
    scope=Scope.COMPONENT,
    channels=WHATSAPP,
    types={OFFER},
    evidence=(
        meta(
            META_OFFER_URL,
            _LIMITATIONS,
            "Only templates categorized as MARKETING are supported.",
        ),
    ),
)
def offer_outside_marketing(t: TemplateView, c: Node) -> Iterator[Finding]:
    """A WhatsApp template with a LIMITED_TIME_OFFER is not a MARKETING template.

    Why: Meta supports limited-time offers only in templates categorized as
    MARKETING, in the same list of limitations that refuses their footers.

    Fails:
        TemplateType: WHATSAPP
        Name: flash_sale_offer
        Language: en_US
        Category: UTILITY
        Components:
          - {Type: LIMITED_TIME_OFFER, Text: Expiring offer!, HasExpiration: true}
          - {Type: BODY, Text: Take a quarter off everything in store until the end of the week.}
          - Type: BUTTONS
            Buttons:
              - {Type: COPY_CODE, CouponCode: SAVE25NOW}
              - {Type: URL, Text: Shop the sale, Url: "https://shop.example.com/sale", UrlType: static}

    Passes:
        TemplateType: WHATSAPP
        Name: flash_sale_offer
        Language: en_US
        Category: MARKETING
        Components:
          - {Type: LIMITED_TIME_OFFER, Text: Expiring offer!, HasExpiration: true}
          - {Type: BODY, Text: Take a quarter off everything in store until the end of the week.}
          - Type: BUTTONS
            Buttons:
              - {Type: COPY_CODE, CouponCode: SAVE25NOW}
              - {Type: URL, Text: Shop the sale, Url: "https://shop.example.com/sale", UrlType: static}
    """
    if t.category_known and t.category != "MARKETING":
        yield Finding(
            c.at("Type"),
            "Limited-time offers are only supported in MARKETING templates, not in "
            f"{shorten(t.category)}.",
        )


@rule(
    "LO006",
    "offer-header-format",
    scope=Scope.COMPONENT,
    severity=Severity.WARNING,
    channels=WHATSAPP,
    types={"HEADER"},
    evidence=(
        meta(
            META_OFFER_URL,
            "Meta, Limited-time offer templates, request syntax and properties",
            '"type": "header", "format": "<HEADER_FORMAT>", "example": '
            '{"header_handle": ["<HEADER_ASSET_HANDLE>"]} (a media header: image '
            "or video)",
            Outcome.UNSTATED,
        ),
    ),
)
def offer_header_format(t: TemplateView, c: Node) -> Iterator[Finding]:
    """The HEADER of a limited-time offer template is not an IMAGE or VIDEO header.

    Why: Meta's limited-time offer template shows an image or a video above the
    offer; its syntax has no text or document header. A warning: the page shows
    the header's formats but does not say another is refused. A header without
    a `Format` is the header rules' business.

    Fails:
        TemplateType: WHATSAPP
        Name: flash_sale_offer
        Language: en_US
        Category: MARKETING
        Components:
          - {Type: HEADER, Format: TEXT, Text: Flash sale}
          - {Type: LIMITED_TIME_OFFER, Text: Expiring offer!, HasExpiration: true}
          - {Type: BODY, Text: Take a quarter off everything in store until the end of the week.}
          - Type: BUTTONS
            Buttons:
              - {Type: COPY_CODE, CouponCode: SAVE25NOW}
              - {Type: URL, Text: Shop the sale, Url: "https://shop.example.com/sale", UrlType: static}

    Passes:
        TemplateType: WHATSAPP
        Name: flash_sale_offer
        Language: en_US
        Category: MARKETING
        Components:
          - {Type: HEADER, Format: IMAGE, Url: "https://cdn.example.com/flash-sale.png"}
          - {Type: LIMITED_TIME_OFFER, Text: Expiring offer!, HasExpiration: true}
          - {Type: BODY, Text: Take a quarter off everything in store until the end of the week.}
          - Type: BUTTONS
            Buttons:
              - {Type: COPY_CODE, CouponCode: SAVE25NOW}
              - {Type: URL, Text: Shop the sale, Url: "https://shop.example.com/sale", UrlType: static}
    """
    kind = c.value.get("Format")
    if _is_offer(t) and isinstance(kind, str) and kind not in OFFER_HEADER_FORMATS:
        yield Finding(
            c.at("Format"),
            f"A limited-time offer's header is an IMAGE or a VIDEO, not "
            f"{shorten(kind)}.",
        )


RULES = (
    offer_text_too_long,
    offer_body_too_long,
    offer_with_footer,
    has_expiration_misplaced,
    offer_outside_marketing,
    offer_header_format,
)
