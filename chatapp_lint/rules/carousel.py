"""Carousels: media cards that scroll sideways in a WhatsApp MARKETING message."""

from __future__ import annotations

from collections.abc import Iterator

from chatapp_lint.model import Finding, Severity
from chatapp_lint.rules._base import WHATSAPP, Node, Scope, TemplateView, rule
from chatapp_lint.rules._checks import beyond, required, too_long
from chatapp_lint.rules._citations import (
    DIALOG360_CAROUSEL_URL,
    META_CAROUSEL_URL,
    READ,
    create_page,
    meta,
    reseller,
)
from chatapp_lint.rules._evidence import (
    TEMPLATE_DETAIL_URL,
    Outcome,
    api_reference,
    inference,
)
from chatapp_lint.schema import shorten

MAX_CARD_BUTTONS = 2
CARD_COUNT = (2, 10)
MAX_CARD_BODY = 160
CARD_PARTS = ("HEADER", "BODY", "BUTTONS")
CARD_BUTTONS = ("PHONE_NUMBER", "URL", "QUICK_REPLY")
_CAROUSEL_PAGE = "Meta, Media card carousel templates, Media cards"
_SAME_COMPONENTS = meta(
    META_CAROUSEL_URL,
    _CAROUSEL_PAGE,
    "All cards defined on a template must have the same components.",
)


@rule(
    "CR001",
    "carousel-header-formats-differ",
    channels=WHATSAPP,
    cards_only=True,
    evidence=(
        api_reference(
            "GetChatappTemplateDetail, response parameters, card `Format`",
            "Carousel 模板中 Header 的類型,只支援 IMAGE/VIDEO,所有卡片的 Header 必須一致。"
            " (The header of a carousel template supports only IMAGE/VIDEO; the "
            "headers of all cards must be the same.)",
            url=TEMPLATE_DETAIL_URL,
            read=READ,
        ),
        _SAME_COMPONENTS,
    ),
)
def carousel_header_formats_differ(t: TemplateView, root: Node) -> Iterator[Finding]:
    """The cards of a carousel do not all use the same header format.

    Why: every card shows the same kind of media, all images or all videos.

    Fails:
        TemplateType: WHATSAPP
        Name: autumn_collection
        Language: en_US
        Category: MARKETING
        Components:
          - {Type: BODY, Text: Our autumn collection has arrived. Swipe to see the highlights.}
          - Type: CAROUSEL
            Cards:
              - CardComponents:
                  - {Type: HEADER, Format: IMAGE, Url: "https://cdn.example.com/c/coat.jpg"}
                  - {Type: BODY, Text: A warm wool coat for cold mornings.}
              - CardComponents:
                  - {Type: HEADER, Format: VIDEO, Url: "https://cdn.example.com/c/boots.mp4"}
                  - {Type: BODY, Text: Waterproof boots for rainy days.}

    Passes:
        TemplateType: WHATSAPP
        Name: autumn_collection
        Language: en_US
        Category: MARKETING
        Components:
          - {Type: BODY, Text: Our autumn collection has arrived. Swipe to see the highlights.}
          - Type: CAROUSEL
            Cards:
              - CardComponents:
                  - {Type: HEADER, Format: IMAGE, Url: "https://cdn.example.com/c/coat.jpg"}
                  - {Type: BODY, Text: A warm wool coat for cold mornings.}
              - CardComponents:
                  - {Type: HEADER, Format: IMAGE, Url: "https://cdn.example.com/c/boots.jpg"}
                  - {Type: BODY, Text: Waterproof boots for rainy days.}
    """
    headers = [p for p in t.card_components if p.type == "HEADER"]
    if not headers:
        return  # no carousel, or no card headers to compare
    formats = [h.value.get("Format") for h in headers]
    first = next((f for f in formats if isinstance(f, str)), None)
    for header, kind in zip(headers, formats, strict=True):
        if isinstance(kind, str) and kind != first:
            yield Finding(
                header.at("Format"),
                f"Every carousel card header must have the same Format: {shorten(first)}, not {shorten(kind)}.",
            )


