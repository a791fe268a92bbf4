"""Public pages that the button, authentication, carousel and offer rules cite.

One address per page, so that every citation of a page points at the same place,
and one day on which they were read against the rules.
"""

from __future__ import annotations

from typing import Final

from chatapp_lint.rules._evidence import (
    CREATE_TEMPLATE_URL,
    META_COMPONENTS_URL,
    Evidence,
    Kind,
    Outcome,
)

READ: Final = "2026-12-03"

_META_TEMPLATES: Final = "https://developers.facebook.com/documentation/business-messaging/whatsapp/templates"
META_COUPON_URL: Final = f"{_META_TEMPLATES}/marketing-templates/coupon-templates"
META_OFFER_URL: Final = (
    f"{_META_TEMPLATES}/marketing-templates/limited-time-offer-templates"
)
META_CAROUSEL_URL: Final = (
    f"{_META_TEMPLATES}/marketing-templates/media-card-carousel-templates"
)
META_ONE_TAP_URL: Final = f"{_META_TEMPLATES}/authentication-templates/autofill-button-authentication-templates"
META_ZERO_TAP_URL: Final = (
    f"{_META_TEMPLATES}/authentication-templates/zero-tap-authentication-templates"
)
META_COPY_CODE_URL: Final = f"{_META_TEMPLATES}/authentication-templates/copy-code-button-authentication-templates"
META_TTL_URL: Final = f"{_META_TEMPLATES}/time-to-live"
META_FLOW_URL: Final = "https://developers.facebook.com/documentation/business-messaging/whatsapp/flows/guides/sendingaflow/"
META_CATALOG_URL: Final = "https://developers.facebook.com/documentation/business-messaging/whatsapp/catalogs/catalog-template-messages"
ALIBABA_AUTH_PRACTICES_URL: Final = "https://www.alibabacloud.com/help/en/chatapp/user-guide/best-practices-for-authentication-templates"
ALIBABA_TEMPLATE_DESIGN_URL: Final = (
    "https://www.alibabacloud.com/help/en/chatapp/user-guide/template-design"
)
GUPSHUP_BUTTONS_URL: Final = "https://docs.gupshup.io/docs/template-button-list"
GUPSHUP_COUPON_URL: Final = "https://docs.gupshup.io/docs/copy-code"
DIALOG360_COUPON_URL: Final = "https://docs.360dialog.com/partner/messaging/template-messages/coupon-code-templates"
DIALOG360_CAROUSEL_URL: Final = "https://docs.360dialog.com/docs/waba-messaging/interactive-messages/interactive-media-carousel-messages"


def meta(
    url: str,
    citation: str,
    quote: str,
    says: Outcome = Outcome.REJECTED,
) -> Evidence:
    """A statement on one of Meta's WhatsApp pages (a limit or requirement: rejected)."""
    return Evidence(Kind.PLATFORM_DOC, says, citation, quote, url, READ)


def components(citation: str, quote: str) -> Evidence:
    """A limit or requirement on Meta's "Templates: components" page."""
    return meta(META_COMPONENTS_URL, f"Meta, Templates: components, {citation}", quote)


def create_page(citation: str, quote: str, says: Outcome) -> Evidence:
    """A statement on CreateChatappTemplate that is not a rejection ("valid only for")."""
    return Evidence(
        Kind.API_REFERENCE,
        says,
        f"CreateChatappTemplate, request parameters, {citation}",
        quote,
        CREATE_TEMPLATE_URL,
        READ,
    )


def reseller(url: str, citation: str, quote: str) -> Evidence:
    """A single reseller's statement: never enough for an error."""
    return Evidence(Kind.RESELLER, Outcome.REJECTED, citation, quote, url, READ)


# CP001 and CP002, whose rules live with the schema's codes in structure.py.
BUTTONS_ELSEWHERE: Final = (
    create_page(
        "`Buttons`",
        "The list of buttons. This parameter applies only to the BUTTONS component.",
        Outcome.NOT_APPLICABLE,
    ),
)
EMPTY_BUTTONS_COMPONENT: Final = (
    create_page(
        "`Buttons`",
        "The list of buttons. This parameter applies only to the BUTTONS component.",
        Outcome.UNSTATED,
    ),
    Evidence(
        Kind.INFERENCE,
        Outcome.UNSTATED,
        "chatapp-lint",
        "A BUTTONS component without buttons describes nothing; no page says what "
        "the service does with one.",
    ),
)
