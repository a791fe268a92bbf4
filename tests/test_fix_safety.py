"""`--fix` never loses a byte it did not mean to change, and never writes where it must not."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from chatapp_lint import fixer
from chatapp_lint.fixer import LeftAlone, fix_files, fix_path, write_atomically
from tests.test_cli import run

YAML = (
    "TemplateType: WHATSAPP\n"
    "Name: order_update\n"
    "Language: en-US  # fix me\n"
    "Category: UTILITY\n"
    "Components:\n"
    "  - Type: BODY\n"
    "    Text: Your order has shipped.\n"
)
FIXED = YAML.replace("en-US", "en_US")


def _file(tmp_path: Path, text: str = YAML, name: str = "t.yaml") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode("utf-8"))
    return path


def test_a_file_edited_after_it_was_read_keeps_the_edit(tmp_path: Path) -> None:
    path = _file(tmp_path)
    outcome = fix_path(path)
    assert outcome.changed
    edited = YAML + "# added by the user meanwhile\n"
    path.write_text(edited, encoding="utf-8")
    with pytest.raises(LeftAlone, match="changed while it was being fixed"):
        write_atomically(path, outcome.fixed, expected=outcome.original)
    assert path.read_text(encoding="utf-8") == edited
    assert [p.name for p in tmp_path.iterdir()] == ["t.yaml"]  # no temporary left


def test_the_race_is_reported_and_the_run_goes_on(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first, second = _file(tmp_path, name="a.yaml"), _file(tmp_path, name="b.yaml")
    reading = fixer.fix_path

    def read_then_edit(path: Path, *args: object, **kwargs: object) -> fixer.FixOutcome:
        outcome = reading(path, *args, **kwargs)  # type: ignore[arg-type]
        if path.name == "a.yaml":
            with path.open("a", encoding="utf-8") as stream:
                stream.write("# appended\n")
        return outcome

    monkeypatch.setattr(fixer, "fix_path", read_then_edit)
    run_ = fix_files([tmp_path])
    assert first.read_text(encoding="utf-8") == YAML + "# appended\n"
    assert second.read_text(encoding="utf-8") == FIXED
    assert list(run_.notes()) == [
        f"{first}: not fixed: it changed while it was being fixed; run again to fix it."
    ]


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0, reason="root only")
def test_as_root_another_users_file_keeps_its_owner(tmp_path: Path) -> None:
    path = _file(tmp_path)
    os.chown(path, 4321, 4322)
    path.chmod(0o640)
    assert run("--fix", str(path)).code == 0
    status = path.stat()
    assert (status.st_uid, status.st_gid) == (4321, 4322)
    assert stat.S_IMODE(status.st_mode) == 0o640
    assert path.read_text(encoding="utf-8") == FIXED


def test_a_read_only_file_is_left_with_a_note(tmp_path: Path) -> None:
    path = _file(tmp_path)
    path.chmod(0o444)
    result = run("--fix", str(path))
    assert path.read_text(encoding="utf-8") == YAML
    assert "not fixed: it is read-only" in result.stderr
    assert "LG001" in result.stdout  # still reported
    assert result.code == 1


def test_a_link_out_of_the_folder_given_is_not_written_through(tmp_path: Path) -> None:
    outside = _file(tmp_path, name="outside.yaml")
    folder = tmp_path / "templates"
    folder.mkdir()
    (folder / "link.yaml").symlink_to(outside)
    inside = _file(folder, name="inside.yaml")
    (folder / "same.yaml").symlink_to(inside)
    result = run("--fix", str(folder))
    assert outside.read_text(encoding="utf-8") == YAML
    assert inside.read_text(encoding="utf-8") == FIXED  # a link within the folder
    assert (
        "link.yaml: not fixed: it is a symbolic link to a file outside" in result.stderr
    )


def test_a_comment_in_a_flow_mapping_is_never_dropped(tmp_path: Path) -> None:
    text = (
        "{TemplateType: WHATSAPP,  # channel\n"
        " Name: order_update,\n"
        " Language: en-US,  # language\n"
        " Category: UTILITY,\n"
        ' Components: [{Type: BODY, Text: "Your order has shipped."}]}\n'
    )
    path = _file(tmp_path, text)
    result = run("--fix", str(path))
    assert path.read_text(encoding="utf-8") == text
    assert "without losing a comment" in result.stderr


@pytest.mark.parametrize("ending", ["\r", "\r\n", "\n"])
def test_line_ends_are_kept_exactly(tmp_path: Path, ending: str) -> None:
    path = _file(tmp_path, YAML.replace("\n", ending))
    assert run("--fix", str(path)).code == 0
    assert path.read_bytes() == FIXED.replace("\n", ending).encode("utf-8")


def test_a_file_with_mixed_line_ends_is_refused(tmp_path: Path) -> None:
    text = YAML.replace("\n", "\r\n", 2)
    path = _file(tmp_path, text)
    result = run("--fix", str(path))
    assert path.read_bytes() == text.encode("utf-8")
    assert "its lines end in more than one way" in result.stderr


def test_a_file_of_a_thousand_templates_fixes_with_a_correct_diff(
    tmp_path: Path,
) -> None:
    """Once cubic (more than ten minutes); benchmarks/fix_large.py times it."""
    text = "".join(
        "- " + YAML.replace("\n", "\n  ").rstrip(" ").replace("order_update", f"o_{n}")
        for n in range(1_000)
    )
    path = _file(tmp_path, text)
    diff = run("--diff", path.name, cwd=tmp_path)
    assert diff.code == 1
    assert diff.stdout.count("\n+  Language: en_US") == 1_000
    assert run("--fix", path.name, cwd=tmp_path).code == 0
    assert path.read_text(encoding="utf-8") == text.replace("en-US", "en_US")
