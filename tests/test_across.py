"""Checks across templates: the same name and language twice, the same content twice."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from chatapp_lint.engine import lint_paths
from chatapp_lint.rules.across import (
    CHECKS,
    Ledger,
    Seen,
    duplicate_content,
    duplicate_name_language,
)


def _template(
    name: str, language: str, body: str, channel: str = "WHATSAPP"
) -> dict[str, object]:
    category = "UTILITY" if channel == "WHATSAPP" else "text"
    return {
        "TemplateType": channel,
        "Name": name,
        "Language": language,
        "Category": category,
        "Components": [{"Type": "BODY", "Text": body}],
    }


def _write(path: Path, *templates: dict[str, object]) -> None:
    content = templates[0] if len(templates) == 1 else list(templates)
    path.write_text(json.dumps(content, indent=2), encoding="utf-8")


def _found(paths: list[Path]) -> list[tuple[str, str, int, str, int]]:
    report = lint_paths(paths)
    return [
        (Path(v.file or "").name, v.code, v.template, v.pointer, v.line or 0)
        for v in report
    ]


def test_same_name_and_language_in_two_files_is_an_error_at_the_second(
    tmp_path: Path,
) -> None:
    _write(
        tmp_path / "a.json",
        _template("order_update", "en_US", "Your order has shipped today."),
    )
    _write(
        tmp_path / "b.json",
        _template("order_update", "en_US", "Your parcel is at the store."),
    )
    assert _found([tmp_path]) == [("b.json", "XF001", 0, "/Name", 3)]


def test_same_name_in_another_language_is_a_translation(tmp_path: Path) -> None:
    _write(
        tmp_path / "a.json",
        _template("order_update", "en_US", "Your order has shipped today."),
    )
    _write(
        tmp_path / "b.json",
        _template("order_update", "pt_BR", "Seu pedido foi enviado hoje."),
    )
    assert _found([tmp_path]) == []


def test_duplicates_within_one_file_list(tmp_path: Path) -> None:
    _write(
        tmp_path / "all.json",
        _template("a_one", "en", "Your order has shipped today."),
        _template("a_one", "en", "Your parcel is at the store."),
    )
    found = _found([tmp_path / "all.json"])
    assert found == [("all.json", "XF001", 1, "/Name", 16)]


def test_same_body_and_footer_under_two_names_is_a_warning(tmp_path: Path) -> None:
    _write(
        tmp_path / "a.json",
        _template("order_update", "en_US", "Your order has shipped today."),
    )
    _write(
        tmp_path / "b.json",
        _template("order_news", "en_US", "Your order has shipped today."),
    )
    report = lint_paths([tmp_path])
    assert [(v.code, v.pointer, str(v.severity)) for v in report] == [
        ("XF002", "/Components/0/Text", "warning")
    ]
    assert "a.json (template 0)" in report.violations[0].message


def test_duplicate_content_ignores_viber_and_other_languages(tmp_path: Path) -> None:
    _write(
        tmp_path / "a.json",
        _template("one_name", "en", "Your order has shipped today.", "VIBER"),
    )
    _write(
        tmp_path / "b.json",
        _template("two_name", "en", "Your order has shipped today.", "VIBER"),
    )
    _write(
        tmp_path / "c.json",
        _template("three_name", "en_US", "Your order has shipped today."),
    )
    _write(
        tmp_path / "d.json",
        _template("four_name", "en_GB", "Your order has shipped today."),
    )
    assert _found([tmp_path]) == []


def test_a_list_with_an_item_that_is_not_a_template_reports_the_right_index(
    tmp_path: Path,
) -> None:
    # Item 0 is no template: the duplicate is item 2, and its pointer says so.
    path = tmp_path / "all.json"
    path.write_text(
        json.dumps(
            [
                42,
                _template("a_one", "en", "Your order has shipped today."),
                _template("a_one", "en", "Your parcel is at the store."),
            ],
            indent=2,
        ),
        encoding="utf-8",
    )
    report = lint_paths([path])
    (found,) = [v for v in report if v.code == "XF001"]
    assert (found.template, found.pointer) == (2, "/Name")
    assert "all.json (template 1)" in found.message


def test_a_template_on_standard_input_repeats_one_in_a_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    template = _template("order_update", "en_US", "Your order has shipped today.")
    _write(tmp_path / "a.json", template)
    text = json.dumps(template)
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(text.encode())))
    report = lint_paths([tmp_path / "a.json", "-"], stdin_name="piped.json")
    # Read once, kept whole: its position is found without reading it again.
    assert [(v.file, v.code, v.line, v.column) for v in report] == [
        ("piped.json", "XF001", 1, text.index('"order_update"') + 1)
    ]


def _seen(file: str, name: str, body: str = "Your order has shipped today.") -> Seen:
    data = _template(name, "en_US", body)
    return Seen.of(file, 0, data)


def test_the_ledger_keeps_numbers_not_templates() -> None:
    ledger = Ledger()
    rows = [
        ledger.add_file(f"{index}.json", [_seen(f"{index}.json", f"n{index % 3}")])
        for index in range(6)
    ]
    assert [list(r) for r in rows] == [[0], [1], [2], [3], [4], [5]]
    assert list(duplicate_name_language(ledger)) == [(3, 0), (4, 1), (5, 2)]
    # Same body under other names: rows 1 and 2 repeat row 0; 3 repeats 0's name.
    assert list(duplicate_content(ledger)) == [(1, 0), (2, 0), (4, 0), (5, 0)]
    assert ledger.add_file("empty.json", []) == range(6, 6)
    assert ledger.files == [f"{index}.json" for index in range(6)]


def test_a_finding_is_confirmed_on_the_files_read_again() -> None:
    ledger = Ledger()
    ledger.add_file("a.json", [_seen("a.json", "same")])
    ledger.add_file("b.json", [_seen("b.json", "same")])
    read_again = {"a.json": _seen("a.json", "same"), "b.json": _seen("b.json", "same")}
    (check, _) = CHECKS

    def read(file: str) -> dict[int, Seen]:
        return {0: read_again[file]} if file in read_again else {}

    ((entry, finding),) = check.confirmed(ledger, read)
    assert (entry.file, finding.pointer) == ("b.json", "/Name")
    # Changed since it was linted (or two hashes that met by chance): no finding.
    read_again["b.json"] = _seen("b.json", "renamed")
    assert list(check.confirmed(ledger, read)) == []
    del read_again["b.json"]  # or gone
    assert list(check.confirmed(ledger, read)) == []


def _naive_first_of_each(keys: list[int | None]) -> list[tuple[int, int]]:
    first: dict[int, int] = {}
    found = []
    for row, key in enumerate(keys):
        if key is not None:
            earlier = first.setdefault(key, row)
            if earlier != row:
                found.append((row, earlier))
    return found


@given(
    st.lists(
        st.one_of(
            st.none(),
            st.integers(-(2**63), 2**63 - 1),
            # Keys that differ only above the bitmap's bits: same mark, not equal.
            st.integers(0, 3).map(lambda high: (high << 40) | 12345),
        ),
        max_size=300,
    )
)
def test_repeats_are_found_as_a_dictionary_of_every_key_finds_them(
    keys: list[int | None],
) -> None:
    ledger = Ledger()
    ledger.add_file("all.json", [_seen("all.json", "x")] * len(keys))
    assert list(ledger.first_of_each(keys.__getitem__)) == _naive_first_of_each(keys)
