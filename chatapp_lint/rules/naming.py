"""Names and languages: what Meta accepts as a template's `Name` and `Language`."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Final

from chatapp_lint.lazy_re import LazyPattern
from chatapp_lint.model import Channel, Finding, Severity
from chatapp_lint.rules._base import BOTH, VIBER, WHATSAPP, Node, TemplateView, rule
from chatapp_lint.rules._citations import READ, cams_code
from chatapp_lint.rules._evidence import Evidence, Kind, Outcome, inference
from chatapp_lint.schema import shorten

MAX_NAME_LENGTH: Final = 512
META_NAMED_TEMPLATES_URL: Final = "https://developers.facebook.com/documentation/business-messaging/whatsapp/direct-send/business-named-templates/"
YCLOUD_LANGUAGES_URL: Final = "https://docs.ycloud.com/en/api-reference/guides/whatsapp-platform/supported-whatsapp-template-languages"


_NAME = LazyPattern(r"[a-z0-9_]+")

# Meta's template languages ("Supported languages", updated May 21, 2026): 111 codes.
META_LANGUAGES: Final = frozenset(
    """
    af sq ar ar_EG ar_AE ar_LB ar_MA ar_QA az be_BY bn bn_IN bg ca zh_CN zh_HK zh_TW hr cs
    da prs_AF nl nl_BE en en_GB en_US en_AE en_AU en_CA en_GH en_IE en_IN en_JM en_MY en_NZ
    en_QA en_SG en_UG en_ZA et fil fi fr fr_BE fr_CA fr_CH fr_CI fr_MA ka de de_AT de_CH el
    gu ha he hi hu id ga it ja kn kk rw_RW ko ky_KG lo lv lt mk ms ml mr nb ps_AF fa pl
    pt_BR pt_PT pa ro ru sr si_LK sk sl es es_AR es_CL es_CO es_CR es_DO es_EC es_HN es_MX
    es_PA es_PE es_ES es_UY sw sv ta te th tr uk ur uz vi zu
    """.split()
)
# The service's own "Language codes" page (Sep 5, 2026): 68 codes, all in Meta's list.
CAMS_LANGUAGES: Final = frozenset(
    """
    af sq ar az bn bg ca hr cs da nl en en_GB en_US et fil fi fr de el gu ha he hi hu id ga
    it ja kn kk ko lo lv lt mk ms ml mr nb fa pl pt_BR pt_PT pa ro ru sr zh_CN sk sl es
    es_AR es_MX es_ES sw sv ta te th zh_HK zh_TW tr uk ur uz vi zu
    """.split()
)


def _meta_names(says: Outcome = Outcome.REJECTED) -> Evidence:
    return Evidence(
        Kind.PLATFORM_DOC,
        says,
        "Meta, WhatsApp Business Platform, Business-named templates, Validation rules",
        "Format: lowercase alphanumeric characters and underscores only "
        "(^[a-z0-9_]+$). Maximum length: 512 characters.",
        META_NAMED_TEMPLATES_URL,
        READ,
    )


# A reseller's restatement of Meta's Supported languages page (the page itself
# could not be read), which lists the same codes and says what it follows.
def _languages_list(says: Outcome) -> Evidence:
    return Evidence(
        Kind.RESELLER,
        says,
        "YCloud, Supported WhatsApp template languages",
        "This page reflects the Meta supported languages reference, updated May 21, "
        "2026. [...] Language codes are case-sensitive. Do not replace underscores "
        "with hyphens. For example, send zh_CN, not zh-CN.",
        YCLOUD_LANGUAGES_URL,
        READ,
    )


_LANGUAGE_REFUSED: Final = cams_code(
    "InvalidParameter.LanguageNotSupport",
    "不支持的语言。 (The language is not supported.)",
)


@rule("NM001", "whatsapp-name-format", channels=WHATSAPP, evidence=(_meta_names(),))
def whatsapp_name_format(t: TemplateView, root: Node) -> Iterator[Finding]:
    """A WhatsApp template `Name` uses characters other than lower-case letters, digits and `_`.

    Why: Meta rejects any other name; `OrderUpdate` or `order-update` must be
    written `order_update`.

    Fails:
        TemplateType: WHATSAPP
        Name: Order-Update
        Language: en_US
        Category: UTILITY
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
    name = root.text("Name")
    if name is not None and not _NAME.fullmatch(name):
        yield Finding(root.at("Name"), _name_message("A WhatsApp template name", name))


