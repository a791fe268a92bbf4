"""Quick fixes as text: silencing comments and configuration entries, and the safe fixes."""

from __future__ import annotations

import tomllib
from pathlib import Path

from chatapp_lint.engine import lint_document
from chatapp_lint.loader import load_bytes
from chatapp_lint.server.actions import disable_comment, fixed_text, ignore_in_config
from chatapp_lint.server.analysis import settings_for

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def _codes(text: str) -> set[str]:
    violations, _ = lint_document(load_bytes(text.encode(), "yaml"), "t.yaml")
    return {v.code for v in violations}


def test_disable_comment_goes_above_with_the_line_indentation() -> None:
    text = "A: 1\n  - Type: URL\n    Text: x\n"
    assert disable_comment(text, 2, "BT003") == (
        "A: 1\n    # chatapp-lint: disable=BT003\n  - Type: URL\n    Text: x\n"
    )


def test_disable_comment_joins_an_existing_one() -> None:
    text = "  # chatapp-lint: disable=BT001\n  Text: x\r\n"
    assert disable_comment(text, 2, "BT003") == (
        "  # chatapp-lint: disable=BT001,BT003\n  Text: x\r\n"
    )


def test_disabling_really_silences_the_rule() -> None:
    text = (EXAMPLES / "bad" / "three-url-buttons.yaml").read_text(encoding="utf-8")
    assert "BT003" in _codes(text)
    assert "BT003" not in _codes(disable_comment(text, 29, "BT003"))


def test_ignore_in_a_new_configuration(tmp_path: Path) -> None:
    path, before, after = ignore_in_config(
        None, tmp_path, "templates/a b.yaml", "BT003"
    )
    assert path == tmp_path / ".chatapp-lint.toml"
    assert before == ""
    assert tomllib.loads(after) == {
        "per-file-ignores": {"templates/a b.yaml": ["BT003"]}
    }


def test_ignore_joins_the_table_of_an_existing_pyproject(tmp_path: Path) -> None:
    pyproject = tmp_path / "pyproject.toml"
    pyproject.write_text(
        '[project]\nname = "x"\n\n[tool.chatapp-lint.per-file-ignores]\n"old.yaml" = ["DP"]\n',
        encoding="utf-8",
    )
    _, _, after = ignore_in_config(pyproject, tmp_path, 'we"ird.yaml', "BT003")
    table = tomllib.loads(after)["tool"]["chatapp-lint"]["per-file-ignores"]
    assert table == {"old.yaml": ["DP"], 'we"ird.yaml': ["BT003"]}


def test_ignore_adds_a_table_to_a_configuration_without_one(tmp_path: Path) -> None:
    config = tmp_path / ".chatapp-lint.toml"
    config.write_text('ignore = ["HD004"]', encoding="utf-8")
    _, _, after = ignore_in_config(config, tmp_path, "a.yaml", "BT003")
    assert tomllib.loads(after) == {
        "ignore": ["HD004"],
        "per-file-ignores": {"a.yaml": ["BT003"]},
    }


def test_fix_of_one_code_and_fix_all(tmp_path: Path) -> None:
    text = (EXAMPLES / "bad" / "deprecated-cust-waba-id.yaml").read_text(
        encoding="utf-8"
    )
    text = text.replace("Language: en_US", "Language: en-US")
    assert {"DP001", "LG001"} <= _codes(text)
    settings = settings_for(tmp_path / "t.yaml")
    one = fixed_text(text, "yaml", settings, "t.yaml", "DP001")
    assert one is not None
    assert "DP001" not in _codes(one)
    assert "LG001" in _codes(one)
    every = fixed_text(text, "yaml", settings, "t.yaml")
    assert every is not None
    assert not {"DP001", "LG001"} & _codes(every)
    assert fixed_text(every, "yaml", settings, "t.yaml") is None
