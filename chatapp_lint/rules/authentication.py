"""AUTHENTICATION: the fixed shape of one-time-password templates on WhatsApp."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Final

from chatapp_lint.lazy_re import LazyPattern
from chatapp_lint.model import Channel, Finding, Severity
from chatapp_lint.rules._base import WHATSAPP, Node, Scope, TemplateView, rule
from chatapp_lint.rules._checks import misplaced, whole_number
from chatapp_lint.rules._citations import (
    ALIBABA_AUTH_PRACTICES_URL,
    META_COPY_CODE_URL,
    META_ONE_TAP_URL,
    META_TTL_URL,
    META_ZERO_TAP_URL,
    READ,
    create_page,
    meta,
)
from chatapp_lint.rules._evidence import Evidence, Kind, Outcome, api_reference
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
_PACKAGE_NAME: Final = LazyPattern(r"[A-Za-z][A-Za-z0-9_]*(\.[A-Za-z][A-Za-z0-9_]*)+")
_SIGNATURE_HASH: Final = LazyPattern(r"[A-Za-z0-9+/=]{11}")
_BUTTON_NOTE: Final = "CreateChatappTemplate, request parameters, button `Type`, note"
_COMPONENTS_NOTE: Final = api_reference(
    "CreateChatappTemplate, request parameters, `Components`, note",
    "When Category is set to AUTHENTICATION, the Components array cannot contain a "
    "component of the HEADER type. If the component type is BODY or FOOTER, the "
    "Text parameter must be empty.",
    read=READ,
)


def _autofill_page(citation: str, quote: str) -> tuple[Evidence, Evidence]:
    """The same statement on Meta's one-tap and zero-tap pages."""
    return (
        meta(
            META_ONE_TAP_URL,
            f"Meta, One-tap autofill authentication templates, {citation}",
            quote,
        ),
        meta(
            META_ZERO_TAP_URL,
            f"Meta, Zero-tap authentication templates, {citation}",
            quote,
        ),
    )


