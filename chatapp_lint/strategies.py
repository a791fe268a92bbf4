"""Hypothesis strategies for valid templates, for our tests and for yours.

`valid_templates()` draws templates that chatapp-lint accepts without a single
violation, for every channel and category: WhatsApp UTILITY, MARKETING (plain,
carousel, limited-time offer) and AUTHENTICATION (copy code, one-tap, zero-tap),
and Viber text, image, video and document messages. A program that builds
templates can property-test itself against them::

    from hypothesis import given
    from chatapp_lint import lint
    from chatapp_lint.strategies import valid_templates

    @given(valid_templates(channel="WHATSAPP", category="MARKETING"))
    def test_my_renderer_keeps_templates_valid(template):
        assert lint(my_renderer(template)) == []

Requires hypothesis (installed with the `test` extra); linting never imports this.
"""

from __future__ import annotations

from typing import Any, Final

from hypothesis import strategies as st

Template = dict[str, Any]

WORDS: Final = (
    "your order has shipped and will arrive soon thank you for shopping with us "
    "today the parcel is ready at our store new offer this week see details "
    "account payment received balance updated booking confirmed"
).split()
LANGUAGES: Final = ("en", "en_US", "en_GB", "id", "pt_BR", "es_MX", "fr", "de", "ja")
PHONE_NUMBERS: Final = (
    "+14155552671",
    "+6281234567890",
    "+442079460958",
    "+5511987654321",
)
LABELS: Final = (
    "Yes",
    "No",
    "Track parcel",
    "Call us",
    "Show me more",
    "Not now",
    "Book a slot",
    "Visit store",
)
APPS: Final = (
    ("com.example.shop", "K8a/AINcGX7"),
    ("com.example.bank.app", "Zp3+rT9wQ1m"),
    ("id.example.wallet", "abcdefghijk"),
)
MEDIA: Final = {
    "IMAGE": "https://cdn.example.com/media/banner.jpg",
    "VIDEO": "https://cdn.example.com/media/clip.mp4",
    "DOCUMENT": "https://cdn.example.com/media/terms.pdf",
}
WHATSAPP_CATEGORIES: Final = ("UTILITY", "MARKETING", "AUTHENTICATION")


def sentences(min_words: int = 4, max_words: int = 24) -> st.SearchStrategy[str]:
    """Plain sentences of vocabulary words: no variables, markup or odd spacing."""
    return st.lists(st.sampled_from(WORDS), min_size=min_words, max_size=max_words).map(
        lambda words: " ".join(words).capitalize() + "."
    )


def names() -> st.SearchStrategy[str]:
    """Template names Meta accepts: lower-case letters, digits and underscores."""
    return st.from_regex(r"[a-z][a-z0-9_]{2,40}", fullmatch=True)


def _envelope(channel: str, category: str) -> st.SearchStrategy[Template]:
    return st.fixed_dictionaries(
        {
            "TemplateType": st.just(channel),
            "Name": names(),
            "Language": st.sampled_from(LANGUAGES),
            "Category": st.just(category),
        }
    )


def _url_button(path: str) -> Template:
    return {
        "Type": "URL",
        "Text": "Open page",
        "Url": f"https://shop.example.com/{path}",
        "UrlType": "static",
    }


@st.composite
def whatsapp_buttons(draw: st.DrawFn, category: str) -> list[Template]:
    """A valid button list: quick replies grouped before or after the rest."""
    quick: list[Template] = [
        {"Type": "QUICK_REPLY", "Text": label}
        for label in draw(st.lists(st.sampled_from(LABELS), max_size=4, unique=True))
    ]
    if quick and category == "MARKETING" and draw(st.booleans()):
        quick[-1]["IsOptOut"] = True
    others = [_url_button(f"page{i}") for i in range(draw(st.integers(0, 2)))]
    if draw(st.booleans()):
        phone = draw(st.sampled_from(PHONE_NUMBERS))
        others.insert(
            draw(st.integers(0, len(others))),
            {"Type": "PHONE_NUMBER", "Text": "Call us", "PhoneNumber": phone},
        )
    buttons = quick + others if draw(st.booleans()) else others + quick
    return buttons or [{"Type": "QUICK_REPLY", "Text": "Yes"}]