@rule(
    "CR002",
    "carousel-card-too-many-buttons",
    channels=WHATSAPP,
    cards_only=True,
    evidence=(
        api_reference(
            "CreateChatappTemplate, request parameters, card `Buttons`",
            "Each card in a carousel can have a maximum of two buttons.",
            read=READ,
        ),
    ),
)
def carousel_card_too_many_buttons(t: TemplateView, root: Node) -> Iterator[Finding]:
    """A carousel card has more than two buttons.

    Fails:
        # Shortened: a carousel needs at least two cards; the second is left out.
        TemplateType: WHATSAPP
        Name: autumn_collection
        Language: en_US
        Category: MARKETING
        Components:
          - {Type: BODY, Text: Our autumn collection has arrived. Swipe to see the highlights.}
          - Type: CAROUSEL
            Cards:
              - CardComponents:
                  - {Type: HEADER, Format: IMAGE, Url: "https://cdn.example.com/c/coat.jpg"}
                  - {Type: BODY, Text: A warm wool coat for cold mornings.}
                  - Type: BUTTONS
                    Buttons:
                      - {Type: QUICK_REPLY, Text: More like this}
                      - {Type: QUICK_REPLY, Text: Not for me}
                      - {Type: URL, Text: Buy, Url: "https://shop.example.com/coat", UrlType: static}

    Passes:
        TemplateType: WHATSAPP
        Name: autumn_collection
        Language: en_US
        Category: MARKETING
        Components:
          - {Type: BODY, Text: Our autumn collection has arrived. Swipe to see the highlights.}
          - Type: CAROUSEL
            Cards:
              - CardComponents:
                  - {Type: HEADER, Format: IMAGE, Url: "https://cdn.example.com/c/coat.jpg"}
                  - {Type: BODY, Text: A warm wool coat for cold mornings.}
                  - Type: BUTTONS
                    Buttons:
                      - {Type: QUICK_REPLY, Text: More like this}
                      - {Type: URL, Text: Buy, Url: "https://shop.example.com/coat", UrlType: static}
              - CardComponents:
                  - {Type: HEADER, Format: IMAGE, Url: "https://cdn.example.com/c/boots.jpg"}
                  - {Type: BODY, Text: Waterproof boots for rainy days.}
                  - Type: BUTTONS
                    Buttons:
                      - {Type: QUICK_REPLY, Text: More like this}
                      - {Type: URL, Text: Buy, Url: "https://shop.example.com/boots", UrlType: static}
    """
    for _, parts in t.card_component_groups:
        # Counted per card: a second BUTTONS part does not make room for more.
        buttons = [b for part in parts for b in t.buttons_of(part)]
        yield from beyond(buttons, MAX_CARD_BUTTONS, "buttons on a carousel card")


def _cards(t: TemplateView) -> list[tuple[Node, list[Node]]]:
    """(card, parts) of each well-formed card of a CAROUSEL component.

    Cards elsewhere (on a BODY, say) are not a carousel's. A card whose
    `CardComponents` is not a list of typed objects is the schema's (SC001,
    SC003, SC004): what its parts are cannot be told, so it is left alone.
    Worked out once per template: three rules ask.
    """
    found: list[tuple[Node, list[Node]]] | None = t.memo.get("cards")
    if found is None:
        found = t.memo["cards"] = [
            (card, parts)
            for card, parts in t.card_component_groups
            if card.parent is not None
            and card.parent.type == "CAROUSEL"
            and _well_formed(card, parts)
        ]
    return found


def _well_formed(card: Node, parts: list[Node]) -> bool:
    items = card.value.get("CardComponents")
    return (
        isinstance(items, list)
        and len(items) == len(parts)
        and all(p.type in CARD_PARTS for p in parts)
    )


