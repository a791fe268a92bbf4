"""A template as the parts of the message its recipient sees, each with its pointer.

Built from the raw mapping, tolerating any shape: a member of the wrong type is
left out of the drawing (the findings beside it say what is wrong), so a template
is drawn as far as it can be, even with errors.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, Final, TypeVar

import attrs

from chatapp_lint.model import Violation
from chatapp_lint.pointer import join
from chatapp_lint.preview.formatting import Span, sample_text, spans

RTL_LANGUAGES: Final = frozenset({"ar", "he", "fa", "ur"})
"""Primary language subtags written right to left (Arabic, Hebrew, Persian, Urdu)."""

# The texts Meta writes into every AUTHENTICATION template, in its language (the
# English forms here): "Copy code button authentication templates consist of:
# preset text: <VERIFICATION_CODE> is your verification code; an optional security
# disclaimer: For your security, do not share this code; an optional expiration
# warning: This code expires in <NUM_MINUTES> minutes." (Meta, WhatsApp Business
# Management API, "Copy code button authentication templates").
CODE_LINE: Final = " is your verification code."
SECURITY_RECOMMENDATION: Final = "For your security, do not share this code."
EXPIRY_FOOTER: Final = "This code expires in {minutes} minutes."
SAMPLE_CODE: Final = "123456"
_WEB: Final = ("https://", "http://")
_P = TypeVar("_P", bound="Part")


@attrs.define
class Part:
    """One drawn piece of the message and the findings that concern it."""

    kind: str
    pointer: str
    findings: list[Violation] = attrs.field(factory=list)

    @property
    def worst(self) -> str:
        """`error`, `warning` or `` : how the part is outlined."""
        severities = {str(v.severity) for v in self.findings}
        return next((s for s in ("error", "warning") if s in severities), "")


@attrs.define
class Media(Part):
    """A header: text, or an image, video, document or location, or Viber's file."""

    text: list[Span] = attrs.field(factory=list)
    url: str = ""
    thumb: str = ""
    duration: str = ""
    file_name: str = ""
    file_type: str = ""

    @property
    def loadable(self) -> str:
        """The URL to load the picture from, or `` when it is not a web address."""
        picture = self.thumb if self.kind == "VIDEO" else self.url
        return picture if picture.lower().startswith(_WEB) else ""


@attrs.define
class Text(Part):
    """A body, footer or offer text, and a note on where it comes from."""

    text: list[Span] = attrs.field(factory=list)
    note: str = ""
    coupon: str = ""


@attrs.define
class Button(Part):
    """A button: its label and what it does, with an icon per kind."""

    label: list[Span] = attrs.field(factory=list)
    detail: str = ""
    icon: str = ""


@attrs.define
class Card(Part):
    """One card of a carousel."""

    header: Media | None = None
    body: Text | None = None
    buttons: list[Button] = attrs.field(factory=list)


@attrs.define
class Message:
    """Everything drawn for one template; `parts` lists each part once, in order."""

    channel: str
    category: str
    authentication: bool
    header: Media | None = None
    offer: Text | None = None
    body: Text | None = None
    footer: Text | None = None
    buttons: list[Button] = attrs.field(factory=list)
    cards: list[Card] = attrs.field(factory=list)
    parts: list[Part] = attrs.field(factory=list)


def direction(language: str) -> str:
    """`rtl` for a right-to-left language such as `ar` or `he_IL`, else `ltr`."""
    primary = language.replace("-", "_").split("_", 1)[0].lower()
    return "rtl" if primary in RTL_LANGUAGES else "ltr"


def build(template: Mapping[str, Any]) -> Message:
    """The message a template draws, its parts left out where their shape is wrong."""
    channel = _text(template.get("TemplateType")).upper() or "WHATSAPP"
    category = _text(template.get("Category"))
    example = _mapping(template.get("Example"))
    message = Message(channel, category, category.upper() == "AUTHENTICATION")
    drawer = _Drawer(message, example)
    for index, component in _items(template.get("Components")):
        drawer.component(component, join("/Components", index))
    if message.offer is not None:
        # The offer block shows the coupon its copy-code button copies.
        message.offer.coupon = next(
            (b.detail for b in message.buttons if b.kind == "copy_code" and b.detail),
            "",
        )
    return message


