"""Variables: `$(name)` placeholders, their samples in `Example`, and where they may stand."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Final

from chatapp_lint.lazy_re import LazyPattern
from chatapp_lint.model import Finding, Severity
from chatapp_lint.rules._base import VIBER, WHATSAPP, Node, Scope, TemplateView, rule
from chatapp_lint.rules._citations import (
    META_EDGE_SUBCODE_URL,
    READ,
    cams_code,
    create_reference,
    create_states,
    meta_components,
    meta_review,
)
from chatapp_lint.rules._evidence import (
    META_COMPONENTS_URL,
    Evidence,
    Kind,
    Outcome,
    inference,
)
from chatapp_lint.rules._variables import (
    CURLY,
    NAMED_CURLY,
    VARIABLE,
    badly_named,
    count_words,
    fields,
    malformed,
    used,
    written_names,
)
from chatapp_lint.schema import shorten

_ADJACENT: Final = LazyPattern(r"\$\([A-Za-z_][A-Za-z0-9_]*\)\s*\$\(")
_LONG_SPACE: Final = LazyPattern(r" {5,}")
# A variable that is the very last thing in the text, spaces aside.
_ENDS_WITH_VARIABLE: Final = LazyPattern(r"\$\([A-Za-z_][A-Za-z0-9_]*\)\s*\Z")
_SYNTAX: Final = create_reference(
    "request parameters, `CouponCode`",
    "You can pass a variable such as $(couponCode) and then pass the actual coupon "
    "code when sending the message.",
)


@rule(
    "VR001",
    "malformed-variable",
    evidence=(
        meta_review(
            "Variable parameters are missing or have mismatched curly braces. The "
            "correct format is {{1}}."
        ),
        _SYNTAX,
    ),
)
def malformed_variable(t: TemplateView, root: Node) -> Iterator[Finding]:
    """A `$(` is never closed, or a variable is empty (`$()`).

    Why: the service writes variables `$(name)` and turns each into one of
    Meta's numbered parameters; an unclosed `$(` or an empty `$()` is the
    service's form of the mismatched braces and missing parameters Meta rejects.
    A closed variable whose name has other characters (`$(first name)`) is VR014.

    Fails:
        TemplateType: WHATSAPP
        Name: order_update
        Language: en_US
        Category: UTILITY
        Components:
          - {Type: BODY, Text: "Hello $(firstName, your order has shipped and arrives tomorrow."}

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
                f"Malformed variable {bad!r}: close it and name it, as in $(name).",
            )


@rule(
    "VR014",
    "variable-name",
    severity=Severity.WARNING,
    evidence=(
        _SYNTAX,
        meta_review(
            "Variable parameters contain special characters such as a #, $, or %.",
            says=Outcome.UNSTATED,
        ),
        inference(
            "Every variable the service documents is named with letters (couponCode, "
            "textVariable, offerExpirationTimeMs); what it does with spaces or other "
            "characters in a name is not documented."
        ),
    ),
)
def variable_name(t: TemplateView, root: Node) -> Iterator[Finding]:
    """A variable's name holds characters other than letters, digits and `_`, or starts with a digit.

    Why: every variable the service documents is named like `$(couponCode)`;
    whether it substitutes `$(first name)` or `$(1st)` is not documented, and Meta
    rejects parameters with special characters. A warning: the rule is inferred.

    Fails:
        TemplateType: WHATSAPP
        Name: order_update
        Language: en_US
        Category: UTILITY
        Components:
          - {Type: BODY, Text: "Hello $(first name), your order has shipped and arrives tomorrow."}
        Example: {first name: Ana}

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
        if "$(" not in text or text.count("$(") == len(found.names):
            continue
        bad = badly_named(text)
        if bad is not None:
            yield Finding(
                found.pointer,
                f"Variable {bad!r}: name it with letters, digits and underscores, "
                "not starting with a digit.",
            )


@rule(
    "VR002",
    "curly-placeholder",
    evidence=(
        cams_code(
            "InvalidParameter.MessageInvalid",
            "消息体中不允许存在{{(d+)}}的字符串信息。 (The message body must not contain "
            "strings matching {{(d+)}}.)",
        ),
    ),
)
def curly_placeholder(t: TemplateView, root: Node) -> Iterator[Finding]:
    """A text uses Meta's numbered `{{1}}` placeholders instead of the service's `$(name)`.

    Why: the service rejects texts containing `{{n}}`
    (`InvalidParameter.MessageInvalid`); it numbers the variables for Meta itself.
    The error code names no channel, so Viber texts are checked too. Every such
    placeholder in a text is listed. `{{name}}` is not the pattern the service
    names, and is left alone.

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
        if "{{" not in found.text:
            continue
        placeholders = list(dict.fromkeys(CURLY.findall(found.text)))
        if placeholders:
            listed = shorten(", ".join(placeholders))
            yield Finding(
                found.pointer,
                f"{listed}: placeholders like these are rejected; write $(name) and "
                "give its sample in Example.",
            )