@rule(
    "CR003",
    "carousel-card-count",
    scope=Scope.COMPONENT,
    channels=WHATSAPP,
    types={"CAROUSEL"},
    evidence=(
        meta(
            META_CAROUSEL_URL,
            _CAROUSEL_PAGE,
            "Carousel templates consist of a message body text and up to 10 product "
            "media cards.",
        ),
        meta(
            META_CAROUSEL_URL,
            "Meta, Media card carousel templates, request syntax, `cards`",
            "Array of card objects. Minimum 2, maximum 10.",
        ),
    ),
)
def carousel_card_count(t: TemplateView, c: Node) -> Iterator[Finding]:
    """A carousel has fewer than two or more than ten cards.

    Why: a carousel scrolls sideways through two to ten media cards; one card is
    not a carousel, and Meta refuses an eleventh. A missing `Cards` is reported at
    the CAROUSEL component, too many at the first card past ten.

    Fails:
        TemplateType: WHATSAPP
        Name: autumn_collection
        Language: en_US
        Category: MARKETING
        Components:
          - {Type: BODY, Text: Our autumn collection has arrived. Swipe to see the highlights.}
          - Type: CAROUSEL
            Cards:
              - CardComponents:
                  - {Type: HEADER, Format: IMAGE, Url: "https://cdn.example.com/c/coat.jpg"}
                  - {Type: BODY, Text: A warm wool coat for cold mornings.}

    Passes:
        TemplateType: WHATSAPP
        Name: autumn_collection
        Language: en_US
        Category: MARKETING
        Components:
          - {Type: BODY, Text: Our autumn collection has arrived. Swipe to see the highlights.}
          - Type: CAROUSEL
            Cards:
              - CardComponents:
                  - {Type: HEADER, Format: IMAGE, Url: "https://cdn.example.com/c/coat.jpg"}
                  - {Type: BODY, Text: A warm wool coat for cold mornings.}
              - CardComponents:
                  - {Type: HEADER, Format: IMAGE, Url: "https://cdn.example.com/c/boots.jpg"}
                  - {Type: BODY, Text: Waterproof boots for rainy days.}
    """
    low, high = CARD_COUNT
    if "Cards" not in c.value:
        yield Finding(c.pointer, f"A CAROUSEL component needs Cards, {low} to {high}.")
        return
    cards = c.value["Cards"]
    if not isinstance(cards, list) or low <= len(cards) <= high:
        return
    where = c.at("Cards") if len(cards) < low else c.at("Cards", high)
    yield Finding(where, f"A carousel needs {low} to {high} cards, not {len(cards)}.")


@rule(
    "CR004",
    "carousel-card-header",
    channels=WHATSAPP,
    cards_only=True,
    evidence=(
        meta(
            META_CAROUSEL_URL,
            _CAROUSEL_PAGE,
            "Each card in the template has an image or video header asset",
        ),
        api_reference(
            "GetChatappTemplateDetail, response parameters, card `Format`",
            "Carousel 模板中 Header 的類型,只支援 IMAGE/VIDEO (the header of a "
            "carousel template supports only IMAGE/VIDEO)",
            url=TEMPLATE_DETAIL_URL,
            read=READ,
        ),
    ),
)
def carousel_card_header(t: TemplateView, root: Node) -> Iterator[Finding]:
    """A carousel card has no HEADER, or its HEADER lacks `Format` or `Url`.

    Why: every card shows an image or a video at its top; the header's `Format`
    says which, and its `Url` is the sample Meta reviews. A `Format` other than
    IMAGE or VIDEO is the schema's (SC004).

    Fails:
        TemplateType: WHATSAPP
        Name: autumn_collection
        Language: en_US
        Category: MARKETING
        Components:
          - {Type: BODY, Text: Our autumn collection has arrived. Swipe to see the highlights.}
          - Type: CAROUSEL
            Cards:
              - CardComponents:
                  - {Type: HEADER, Format: IMAGE, Url: "https://cdn.example.com/c/coat.jpg"}
                  - {Type: BODY, Text: A warm wool coat for cold mornings.}
              - CardComponents:
                  - {Type: HEADER, Format: IMAGE}
                  - {Type: BODY, Text: Waterproof boots for rainy days.}

    Passes:
        TemplateType: WHATSAPP
        Name: autumn_collection
        Language: en_US
        Category: MARKETING
        Components:
          - {Type: BODY, Text: Our autumn collection has arrived. Swipe to see the highlights.}
          - Type: CAROUSEL
            Cards:
              - CardComponents:
                  - {Type: HEADER, Format: IMAGE, Url: "https://cdn.example.com/c/coat.jpg"}
                  - {Type: BODY, Text: A warm wool coat for cold mornings.}
              - CardComponents:
                  - {Type: HEADER, Format: IMAGE, Url: "https://cdn.example.com/c/boots.jpg"}
                  - {Type: BODY, Text: Waterproof boots for rainy days.}
    """
    for card, parts in _cards(t):
        header = next((p for p in parts if p.type == "HEADER"), None)
        if header is None:
            yield Finding(
                card.at("CardComponents"),
                "Every carousel card needs a HEADER with an IMAGE or VIDEO Url.",
            )
            continue
        if "Format" not in header.value:
            yield Finding(
                header.pointer, "A carousel card HEADER needs Format IMAGE or VIDEO."
            )
        yield from required(
            header, "Url", "A carousel card HEADER needs the Url of its image or video."
        )


