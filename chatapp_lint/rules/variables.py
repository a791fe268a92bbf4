"""Variables: `$(name)` placeholders, their samples in `Example`, and where they may stand."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Final

from chatapp_lint.model import Finding, Severity
from chatapp_lint.rules._base import WHATSAPP, Node, Scope, TemplateView, rule
from chatapp_lint.rules._variables import (
    CURLY,
    VARIABLE,
    count_words,
    fields,
    malformed,
    used,
)
from chatapp_lint.schema import shorten

_ADJACENT: Final = re.compile(r"\$\([A-Za-z_][A-Za-z0-9_]*\)\s*\$\(")
_LONG_SPACE: Final = re.compile(r" {5,}")
# Punctuation after a final variable does not save it from dangling.
_ENDS_WITH_VARIABLE: Final = re.compile(
    r"\$\([A-Za-z_][A-Za-z0-9_]*\)[\s.,;:!?…)\]}\"'»”’]*\Z"  # noqa: RUF001 - closing quotes
)


@rule("VR001", "malformed-variable")
def malformed_variable(t: TemplateView, root: Node) -> Iterator[Finding]:
    """A `$(` does not open a well-formed variable `$(name)`.

    Why: the service substitutes only `$(name)` with a name of letters, digits and
    underscores (not starting with a digit); `$(`, `$()` and `$(first name)` reach
    the customer as they are written, or are rejected.

    Source: CreateChatappTemplate, `CouponCode` ("a variable such as
    $(couponCode)"); GetChatappTemplateDetail example (`$(textVariable)`); Meta,
    Template review (no special characters in parameters).

    Fails:
        TemplateType: WHATSAPP
        Name: order_update
        Language: en_US
        Category: UTILITY
        Components:
          - {Type: BODY, Text: "Hello $(first name), your order has shipped and arrives tomorrow."}

    Passes:
        TemplateType: WHATSAPP
        Name: order_update
        Language: en_US
        Category: UTILITY
        Components:
          - {Type: BODY, Text: "Hello $(firstName), your order has shipped and arrives tomorrow."}
        Example: {firstName: Ana}
    """
    for found in fields(t):
        text = found.text
        # Every well-formed variable opens with `$(`: when each one does, none is bad.
        if "$(" not in text or text.count("$(") == len(found.names):
            continue
        bad = malformed(text)
        if bad is not None:
            yield Finding(
                found.pointer,
                f"Malformed variable {bad!r}: write $(name), the name made of letters, "
                "digits and underscores.",
            )


@rule("VR002", "curly-placeholder")
def curly_placeholder(t: TemplateView, root: Node) -> Iterator[Finding]:
    """A text uses Meta's `{{1}}` placeholders instead of the service's `$(name)`.

    Why: the service rejects texts containing `{{n}}`
    (`InvalidParameter.MessageInvalid`); it numbers the variables for Meta itself.

    Source: Chat App Message Service, API error codes (`InvalidParameter.MessageInvalid`:
    the message must not contain strings matching `{{(d+)}}`).

    Fails:
        TemplateType: WHATSAPP
        Name: order_update
        Language: en_US
        Category: UTILITY
        Components:
          - {Type: BODY, Text: "Hello {{1}}, your order has shipped and arrives tomorrow."}

    Passes:
        TemplateType: WHATSAPP
        Name: order_update
        Language: en_US
        Category: UTILITY
        Components:
          - {Type: BODY, Text: "Hello $(name), your order has shipped and arrives tomorrow."}
        Example: {name: Ana}
    """
    for found in fields(t):
        match = CURLY.search(found.text) if "{{" in found.text else None
        if match:
            yield Finding(
                found.pointer,
                f"{shorten(match.group())} placeholders are rejected: write $(name) and "
                "give its sample in Example.",
            )


@rule("VR003", "variable-without-sample")
def variable_without_sample(t: TemplateView, root: Node) -> Iterator[Finding]:
    """A variable has no non-empty sample in `Example`.

    Why: Meta reviews a template with its samples filled in and rejects one whose
    variables have none ("if your templates use variables, you must include sample
    variable values").

    Source: Meta, Templates: components; Meta, Template review.

    Fails:
        TemplateType: WHATSAPP
        Name: order_update
        Language: en_US
        Category: UTILITY
        Components:
          - {Type: BODY, Text: "Hello $(name), your order has shipped and arrives tomorrow."}

    Passes:
        TemplateType: WHATSAPP
        Name: order_update
        Language: en_US
        Category: UTILITY
        Components:
          - {Type: BODY, Text: "Hello $(name), your order has shipped and arrives tomorrow."}
        Example: {name: Ana}
    """
    samples = t.example or {}
    for name, first in used(t).items():
        sample = samples.get(name)
        if not isinstance(sample, str) or not sample.strip():
            where = root.at("Example", name) if name in samples else first.pointer
            yield Finding(
                where, f"Variable $({name}) needs a non-empty sample in Example."
            )


@rule("VR004", "unused-sample", severity=Severity.WARNING, members={"Example"})
def unused_sample(t: TemplateView, root: Node) -> Iterator[Finding]:
    """`Example` holds a sample for a variable that no text uses.

    Why: usually a renamed or deleted variable; the sample is ignored, and the
    variable it was meant for may lack one.

    Source: derived from the `Example` parameter.

    Fails:
        TemplateType: WHATSAPP
        Name: order_update
        Language: en_US
        Category: UTILITY
        Components:
          - {Type: BODY, Text: "Hello $(name), your order has shipped and arrives tomorrow."}
        Example: {name: Ana, orderId: "A-1001"}

    Passes:
        TemplateType: WHATSAPP
        Name: order_update
        Language: en_US
        Category: UTILITY
        Components:
          - {Type: BODY, Text: "Hello $(name), your order has shipped and arrives tomorrow."}
        Example: {name: Ana}
    """
    names = used(t)
    for key in t.example or {}:
        if key not in names:
            yield Finding(
                root.at("Example", key), f"No text uses $({shorten(key)}).", at_key=True
            )


@rule(
    "VR005",
    "header-variables",
    scope=Scope.COMPONENT,
    channels=WHATSAPP,
    types={"HEADER"},
)
def header_variables(t: TemplateView, c: Node) -> Iterator[Finding]:
    """A WhatsApp text HEADER holds more than one variable.

    Source: API error codes (`InvalidParameter.HeaderMoreVarable`: only one variable
    in the header); Meta, Templates: components ("Text headers support 1 parameter").

    Fails:
        TemplateType: WHATSAPP
        Name: order_update
        Language: en_US
        Category: UTILITY
        Components:
          - {Type: HEADER, Format: TEXT, Text: "Order $(orderId) for $(name)"}
          - {Type: BODY, Text: Your order has shipped and arrives tomorrow.}
        Example: {orderId: "A-1001", name: Ana}

    Passes:
        TemplateType: WHATSAPP
        Name: order_update
        Language: en_US
        Category: UTILITY
        Components:
          - {Type: HEADER, Format: TEXT, Text: "Order $(orderId)"}
          - {Type: BODY, Text: Your order has shipped and arrives tomorrow.}
        Example: {orderId: "A-1001"}
    """
    text = c.text("Text") or ""
    count = len(VARIABLE.findall(text))
    if count > 1:
        yield Finding(
            c.at("Text"), f"A header holds at most one variable, not {count}."
        )


@rule(
    "VR006",
    "footer-variable",
    scope=Scope.COMPONENT,
    channels=WHATSAPP,
    types={"FOOTER"},
)
def footer_variable(t: TemplateView, c: Node) -> Iterator[Finding]:
    """A WhatsApp FOOTER holds a variable.

    Source: API error codes (`InvalidParameter.FooterHaveVariable`: variables are
    not allowed in the footer).

    Fails:
        TemplateType: WHATSAPP
        Name: order_update
        Language: en_US
        Category: UTILITY
        Components:
          - {Type: BODY, Text: Your order has shipped and arrives tomorrow.}
          - {Type: FOOTER, Text: "Sent to $(name)"}
        Example: {name: Ana}

    Passes:
        TemplateType: WHATSAPP
        Name: order_update
        Language: en_US
        Category: UTILITY
        Components:
          - {Type: BODY, Text: Your order has shipped and arrives tomorrow.}
          - {Type: FOOTER, Text: Example Shop}
    """
    if VARIABLE.search(c.text("Text") or ""):
        yield Finding(c.at("Text"), "A footer cannot hold variables.")


@rule(
    "VR007",
    "button-label-variable",
    scope=(Scope.BUTTON, Scope.CARD_BUTTON),
    channels=WHATSAPP,
)
def button_label_variable(t: TemplateView, b: Node) -> Iterator[Finding]:
    """A WhatsApp button's `Text` holds a variable (carousel card buttons included).

    Source: API error codes (`InvalidParameter.ButtonTextHaveVariable`).

    Fails:
        TemplateType: WHATSAPP
        Name: order_update
        Language: en_US
        Category: UTILITY
        Components:
          - {Type: BODY, Text: Your order has shipped and arrives tomorrow.}
          - Type: BUTTONS
            Buttons:
              - {Type: QUICK_REPLY, Text: "Thanks $(name)"}
        Example: {name: Ana}

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
    if VARIABLE.search(b.text("Text") or ""):
        yield Finding(b.at("Text"), "A button label cannot hold variables.")


@rule(
    "VR008",
    "url-variable-placement",
    scope=(Scope.BUTTON, Scope.CARD_BUTTON),
    channels=WHATSAPP,
    members={"Url"},
)
def url_variable_placement(t: TemplateView, b: Node) -> Iterator[Finding]:
    """A button URL holds more than one variable, or one that is not at its very end.

    Why: Meta appends the variable's value to the end of the URL; only one, and only
    there (`https://shop.example.com/orders/$(orderId)`).

    Source: API error codes (`InvalidParameter.UrlMoreVarable`); Meta, Templates:
    components and Media card carousel templates ("appended to the end of the URL
    string").

    Fails:
        TemplateType: WHATSAPP
        Name: order_update
        Language: en_US
        Category: UTILITY
        Components:
          - {Type: BODY, Text: Your order has shipped and arrives tomorrow.}
          - Type: BUTTONS
            Buttons:
              - {Type: URL, Text: Track, Url: "https://shop.example.com/$(orderId)/track", UrlType: dynamic}
        Example: {orderId: A1001}

    Passes:
        TemplateType: WHATSAPP
        Name: order_update
        Language: en_US
        Category: UTILITY
        Components:
          - {Type: BODY, Text: Your order has shipped and arrives tomorrow.}
          - Type: BUTTONS
            Buttons:
              - {Type: URL, Text: Track, Url: "https://shop.example.com/track/$(orderId)", UrlType: dynamic}
        Example: {orderId: A1001}
    """
    url = b.text("Url") or ""
    matches = list(VARIABLE.finditer(url))
    if len(matches) > 1:
        yield Finding(
            b.at("Url"), f"A button URL holds at most one variable, not {len(matches)}."
        )
    elif matches and matches[0].end() != len(url):
        yield Finding(b.at("Url"), "The URL's variable must stand at its very end.")


@rule(
    "VR009",
    "url-type-mismatch",
    scope=(Scope.BUTTON, Scope.CARD_BUTTON),
    channels=WHATSAPP,
    types={"URL"},
)
def url_type_mismatch(t: TemplateView, b: Node) -> Iterator[Finding]:
    """`UrlType` is not `dynamic` for a URL with a variable, or `dynamic` for one without.

    Why: the service sends a dynamic URL's variable to Meta as a parameter; a
    static type on a URL with `$(name)` sends the placeholder itself, and a dynamic
    type without a variable is rejected.

    Source: CreateChatappTemplate, `UrlType` (static, dynamic); Meta, Templates:
    components (URL buttons with one variable).

    Fails:
        TemplateType: WHATSAPP
        Name: order_update
        Language: en_US
        Category: UTILITY
        Components:
          - {Type: BODY, Text: Your order has shipped and arrives tomorrow.}
          - Type: BUTTONS
            Buttons:
              - {Type: URL, Text: Track, Url: "https://shop.example.com/track/$(orderId)", UrlType: static}
        Example: {orderId: A1001}

    Passes:
        TemplateType: WHATSAPP
        Name: order_update
        Language: en_US
        Category: UTILITY
        Components:
          - {Type: BODY, Text: Your order has shipped and arrives tomorrow.}
          - Type: BUTTONS
            Buttons:
              - {Type: URL, Text: Track, Url: "https://shop.example.com/track/$(orderId)", UrlType: dynamic}
        Example: {orderId: A1001}
    """
    url = b.text("Url")
    if url is None:
        return
    kind = b.value.get("UrlType")
    if VARIABLE.search(url) and kind != "dynamic":
        yield Finding(_url_type(b), "A URL with a variable needs UrlType dynamic.")
    elif not VARIABLE.search(url) and kind == "dynamic":
        yield Finding(
            _url_type(b), "UrlType dynamic needs a $(variable) at the end of the URL."
        )


def _url_type(b: Node) -> str:
    """Where a `UrlType` finding goes: the member, or the button that lacks it."""
    return b.at("UrlType") if b.has("UrlType") else b.pointer


@rule(
    "VR010",
    "body-edge-variable",
    scope=Scope.COMPONENT,
    channels=WHATSAPP,
    types={"BODY"},
)
def body_edge_variable(t: TemplateView, c: Node) -> Iterator[Finding]:
    """A WhatsApp BODY starts or ends with a variable.

    Why: Meta rejects "dangling parameters": the body must open and close with
    text of its own. Punctuation after a final variable does not count as text.

    Source: Meta, Template review (parameters at the start or end of the body).

    Fails:
        TemplateType: WHATSAPP
        Name: order_update
        Language: en_US
        Category: UTILITY
        Components:
          - {Type: BODY, Text: "Your order has shipped and arrives on $(date)."}
        Example: {date: 12 May}

    Passes:
        TemplateType: WHATSAPP
        Name: order_update
        Language: en_US
        Category: UTILITY
        Components:
          - {Type: BODY, Text: "Your order has shipped and arrives on $(date). Thank you."}
        Example: {date: 12 May}
    """
    text = c.text("Text")
    if not text:
        return
    if VARIABLE.match(text.lstrip()):
        yield Finding(c.at("Text"), "The body must not start with a variable.")
    if _ENDS_WITH_VARIABLE.search(text):
        yield Finding(c.at("Text"), "The body must not end with a variable.")


@rule(
    "VR011",
    "adjacent-variables",
    scope=(Scope.COMPONENT, Scope.CARD_COMPONENT),
    channels=WHATSAPP,
)
def adjacent_variables(t: TemplateView, c: Node) -> Iterator[Finding]:
    """Two variables stand side by side, with nothing but spaces between them.

    Why: Meta rejects adjacent parameters (`$(first) $(last)`): the reviewer
    cannot tell what the message will say. Join them into one variable.

    Source: Meta, Template review.

    Fails:
        TemplateType: WHATSAPP
        Name: order_update
        Language: en_US
        Category: UTILITY
        Components:
          - {Type: BODY, Text: "Dear $(first) $(last), your order has shipped and arrives tomorrow."}
        Example: {first: Ana, last: Lima}

    Passes:
        TemplateType: WHATSAPP
        Name: order_update
        Language: en_US
        Category: UTILITY
        Components:
          - {Type: BODY, Text: "Dear $(name), your order has shipped and arrives tomorrow."}
        Example: {name: Ana Lima}
    """
    text = c.text("Text") or ""
    if text.count("$(") > 1 and _ADJACENT.search(text):
        yield Finding(
            c.at("Text"), "Two variables stand side by side; put words between them."
        )


@rule(
    "VR012",
    "too-many-variables",
    scope=Scope.COMPONENT,
    channels=WHATSAPP,
    types={"BODY"},
    severity=Severity.WARNING,
)
def too_many_variables(t: TemplateView, c: Node) -> Iterator[Finding]:
    """A BODY has too many variables for its length (fewer than 2x+1 other words for x variables).

    Why: Meta rejects templates with "too many variable parameters relative to the
    message length"; the threshold is Meta's judgement, so this is a warning.

    Source: Meta, Template review.

    Fails:
        TemplateType: WHATSAPP
        Name: order_update
        Language: en_US
        Category: UTILITY
        Components:
          - {Type: BODY, Text: "Hi $(name), order $(order) is $(status) now."}
        Example: {name: Ana, order: A1001, status: shipped}

    Passes:
        TemplateType: WHATSAPP
        Name: order_update
        Language: en_US
        Category: UTILITY
        Components:
          - {Type: BODY, Text: "Hi $(name), your order $(order) has shipped and arrives tomorrow."}
        Example: {name: Ana, order: A1001}
    """
    text = c.text("Text") or ""
    if "$(" not in text:
        return  # no variable
    rest, count = VARIABLE.subn(" ", text)  # the text without its variables
    if not count:
        return  # counting a huge body's words is the costly part: skip it
    words = count_words(rest, up_to=2 * count + 1)
    if words < 2 * count + 1:
        yield Finding(
            c.at("Text"),
            f"{count} variable{'s' if count > 1 else ''} need{'' if count > 1 else 's'} "
            f"at least {2 * count + 1} other words; the body has {words}.",
        )


@rule("VR013", "sample-whitespace", severity=Severity.WARNING, members={"Example"})
def sample_whitespace(t: TemplateView, root: Node) -> Iterator[Finding]:
    r"""A sample value holds a newline, a tab, or more than four spaces in a row.

    Why: WhatsApp refuses such parameter values when the message is sent, and
    samples with them are reported to be rejected in review.

    Source: Meta Cloud API send-time parameter rules, as reported in
    netflie/whatsapp-cloud-api#201 and shridarpatil/frappe_whatsapp#81.

    Fails:
        TemplateType: WHATSAPP
        Name: order_update
        Language: en_US
        Category: UTILITY
        Components:
          - {Type: BODY, Text: "Hello $(name), your order has shipped and arrives tomorrow."}
        Example: {name: "Ana\nLima"}

    Passes:
        TemplateType: WHATSAPP
        Name: order_update
        Language: en_US
        Category: UTILITY
        Components:
          - {Type: BODY, Text: "Hello $(name), your order has shipped and arrives tomorrow."}
        Example: {name: Ana Lima}
    """
    for key, sample in (t.example or {}).items():
        if isinstance(sample, str) and (
            "\n" in sample or "\t" in sample or _LONG_SPACE.search(sample)
        ):
            yield Finding(
                root.at("Example", key),
                "Sample values must not hold newlines, tabs or more than four spaces in a row.",
            )


RULES = (
    malformed_variable,
    curly_placeholder,
    variable_without_sample,
    unused_sample,
    header_variables,
    footer_variable,
    button_label_variable,
    url_variable_placement,
    url_type_mismatch,
    body_edge_variable,
    adjacent_variables,
    too_many_variables,
    sample_whitespace,
)