class _Drawer:
    def __init__(self, message: Message, example: Mapping[str, Any]) -> None:
        self.message = message
        self.example = example
        self.whatsapp = message.channel != "VIBER"

    def spans(self, value: object) -> list[Span]:
        return spans(_text(value), self.example, styled=self.whatsapp)

    def add(self, part: _P) -> _P:
        self.message.parts.append(part)
        return part

    def component(self, component: Mapping[str, Any], pointer: str) -> None:
        kind = _text(component.get("Type")).upper()
        message = self.message
        if kind == "HEADER":
            message.header = self.replace(
                message.header, self.header(component, pointer)
            )
        elif kind == "BODY":
            message.body = self.replace(message.body, self.body(component, pointer))
        elif kind == "FOOTER":
            message.footer = self.replace(
                message.footer, self.footer(component, pointer)
            )
        elif kind == "BUTTONS":
            self.add(Part("buttons", pointer))
            message.buttons += self.buttons(component, pointer)
        elif kind == "LIMITED_TIME_OFFER":
            message.offer = self.replace(message.offer, self.offer(component, pointer))
        elif kind == "CAROUSEL":
            self.add(Part("carousel", pointer))
            for index, card in _items(component.get("Cards")):
                message.cards.append(self.card(card, join(pointer, "Cards", index)))

    def replace(self, old: Part | None, new: _P) -> _P:
        """A repeated part is drawn once, the last; the first's findings go above."""
        if old is not None:
            self.message.parts.remove(old)
        return new

    def header(self, component: Mapping[str, Any], pointer: str) -> Media:
        kind = _text(component.get("Format")).upper() or "TEXT"
        return self.add(
            Media(
                kind,
                pointer,
                text=self.spans(component.get("Text")),
                url=sample_text(_text(component.get("Url")), self.example),
                thumb=sample_text(_text(component.get("ThumbUrl")), self.example),
                duration=_duration(component.get("Duration")),
                file_name=_text(component.get("FileName")),
                file_type=_text(component.get("FileType"))
                or _suffix(
                    _text(component.get("FileName")) or _text(component.get("Url"))
                ),
            )
        )

    def body(self, component: Mapping[str, Any], pointer: str) -> Text:
        if not self.message.authentication:
            return self.add(
                Text("body", pointer, text=self.spans(component.get("Text")))
            )
        code = Span(SAMPLE_CODE, variable="code")
        text = [code, Span(CODE_LINE)]
        if component.get("AddSecretRecommendation") is True:
            text.append(Span(" " + SECURITY_RECOMMENDATION))
        note = "Text Meta writes in the template's language; the code is sent with each message."
        return self.add(Text("body", pointer, text=text, note=note))

    def footer(self, component: Mapping[str, Any], pointer: str) -> Text:
        if not self.message.authentication:
            return self.add(
                Text("footer", pointer, text=self.spans(component.get("Text")))
            )
        minutes = component.get("CodeExpirationMinutes")
        text = (
            [Span(EXPIRY_FOOTER.format(minutes=minutes))]
            if isinstance(minutes, int) and not isinstance(minutes, bool)
            else []
        )
        return self.add(Text("footer", pointer, text=text))

    def offer(self, component: Mapping[str, Any], pointer: str) -> Text:
        expires = component.get("HasExpiration") is True
        note = (
            "Offer ends at the time given when the message is sent" if expires else ""
        )
        return self.add(
            Text("offer", pointer, text=self.spans(component.get("Text")), note=note)
        )

    def buttons(self, component: Mapping[str, Any], pointer: str) -> list[Button]:
        return [
            self.button(button, join(pointer, "Buttons", index))
            for index, button in _items(component.get("Buttons"))
        ]

    def button(self, button: Mapping[str, Any], pointer: str) -> Button:
        kind = _text(button.get("Type")).upper()
        label = self.spans(button.get("Text"))
        icon, detail = _BUTTON_LOOKS.get(kind, ("", ""))
        if kind == "URL":
            detail = sample_text(_text(button.get("Url")), self.example)
        elif kind == "PHONE_NUMBER":
            detail = _text(button.get("PhoneNumber"))
        elif kind == "COPY_CODE" and not self.message.authentication:
            detail = _text(button.get("CouponCode"))
        elif kind in {"ONE_TAP", "ZERO_TAP"} and _text(button.get("AutofillText")):
            # The autofill label shows where the app is installed; Text otherwise.
            detail = f"{detail}; without the app: {sample_text(_text(button.get('Text')), {})}"
            label = self.spans(button.get("AutofillText"))
        elif kind == "QUICK_REPLY" and button.get("IsOptOut") is True:
            detail = "Marketing opt-out"
        elif kind == "FLOW":
            screen = _text(button.get("NavigateScreen"))
            detail = f"Opens a WhatsApp Flow{f' at {screen}' if screen else ''}"
        return self.add(
            Button(
                kind.lower() or "button", pointer, label=label, detail=detail, icon=icon
            )
        )

    def card(self, card: Mapping[str, Any], pointer: str) -> Card:
        drawn = self.add(Card("card", pointer))
        for index, component in _items(card.get("CardComponents")):
            at = join(pointer, "CardComponents", index)
            kind = _text(component.get("Type")).upper()
            if kind == "HEADER":
                drawn.header = self.replace(drawn.header, self.header(component, at))
            elif kind == "BODY":
                body = Text("body", at, text=self.spans(component.get("Text")))
                drawn.body = self.replace(drawn.body, self.add(body))
            elif kind == "BUTTONS":
                drawn.buttons += self.buttons(component, at)
        return drawn