@rule(
    "CR005",
    "carousel-card-body",
    channels=WHATSAPP,
    cards_only=True,
    evidence=(
        meta(
            META_CAROUSEL_URL,
            _CAROUSEL_PAGE,
            "Each card in the template has an image or video header asset and can "
            "optionally include a body text and up to two buttons.",
            Outcome.UNSTATED,
        ),
        _SAME_COMPONENTS,
    ),
)
def carousel_card_body(t: TemplateView, root: Node) -> Iterator[Finding]:
    """A carousel card lacks the BODY other cards have, or a card BODY has no `Text`.

    Why: Meta makes the card body optional but requires every card to have the
    same components, so the cards of one carousel all have a body text or none
    does; a card BODY without text is never
    valid. A carousel whose cards have no BODY at all passes.

    Fails:
        TemplateType: WHATSAPP
        Name: autumn_collection
        Language: en_US
        Category: MARKETING
        Components:
          - {Type: BODY, Text: Our autumn collection has arrived. Swipe to see the highlights.}
          - Type: CAROUSEL
            Cards:
              - CardComponents:
                  - {Type: HEADER, Format: IMAGE, Url: "https://cdn.example.com/c/coat.jpg"}
                  - {Type: BODY, Text: A warm wool coat for cold mornings.}
              - CardComponents:
                  - {Type: HEADER, Format: IMAGE, Url: "https://cdn.example.com/c/boots.jpg"}

    Passes:
        TemplateType: WHATSAPP
        Name: autumn_collection
        Language: en_US
        Category: MARKETING
        Components:
          - {Type: BODY, Text: Our autumn collection has arrived. Swipe to see the highlights.}
          - Type: CAROUSEL
            Cards:
              - CardComponents:
                  - {Type: HEADER, Format: IMAGE, Url: "https://cdn.example.com/c/coat.jpg"}
                  - {Type: BODY, Text: A warm wool coat for cold mornings.}
              - CardComponents:
                  - {Type: HEADER, Format: IMAGE, Url: "https://cdn.example.com/c/boots.jpg"}
                  - {Type: BODY, Text: Waterproof boots for rainy days.}
    """
    cards = _cards(t)
    bodies = [next((p for p in parts if p.type == "BODY"), None) for _, parts in cards]
    if all(body is None for body in bodies):
        return
    for (card, _), body in zip(cards, bodies, strict=True):
        if body is None:
            yield Finding(
                card.at("CardComponents"),
                "This carousel card needs a BODY, as other cards of the carousel have.",
            )
        else:
            yield from required(body, "Text", "A carousel card BODY needs Text.")


