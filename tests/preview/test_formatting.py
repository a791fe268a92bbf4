"""WhatsApp's text styles and the samples that replace variables."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from chatapp_lint.preview.formatting import Span, sample_text, spans


def test_styles_and_variables_become_spans() -> None:
    found = spans("Hi *$(first_name)*, _new_ ~old~ ```a *b*```", {"first_name": "Ana"})
    assert found == [
        Span("Hi "),
        Span("Ana", ("bold",), "first_name"),
        Span(", "),
        Span("new", ("italic",)),
        Span(" "),
        Span("old", ("strike",)),
        Span(" "),
        Span("a *b*", ("mono",)),
    ]


def test_markers_inside_words_and_names_stay_text() -> None:
    text = "a*b*c snake_case_name 2*3*4 $(snake_case)"
    found = spans(text, {"snake_case": "x"})
    assert [s.styles for s in found] == [(), ()]
    assert found[1] == Span("x", (), "snake_case")


def test_a_variable_without_a_sample_shows_its_placeholder() -> None:
    (span,) = spans("$(orderId)", {})
    assert span == Span("$(orderId)", (), "orderId", missing=True)
    assert span.classes == "var-missing"


def test_viber_text_is_not_styled() -> None:
    assert spans("*not bold*", {}, styled=False) == [Span("*not bold*")]


def test_line_breaks_are_kept() -> None:
    assert sample_text("one\ntwo $(x)", {"x": 3}) == "one\ntwo 3"


_TEXT = st.text(alphabet=st.sampled_from("ab *_~`$()\n\x00x"), max_size=40)


@given(_TEXT)
def test_styling_only_drops_markers(text: str) -> None:
    """Without variables, the spans hold the text less some style markers, in order."""
    drawn = "".join(span.text for span in spans(text, {}))
    letters = iter(text.replace("\x00", "\ufffd"))
    assert all(any(c == d for d in letters) for c in drawn)


@given(_TEXT, st.dictionaries(st.sampled_from(["x", "", "a b"]), st.text(max_size=5)))
def test_unstyled_spans_are_the_sample_text(text: str, example: dict[str, str]) -> None:
    joined = "".join(s.text for s in spans(text, example, styled=False))
    assert joined == sample_text(text, example)
