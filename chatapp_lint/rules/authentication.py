"""AUTHENTICATION: the fixed shape of one-time-password templates on WhatsApp."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Final

from chatapp_lint.model import Channel, Finding, Severity
from chatapp_lint.rules._base import WHATSAPP, Node, Scope, TemplateView, rule
from chatapp_lint.rules._checks import misplaced, whole_number
from chatapp_lint.rules.ttl import TTL_RANGES
from chatapp_lint.schema import shorten

_AUTH = {"AUTHENTICATION"}
AUTH_BUTTON_TYPES = ("COPY_CODE", "ONE_TAP", "ZERO_TAP")
_AUTOFILL = {"ONE_TAP", "ZERO_TAP"}
CODE_EXPIRATION_RANGE: Final = (1, 90)
MAX_SUPPORTED_APPS: Final = 5
MAX_PACKAGE_NAME: Final = 224
SIGNATURE_HASH_LENGTH: Final = 11
# Meta's Android package name: two or more dot-separated segments, each starting
# with a letter; and the app signing key hash, 11 base64 characters.
_PACKAGE_NAME: Final = re.compile(r"[A-Za-z][A-Za-z0-9_]*(\.[A-Za-z][A-Za-z0-9_]*)+")
_SIGNATURE_HASH: Final = re.compile(r"[A-Za-z0-9+/=]{11}")


@rule(
    "AU001",
    "authentication-header",
    scope=Scope.COMPONENT,
    channels=WHATSAPP,
    categories=_AUTH,
    types={"HEADER"},
)
def authentication_header(t: TemplateView, c: Node) -> Iterator[Finding]:
    """An AUTHENTICATION template has a HEADER component.

    Why: WhatsApp generates the whole text of an authentication message; a header
    is refused.

    Source: CreateChatappTemplate, `Components`: "When Category is set to
    AUTHENTICATION, the Components array cannot contain a HEADER component."

    Fails:
        TemplateType: WHATSAPP
        Name: login_code
        Language: en_US
        Category: AUTHENTICATION
        Components:
          - {Type: HEADER, Format: TEXT, Text: Your code}
          - {Type: BODY}
          - Type: BUTTONS
            Buttons:
              - {Type: COPY_CODE, Text: Copy code}

    Passes:
        TemplateType: WHATSAPP
        Name: login_code
        Language: en_US
        Category: AUTHENTICATION
        Components:
          - {Type: BODY}
          - Type: BUTTONS
            Buttons:
              - {Type: COPY_CODE, Text: Copy code}
    """
    yield Finding(c.pointer, "AUTHENTICATION templates cannot have a HEADER component.")


@rule(
    "AU002",
    "authentication-body-text",
    scope=Scope.COMPONENT,
    channels=WHATSAPP,
    categories=_AUTH,
    types={"BODY"},
)
def authentication_body_text(t: TemplateView, c: Node) -> Iterator[Finding]:
    """An AUTHENTICATION BODY sets `Text`.

    Why: the body of an authentication template is generated ("<code> is your
    verification code."); the parameter must be empty.

    Source: CreateChatappTemplate, `Components`: "If the component type is BODY or
    FOOTER, the Text parameter must be empty"; `Text`: "if Category is set to
    AUTHENTICATION, this parameter is empty."

    Fails:
        TemplateType: WHATSAPP
        Name: login_code
        Language: en_US
        Category: AUTHENTICATION
        Components:
          - {Type: BODY, Text: Your login code is below.}
          - Type: BUTTONS
            Buttons:
              - {Type: COPY_CODE, Text: Copy code}

    Passes:
        TemplateType: WHATSAPP
        Name: login_code
        Language: en_US
        Category: AUTHENTICATION
        Components:
          - {Type: BODY, AddSecretRecommendation: true}
          - Type: BUTTONS
            Buttons:
              - {Type: COPY_CODE, Text: Copy code}
    """
    if c.filled("Text"):
        yield Finding(
            c.at("Text"), "The BODY text of an AUTHENTICATION template must be empty."
        )


@rule(
    "AU003",
    "authentication-footer-text",
    scope=Scope.COMPONENT,
    channels=WHATSAPP,
    categories=_AUTH,
    types={"FOOTER"},
)
def authentication_footer_text(t: TemplateView, c: Node) -> Iterator[Finding]:
    """An AUTHENTICATION FOOTER sets `Text`.

    Why: the footer shows the code's expiry, generated from
    `CodeExpirationMinutes`; its text must be empty.

    Source: CreateChatappTemplate, `Components`: "If the component type is BODY or
    FOOTER, the Text parameter must be empty."

    Fails:
        TemplateType: WHATSAPP
        Name: login_code
        Language: en_US
        Category: AUTHENTICATION
        Components:
          - {Type: BODY}
          - {Type: FOOTER, Text: Expires soon}
          - Type: BUTTONS
            Buttons:
              - {Type: COPY_CODE, Text: Copy code}

    Passes:
        TemplateType: WHATSAPP
        Name: login_code
        Language: en_US
        Category: AUTHENTICATION
        Components:
          - {Type: BODY}
          - {Type: FOOTER, CodeExpirationMinutes: 10}
          - Type: BUTTONS
            Buttons:
              - {Type: COPY_CODE, Text: Copy code}
    """
    if c.filled("Text"):
        yield Finding(
            c.at("Text"), "The FOOTER text of an AUTHENTICATION template must be empty."
        )


@rule("AU004", "authentication-button-count", channels=WHATSAPP, categories=_AUTH)
def authentication_button_count(t: TemplateView, root: Node) -> Iterator[Finding]:
    """An AUTHENTICATION template does not have exactly one button.

    Why: the one button carries the code (copy code, one-tap or zero-tap
    autofill); none, or more than one, is refused.

    Source: CreateChatappTemplate, button `Type`: "if Category is set to
    AUTHENTICATION, only one button is allowed."

    Fails:
        TemplateType: WHATSAPP
        Name: login_code
        Language: en_US
        Category: AUTHENTICATION
        Components:
          - {Type: BODY}

    Passes:
        TemplateType: WHATSAPP
        Name: login_code
        Language: en_US
        Category: AUTHENTICATION
        Components:
          - {Type: BODY}
          - Type: BUTTONS
            Buttons:
              - {Type: COPY_CODE, Text: Copy code}
    """
    buttons = t.buttons
    if len(buttons) > 1:
        yield Finding(
            buttons[1].pointer,
            f"AUTHENTICATION templates have exactly one button, not {len(buttons)}.",
        )
    elif not buttons:
        owner = t.first("BUTTONS")
        where = owner.pointer if owner else root.at("Components")
        yield Finding(
            where,
            "AUTHENTICATION templates need one COPY_CODE, ONE_TAP or ZERO_TAP button.",
        )


@rule(
    "AU005",
    "authentication-button-type",
    scope=Scope.BUTTON,
    channels=WHATSAPP,
    categories=_AUTH,
)
def authentication_button_type(t: TemplateView, b: Node) -> Iterator[Finding]:
    """An AUTHENTICATION button is not COPY_CODE, ONE_TAP or ZERO_TAP.

    Why: the create page lists COPY_CODE and ONE_TAP; ZERO_TAP is accepted too,
    since the same page requires autofill fields "when the button type is ONE_TAP
    or ZERO_TAP".

    Source: CreateChatappTemplate, button `Type`: "The button type must be
    COPY_CODE or ONE_TAP."

    Fails:
        TemplateType: WHATSAPP
        Name: login_code
        Language: en_US
        Category: AUTHENTICATION
        Components:
          - {Type: BODY}
          - Type: BUTTONS
            Buttons:
              - {Type: QUICK_REPLY, Text: Send me a code}

    Passes:
        TemplateType: WHATSAPP
        Name: login_code
        Language: en_US
        Category: AUTHENTICATION
        Components:
          - {Type: BODY}
          - Type: BUTTONS
            Buttons:
              - {Type: COPY_CODE, Text: Copy code}
    """
    if b.type is not None and b.type not in AUTH_BUTTON_TYPES:
        yield Finding(
            b.at("Type"),
            f"AUTHENTICATION buttons are COPY_CODE, ONE_TAP or ZERO_TAP, not {shorten(b.type)}.",
        )


@rule(
    "AU006",
    "copy-code-text-missing",
    scope=Scope.BUTTON,
    channels=WHATSAPP,
    categories=_AUTH,
    types={"COPY_CODE"},
)
def copy_code_text_missing(t: TemplateView, b: Node) -> Iterator[Finding]:
    """An AUTHENTICATION COPY_CODE button has no `Text`.

    Why: the service requires the label, though Meta would fill in a default
    (we follow the gate we submit to).

    Source: CreateChatappTemplate, button `Type`: "If you set the button type to
    COPY_CODE, the Text parameter is required."

    Fails:
        TemplateType: WHATSAPP
        Name: login_code
        Language: en_US
        Category: AUTHENTICATION
        Components:
          - {Type: BODY}
          - Type: BUTTONS
            Buttons:
              - {Type: COPY_CODE}

    Passes:
        TemplateType: WHATSAPP
        Name: login_code
        Language: en_US
        Category: AUTHENTICATION
        Components:
          - {Type: BODY}
          - Type: BUTTONS
            Buttons:
              - {Type: COPY_CODE, Text: Copy code}
    """
    if not b.filled("Text"):
        yield Finding(b.pointer, "A COPY_CODE button needs 'Text', its label.")


@rule(
    "AU007",
    "autofill-fields-missing",
    scope=Scope.BUTTON,
    channels=WHATSAPP,
    categories=_AUTH,
    types=_AUTOFILL,
)
def autofill_fields_missing(t: TemplateView, b: Node) -> Iterator[Finding]:
    """A ONE_TAP or ZERO_TAP button lacks `Text`, `AutofillText`, a package name or a signature hash.

    Why: the autofill button needs the label of its copy-code fallback (`Text`),
    its own label (`AutofillText`), and the app it hands the code to: a package
    name and signature hash in each `SupportedApps` entry (or, deprecated, on the
    button itself). ZERO_TAP gets the same requirements as ONE_TAP.

    Source: CreateChatappTemplate, button `Type`, `AutofillText`, `SupportedApps`.

    Fails:
        TemplateType: WHATSAPP
        Name: login_code
        Language: en_US
        Category: AUTHENTICATION
        Components:
          - {Type: BODY}
          - Type: BUTTONS
            Buttons:
              - {Type: ONE_TAP, Text: Copy code, AutofillText: Autofill}

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
    for key in ("Text", "AutofillText"):
        if not b.filled(key):
            yield Finding(b.pointer, f"A {b.type} button needs '{key}'.")
    apps = b.value.get("SupportedApps")
    if isinstance(apps, list) and apps:
        yield from _incomplete_apps(b, apps)
    elif not (b.filled("PackageName") and b.filled("SignatureHash")):
        yield Finding(
            b.pointer,
            f"A {b.type} button needs 'SupportedApps' with a PackageName and a "
            "SignatureHash for each app.",
        )


def _incomplete_apps(b: Node, apps: list[object]) -> Iterator[Finding]:
    for index, app in enumerate(apps):
        if not isinstance(app, dict):
            continue
        entry = Node(b.at("SupportedApps", index), app, b)
        for key in ("PackageName", "SignatureHash"):
            if not entry.filled(key):
                yield Finding(entry.pointer, f"Each SupportedApps entry needs '{key}'.")


@rule(
    "AU008",
    "secret-recommendation-misplaced",
    scope=Scope.COMPONENT,
    members={"AddSecretRecommendation"},
)
def secret_recommendation_misplaced(t: TemplateView, c: Node) -> Iterator[Finding]:
    """`AddSecretRecommendation` is set outside the BODY of a WhatsApp AUTHENTICATION template.

    Source: CreateChatappTemplate, `AddSecretRecommendation`: "valid for WhatsApp
    templates when Category is set to AUTHENTICATION and the component type is
    Body."

    Fails:
        TemplateType: WHATSAPP
        Name: order_update
        Language: en_US
        Category: UTILITY
        Components:
          - {Type: BODY, Text: Your order has shipped and arrives tomorrow., AddSecretRecommendation: true}

    Passes:
        TemplateType: WHATSAPP
        Name: login_code
        Language: en_US
        Category: AUTHENTICATION
        Components:
          - {Type: BODY, AddSecretRecommendation: true}
          - Type: BUTTONS
            Buttons:
              - {Type: COPY_CODE, Text: Copy code}
    """
    if t.category_known and not _in_authentication(t, c, "BODY"):
        yield from misplaced(
            c,
            "AddSecretRecommendation",
            "on the BODY of a WhatsApp AUTHENTICATION template",
        )


@rule(
    "AU009",
    "code-expiration-misplaced",
    scope=Scope.COMPONENT,
    members={"CodeExpirationMinutes"},
)
def code_expiration_misplaced(t: TemplateView, c: Node) -> Iterator[Finding]:
    """`CodeExpirationMinutes` is set outside the FOOTER of a WhatsApp AUTHENTICATION template.

    Source: CreateChatappTemplate, `CodeExpirationMinutes`: "valid only for WhatsApp
    messages when Category is set to AUTHENTICATION and the component type is
    Footer."

    Fails:
        TemplateType: WHATSAPP
        Name: login_code
        Language: en_US
        Category: AUTHENTICATION
        Components:
          - {Type: BODY, CodeExpirationMinutes: 10}
          - Type: BUTTONS
            Buttons:
              - {Type: COPY_CODE, Text: Copy code}

    Passes:
        TemplateType: WHATSAPP
        Name: login_code
        Language: en_US
        Category: AUTHENTICATION
        Components:
          - {Type: BODY}
          - {Type: FOOTER, CodeExpirationMinutes: 10}
          - Type: BUTTONS
            Buttons:
              - {Type: COPY_CODE, Text: Copy code}
    """
    if t.category_known and not _in_authentication(t, c, "FOOTER"):
        yield from misplaced(
            c,
            "CodeExpirationMinutes",
            "on the FOOTER of a WhatsApp AUTHENTICATION template",
        )


def _in_authentication(t: TemplateView, c: Node, kind: str) -> bool:
    return (
        t.channel is Channel.WHATSAPP
        and t.category == "AUTHENTICATION"
        and c.type == kind
    )


@rule(
    "AU010",
    "code-expiration-range",
    scope=Scope.COMPONENT,
    channels=WHATSAPP,
    categories=_AUTH,
    types={"FOOTER"},
)
def code_expiration_range(t: TemplateView, c: Node) -> Iterator[Finding]:
    """`CodeExpirationMinutes` is outside 1 to 90 minutes.

    Why: the footer reads "This code expires in <minutes> minutes"; Meta refuses a
    value outside its range. The value must be an integer (SC003 reports other
    types), and set on the FOOTER (AU009 reports it anywhere else).

    Source: Meta, Copy code, One-tap autofill and Zero-tap authentication
    templates, `code_expiration_minutes`: "Minimum 1, maximum 90."

    Fails:
        TemplateType: WHATSAPP
        Name: login_code
        Language: en_US
        Category: AUTHENTICATION
        Components:
          - {Type: BODY}
          - {Type: FOOTER, CodeExpirationMinutes: 120}
          - Type: BUTTONS
            Buttons:
              - {Type: COPY_CODE, Text: Copy code}

    Passes:
        TemplateType: WHATSAPP
        Name: login_code
        Language: en_US
        Category: AUTHENTICATION
        Components:
          - {Type: BODY}
          - {Type: FOOTER, CodeExpirationMinutes: 90}
          - Type: BUTTONS
            Buttons:
              - {Type: COPY_CODE, Text: Copy code}
    """
    minutes = whole_number(c.value.get("CodeExpirationMinutes"))
    low, high = CODE_EXPIRATION_RANGE
    if minutes is not None and not low <= minutes <= high:
        yield Finding(
            c.at("CodeExpirationMinutes"),
            f"CodeExpirationMinutes is {low} to {high} minutes, not {minutes:,}.",
        )


@rule(
    "AU011",
    "too-many-supported-apps",
    scope=Scope.BUTTON,
    channels=WHATSAPP,
    categories=_AUTH,
    types=_AUTOFILL,
)
def too_many_supported_apps(t: TemplateView, b: Node) -> Iterator[Finding]:
    """A ONE_TAP or ZERO_TAP button lists more than five `SupportedApps`.

    Why: the autofill button hands the code to one of at most five Android apps;
    Meta refuses a longer list.

    Source: Meta, One-tap autofill and Zero-tap authentication templates,
    `supported_apps`: at most 5 apps (package name and signature hash pairs).

    Fails:
        # Shortened: the real list has six apps.
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
                SupportedApps:
                  - {PackageName: com.example.shop, SignatureHash: K8a/AINcGX7}
                  - {PackageName: com.example.shop.lite, SignatureHash: Zp3+rT9wQ1m}

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
                SupportedApps:
                  - {PackageName: com.example.shop, SignatureHash: K8a/AINcGX7}
                  - {PackageName: com.example.shop.lite, SignatureHash: Zp3+rT9wQ1m}
    """
    apps = b.value.get("SupportedApps")
    if isinstance(apps, list) and len(apps) > MAX_SUPPORTED_APPS:
        yield Finding(
            b.at("SupportedApps", MAX_SUPPORTED_APPS),
            f"{len(apps)} SupportedApps entries; at most {MAX_SUPPORTED_APPS} are "
            "allowed.",
        )


def _app_values(b: Node, key: str) -> Iterator[tuple[str, str]]:
    """(pointer, value) of each non-blank `key` of the button's apps and the button.

    Blank or missing values are AU007's; values of other types are the schema's.
    """
    apps = b.value.get("SupportedApps")
    for index, app in enumerate(apps if isinstance(apps, list) else []):
        value = app.get(key) if isinstance(app, dict) else None
        if isinstance(value, str) and value.strip():
            yield b.at("SupportedApps", index, key), value
    value = b.text(key)  # the deprecated button-level field (DP003, DP004)
    if value is not None and value.strip():
        yield b.at(key), value


@rule(
    "AU012",
    "package-name-format",
    scope=Scope.BUTTON,
    channels=WHATSAPP,
    categories=_AUTH,
    types=_AUTOFILL,
)
def package_name_format(t: TemplateView, b: Node) -> Iterator[Finding]:
    """A `PackageName` is not an Android package name, or is longer than 224 characters.

    Why: WhatsApp launches the app by its package name: two or more segments
    joined by dots, each starting with a letter and holding only letters, digits
    and underscores (`com.example.shop`). Checked in every `SupportedApps` entry
    of a ONE_TAP or ZERO_TAP button, and in its deprecated `PackageName`.

    Source: Meta, One-tap autofill and Zero-tap authentication templates,
    `package_name`: at least two segments, each starting with a letter, characters
    `[a-zA-Z0-9_]`, "Maximum 224 characters."

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
                SupportedApps: [{PackageName: example-shop, SignatureHash: K8a/AINcGX7}]

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
    for pointer, name in _app_values(b, "PackageName"):
        if len(name) > MAX_PACKAGE_NAME:
            yield Finding(
                pointer,
                f"PackageName is {len(name):,} characters long; at most "
                f"{MAX_PACKAGE_NAME} are allowed.",
            )
        elif not _PACKAGE_NAME.fullmatch(name):
            yield Finding(
                pointer,
                f"PackageName {shorten(name)!r} is not an Android package name such "
                "as com.example.app (dot-separated parts of letters, digits and _, "
                "each starting with a letter).",
            )


@rule(
    "AU013",
    "signature-hash-format",
    scope=Scope.BUTTON,
    channels=WHATSAPP,
    categories=_AUTH,
    types=_AUTOFILL,
)
def signature_hash_format(t: TemplateView, b: Node) -> Iterator[Finding]:
    """A `SignatureHash` is not exactly 11 characters of letters, digits, `+`, `/` and `=`.

    Why: the hash of the app's signing key, as Android's SMS Retriever computes
    it, is always 11 such characters. The service's own examples (`wi299382`,
    `2993839`) are placeholders that Meta would refuse; this follows Meta's
    rule. Checked in every `SupportedApps` entry of a ONE_TAP or
    ZERO_TAP button, and in its deprecated `SignatureHash`.

    Source: Meta, One-tap autofill and Zero-tap authentication templates,
    `signature_hash`: characters `[a-zA-Z0-9+/=]`, "exactly 11 characters".

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
                SupportedApps: [{PackageName: com.example.shop, SignatureHash: wi299382}]

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
    for pointer, value in _app_values(b, "SignatureHash"):
        if not _SIGNATURE_HASH.fullmatch(value):
            yield Finding(
                pointer,
                f"SignatureHash {shorten(value)!r} has {len(value):,} characters; an "
                f"app signature hash is exactly {SIGNATURE_HASH_LENGTH} letters, "
                "digits, '+', '/' or '='.",
            )


