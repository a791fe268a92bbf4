"""Checks across templates: the same name and language twice, the same content twice."""

from __future__ import annotations

import json
from pathlib import Path

from chatapp_lint.engine import lint_paths


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
