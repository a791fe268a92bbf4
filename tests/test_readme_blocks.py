"""Every code block of the README does what the README says it does.

Each fenced block is run, offline, in a scratch folder holding a copy of
`examples/` (and of `examples/templates/` as `templates/`), with this
installation's `chatapp-lint` and `check-jsonschema` first on the PATH:

- `console`: each `$ command` is run; what it prints must be the lines below it.
- `sh`: run with bash, and must exit 0 (or the status a marker names).
- `python`: run; trailing `# ...` comment lines are what it must print (a line
  ending in `...` need only start the same).
- `yaml`: a template, which must lint clean.
- `json`: must parse. `toml`: a configuration file that chatapp-lint accepts.

A comment on the line before a block says otherwise, and every block that does
not run says why:

- `<!-- readme-test: skip (REASON) -->`: not run, for the reason given.
- `<!-- readme-test: save NAME -->`: written to NAME for the blocks after it.
- `<!-- readme-test: output of COMMAND, exit N -->`: the block is what COMMAND
  prints, and N its exit status.
- `<!-- readme-test: exit N -->`: an `sh` block's expected status.
- `<!-- readme-test: pre-commit -->`: the pre-commit configuration, run by the
  real pre-commit against this repository (see its test).
- `<!-- readme-test: fake-cams (REASON) -->`: the block's `chatapp-lint` lines,
  run against the tests' loopback fake of the service (`--endpoint`,
  `--protocol http` and the fake's credentials added).
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import tomllib
from collections.abc import Callable
from pathlib import Path

import attrs
import pytest

ROOT = Path(__file__).parent.parent
README = ROOT / "README.md"
FENCE = re.compile(r"^(?P<indent> *)```(?P<lang>[a-z]*)\s*$")
MARKER = re.compile(r"^\s*<!-- readme-test: (?P<what>.+?) -->\s*$")
BIN = Path(sys.executable).parent


@attrs.frozen
class Block:
    line: int
    lang: str
    text: str
    marker: str | None

    @property
    def name(self) -> str:
        return f"README.md:{self.line}:{self.lang or 'plain'}"


def blocks(path: Path = README) -> list[Block]:
    """The fenced blocks of a Markdown file, with the marker just above each."""
    lines = path.read_text(encoding="utf-8").splitlines()
    found: list[Block] = []
    index = 0
    while index < len(lines):
        opening = FENCE.match(lines[index])
        if opening is None:
            index += 1
            continue
        indent = opening["indent"]
        body: list[str] = []
        index += 1
        while index < len(lines) and lines[index] != f"{indent}```":
            body.append(lines[index].removeprefix(indent))
            index += 1
        start = index - len(body)
        above = MARKER.match(lines[start - 2]) if start >= 2 else None
        found.append(
            Block(
                start, opening["lang"], "\n".join(body) + "\n", above and above["what"]
            )
        )
        index += 1
    return found


ALL = blocks()


def _workspace(tmp_path: Path, before: Block) -> Path:
    """A scratch folder with the examples and every file saved by earlier blocks."""
    shutil.copytree(ROOT / "examples", tmp_path / "examples")
    shutil.copytree(ROOT / "examples" / "templates", tmp_path / "templates")
    for block in ALL:
        if block.line >= before.line:
            break
        if block.marker and block.marker.startswith("save "):
            (tmp_path / block.marker.removeprefix("save ").strip()).write_text(
                block.text, encoding="utf-8"
            )
    return tmp_path


def _environment() -> dict[str, str]:
    environment = {
        k: v for k, v in os.environ.items() if k not in {"GITHUB_ACTIONS", "NO_COLOR"}
    }
    environment["PATH"] = f"{BIN}{os.pathsep}{environment.get('PATH', '')}"
    return environment


def _shell(command: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["bash", "-e", "-o", "pipefail", "-c", command],
        cwd=cwd,
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
        env=_environment(),
    )


def _console(block: Block, cwd: Path) -> None:
    session = re.split(r"^\$ ", block.text, flags=re.MULTILINE)[1:]
    assert session, f"{block.name}: a console block without a `$ ` command"
    for step in session:
        command, _, expected = step.partition("\n")
        # Not -e: a console session shows failing commands too.
        done = _shell(f"{command} || true", cwd)
        assert done.stdout == expected, f"{block.name}: {command}"


def _python(block: Block, cwd: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-c", block.text],
        cwd=cwd,
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
        env=_environment(),
    )
    assert done.returncode == 0, done.stderr
    code = block.text.rstrip("\n").split("\n")
    expected: list[str] = []
    while code and code[-1].startswith("# "):
        expected.insert(0, code.pop().removeprefix("# "))
    if not expected:
        return
    printed = done.stdout.splitlines()
    assert len(printed) == len(expected), done.stdout
    for line, wanted in zip(printed, expected, strict=True):
        if wanted.endswith("..."):
            assert line.startswith(wanted.removesuffix("...")), line
        else:
            assert line == wanted


def _toml(block: Block, cwd: Path) -> None:
    parsed = tomllib.loads(block.text)
    assert "chatapp-lint" in parsed.get("tool", {}), block.name
    (cwd / "pyproject.toml").write_text(block.text, encoding="utf-8")
    done = _shell("chatapp-lint templates examples/bad", cwd)
    # 1: the bad examples fail; 2 would be a configuration that cannot be used.
    assert done.returncode == 1, done.stdout + done.stderr
    assert "invalid configuration" not in done.stderr


def _yaml_template(block: Block, cwd: Path) -> None:
    (cwd / "readme-block.yaml").write_text(block.text, encoding="utf-8")
    done = _shell("chatapp-lint readme-block.yaml", cwd)
    assert done.returncode == 0, done.stdout


def _output_of(block: Block, cwd: Path, marker: str) -> None:
    match = re.fullmatch(r"output of (?P<command>.+), exit (?P<status>\d+)", marker)
    assert match, f"{block.name}: write `output of COMMAND, exit N`"
    done = _shell(match["command"], cwd)
    assert done.returncode == int(match["status"]), done.stdout + done.stderr
    assert done.stdout == block.text


def _fake_cams(block: Block, cwd: Path) -> None:
    """The sending commands against the tests' loopback fake of the service."""
    pytest.importorskip("alibabacloud_cams20200606")
    from tests.sender.fake_cams import ACCESS_KEY_ID, ACCESS_KEY_SECRET, FakeCams

    fake = FakeCams()
    endpoint = fake.serve()
    try:
        sent = [
            f"{line.split('#')[0].strip()} --endpoint {endpoint} --protocol http"
            for line in block.text.splitlines()
            if line.startswith("chatapp-lint ")
        ]
        assert sent, f"{block.name}: no chatapp-lint command to run"
        done = subprocess.run(
            ["bash", "-e", "-c", "\n".join(sent)],
            cwd=cwd,
            capture_output=True,
            text=True,
            check=False,
            timeout=300,
            env={
                **_environment(),
                "ALIBABA_CLOUD_ACCESS_KEY_ID": ACCESS_KEY_ID,
                "ALIBABA_CLOUD_ACCESS_KEY_SECRET": ACCESS_KEY_SECRET,
            },
        )
    finally:
        fake.stop()
    assert done.returncode == 0, done.stdout + done.stderr
    templates = sum(1 for _ in (cwd / "templates").iterdir())
    assert done.stdout.count("created TemplateCode") == templates
    assert len(fake.templates) == templates
    assert (
        len((cwd / "sent.jsonl").read_text(encoding="utf-8").splitlines()) == templates
    )


