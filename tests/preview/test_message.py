"""What each template draws: parts, fixed texts, directions and findings' places."""

from __future__ import annotations

from typing import Any

import pytest

from chatapp_lint.model import Severity, Violation
from chatapp_lint.preview.message import Button, assign, build, direction


def _text(spans: Any) -> str:
    return "".join(span.text for span in spans)


def test_authentication_draws_metas_fixed_texts() -> None:
    message = build(
        {
            "TemplateType": "WHATSAPP",
            "Category": "AUTHENTICATION",
            "Components": [
                {"Type": "BODY", "AddSecretRecommendation": True},
                {"Type": "FOOTER", "CodeExpirationMinutes": 10},
                {"Type": "BUTTONS", "Buttons": [{"Type": "COPY_CODE", "Text": "Copy"}]},
            ],
        }
    )
    assert message.body is not None
    assert message.footer is not None
    assert _text(message.body.text) == (
        "123456 is your verification code. For your security, do not share this code."
    )
    assert message.body.text[0].variable == "code"
    assert _text(message.footer.text) == "This code expires in 10 minutes."
    assert [b.kind for b in message.buttons] == ["copy_code"]


def test_authentication_without_recommendation_has_the_code_line_only() -> None:
    message = build({"Category": "AUTHENTICATION", "Components": [{"Type": "BODY"}]})
    assert message.body is not None
    assert _text(message.body.text) == "123456 is your verification code."


def test_buttons_carry_what_they_do() -> None:
    message = build(
        {
            "Components": [
                {
                    "Type": "BUTTONS",
                    "Buttons": [
                        {"Type": "URL", "Text": "Go", "Url": "https://a.example/$(id)"},
                        {"Type": "PHONE_NUMBER", "Text": "Call", "PhoneNumber": "+1"},
                        {"Type": "QUICK_REPLY", "Text": "Stop", "IsOptOut": True},
                    ],
                }
            ],
            "Example": {"id": "42"},
        }
    )
    assert [(b.kind, b.icon, b.detail) for b in message.buttons] == [
        ("url", "link", "https://a.example/42"),
        ("phone_number", "phone", "+1"),
        ("quick_reply", "reply", "Marketing opt-out"),
    ]


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("ar", "rtl"),
        ("he", "rtl"),
        ("fa_IR", "rtl"),
        ("ur", "rtl"),
        ("en_US", "ltr"),
        ("", "ltr"),
        ("arn", "ltr"),
    ],
)
def test_direction(language: str, expected: str) -> None:
    assert direction(language) == expected


@pytest.mark.parametrize(
    "template",
    [
        {},
        {"Components": "nope"},
        {"Components": [1, None, {"Type": 3}]},
        {"Components": [{"Type": "CAROUSEL", "Cards": [{"CardComponents": 5}]}]},
        {"Components": [{"Type": "HEADER", "Format": ["IMAGE"], "Url": {}}]},
    ],
)
def test_any_shape_is_drawn_as_far_as_it_goes(template: dict[str, Any]) -> None:
    build(template)


def _violation(pointer: str) -> Violation:
    return Violation(
        file=None,
        line=None,
        column=None,
        code="XX001",
        rule="x",
        severity=Severity.ERROR,
        message="m",
        template=0,
        pointer=pointer,
    )


def test_findings_go_to_the_most_specific_part() -> None:
    message = build(
        {
            "Components": [
                {"Type": "BODY", "Text": "x"},
                {"Type": "BUTTONS", "Buttons": [{"Type": "URL", "Text": "a"}]},
            ]
        }
    )
    button = _violation("/Components/1/Buttons/0/Url")
    buttons = _violation("/Components/1/Buttons")
    whole = _violation("/Name")
    left = assign(message, [button, buttons, whole])
    assert left == [whole]
    (drawn,) = message.buttons
    assert isinstance(drawn, Button)
    assert drawn.findings == [button]
    assert drawn.worst == "error"
    assert [p.findings for p in message.parts if p.kind == "buttons"] == [[buttons]]


def test_the_offer_block_shows_the_coupon() -> None:
    message = build(
        {
            "Components": [
                {
                    "Type": "LIMITED_TIME_OFFER",
                    "Text": "Last day",
                    "HasExpiration": True,
                },
                {
                    "Type": "BUTTONS",
                    "Buttons": [{"Type": "COPY_CODE", "CouponCode": "SAVE25"}],
                },
            ]
        }
    )
    assert message.offer is not None
    assert _text(message.offer.text) == "Last day"
    assert message.offer.coupon == "SAVE25"
    assert message.offer.note


def test_a_repeated_part_is_drawn_once_and_its_findings_stay_visible() -> None:
    message = build(
        {
            "Components": [
                {"Type": "BODY", "Text": "first"},
                {"Type": "BODY", "Text": "second"},
            ]
        }
    )
    assert message.body is not None
    assert _text(message.body.text) == "second"
    first = _violation("/Components/0/Text")
    assert assign(message, [first]) == [first]


def test_a_document_without_file_type_takes_its_names_extension() -> None:
    message = build(
        {
            "Components": [
                {
                    "Type": "HEADER",
                    "Format": "DOCUMENT",
                    "Url": "https://a.example/x.PDF?v=2",
                }
            ]
        }
    )
    assert message.header is not None
    assert message.header.file_type == "PDF"
