"""The JSON loader: stdlib values, exact positions, every broken input a problem."""

from __future__ import annotations

import io
import json
import os
import sys
import time
from pathlib import Path, PurePath

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from chatapp_lint import loader
from chatapp_lint.loader import Document, json_source, load_bytes, load_path, sniff_kind
from chatapp_lint.loader.limits import MAX_DEPTH, MAX_FILE_BYTES
from chatapp_lint.model import Position
from chatapp_lint.pointer import resolve

FILES = Path(__file__).parent / "files"
BROKEN = FILES / "broken"

# The whole-file problems, one file per failure: (file, code, pointer, line, column).
BROKEN_JSON = [
    ("trailing-comma.json", "FL003", "", 1, 8),  # the comma to delete
    ("duplicate-key.json", "FL004", "/Name", 4, 5),
    ("latin1.json", "FL002", "", 2, 15),
    ("empty.json", "FL005", "", 1, 1),
    ("blank.json", "FL005", "", 1, 1),
]


def _problems(document: Document) -> list[tuple[str, str, int, int]]:
    return [
        (p.code, p.pointer, p.position.line, p.position.column)
        for p in document.problems
    ]


def _json(text: str) -> Document:
    return load_bytes(text.encode("utf-8"), "json")


@pytest.mark.parametrize(("name", "code", "pointer", "line", "column"), BROKEN_JSON)
def test_a_broken_file_is_one_problem_at_its_place(
    name: str, code: str, pointer: str, line: int, column: int
) -> None:
    document = load_path(BROKEN / name)
    assert _problems(document) == [(code, pointer, line, column)]


def test_tab_indented_json_loads_as_json() -> None:
    document = _json('{\n\t"a": 1,\n\t"b": [true, null]\n}')
    assert document.value == {"a": 1, "b": [True, None]}
    assert document.problems == ()


def test_a_duplicate_key_keeps_the_last_value_and_is_reported_at_the_second() -> None:
    document = _json('{"a": 1,\n "b": {"c": 1, "c": 2},\n "a": 3}')
    assert document.value == {"a": 3, "b": {"c": 2}}
    assert _problems(document) == [("FL004", "/b/c", 2, 16), ("FL004", "/a", 3, 2)]
    assert document.source_map is not None
    assert document.source_map.position("/a") == Position(3, 7)


def test_the_places_inside_a_repeated_keys_first_value_are_gone() -> None:
    document = _json('{"a": [1, {"b": 2}], "a": "x"}')
    assert document.source_map is not None
    assert document.source_map.position("/a") == Position(1, 27)
    assert document.source_map.position("/a/1/b") is None


def test_a_syntax_error_is_where_json_stops() -> None:
    document = _json('{"a": 1,}')
    assert document.value is None
    assert document.source_map is None
    # At the comma to delete, not at the brace where the parser stopped.
    assert _problems(document) == [("FL003", "", 1, 8)]
    assert "Expecting property name" in document.problems[0].message
    assert "delete it" in document.problems[0].message


@pytest.mark.parametrize("bom", [b"", b"\xef\xbb\xbf"])
def test_a_byte_order_mark_is_accepted(bom: bytes) -> None:
    document = load_bytes(bom + b'{\n  "a": "\xc3\xa9"\n}', "json")
    assert document.value == {"a": "é"}
    assert document.source_map is not None
    assert document.source_map.position("/a") == Position(2, 8)


def test_invalid_utf8_is_at_the_first_bad_byte_counted_in_code_points() -> None:
    data = '{"a": "é",\n "b": "😀 '.encode() + b"\xff" + b'"}'
    assert _problems(load_bytes(data, "json")) == [("FL002", "", 2, 10)]


@pytest.mark.parametrize(
    ("text", "pointer", "column"),
    [
        ("[NaN]", "/0", 2),
        ("[1, Infinity]", "/1", 5),
        ('{"a": -Infinity}', "/a", 7),
        ("[1e400]", "/0", 2),
        ("[" + "9" * 5000 + "]", "/0", 2),
        ("NaN", "", 1),
    ],
)
def test_a_number_that_is_not_finite_becomes_none(
    text: str, pointer: str, column: int
) -> None:
    document = _json(text)
    assert _problems(document) == [("FL011", pointer, 1, column)]
    if pointer:
        assert resolve(document.value, pointer) is None
    else:
        assert document.value is None


def test_a_long_but_readable_integer_is_kept() -> None:
    assert _json("[" + "9" * 4000 + "]").value == [int("9" * 4000)]


@pytest.mark.parametrize("opener", ["[", '{"a":'])
def test_100000_levels_are_too_deep_and_fast(opener: str) -> None:
    closer = "]" if opener == "[" else "}"
    text = opener * 100_000 + "1" + closer * 100_000
    started = time.perf_counter()
    document = _json(text)
    assert time.perf_counter() - started < 1.0
    column = MAX_DEPTH * len(opener) + 1
    assert _problems(document) == [("FL008", "", 1, column)]
    assert document.value is None