@rule(
    "CR006",
    "carousel-card-body-too-long",
    scope=Scope.CARD_COMPONENT,
    channels=WHATSAPP,
    types={"BODY"},
    evidence=(
        meta(
            META_CAROUSEL_URL,
            "Meta, Media card carousel templates, request syntax, card body",
            "<CARD_BODY_TEXT> Card body text. Supports variables. Maximum 160 "
            "characters.",
        ),
    ),
)
def carousel_card_body_too_long(t: TemplateView, part: Node) -> Iterator[Finding]:
    """A carousel card's BODY text is longer than 160 characters.

    Why: the card body is a short caption under the card's media; Meta refuses a
    longer one. Variables count as the characters written (`$(name)`).

    Fails:
        # Shortened: the real card BODY text runs past 160 characters.
        TemplateType: WHATSAPP
        Name: autumn_collection
        Language: en_US
        Category: MARKETING
        Components:
          - {Type: BODY, Text: Our autumn collection has arrived. Swipe to see the highlights.}
          - Type: CAROUSEL
            Cards:
              - CardComponents:
                  - {Type: HEADER, Format: IMAGE, Url: "https://cdn.example.com/c/coat.jpg"}
                  - {Type: BODY, Text: "A warm wool coat for cold mornings, lined with ..."}
              - CardComponents:
                  - {Type: HEADER, Format: IMAGE, Url: "https://cdn.example.com/c/boots.jpg"}
                  - {Type: BODY, Text: Waterproof boots for rainy days.}

    Passes:
        TemplateType: WHATSAPP
        Name: autumn_collection
        Language: en_US
        Category: MARKETING
        Components:
          - {Type: BODY, Text: Our autumn collection has arrived. Swipe to see the highlights.}
          - Type: CAROUSEL
            Cards:
              - CardComponents:
                  - {Type: HEADER, Format: IMAGE, Url: "https://cdn.example.com/c/coat.jpg"}
                  - {Type: BODY, Text: A warm wool coat for cold mornings.}
              - CardComponents:
                  - {Type: HEADER, Format: IMAGE, Url: "https://cdn.example.com/c/boots.jpg"}
                  - {Type: BODY, Text: Waterproof boots for rainy days.}
    """
    yield from too_long(part, "Text", MAX_CARD_BODY, "Carousel card BODY text")


def _card_buttons(t: TemplateView, parts: list[Node]) -> list[Node]:
    """Every button of one card, over all of its BUTTONS parts, in order."""
    return [b for p in parts if p.type == "BUTTONS" for b in t.buttons_of(p)]


def _names(buttons: list[Node]) -> str:
    return ", ".join(str(b.type) for b in buttons) or "none"


