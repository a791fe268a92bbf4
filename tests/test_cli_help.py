"""`--help` and `schema`: what a newcomer reads first works as it reads."""

from __future__ import annotations

import json
import re

import pytest

from chatapp_lint import commands
from chatapp_lint.schema import SCHEMA_FILE, schema_path
from chatapp_lint.schema_file import FILE_SCHEMA
from tests.test_cli import run


@pytest.mark.parametrize("option", ["--help", "-h"])
def test_help_shows_the_usage_as_the_program_is_run(option: str) -> None:
    result = run(option)
    assert result.code == 0
    assert result.stdout.startswith("Usage: chatapp-lint [OPTIONS] [PATH]...\n")
    assert "chatapp-lint lint" not in result.stdout


def test_help_lists_every_command() -> None:
    stdout = run("--help").stdout
    listed = stdout.split("\nCommands:\n", 1)[1]
    names = [line.split()[0] for line in listed.splitlines() if line.startswith("  ")]
    assert set(commands.app.commands) <= set(names)
    assert {"lint", "send", "pull", "rules", "rule", "schema"} <= set(names)


def test_a_usage_error_points_at_the_programs_help() -> None:
    result = run("--no-such-option")
    assert result.code == 2
    # click names the option it lists first: `--help` (8.3) or `-h` (8.2).
    assert re.search(r"Try 'chatapp-lint (--help|-h)' for help\.", result.stderr)
    assert "Usage: chatapp-lint [OPTIONS] [PATH]..." in result.stderr


@pytest.mark.parametrize(
    ("args", "name"),
    [
        ((), SCHEMA_FILE),
        (("--kind", "template"), SCHEMA_FILE),
        (("--kind", "file"), FILE_SCHEMA),
    ],
)
def test_schema_prints_either_schema(args: tuple[str, ...], name: str) -> None:
    printed = run("schema", *args)
    assert printed.code == 0
    assert json.loads(printed.stdout) == json.loads(schema_path(name).read_text())
    located = run("schema", *args, "--path")
    assert located.stdout.strip().endswith(name)


def test_the_file_schema_printed_stands_alone() -> None:
    document = json.loads(run("schema", "--kind", "file").stdout)
    assert "anyOf" in document
    assert "template" in document["$defs"]
    assert '"$ref": "#/$defs/' in json.dumps(document)
    assert 'create-chatapp-template.schema.json"' not in json.dumps(document)