def _precommit(block: Block, cwd: Path) -> None:
    pytest.importorskip("pre_commit")
    if shutil.which("git") is None:
        pytest.skip("needs git")
    branch = subprocess.run(
        ["git", "-C", str(ROOT), "rev-parse", "--verify", "-q", "main"],
        capture_output=True,
        check=False,
    )
    if branch.returncode != 0:
        pytest.skip("needs this checkout as a git repository with a main branch")
    project = cwd / "project"
    shutil.copytree(ROOT / "examples" / "templates", project / "templates")
    url = re.search(r"repo: (\S+)", block.text)
    assert url is not None
    # The user's clone URL, here: this repository.
    config = block.text.replace(url[1], str(ROOT))
    (project / ".pre-commit-config.yaml").write_text(config, encoding="utf-8")
    environment = {
        **_environment(),
        "PRE_COMMIT_HOME": str(cwd / "pre-commit-home"),
        "HOME": str(cwd),
    }

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            args, cwd=project, capture_output=True, text=True, check=False,
            timeout=600, env=environment,
        )  # fmt: skip

    run("git", "init", "-q")
    run("git", "add", ".")
    # As written (rev: main) the hook installs and runs on the templates.
    files = sorted(
        str(p.relative_to(project)) for p in (project / "templates").iterdir()
    )
    first = run(sys.executable, "-m", "pre_commit", "run", "--files", *files)
    assert first.returncode == 0, first.stdout + first.stderr
    assert "mutable reference" in first.stdout + first.stderr  # as the README warns
    # `pre-commit autoupdate` pins the newest commit's SHA, there being no tag.
    updated = run(sys.executable, "-m", "pre_commit", "autoupdate")
    assert updated.returncode == 0, updated.stdout + updated.stderr
    head = subprocess.run(
        ["git", "-C", str(ROOT), "rev-parse", "HEAD"],
        capture_output=True, text=True, check=True,
    ).stdout.strip()  # fmt: skip
    pinned = (project / ".pre-commit-config.yaml").read_text(encoding="utf-8")
    assert f"rev: {head}" in pinned
    # Not run again: a new rev installs a second environment of the same hook.