# The icon drawn before a button's label (templates/icons.html.j2), and what it does.
_BUTTON_LOOKS: Final = {
    "QUICK_REPLY": ("reply", "Quick reply"),
    "URL": ("link", ""),
    "PHONE_NUMBER": ("phone", ""),
    "COPY_CODE": ("copy", "Copies the code"),
    "ONE_TAP": ("copy", "One-tap autofill"),
    "ZERO_TAP": ("copy", "Zero-tap autofill"),
    "FLOW": ("list", ""),
    "CATALOG": ("store", "Opens the catalog"),
    "MPM": ("store", "Opens a multi-product message"),
}


def assign(message: Message, findings: Sequence[Violation]) -> list[Violation]:
    """Give each finding to the most specific part its pointer is inside.

    Returns the findings no drawn part holds (about the template as a whole, its
    `Example`, or a part that could not be drawn).
    """
    by_pointer = {part.pointer: part for part in message.parts}
    left: list[Violation] = []
    for finding in findings:
        pointer = finding.pointer
        while pointer and pointer not in by_pointer:
            pointer = pointer[: pointer.rfind("/")]
        if pointer:
            by_pointer[pointer].findings.append(finding)
        else:
            left.append(finding)
    return left


def _text(value: object) -> str:
    """A member drawn as text: strings as they are, numbers as written, else nothing."""
    if isinstance(value, str):
        return value
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return str(value)
    return ""


def _mapping(value: object) -> Mapping[str, Any]:
    return value if isinstance(value, Mapping) else {}


def _items(value: object) -> list[tuple[int, Mapping[str, Any]]]:
    """The objects of a list member, with their indexes; other items are skipped."""
    if not isinstance(value, list):
        return []
    return [(i, item) for i, item in enumerate(value) if isinstance(item, Mapping)]


def _suffix(name: str) -> str:
    """A file's type as its name's extension says (`pdf`), for a header without FileType."""
    last = name.rsplit("/", 1)[-1].split("?", 1)[0]
    return last.rsplit(".", 1)[1][:8] if "." in last else ""


def _duration(value: object) -> str:
    """Seconds as Viber shows a video's length, `1:35`."""
    if not isinstance(value, int) or isinstance(value, bool) or value < 0:
        return ""
    return f"{value // 60}:{value % 60:02d}"
