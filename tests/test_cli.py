"""The command line, through a real process and through click's runner."""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import attrs
import pytest

from chatapp_lint import cli, commands, linting, plain
from chatapp_lint.model import Finding
from chatapp_lint.rules import ALL_RULES
from chatapp_lint.rules._base import Node, TemplateView, rule

ROOT = Path(__file__).parent.parent
EXAMPLES = ROOT / "examples"
LINE = re.compile(
    r"^(?P<file>.+):(?P<line>\d+):(?P<column>\d+): (?P<code>[A-Z]{2}\d{3}) \[(error|warning)\] .+$"
)
VALID = '{"TemplateType": "VIBER", "Name": "hello_there", "Language": "en", "Category": "text",\n "Components": [{"Type": "BODY", "Text": "Hello from the Example Shop team today."}]}\n'


@attrs.frozen
class Result:
    code: int
    stdout: str
    stderr: str


def run(
    *args: str,
    stdin: str | bytes | None = None,
    cwd: Path = ROOT,
    env: dict[str, str] | None = None,
) -> Result:
    data = stdin.encode("utf-8") if isinstance(stdin, str) else stdin
    # The run must not depend on where the suite runs (GitHub Actions, NO_COLOR).
    environment = {
        k: v for k, v in os.environ.items() if k not in {"GITHUB_ACTIONS", "NO_COLOR"}
    }
    done = subprocess.run(
        [sys.executable, "-m", "chatapp_lint", *args],
        input=data,
        capture_output=True,
        cwd=cwd,
        env={**environment, **(env or {})},
        check=False,
        timeout=120,
    )
    result = Result(
        done.returncode, done.stdout.decode("utf-8"), done.stderr.decode("utf-8")
    )
    assert "Traceback" not in result.stderr + result.stdout
    return result


def test_bundled_templates_lint_clean() -> None:
    result = run("examples/templates")
    assert result.code == 0, result.stdout
    assert result.stdout.startswith("All clean:")


def test_bundled_bad_examples_fail_with_located_lines() -> None:
    result = run("examples/bad")
    assert result.code == 1
    *lines, summary = result.stdout.splitlines()
    assert lines
    for line in lines:
        assert LINE.match(line), line
    assert summary.startswith("Found ")
    named = {LINE.match(line)["file"] for line in lines}  # type: ignore[index]
    every = {
        str(p.relative_to(ROOT))
        for p in (EXAMPLES / "bad").iterdir()
        if p.suffix in {".json", ".yaml", ".yml"}
    }
    assert named == every, "every bad example must trip at least one rule"


def test_json_report_has_the_contract_shape() -> None:
    result = run("--format", "json", "examples/bad")
    report = json.loads(result.stdout)
    assert set(report) == {"violations", "summary"}
    assert set(report["summary"]) >= {"files", "templates", "errors", "warnings"}
    keys = [
        "file",
        "line",
        "column",
        "code",
        "rule",
        "severity",
        "message",
        "template",
        "pointer",
    ]
    for violation in report["violations"]:
        assert list(violation) == keys
        assert violation["severity"] in {"error", "warning"}
        assert violation["line"] >= 1
        assert violation["column"] >= 1
        assert violation["pointer"] == "" or violation["pointer"].startswith("/")


def test_stdin_json_and_yaml() -> None:
    assert run("-", stdin=VALID).code == 0
    yaml_text = "TemplateType: VIBER\nName: hello_there\nLanguage: en\nCategory: text\nComponents:\n  - {Type: FOOTER, Text: Hi}\n"
    result = run("-", stdin=yaml_text)
    assert result.code == 1
    assert "\n-:6:12: VB001 [error]" in "\n" + result.stdout


@pytest.mark.parametrize(
    ("name", "content", "code", "line", "column"),
    [
        ("syntax.json", b'{"Name": "a",}', "FL003", 1, 13),  # the comma
        ("dup.yaml", b"Name: a\nName: b\n", "FL004", 2, 1),
        ("latin1.yaml", b"Name: caf\xe9\n", "FL002", 1, 10),
        ("empty.yaml", b"", "FL005", 1, 1),
        ("root.json", b'"just a string"', "FL006", 1, 1),
    ],
)
def test_broken_files_are_findings_not_tracebacks(
    tmp_path: Path, name: str, content: bytes, code: str, line: int, column: int
) -> None:
    (tmp_path / name).write_bytes(content)
    (tmp_path / "good.json").write_text(VALID, encoding="utf-8")
    result = run("--format", "json", ".", cwd=tmp_path)
    assert result.code == 1
    report = json.loads(result.stdout)
    found = [
        (v["file"], v["code"], v["line"], v["column"]) for v in report["violations"]
    ]
    assert (name, code, line, column) in found
    assert report["summary"]["files"] == 2


