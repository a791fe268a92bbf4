"""Deprecated fields: still accepted, but replaced or ignored, so say what to use instead."""

from __future__ import annotations

from collections.abc import Iterator

from chatapp_lint.model import Finding, Severity
from chatapp_lint.rules._base import Node, Scope, TemplateView, rule
from chatapp_lint.rules._citations import create_page
from chatapp_lint.rules._evidence import Outcome


def _deprecated(node: Node, key: str, advice: str) -> Iterator[Finding]:
    if node.has(key):
        yield Finding(node.at(key), f"'{key}' is deprecated: {advice}", at_key=True)


@rule(
    "DP001",
    "deprecated-cust-waba-id",
    severity=Severity.WARNING,
    members={"CustWabaId"},
    evidence=(
        create_page(
            "`CustWabaId` (deprecated)",
            "This parameter is deprecated. Use CustSpaceId instead.",
            Outcome.DEPRECATED,
        ),
    ),
)
def deprecated_cust_waba_id(t: TemplateView, root: Node) -> Iterator[Finding]:
    """`CustWabaId` is deprecated; use `CustSpaceId`.

    Fails:
        TemplateType: WHATSAPP
        Name: order_update
        Language: en_US
        Category: UTILITY
        CustWabaId: "659216218161234"
        Components:
          - {Type: BODY, Text: Your order has shipped and arrives tomorrow.}

    Passes:
        TemplateType: WHATSAPP
        Name: order_update
        Language: en_US
        Category: UTILITY
        CustSpaceId: "293483938849493"
        Components:
          - {Type: BODY, Text: Your order has shipped and arrives tomorrow.}
    """
    yield from _deprecated(root, "CustWabaId", "use 'CustSpaceId' instead.")


@rule(
    "DP002",
    "deprecated-allow-category-change",
    severity=Severity.WARNING,
    members={"AllowCategoryChange"},
    evidence=(
        create_page(
            "`AllowCategoryChange` (deprecated)",
            "This property is deprecated. WhatsApp no longer supports this property.",
            Outcome.DEPRECATED,
        ),
    ),
)
def deprecated_allow_category_change(t: TemplateView, root: Node) -> Iterator[Finding]:
    """`AllowCategoryChange` is deprecated; WhatsApp no longer supports it.

    Why: Meta now decides a template's category itself; the flag has no effect.

    Fails:
        TemplateType: WHATSAPP
        Name: order_update
        Language: en_US
        Category: UTILITY
        AllowCategoryChange: true
        Components:
          - {Type: BODY, Text: Your order has shipped and arrives tomorrow.}

    Passes:
        TemplateType: WHATSAPP
        Name: order_update
        Language: en_US
        Category: UTILITY
        Components:
          - {Type: BODY, Text: Your order has shipped and arrives tomorrow.}
    """
    yield from _deprecated(
        root, "AllowCategoryChange", "WhatsApp ignores it; remove it."
    )


@rule(
    "DP003",
    "deprecated-button-signature-hash",
    scope=Scope.BUTTON,
    severity=Severity.WARNING,
    members={"SignatureHash"},
    evidence=(
        create_page(
            "button `SignatureHash` (deprecated)",
            "Use the properties under SupportedApps.",
            Outcome.DEPRECATED,
        ),
    ),
)
def deprecated_button_signature_hash(t: TemplateView, b: Node) -> Iterator[Finding]:
    """A button's own `SignatureHash` is deprecated; use `SupportedApps`.

    Fails:
        TemplateType: WHATSAPP
        Name: login_code
        Language: en_US
        Category: AUTHENTICATION
        Components:
          - {Type: BODY}
          - Type: BUTTONS
            Buttons:
              - Type: ONE_TAP
                Text: Copy code
                AutofillText: Autofill
                SupportedApps: [{PackageName: com.example.shop, SignatureHash: K8a/AINcGX7}]
                SignatureHash: K8a/AINcGX7

    Passes:
        TemplateType: WHATSAPP
        Name: login_code
        Language: en_US
        Category: AUTHENTICATION
        Components:
          - {Type: BODY}
          - Type: BUTTONS
            Buttons:
              - Type: ONE_TAP
                Text: Copy code
                AutofillText: Autofill
                SupportedApps: [{PackageName: com.example.shop, SignatureHash: K8a/AINcGX7}]
    """
    yield from _deprecated(b, "SignatureHash", "put it in 'SupportedApps' instead.")


@rule(
    "DP004",
    "deprecated-button-package-name",
    scope=Scope.BUTTON,
    severity=Severity.WARNING,
    members={"PackageName"},
    evidence=(
        create_page(
            "button `PackageName` (deprecated)",
            "Use the properties under SupportedApps.",
            Outcome.DEPRECATED,
        ),
    ),
)
def deprecated_button_package_name(t: TemplateView, b: Node) -> Iterator[Finding]:
    """A button's own `PackageName` is deprecated; use `SupportedApps`.

    Fails:
        TemplateType: WHATSAPP
        Name: login_code
        Language: en_US
        Category: AUTHENTICATION
        Components:
          - {Type: BODY}
          - Type: BUTTONS
            Buttons:
              - Type: ONE_TAP
                Text: Copy code
                AutofillText: Autofill
                SupportedApps: [{PackageName: com.example.shop, SignatureHash: K8a/AINcGX7}]
                PackageName: com.example.shop

    Passes:
        TemplateType: WHATSAPP
        Name: login_code
        Language: en_US
        Category: AUTHENTICATION
        Components:
          - {Type: BODY}
          - Type: BUTTONS
            Buttons:
              - Type: ONE_TAP
                Text: Copy code
                AutofillText: Autofill
                SupportedApps: [{PackageName: com.example.shop, SignatureHash: K8a/AINcGX7}]
    """
    yield from _deprecated(b, "PackageName", "put it in 'SupportedApps' instead.")


RULES = (
    deprecated_cust_waba_id,
    deprecated_allow_category_change,
    deprecated_button_signature_hash,
    deprecated_button_package_name,
)