@rule(
    "CR007",
    "carousel-card-buttons-differ",
    severity=Severity.WARNING,
    channels=WHATSAPP,
    cards_only=True,
    evidence=(
        meta(
            META_CAROUSEL_URL,
            _CAROUSEL_PAGE,
            "All cards defined on a template must have the same components. (Says "
            "nothing of the buttons' types or order inside the BUTTONS component.)",
            Outcome.UNSTATED,
        ),
        reseller(
            DIALOG360_CAROUSEL_URL,
            "360dialog, Interactive media carousel messages, Components",
            "Button types and numbers must match across all cards",
        ),
    ),
)
def carousel_card_buttons_differ(t: TemplateView, root: Node) -> Iterator[Finding]:
    """A carousel card's buttons differ in type or order from the first card's.

    Why: every card of a carousel carries the same buttons: `QUICK_REPLY, URL` on
    the first card means `QUICK_REPLY, URL` on each. Reported at the first button
    that differs, at the card's BUTTONS part when the card has too few, or at its
    `CardComponents` when it has none. Only the first two buttons of a card are
    compared (CR002 reports the rest), and a card with a button of an unknown
    type is left to the schema. A warning: Meta requires the same components on
    every card, which says nothing of the buttons inside them; only a reseller
    states that button types and numbers must match.

    Fails:
        TemplateType: WHATSAPP
        Name: autumn_collection
        Language: en_US
        Category: MARKETING
        Components:
          - {Type: BODY, Text: Our autumn collection has arrived. Swipe to see the highlights.}
          - Type: CAROUSEL
            Cards:
              - CardComponents:
                  - {Type: HEADER, Format: IMAGE, Url: "https://cdn.example.com/c/coat.jpg"}
                  - {Type: BODY, Text: A warm wool coat for cold mornings.}
                  - Type: BUTTONS
                    Buttons:
                      - {Type: QUICK_REPLY, Text: More like this}
                      - {Type: URL, Text: Buy now, Url: "https://shop.example.com/coat", UrlType: static}
              - CardComponents:
                  - {Type: HEADER, Format: IMAGE, Url: "https://cdn.example.com/c/boots.jpg"}
                  - {Type: BODY, Text: Waterproof boots for rainy days.}
                  - Type: BUTTONS
                    Buttons:
                      - {Type: URL, Text: Buy now, Url: "https://shop.example.com/boots", UrlType: static}
                      - {Type: QUICK_REPLY, Text: More like this}

    Passes:
        TemplateType: WHATSAPP
        Name: autumn_collection
        Language: en_US
        Category: MARKETING
        Components:
          - {Type: BODY, Text: Our autumn collection has arrived. Swipe to see the highlights.}
          - Type: CAROUSEL
            Cards:
              - CardComponents:
                  - {Type: HEADER, Format: IMAGE, Url: "https://cdn.example.com/c/coat.jpg"}
                  - {Type: BODY, Text: A warm wool coat for cold mornings.}
                  - Type: BUTTONS
                    Buttons:
                      - {Type: QUICK_REPLY, Text: More like this}
                      - {Type: URL, Text: Buy now, Url: "https://shop.example.com/coat", UrlType: static}
              - CardComponents:
                  - {Type: HEADER, Format: IMAGE, Url: "https://cdn.example.com/c/boots.jpg"}
                  - {Type: BODY, Text: Waterproof boots for rainy days.}
                  - Type: BUTTONS
                    Buttons:
                      - {Type: QUICK_REPLY, Text: More like this}
                      - {Type: URL, Text: Buy now, Url: "https://shop.example.com/boots", UrlType: static}
    """
    first: dict[Node | None, list[Node]] = {}  # the first card's buttons, per carousel
    for card, parts in _cards(t):
        # Buttons past the second are CR002's, and unknown types the schema's.
        buttons = _card_buttons(t, parts)[:MAX_CARD_BUTTONS]
        if any(b.type not in CARD_BUTTONS for b in buttons):
            continue
        expected = first.setdefault(card.parent, buttons)
        if buttons is not expected:
            yield from _buttons_differ(card, parts, buttons, expected)


def _buttons_differ(
    card: Node, parts: list[Node], buttons: list[Node], expected: list[Node]
) -> Iterator[Finding]:
    kinds = [b.type for b in buttons]
    if kinds == [b.type for b in expected]:
        return
    index = next(
        (
            i
            for i, (a, b) in enumerate(zip(buttons, expected, strict=False))
            if a.type != b.type
        ),
        min(len(buttons), len(expected)),
    )
    if index < len(buttons):
        where = buttons[index].pointer
    else:
        owners = [p for p in parts if p.type == "BUTTONS"]
        where = owners[-1].pointer if owners else card.at("CardComponents")
    yield Finding(
        where,
        f"This carousel card's buttons ({_names(buttons)}) differ from the first "
        f"card's ({_names(expected)}); every card needs the same.",
    )