@rule("NM002", "name-too-long", channels=WHATSAPP, evidence=(_meta_names(),))
def name_too_long(t: TemplateView, root: Node) -> Iterator[Finding]:
    """A WhatsApp template `Name` is longer than 512 characters.

    Fails:
        # Shortened: the real name runs past 512 characters.
        TemplateType: WHATSAPP
        Name: order_update_for_customers_who_ordered_more_than_once
        Language: en_US
        Category: UTILITY
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
    name = root.text("Name")
    if name is not None and len(name) > MAX_NAME_LENGTH:
        yield Finding(
            root.at("Name"),
            f"The name is {len(name):,} characters long; at most {MAX_NAME_LENGTH} are allowed.",
        )


@rule(
    "NM003",
    "viber-name-format",
    channels=VIBER,
    severity=Severity.WARNING,
    evidence=(
        Evidence(
            Kind.INFERENCE,
            Outcome.UNSTATED,
            "chatapp-lint",
            "The service states no rule for Viber template names; the WhatsApp form is the one every name the service documents follows (hello_whatsapp, account_notice).",
        ),
        _meta_names(Outcome.UNSTATED),
    ),
)
def viber_name_format(t: TemplateView, root: Node) -> Iterator[Finding]:
    """A Viber template `Name` uses characters other than lower-case letters, digits and `_`.

    Why: the service states no rule for Viber names, but Viber's 2026 template
    registrations use the same form as WhatsApp; a warning.

    Fails:
        TemplateType: VIBER
        Name: New Arrivals
        Language: en
        Category: MARKETING
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
    name = root.text("Name")
    if name is not None and not _NAME.fullmatch(name):
        yield Finding(root.at("Name"), _name_message("A Viber template name", name))


def _name_message(what: str, name: str) -> str:
    if not name:
        return f"{what} cannot be empty."
    return (
        f"{what} may only hold lower-case letters, digits and underscores "
        f"(try '{shorten(_suggest(name))}')."
    )


def _suggest(name: str) -> str:
    return re.sub(r"[^a-z0-9_]+", "_", name.lower()).strip("_") or "template_name"


def _hyphen_fix(language: str) -> str | None:
    """`en_US` for `en-US` (or `en-us`), when that is a code Meta knows."""
    if "-" not in language:
        return None
    head, _, tail = language.partition("-")
    candidate = f"{head.lower()}_{tail.upper()}"
    return candidate if candidate in META_LANGUAGES else None


@rule(
    "LG001",
    "language-hyphen",
    evidence=(_LANGUAGE_REFUSED, _languages_list(Outcome.REJECTED)),
)
def language_hyphen(t: TemplateView, root: Node) -> Iterator[Finding]:
    """`Language` is written with a hyphen (`en-US`) where the API wants an underscore (`en_US`).

    Why: language codes are case-sensitive and joined by an underscore; `en-US` is
    rejected.

    Fails:
        TemplateType: WHATSAPP
        Name: order_update
        Language: en-US
        Category: UTILITY
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
    language = root.text("Language")
    fix = _hyphen_fix(language) if language else None
    if fix is not None:
        yield Finding(
            root.at("Language"),
            f"Write the language code {fix!r}, not '{shorten(language)}'.",
        )


@rule(
    "LG002",
    "language-unknown",
    channels=WHATSAPP,
    evidence=(_LANGUAGE_REFUSED, _languages_list(Outcome.UNSTATED)),
)
def language_unknown(t: TemplateView, root: Node) -> Iterator[Finding]:
    """`Language` is not one of Meta's 111 template language codes.

    Why: Meta accepts templates only in its listed languages; a code outside the
    list (`english`, `EN`, `pt`) is rejected. A hyphenated form of a known code is
    reported by LG001 instead.

    Fails:
        TemplateType: WHATSAPP
        Name: order_update
        Language: english
        Category: UTILITY
        Components:
          - {Type: BODY, Text: Your order has shipped and arrives tomorrow.}

    Passes:
        TemplateType: WHATSAPP
        Name: order_update
        Language: en_GB
        Category: UTILITY
        Components:
          - {Type: BODY, Text: Your order has shipped and arrives tomorrow.}
    """
    language = root.text("Language")
    if language is None or language in META_LANGUAGES or _hyphen_fix(language):
        return
    yield Finding(
        root.at("Language"),
        f"'{shorten(language)}' is not a WhatsApp template language code (such as en_US or pt_BR).",
    )


@rule(
    "LG003",
    "language-not-offered-by-service",
    channels=BOTH,
    severity=Severity.WARNING,
    evidence=(
        _LANGUAGE_REFUSED,
        inference(
            "The service's Language codes page (September 2026) lists 68 codes, all "
            "of them Meta's; it could not be read again, and may lag Meta's list."
        ),
    ),
)
def language_not_offered_by_service(t: TemplateView, root: Node) -> Iterator[Finding]:
    """`Language` is valid for Meta but missing from the service's own list of 68 codes.

    Why: the service may answer `InvalidParameter.LanguageNotSupport` for a code its
    page does not list (such as `en_AU`), though the page may simply be behind
    Meta's, so this is a warning. For Viber, the service's list is the
    only one there is.

    Fails:
        TemplateType: WHATSAPP
        Name: order_update
        Language: en_AU
        Category: UTILITY
        Components:
          - {Type: BODY, Text: Your order has shipped and arrives tomorrow.}

    Passes:
        TemplateType: WHATSAPP
        Name: order_update
        Language: en_GB
        Category: UTILITY
        Components:
          - {Type: BODY, Text: Your order has shipped and arrives tomorrow.}
    """
    language = root.text("Language")
    if language is None or language in CAMS_LANGUAGES or _hyphen_fix(language):
        return
    if t.channel is Channel.WHATSAPP and language not in META_LANGUAGES:
        return  # LG002 already reports it as an error
    yield Finding(
        root.at("Language"),
        f"'{shorten(language)}' is not on the service's list of language codes; it may be refused.",
    )


RULES = (
    whatsapp_name_format,
    name_too_long,
    viber_name_format,
    language_hyphen,
    language_unknown,
    language_not_offered_by_service,
)