def test_directories_are_walked_sorted_recursively_skipping_hidden(
    tmp_path: Path,
) -> None:
    for relative in [
        "b.json",
        "a/z.yaml",
        "a/y.yml",
        ".hidden/x.json",
        "notes.txt",
        "a/.h/w.json",
    ]:
        path = tmp_path / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text('{"Name": 1}', encoding="utf-8")
    result = run("--format", "json", str(tmp_path))
    files = []
    for violation in json.loads(result.stdout)["violations"]:
        if violation["file"] not in files:
            files.append(violation["file"])
    assert files == [
        str(tmp_path / "a/y.yml"),
        str(tmp_path / "a/z.yaml"),
        str(tmp_path / "b.json"),
    ]


@pytest.mark.parametrize(
    "args",
    [
        ["no/such/file.json"],
        ["--no-such-option", "x"],
        [],
        ["--format", "xml", "examples"],
    ],
)
def test_usage_errors_exit_2(args: list[str]) -> None:
    result = run(*args)
    assert result.code == 2
    assert result.stderr


def test_a_path_named_like_a_command_is_linted(tmp_path: Path) -> None:
    (tmp_path / "rules").write_text(VALID, encoding="utf-8")
    assert run("./rules", cwd=tmp_path).stdout.startswith("All clean")
    assert run("--", "rules", cwd=tmp_path).stdout.startswith("All clean")
    assert "BT003" in run("rules", cwd=tmp_path).stdout


def test_select_and_ignore(tmp_path: Path) -> None:
    bad = EXAMPLES / "bad" / "deprecated-cust-waba-id.yaml"
    assert "DP001" in run(str(bad)).stdout
    assert "DP001" not in run("--ignore", "DP", str(bad)).stdout
    only = run("--select", "deprecated-cust-waba-id", "--format", "json", str(bad))
    assert {v["code"] for v in json.loads(only.stdout)["violations"]} == {"DP001"}


def test_opt_in_rule_runs_only_when_selected(tmp_path: Path) -> None:
    path = tmp_path / "mixed.yaml"
    path.write_text(
        "TemplateType: WHATSAPP\nName: choice\nLanguage: en_US\nCategory: UTILITY\nComponents:\n"
        "  - {Type: BODY, Text: Your parcel is ready. Tell us how you want it.}\n"
        "  - Type: BUTTONS\n    Buttons:\n      - {Type: QUICK_REPLY, Text: Deliver}\n"
        '      - {Type: URL, Text: Slots, Url: "https://shop.example.com/s", UrlType: static}\n',
        encoding="utf-8",
    )
    assert "BT005" not in run(str(path)).stdout
    assert "BT005" in run("--extend-select", "BT005", str(path)).stdout


def test_rule_and_rules_commands() -> None:
    explained = run("rule", "too-many-url-buttons")
    assert explained.code == 0
    assert explained.stdout.startswith("BT003 too-many-url-buttons")
    assert "Fails:" in explained.stdout
    assert "Passes:" in explained.stdout
    listing = json.loads(run("rules", "--format", "json").stdout)
    assert {row["code"] for row in listing} == {r.code for r in ALL_RULES}
    assert run("rule", "XX999").code == 2


def test_version() -> None:
    result = run("--version")
    assert result.code == 0
    assert re.fullmatch(r"chatapp-lint \d+\.\d+\.\d+\n", result.stdout)


def test_an_interrupted_run_puts_the_ctrl_c_handler_back(
    capsys: pytest.CaptureFixture[str],
) -> None:
    before = signal.getsignal(signal.SIGINT)

    def interrupted() -> int:
        raise KeyboardInterrupt

    assert cli._guarded(interrupted) == cli.EXIT_INTERRUPTED
    assert signal.getsignal(signal.SIGINT) is before
    assert capsys.readouterr().err == "chatapp-lint: interrupted.\n"


@rule("ZZ999", "always-crashes")
def _crashing(t: TemplateView, root: Node) -> Iterator[Finding]:
    """A rule that crashes, to prove a crash is reported and does not hide the rest.

    Source: tests.
    """
    raise RuntimeError("boom")