@pytest.mark.parametrize(
    ("depth", "too_deep"), [(MAX_DEPTH, False), (MAX_DEPTH + 1, True)]
)
def test_the_depth_limit_counts_containers(depth: int, too_deep: bool) -> None:
    # Just past the limit loads without RecursionError, so the loader checks it itself.
    text = "[\n" * depth + "]" * depth
    problems = _problems(_json(text))
    assert problems == ([("FL008", "", MAX_DEPTH + 1, 1)] if too_deep else [])


def test_positions_of_a_hand_written_file() -> None:
    document = load_path(FILES / "positions.json")
    assert document.problems == ()
    source_map = document.source_map
    assert source_map is not None
    expected = {
        ("", False): (1, 1),
        ("", True): (1, 1),
        ("/Name", True): (2, 2),
        ("/Name", False): (2, 10),
        ("/Components", False): (4, 16),
        ("/Components/0", False): (5, 3),
        ("/Components/0", True): (5, 3),
        ("/Components/0/Text", True): (5, 20),
        ("/Components/0/Text", False): (5, 28),
        # After CJK text and an emoji on the same line: columns are code points.
        ("/Components/0/Example", False): (5, 53),
        ("/Components/0/Example/1", True): (5, 54),
        ("/Components/0/Example/1", False): (5, 59),
        ("/Components/1/Buttons", False): (8, 15),
        ("/Components/1/Buttons/0", False): (8, 16),
        ("/Components/1/Buttons/0/Text", True): (8, 40),
        ("/Components/1/Buttons/0/Text", False): (8, 48),
        ("/Ttl", True): (11, 2),
        ("/Ttl", False): (11, 9),
    }
    for (pointer, key), (line, column) in expected.items():
        assert source_map.position(pointer, key=key) == Position(line, column), pointer


@pytest.mark.parametrize(
    "pointer", ["/Missing", "/Components/9", "/Name/0", "/Components/00", "/Ttl/x"]
)
def test_a_pointer_the_document_does_not_have_has_no_position(pointer: str) -> None:
    source_map = load_path(FILES / "positions.json").source_map
    assert source_map is not None
    assert source_map.position(pointer) is None


def test_a_large_string_is_located_quickly() -> None:
    text = '{"Body": "' + "é😀a\\n" * 1_000_000 + '", "Tail": [1, 2]}'
    document = _json(text)
    started = time.perf_counter()
    assert document.source_map is not None
    assert document.source_map.position("/Tail/1") == Position(1, len(text) - 2)
    assert time.perf_counter() - started < 1.0


@pytest.mark.parametrize(
    ("data", "kind"),
    [
        (b'{"a": 1}', "json"),
        (b"\xef\xbb\xbf \n\t[1]", "json"),
        (b"a: 1", "yaml"),
        (b"", "yaml"),
        (b"  - {a: 1}", "yaml"),
        (b'"just a string"', "yaml"),
    ],
)
def test_sniff_kind(data: bytes, kind: str) -> None:
    assert sniff_kind(data) == kind


@pytest.mark.parametrize(
    ("name", "content", "value"),
    [
        ("t.json", "[1]", [1]),
        ("t.YAML", "a: No", {"a": "No"}),
        ("t.yml", "- on", ["on"]),
        ("t.txt", '{"a": 1}', {"a": 1}),
        ("t", "a: 1", {"a": 1}),
        ("t.b.YML", '["x",]', ["x"]),  # the last suffix; JSON would refuse it
        (".json", "a: 1", {"a": 1}),  # a hidden file's name, without a suffix
    ],
)
def test_load_path_chooses_the_parser_by_suffix_then_content(
    tmp_path: Path, name: str, content: str, value: object
) -> None:
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    assert load_path(path).value == value


def test_a_json_suffix_is_json_even_when_yaml_would_read_it(tmp_path: Path) -> None:
    path = tmp_path / "t.json"
    path.write_text("a: 1", encoding="utf-8")
    assert _problems(load_path(path))[0][0] == "FL003"


def test_stdin_is_read_and_sniffed(monkeypatch: pytest.MonkeyPatch) -> None:
    stdin = io.TextIOWrapper(io.BytesIO(b'\t{"a":\t"b"}'))
    monkeypatch.setattr(sys, "stdin", stdin)
    assert load_path(Path("-")).value == {"a": "b"}


def test_a_directory_is_unreadable(tmp_path: Path) -> None:
    document = load_path(tmp_path)
    assert _problems(document) == [("FL001", "", 1, 1)]
    assert "directory" in document.problems[0].message


def test_a_missing_file_is_unreadable(tmp_path: Path) -> None:
    document = load_path(tmp_path / "missing.json")
    assert _problems(document) == [("FL001", "", 1, 1)]
    assert "No such file" in document.problems[0].message


