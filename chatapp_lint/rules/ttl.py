"""Message time-to-live: how long WhatsApp keeps trying to deliver a message."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Final

from chatapp_lint.model import Finding, Severity
from chatapp_lint.rules._base import VIBER, WHATSAPP, Node, TemplateView, rule
from chatapp_lint.rules._checks import whole_number

TTL_RANGES: Final = {"AUTHENTICATION": (30, 900), "UTILITY": (30, 43_200)}
# Meta's "custom TTL" of 30 days, which the service does not document.
META_CUSTOM_TTL: Final = -1
MARKETING_TTL: Final = (43_200, 2_592_000)


@rule(
    "TT001",
    "ttl-out-of-range",
    channels=WHATSAPP,
    categories=set(TTL_RANGES),
    members={"MessageSendTtlSeconds"},
)
def ttl_out_of_range(t: TemplateView, root: Node) -> Iterator[Finding]:
    """`MessageSendTtlSeconds` is outside the range for the template's category.

    Why: AUTHENTICATION messages may live 30 to 900 seconds, UTILITY messages 30 to
    43,200 seconds (12 hours); anything else is rejected. The value must be an
    integer (SC003 reports other types). The one exception is -1, Meta's 30-day
    custom TTL: the service does not document it, but Meta accepts it, so TT002
    warns about it instead of this rule refusing it.

    Source: CreateChatappTemplate, `MessageSendTtlSeconds`: "For AUTHENTICATION
    templates, the value ranges from 30 to 900. For UTILITY templates, the value
    ranges from 30 to 43200."

    Fails:
        TemplateType: WHATSAPP
        Name: login_code
        Language: en_US
        Category: AUTHENTICATION
        MessageSendTtlSeconds: 1200
        Components:
          - {Type: BODY}
          - Type: BUTTONS
            Buttons:
              - {Type: COPY_CODE, Text: Copy code}

    Passes:
        TemplateType: WHATSAPP
        Name: login_code
        Language: en_US
        Category: AUTHENTICATION
        MessageSendTtlSeconds: 300
        Components:
          - {Type: BODY}
          - {Type: FOOTER, CodeExpirationMinutes: 10}
          - Type: BUTTONS
            Buttons:
              - {Type: COPY_CODE, Text: Copy code}
    """
    ttl = whole_number(t.data.get("MessageSendTtlSeconds"))
    if ttl is None or t.category is None:
        return
    low, high = TTL_RANGES[t.category]
    if not low <= ttl <= high and ttl != META_CUSTOM_TTL:
        yield Finding(
            root.at("MessageSendTtlSeconds"),
            f"MessageSendTtlSeconds for {t.category} templates is {low} to "
            f"{high:,} seconds, not {ttl:,}.",
        )


@rule(
    "TT002",
    "ttl-not-documented",
    channels=WHATSAPP,
    severity=Severity.WARNING,
    members={"MessageSendTtlSeconds"},
)
def ttl_not_documented(t: TemplateView, root: Node) -> Iterator[Finding]:
    """`MessageSendTtlSeconds` is set on a MARKETING template, or to -1.

    Why: the service documents a TTL for AUTHENTICATION and UTILITY templates
    only. Meta also takes one for MARKETING templates (43,200 to 2,592,000
    seconds) but only through its Marketing Messages API, and -1 as a 30-day TTL
    for any category; whether the service passes either on is not documented, so
    both are warnings rather than errors. On AUTHENTICATION and
    UTILITY templates -1 is reported here and not by TT001, so the one value gets
    one finding.

    Source: CreateChatappTemplate, `MessageSendTtlSeconds`: "For AUTHENTICATION
    templates, the value ranges from 30 to 900. For UTILITY templates, the value
    ranges from 30 to 43200."; Meta, Time-to-live (TTL) for templates.

    Fails:
        TemplateType: WHATSAPP
        Name: summer_sale
        Language: en_US
        Category: MARKETING
        MessageSendTtlSeconds: 86400
        Components:
          - {Type: BODY, Text: Our summer sale starts today with savings across the whole store.}

    Passes:
        TemplateType: WHATSAPP
        Name: summer_sale
        Language: en_US
        Category: MARKETING
        Components:
          - {Type: BODY, Text: Our summer sale starts today with savings across the whole store.}
    """
    value = t.data.get("MessageSendTtlSeconds")
    if t.category == "MARKETING" and value is not None:
        low, high = MARKETING_TTL
        yield Finding(
            root.at("MessageSendTtlSeconds"),
            "The service documents no MessageSendTtlSeconds for MARKETING templates; "
            f"Meta takes {low:,} to {high:,} only through its Marketing Messages API.",
            at_key=True,
        )
    elif whole_number(value) == META_CUSTOM_TTL:
        yield Finding(
            root.at("MessageSendTtlSeconds"),
            "MessageSendTtlSeconds -1 is Meta's 30-day TTL, which the service does "
            "not document and may refuse.",
        )


@rule(
    "TT003",
    "ttl-on-viber",
    channels=VIBER,
    severity=Severity.WARNING,
    members={"MessageSendTtlSeconds"},
)
def ttl_on_viber(t: TemplateView, root: Node) -> Iterator[Finding]:
    """`MessageSendTtlSeconds` is set on a Viber template.

    Why: the service describes the TTL as one "in WhatsApp"; on a Viber template
    it has no documented meaning, which usually means the template was copied from
    a WhatsApp one.

    Source: CreateChatappTemplate, `MessageSendTtlSeconds`: the time-to-live of
    "Templat Paket di WhatsApp" (template messages in WhatsApp).

    Fails:
        TemplateType: VIBER
        Name: new_arrivals
        Language: en
        Category: MARKETING
        MessageSendTtlSeconds: 3600
        Components:
          - {Type: BODY, Text: New arrivals are in store this week. Come and see them.}

    Passes:
        TemplateType: VIBER
        Name: new_arrivals
        Language: en
        Category: MARKETING
        Components:
          - {Type: BODY, Text: New arrivals are in store this week. Come and see them.}
    """
    if root.value.get("MessageSendTtlSeconds") is not None:
        yield Finding(
            root.at("MessageSendTtlSeconds"),
            "'MessageSendTtlSeconds' is only read on WhatsApp templates.",
            at_key=True,
        )


RULES = (ttl_out_of_range, ttl_not_documented, ttl_on_viber)
