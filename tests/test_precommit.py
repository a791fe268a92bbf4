"""The pre-commit hook users install: its definition, and the real pre-commit running it."""

from __future__ import annotations

import shutil
import subprocess
import sys
import tomllib
from pathlib import Path
from typing import Any

import pytest
import yaml

ROOT = Path(__file__).parent.parent
EXAMPLES = ROOT / "examples"


def test_the_hook_runs_the_installed_console_script() -> None:
    hooks = yaml.safe_load(
        (ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8")
    )
    scripts = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))[
        "project"
    ]["scripts"]
    by_id = {hook["id"]: hook for hook in hooks}
    assert by_id["chatapp-lint"]["entry"].split()[0] in scripts
    for hook in hooks:
        assert hook["language"] == "python"
        assert hook["types_or"] == ["json", "yaml"]
        # Checks across files (XF001, XF002) need every file in one process.
        assert hook["require_serial"] is True


def _git(repo: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True)


@pytest.mark.skipif(shutil.which("git") is None, reason="needs git")
def test_pre_commit_try_repo_passes_clean_and_fails_dirty(tmp_path: Path) -> None:
    if not (ROOT / ".git").exists():
        pytest.skip("try-repo needs this checkout to be a git repository")
    repo = tmp_path / "project"
    repo.mkdir()
    _git(repo, "init", "-q")
    shutil.copy(EXAMPLES / "templates" / "viber-text-button.json", repo / "clean.json")
    shutil.copy(EXAMPLES / "bad" / "three-url-buttons.yaml", repo / "dirty.yaml")
    _git(repo, "add", ".")
    env_home = tmp_path / "pre-commit-home"

    def try_repo(*files: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [
                sys.executable,
                "-m",
                "pre_commit",
                "try-repo",
                str(ROOT),
                "chatapp-lint",
                "--files",
                *files,
            ],
            cwd=repo,
            capture_output=True,
            text=True,
            check=False,
            timeout=600,
            env={
                "PRE_COMMIT_HOME": str(env_home),
                "PATH": _path(),
                "HOME": str(tmp_path),
            },
        )

    clean = try_repo("clean.json")
    assert clean.returncode == 0, clean.stdout + clean.stderr
    assert "Passed" in clean.stdout
    dirty = try_repo("clean.json", "dirty.yaml")
    assert dirty.returncode == 1, dirty.stdout + dirty.stderr
    assert "dirty.yaml:29:9: BT003 [error]" in dirty.stdout


def _path() -> str:
    import os

    return os.environ.get("PATH", "/usr/bin:/bin")


FIXABLE = """\
# A template with what --fix repairs: a hyphenated language and a legacy category.
TemplateType: WHATSAPP
Name: order_update
Language: en-US   # written the browser's way
Category: TRANSACTIONAL
Components:
  - Type: BODY
    Text: Your order has shipped and arrives tomorrow.
"""


@pytest.mark.skipif(shutil.which("git") is None, reason="needs git")
def test_pre_commit_fix_hook_fixes_then_passes(tmp_path: Path) -> None:
    if not (ROOT / ".git").exists():
        pytest.skip("try-repo needs this checkout to be a git repository")
    repo = tmp_path / "project"
    repo.mkdir()
    _git(repo, "init", "-q")
    shutil.copy(EXAMPLES / "templates" / "viber-text-button.json", repo / "clean.json")
    (repo / "fixable.yaml").write_text(FIXABLE, encoding="utf-8")
    _git(repo, "add", ".")

    def try_fix_hook() -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [
                sys.executable,
                "-m",
                "pre_commit",
                "try-repo",
                str(ROOT),
                "chatapp-lint-fix",
                "--files",
                "clean.json",
                "fixable.yaml",
            ],
            cwd=repo,
            capture_output=True,
            text=True,
            check=False,
            timeout=600,
            env={
                "PRE_COMMIT_HOME": str(tmp_path / "pre-commit-home"),
                "PATH": _path(),
                "HOME": str(tmp_path),
            },
        )

    # pre-commit fails a hook that changed files, so that the user re-stages them.
    first = try_fix_hook()
    assert first.returncode == 1, first.stdout + first.stderr
    assert "files were modified by this hook" in first.stdout
    fixed = (repo / "fixable.yaml").read_text(encoding="utf-8")
    assert fixed == FIXABLE.replace("en-US", "en_US").replace(
        "TRANSACTIONAL", "UTILITY"
    )
    _git(repo, "add", ".")
    second = try_fix_hook()
    assert second.returncode == 0, second.stdout + second.stderr
    assert "Passed" in second.stdout


def _readme_snippet() -> dict[str, Any]:
    """The README's pre-commit configuration, as a user would paste it."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## pre-commit", 1)[1]
    block = section.split("```yaml\n", 1)[1].split("```", 1)[0]
    snippet: dict[str, Any] = yaml.safe_load(block)
    return snippet


def _snapshot(destination: Path) -> str:
    """This checkout as it is, uncommitted changes included, committed in a new
    repository (as `pre-commit try-repo` does); returns the commit."""
    listed = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        cwd=ROOT,
        capture_output=True,
        check=True,
    ).stdout.decode("utf-8")
    for name in filter(None, listed.split("\0")):
        source, target = ROOT / name, destination / name
        target.parent.mkdir(parents=True, exist_ok=True)
        if source.is_symlink():  # chatapp_lint/schemas is one, as git keeps it
            target.symlink_to(source.readlink())
        elif source.is_file():  # not a file deleted but not yet committed
            shutil.copy2(source, target)
    _git(destination, "init", "-q")
    _git(destination, "add", ".")
    _git(destination, "-c", "user.name=t", "-c", "user.email=t@example.com",
         "commit", "-q", "-m", "snapshot")  # fmt: skip
    return subprocess.run(
        ["git", "rev-parse", "HEAD"],
        cwd=destination,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()


@pytest.mark.skipif(shutil.which("git") is None, reason="needs git")
def test_the_readme_snippet_lints_only_the_templates_of_a_mixed_repository(
    tmp_path: Path,
) -> None:
    if not (ROOT / ".git").exists():
        pytest.skip("the snapshot needs this checkout to be a git repository")
    from tests.test_which_files import OTHERS, mixed_repository

    hooks = tmp_path / "hooks"
    hooks.mkdir()
    snippet = _readme_snippet()
    snippet["repos"][0].update(repo=str(hooks), rev=_snapshot(hooks))
    project = tmp_path / "project"
    project.mkdir()
    mixed_repository(project, pre_commit_config=yaml.safe_dump(snippet), others=OTHERS)
    _git(project, "init", "-q")
    _git(project, "add", ".")
    done = subprocess.run(
        [sys.executable, "-m", "pre_commit", "run", "--all-files"],
        cwd=project,
        capture_output=True,
        text=True,
        check=False,
        timeout=600,
        env={
            "PRE_COMMIT_HOME": str(tmp_path / "pre-commit-home"),
            "PATH": _path(),
            "HOME": str(tmp_path),
        },
    )
    output = done.stdout + done.stderr
    assert done.returncode == 1, output
    assert "templates/promo.yaml:29:9: BT003 [error]" in output
    assert "Found 1 error and 0 warnings in 2 files (2 templates)." in output
    for name in [*OTHERS, ".pre-commit-config.yaml"]:
        assert name not in output