def test_a_crashing_rule_is_an_internal_error_that_hides_nothing(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(linting, "ALL_RULES", (*ALL_RULES, _crashing))
    monkeypatch.setattr(
        "chatapp_lint.rules._BY_CODE", {r.code: r for r in (*ALL_RULES, _crashing)}
    )
    status = commands.run(
        ["--format", "json", str(EXAMPLES / "bad" / "deprecated-cust-waba-id.yaml")]
    )
    report = json.loads(capsys.readouterr().out)
    codes = {v["code"] for v in report["violations"]}
    assert status == 2
    assert {"IN001", "DP001"} <= codes
    assert any(
        "ZZ999" in v["message"] and "boom" in v["message"] for v in report["violations"]
    )


def test_the_readme_shows_real_output() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for line in run("examples/bad/three-url-buttons.yaml").stdout.splitlines():
        assert line in readme


def test_the_fast_path_knows_every_command_name() -> None:
    assert set(commands.app.commands) == plain.COMMANDS


@pytest.mark.parametrize(
    ("args", "plain_paths"),
    [
        (["examples/templates"], True),
        (["examples/templates/viber-image.json", "-"], True),
        ([], False),
        (["--format", "json", "examples/templates"], False),
        (["examples/templates", "-q"], False),
        (["rules"], False),
        (["examples/templates", "rules"], False),  # a later `rules` is a missing path
        (["no-such-file.json"], False),
        ([""], False),
    ],
)
def test_only_plain_existing_paths_take_the_fast_path(
    args: list[str], plain_paths: bool
) -> None:
    assert plain.is_plain(args) is plain_paths


# What linting one clean JSON file without a configuration file (pre-commit's
# usual run) has no use for: importing any of them costs every commit.
UNUSED_BY_ONE_CLEAN_FILE = {
    "click",  # the fast path takes plain paths
    "chatapp_lint.commands",
    "chatapp_lint.fixes",  # no violation to mark fixable
    "chatapp_lint.fixer",
    "jsonschema",  # the template is valid: only the compiled check runs
    "difflib",
    "yaml",  # no YAML file
    "ruamel",
    "tomllib",  # no configuration file
    "pathlib",  # os.path does; pathlib brings fnmatch, urllib.parse, ipaddress
    "fnmatch",
    "urllib.parse",  # no URL in the template
    "ipaddress",
    "signal",  # not interrupted
    "select",  # a regular file, not a FIFO
    "multiprocessing",  # one file, one process
    "concurrent.futures",
}
_IMPORTS_PROBE = """
import sys
before = set(sys.modules)
from chatapp_lint.cli import main
try:
    main(sys.argv[1:])
except SystemExit as exit:
    print(exit.code)
print(" ".join(sorted(set(sys.modules) - before)))
"""


@pytest.mark.parametrize(
    "template",
    [VALID, (EXAMPLES / "templates" / "whatsapp-authentication-copy-code.json")],
)
def test_one_clean_json_file_imports_only_what_it_uses(
    tmp_path: Path, template: str | Path
) -> None:
    path = tmp_path / "template.json"
    text = template if isinstance(template, str) else template.read_text("utf-8")
    path.write_text(text, encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-c", _IMPORTS_PROBE, str(path)],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        check=True,
        timeout=120,
    )
    status, imported = done.stdout.splitlines()[-2:]
    assert status == "0"
    assert "chatapp_lint.rules" in imported.split()  # the probe saw the run
    assert sorted(UNUSED_BY_ONE_CLEAN_FILE & set(imported.split())) == []


def test_the_fast_path_and_click_print_the_same(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text(
        '[tool.chatapp-lint]\nignore = ["VB"]\nfail-on = "warning"\n', encoding="utf-8"
    )
    target = str(ROOT / "examples" / "bad")
    fast = run(target, cwd=tmp_path)
    with_click = run("lint", target, cwd=tmp_path)
    assert fast.stdout == with_click.stdout
    assert fast.code == with_click.code == 1
    assert "VB0" not in fast.stdout


def test_jobs_change_nothing_in_the_output() -> None:
    alone = run("--jobs", "1", "examples")
    shared = run("-j", "2", "examples")
    assert shared.stdout == alone.stdout
    assert shared.code == alone.code == 1


def test_jobs_must_not_be_negative() -> None:
    result = run("--jobs", "-1", "examples")
    assert result.code == 2
    assert "--jobs" in result.stderr
