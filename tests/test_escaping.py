"""Untrusted text in reports: visible, valid UTF-8, quoted as git quotes it."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from chatapp_lint.escaping import (
    git_quoted,
    github_data,
    github_property,
    visible,
    well_formed,
)


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("plain name.yaml", "plain name.yaml"),
        ("a\nb.yaml:1:1: XX001 [error] forged", "a\\nb.yaml:1:1: XX001 [error] forged"),
        ("\x1b]0;title\x07", "\\x1b]0;title\\x07"),
        ("\x1b]52;c;ZXZpbA==\x1b\\", "\\x1b]52;c;ZXZpbA==\\x1b\\"),
        ("bidi\u202eevil", "bidi\\u202eevil"),
        ("line\u2028sep\x85", "line\\u2028sep\\x85"),
        (os.fsdecode(b"caf\xe9.json"), "caf\\xe9.json"),
        ("café 🎉.json", "café 🎉.json"),
    ],
)
def test_visible_writes_every_unprintable_character_as_an_escape(
    text: str, shown: str
) -> None:
    assert visible(text) == shown


@given(st.text())
def test_visible_text_is_one_printable_line(text: str) -> None:
    assert visible(text).isprintable()


@given(st.text(alphabet=st.characters(codec=None)))
def test_well_formed_text_always_encodes_as_utf8(text: str) -> None:
    well_formed(text).encode("utf-8")


def test_a_byte_that_was_not_utf8_is_written_as_xnn() -> None:
    assert well_formed(os.fsdecode(b"caf\xe9.json")) == "caf\\xe9.json"
    assert well_formed("\ud800") == "\\ud800"
    assert well_formed("tab\tstays") == "tab\tstays"  # the JSON encoder escapes it


def test_github_escapes_after_making_text_visible() -> None:
    forged = "x\n::error file=a.yaml::forged\x1b[2J 50%"
    assert github_data(forged) == "x\\n::error file=a.yaml::forged\\x1b[2J 50%25"
    assert github_property("a,b:c%\n") == "a%2Cb%3Ac%25\\n"


NAMES = [
    "plain.yaml",
    "new\nline.yaml",
    'quote".yaml',
    "back\\slash.yaml",
    "tab\tand\x1bescape.yaml",
    "café.yaml",
    os.fsdecode(b"latin\xe9.yaml"),
]


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
@pytest.mark.parametrize("name", NAMES)
def test_git_quoted_is_what_git_writes(tmp_path: Path, name: str) -> None:
    (tmp_path / "old").write_text("a\n")
    (tmp_path / name).write_text("b\n")
    done = subprocess.run(
        ["git", "-c", "core.quotePath=true", "diff", "--no-index", "old", name],
        cwd=tmp_path,
        capture_output=True,
        check=False,
    )
    header = [line for line in done.stdout.split(b"\n") if line.startswith(b"+++ ")]
    assert header == [b"+++ " + os.fsencode(git_quoted(f"b/{name}"))]
