"""Headers: what a WhatsApp HEADER of each `Format` must carry, and what it may not."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Final

from chatapp_lint.lazy_re import LazyPattern
from chatapp_lint.model import Finding, Severity
from chatapp_lint.rules._base import WHATSAPP, Node, Scope, TemplateView, rule
from chatapp_lint.rules._checks import misplaced, required
from chatapp_lint.rules._citations import (
    META_LOCATION_URL,
    READ,
    create_states,
    detail_states,
    meta_components,
)
from chatapp_lint.rules._evidence import Evidence, Kind, Outcome
from chatapp_lint.rules._variables import VARIABLE
from chatapp_lint.schema import shorten

MEDIA_FORMATS: Final = ("IMAGE", "DOCUMENT", "VIDEO")
# The file types Meta accepts for each media header, by URL extension.
MEDIA_EXTENSIONS: Final = {
    "IMAGE": ("jpg", "jpeg", "png"),
    "VIDEO": ("mp4", "3gp", "3gpp"),
    "DOCUMENT": ("pdf", "doc", "docx", "xls", "xlsx", "ppt", "pptx", "txt"),
}
_MARKDOWN: Final = LazyPattern(r"[*_~`]")
MODIFY_TEMPLATE_EN_URL: Final = "https://www.alibabacloud.com/help/en/cams/latest/api-doc-cams-2020-06-06-api-doc-modifychatapptemplate"
MEDIA_TYPES_URL: Final = "https://docs.aws.amazon.com/social-messaging/latest/userguide/supported-media-types.html"


def _is_text_header(c: Node) -> bool:
    """A HEADER whose `Format` is TEXT, or absent (text is the only thing it can show)."""
    return c.value.get("Format") in (None, "TEXT")


@rule(
    "HD001",
    "text-header-without-text",
    scope=Scope.COMPONENT,
    channels=WHATSAPP,
    types={"HEADER"},
    evidence=(
        meta_components("<HEADER_TEXT> String. Required. Header body text string."),
    ),
)
def text_header_without_text(t: TemplateView, c: Node) -> Iterator[Finding]:
    """A WhatsApp HEADER with `Format: TEXT` has no `Text`, or a blank one.

    Why: a text header shows its text and nothing else; without one the header
    is empty and the template is refused.

    Fails:
        TemplateType: WHATSAPP
        Name: order_update
        Language: en_US
        Category: UTILITY
        Components:
          - {Type: HEADER, Format: TEXT}
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
    if c.value.get("Format") == "TEXT":
        yield from required(c, "Text", "A TEXT header needs a non-empty 'Text'.")


@rule(
    "HD002",
    "media-header-without-url",
    scope=Scope.COMPONENT,
    channels=WHATSAPP,
    types={"HEADER"},
    evidence=(
        meta_components(
            '{ "type": "HEADER", "format": "<FORMAT>", "example": { "header_handle": '
            '[ "<HEADER_HANDLE>" ] } } [...] <FORMAT>: Indicates media asset type. Set '
            "to IMAGE, VIDEO, GIF, or DOCUMENT."
        ),
        meta_components(
            "If your templates use variables, you must include sample variable values "
            "upon template creation."
        ),
    ),
)
def media_header_without_url(t: TemplateView, c: Node) -> Iterator[Finding]:
    """A WhatsApp IMAGE, DOCUMENT or VIDEO HEADER has no `Url`, or a blank one.

    Why: Meta reviews a media header with a sample of the media; the `Url` is
    that sample (a link, or a `$(variable)` whose sample in `Example` is one).

    Fails:
        TemplateType: WHATSAPP
        Name: summer_sale
        Language: en_US
        Category: MARKETING
        Components:
          - {Type: HEADER, Format: IMAGE}
          - {Type: BODY, Text: Our summer sale starts today with savings across the store.}

    Passes:
        TemplateType: WHATSAPP
        Name: summer_sale
        Language: en_US
        Category: MARKETING
        Components:
          - {Type: HEADER, Format: IMAGE, Url: "https://cdn.example.com/img/sale.jpg"}
          - {Type: BODY, Text: Our summer sale starts today with savings across the store.}
    """
    kind = c.value.get("Format")
    if kind in MEDIA_FORMATS:
        yield from required(
            c, "Url", f"A header of Format {kind} needs a 'Url' to a sample file."
        )


