"""Lengths: how long WhatsApp texts may be."""

from __future__ import annotations

from collections.abc import Iterator

from chatapp_lint.model import Finding
from chatapp_lint.rules._base import WHATSAPP, Node, Scope, TemplateView, rule
from chatapp_lint.rules._checks import too_long
from chatapp_lint.rules._citations import create_reference, meta_components

BODY_LIMIT = 1024
HEADER_LIMIT = 60
FOOTER_LIMIT = 60


@rule(
    "LN001",
    "body-too-long",
    scope=Scope.COMPONENT,
    channels=WHATSAPP,
    types={"BODY"},
    evidence=(
        create_reference(
            "request parameters, component `Type`",
            "For WhatsApp templates, the BODY component can contain up to 1,024 "
            "characters.",
        ),
    ),
)
def body_too_long(t: TemplateView, c: Node) -> Iterator[Finding]:
    """A WhatsApp BODY text is longer than 1,024 characters.

    Why: the API and Meta reject a body over the limit. Variables count as the
    characters written (`$(name)`), since their values are not known yet.

    Fails:
        # Shortened: the real BODY text runs past 1,024 characters.
        TemplateType: WHATSAPP
        Name: long_notice
        Language: en_US
        Category: UTILITY
        Components:
          - {Type: BODY, Text: "Your account statement is ready. It lists ..."}

    Passes:
        TemplateType: WHATSAPP
        Name: short_notice
        Language: en_US
        Category: UTILITY
        Components:
          - {Type: BODY, Text: Your account statement is ready to download.}
    """
    if t.first("LIMITED_TIME_OFFER") is None:  # LO002 holds offers to 600
        yield from too_long(c, "Text", BODY_LIMIT, "BODY text")


@rule(
    "LN002",
    "header-too-long",
    scope=Scope.COMPONENT,
    channels=WHATSAPP,
    types={"HEADER"},
    evidence=(
        create_reference(
            "request parameters, component `Type`",
            "The HEADER and FOOTER components can contain up to 60 characters.",
        ),
        meta_components("<HEADER_TEXT> [...] Maximum 60 characters."),
    ),
)
def header_too_long(t: TemplateView, c: Node) -> Iterator[Finding]:
    """A WhatsApp HEADER text is longer than 60 characters.

    Fails:
        TemplateType: WHATSAPP
        Name: order_update
        Language: en_US
        Category: UTILITY
        Components:
          - Type: HEADER
            Format: TEXT
            Text: Your order from the Example Shop has been packed and is on its way
          - {Type: BODY, Text: Your order has shipped and arrives tomorrow.}

    Passes:
        TemplateType: WHATSAPP
        Name: order_update
        Language: en_US
        Category: UTILITY
        Components:
          - {Type: HEADER, Format: TEXT, Text: Your order is on its way}
          - {Type: BODY, Text: Your order has shipped and arrives tomorrow.}
    """
    yield from too_long(c, "Text", HEADER_LIMIT, "HEADER text")


@rule(
    "LN003",
    "footer-too-long",
    scope=Scope.COMPONENT,
    channels=WHATSAPP,
    types={"FOOTER"},
    evidence=(
        create_reference(
            "request parameters, component `Type`",
            "The HEADER and FOOTER components can contain up to 60 characters.",
        ),
    ),
)
def footer_too_long(t: TemplateView, c: Node) -> Iterator[Finding]:
    """A WhatsApp FOOTER text is longer than 60 characters.

    Fails:
        TemplateType: WHATSAPP
        Name: order_update
        Language: en_US
        Category: UTILITY
        Components:
          - {Type: BODY, Text: Your order has shipped and arrives tomorrow.}
          - Type: FOOTER
            Text: Example Shop, 1 Market Street, Springfield. Questions? Reply here.

    Passes:
        TemplateType: WHATSAPP
        Name: order_update
        Language: en_US
        Category: UTILITY
        Components:
          - {Type: BODY, Text: Your order has shipped and arrives tomorrow.}
          - {Type: FOOTER, Text: Example Shop}
    """
    yield from too_long(c, "Text", FOOTER_LIMIT, "FOOTER text")


RULES = (body_too_long, header_too_long, footer_too_long)
