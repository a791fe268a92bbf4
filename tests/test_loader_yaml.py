"""The YAML loader: 1.2 core scalars, exact positions, and hostile input refused."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from chatapp_lint.loader import Document, load_bytes, load_path, yaml_source
from chatapp_lint.loader.limits import MAX_ALIAS_NODES, MAX_DEPTH
from chatapp_lint.model import Position

FILES = Path(__file__).parent / "files"
BROKEN = FILES / "broken"

# The whole-file problems, one file per failure: (file, code, pointer, line, column).
BROKEN_YAML = [
    ("duplicate-key.yaml", "FL004", "/Name", 3, 1),
    ("two-documents.yaml", "FL003", "", 2, 1),
    ("python-tag.yaml", "FL007", "/Name", 1, 7),
    ("billion-laughs.yaml", "FL007", "", 5, 8),
    ("comments-only.yaml", "FL005", "", 1, 1),
    ("latin1.yaml", "FL002", "", 2, 12),
]


def _problems(document: Document) -> list[tuple[str, str, int, int]]:
    return [
        (p.code, p.pointer, p.position.line, p.position.column)
        for p in document.problems
    ]


def _yaml(text: str) -> Document:
    return load_bytes(text.encode("utf-8"), "yaml")


@pytest.mark.parametrize(("name", "code", "pointer", "line", "column"), BROKEN_YAML)
def test_a_broken_file_is_one_problem_at_its_place(
    name: str, code: str, pointer: str, line: int, column: int
) -> None:
    assert _problems(load_path(BROKEN / name)) == [(code, pointer, line, column)]


# YAML 1.2 core schema: what a template author wrote stays what they meant (A.8).
@pytest.mark.parametrize(
    ("scalar", "value"),
    [
        ("No", "No"),
        ("no", "no"),
        ("on", "on"),
        ("Yes", "Yes"),
        ("y", "y"),
        ("off", "off"),
        ("true", True),
        ("False", False),
        ("TRUE", True),
        ("tRUE", "tRUE"),
        ("~", None),
        ("null", None),
        ("Null", None),
        ("", None),
        ("nULL", "nULL"),
        ("012", 12),
        ("-7", -7),
        ("+3", 3),
        ("0o12", 10),
        ("0x1F", 31),
        ("0b101", "0b101"),
        ("1_000", "1_000"),
        ("2024-01-01", "2024-01-01"),
        ("12:30:00", "12:30:00"),
        ("1.5", 1.5),
        ("1.", 1.0),
        (".5", 0.5),
        ("1e3", 1000.0),
        ("-2.5E-1", -0.25),
        ("'012'", "012"),
        ('"true"', "true"),
        ("!!str 12", "12"),
        ("!!int '12'", 12),
        ("!!float 1", 1.0),
        ("! 12", "12"),
        ("123abc", "123abc"),
        ("<<", "<<"),
    ],
)
def test_scalars_follow_the_yaml_1_2_core_schema(scalar: str, value: Any) -> None:
    document = _yaml(f"Text: {scalar}\n")
    assert document.problems == ()
    loaded = document.value["Text"]
    assert loaded == value
    assert type(loaded) is type(value)


def test_keys_are_their_text() -> None:
    document = _yaml("123: a\nnull: b\ntrue: c\n'x': d\n~: e\n<<: f\n")
    assert document.value == {
        "123": "a",
        "null": "b",
        "true": "c",
        "x": "d",
        "~": "e",
        "<<": "f",
    }


def test_an_anchored_key_can_be_repeated_as_a_value() -> None:
    assert _yaml("&k Name: a\nOther: *k\n").value == {"Name": "a", "Other": "Name"}


def test_a_duplicate_key_keeps_the_last_value_and_is_reported_at_the_second() -> None:
    document = _yaml("a: 1\nb:\n  c: 1\n  c: [2]\na: 3\n")
    assert document.value == {"a": 3, "b": {"c": [2]}}
    assert _problems(document) == [("FL004", "/b/c", 4, 3), ("FL004", "/a", 5, 1)]
    assert document.source_map is not None
    assert document.source_map.position("/a") == Position(5, 4)
    assert document.source_map.position("/b/c/0") == Position(4, 7)


def test_the_places_inside_a_repeated_keys_first_value_are_gone() -> None:
    document = _yaml("a: [1, {b: 2}]\na: x\n")
    assert document.source_map is not None
    assert document.source_map.position("/a") == Position(2, 4)
    assert document.source_map.position("/a/1/b") is None
    assert document.source_map.position("/a/0") is None


@pytest.mark.parametrize("bom", [b"", b"\xef\xbb\xbf"])
def test_a_byte_order_mark_is_accepted(bom: bytes) -> None:
    document = load_bytes(bom + "a: é\nb: 1\n".encode(), "yaml")
    assert document.value == {"a": "é", "b": 1}
    assert document.source_map is not None
    assert document.source_map.position("/b") == Position(2, 4)


@pytest.mark.parametrize(
    "text", ["", " \n\n\t\n", "# a\n# b\n", "---\n", "--- # c\n..."]
)
def test_an_empty_document_is_reported(text: str) -> None:
    document = _yaml(text)
    assert _problems(document) == [("FL005", "", 1, 1)]
    assert document.value is None


@pytest.mark.parametrize("text", ["''", "null", "~", "--- []"])
def test_an_explicit_empty_value_is_a_document(text: str) -> None:
    assert _yaml(text).problems == ()


def test_several_documents_are_a_syntax_error_at_the_second() -> None:
    assert _problems(_yaml("---\na: 1\n---\nb: 2\n")) == [("FL003", "", 3, 1)]


def test_a_document_end_marker_alone_is_fine() -> None:
    assert _yaml("a: 1\n...\n").value == {"a": 1}


@pytest.mark.parametrize(
    ("text", "line", "column", "reason"),
    [
        ("a: [1, 2\nb: 3\n", 2, 2, "expected ',' or ']'"),
        ("a: b: c\n", 1, 5, "mapping values are not allowed"),
        ("a:\n\t- 1\n", 2, 1, "cannot start any token"),
        ("x: 😀\n- \x01\n", 2, 3, "control characters"),
        ("a: *nowhere\n", 1, 4, "refers to no anchor"),
    ],
)
def test_a_syntax_error_is_where_the_parser_stops(
    text: str, line: int, column: int, reason: str
) -> None:
    document = _yaml(text)
    assert _problems(document) == [("FL003", "", line, column)]
    assert reason in document.problems[0].message
    assert document.value is None


def test_a_python_tag_is_refused_and_never_run(tmp_path: Path) -> None:
    marker = tmp_path / "ran"
    text = f'Name: !!python/object/apply:os.system ["touch {marker}"]\nLanguage: en\n'
    document = _yaml(text)
    assert _problems(document) == [("FL007", "/Name", 1, 7)]
    assert document.value == {"Name": None, "Language": "en"}
    assert not marker.exists()


@pytest.mark.parametrize(
    ("text", "problem", "value"),
    [
        ("a: !!binary aGk=\n", ("FL007", "/a", 1, 4), {"a": None}),
        ("a: !custom {x: [1]}\nb: 2\n", ("FL007", "/a", 1, 4), {"a": None, "b": 2}),
        ("a: !!set {x: null}\n", ("FL007", "/a", 1, 4), {"a": None}),
        ("a: !!omap [x: 1]\n", ("FL007", "/a", 1, 4), {"a": None}),
        ("a: !!timestamp 2024-01-01\n", ("FL007", "/a", 1, 4), {"a": None}),
        ("a: !!int abc\n", ("FL007", "/a", 1, 4), {"a": None}),
        ("a: !!map [1]\n", ("FL007", "/a", 1, 4), {"a": None}),
        ("? [a]\n: 1\nb: 2\n", ("FL007", "", 1, 3), {"b": 2}),
        ("{[a]: 1, b: 2}\n", ("FL007", "", 1, 2), {"b": 2}),
        ("k: &k x\n*k : 1\n", ("FL007", "", 2, 1), {"k": "x"}),
        ("!custom a: 1\nb: 2\n", ("FL007", "", 1, 1), {"b": 2}),
    ],
)
def test_unsupported_yaml_is_refused_where_it_is(
    text: str, problem: tuple[str, str, int, int], value: Any
) -> None:
    document = _yaml(text)
    assert _problems(document) == [problem]
    assert document.value == value


def test_a_recursive_alias_is_reported_not_followed() -> None:
    document = _yaml("a: &a [1, *a]\nb: &b {c: *b}\n")
    assert _problems(document) == [("FL007", "/a/1", 1, 11), ("FL007", "/b/c", 2, 11)]
    assert document.value == {"a": [1, None], "b": {"c": None}}


def test_aliases_within_the_limit_are_expanded_with_positions() -> None:
    text = "base: &b\n  Type: URL\n  Text: Go\nbuttons:\n  - *b\n  - {<<: x}\n"
    document = _yaml(text)
    assert document.problems == ()
    assert document.value["buttons"][0] == {"Type": "URL", "Text": "Go"}
    source_map = document.source_map
    assert source_map is not None
    # The alias itself is where the repeated value is written; inside, the anchor's.
    assert source_map.position("/buttons/0") == Position(5, 5)
    assert source_map.position("/buttons/0/Text") == Position(3, 9)
    assert source_map.position("/buttons/0/Text", key=True) == Position(3, 3)
    assert source_map.position("/buttons/1/<<") == Position(6, 10)


def test_billion_laughs_is_refused_quickly() -> None:
    started = time.perf_counter()
    document = load_path(BROKEN / "billion-laughs.yaml")
    assert time.perf_counter() - started < 0.5
    assert document.value is None
    assert str(MAX_ALIAS_NODES) in document.problems[0].message


def test_many_small_aliases_add_up_to_the_limit() -> None:
    # Each alias of a one-item list adds two values: the list and its item. The
    # aliases stand in lists of 500, under the limit on items in one list.
    def aliases(count: int) -> str:
        rows = [", ".join(["*a"] * min(500, count - i)) for i in range(0, count, 500)]
        return "a: &a [1]\nb:\n" + "".join(f"  - [{row}]\n" for row in rows)

    count = MAX_ALIAS_NODES // 2
    assert [p.code for p in _yaml(aliases(count + 1)).problems] == ["FL007"]
    assert _yaml(aliases(count)).problems == ()


@pytest.mark.parametrize(
    ("text", "line", "column"),
    [
        ("[" * 100_000 + "]" * 100_000, 1, MAX_DEPTH + 1),
        ("- " * 100_000 + "x", 1, 2 * MAX_DEPTH + 1),
        (
            "a:\n" + "".join(" " * n + "a:\n" for n in range(1, 200)),
            MAX_DEPTH + 1,
            MAX_DEPTH + 1,
        ),
        ("{a: " * 100_000, 1, 4 * MAX_DEPTH + 1),
        ("? " + "[" * 100_000, 1, MAX_DEPTH + 2),
    ],
)
def test_too_deep_is_refused_quickly(text: str, line: int, column: int) -> None:
    started = time.perf_counter()
    document = _yaml(text)
    assert time.perf_counter() - started < 1.0
    assert _problems(document) == [("FL008", "", line, column)]
    assert document.value is None


def test_the_parsers_own_nesting_limit_is_fl008_too() -> None:
    # libyaml 0.2.5 (PyYAML 6.0.4) refuses 1,000 levels itself, and can do so
    # before this loader has counted 64; whichever notices, the file is FL008.
    # Where the text before the parser's refusal is not too deep by this
    # loader's count, the parser's own position is reported.
    mark = yaml.Mark("<file>", 7, 0, 7, None, None)
    refused = yaml.scanner.ScannerError(
        "while increasing flow level", mark, "exceeded maximum nesting depth", mark
    )
    document = yaml_source._too_deep("[" * 10 + "]" * 10, lambda text: text, refused)
    assert _problems(document) == [("FL008", "", 1, 8)]


@pytest.mark.parametrize(
    ("depth", "too_deep"), [(MAX_DEPTH, False), (MAX_DEPTH + 1, True)]
)
def test_the_depth_limit_counts_containers(depth: int, too_deep: bool) -> None:
    problems = _problems(_yaml("[" * depth + "]" * depth))
    assert problems == ([("FL008", "", 1, MAX_DEPTH + 1)] if too_deep else [])


@pytest.mark.parametrize(
    ("text", "pointer", "column"),
    [
        ("a: .nan\n", "/a", 4),
        ("a: [1, .inf]\n", "/a/1", 8),
        ("a: -.Inf\n", "/a", 4),
        ("a: !!float .NaN\n", "/a", 4),
        ("a: 1e400\n", "/a", 4),
        ("a: " + "9" * 5000 + "\n", "/a", 4),
    ],
)
def test_a_number_that_is_not_finite_becomes_none(
    text: str, pointer: str, column: int
) -> None:
    document = _yaml(text)
    assert _problems(document) == [("FL011", pointer, 1, column)]


def test_positions_of_a_hand_written_file() -> None:
    document = load_path(FILES / "positions.yaml")
    assert document.problems == ()
    assert document.value["Components"][1]["Buttons"][0]["Text"] == "No"
    source_map = document.source_map
    assert source_map is not None
    expected = {
        ("", False): (2, 1),
        ("/Name", True): (2, 1),
        ("/Name", False): (2, 7),
        ("/Components", True): (4, 1),
        ("/Components", False): (5, 3),
        ("/Components/0", False): (5, 5),
        ("/Components/0", True): (5, 5),
        ("/Components/0/Type", False): (5, 11),
        ("/Components/0/Text", True): (6, 5),
        ("/Components/0/Text", False): (6, 11),
        ("/Components/0/Example", False): (7, 14),
        ("/Components/0/Example/1", True): (7, 15),
        # After CJK text and emoji on the same line: columns are code points.
        ("/Components/0/Example/1", False): (7, 20),
        ("/Components/0/Example/2", True): (7, 23),
        ("/Components/0/Example/2", False): (7, 28),
        ("/Components/1/Buttons/0/Text", True): (11, 9),
        ("/Components/1/Buttons/0/Text", False): (11, 15),
        ("/Components/1/Buttons/1", False): (12, 9),
        ("/Components/1/Buttons/1/Text", True): (12, 21),
        ("/Components/1/Buttons/1/Text", False): (12, 27),
        ("/Components/1/Buttons/1/Url", True): (12, 34),
        ("/Components/1/Buttons/1/Url", False): (12, 39),
        ("/Ttl", False): (13, 6),
    }
    for (pointer, key), (line, column) in expected.items():
        assert source_map.position(pointer, key=key) == Position(line, column), pointer


@pytest.mark.parametrize("pointer", ["/Missing", "/Components/2", "/Name/0", "/Ttl/x"])
def test_a_pointer_the_document_does_not_have_has_no_position(pointer: str) -> None:
    source_map = load_path(FILES / "positions.yaml").source_map
    assert source_map is not None
    assert source_map.position(pointer) is None


def test_tab_indented_json_is_not_parsed_as_yaml_by_suffix(tmp_path: Path) -> None:
    # PyYAML rejects tab indentation (A.8); a `.json` file never goes through it.
    path = tmp_path / "t.json"
    path.write_text('{\n\t"a": 1\n}', encoding="utf-8")
    assert load_path(path).value == {"a": 1}
    with pytest.raises(yaml.YAMLError):
        yaml.safe_load('{\n\t"a": 1\n}')


@settings(max_examples=200)
@given(
    st.binary(max_size=200)
    | st.text(alphabet="&*!?:-[]{}#|>'\"\\ \n\tab01.~%@`,").map(str.encode)
)
def test_any_bytes_give_a_document(data: bytes) -> None:
    document = load_bytes(data, "yaml")
    assert isinstance(document, Document)
    for problem in document.problems:
        assert problem.position.line >= 1
        assert problem.position.column >= 1


def test_windows_line_ends_count_as_one() -> None:
    source_map = _yaml("a: 1\r\nb: [x, y]\r\n").source_map
    assert source_map is not None
    assert source_map.position("/b/1") == Position(2, 8)


_WITHOUT_LIBYAML = """
import json, sys
sys.modules["yaml._yaml"] = None  # as if PyYAML had been built without libyaml
from chatapp_lint.loader import load_bytes, yaml_core
assert yaml_core.Parser.__name__ == "_PythonParser"
out = []
for text in sys.argv[1:]:
    document = load_bytes(text.encode(), "yaml")
    where = [(p.code, p.pointer, p.position.line, p.position.column)
             for p in document.problems]
    at = document.source_map.position("/b/1") if document.source_map else None
    out.append([document.value, where, at and [at.line, at.column]])
