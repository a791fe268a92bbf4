"""The PM codes: what `check_params` finds in the values a message will carry.

They are registered for their documentation (`rules.md`, `chatapp-lint rule
PM001`) and never run on a template: a lint run has no values to check. Only
`chatapp_lint.check_params(template, params)` reports them, before a program
calls SendChatappMessage.
"""

from __future__ import annotations

from chatapp_lint.rules._base import reserved
from chatapp_lint.rules._evidence import Evidence, Kind, Outcome, api_reference

REPORTER = "`check_params`, never by a lint run"
_META_ERRORS = "https://developers.facebook.com/documentation/business-messaging/whatsapp/support/error-codes/"
_SEND_MESSAGE = "https://www.alibabacloud.com/help/en/chatapp/developer-reference/api-cams-2020-06-06-sendchatappmessage"
_READ = "2026-12-03"


def _meta_error(code: int, title: str) -> Evidence:
    """A Meta Cloud API error code that refuses the message."""
    return Evidence(
        Kind.META_ERROR,
        Outcome.REJECTED,
        f"Meta, WhatsApp error codes, {code}",
        title,
        _META_ERRORS,
        _READ,
    )


PARAM_MISSING = reserved(
    "PM001",
    "param-missing",
    """A variable of the template is given no value (or an empty one).

    Why: every `$(name)` of the template is replaced by its value when the message
    is sent; Meta refuses a message whose parameters do not match the template's.
    Reported at the first text that uses the variable.

    """,
    reporter=REPORTER,
    evidence=(
        _meta_error(
            132000, "Number of parameters does not match the expected number of params"
        ),
    ),
)
PARAM_UNKNOWN = reserved(
    "PM002",
    "param-unknown",
    """A value is given for a name the template does not use.

    Why: an extra value is usually a misspelt name, whose real variable then goes
    without a value; Meta counts the parameters against the template's.

    """,
    reporter=REPORTER,
    evidence=(
        _meta_error(
            132000, "Number of parameters does not match the expected number of params"
        ),
    ),
)
PARAM_TEXT_TOO_LONG = reserved(
    "PM003",
    "param-text-too-long",
    """With the values in, a text is longer than its limit.

    Why: the template's text was within its limit with `$(name)` in it; the
    message's text is the one with the values, and the same limits apply to it:
    a WhatsApp body 1,024 characters, a Viber body 1,000, a WhatsApp header 60, a
    button URL 2,000.

    """,
    reporter=REPORTER,
    evidence=(_meta_error(132005, "Translated text too long"),),
)
PARAM_URL_INVALID = reserved(
    "PM004",
    "param-url-invalid",
    """With the value in, a dynamic URL button's address is not a valid URL.

    Why: the value is appended to the button's URL; a space or a control
    character in it, or a result without `http(s)://` and a host, opens nothing.

    """,
    reporter=REPORTER,
    evidence=(
        _meta_error(
            132012, "Parameter format does not match format in the created template"
        ),
    ),
)
PARAM_WHITESPACE = reserved(
    "PM005",
    "param-whitespace",
    """A value holds a newline, a tab, or more than four spaces in a row.

    Why: Meta refuses such a parameter with "Param text cannot have new-line/tab
    characters or more than 4 consecutive spaces".

    """,
    reporter=REPORTER,
    evidence=(
        _meta_error(132018, "There was an issue with the parameters in your template"),
    ),
)
PARAM_NOT_TEXT = reserved(
    "PM006",
    "param-not-text",
    """A value is not a string (a number, a list, `true`...).

    Why: SendChatappMessage's `TemplateParams` maps each variable to a string;
    anything else is not what the template's text can take.

    """,
    reporter=REPORTER,
    evidence=(
        api_reference(
            "SendChatappMessage, request parameters, `TemplateParams`",
            "The parameters of the template: a map of variable names to string values.",
            url=_SEND_MESSAGE,
            read=_READ,
        ),
    ),
)

CODES = (
    PARAM_MISSING,
    PARAM_UNKNOWN,
    PARAM_TEXT_TOO_LONG,
    PARAM_URL_INVALID,
    PARAM_WHITESPACE,
    PARAM_NOT_TEXT,
)
