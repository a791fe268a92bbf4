"""Structure: the schema's codes, and where `Buttons` may appear."""

from __future__ import annotations

from collections.abc import Iterator

from chatapp_lint.model import Finding, Severity
from chatapp_lint.rules._base import Node, Scope, TemplateView, reserved, rule
from chatapp_lint.rules._citations import (
    BUTTONS_ELSEWHERE,
    EMPTY_BUTTONS_COMPONENT,
    READ,
    create_reference,
    detail_states,
    meta_components,
)
from chatapp_lint.rules._evidence import Evidence, Kind, Outcome
from chatapp_lint.schema import shorten

MISSING_MEMBER = reserved(
    "SC001",
    "missing-member",
    """A required member is missing.

    Why: CreateChatappTemplate rejects a request without `TemplateType`, `Name`,
    `Language`, `Category` or `Components`, a component without `Type`, a button
    without `Type`, or a carousel card without `CardComponents`. Reported at the
    object that lacks the member. `CustSpaceId` is required by the API too, but the
    sender supplies it (`--space-id`), so a file may leave it out.
    """,
    evidence=(
        create_reference(
            "request parameters (Required column)",
            "TemplateType, Name, Language, Category, Components: Required Yes; Components[].Type: Required Yes; Buttons[].Type: Required Yes; Cards[].CardComponents: Required Yes.",
        ),
    ),
)
UNKNOWN_MEMBER = reserved(
    "SC002",
    "unknown-member",
    """A member the API does not define: usually a typo.

    Why: the official SDK silently drops members it does not know, so a misspelt
    `Urll` never reaches the service. A warning, since the API grows new fields.
    """,
    evidence=(
        Evidence(
            Kind.INFERENCE,
            Outcome.IGNORED,
            "chatapp-lint",
            "The request parameters table lists every member the operation takes; the official SDK's request models carry only those, so any other member is dropped before the request is sent.",
        ),
    ),
    severity=Severity.WARNING,
)
WRONG_TYPE = reserved(
    "SC003",
    "wrong-type",
    """A value has the wrong JSON type (a string where an integer belongs, say).

    Why: `Duration`, `CodeExpirationMinutes` and `MessageSendTtlSeconds` are
    integers; `IsOptOut`, `AddSecretRecommendation`, `HasExpiration` and
    `AllowCategoryChange` are booleans; `Example` maps names to strings; the rest
    are strings, lists or objects as the API page types them.
    """,
    evidence=(
        create_reference(
            "request parameters (Type column)",
            "Duration, CodeExpirationMinutes and MessageSendTtlSeconds: integer; IsOptOut, AddSecretRecommendation and HasExpiration: boolean; Components: array<object>; Example: object.",
        ),
    ),
)
VALUE_NOT_ALLOWED = reserved(
    "SC004",
    "value-not-allowed",
    """A value is not one the API accepts for that member.

    Why: `TemplateType`, `Category` (WhatsApp: UTILITY, MARKETING, AUTHENTICATION;
    Viber also the nine content types such as `text_image`), component `Type` and
    `Format`, button `Type`, `UrlType` and `FlowAction` are closed lists, and so are
    the carousel card's component types, header formats (IMAGE, VIDEO) and button
    types (PHONE_NUMBER, URL, QUICK_REPLY). A top-level header's `Format` may also
    be LOCATION, which the API page does not list: the service returns a header's
    location fields, and Meta takes location headers (HD006 warns about it).
    """,
    evidence=(
        create_reference(
            "request parameters (valid values)",
            "TemplateType: WHATSAPP, VIBER. Type: BODY, HEADER, FOOTER, BUTTONS, CAROUSEL, LIMITED_TIME_OFFER. Format: TEXT, IMAGE, DOCUMENT, VIDEO. UrlType: static, dynamic.",
        ),
        detail_states(
            "response parameters, Components (Latitude, Longitude, LocationName, LocationAddress)",
            "位置緯度屬性。位置經度屬性。位置名稱。位置地址。 (the location's latitude, longitude, name and address)",
            Outcome.UNSTATED,
        ),
        Evidence(
            Kind.PLATFORM_DOC,
            Outcome.UNSTATED,
            "Meta, WhatsApp Business Platform, Location templates, Limitations",
            "Only templates categorized as UTILITY or MARKETING can include a location header",
            "https://developers.facebook.com/documentation/business-messaging/whatsapp/templates/utility-templates/location-templates/",
            READ,
        ),
    ),
)
EMPTY_LIST = reserved(
    "SC005",
    "empty-list",
    """A list that must hold at least one item is empty (`Components: []`).""",
    evidence=(
        create_reference(
            "request parameters, `Components`",
            "Components array<object> Required: Yes. The list of components of the template.",
        ),
        meta_components("The only required component is the body component."),
    ),
)
SCHEMA_VIOLATION = reserved(
    "SC006",
    "schema-violation",
    """The template breaks a constraint of the JSON Schema not covered by another code.
    """,
    evidence=(
        create_reference(
            "request parameters",
            "The request parameters table: each parameter's type, whether it is required, and its valid values.",
        ),
    ),
)


