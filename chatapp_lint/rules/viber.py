"""Viber: the narrower shape of Viber business messages."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Final

from chatapp_lint.model import Finding, Severity
from chatapp_lint.rules._base import VIBER, WHATSAPP, Node, Scope, TemplateView, rule
from chatapp_lint.rules._checks import beyond, too_long, whole_number
from chatapp_lint.rules._citations import (
    READ,
    SINCH_VIBER_URL,
    create_reference,
    create_states,
    detail_states,
    viber_partners,
    viber_types,
)
from chatapp_lint.rules._evidence import Evidence, Kind, Outcome, inference
from chatapp_lint.schema import shorten

VIBER_ONLY_FIELDS: Final = ("ThumbUrl", "Duration", "FileType")
MAX_DURATION: Final = 600
MAX_BODY: Final = 1000
CONSOLE_BODY: Final = 875
MAX_CAPTION: Final = 30
MAX_FILE_NAME: Final = 25
MAX_THUMB_URL: Final = 1000
VIBER_MEDIA_FORMATS: Final = ("IMAGE", "DOCUMENT", "VIDEO")
# The document types Viber delivers, as the service's message-type page lists them.
FILE_TYPES: Final = frozenset(
    """
    doc docx rtf dot dotx odt odf fodt txt info pdf xps pdax eps xls xlsx ods fods
    csv xlsm xltx
    """.split()
)
VONAGE_SDK_URL: Final = "https://github.com/Vonage/vonage-python-sdk"
MESSENTE_VIBER_URL: Final = (
    "https://github.com/messente/messente-api-java/blob/HEAD/docs/Viber.md"
)
INFOBIP_VIBER_URL: Final = "https://www.infobip.com/docs/viber/business-messages/api"
_MEDIA_PLACEMENT: Final = create_states(
    "request parameters, component `Type`",
    "For Viber templates, images, videos, and files are placed in the HEADER "
    "component. The client displays the image below the text. The text is placed in "
    "the BODY component.",
    Outcome.UNSTATED,
)
MEDIA_EXTENSIONS: Final = {
    "IMAGE": ("jpg", "jpeg", "png", "gif", "webp"),
    "VIDEO": ("mp4", "m4v", "mov", "3gp", "3gpp"),
}


@rule(
    "VB001",
    "viber-component-type",
    scope=Scope.COMPONENT,
    channels=VIBER,
    types={"FOOTER", "CAROUSEL", "LIMITED_TIME_OFFER"},
    evidence=(
        create_reference(
            "request parameters, component `Type`",
            "For Viber templates, the FOOTER, CAROUSEL, and LIMITED_TIME_OFFER types "
            "are invalid.",
        ),
    ),
)
def viber_component_type(t: TemplateView, c: Node) -> Iterator[Finding]:
    """A Viber template has a FOOTER, CAROUSEL or LIMITED_TIME_OFFER component.

    Why: Viber messages are a text, an optional image, video or file, and one
    button; the other component types exist only on WhatsApp.

    Fails:
        TemplateType: VIBER
        Name: new_arrivals
        Language: en
        Category: MARKETING
        Components:
          - {Type: BODY, Text: New arrivals are in store this week. Come and see them.}
          - {Type: FOOTER, Text: Example Shop}

    Passes:
        TemplateType: VIBER
        Name: new_arrivals
        Language: en
        Category: MARKETING
        Components:
          - {Type: BODY, Text: New arrivals are in store this week. Come and see them.}
    """
    yield Finding(
        c.at("Type"),
        f"Viber templates cannot have a {shorten(c.type or '')} component.",
    )


@rule(
    "VB002",
    "viber-too-many-buttons",
    channels=VIBER,
    evidence=(
        create_reference(
            "request parameters, `Buttons` (number of buttons for Viber)",
            "Only one button of the URL type is allowed.",
        ),
    ),
)
def viber_too_many_buttons(t: TemplateView, root: Node) -> Iterator[Finding]:
    """A Viber template has more than one button.

    Fails:
        TemplateType: VIBER
        Name: new_arrivals
        Language: en
        Category: MARKETING
        Components:
          - {Type: BODY, Text: New arrivals are in store this week. Come and see them.}
          - Type: BUTTONS
            Buttons:
              - {Type: URL, Text: Shop now, Url: "https://shop.example.com/new"}
              - {Type: URL, Text: Find a store, Url: "https://shop.example.com/stores"}

    Passes:
        TemplateType: VIBER
        Name: new_arrivals
        Language: en
        Category: MARKETING
        Components:
          - {Type: BODY, Text: New arrivals are in store this week. Come and see them.}
          - Type: BUTTONS
            Buttons:
              - {Type: URL, Text: Shop now, Url: "https://shop.example.com/new"}
    """
    yield from beyond(t.buttons, 1, "buttons on a Viber template")


@rule(
    "VB003",
    "viber-button-type",
    scope=Scope.BUTTON,
    channels=VIBER,
    evidence=(
        create_reference(
            "request parameters, button `Type`",
            "For Viber templates, only one button is allowed, and it must be of the "
            "URL type.",
        ),
    ),
)
def viber_button_type(t: TemplateView, b: Node) -> Iterator[Finding]:
    """A Viber button is not of type URL.

    Fails:
        TemplateType: VIBER
        Name: new_arrivals
        Language: en
        Category: MARKETING
        Components:
          - {Type: BODY, Text: New arrivals are in store this week. Come and see them.}
          - Type: BUTTONS
            Buttons:
              - {Type: QUICK_REPLY, Text: Tell me more}

    Passes:
        TemplateType: VIBER
        Name: new_arrivals
        Language: en
        Category: MARKETING
        Components:
          - {Type: BODY, Text: New arrivals are in store this week. Come and see them.}
          - Type: BUTTONS
            Buttons:
              - {Type: URL, Text: Shop now, Url: "https://shop.example.com/new"}
    """
    if b.type is not None and b.type != "URL":
        yield Finding(
            b.at("Type"), f"Viber buttons must be of type URL, not {shorten(b.type)}."
        )


@rule(
    "VB004",
    "viber-video-button-url",
    scope=Scope.BUTTON,
    channels=VIBER,
    types={"URL"},
    evidence=(
        create_reference(
            "request parameters, `Buttons` (number of buttons for Viber)",
            "If the HEADER component contains a video, the button type is URL, but you "
            "cannot set a URL.",
        ),
    ),
)
def viber_video_button_url(t: TemplateView, b: Node) -> Iterator[Finding]:
    """The button of a Viber video message sets a `Url`.

    Why: with a VIDEO header the button plays the message's video; it is still of
    type URL but must not carry an address.

    Fails:
        TemplateType: VIBER
        Name: product_video
        Language: en
        Category: MARKETING
        Components:
          - {Type: HEADER, Format: VIDEO, Url: "https://cdn.example.com/v/intro.mp4", ThumbUrl: "https://cdn.example.com/v/intro.jpg", Duration: 45}
          - {Type: BODY, Text: Watch how our new blender makes soup in five minutes.}
          - Type: BUTTONS
            Buttons:
              - {Type: URL, Text: Watch, Url: "https://shop.example.com/blender"}

    Passes:
        TemplateType: VIBER
        Name: product_video
        Language: en
        Category: MARKETING
        Components:
          - {Type: HEADER, Format: VIDEO, Url: "https://cdn.example.com/v/intro.mp4", ThumbUrl: "https://cdn.example.com/v/intro.jpg", Duration: 45}
          - {Type: BODY, Text: Watch how our new blender makes soup in five minutes.}
          - Type: BUTTONS
            Buttons:
              - {Type: URL, Text: Watch}
    """
    has_video = any(h.value.get("Format") == "VIDEO" for h in t.of_type("HEADER"))
    if has_video and b.filled("Url"):
        yield Finding(
            b.at("Url"),
            "With a VIDEO header the Viber button plays the video: leave out 'Url'.",
        )


@rule(
    "VB005",
    "viber-duration-range",
    scope=Scope.COMPONENT,
    channels=VIBER,
    members={"Duration"},
    evidence=(
        create_reference(
            "request parameters, `Duration`",
            "The duration of the video in a Viber video message, in seconds. The value "
            "ranges from 0 to 600.",
        ),
    ),
)
def viber_duration_range(t: TemplateView, c: Node) -> Iterator[Finding]:
    """A Viber video's `Duration` is outside 0 to 600 seconds.

    Fails:
        TemplateType: VIBER
        Name: product_video
        Language: en
        Category: MARKETING
        Components:
          - {Type: HEADER, Format: VIDEO, Url: "https://cdn.example.com/v/intro.mp4", ThumbUrl: "https://cdn.example.com/v/intro.jpg", Duration: 900}
          - {Type: BODY, Text: Watch how our new blender makes soup in five minutes.}

    Passes:
        TemplateType: VIBER
        Name: product_video
        Language: en
        Category: MARKETING
        Components:
          - {Type: HEADER, Format: VIDEO, Url: "https://cdn.example.com/v/intro.mp4", ThumbUrl: "https://cdn.example.com/v/intro.jpg", Duration: 45}
          - {Type: BODY, Text: Watch how our new blender makes soup in five minutes.}
    """
    duration = whole_number(c.value.get("Duration"))
    if duration is not None and not 0 <= duration <= MAX_DURATION:
        yield Finding(
            c.at("Duration"),
            f"Duration is 0 to {MAX_DURATION} seconds, not {duration:,}.",
        )


@rule(
    "VB006",
    "viber-field-on-whatsapp",
    scope=Scope.COMPONENT,
    channels=WHATSAPP,
    severity=Severity.WARNING,
    members={"ThumbUrl", "Duration", "FileType"},
    evidence=(
        create_states(
            "request parameters, `ThumbUrl`, `Duration`, `FileType`",
            "The thumbnail of a Viber message that contains a video. The duration of "
            "the video in a Viber video message. The file type of a Viber file message.",
            Outcome.NOT_APPLICABLE,
        ),
    ),
)
def viber_field_on_whatsapp(t: TemplateView, c: Node) -> Iterator[Finding]:
    """A WhatsApp component sets `ThumbUrl`, `Duration` or `FileType`, which only Viber reads.

    Why: the fields describe Viber video and file messages; on WhatsApp they are
    ignored, which usually means the template was copied from a Viber one.

    Fails:
        TemplateType: WHATSAPP
        Name: product_video
        Language: en_US
        Category: MARKETING
        Components:
          - {Type: HEADER, Format: VIDEO, Url: "https://cdn.example.com/v/intro.mp4", Duration: 45}
          - {Type: BODY, Text: Watch how our new blender makes soup in five minutes.}

    Passes:
        TemplateType: WHATSAPP
        Name: product_video
        Language: en_US
        Category: MARKETING
        Components:
          - {Type: HEADER, Format: VIDEO, Url: "https://cdn.example.com/v/intro.mp4"}
          - {Type: BODY, Text: Watch how our new blender makes soup in five minutes.}
    """
    for key in VIBER_ONLY_FIELDS:
        if c.has(key):
            yield Finding(
                c.at(key), f"'{key}' is only read on Viber templates.", at_key=True
            )


@rule(
    "VB007",
    "viber-body-too-long",
    scope=Scope.COMPONENT,
    channels=VIBER,
    types={"BODY"},
    evidence=(
        viber_types(
            "テキスト: UTF-8、スペースと特殊文字を含めて 1,000 文字。 (Text: UTF-8, "
            "1,000 characters including spaces and special characters.)"
        ),
        viber_partners(
            "The maximum allowed character count is 1000. This includes emojis and "
            "markdown formatting."
        ),
        Evidence(
            Kind.PARTNERS,
            Outcome.IGNORED,
            "Sinch, Viber Business Messages channel message support, Text Messages",
            "The maximum length of a text message is 1000 characters. Longer content "
            "will be truncated.",
            SINCH_VIBER_URL,
            READ,
        ),
    ),
)
def viber_body_too_long(t: TemplateView, c: Node) -> Iterator[Finding]:
    """A Viber BODY text is longer than 1,000 characters.

    Why: Viber refuses a longer message text. The service's newer Viber console
    allows only 875; VB008 warns about that stricter limit.

    Fails:
        # Shortened: the real BODY text runs past 1,000 characters.
        TemplateType: VIBER
        Name: new_arrivals
        Language: en
        Category: MARKETING
        Components:
          - {Type: BODY, Text: "New arrivals are in store this week. Our buyers travelled ..."}

    Passes:
        TemplateType: VIBER
        Name: new_arrivals
        Language: en
        Category: MARKETING
        Components:
          - {Type: BODY, Text: New arrivals are in store this week. Come and see them.}
    """
    yield from too_long(c, "Text", MAX_BODY, "Viber BODY text")


@rule(
    "VB008",
    "viber-body-long",
    scope=Scope.COMPONENT,
    channels=VIBER,
    types={"BODY"},
    severity=Severity.WARNING,
    evidence=(
        inference(
            "Alibaba Cloud's Viber template design page for the console (pt-br, "
            "October 2026) stops the text at 875 characters; the page could not be "
            "read again, and the API and Viber's partners allow 1,000."
        ),
    ),
)
def viber_body_long(t: TemplateView, c: Node) -> Iterator[Finding]:
    """A Viber BODY text is longer than 875 characters (and at most 1,000).

    Why: Viber and its partners allow 1,000 characters, but the service's own
    Viber template console now stops at 875; a text between the two may be
    refused, so this is a warning. Past 1,000, VB007 reports an error instead.

    Fails:
        # Shortened: the real BODY text has 900 characters.
        TemplateType: VIBER
        Name: new_arrivals
        Language: en
        Category: MARKETING
        Components:
          - {Type: BODY, Text: "New arrivals are in store this week. Our buyers travelled ..."}

    Passes:
        TemplateType: VIBER
        Name: new_arrivals
        Language: en
        Category: MARKETING
        Components:
          - {Type: BODY, Text: New arrivals are in store this week. Come and see them.}
    """
    text = c.text("Text")
    if text is not None and CONSOLE_BODY < len(text) <= MAX_BODY:
        yield Finding(
            c.at("Text"),
            f"Viber BODY text is {len(text):,} characters long; the service's Viber "
            f"console allows at most {CONSOLE_BODY}.",
        )


@rule(
    "VB009",
    "viber-button-caption-too-long",
    scope=Scope.BUTTON,
    channels=VIBER,
    severity=Severity.WARNING,
    evidence=(
        Evidence(
            Kind.RESELLER,
            Outcome.REJECTED,
            "Vonage Python SDK, vonage_messages, ViberAction",
            "text: str = Field(..., max_length=30)",
            VONAGE_SDK_URL,
            READ,
        ),
    ),
)
def viber_button_caption_too_long(t: TemplateView, b: Node) -> Iterator[Finding]:
    """A Viber button's `Text` is longer than 30 characters.

    Why: the caption is shown on one button line, and Vonage's SDK refuses a
    longer one; only that one partner states the limit, so this is a warning.

    Fails:
        TemplateType: VIBER
        Name: new_arrivals
        Language: en
        Category: MARKETING
        Components:
          - {Type: BODY, Text: New arrivals are in store this week. Come and see them.}
          - Type: BUTTONS
            Buttons:
              - {Type: URL, Text: See every new arrival in our store, Url: "https://shop.example.com/new"}

    Passes:
        TemplateType: VIBER
        Name: new_arrivals
        Language: en
        Category: MARKETING
        Components:
          - {Type: BODY, Text: New arrivals are in store this week. Come and see them.}
          - Type: BUTTONS
            Buttons:
              - {Type: URL, Text: See new arrivals, Url: "https://shop.example.com/new"}
    """
    yield from too_long(b, "Text", MAX_CAPTION, "A Viber button's Text")


@rule(
    "VB010",
    "viber-button-without-body",
    channels=VIBER,
    evidence=(
        Evidence(
            Kind.PARTNERS,
            Outcome.REJECTED,
            "Messente API, Viber message content (imageUrl, buttonText)",
            "Valid combinations: 1) image_url, 2) text, image_url, button_url, "
            "button_text. buttonText: Must be specified along with text, button_url, "
            "image_url (optional).",
            MESSENTE_VIBER_URL,
            READ,
        ),
        Evidence(
            Kind.PARTNERS,
            Outcome.UNSTATED,
            "Infobip, Viber Business over API, Outbound messages",
            "Text + call-to-action button; Text + image + call-to-action button; "
            "Text + video + call-to-action button.",
            INFOBIP_VIBER_URL,
            READ,
        ),
        detail_states(
            "response parameters, `Category` (Viber content types)",
            "text_image_button:文本 + 圖片 + 按鈕; text_button:文本 + 按鈕; "
            "text_video_button:文本 + 視頻 + 按鈕",
            Outcome.UNSTATED,
        ),
    ),
)
def viber_button_without_body(t: TemplateView, root: Node) -> Iterator[Finding]:
    """A Viber template has a button but no BODY text.

    Why: Viber sends a button only with a text ("text + button", "text + image +
    button", "text + video + button"); an image or file with a button alone is not
    a Viber message. Reported at `Components` when there is no BODY, at the BODY
    when it has no `Text`, and at a blank `Text`.

    Fails:
        TemplateType: VIBER
        Name: new_arrivals
        Language: en
        Category: MARKETING
        Components:
          - {Type: HEADER, Format: IMAGE, Url: "https://cdn.example.com/img/new.jpg"}
          - Type: BUTTONS
            Buttons:
              - {Type: URL, Text: Shop now, Url: "https://shop.example.com/new"}

    Passes:
        TemplateType: VIBER
        Name: new_arrivals
        Language: en
        Category: MARKETING
        Components:
          - {Type: HEADER, Format: IMAGE, Url: "https://cdn.example.com/img/new.jpg"}
          - {Type: BODY, Text: New arrivals are in store this week. Come and see them.}
          - Type: BUTTONS
            Buttons:
              - {Type: URL, Text: Shop now, Url: "https://shop.example.com/new"}
    """
    if not t.buttons:
        return
    body = t.first("BODY")
    message = "A Viber button needs BODY text to go with it."
    if body is None:
        yield Finding(root.at("Components"), message)
    elif "Text" not in body.value:
        yield Finding(body.pointer, message)
    elif isinstance(body.value["Text"], str) and not body.value["Text"].strip():
        yield Finding(body.at("Text"), message)


@rule(
    "VB011",
    "viber-file-type",
    scope=Scope.COMPONENT,
    channels=VIBER,
    members={"FileType"},
    evidence=(
        viber_types(
            "ファイル: DOC、DOCX、RTF、DOT、DOTX、ODT、ODF、FODT、TXT、INFO、PDF、XPS、"
            "PDAX、EPS、XLS、XLSX、ODS、FODS、CSV、XLSM、XLTX (File: the supported types)"
        ),
        viber_partners(
            "Sending files to the following formats is allowed: .doc, .docx, .rtf, "
            ".dot, .dotx, .odt, odf, .fodt, .txt, .info, .pdf, .xps, .pdax, .eps, .xls, "
            ".xlsx, .ods, .fods, .csv, .xlsm, .xltx"
        ),
    ),
)
def viber_file_type(t: TemplateView, c: Node) -> Iterator[Finding]:
    """A Viber `FileType` is not one of the document types Viber delivers.

    Why: Viber sends documents of 21 types only (doc, docx, rtf, dot, dotx, odt,
    odf, fodt, txt, info, pdf, xps, pdax, eps, xls, xlsx, ods, fods, csv, xlsm,
    xltx), in any case (`PDF` is `pdf`); images, videos and archives are refused
    as files.

    Fails:
        TemplateType: VIBER
        Name: monthly_statement
        Language: en
        Category: UTILITY
        Components:
          - {Type: HEADER, Format: DOCUMENT, Url: "https://cdn.example.com/d/statement.zip", FileName: statement.zip, FileType: zip}
          - {Type: BODY, Text: Your monthly statement is attached to this message.}

    Passes:
        TemplateType: VIBER
        Name: monthly_statement
        Language: en
        Category: UTILITY
        Components:
          - {Type: HEADER, Format: DOCUMENT, Url: "https://cdn.example.com/d/statement.pdf", FileName: statement.pdf, FileType: pdf}
          - {Type: BODY, Text: Your monthly statement is attached to this message.}
    """
    kind = c.text("FileType")
    if kind is None or kind.lower() in FILE_TYPES:
        return
    fixed = kind.strip().lstrip(".").lower()
    hint = f": write {fixed!r}" if fixed in FILE_TYPES else ""
    yield Finding(
        c.at("FileType"),
        f"{shorten(kind)!r} is not a Viber file type (such as pdf, docx or xlsx){hint}.",
    )


@rule(
    "VB012",
    "viber-file-name-too-long",
    scope=Scope.COMPONENT,
    channels=VIBER,
    severity=Severity.WARNING,
    members={"FileName"},
    evidence=(viber_partners("File name. Maximum 25 characters"),),
)
def viber_file_name_too_long(t: TemplateView, c: Node) -> Iterator[Finding]:
    """A Viber `FileName` is longer than 25 characters.

    Why: the name is shown under the file and Viber's partners cap it at 25
    characters, extension included. Only partners state the limit, not the
    service or Viber, so this is a warning.

    Fails:
        TemplateType: VIBER
        Name: monthly_statement
        Language: en
        Category: UTILITY
        Components:
          - {Type: HEADER, Format: DOCUMENT, Url: "https://cdn.example.com/d/statement.pdf", FileName: monthly_statement_2026_november.pdf, FileType: pdf}
          - {Type: BODY, Text: Your monthly statement is attached to this message.}

    Passes:
        TemplateType: VIBER
        Name: monthly_statement
        Language: en
        Category: UTILITY
        Components:
          - {Type: HEADER, Format: DOCUMENT, Url: "https://cdn.example.com/d/statement.pdf", FileName: statement_2026_11.pdf, FileType: pdf}
          - {Type: BODY, Text: Your monthly statement is attached to this message.}
    """
    name = c.text("FileName")
    if name is not None and len(name) > MAX_FILE_NAME:
        yield Finding(
            c.at("FileName"),
            f"FileName is {len(name):,} characters long; Viber's partners allow at "
            f"most {MAX_FILE_NAME}.",
        )


def _extension(url: str) -> str | None:
    """The lower-case extension of the URL's last path segment, if it has one."""
    from urllib.parse import urlsplit  # here: a template without URLs never needs it

    try:
        path = urlsplit(url).path
    except ValueError:
        return None
    name = path.rsplit("/", 1)[-1]
    stem, dot, extension = name.rpartition(".")
    return extension.lower() if dot and stem and extension else None


@rule(
    "VB013",
    "viber-media-extension",
    scope=Scope.COMPONENT,
    channels=VIBER,
    types={"HEADER"},
    severity=Severity.WARNING,
    evidence=(
        viber_types(
            "動画: MP4、M4V、MOV、3GP; 画像: JPG、JPEG、PNG、GIF、WebP (Video and image: "
            "the supported types)",
            says=Outcome.UNSTATED,
        ),
        inference(
            "A URL's extension usually names the file's type, but the server decides "
            "what it sends."
        ),
    ),
)
def viber_media_extension(t: TemplateView, c: Node) -> Iterator[Finding]:
    """A Viber IMAGE or VIDEO `Url` ends in a file extension Viber does not play.

    Why: Viber shows JPG, JPEG, PNG, GIF and WebP images and plays MP4, M4V, MOV
    and 3GP videos. Only the URL's extension can be checked offline, so this is a
    warning; a URL without an extension, or with a `$(variable)`, is not reported.

    Fails:
        TemplateType: VIBER
        Name: new_arrivals
        Language: en
        Category: MARKETING
        Components:
          - {Type: HEADER, Format: IMAGE, Url: "https://cdn.example.com/img/new.bmp"}
          - {Type: BODY, Text: New arrivals are in store this week. Come and see them.}

    Passes:
        TemplateType: VIBER
        Name: new_arrivals
        Language: en
        Category: MARKETING
        Components:
          - {Type: HEADER, Format: IMAGE, Url: "https://cdn.example.com/img/new.webp"}
          - {Type: BODY, Text: New arrivals are in store this week. Come and see them.}
    """
    media = c.value.get("Format")
    url = c.text("Url")
    if not isinstance(media, str) or media not in MEDIA_EXTENSIONS or url is None:
        return
    extension = None if "$(" in url else _extension(url)
    allowed = MEDIA_EXTENSIONS[media]
    if extension is not None and extension not in allowed:
        yield Finding(
            c.at("Url"),
            f"A Viber {media} file should be {', '.join(allowed[:-1]).upper()} or "
            f"{allowed[-1].upper()}, not .{shorten(extension, 20)}.",
        )


@rule(
    "VB014",
    "viber-thumb-url-too-long",
    scope=Scope.COMPONENT,
    channels=VIBER,
    members={"ThumbUrl"},
    severity=Severity.WARNING,
    evidence=(
        create_states(
            "request parameters, `ThumbUrl`",
            "The thumbnail of a Viber message that contains a video.",
            Outcome.UNSTATED,
        ),
        inference(
            "Vonage's Messages API caps a Viber video's thumb_url at 1,000 characters; "
            "no other source states a limit, and the page could not be read again."
        ),
    ),
)
def viber_thumb_url_too_long(t: TemplateView, c: Node) -> Iterator[Finding]:
    """A Viber video's `ThumbUrl` is longer than 1,000 characters.

    Why: Vonage refuses a thumbnail address past 1,000 characters; only that one
    partner states the limit, so this is a warning.

    Fails:
        # Shortened: the real ThumbUrl runs past 1,000 characters.
        TemplateType: VIBER
        Name: product_video
        Language: en
        Category: MARKETING
        Components:
          - {Type: HEADER, Format: VIDEO, Url: "https://cdn.example.com/v/intro.mp4", ThumbUrl: "https://cdn.example.com/v/intro.jpg?sig=...", Duration: 45}
          - {Type: BODY, Text: Watch how our new blender makes soup in five minutes.}

    Passes:
        TemplateType: VIBER
        Name: product_video
        Language: en
        Category: MARKETING
        Components:
          - {Type: HEADER, Format: VIDEO, Url: "https://cdn.example.com/v/intro.mp4", ThumbUrl: "https://cdn.example.com/v/intro.jpg", Duration: 45}
          - {Type: BODY, Text: Watch how our new blender makes soup in five minutes.}
    """
    yield from too_long(c, "ThumbUrl", MAX_THUMB_URL, "ThumbUrl")


@rule(
    "VB015",
    "viber-media-placement",
    scope=Scope.COMPONENT,
    channels=VIBER,
    types={"HEADER", "BODY"},
    severity=Severity.WARNING,
    evidence=(
        _MEDIA_PLACEMENT,
        detail_states(
            "response parameters, component `Type`",
            "Viber 類型模板中,圖片、視頻、檔案都是放在 HEADER 中(終端將圖片顯示在文本之下)。 "
            "(In Viber templates, images, videos and files are all placed in the HEADER.)",
            Outcome.UNSTATED,
        ),
    ),
)
def viber_media_placement(t: TemplateView, c: Node) -> Iterator[Finding]:
    """A Viber HEADER holds text instead of an image, video or file, or a BODY holds media.

    Why: on Viber the HEADER carries the message's image, video or file (shown
    below the text) and the BODY its text; a HEADER of `Format` TEXT or
    LOCATION, a HEADER `Text`, or a `Url` or `Format` on the BODY is in the wrong
    place. The API page says where each goes but not what happens otherwise, so
    this is a warning.

    Fails:
        TemplateType: VIBER
        Name: new_arrivals
        Language: en
        Category: MARKETING
        Components:
          - {Type: HEADER, Format: TEXT, Text: New arrivals}
          - {Type: BODY, Text: New arrivals are in store this week. Come and see them.}

    Passes:
        TemplateType: VIBER
        Name: new_arrivals
        Language: en
        Category: MARKETING
        Components:
          - {Type: HEADER, Format: IMAGE, Url: "https://cdn.example.com/img/new.jpg"}
          - {Type: BODY, Text: New arrivals are in store this week. Come and see them.}
    """
    if c.type == "HEADER":
        media = c.value.get("Format")
        if isinstance(media, str) and media not in VIBER_MEDIA_FORMATS:
            yield Finding(
                c.at("Format"),
                f"A Viber HEADER holds an image, video or file, not {shorten(media)}; "
                "put the text in the BODY.",
            )
        if c.filled("Text") and isinstance(c.value.get("Text"), str):
            yield Finding(
                c.at("Text"),
                "A Viber HEADER's text is not shown: put the text in the BODY.",
            )
        return
    for key in ("Url", "Format"):
        if c.has(key):
            yield Finding(
                c.at(key),
                f"'{key}' belongs on the HEADER: a Viber BODY holds the text only.",
                at_key=True,
            )


def _article(word: str) -> str:
    return "an" if word[:1] in "AEIOU" else "a"


def _headers(formats: set[object]) -> str:
    """`an IMAGE header`, `a VIDEO/IMAGE header`."""
    named = "/".join(sorted(str(kind) for kind in formats))
    return f"{_article(named)} {named} header"


# What each Viber content type of the detail page is made of: a BODY text,
# the HEADER's format, and a button (None: either way).
CONTENT_TYPES: Final[dict[str, tuple[bool | None, str | None, bool]]] = {
    "text": (True, None, False),
    "image": (False, "IMAGE", False),
    "document": (None, "DOCUMENT", False),
    "video": (False, "VIDEO", False),
    "text_image": (True, "IMAGE", False),
    "text_video": (True, "VIDEO", False),
    "text_button": (True, None, True),
    "text_image_button": (True, "IMAGE", True),
    "text_video_button": (True, "VIDEO", True),
}


@rule(
    "VB016",
    "viber-content-type-mismatch",
    channels=VIBER,
    categories=set(CONTENT_TYPES),
    severity=Severity.WARNING,
    evidence=(
        detail_states(
            "response parameters, `Category` (Viber template categories)",
            "text:純文字; image:純圖片; text_image_button:文本 + 圖片 + 按鈕; "
            "text_button:文本 + 按鈕; document: 檔案; video:視頻; text_video:文本 + 視頻; "
            "text_video_button:文本 + 視頻 + 按鈕; text_image:文本 + 圖片",
            Outcome.UNSTATED,
        ),
        inference(
            "Each content type names the parts of its message; what the service does "
            "when the components say otherwise is not documented."
        ),
    ),
)
def viber_content_type_mismatch(t: TemplateView, root: Node) -> Iterator[Finding]:
    """A Viber content-type `Category` (`text_image_button`, ...) does not match the components.

    Why: the older Viber categories name what the message is made of:
    `text_image_button` is a text, an image and a button, `text` a text alone.
    A template whose components say otherwise was likely given the wrong
    category. A warning: the service does not say what it does with it.

    Fails:
        TemplateType: VIBER
        Name: new_arrivals
        Language: en
        Category: text_image_button
        Components:
          - {Type: BODY, Text: New arrivals are in store this week. Come and see them.}
          - Type: BUTTONS
            Buttons:
              - {Type: URL, Text: Shop now, Url: "https://shop.example.com/new"}

    Passes:
        TemplateType: VIBER
        Name: new_arrivals
        Language: en
        Category: text_button
        Components:
          - {Type: BODY, Text: New arrivals are in store this week. Come and see them.}
          - Type: BUTTONS
            Buttons:
              - {Type: URL, Text: Shop now, Url: "https://shop.example.com/new"}
    """
    category = t.category or ""
    body, media, button = CONTENT_TYPES[category]
    has_body = any(b.filled("Text") for b in t.of_type("BODY"))
    formats = {h.value.get("Format") for h in t.of_type("HEADER")}
    has_media = formats & set(VIBER_MEDIA_FORMATS)
    missing: list[str] = []
    extra: list[str] = []
    if body is True and not has_body:
        missing.append("a BODY text")
    elif body is False and has_body:
        extra.append("a BODY text")
    if media is not None and media not in formats:
        missing.append(f"{_article(media)} {media} header")
    elif media is None and has_media:
        extra.append(f"a {'/'.join(sorted(str(f) for f in has_media))} header")
    elif media is not None and has_media - {media}:
        extra.append(
            f"a {'/'.join(sorted(str(f) for f in has_media - {media}))} header"
        )
    if button and not t.buttons:
        missing.append("a button")
    elif not button and t.buttons:
        extra.append("a button")
    if missing or extra:
        said = "; ".join(
            part
            for part in (
                f"it lacks {' and '.join(missing)}" if missing else "",
                f"it has {' and '.join(extra)}" if extra else "",
            )
            if part
        )
        yield Finding(
            root.at("Category"),
            f"Category {shorten(category)} does not match the components: {said}.",
        )


RULES = (
    viber_component_type,
    viber_too_many_buttons,
    viber_button_type,
    viber_video_button_url,
    viber_duration_range,
    viber_field_on_whatsapp,
    viber_body_too_long,
    viber_body_long,
    viber_button_caption_too_long,
    viber_button_without_body,
    viber_file_type,
    viber_file_name_too_long,
    viber_media_extension,
    viber_thumb_url_too_long,
    viber_media_placement,
    viber_content_type_mismatch,
)