@pytest.mark.parametrize("block", ALL, ids=lambda b: b.name)
def test_readme_block(block: Block, tmp_path: Path) -> None:
    marker = block.marker or ""
    if marker.startswith("skip"):
        reason = re.fullmatch(r"skip \((?P<why>.+)\)", marker)
        assert reason, f"{block.name}: say why: `skip (REASON)`"
        pytest.skip(reason["why"])
    cwd = _workspace(tmp_path, block)
    if marker.startswith("save "):
        return  # used by the blocks after it
    if marker.startswith("output of "):
        _output_of(block, cwd, marker)
    elif marker == "pre-commit":
        _precommit(block, cwd)
    elif marker.startswith("fake-cams"):
        _fake_cams(block, cwd)
    else:
        run = RUNNERS.get(block.lang)
        if run is None:
            pytest.fail(f"{block.name}: no way to test a {block.lang!r} block; mark it")
        run(block, cwd)


def _sh(block: Block, cwd: Path) -> None:
    wanted = re.fullmatch(r"exit (\d+)", block.marker or "")
    done = _shell(block.text, cwd)
    assert done.returncode == (int(wanted[1]) if wanted else 0), (
        done.stdout + done.stderr
    )


def _json(block: Block, cwd: Path) -> None:
    json.loads(block.text)


RUNNERS: dict[str, Callable[[Block, Path], None]] = {
    "console": _console,
    "sh": _sh,
    "python": _python,
    "toml": _toml,
    "yaml": _yaml_template,
    "json": _json,
}


def test_every_marker_is_known() -> None:
    known = re.compile(
        r"skip \(.+\)|save \S+|output of .+, exit \d+|exit \d+|pre-commit"
        r"|fake-cams \(.+\)"
    )
    for block in ALL:
        assert block.marker is None or known.fullmatch(block.marker), block.name


def test_markers_are_attached_to_a_block() -> None:
    text = README.read_text(encoding="utf-8").splitlines()
    used = {block.line - 2 for block in ALL if block.marker}
    for number, line in enumerate(text):
        if MARKER.match(line):
            assert number in used, f"README.md:{number + 1}: a marker with no block"
