"""Message time-to-live: how long WhatsApp keeps trying to deliver a message."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Final

from chatapp_lint.model import Finding, Severity
from chatapp_lint.rules._base import VIBER, WHATSAPP, Node, TemplateView, rule
from chatapp_lint.rules._checks import whole_number
from chatapp_lint.rules._citations import (
    META_TTL_URL,
    READ,
    create_reference,
    create_states,
)
from chatapp_lint.rules._evidence import Evidence, Kind, Outcome

TTL_RANGES: Final = {"AUTHENTICATION": (30, 900), "UTILITY": (30, 43_200)}
# Meta's "custom TTL" of 30 days, which the service does not document.
META_CUSTOM_TTL: Final = -1
MARKETING_TTL: Final = (43_200, 2_592_000)


def _meta_ttl(quote: str, *, says: Outcome = Outcome.REJECTED) -> Evidence:
    return Evidence(
        Kind.PLATFORM_DOC,
        says,
        "Meta, WhatsApp Business Platform, Configure message time-to-live",
        quote,
        META_TTL_URL,
        READ,
    )


@rule(
    "TT001",
    "ttl-out-of-range",
    channels=WHATSAPP,
    categories=set(TTL_RANGES),
    members={"MessageSendTtlSeconds"},
    evidence=(
        create_reference(
            "request parameters, `MessageSendTtlSeconds`",
            "Untuk Templat AUTHENTICATION, nilai berkisar dari 30 hingga 900. Untuk "
            "Templat UTILITY, nilai berkisar dari 30 hingga 43200. (For AUTHENTICATION "
            "templates, the value ranges from 30 to 900; for UTILITY templates, from 30 "
            "to 43200.)",
        ),
        _meta_ttl(
            "Authentication templates: 30 to 900 seconds (30 seconds to 15 minutes); "
            "Utility templates: 30 to 43200 seconds (30 seconds to 12 hours)"
        ),
    ),
)
def ttl_out_of_range(t: TemplateView, root: Node) -> Iterator[Finding]:
    """`MessageSendTtlSeconds` is outside the range for the template's category.

    Why: AUTHENTICATION messages may live 30 to 900 seconds, UTILITY messages 30 to
    43,200 seconds (12 hours); anything else is rejected. The value must be an
    integer (SC003 reports other types). The one exception is -1, Meta's 30-day
    custom TTL: the service does not document it, but Meta accepts it, so TT002
    warns about it instead of this rule refusing it.

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
    evidence=(
        create_states(
            "request parameters, `MessageSendTtlSeconds`",
            "Untuk Templat AUTHENTICATION, nilai berkisar dari 30 hingga 900. Untuk "
            "Templat UTILITY, nilai berkisar dari 30 hingga 43200.",
            Outcome.UNSTATED,
        ),
        _meta_ttl(
            "You can customize the default TTL for authentication and utility templates "
            "sent via Cloud API, and for marketing templates sent via Marketing Messages "
            "API for WhatsApp.",
            says=Outcome.UNSTATED,
        ),
    ),
)
def ttl_not_documented(t: TemplateView, root: Node) -> Iterator[Finding]:
    """`MessageSendTtlSeconds` is a MARKETING TTL that Meta accepts, or -1.

    Why: the service documents a TTL for AUTHENTICATION and UTILITY templates
    only. Meta also takes one for MARKETING templates (43,200 to 2,592,000
    seconds, 12 hours to 30 days), but only through its Marketing Messages API,
    and -1 as a 30-day TTL; whether the service passes either on is not
    documented, so both are warnings. A MARKETING value outside Meta's range can
    be accepted nowhere: TT004 reports it as an error. On AUTHENTICATION and
    UTILITY templates -1 is reported here and not by TT001, so the one value gets
    one finding.

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
    ttl = whole_number(value)
    if t.category == "MARKETING" and value is not None:
        low, high = MARKETING_TTL
        if ttl is None or low <= ttl <= high:
            yield Finding(
                root.at("MessageSendTtlSeconds"),
                "The service documents no MessageSendTtlSeconds for MARKETING templates; "
                f"Meta takes {low:,} to {high:,} only through its Marketing Messages API.",
                at_key=True,
            )
    elif ttl == META_CUSTOM_TTL:
        yield Finding(
            root.at("MessageSendTtlSeconds"),
            "MessageSendTtlSeconds -1 is Meta's 30-day TTL, which the service does "
            "not document and may refuse.",
        )


@rule(
    "TT004",
    "marketing-ttl-out-of-range",
    channels=WHATSAPP,
    categories={"MARKETING"},
    members={"MessageSendTtlSeconds"},
    evidence=(
        _meta_ttl(
            "Customizable range: Authentication 30 seconds to 15 minutes; Utility 30 "
            "seconds to 12 hours; Marketing 12 hours to 30 days"
        ),
    ),
)
def marketing_ttl_out_of_range(t: TemplateView, root: Node) -> Iterator[Finding]:
    """A MARKETING template's `MessageSendTtlSeconds` is outside 43,200 to 2,592,000 seconds.

    Why: the service documents no TTL for MARKETING templates, and Meta, the only
    one that takes one, takes 12 hours to 30 days: a value outside that range is
    accepted nowhere. Inside it, TT002 warns that the service may not pass it on.

    Fails:
        TemplateType: WHATSAPP
        Name: summer_sale
        Language: en_US
        Category: MARKETING
        MessageSendTtlSeconds: 3600
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
    ttl = whole_number(t.data.get("MessageSendTtlSeconds"))
    low, high = MARKETING_TTL
    if ttl is not None and not low <= ttl <= high:
        yield Finding(
            root.at("MessageSendTtlSeconds"),
            f"MessageSendTtlSeconds for MARKETING templates is {low:,} to {high:,} "
            f"seconds (12 hours to 30 days), not {ttl:,}.",
        )


@rule(
    "TT003",
    "ttl-on-viber",
    channels=VIBER,
    severity=Severity.WARNING,
    members={"MessageSendTtlSeconds"},
    evidence=(
        create_states(
            "request parameters, `MessageSendTtlSeconds`",
            "Pengatur waktu-to-live (TTL) Templat Paket di WhatsApp. (The time-to-live "
            "of template messages in WhatsApp.)",
            Outcome.NOT_APPLICABLE,
        ),
    ),
)
def ttl_on_viber(t: TemplateView, root: Node) -> Iterator[Finding]:
    """`MessageSendTtlSeconds` is set on a Viber template.

    Why: the service describes the TTL as one "in WhatsApp"; on a Viber template
    it has no documented meaning, which usually means the template was copied from
    a WhatsApp one.

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


RULES = (ttl_out_of_range, ttl_not_documented, marketing_ttl_out_of_range, ttl_on_viber)