@rule(
    "AU014",
    "ttl-exceeds-code-expiry",
    channels=WHATSAPP,
    categories=_AUTH,
    severity=Severity.WARNING,
    members={"MessageSendTtlSeconds"},
)
def ttl_exceeds_code_expiry(t: TemplateView, root: Node) -> Iterator[Finding]:
    """`MessageSendTtlSeconds` is longer than the code's `CodeExpirationMinutes`.

    Why: a message still being delivered after its code has expired reaches the
    user with a dead code; Meta recommends a TTL no longer than the code's
    validity. Only compared when both values are in their ranges (TT001 and AU010
    report them otherwise); -1, Meta's 30-day TTL, is TT002's.

    Source: Meta, Time-to-live (TTL) for templates and Authentication templates
    (set the TTL to match the code's expiration time).

    Fails:
        TemplateType: WHATSAPP
        Name: login_code
        Language: en_US
        Category: AUTHENTICATION
        MessageSendTtlSeconds: 900
        Components:
          - {Type: BODY}
          - {Type: FOOTER, CodeExpirationMinutes: 5}
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
          - {Type: FOOTER, CodeExpirationMinutes: 5}
          - Type: BUTTONS
            Buttons:
              - {Type: COPY_CODE, Text: Copy code}
    """
    ttl = whole_number(t.data.get("MessageSendTtlSeconds"))
    low, high = TTL_RANGES["AUTHENTICATION"]
    if ttl is None or not low <= ttl <= high:
        return
    minutes = _code_expiry(t)
    if minutes is not None and ttl > minutes * 60:
        yield Finding(
            root.at("MessageSendTtlSeconds"),
            f"MessageSendTtlSeconds is {ttl:,} seconds but the code expires after "
            f"{minutes} minute{'' if minutes == 1 else 's'} ({minutes * 60:,} "
            "seconds); a late message would carry a dead code.",
        )


def _code_expiry(t: TemplateView) -> int | None:
    """The first FOOTER's `CodeExpirationMinutes`, when it is in range."""
    low, high = CODE_EXPIRATION_RANGE
    for footer in t.of_type("FOOTER"):
        minutes = whole_number(footer.value.get("CodeExpirationMinutes"))
        if minutes is not None:
            return minutes if low <= minutes <= high else None
    return None


RULES = (
    authentication_header,
    authentication_body_text,
    authentication_footer_text,
    authentication_button_count,
    authentication_button_type,
    copy_code_text_missing,
    autofill_fields_missing,
    secret_recommendation_misplaced,
    code_expiration_misplaced,
    code_expiration_range,
    too_many_supported_apps,
    package_name_format,
    signature_hash_format,
    ttl_exceeds_code_expiry,
)
