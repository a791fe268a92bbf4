"""Viber: the narrower shape of Viber business messages."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Final
from urllib.parse import urlsplit

from chatapp_lint.model import Finding, Severity
from chatapp_lint.rules._base import VIBER, WHATSAPP, Node, Scope, TemplateView, rule
from chatapp_lint.rules._checks import beyond, too_long, whole_number
from chatapp_lint.schema import shorten

VIBER_ONLY_FIELDS: Final = ("ThumbUrl", "Duration", "FileType")
MAX_DURATION: Final = 600
MAX_BODY: Final = 1000
CONSOLE_BODY: Final = 875
MAX_CAPTION: Final = 30
MAX_FILE_NAME: Final = 25
MAX_THUMB_URL: Final = 1000
# The document types Viber delivers, as the service's message-type page lists them.
FILE_TYPES: Final = frozenset(
    """
    doc docx rtf dot dotx odt odf fodt txt info pdf xps pdax eps xls xlsx ods fods
    csv xlsm xltx
    """.split()
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
)
def viber_component_type(t: TemplateView, c: Node) -> Iterator[Finding]:
    """A Viber template has a FOOTER, CAROUSEL or LIMITED_TIME_OFFER component.

    Why: Viber messages are a text, an optional image, video or file, and one
    button; the other component types exist only on WhatsApp.

    Source: CreateChatappTemplate, component `Type`: "For Viber templates, the
    FOOTER, CAROUSEL, and LIMITED_TIME_OFFER types are invalid."

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


@rule("VB002", "viber-too-many-buttons", channels=VIBER)
def viber_too_many_buttons(t: TemplateView, root: Node) -> Iterator[Finding]:
    """A Viber template has more than one button.

    Source: CreateChatappTemplate, `Buttons`: "Only one button of the URL type is
    allowed" for Viber; button `Type`: "For Viber templates, only one button is
    allowed."

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


@rule("VB003", "viber-button-type", scope=Scope.BUTTON, channels=VIBER)
def viber_button_type(t: TemplateView, b: Node) -> Iterator[Finding]:
    """A Viber button is not of type URL.

    Source: CreateChatappTemplate, button `Type`: "For Viber templates, only one
    button is allowed, and it must be of the URL type."

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
    "VB004", "viber-video-button-url", scope=Scope.BUTTON, channels=VIBER, types={"URL"}
)
def viber_video_button_url(t: TemplateView, b: Node) -> Iterator[Finding]:
    """The button of a Viber video message sets a `Url`.

    Why: with a VIDEO header the button plays the message's video; it is still of
    type URL but must not carry an address.

    Source: CreateChatappTemplate, `Buttons`: "If the HEADER component contains a
    video, the button type is URL, but you cannot set a URL"; GetChatappTemplateDetail,
    `Category` note on `text_video_button`.

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
)
def viber_duration_range(t: TemplateView, c: Node) -> Iterator[Finding]:
    """A Viber video's `Duration` is outside 0 to 600 seconds.

    Source: CreateChatappTemplate, `Duration`: "The value ranges from 0 to 600."
    (Some Viber partners require at least 1 second.)

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
)
def viber_field_on_whatsapp(t: TemplateView, c: Node) -> Iterator[Finding]:
    """A WhatsApp component sets `ThumbUrl`, `Duration` or `FileType`, which only Viber reads.

    Why: the fields describe Viber video and file messages; on WhatsApp they are
    ignored, which usually means the template was copied from a Viber one.

    Source: CreateChatappTemplate, `ThumbUrl`, `Duration`, `FileType` ("of a Viber
    message").

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
)
def viber_body_too_long(t: TemplateView, c: Node) -> Iterator[Finding]:
    """A Viber BODY text is longer than 1,000 characters.

    Why: Viber refuses a longer message text. The service's newer Viber console
    allows only 875; VB008 warns about that stricter limit.

    Source: Alibaba Cloud, Types of Viber Business Messages: text "up to 1,000
    characters"; Sinch and Vonage Viber message limits (1,000).

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
)
def viber_body_long(t: TemplateView, c: Node) -> Iterator[Finding]:
    """A Viber BODY text is longer than 875 characters (and at most 1,000).

    Why: Viber and its partners allow 1,000 characters, but the service's own
    Viber template console now stops at 875; a text between the two may be
    refused, so this is a warning. Past 1,000, VB007 reports an error instead.

    Source: Alibaba Cloud, Viber template design (pt-br, Oct 2026): at most 875
    characters; Types of Viber Business Messages: up to 1,000.

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


@rule("VB009", "viber-button-caption-too-long", scope=Scope.BUTTON, channels=VIBER)
def viber_button_caption_too_long(t: TemplateView, b: Node) -> Iterator[Finding]:
    """A Viber button's `Text` is longer than 30 characters.

    Why: the caption is shown on one button line; Viber's partners refuse a
    longer one.

    Source: Vonage Messages API, Viber action `text` (at most 30 characters).

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


