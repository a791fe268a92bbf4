"""What backs a rule: the kind of source, where it says so, and what it says happens.

Severity follows evidence. A rule is an error only when some source says the
service, Meta or Viber *rejects* the value; where the source says a member is
ignored, only valid elsewhere, or merely recommended, where the rule is inferred,
or where the only source is one reseller's page, it is a warning. The registry's
tests hold every rule to this (tests/test_evidence.py).
"""

from __future__ import annotations

import enum
from typing import Final

import attrs


class Kind(enum.StrEnum):
    """Where a piece of evidence comes from."""

    # A limit, enum or requirement on an Alibaba Cloud API reference page
    # (CreateChatappTemplate, GetChatappTemplateDetail, ModifyChatappTemplate).
    API_REFERENCE = "api-reference"
    # A code on the Chat App Message Service's API error code page.
    CAMS_ERROR = "cams-error-code"
    # A Meta Graph API error code or subcode for templates.
    META_ERROR = "meta-error-code"
    # A reason listed on Meta's template review page.
    META_REVIEW = "meta-review"
    # A statement in Meta's, Viber's or Alibaba Cloud's own product documentation.
    PLATFORM_DOC = "platform-doc"
    # The same Viber limit stated by several independent authorised partners:
    # Viber publishes no API reference of its own, so this counts as the platform's.
    PARTNERS = "partners"
    # A single reseller's or business solution provider's page.
    RESELLER = "reseller"
    # A format's own specification (JSON, YAML, UTF-8): the file cannot be read.
    FORMAT = "format"
    # The linter itself: it cannot check what it cannot read, or it failed.
    LINTER = "linter"
    # An inference from other sources, or a heuristic.
    INFERENCE = "inference"


class Outcome(enum.StrEnum):
    """What the source says happens to a value that breaks the rule."""

    REJECTED = "rejected"
    IGNORED = "ignored"
    # "Valid only for ...": the member has no effect elsewhere.
    NOT_APPLICABLE = "not-applicable"
    RECOMMENDED = "recommended"
    DEPRECATED = "deprecated"
    # The source states the fact but not what happens when it is broken.
    UNSTATED = "unstated"


# Sources whose word that a value is rejected makes a rule an error. A single
# reseller or an inference never does, whatever it says.
REJECTING_KINDS: Final = frozenset(
    {
        Kind.API_REFERENCE,
        Kind.CAMS_ERROR,
        Kind.META_ERROR,
        Kind.META_REVIEW,
        Kind.PLATFORM_DOC,
        Kind.PARTNERS,
        Kind.FORMAT,
        Kind.LINTER,
    }
)


@attrs.frozen
class Evidence:
    """One source behind a rule.

    `citation` names the page and section as a reader finds them, `quote` gives
    the source's own words (or, for an error code, the code and its description),
    `url` the public page, and `read` the day it was read (ISO date).
    """

    kind: Kind
    says: Outcome
    citation: str
    quote: str
    url: str = ""
    read: str = ""

    @property
    def rejects(self) -> bool:
        """Whether this source, of a kind that can, says the value is rejected."""
        return self.says is Outcome.REJECTED and self.kind in REJECTING_KINDS

    def to_dict(self) -> dict[str, str]:
        """The evidence as plain JSON-ready values (for `rules --format json`, SARIF)."""
        return {
            "kind": self.kind.value,
            "says": self.says.value,
            "citation": self.citation,
            "quote": self.quote,
            "url": self.url,
            "read": self.read,
        }


# Public addresses of the pages rules cite most, so that every citation of one
# page points at the same address.
CREATE_TEMPLATE_URL: Final = "https://www.alibabacloud.com/help/en/chatapp/developer-reference/api-cams-2020-06-06-createchatapptemplate"
TEMPLATE_DETAIL_URL: Final = "https://www.alibabacloud.com/help/en/chatapp/developer-reference/api-cams-2020-06-06-getchatapptemplatedetail"
CAMS_ERROR_CODES_URL: Final = (
    "https://www.alibabacloud.com/help/en/chatapp/developer-reference/api-error-codes"
)
META_COMPONENTS_URL: Final = "https://developers.facebook.com/documentation/business-messaging/whatsapp/templates/components"
META_REVIEW_URL: Final = "https://developers.facebook.com/documentation/business-messaging/whatsapp/templates/template-review"


def api_reference(
    citation: str, quote: str, *, url: str = CREATE_TEMPLATE_URL, read: str = ""
) -> Evidence:
    """A limit, enum or requirement on an API reference page: a rejection."""
    return Evidence(Kind.API_REFERENCE, Outcome.REJECTED, citation, quote, url, read)


def cams_error(code: str, description: str, *, read: str = "") -> Evidence:
    """A code on CAMS's API error code page: the service rejects the request."""
    return Evidence(
        Kind.CAMS_ERROR,
        Outcome.REJECTED,
        f"Chat App Message Service, API error codes, `{code}`",
        description,
        CAMS_ERROR_CODES_URL,
        read,
    )


def inference(reasoning: str) -> Evidence:
    """The rule is inferred or a heuristic: never enough for an error."""
    return Evidence(Kind.INFERENCE, Outcome.UNSTATED, "chatapp-lint", reasoning)