@rule(
    "CR008",
    "carousel-outside-marketing",
    scope=Scope.COMPONENT,
    severity=Severity.WARNING,
    channels=WHATSAPP,
    types={"CAROUSEL"},
    evidence=(
        meta(
            META_CAROUSEL_URL,
            "Meta, Media card carousel templates",
            "Note that carousel cards are only available for marketing template "
            "messages.",
            Outcome.UNSTATED,
        ),
    ),
)
def carousel_outside_marketing(t: TemplateView, c: Node) -> Iterator[Finding]:
    """A WhatsApp template with a CAROUSEL is not a MARKETING template.

    Why: Meta offers carousel cards only in marketing templates, so a UTILITY or
    AUTHENTICATION template with one asks for something Meta does not offer. A
    warning: the page says where carousels are available, not what happens to a
    template that has one elsewhere (compare LO005, whose page lists it among the
    limitations).

    Fails:
        TemplateType: WHATSAPP
        Name: delivery_options
        Language: en_US
        Category: UTILITY
        Components:
          - {Type: BODY, Text: Choose how you would like your parcel delivered.}
          - Type: CAROUSEL
            Cards:
              - CardComponents:
                  - {Type: HEADER, Format: IMAGE, Url: "https://cdn.example.com/door.png"}
                  - Type: BUTTONS
                    Buttons: [{Type: QUICK_REPLY, Text: To my door}]
              - CardComponents:
                  - {Type: HEADER, Format: IMAGE, Url: "https://cdn.example.com/locker.png"}
                  - Type: BUTTONS
                    Buttons: [{Type: QUICK_REPLY, Text: To a locker}]

    Passes:
        TemplateType: WHATSAPP
        Name: delivery_options
        Language: en_US
        Category: MARKETING
        Components:
          - {Type: BODY, Text: Choose how you would like your parcel delivered.}
          - Type: CAROUSEL
            Cards:
              - CardComponents:
                  - {Type: HEADER, Format: IMAGE, Url: "https://cdn.example.com/door.png"}
                  - Type: BUTTONS
                    Buttons: [{Type: QUICK_REPLY, Text: To my door}]
              - CardComponents:
                  - {Type: HEADER, Format: IMAGE, Url: "https://cdn.example.com/locker.png"}
                  - Type: BUTTONS
                    Buttons: [{Type: QUICK_REPLY, Text: To a locker}]
    """
    if t.category_known and t.category != "MARKETING":
        yield Finding(
            c.at("Type"),
            f"Carousels are only available in MARKETING templates, not in "
            f"{shorten(t.category)}.",
        )


@rule(
    "CR009",
    "cards-outside-carousel",
    scope=Scope.COMPONENT,
    severity=Severity.WARNING,
    members={"Cards"},
    evidence=(
        create_page(
            "`Cards`",
            "The list of cards for a carousel template.",
            Outcome.NOT_APPLICABLE,
        ),
        inference(
            "Cards describe the cards of a CAROUSEL component; on any other "
            "component nothing reads them."
        ),
    ),
)
def cards_outside_carousel(t: TemplateView, c: Node) -> Iterator[Finding]:
    """`Cards` holds cards on a component whose `Type` is not CAROUSEL.

    Why: only a CAROUSEL component shows cards; cards put on a BODY or a BUTTONS
    component are not shown, and the template arrives without them. An empty
    list (`Cards: []`, which the official SDK sends on every component) is not
    reported.

    Fails:
        TemplateType: WHATSAPP
        Name: delivery_options
        Language: en_US
        Category: MARKETING
        Components:
          - Type: BODY
            Text: Choose how you would like your parcel delivered.
            Cards:
              - CardComponents:
                  - {Type: HEADER, Format: IMAGE, Url: "https://cdn.example.com/door.png"}

    Passes:
        TemplateType: WHATSAPP
        Name: delivery_options
        Language: en_US
        Category: MARKETING
        Components:
          - Type: BODY
            Text: Choose how you would like your parcel delivered.
            Cards: []
    """
    cards = c.value.get("Cards")
    if c.type is not None and c.type != "CAROUSEL" and cards not in (None, []):
        yield Finding(
            c.at("Cards"),
            f"'Cards' is only read on a CAROUSEL component, not on {shorten(c.type)}.",
            at_key=True,
        )


RULES = (
    carousel_header_formats_differ,
    carousel_card_too_many_buttons,
    carousel_card_count,
    carousel_card_header,
    carousel_card_body,
    carousel_card_body_too_long,
    carousel_card_buttons_differ,
    carousel_outside_marketing,
    cards_outside_carousel,
)