@st.composite
def _header(draw: st.DrawFn) -> Template:
    kind = draw(st.sampled_from(("TEXT", "IMAGE", "VIDEO", "DOCUMENT")))
    if kind == "TEXT":
        return {"Type": "HEADER", "Format": "TEXT", "Text": draw(sentences(1, 5))}
    header = {"Type": "HEADER", "Format": kind, "Url": MEDIA[kind]}
    if draw(st.booleans()):
        header["Caption"] = draw(sentences(1, 5))
    return header


@st.composite
def standard_whatsapp(draw: st.DrawFn, category: str) -> Template:
    """A UTILITY or MARKETING template: header, body, footer and buttons."""
    template = draw(_envelope("WHATSAPP", category))
    components: list[Template] = []
    if draw(st.booleans()):
        components.append(draw(_header()))
    components.append({"Type": "BODY", "Text": draw(sentences())})
    if draw(st.booleans()):
        components.append({"Type": "FOOTER", "Text": draw(sentences(1, 5))})
    if draw(st.booleans()):
        components.append(
            {"Type": "BUTTONS", "Buttons": draw(whatsapp_buttons(category))}
        )
    template["Components"] = components
    if category == "UTILITY" and draw(st.booleans()):
        template["MessageSendTtlSeconds"] = draw(st.integers(30, 43_200))
    return template


@st.composite
def authentication(draw: st.DrawFn) -> Template:
    """A copy-code, one-tap or zero-tap AUTHENTICATION template."""
    template = draw(_envelope("WHATSAPP", "AUTHENTICATION"))
    body: Template = {"Type": "BODY"}
    if draw(st.booleans()):
        body["AddSecretRecommendation"] = draw(st.booleans())
    kind = draw(st.sampled_from(("COPY_CODE", "ONE_TAP", "ZERO_TAP")))
    button: Template = {"Type": kind, "Text": "Copy code"}
    if kind != "COPY_CODE":
        button["AutofillText"] = draw(st.sampled_from(("Autofill", "Fill in code")))
        apps = draw(
            st.lists(st.sampled_from(APPS), min_size=1, max_size=3, unique=True)
        )
        button["SupportedApps"] = [
            {"PackageName": p, "SignatureHash": h} for p, h in apps
        ]
    components = [body]
    expiry = draw(st.none() | st.integers(1, 90))
    if expiry is not None:
        components.append({"Type": "FOOTER", "CodeExpirationMinutes": expiry})
    components.append({"Type": "BUTTONS", "Buttons": [button]})
    template["Components"] = components
    if draw(st.booleans()):
        limit = 900 if expiry is None else min(900, max(30, expiry * 60))
        template["MessageSendTtlSeconds"] = draw(st.integers(30, limit))
    return template


@st.composite
def carousel(draw: st.DrawFn) -> Template:
    """A MARKETING media-card carousel with 2 to 10 matching cards."""
    template = draw(_envelope("WHATSAPP", "MARKETING"))
    media = draw(st.sampled_from(("IMAGE", "VIDEO")))
    kinds = draw(st.sampled_from((["QUICK_REPLY"], ["URL"], ["QUICK_REPLY", "URL"])))
    cards = []
    for index in range(draw(st.integers(2, 10))):
        buttons = [
            {"Type": "QUICK_REPLY", "Text": "More like this"}
            if kind == "QUICK_REPLY"
            else _url_button(f"card{index}")
            for kind in kinds
        ]
        cards.append(
            {
                "CardComponents": [
                    {"Type": "HEADER", "Format": media, "Url": MEDIA[media]},
                    {"Type": "BODY", "Text": draw(sentences(3, 12))},
                    {"Type": "BUTTONS", "Buttons": buttons},
                ]
            }
        )
    template["Components"] = [
        {"Type": "BODY", "Text": draw(sentences())},
        {"Type": "CAROUSEL", "Cards": cards},
    ]
    return template


