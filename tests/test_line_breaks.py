"""Lines are counted as YAML 1.2 and editors count them: CRLF, CR or LF, nothing else."""

from __future__ import annotations

import pytest

from chatapp_lint.engine import lint_document
from chatapp_lint.loader import load_bytes

TEMPLATE = (
    '{"TemplateType": "WHATSAPP",\n "Name": "order_update",\n "Language": "en-US",\n'
    ' "Category": "UTILITY",\n "Components": [{"Type": "BODY", "Text": "Hi"}]}\n'
)


@pytest.mark.parametrize("ending", ["\n", "\r\n", "\r"])
def test_json_positions_whatever_the_line_ends(ending: str) -> None:
    document = load_bytes(TEMPLATE.replace("\n", ending).encode(), "json")
    violations, _ = lint_document(document, "t.json")
    (language,) = [v for v in violations if v.code == "LG001"]
    assert (language.line, language.column) == (3, 14)


@pytest.mark.parametrize("ending", ["\n", "\r\n", "\r"])
def test_json_syntax_errors_are_placed_whatever_the_line_ends(ending: str) -> None:
    text = '{\n  "a": 1,\n  "b": [1, x]\n}\n'.replace("\n", ending)
    (problem,) = load_bytes(text.encode(), "json").problems
    assert (problem.code, problem.position.line, problem.position.column) == (
        "FL003",
        3,
        12,
    )


@pytest.mark.parametrize("character", ["\x85", "\u2028", "\u2029"])
def test_yaml_12_treats_nel_ls_and_ps_as_ordinary_characters(character: str) -> None:
    text = (
        f"TemplateType: WHATSAPP  # a comment{character} that goes on\n"
        f"Name: order{character}update\n"
        f'Language: "en{character}US"\n'
        "Category: [\n"
    )
    (problem,) = load_bytes(text.encode(), "yaml").problems
    assert problem.code == "FL003"
    assert (problem.position.line, problem.position.column) == (5, 1)
    document = load_bytes(text.removesuffix("Category: [\n").encode(), "yaml")
    assert not document.problems
    assert document.value == {
        "TemplateType": "WHATSAPP",
        "Name": f"order{character}update",
        "Language": f"en{character}US",
    }
    assert document.source_map is not None
    position = document.source_map.position("/Language")
    assert position is not None
    assert (position.line, position.column) == (3, 11)


def test_a_stand_in_already_in_the_file_is_not_reused() -> None:
    text = 'Name: "\u0100\x85\ue000\u2028\ue001\u2029"\n'
    assert load_bytes(text.encode(), "yaml").value == {
        "Name": "\u0100\x85\ue000\u2028\ue001\u2029"
    }


def test_inline_disables_count_lines_as_the_loader_does() -> None:
    text = (
        "Name: a\u2028b\x0cc\n"
        "# chatapp-lint: disable=LG001\n"
        "Language: en-US\r"
        "TemplateType: WHATSAPP\n"
    )
    document = load_bytes(text.encode(), "yaml")
    assert document.disabled == {3: frozenset({"LG001"})}
