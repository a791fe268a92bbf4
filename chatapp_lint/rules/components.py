"""Components: the one BODY every WhatsApp template has, and no component twice."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Final

from chatapp_lint.model import Finding
from chatapp_lint.rules._base import WHATSAPP, Node, Scope, TemplateView, rule
from chatapp_lint.rules._checks import required
from chatapp_lint.rules._citations import META_CAROUSEL_URL, components, meta

# The component types a WhatsApp template holds at most once, in the API's order.
SINGLE_COMPONENTS: Final = (
    "HEADER",
    "BODY",
    "FOOTER",
    "BUTTONS",
    "CAROUSEL",
    "LIMITED_TIME_OFFER",
)
COMPONENT_TYPES: Final = frozenset(SINGLE_COMPONENTS)


@rule(
    "CP003",
    "body-missing",
    channels=WHATSAPP,
    evidence=(
        components("body", "The only required component is the body component."),
    ),
)
def body_missing(t: TemplateView, root: Node) -> Iterator[Finding]:
    """A WhatsApp template has no BODY component.

    Why: the body is the only component every WhatsApp template must have, in
    every category: AUTHENTICATION templates carry an empty one that the service
    fills in, and carousels and limited-time offers keep a top-level body beside
    their own parts. An empty `Components` list (SC005), and a list with a
    component whose `Type` is missing or unknown (SC001, SC004: it may be the
    body), are left to the schema.

    Fails:
        TemplateType: WHATSAPP
        Name: order_update
        Language: en_US
        Category: UTILITY
        Components:
          - {Type: HEADER, Format: TEXT, Text: Your order has shipped}
          - {Type: FOOTER, Text: Example Shop}

    Passes:
        TemplateType: WHATSAPP
        Name: order_update
        Language: en_US
        Category: UTILITY
        Components:
          - {Type: HEADER, Format: TEXT, Text: Your order has shipped}
          - {Type: BODY, Text: Your order has shipped and arrives tomorrow.}
          - {Type: FOOTER, Text: Example Shop}
    """
    components = root.value.get("Components")
    if not isinstance(components, list) or not components:
        return
    kinds = [c.get("Type") if isinstance(c, dict) else None for c in components]
    if "BODY" in kinds:
        return  # the usual case, settled without looking further
    if all(isinstance(k, str) and k in COMPONENT_TYPES and k != "BODY" for k in kinds):
        yield Finding(
            root.at("Components"), "A WhatsApp template needs a BODY component."
        )


@rule(
    "CP004",
    "duplicate-component",
    channels=WHATSAPP,
    evidence=(
        components(
            "headers, body, footers, buttons",
            "Templates are limited to one header component. Templates are limited to "
            "one body component. Templates are limited to one footer component. "
            "Buttons are defined within a single buttons component.",
        ),
        meta(
            META_CAROUSEL_URL,
            "Meta, Media card carousel templates, Media cards",
            "Carousel templates consist of a message body text and up to 10 product "
            "media cards.",
        ),
    ),
)
def duplicate_component(t: TemplateView, root: Node) -> Iterator[Finding]:
    """A WhatsApp template has two BODY, HEADER, FOOTER, BUTTONS, CAROUSEL or LIMITED_TIME_OFFER components.

    Why: a template has one header, one body and one footer, and all its buttons
    live in a single BUTTONS component; the service and Meta do not merge a
    second one, they refuse the template. Reported at the second component of
    the type (except headers of AUTHENTICATION templates: AU001 reports each).

    Fails:
        TemplateType: WHATSAPP
        Name: order_update
        Language: en_US
        Category: UTILITY
        Components:
          - {Type: BODY, Text: Your order has shipped and arrives tomorrow.}
          - {Type: BODY, Text: Thank you for shopping with us again this month.}

    Passes:
        TemplateType: WHATSAPP
        Name: order_update
        Language: en_US
        Category: UTILITY
        Components:
          - {Type: BODY, Text: Your order has shipped and arrives tomorrow. Thank you for shopping with us.}
    """
    for kind in SINGLE_COMPONENTS:
        if kind == "HEADER" and t.category == "AUTHENTICATION":
            continue  # AU001 reports every header there
        found = t.of_type(kind)
        if len(found) > 1:
            yield Finding(
                found[1].pointer,
                f"The template has {len(found)} {kind} components; at most one is allowed.",
            )


@rule(
    "CP005",
    "body-text-missing",
    scope=Scope.COMPONENT,
    channels=WHATSAPP,
    categories={"UTILITY", "MARKETING"},
    types={"BODY"},
    evidence=(
        components(
            "body",
            "<BODY_TEXT> Required. Body text string. Supports multiple parameters. "
            "Maximum 1024 characters.",
        ),
    ),
)
def body_text_missing(t: TemplateView, c: Node) -> Iterator[Finding]:
    """A WhatsApp BODY outside an AUTHENTICATION template has no `Text`, or a blank one.

    Why: the body text is the message; only AUTHENTICATION templates leave it
    empty, because the service writes it for them (AU002).

    Fails:
        TemplateType: WHATSAPP
        Name: order_update
        Language: en_US
        Category: UTILITY
        Components:
          - {Type: HEADER, Format: TEXT, Text: Your order has shipped}
          - {Type: BODY, Text: "  "}

    Passes:
        TemplateType: WHATSAPP
        Name: order_update
        Language: en_US
        Category: UTILITY
        Components:
          - {Type: HEADER, Format: TEXT, Text: Your order has shipped}
          - {Type: BODY, Text: Your order has shipped and arrives tomorrow.}
    """
    yield from required(c, "Text", "A BODY needs a non-empty 'Text'.")


RULES = (body_missing, duplicate_component, body_text_missing)