@rule(
    "VR016",
    "named-curly-placeholder",
    severity=Severity.WARNING,
    evidence=(
        _SYNTAX,
        inference(
            "The service fills in only $(name) variables; Meta's named {{name}} "
            "placeholders are left as they are written, and no source says what the "
            "service or Meta then does with them."
        ),
    ),
)
def named_curly_placeholder(t: TemplateView, root: Node) -> Iterator[Finding]:
    """A text uses Meta's named `{{first_name}}` placeholders instead of the service's `$(name)`.

    Why: the service writes variables `$(name)` and fills in nothing else, so a
    template copied from Meta's named-parameter syntax would show the braces to
    the customer. The service's error code names only numbered placeholders
    (VR002), so this is a warning.

    Fails:
        TemplateType: WHATSAPP
        Name: order_update
        Language: en_US
        Category: UTILITY
        Components:
          - {Type: BODY, Text: "Hello {{first_name}}, your order has shipped and arrives tomorrow."}

    Passes:
        TemplateType: WHATSAPP
        Name: order_update
        Language: en_US
        Category: UTILITY
        Components:
          - {Type: BODY, Text: "Hello $(first_name), your order has shipped and arrives tomorrow."}
        Example: {first_name: Ana}
    """
    for found in fields(t):
        if "{{" not in found.text:
            continue
        placeholders = list(dict.fromkeys(NAMED_CURLY.findall(found.text)))
        if placeholders:
            yield Finding(
                found.pointer,
                f"{shorten(', '.join(placeholders))}: the service fills in only "
                "$(name) variables; write $(name) and give its sample in Example.",
            )


