"""Only templates are linted: a repository with other JSON and YAML files in it.

The same repository is linted through the command line (from its root and from a
subdirectory), the library, and real pre-commit (in test_precommit.py).
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

import chatapp_lint
from chatapp_lint.config import Config
from tests.test_cli import EXAMPLES, run

CLEAN = EXAMPLES / "templates" / "whatsapp-utility-text-header.json"
DIRTY = EXAMPLES / "bad" / "three-url-buttons.yaml"

OTHERS = {
    "package.json": json.dumps(
        {"name": "shop", "version": "1.0.0", "scripts": {"test": "jest"}}
    ),
    "package-lock.json": json.dumps({"name": "shop", "lockfileVersion": 3}),
    "tsconfig.json": json.dumps({"compilerOptions": {"strict": True}}),
    "docker-compose.yml": "services:\n  web:\n    image: shop:latest\n",
    ".github/workflows/ci.yml": (
        "name: CI\non: push\njobs:\n  test:\n    runs-on: ubuntu-latest\n"
        "    steps:\n      - uses: actions/checkout@v4\n"
    ),
    "node_modules/left-pad/package.json": json.dumps({"name": "left-pad"}),
}
"""Files of other tools, each left out by a default exclude."""
UNKNOWN = {"config/settings.json": json.dumps({"name": "shop", "currency": "EUR"})}
"""No default exclude names this one: a walk sees it is no template."""
PRE_COMMIT_CONFIG = "repos: []\n"


def mixed_repository(
    root: Path,
    *,
    pre_commit_config: str = PRE_COMMIT_CONFIG,
    others: dict[str, str] = OTHERS | UNKNOWN,
) -> Path:
    """package.json, tsconfig.json, a workflow, ... and two templates, one dirty."""
    for name, text in others.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    (root / ".pre-commit-config.yaml").write_text(pre_commit_config, encoding="utf-8")
    (root / "templates").mkdir()
    shutil.copy(CLEAN, root / "templates" / "order.json")
    shutil.copy(DIRTY, root / "templates" / "promo.yaml")
    return root


def _files(stdout: str) -> set[str]:
    return {Path(v["file"]).as_posix() for v in json.loads(stdout)["violations"]}


def test_from_the_root_only_the_templates_are_linted(tmp_path: Path) -> None:
    project = mixed_repository(tmp_path)
    result = run(".", cwd=project)
    assert result.code == 1
    assert result.stdout.splitlines() == [
        "templates/promo.yaml:29:9: BT003 [error] 3 URL buttons; at most 2 are allowed.",
        "Found 1 error and 0 warnings in 2 files (2 templates); "
        "1 skipped: not templates.",
    ]
    summary = json.loads(run("--format", "json", ".", cwd=project).stdout)["summary"]
    assert summary == {
        "files": 2,
        "templates": 2,
        "errors": 1,
        "warnings": 0,
        "skipped": 1,
    }


def test_from_a_subdirectory_too(tmp_path: Path) -> None:
    project = mixed_repository(tmp_path)
    (project / "pyproject.toml").write_text(
        '[tool.chatapp-lint]\nextend-exclude = ["config/*.json"]\n', encoding="utf-8"
    )
    whole = run("--format", "json", "..", cwd=project / "templates")
    assert _files(whole.stdout) == {"../templates/promo.yaml"}
    # The configuration's exclude is relative to its own directory, not to here.
    assert json.loads(whole.stdout)["summary"]["skipped"] == 0
    here = run("--format", "json", ".", cwd=project / "templates")
    assert _files(here.stdout) == {"promo.yaml"}


def test_the_library_lints_what_the_command_line_lints(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    project = mixed_repository(tmp_path)
    monkeypatch.chdir(project)
    report = chatapp_lint.lint_paths(["."])
    assert {(v.file, v.code) for v in report} == {("templates/promo.yaml", "BT003")}
    assert (report.files, report.templates, report.skipped) == (2, 2, 1)
    monkeypatch.chdir(project / "templates")
    assert {v.file for v in chatapp_lint.lint_paths([".."])} == {
        "../templates/promo.yaml"
    }


def test_a_file_named_outright_is_linted_unless_force_excluded(
    tmp_path: Path,
) -> None:
    project = mixed_repository(tmp_path)
    named = ["package.json", "templates/order.json"]
    assert run(*named, cwd=project).code == 1  # package.json lacks every member
    forced = run("--force-exclude", *named, cwd=project)
    assert forced.code == 0
    assert forced.stdout == "All clean: 1 file, 1 template checked.\n"
    (project / ".chatapp-lint.toml").write_text("force-exclude = true\n")
    assert run(*named, cwd=project).code == 0
    assert run("--no-force-exclude", *named, cwd=project).code == 1


def test_include_and_exclude_are_configurable(tmp_path: Path) -> None:
    project = mixed_repository(tmp_path)
    config = project / ".chatapp-lint.toml"
    config.write_text('exclude = []\nextend-exclude = ["templates/promo.yaml"]\n')
    # Without the default excludes, package.json and the others are walked into
    # (but for .github: a walk never enters a hidden directory), and skipped as
    # no templates, .pre-commit-config.yaml included.
    result = json.loads(run("--format", "json", ".", cwd=project).stdout)
    assert result["violations"] == []
    assert result["summary"]["skipped"] == len(OTHERS) + len(UNKNOWN)
    config.write_text('include = ["templates/*.yaml"]\n')
    assert _files(run("--format", "json", ".", cwd=project).stdout) == {
        "templates/promo.yaml"
    }


@pytest.mark.parametrize(
    ("config", "line", "fragment"),
    [
        ('\nexclude = "build"\n', 2, "'exclude' must be a list of globs"),
        ("include = [1]\n", 1, "'include' must be a list of globs"),
        ('force-exclude = "yes"\n', 1, "'force-exclude' is true or false"),
    ],
)
def test_bad_file_keys_are_configuration_errors(
    tmp_path: Path, config: str, line: int, fragment: str
) -> None:
    project = mixed_repository(tmp_path)
    (project / ".chatapp-lint.toml").write_text(config, encoding="utf-8")
    result = run(".", cwd=project)
    assert result.code == 2
    assert f".chatapp-lint.toml:{line}: {fragment}" in result.stderr


def test_lint_paths_refuses_a_bare_string() -> None:
    for one in ("templates", b"templates", Path("templates")):
        with pytest.raises(TypeError, match=r"lint_paths\(\["):
            chatapp_lint.lint_paths(one)  # type: ignore[arg-type]


def test_lint_paths_finds_the_configuration_or_takes_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    project = mixed_repository(tmp_path)
    (project / "pyproject.toml").write_text(
        '[tool.chatapp-lint]\nignore = ["BT003"]\n', encoding="utf-8"
    )
    monkeypatch.chdir(project / "templates")
    assert not chatapp_lint.lint_paths(["."]).violations  # found from here upward
    other = tmp_path / "other.toml"
    other.write_text('select = ["BT"]\n', encoding="utf-8")
    for given in (other, str(other)):
        codes = {v.code for v in chatapp_lint.lint_paths(["."], config=given)}
        assert codes == {"BT003"}
    codes = {v.code for v in chatapp_lint.lint_paths(["."], config=Config())}
    assert codes == {"BT003"}


def test_send_gathers_the_templates_lint_paths_lints(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from chatapp_lint.sender.batch import collect

    project = mixed_repository(tmp_path)
    (project / "templates" / "promo.yaml").unlink()
    monkeypatch.chdir(project)
    items = collect(["."], space_id="293483938849493")
    assert [(item.file, item.data["Name"]) for item in items] == [
        ("templates/order.json", json.loads(CLEAN.read_text())["Name"])
    ]
