"""Parser errors for the common slips say how to mend them, and point at the slip."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from chatapp_lint.loader import Kind, load_bytes
from chatapp_lint.loader.hints import position


@pytest.mark.parametrize(
    ("kind", "text", "line", "column", "remedy"),
    [
        # JSON: the comma to delete, where it is.
        ("json", '{"a": 1,}', 1, 8, "delete it (JSON allows no trailing comma)"),
        ("json", '{\n  "a": [1, 2,\n  ]\n}', 2, 13, "last item of a list: delete it"),
        ("json", '{\n  "a": 1,\n}\n', 2, 9, "last member of an object: delete it"),
        # A missing comma: at the end of the line that lacks it.
        ("json", '{\n  "a": 1\n  "b": 2\n}', 2, 9, "comma is missing at the end"),
        ("json", '{"a": 1 "b": 2}', 1, 9, "comma is missing before this value"),
        ("json", '{"a": "say "hi" now"}', 1, 12, 'write it as \\" there'),
        ("json", "{'Name': 1}", 1, 2, "double quotes in JSON, not single"),
        ("json", "{\"Name\": 'x'}", 1, 10, "Strings take double quotes"),
        ("json", "{Name: 1}", 1, 2, "member name must be in double quotes"),
        ("json", '{"a": 1, // why\n "b": 2}', 1, 10, "JSON has no comments"),
        ("json", '{"a": "open\n}', 1, 12, "add the closing double quote"),
        ("json", '{"a": "tab\there"}', 1, 11, "written \\t"),
        ("json", '{"a": "never closed', 1, 7, "never closed"),
        ("json", '{"a": 1}\n{"b": 2}\n', 2, 1, "several in one list"),
        ("json", '{\n  "a": 1\n', 3, 1, "a closing } or ] is missing"),
        # YAML: tabs, open quotes, colons in values, backslashes.
        ("yaml", "Name: x\nComponents:\n\t- Type: BODY\n", 3, 1, "spaces only"),
        ("yaml", 'Name: "abc\nCategory: X\n', 1, 7, "never closed"),
        ("yaml", "Name: 'abc\n", 1, 7, "never closed"),
        ("yaml", "Text: Note: this\n", 1, 11, "put the whole value in quotes"),
        ("yaml", 'Url: "C:\\dir"\n', 1, 9, "write \\\\, or put the value in single"),
    ],
)
def test_a_common_slip_says_how_to_mend_it(
    kind: Kind, text: str, line: int, column: int, remedy: str
) -> None:
    document = load_bytes(text.encode("utf-8"), kind)
    (problem,) = document.problems
    assert problem.code == "FL003"
    assert remedy in problem.message
    assert (problem.position.line, problem.position.column) == (line, column)
    assert "\n" not in problem.message


@pytest.mark.parametrize(
    ("kind", "text"),
    [
        ("json", '{"a": 1 x}'),  # no single slip to name
        ("yaml", "a: [1, 2\nb: 3\n"),
    ],
)
def test_other_errors_keep_the_parsers_words_alone(kind: Kind, text: str) -> None:
    (problem,) = load_bytes(text.encode("utf-8"), kind).problems
    assert problem.message.count(".") == 1, problem.message


@given(st.text(alphabet="ab\n\t é😀", max_size=40), st.data())
def test_position_counts_lines_and_code_points(text: str, data: st.DataObject) -> None:
    index = data.draw(st.integers(0, len(text)))
    where = position(text, index)
    before = text[:index].split("\n")
    assert where.line == len(before)
    assert where.column == len(before[-1]) + 1


@given(
    st.text(alphabet="{}[]\",:' \n\tab1/\\-#", max_size=60),
    st.sampled_from(["json", "yaml"]),
)
def test_any_broken_text_gets_one_line_inside_the_text(text: str, kind: Kind) -> None:
    document = load_bytes(text.encode("utf-8"), kind)
    # PyYAML may stop on the line after the last (its stream ends with a break).
    lines = [*text.split("\n"), ""]
    for problem in document.problems:
        assert "\n" not in problem.message
        assert 1 <= problem.position.line <= len(lines)
        assert 1 <= problem.position.column <= len(lines[problem.position.line - 1]) + 1
