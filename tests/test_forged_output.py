"""No file name or template text can forge a line, reach the terminal, or break UTF-8."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from chatapp_lint.engine import Report
from chatapp_lint.reporters import REPORTERS
from tests.test_cli import run
from tests.test_reporters_sarif_github import _violation

BAD = '{"TemplateType": "WHATSAPP", "Name": "x", "Language": "en-US"}\n'
FORGED = "a\nforged.json:1:1: XX999 [error] not ours\x1b]0;pwned\x07.json"


def _names(tmp_path: Path, name: str | bytes) -> Path:
    directory = tmp_path / "t"
    directory.mkdir()
    target = os.path.join(os.fsencode(directory), os.fsencode(name))  # noqa: PTH118
    with open(target, "w", encoding="utf-8") as stream:  # noqa: PTH123
        stream.write(BAD)
    return directory


def test_text_report_shows_a_line_break_and_escapes_in_a_name(tmp_path: Path) -> None:
    result = run(str(_names(tmp_path, FORGED)))
    lines = result.stdout.splitlines()
    assert not any(line.startswith("forged.json") for line in lines)
    assert "\x07" not in result.stdout
    assert "]0;pwned" not in result.stdout.replace("\\x1b]0;pwned", "")
    assert all("a\\nforged.json:1:1: XX999" in line for line in lines[:-1])


def test_github_report_cannot_start_a_command(tmp_path: Path) -> None:
    name = "a\n::error file=x::forged\x1b[2J.json"
    result = run(str(_names(tmp_path, name)), "--format=github")
    lines = result.stdout.splitlines()
    assert lines
    assert all(line.startswith(("::error file=", "::warning file=")) for line in lines)
    assert all("\x1b" not in line and "::forged" not in line for line in lines)
    assert "a\\n%3A%3Aerror file=x%3A%3Aforged\\x1b[2J.json" in lines[0]


@pytest.mark.parametrize("output_format", ["json", "sarif"])
def test_a_name_that_is_not_utf8_gives_valid_utf8(
    tmp_path: Path, output_format: str
) -> None:
    _names(tmp_path, b"caf\xe9.json")
    # Relative, as pre-commit names files; decoded strictly by `run`.
    result = run("t", f"--format={output_format}", cwd=tmp_path)
    document = json.loads(result.stdout)
    if output_format == "json":
        files = {v["file"] for v in document["violations"]}
        assert files == {"t/caf\\xe9.json"}
    else:
        uris = {
            r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
            for r in document["runs"][0]["results"]
        }
        assert len(uris) == 1
        assert uris == {"t/caf%E9.json"}


def test_diff_headers_are_quoted_as_git_quotes_them(tmp_path: Path) -> None:
    _names(tmp_path, "x\n+++ b|evil.json")
    result = run("--diff", "t", cwd=tmp_path)
    assert result.code == 1
    headers = [
        line for line in result.stdout.splitlines() if line[:4] in {"--- ", "+++ "}
    ]
    assert headers == ['--- "a/t/x\\n+++ b|evil.json"', '+++ "b/t/x\\n+++ b|evil.json"']


@pytest.mark.parametrize("output_format", ["text", "github", "json", "sarif"])
def test_a_message_quoting_the_template_reaches_no_terminal(output_format: str) -> None:
    """Messages quote template values; whatever they hold stays on its line, inert."""
    message = "Bad value 'x\n::error::forged\x1b]52;c;ZXZpbA==\x07' \ud800."
    report = Report((_violation(message=message),), files=1, templates=1)
    rendered = REPORTERS[output_format](report)
    rendered.encode("utf-8")
    assert "\x1b" not in rendered
    assert "\x07" not in rendered
    if output_format in {"text", "github"}:
        assert len(rendered.splitlines()) == (2 if output_format == "text" else 1)


def test_colour_marks_the_real_code_never_one_in_a_name(tmp_path: Path) -> None:
    result = run(str(_names(tmp_path, FORGED)), "--color=always")
    lines = result.stdout.splitlines()[:-1]
    assert lines
    assert all("\x1b[31mXX999" not in line for line in lines)
    assert all("\x1b[31mSC" in line or "\x1b[31mLG" in line for line in lines)
    assert "\x07" not in result.stdout