@rule("VB010", "viber-button-without-body", channels=VIBER)
def viber_button_without_body(t: TemplateView, root: Node) -> Iterator[Finding]:
    """A Viber template has a button but no BODY text.

    Why: Viber sends a button only with a text ("text + button", "text + image +
    button", "text + video + button"); an image or file with a button alone is not
    a Viber message. Reported at `Components` when there is no BODY, at the BODY
    when it has no `Text`, and at a blank `Text`.

    Source: Alibaba Cloud, Create a Viber message template (the message types
    text_button, text_image_button and text_video_button).

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
)
def viber_file_type(t: TemplateView, c: Node) -> Iterator[Finding]:
    """A Viber `FileType` is not one of the document types Viber delivers.

    Why: Viber sends documents of 21 types only (doc, docx, rtf, dot, dotx, odt,
    odf, fodt, txt, info, pdf, xps, pdax, eps, xls, xlsx, ods, fods, csv, xlsm,
    xltx), named in lower case; images, videos and archives are refused as files.

    Source: Alibaba Cloud, Types of Viber Business Messages (file message: the
    supported file types); Dexatel, Viber templates (the same list);
    CreateChatappTemplate, `FileType`: "The file type of a Viber file message."

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
    if kind is None or kind in FILE_TYPES:
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
)
def viber_file_name_too_long(t: TemplateView, c: Node) -> Iterator[Finding]:
    """A Viber `FileName` is longer than 25 characters.

    Why: the name is shown under the file and Viber's partners cap it at 25
    characters, extension included. Only partners state the limit, not the
    service or Viber, so this is a warning.

    Source: Vonage Messages API, Viber file `name` (at most 25 characters);
    Dexatel, Viber templates (file name at most 25 characters).

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
)
def viber_media_extension(t: TemplateView, c: Node) -> Iterator[Finding]:
    """A Viber IMAGE or VIDEO `Url` ends in a file extension Viber does not play.

    Why: Viber shows JPG, JPEG, PNG, GIF and WebP images and plays MP4, M4V, MOV
    and 3GP videos. Only the URL's extension can be checked offline, so this is a
    warning; a URL without an extension, or with a `$(variable)`, is not reported.

    Source: Alibaba Cloud, Types of Viber Business Messages (image: JPG, JPEG, PNG,
    GIF, WebP; video: MP4, M4V, MOV, 3GP); Dexatel, Viber templates (.3gpp).

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
)
def viber_thumb_url_too_long(t: TemplateView, c: Node) -> Iterator[Finding]:
    """A Viber video's `ThumbUrl` is longer than 1,000 characters.

    Why: Viber's partners refuse a thumbnail address past 1,000 characters.

    Source: Vonage Messages API, Viber video `thumb_url` (at most 1,000
    characters); CreateChatappTemplate, `ThumbUrl`: "The thumbnail of a Viber
    message that contains a video."

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
)
