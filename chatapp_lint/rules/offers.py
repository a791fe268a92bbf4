"""Limited-time offers: the WhatsApp MARKETING template with an offer and its expiry."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Final

from chatapp_lint.model import Finding
from chatapp_lint.rules._base import BOTH, WHATSAPP, Node, Scope, TemplateView, rule
from chatapp_lint.rules._checks import misplaced, too_long

OFFER = "LIMITED_TIME_OFFER"
MAX_OFFER_TEXT: Final = 16
MAX_OFFER_BODY: Final = 600


def _is_offer(t: TemplateView) -> bool:
    return t.first(OFFER) is not None


@rule(
    "LO001",
    "offer-text-too-long",
    scope=Scope.COMPONENT,
    channels=WHATSAPP,
    types={OFFER},
)
def offer_text_too_long(t: TemplateView, c: Node) -> Iterator[Finding]:
    """The LIMITED_TIME_OFFER text is longer than 16 characters.

    Why: the offer text is the short headline shown beside the expiry countdown
    ("Expiring offer!"); Meta refuses a longer one. The service carries it in the
    component's `Text`.

    Source: Meta, Limited-time offer templates, `limited_time_offer.text`:
    "Maximum 16 characters."; CreateChatappTemplate, component `Type`
    (LIMITED_TIME_OFFER).

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
)
def offer_body_too_long(t: TemplateView, c: Node) -> Iterator[Finding]:
    """The BODY text of a limited-time offer template is longer than 600 characters.

    Why: an offer's body shares the bubble with the offer and its countdown, so
    Meta allows 600 characters instead of 1,024. A body past 1,024 is reported by
    LN001 as well, with the general limit.

    Source: Meta, Limited-time offer templates, body text: "Maximum 600
    characters."

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
)
def offer_with_footer(t: TemplateView, c: Node) -> Iterator[Finding]:
    """A limited-time offer template has a FOOTER component.

    Why: the space under an offer's body belongs to its countdown and buttons;
    Meta refuses a footer there.

    Source: Alibaba Cloud, Template design: "Footers are not supported in
    limited-time offer templates."; Meta, Limited-time offer templates.

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
    channels=BOTH,
    members={"HasExpiration"},
)
def has_expiration_misplaced(t: TemplateView, c: Node) -> Iterator[Finding]:
    """`HasExpiration` is set on a component other than LIMITED_TIME_OFFER.

    Why: the flag says whether the offer shows a countdown to its expiry; on any
    other component it means nothing. On a Viber template the offer component
    itself is invalid (VB001).

    Source: CreateChatappTemplate, `HasExpiration`: "This parameter is used when
    type is set to LIMITED_TIME_OFFER."

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


RULES = (
    offer_text_too_long,
    offer_body_too_long,
    offer_with_footer,
    has_expiration_misplaced,
)