@pytest.mark.parametrize("name", ["file.json/inner.json", "nul\0.json"])
def test_a_path_that_cannot_be_opened_is_unreadable(tmp_path: Path, name: str) -> None:
    (tmp_path / "file.json").write_text("{}", encoding="utf-8")
    assert _problems(load_path(tmp_path / name)) == [("FL001", "", 1, 1)]


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads files whatever their mode")
def test_a_file_without_read_permission_is_unreadable(tmp_path: Path) -> None:
    path = tmp_path / "secret.json"
    path.write_text("{}", encoding="utf-8")
    path.chmod(0)
    assert _problems(load_path(path)) == [("FL001", "", 1, 1)]


def test_a_file_over_the_limit_is_refused_unread(tmp_path: Path) -> None:
    path = tmp_path / "huge.json"
    with path.open("wb") as stream:
        stream.truncate(MAX_FILE_BYTES + 1)  # sparse: no disk, and never read
    started = time.perf_counter()
    assert _problems(load_path(path)) == [("FL009", "", 1, 1)]
    assert time.perf_counter() - started < 0.5


@pytest.mark.skipif(not Path("/proc/self/cmdline").is_file(), reason="Linux's /proc")
def test_a_regular_file_larger_than_its_stated_size_is_read_whole() -> None:
    # /proc's files state a size of 0 and hold more: the read goes on past the
    # size stated (as for a file that grew since), up to the limit.
    path = Path("/proc/self/cmdline")
    assert path.stat().st_size == 0
    assert loader._read(path) == path.read_bytes()


def test_input_over_the_limit_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(loader, "MAX_FILE_BYTES", 8)
    assert _problems(load_bytes(b"[1, 2, 3, 4]", "json")) == [("FL009", "", 1, 1)]
    stdin = io.TextIOWrapper(io.BytesIO(b"[1, 2, 3, 4]"))
    monkeypatch.setattr(sys, "stdin", stdin)
    assert _problems(load_path(Path("-"))) == [("FL009", "", 1, 1)]


@settings(max_examples=200)
@given(
    st.binary(max_size=200)
    | st.text(alphabet='{}[]:,"\\ \n\t0-9.eEtruefalsn').map(str.encode)
)
def test_any_bytes_give_a_document(data: bytes) -> None:
    document = load_bytes(data, "json")
    assert isinstance(document, Document)
    assert (document.value is None) or document.source_map is not None
    for problem in document.problems:
        assert problem.position.line >= 1
        assert problem.position.column >= 1


def test_values_match_the_standard_library() -> None:
    text = (FILES / "positions.json").read_text(encoding="utf-8")
    assert _json(text).value == json.loads(text)


def test_windows_line_ends_count_as_one() -> None:
    source_map = _json('{\r\n  "a": 1,\r\n  "b": [1, 2]\r\n}\r\n').source_map
    assert source_map is not None
    assert source_map.position("/b/1") == Position(3, 12)


_NESTED = st.recursive(
    st.none() | st.integers() | st.floats() | st.text(max_size=5),
    lambda inner: (
        st.lists(inner, max_size=6)
        | st.dictionaries(st.text(alphabet="ab/~", max_size=8), inner, max_size=6)
    ),
    max_leaves=80,
)
# Each wrapper puts the value in a list (None) or under a member of that name.
_WRAPPERS = st.lists(st.none() | st.text(alphabet="a/~", max_size=400), max_size=70)


@settings(max_examples=300)
@given(_NESTED, _WRAPPERS)
@example(None, [None] * 65)  # 65 lists deep: one too many
@example(None, ["/" * 300] * 3)  # 903 characters unescaped, 1,803 in a path
def test_a_text_the_counts_clear_needs_no_walk(
    value: object, wrappers: list[str | None]
) -> None:
    # The counts may send a text to the walk needlessly, never skip one it needs.
    for name in wrappers:
        value = [value] if name is None else {name: value}
    text = json.dumps(value)
    hooks = json_source._Hooks()
    parsed = json_source._parse(text, hooks)
    if isinstance(parsed, dict | list) and hooks.nothing_to_look_at(text):
        assert json_source._unreadable_values(parsed) == []


def test_a_number_too_large_for_a_float_is_looked_at() -> None:
    hooks = json_source._Hooks()
    json_source._parse('{"a": 1e999}', hooks)
    assert not hooks.nothing_to_look_at('{"a": 1e999}')
    assert _problems(load_bytes(b'{"a": 1e999}', "json")) == [("FL011", "/a", 1, 7)]


@given(st.text(alphabet="ab./ ", max_size=12))
def test_the_suffix_is_pathlibs(path: str) -> None:
    # The loader reads it without importing pathlib; the format it picks must not change.
    assert loader._suffix(path) == PurePath(path).suffix
