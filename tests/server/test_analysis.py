"""A buffer is linted as the command line lints the file: configuration and workspace."""

from __future__ import annotations

from pathlib import Path

from chatapp_lint.server.analysis import Workspace, settings_for

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
BAD = (EXAMPLES / "bad" / "three-url-buttons.yaml").read_text(encoding="utf-8")


def _codes(workspace: Workspace, path: Path, text: str) -> list[str]:
    return [v.code for v in workspace.lint(path, text, settings_for(path))]


def test_the_configuration_of_the_file_applies(tmp_path: Path) -> None:
    (tmp_path / "templates").mkdir()
    (tmp_path / ".chatapp-lint.toml").write_text(
        'ignore = ["HD"]\n[per-file-ignores]\n"templates/t.yaml" = ["BT003"]\n',
        encoding="utf-8",
    )
    workspace = Workspace(tmp_path)
    assert "BT003" not in _codes(workspace, tmp_path / "templates" / "t.yaml", BAD)
    assert "BT003" in _codes(workspace, tmp_path / "templates" / "u.yaml", BAD)


def test_a_broken_configuration_lints_with_defaults_and_says_why(
    tmp_path: Path,
) -> None:
    (tmp_path / ".chatapp-lint.toml").write_text(
        'select = ["NOPE"]\n', encoding="utf-8"
    )
    settings = settings_for(tmp_path / "t.yaml")
    assert settings.problem is not None
    assert "NOPE" in settings.problem
    assert "BT003" in [
        v.code for v in Workspace(tmp_path).lint(tmp_path / "t.yaml", BAD, settings)
    ]


def test_duplicates_are_found_against_disk_and_other_buffers(tmp_path: Path) -> None:
    workspace = Workspace(tmp_path)
    (tmp_path / "a.yaml").write_text(BAD, encoding="utf-8")
    # The second in run order is reported: b.yaml after a.yaml.
    assert "XF001" in _codes(workspace, tmp_path / "b.yaml", BAD)
    assert "XF001" not in _codes(workspace, tmp_path / "a.yaml", BAD)
    # a.yaml's buffer renames the template: b.yaml is no longer a duplicate.
    renamed = BAD.replace("Name: bad_three_url_buttons", "Name: other_name")
    assert "XF001" not in _codes(workspace, tmp_path / "a.yaml", renamed)
    assert "XF001" not in _codes(workspace, tmp_path / "b.yaml", BAD)
    # Closing the buffer brings back what is on disk.
    workspace.close(tmp_path / "a.yaml")
    assert "XF001" in _codes(workspace, tmp_path / "b.yaml", BAD)


def test_a_file_changed_on_disk_is_read_again(tmp_path: Path) -> None:
    workspace = Workspace(tmp_path)
    assert "XF001" not in _codes(workspace, tmp_path / "b.yaml", BAD)
    (tmp_path / "a.yaml").write_text(BAD, encoding="utf-8")
    workspace.changed_on_disk()
    assert "XF001" in _codes(workspace, tmp_path / "b.yaml", BAD)


def test_only_what_a_run_over_the_folder_lints_is_linted(tmp_path: Path) -> None:
    (tmp_path / ".chatapp-lint.toml").write_text(
        'extend-exclude = ["legacy"]\n', encoding="utf-8"
    )
    workspace = Workspace(tmp_path)
    # The configuration's exclude, relative to its folder, whatever the depth.
    assert _codes(workspace, tmp_path / "legacy" / "t.yaml", BAD) == []
    assert _codes(workspace, tmp_path / "deeper" / "legacy" / "t.yaml", BAD) == []
    assert "BT003" in _codes(workspace, tmp_path / "templates" / "t.yaml", BAD)
    # The default exclude, and a file that is clearly not a template.
    assert _codes(workspace, tmp_path / "package.json", '{"name": "x"}') == []
    assert _codes(workspace, tmp_path / "other.json", '{"name": "x"}') == []
    assert _codes(workspace, tmp_path / "draft.json", '{"Name": "x"') == ["FL003"]
