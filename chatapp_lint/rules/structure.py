"""Structure: the schema's codes, and where `Buttons` may appear."""

from __future__ import annotations

from collections.abc import Iterator

from chatapp_lint.model import Finding, Severity
from chatapp_lint.rules._base import Node, Scope, TemplateView, reserved, rule
from chatapp_lint.rules._pages import BUTTONS_ELSEWHERE, EMPTY_BUTTONS_COMPONENT
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

    Source: CreateChatappTemplate, request parameters (Required: Yes).
    """,
)
UNKNOWN_MEMBER = reserved(
    "SC002",
    "unknown-member",
    """A member the API does not define: usually a typo.

    Why: the official SDK silently drops members it does not know, so a misspelt
    `Urll` never reaches the service. A warning, since the API grows new fields.

    Source: CreateChatappTemplate, request parameters; the SDK's `from_map`.
    """,
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

    Source: CreateChatappTemplate, request parameters (Type column).
    """,
)
VALUE_NOT_ALLOWED = reserved(
    "SC004",
    "value-not-allowed",
    """A value is not one the API accepts for that member.

    Why: `TemplateType`, `Category` (WhatsApp: UTILITY, MARKETING, AUTHENTICATION;
    Viber also the nine content types such as `text_image`), component `Type` and
    `Format`, button `Type`, `UrlType` and `FlowAction` are closed lists, and so are
    the carousel card's component types, header formats (IMAGE, VIDEO) and button
    types (PHONE_NUMBER, URL, QUICK_REPLY).

    Source: CreateChatappTemplate and GetChatappTemplateDetail, valid values.
    """,
)
EMPTY_LIST = reserved(
    "SC005",
    "empty-list",
    """A list that must hold at least one item is empty (`Components: []`).

    Source: CreateChatappTemplate (`Components` is required: a template has parts).
    """,
)
SCHEMA_VIOLATION = reserved(
    "SC006",
    "schema-violation",
    """The template breaks a constraint of the JSON Schema not covered by another code.

    Source: schemas/create-chatapp-template.schema.json.
    """,
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