@rule(
    "AU001",
    "authentication-header",
    scope=Scope.COMPONENT,
    channels=WHATSAPP,
    categories=_AUTH,
    types={"HEADER"},
    evidence=(
        _COMPONENTS_NOTE,
        meta(
            META_COPY_CODE_URL,
            "Meta, Copy code authentication templates, Limitations",
            "URLs, media, and emojis are not supported.",
        ),
    ),
)
def authentication_header(t: TemplateView, c: Node) -> Iterator[Finding]:
    """An AUTHENTICATION template has a HEADER component.

    Why: WhatsApp generates the whole text of an authentication message; a header
    is refused.

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
    evidence=(
        _COMPONENTS_NOTE,
        api_reference(
            "CreateChatappTemplate, request parameters, component `Text`",
            "For WhatsApp templates, if Category is set to AUTHENTICATION, this "
            "parameter is empty.",
            read=READ,
        ),
    ),
)
def authentication_body_text(t: TemplateView, c: Node) -> Iterator[Finding]:
    """An AUTHENTICATION BODY sets `Text`.

    Why: the body of an authentication template is generated ("<code> is your
    verification code."); the parameter must be empty.

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
    evidence=(_COMPONENTS_NOTE,),
)
def authentication_footer_text(t: TemplateView, c: Node) -> Iterator[Finding]:
    """An AUTHENTICATION FOOTER sets `Text`.

    Why: the footer shows the code's expiry, generated from
    `CodeExpirationMinutes`; its text must be empty.

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


@rule(
    "AU004",
    "authentication-button-count",
    channels=WHATSAPP,
    categories=_AUTH,
    evidence=(
        api_reference(
            _BUTTON_NOTE,
            "For WhatsApp templates, if Category is set to AUTHENTICATION, only one "
            "button is allowed.",
            read=READ,
        ),
        Evidence(
            Kind.PLATFORM_DOC,
            Outcome.REJECTED,
            "Alibaba Cloud, Best practices for authentication templates, Buttons",
            "An authentication template must contain a copy code button or a one-tap "
            "autofill button.",
            ALIBABA_AUTH_PRACTICES_URL,
            READ,
        ),
    ),
)
def authentication_button_count(t: TemplateView, root: Node) -> Iterator[Finding]:
    """An AUTHENTICATION template does not have exactly one button.

    Why: the one button carries the code (copy code, one-tap or zero-tap
    autofill); none, or more than one, is refused.

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
    evidence=(
        api_reference(
            _BUTTON_NOTE,
            "The button type must be COPY_CODE or ONE_TAP.",
            read=READ,
        ),
        api_reference(
            "CreateChatappTemplate, request parameters, `AutofillText`",
            "This parameter is required for WhatsApp templates when Category is set "
            "to AUTHENTICATION and the button type is ONE_TAP or ZERO_TAP.",
            read=READ,
        ),
    ),
)
def authentication_button_type(t: TemplateView, b: Node) -> Iterator[Finding]:
    """An AUTHENTICATION button is not COPY_CODE, ONE_TAP or ZERO_TAP.

    Why: the create page lists COPY_CODE and ONE_TAP; ZERO_TAP is accepted too,
    since the same page requires autofill fields "when the button type is ONE_TAP
    or ZERO_TAP".

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
    evidence=(
        api_reference(
            _BUTTON_NOTE,
            "If you set the button type to COPY_CODE, the Text parameter is required.",
            read=READ,
        ),
    ),
)
def copy_code_text_missing(t: TemplateView, b: Node) -> Iterator[Finding]:
    """An AUTHENTICATION COPY_CODE button has no `Text`.

    Why: the service requires the label, though Meta would fill in a default:
    we follow the gate we submit to.

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
    evidence=(
        api_reference(
            _BUTTON_NOTE,
            "If you set the button type to ONE_TAP, the Text (the name of the copy "
            "code button displayed on the client if the destination app is not "
            "installed), SignatureHash, PackageName, and AutofillText parameters are "
            "required.",
            read=READ,
        ),
        api_reference(
            "CreateChatappTemplate, request parameters, `AutofillText`, "
            "`SupportedApps.PackageName`, `SupportedApps.SignatureHash`",
            "This parameter is required for WhatsApp templates when Category is set "
            "to AUTHENTICATION and the button type is ONE_TAP or ZERO_TAP.",
            read=READ,
        ),
    ),
)
def autofill_fields_missing(t: TemplateView, b: Node) -> Iterator[Finding]:
    """A ONE_TAP or ZERO_TAP button lacks `AutofillText`, a package name or a signature hash, or a ONE_TAP its `Text`.

    Why: the autofill button needs its own label (`AutofillText`) and the app
    it hands the code to: a package name and signature hash in each
    `SupportedApps` entry (or, deprecated, on the button itself); the page
    requires these for ONE_TAP and ZERO_TAP alike. The label of the copy-code
    fallback (`Text`) it requires for ONE_TAP only, so a ZERO_TAP button without
    `Text` passes.

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
    for key in ("Text", "AutofillText") if b.type == "ONE_TAP" else ("AutofillText",):
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
    severity=Severity.WARNING,
    members={"AddSecretRecommendation"},
    evidence=(
        create_page(
            "`AddSecretRecommendation`",
            "This parameter is valid for WhatsApp templates when Category is set to "
            "AUTHENTICATION and the component type is Body.",
            Outcome.NOT_APPLICABLE,
        ),
    ),
)
def secret_recommendation_misplaced(t: TemplateView, c: Node) -> Iterator[Finding]:
    """`AddSecretRecommendation` is set outside the BODY of a WhatsApp AUTHENTICATION template.

    Why: the flag adds "For your security, do not share this code." to the
    generated body; anywhere else it has no effect. A warning: the page says
    where the flag is valid, not that the service refuses it elsewhere.

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
    severity=Severity.WARNING,
    members={"CodeExpirationMinutes"},
    evidence=(
        create_page(
            "`CodeExpirationMinutes`",
            "This parameter is valid only for WhatsApp messages when Category is set "
            "to AUTHENTICATION and the component type is Footer.",
            Outcome.NOT_APPLICABLE,
        ),
    ),
)
def code_expiration_misplaced(t: TemplateView, c: Node) -> Iterator[Finding]:
    """`CodeExpirationMinutes` is set outside the FOOTER of a WhatsApp AUTHENTICATION template.

    Why: the minutes become the generated footer "This code expires in <minutes>
    minutes."; anywhere else they have no effect. A warning: the page says the
    member is "valid only" there, not that the service refuses it elsewhere.

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
    evidence=(
        meta(
            META_COPY_CODE_URL,
            "Meta, Copy code authentication templates, properties",
            "<CODE_EXPIRATION> Minimum 1, maximum 90.",
        ),
        *_autofill_page("properties", "<CODE_EXPIRATION> Minimum 1, maximum 90."),
    ),
)
def code_expiration_range(t: TemplateView, c: Node) -> Iterator[Finding]:
    """`CodeExpirationMinutes` is outside 1 to 90 minutes.

    Why: the footer reads "This code expires in <minutes> minutes"; Meta refuses a
    value outside its range. The value must be an integer (SC003 reports other
    types), and set on the FOOTER (AU009 reports it anywhere else).

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
    evidence=_autofill_page(
        "supported apps",
        "The supported_apps array allows you to define pairs of app package names "
        "and signing key hashes for up to 5 apps.",
    ),
)
def too_many_supported_apps(t: TemplateView, b: Node) -> Iterator[Finding]:
    """A ONE_TAP or ZERO_TAP button lists more than five `SupportedApps`.

    Why: the autofill button hands the code to one of at most five Android apps;
    Meta refuses a longer list.

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
    evidence=_autofill_page(
        "properties",
        "<PACKAGE_NAME> Your Android app's package name. The string must have at "
        "least two segments (one or more dots), and each segment must start with a "
        "letter. All characters must be alphanumeric or an underscore [a-zA-Z0-9_]. "
        "Maximum 224 characters.",
    ),
)
def package_name_format(t: TemplateView, b: Node) -> Iterator[Finding]:
    """A `PackageName` is not an Android package name, or is longer than 224 characters.

    Why: WhatsApp launches the app by its package name: two or more segments
    joined by dots, each starting with a letter and holding only letters, digits
    and underscores (`com.example.shop`). Checked in every `SupportedApps` entry
    of a ONE_TAP or ZERO_TAP button, and in its deprecated `PackageName`.

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
    evidence=_autofill_page(
        "properties",
        "<SIGNATURE_HASH> Your app signing key hash. All characters must be "
        "alphanumeric, +, /, or = (a-zA-Z0-9+/=). Must be exactly 11 characters.",
    ),
)
def signature_hash_format(t: TemplateView, b: Node) -> Iterator[Finding]:
    """A `SignatureHash` is not exactly 11 characters of letters, digits, `+`, `/` and `=`.

    Why: the hash of the app's signing key, as Android's SMS Retriever computes
    it, is always 11 such characters. The service's own examples (`wi299382`,
    `2993839`) are placeholders that Meta would refuse; this follows Meta's
    rule. Checked in every `SupportedApps` entry of a ONE_TAP or
    ZERO_TAP button, and in its deprecated `SignatureHash`.

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
    evidence=(
        meta(
            META_TTL_URL,
            "Meta, Time-to-live (TTL) for templates, authentication templates",
            "we recommend that you set a TTL that matches the code expiration time",
            Outcome.RECOMMENDED,
        ),
    ),
)
def ttl_exceeds_code_expiry(t: TemplateView, root: Node) -> Iterator[Finding]:
    """`MessageSendTtlSeconds` is longer than the code's `CodeExpirationMinutes`.

    Why: a message still being delivered after its code has expired reaches the
    user with a dead code; Meta recommends a TTL no longer than the code's
    validity. Only compared when both values are in their ranges (TT001 and AU010
    report them otherwise); -1, Meta's 30-day TTL, is TT002's.

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