@rule(
    "CP001",
    "buttons-outside-buttons-component",
    scope=Scope.COMPONENT,
    severity=Severity.WARNING,
    members={"Buttons"},
    evidence=BUTTONS_ELSEWHERE,
)
def buttons_outside_buttons_component(t: TemplateView, c: Node) -> Iterator[Finding]:
    """`Buttons` holds buttons on a component whose `Type` is not BUTTONS.

    Why: the API reads buttons only from the BUTTONS component; buttons put on a
    BODY or HEADER are ignored and the template arrives without them. An empty
    list (`Buttons: []`, which the official SDK sends on every component) is not
    reported. A warning: the page says where `Buttons` applies, not that the
    service refuses it elsewhere.

    Fails:
        TemplateType: WHATSAPP
        Name: order_update
        Language: en_US
        Category: UTILITY
        Components:
          - Type: BODY
            Text: Your order has shipped and arrives tomorrow.
            Buttons:
              - {Type: QUICK_REPLY, Text: Thanks}

    Passes:
        TemplateType: WHATSAPP
        Name: order_update
        Language: en_US
        Category: UTILITY
        Components:
          - {Type: BODY, Text: Your order has shipped and arrives tomorrow.}
          - Type: BUTTONS
            Buttons:
              - {Type: QUICK_REPLY, Text: Thanks}
    """
    buttons = c.value.get("Buttons")
    if c.type not in ("BUTTONS", None) and buttons not in (None, []):
        yield Finding(
            c.at("Buttons"),
            f"'Buttons' is only read on a BUTTONS component, not on {shorten(c.type)}.",
        )


@rule(
    "CP002",
    "buttons-component-without-buttons",
    scope=Scope.COMPONENT,
    severity=Severity.WARNING,
    types={"BUTTONS"},
    evidence=EMPTY_BUTTONS_COMPONENT,
)
def buttons_component_without_buttons(t: TemplateView, c: Node) -> Iterator[Finding]:
    """A BUTTONS component has no buttons.

    Why: a BUTTONS component exists to carry the `Buttons` list; without one the
    request describes nothing. A warning: no page says such a component is
    refused.

    Fails:
        TemplateType: WHATSAPP
        Name: order_update
        Language: en_US
        Category: UTILITY
        Components:
          - {Type: BODY, Text: Your order has shipped and arrives tomorrow.}
          - {Type: BUTTONS}

    Passes:
        TemplateType: WHATSAPP
        Name: order_update
        Language: en_US
        Category: UTILITY
        Components:
          - {Type: BODY, Text: Your order has shipped and arrives tomorrow.}
          - Type: BUTTONS
            Buttons:
              - {Type: QUICK_REPLY, Text: Thanks}
    """
    buttons = c.value.get("Buttons")
    if buttons is None or buttons == []:
        yield Finding(
            c.pointer, "A BUTTONS component needs a non-empty 'Buttons' list."
        )


SCHEMA_CODES = (
    MISSING_MEMBER,
    UNKNOWN_MEMBER,
    WRONG_TYPE,
    VALUE_NOT_ALLOWED,
    EMPTY_LIST,
    SCHEMA_VIOLATION,
)
RULES = (buttons_outside_buttons_component, buttons_component_without_buttons)