@st.composite
def limited_time_offer(draw: st.DrawFn) -> Template:
    """A MARKETING limited-time offer: coupon first, then a URL button."""
    template = draw(_envelope("WHATSAPP", "MARKETING"))
    components: list[Template] = []
    if draw(st.booleans()):
        media = draw(st.sampled_from(("IMAGE", "VIDEO")))
        components.append({"Type": "HEADER", "Format": media, "Url": MEDIA[media]})
    components += [
        {
            "Type": "LIMITED_TIME_OFFER",
            "Text": draw(
                st.sampled_from(("Expiring offer!", "Ends soon", "Today only"))
            ),
            "HasExpiration": draw(st.booleans()),
        },
        {"Type": "BODY", "Text": draw(sentences())},
        {
            "Type": "BUTTONS",
            "Buttons": [
                {
                    "Type": "COPY_CODE",
                    "CouponCode": draw(
                        st.from_regex(r"[A-Z0-9]{4,15}", fullmatch=True)
                    ),
                },
                _url_button("offer"),
            ],
        },
    ]
    template["Components"] = components
    return template


@st.composite
def viber(draw: st.DrawFn) -> Template:
    """A Viber text, image, video or document message, with at most one URL button."""
    category = draw(st.sampled_from(("UTILITY", "MARKETING", "text", "text_image")))
    # (`text` and `text_image` stand for the content types: the one that fits is used.)
    template = draw(_envelope("VIBER", category))
    media = draw(st.sampled_from((None, "IMAGE", "VIDEO", "DOCUMENT")))
    components: list[Template] = []
    if media is not None:
        header: Template = {"Type": "HEADER", "Format": media, "Url": MEDIA[media]}
        if media == "VIDEO":
            header |= {
                "ThumbUrl": "https://cdn.example.com/media/thumb.jpg",
                "Duration": draw(st.integers(1, 600)),
            }
        if media == "DOCUMENT":
            header |= {"FileName": "terms.pdf", "FileType": "pdf"}
        components.append(header)
    components.append({"Type": "BODY", "Text": draw(sentences())})
    has_button = draw(st.booleans())
    if has_button:
        button: Template = {"Type": "URL", "Text": draw(st.sampled_from(LABELS))}
        if media != "VIDEO":
            button["Url"] = "https://shop.example.com/viber"
        components.append({"Type": "BUTTONS", "Buttons": [button]})
    template["Components"] = components
    if category not in ("UTILITY", "MARKETING"):
        # A content type names the message's parts (VB016): name these ones.
        template["Category"] = _content_type(media, has_button)
    return template


def _content_type(media: str | None, button: bool) -> str:
    """The Viber content type of a text with this header and button, if it has one."""
    if media == "DOCUMENT":
        return "MARKETING" if button else "document"
    parts = [
        "text",
        *([media.lower()] if media else []),
        *(["button"] if button else []),
    ]
    return "_".join(parts)


def valid_templates(
    channel: str | None = None, category: str | None = None
) -> st.SearchStrategy[Template]:
    """Templates that lint clean, optionally of one channel and category."""
    choices: list[st.SearchStrategy[Template]] = []
    if channel in (None, "WHATSAPP"):
        if category in (None, "UTILITY"):
            choices.append(standard_whatsapp("UTILITY"))
        if category in (None, "MARKETING"):
            choices += [
                standard_whatsapp("MARKETING"),
                carousel(),
                limited_time_offer(),
            ]
        if category in (None, "AUTHENTICATION"):
            choices.append(authentication())
    if channel in (None, "VIBER"):
        choices.append(viber().filter(lambda t: category in (None, t["Category"])))
    if not choices:
        raise ValueError(
            f"no templates of channel {channel!r} and category {category!r}"
        )
    return st.one_of(choices)