@rule(
    "HD003",
    "caption-misplaced",
    scope=Scope.COMPONENT,
    channels=WHATSAPP,
    members={"Caption"},
    severity=Severity.WARNING,
    evidence=(
        Evidence(
            Kind.API_REFERENCE,
            Outcome.NOT_APPLICABLE,
            "ModifyChatappTemplate, request parameters, `Caption`",
            "When the Type parameter is set to HEADER and the Format parameter is set "
            "to IMAGE, DOCUMENT, or VIDEO, you can specify the description.",
            MODIFY_TEMPLATE_EN_URL,
            READ,
        ),
        create_states(
            "request parameters, `Caption`",
            "The description of the file.",
            Outcome.NOT_APPLICABLE,
        ),
    ),
)
def caption_misplaced(t: TemplateView, c: Node) -> Iterator[Finding]:
    """`Caption` is set on a component other than an IMAGE, DOCUMENT or VIDEO HEADER.

    Why: the caption describes a header's media file; on a text header, a body
    or any other component it has nothing to describe and is ignored.

    Fails:
        TemplateType: WHATSAPP
        Name: order_update
        Language: en_US
        Category: UTILITY
        Components:
          - {Type: HEADER, Format: TEXT, Text: Your order is on its way, Caption: Parcel}
          - {Type: BODY, Text: Your order has shipped and arrives tomorrow.}

    Passes:
        TemplateType: WHATSAPP
        Name: order_update
        Language: en_US
        Category: UTILITY
        Components:
          - {Type: HEADER, Format: IMAGE, Url: "https://cdn.example.com/img/parcel.jpg", Caption: Parcel}
          - {Type: BODY, Text: Your order has shipped and arrives tomorrow.}
    """
    media_header = c.type == "HEADER" and c.value.get("Format") in MEDIA_FORMATS
    if c.type is None or media_header:
        return
    yield from misplaced(
        c, "Caption", "on a HEADER whose Format is IMAGE, DOCUMENT or VIDEO"
    )


@rule(
    "HD004",
    "header-markdown",
    scope=Scope.COMPONENT,
    channels=WHATSAPP,
    types={"HEADER"},
    severity=Severity.WARNING,
    evidence=(
        meta_components(
            "Do not use Markdown special characters in this component.",
            says=Outcome.UNSTATED,
        ),
    ),
)
def header_markdown(t: TemplateView, c: Node) -> Iterator[Finding]:
    """A WhatsApp text HEADER holds Markdown characters (`*`, `_`, `~` or a backtick).

    Why: WhatsApp formats the body, not the header: there the characters show
    as written, and Meta asks for none. Variable names such as `$(order_id)` do
    not count. A warning, since the text may mean them literally.

    Fails:
        TemplateType: WHATSAPP
        Name: order_update
        Language: en_US
        Category: UTILITY
        Components:
          - {Type: HEADER, Format: TEXT, Text: "*Your order is on its way*"}
          - {Type: BODY, Text: Your order has shipped and arrives tomorrow.}

    Passes:
        TemplateType: WHATSAPP
        Name: order_update
        Language: en_US
        Category: UTILITY
        Components:
          - {Type: HEADER, Format: TEXT, Text: "Order $(order_id) is on its way"}
          - {Type: BODY, Text: Your order has shipped and arrives tomorrow.}
        Example: {order_id: A1001}
    """
    text = c.text("Text")
    if text is None or not _is_text_header(c):
        return
    found = sorted(set(_MARKDOWN.findall(VARIABLE.sub("", text))))
    if found:
        shown = ", ".join(f"'{char}'" for char in found)
        yield Finding(
            c.at("Text"),
            f"Header text should not use Markdown characters ({shown}); "
            "WhatsApp shows them as written.",
        )


def _listed(words: tuple[str, ...]) -> str:
    """`a, b or c`."""
    return f"{', '.join(words[:-1])} or {words[-1]}" if len(words) > 1 else words[0]


def _extension(url: str) -> str | None:
    """The lower-case extension of the URL's last path segment, if it has a known one.

    `None` for a URL without one, or whose last segment holds a variable (its
    file is only known when sending).
    """
    from urllib.parse import urlsplit  # here: a template without URLs never needs it

    try:
        path = urlsplit(url).path
    except ValueError:
        return None
    segment = path.rsplit("/", 1)[-1]
    if "$(" in segment or "." not in segment:
        return None
    extension = segment.rsplit(".", 1)[1].lower()
    return extension or None