@rule(
    "VR003",
    "variable-without-sample",
    channels=WHATSAPP,
    evidence=(
        meta_components(
            "If your templates use variables, you must include sample variable values "
            "upon template creation."
        ),
    ),
)
def variable_without_sample(t: TemplateView, root: Node) -> Iterator[Finding]:
    """A WhatsApp variable has no non-empty sample in `Example`.

    Why: Meta reviews a template with its samples filled in and rejects one whose
    variables have none ("if your templates use variables, you must include sample
    variable values").

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
    yield from _missing_samples(t, root)


def _missing_samples(t: TemplateView, root: Node) -> Iterator[Finding]:
    samples = t.example or {}
    for name, first in used(t).items():
        sample = samples.get(name)
        if not isinstance(sample, str) or not sample.strip():
            where = root.at("Example", name) if name in samples else first.pointer
            yield Finding(
                where, f"Variable $({name}) needs a non-empty sample in Example."
            )


@rule(
    "VR015",
    "viber-variable-without-sample",
    channels=VIBER,
    severity=Severity.WARNING,
    evidence=(
        create_states(
            "request parameters, `Example`",
            "Contoh cara membuat templat. (Examples for creating the template.)",
            Outcome.UNSTATED,
        ),
        inference(
            "Meta's requirement of a sample per variable concerns WhatsApp; the "
            "service states none for Viber, but a reviewer can only read a variable "
            "through its sample."
        ),
    ),
)
def viber_variable_without_sample(t: TemplateView, root: Node) -> Iterator[Finding]:
    """A Viber variable has no non-empty sample in `Example`.

    Why: Meta's rule that every variable needs a sample (VR003) is stated for
    WhatsApp; for Viber nothing says a template without one is refused, but the
    sample is what shows what the variable will hold. A warning.

    Fails:
        TemplateType: VIBER
        Name: new_arrivals
        Language: en
        Category: MARKETING
        Components:
          - {Type: BODY, Text: "Hello $(name), new arrivals are in store this week. Come and see them."}

    Passes:
        TemplateType: VIBER
        Name: new_arrivals
        Language: en
        Category: MARKETING
        Components:
          - {Type: BODY, Text: "Hello $(name), new arrivals are in store this week. Come and see them."}
        Example: {name: Ana}
    """
    yield from _missing_samples(t, root)


@rule(
    "VR004",
    "unused-sample",
    severity=Severity.WARNING,
    members={"Example"},
    evidence=(
        inference(
            "A sample no variable uses has nothing to illustrate: usually a renamed "
            "or deleted variable."
        ),
    ),
)
def unused_sample(t: TemplateView, root: Node) -> Iterator[Finding]:
    """`Example` holds a sample for a variable that no text uses.

    Why: usually a renamed or deleted variable; the sample is ignored, and the
    variable it was meant for may lack one. A name written `$(...)` anywhere
    counts as used, even when VR014 reports its name, and so does the variable
    of a limited-time offer's `OfferExpirationTimeMs`.

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
    names = written_names(t)
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
    evidence=(
        cams_code(
            "InvalidParameter.HeaderMoreVarable",
            "Header中只允许添加一个变量。 (Only one variable is allowed in the header.)",
        ),
        meta_components("Text headers support 1 parameter."),
    ),
)
def header_variables(t: TemplateView, c: Node) -> Iterator[Finding]:
    """A WhatsApp text HEADER holds more than one variable.

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
    evidence=(
        cams_code(
            "InvalidParameter.FooterHaveVariable",
            "footer中不允许添加变量。 (Variables are not allowed in the footer.)",
        ),
    ),
)
def footer_variable(t: TemplateView, c: Node) -> Iterator[Finding]:
    """A WhatsApp FOOTER holds a variable.

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
    evidence=(
        cams_code(
            "InvalidParameter.ButtonTextHaveVariable",
            "按钮文本中不允许添加变量。 (Variables are not allowed in button text.)",
        ),
    ),
)
def button_label_variable(t: TemplateView, b: Node) -> Iterator[Finding]:
    """A WhatsApp button's `Text` holds a variable (carousel card buttons included).

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
    evidence=(
        cams_code(
            "InvalidParameter.UrlMoreVarable",
            "URL中只允许添加一个变量。 (Only one variable is allowed in the URL.)",
        ),
        Evidence(
            Kind.PLATFORM_DOC,
            Outcome.REJECTED,
            "Meta, WhatsApp Node.js SDK, Button Parameter Object, URL button",
            "text: string — developer-provided suffix that is appended to the "
            "predefined prefix URL in the template.",
            "https://whatsapp.github.io/WhatsApp-Nodejs-SDK/api-reference/types/button_parameter_object",
            READ,
        ),
    ),
)
def url_variable_placement(t: TemplateView, b: Node) -> Iterator[Finding]:
    """A button URL holds more than one variable, or one that is not at its very end.

    Why: Meta appends the variable's value to the end of the URL; only one, and only
    there (`https://shop.example.com/orders/$(orderId)`).

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
    severity=Severity.WARNING,
    evidence=(
        create_states(
            "request parameters, `UrlType`",
            "The URL type. static: Static; dynamic: Dynamic.",
            Outcome.UNSTATED,
        ),
        inference(
            "A URL with a variable is what the API calls dynamic; what the service "
            "does with a missing or contrary UrlType is not documented."
        ),
    ),
)
def url_type_mismatch(t: TemplateView, b: Node) -> Iterator[Finding]:
    """`UrlType` is not `dynamic` for a URL with a variable, or `dynamic` for one without.

    Why: a dynamic URL's variable is filled in when sending; a URL with
    `$(name)` whose `UrlType` is missing or static may be sent with the
    placeholder itself. The API page names the two types but not what happens
    when one does not match the URL, so this is a warning.

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
    evidence=(
        Evidence(
            Kind.META_ERROR,
            Outcome.REJECTED,
            "Meta Graph API error code 100, subcode 2388299, as a refused "
            "submission reports it",
            "Leading or trailing params not allowed — Variables can't be at the start "
            "or end of the template.",
            META_EDGE_SUBCODE_URL,
            READ,
        ),
        Evidence(
            Kind.PLATFORM_DOC,
            Outcome.UNSTATED,
            "Meta, WhatsApp Business Platform, Template components, text header "
            "example (a parameter followed only by punctuation)",
            "Our new sale starts {{sale_start_date}}!",
            META_COMPONENTS_URL,
            READ,
        ),
    ),
)
def body_edge_variable(t: TemplateView, c: Node) -> Iterator[Finding]:
    """A WhatsApp BODY starts or ends with a variable.

    Why: Meta refuses a body whose first or last thing is a parameter (error
    subcode 2388299, "leading or trailing params not allowed"). Spaces and line
    breaks around the text do not count, but punctuation does: a body ending
    `... arrives on $(date).` does not end with the variable, and Meta's own
    example text ends a parameter with `!`.

    Fails:
        TemplateType: WHATSAPP
        Name: order_update
        Language: en_US
        Category: UTILITY
        Components:
          - {Type: BODY, Text: "Your order has shipped and arrives on $(date)"}
        Example: {date: 12 May}

    Passes:
        TemplateType: WHATSAPP
        Name: order_update
        Language: en_US
        Category: UTILITY
        Components:
          - {Type: BODY, Text: "Your order has shipped and arrives on $(date)."}
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
    severity=Severity.WARNING,
    evidence=(
        Evidence(
            Kind.RESELLER,
            Outcome.REJECTED,
            "Twilio, twilio/call-to-action content type",
            "If the content template's body starts or ends with a variable, it won't "
            "be approved by WhatsApp. The same applies if two variables are placed "
            "next to each other.",
            "https://www.twilio.com/docs/content/twilio-call-to-action",
            READ,
        ),
        inference(
            "Meta's template review page does not list adjacent parameters among its "
            "rejection reasons, and approved templates hold `{{1}} {{2}}`."
        ),
    ),
)
def adjacent_variables(t: TemplateView, c: Node) -> Iterator[Finding]:
    """Two variables stand side by side, with nothing but spaces between them.

    Why: resellers report that Meta refuses adjacent parameters (`$(first)
    $(last)`), since the reviewer cannot tell what the message will say; but
    Meta's own review page does not list it, and approved templates have them.
    A warning: joining them into one variable is the safe form.

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
    evidence=(
        meta_review(
            "Template contains too many variable parameters relative to the message "
            "length. You need to decrease the number of variable parameters or "
            "increase the message length."
        ),
        inference("The threshold of 2x+1 other words for x variables is ours."),
    ),
)
def too_many_variables(t: TemplateView, c: Node) -> Iterator[Finding]:
    """A BODY has too many variables for its length (fewer than 2x+1 other words for x variables).

    Why: Meta rejects templates with "too many variable parameters relative to the
    message length"; the threshold is Meta's judgement, so this is a warning.

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


@rule(
    "VR013",
    "sample-whitespace",
    severity=Severity.WARNING,
    members={"Example"},
    evidence=(
        Evidence(
            Kind.INFERENCE,
            Outcome.UNSTATED,
            "shridarpatil/frappe_whatsapp#81",
            'Before the sample values be like "\\ncustomer \\n1234" and after changing '
            'the sample values as "customer, 1234" and then it is working fine now.',
            "https://github.com/shridarpatil/frappe_whatsapp/issues/81",
        ),
    ),
)
def sample_whitespace(t: TemplateView, root: Node) -> Iterator[Finding]:
    r"""A sample value holds a newline, a tab, or more than four spaces in a row.

    Why: WhatsApp refuses such parameter values when the message is sent, and
    samples with them are reported to be rejected in review; only users report
    it, so this is a warning.

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
    variable_name,
    curly_placeholder,
    named_curly_placeholder,
    variable_without_sample,
    viber_variable_without_sample,
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