print(json.dumps(out))
"""


def test_the_pure_python_parser_gives_the_same_documents() -> None:
    texts = [
        "a: No\nb: [😀, 012]\n",
        "a: 1\na: 2\n",
        "x: 😀\n- \x01\n",
        "[" * 1000 + "]" * 1000,
        "a: !!python/name:os.system x\n",
    ]
    result = subprocess.run(
        [sys.executable, "-c", _WITHOUT_LIBYAML, *texts],
        capture_output=True,
        text=True,
        check=True,
        cwd=FILES.parent.parent,
    )
    expected = []
    for text in texts:
        document = _yaml(text)
        at = document.source_map.position("/b/1") if document.source_map else None
        expected.append(
            [document.value, _problems(document), at and [at.line, at.column]]
        )
    assert json.loads(result.stdout) == json.loads(json.dumps(expected))


# Positions are worked out only when asked for: the lazy map must say exactly
# what recording them while reading says, and the limits must not depend on it.

_LAZY_FILES = [
    "a: 1\nb: [x, {c: d}]\n'': e\n",
    "base: &b {k: v, l: [1, 2]}\nuse: *b\nmore: [*b, *b]\n",
    "- &s one\n- *s\n- {x: *s}\n",
    "k: 1\nk: 2\nj: {k: 3}\n",
]


def _pointers(value: Any, pointer: str = "") -> list[str]:
    found = [pointer]
    if isinstance(value, dict):
        for key, item in value.items():
            found += _pointers(item, f"{pointer}/{key}")
    elif isinstance(value, list):
        for index, item in enumerate(value):
            found += _pointers(item, f"{pointer}/{index}")
    return found


@pytest.mark.parametrize("text", _LAZY_FILES)
def test_positions_found_later_are_those_found_while_reading(text: str) -> None:
    from chatapp_lint.loader.yaml_source import load_yaml

    lazy, eager = load_yaml(text), load_yaml(text, positions=True)
    assert lazy.value == eager.value
    assert lazy.problems == eager.problems
    assert lazy.source_map is not None
    assert eager.source_map is not None
    for pointer in [*_pointers(eager.value), "/nothing", "/a/deeper"]:
        for key in (False, True):
            expected = eager.source_map.position(pointer, key=key)
            assert lazy.source_map.position(pointer, key=key) == expected, pointer


@pytest.mark.parametrize("positions", [False, True])
def test_alias_limits_do_not_depend_on_positions(positions: bool) -> None:
    from chatapp_lint.loader.yaml_source import load_yaml

    text = (BROKEN / "billion-laughs.yaml").read_text(encoding="utf-8")
    assert [p.code for p in load_yaml(text, positions=positions).problems] == ["FL007"]

    # Each alias of `[[1, 2]]` adds four values; nested anchors count in full.
    def aliases(count: int) -> str:
        rows = [", ".join(["*a"] * min(500, count - i)) for i in range(0, count, 500)]
        body = "".join(f"  - [{row}]\n" for row in rows)
        return "i: &i [1, 2]\na: &a [*i]\nb:\n" + body

    count = (MAX_ALIAS_NODES - 3) // 4
    assert load_yaml(aliases(count), positions=positions).problems == ()
    over = load_yaml(aliases(count + 1), positions=positions).problems
    assert [p.code for p in over] == ["FL007"]