@rule(
    "HD005",
    "media-extension-mismatch",
    scope=Scope.COMPONENT,
    channels=WHATSAPP,
    types={"HEADER"},
    severity=Severity.WARNING,
    evidence=(
        Evidence(
            Kind.PLATFORM_DOC,
            Outcome.UNSTATED,
            "Supported media file types and sizes in WhatsApp (AWS End User Messaging "
            "Social, after Meta's Supported Media Types)",
            "Image: JPEG .jpeg, PNG .png (5 MB). Video: 3GPP .3gp, MP4 .mp4 (16 MB). "
            "Document: .text, .xls, .xlsx, .doc, .docx, .ppt, .pptx, .pdf (100 MB).",
            MEDIA_TYPES_URL,
            READ,
        ),
        Evidence(
            Kind.INFERENCE,
            Outcome.UNSTATED,
            "chatapp-lint",
            "A URL's extension usually names the file's type, but the server decides "
            "what it sends.",
        ),
    ),
)
def media_extension_mismatch(t: TemplateView, c: Node) -> Iterator[Finding]:
    """A WhatsApp media header's `Url` ends in an extension its `Format` does not take.

    Why: Meta accepts JPEG and PNG images, MP4 and 3GPP videos, and PDF, Word,
    Excel, PowerPoint and text documents; a `.gif` image or a `.mov` video is
    refused in review. Only the extension is checked (query and fragment set
    aside); a URL without one, or ending in a `$(variable)`, is not reported.
    A warning: the server may serve the right type under another name.

    Fails:
        TemplateType: WHATSAPP
        Name: summer_sale
        Language: en_US
        Category: MARKETING
        Components:
          - {Type: HEADER, Format: IMAGE, Url: "https://cdn.example.com/img/sale.gif"}
          - {Type: BODY, Text: Our summer sale starts today with savings across the store.}

    Passes:
        TemplateType: WHATSAPP
        Name: summer_sale
        Language: en_US
        Category: MARKETING
        Components:
          - {Type: HEADER, Format: IMAGE, Url: "https://cdn.example.com/img/sale.PNG?v=2"}
          - {Type: BODY, Text: Our summer sale starts today with savings across the store.}
    """
    kind = c.value.get("Format")
    url = c.text("Url")
    if url is None or not isinstance(kind, str) or kind not in MEDIA_EXTENSIONS:
        return
    extension = _extension(url)
    allowed = MEDIA_EXTENSIONS[kind]
    if extension is not None and extension not in allowed:
        yield Finding(
            c.at("Url"),
            f"A header of Format {kind} should link a {_listed(allowed)} file, "
            f"not .{shorten(extension, 16)}.",
        )


@rule(
    "HD006",
    "location-header",
    scope=Scope.COMPONENT,
    channels=WHATSAPP,
    types={"HEADER"},
    severity=Severity.WARNING,
    evidence=(
        Evidence(
            Kind.PLATFORM_DOC,
            Outcome.UNSTATED,
            "Meta, WhatsApp Business Platform, Location templates, Limitations",
            "Only templates categorized as UTILITY or MARKETING can include a location "
            "header. [...] The location (latitude, longitude, name, address) is "
            "specified at send time, not at template creation time.",
            META_LOCATION_URL,
            READ,
        ),
        detail_states(
            "response parameters, Components (Latitude, Longitude, LocationName, "
            "LocationAddress)",
            "位置緯度屬性。位置經度屬性。位置名稱。位置地址。",
            Outcome.UNSTATED,
        ),
        create_states(
            "request parameters, `Format`",
            "TEXT: text; IMAGE: image; DOCUMENT: document; VIDEO: video",
            Outcome.UNSTATED,
        ),
    ),
)
def location_header(t: TemplateView, c: Node) -> Iterator[Finding]:
    """A WhatsApp HEADER has `Format: LOCATION`, which the service's API page does not list.

    Why: Meta approves location headers on UTILITY and MARKETING templates (the
    place is given when the message is sent), and the service returns a header's
    latitude, longitude, name and address; but CreateChatappTemplate lists only
    TEXT, IMAGE, DOCUMENT and VIDEO, so the service may answer
    `InvalidParameter.HeaderTypeNotSupport`. A warning: nothing says it is refused.

    Fails:
        TemplateType: WHATSAPP
        Name: store_opening
        Language: en_US
        Category: UTILITY
        Components:
          - {Type: HEADER, Format: LOCATION}
          - {Type: BODY, Text: Your parcel is ready for collection at the store shown above.}

    Passes:
        TemplateType: WHATSAPP
        Name: store_opening
        Language: en_US
        Category: UTILITY
        Components:
          - {Type: HEADER, Format: TEXT, Text: Your parcel is ready}
          - {Type: BODY, Text: Your parcel is ready for collection at our Market Street store.}
    """
    if c.value.get("Format") == "LOCATION":
        yield Finding(
            c.at("Format"),
            "The service's API page lists no LOCATION header format; Meta takes one on "
            "UTILITY and MARKETING templates, but the service may refuse it.",
        )


RULES = (
    text_header_without_text,
    media_header_without_url,
    caption_misplaced,
    header_markdown,
    media_extension_mismatch,
    location_header,
)
