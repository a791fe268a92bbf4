"""Sources several rules cite: public pages, the words on them, and the day they were read.

One place for each quotation, so that two rules citing the same page cite it
the same way. Rules with a source of their own write it beside the rule.
"""

from __future__ import annotations

from typing import Final

from chatapp_lint.rules._evidence import (
    CREATE_TEMPLATE_URL,
    META_COMPONENTS_URL,
    META_REVIEW_URL,
    TEMPLATE_DETAIL_URL,
    Evidence,
    Kind,
    Outcome,
    api_reference,
)

READ: Final = "2026-12-03"

META_TTL_URL: Final = "https://developers.facebook.com/documentation/business-messaging/whatsapp/templates/time-to-live"
META_LOCATION_URL: Final = "https://developers.facebook.com/documentation/business-messaging/whatsapp/templates/utility-templates/location-templates/"
CAMS_ERROR_CODES_ZH_URL: Final = (
    "https://help.aliyun.com/zh/chatapp/developer-reference/api-error-codes"
)
VIBER_TYPES_URL: Final = (
    "https://www.alibabacloud.com/help/ja/chatapp/user-guide/viber-message-type"
)
VIBER_PARTNER_HU_URL: Final = "https://docs.viberuzenetek.hu/en/docs/viber"
SINCH_VIBER_URL: Final = "https://developers.sinch.com/docs/conversation/channel-support/viberbm/message-support"
# Meta's answer to a body that opens or closes with a parameter, as a developer
# quoted it when a template was refused (Meta publishes no list of subcodes).
META_EDGE_SUBCODE_URL: Final = "https://github.com/Jaal-Yantra-Textiles/v2/pull/2134"


def meta_components(quote: str, *, says: Outcome = Outcome.REJECTED) -> Evidence:
    """A statement on Meta's Template components page."""
    return Evidence(
        Kind.PLATFORM_DOC,
        says,
        "Meta, WhatsApp Business Platform, Template components",
        quote,
        META_COMPONENTS_URL,
        READ,
    )


def meta_review(quote: str, *, says: Outcome = Outcome.REJECTED) -> Evidence:
    """A reason on Meta's template review page ("Common rejection reasons")."""
    return Evidence(
        Kind.META_REVIEW,
        says,
        "Meta, WhatsApp Business Platform, Template review, common rejection reasons "
        "(Meta's list as its partners reproduce it word for word)",
        quote,
        META_REVIEW_URL,
        READ,
    )


def create_reference(citation: str, quote: str) -> Evidence:
    """A limit, enum or requirement of CreateChatappTemplate (a rejection)."""
    return api_reference(f"CreateChatappTemplate, {citation}", quote, read=READ)


def create_states(citation: str, quote: str, says: Outcome) -> Evidence:
    """A CreateChatappTemplate statement whose outcome is not a rejection."""
    return Evidence(
        Kind.API_REFERENCE,
        says,
        f"CreateChatappTemplate, {citation}",
        quote,
        CREATE_TEMPLATE_URL,
        READ,
    )


def detail_states(citation: str, quote: str, says: Outcome) -> Evidence:
    """A statement of GetChatappTemplateDetail (the template as the service returns it)."""
    return Evidence(
        Kind.API_REFERENCE,
        says,
        f"GetChatappTemplateDetail, {citation}",
        quote,
        TEMPLATE_DETAIL_URL,
        READ,
    )


def cams_code(code: str, description: str) -> Evidence:
    """A CAMS error code, in the wording of the current Chinese page."""
    return Evidence(
        Kind.CAMS_ERROR,
        Outcome.REJECTED,
        f"Chat App Message Service, API error codes, `{code}`",
        description,
        CAMS_ERROR_CODES_ZH_URL,
        READ,
    )


def viber_types(quote: str, *, says: Outcome = Outcome.REJECTED) -> Evidence:
    """Alibaba Cloud's page on Viber message types and their media limits."""
    return Evidence(
        Kind.PLATFORM_DOC,
        says,
        "Alibaba Cloud, Chat App Message Service, Viber message types "
        "(media file size limits)",
        quote,
        VIBER_TYPES_URL,
        READ,
    )


def viber_partners(quote: str, *, says: Outcome = Outcome.REJECTED) -> Evidence:
    """A Viber limit an authorised partner states (one of several)."""
    return Evidence(
        Kind.PARTNERS,
        says,
        "Viber partner documentation (viberuzenetek.hu, Viber: sending files, text)",
        quote,
        VIBER_PARTNER_HU_URL,
        READ,
    )


def linter(reason: str) -> Evidence:
    """The linter cannot read or check the file: nothing can be checked or sent."""
    return Evidence(Kind.LINTER, Outcome.REJECTED, "chatapp-lint", reason)


def file_format(citation: str, quote: str) -> Evidence:
    """A format's own specification says the text is not of that format."""
    return Evidence(Kind.FORMAT, Outcome.REJECTED, citation, quote)


# The pages the button, authentication, carousel and offer rules cite.

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
    """A statement among CreateChatappTemplate's request parameters, not a rejection."""
    return create_states(f"request parameters, {citation}", quote, says)


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
