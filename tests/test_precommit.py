"""The pre-commit hook users install: its definition, and the real pre-commit running it."""

from __future__ import annotations

import shutil
import subprocess
import sys
import tomllib
from pathlib import Path
from typing import Any

import attrs
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


def _path() -> str:
    import os

    return os.environ.get("PATH", "/usr/bin:/bin")


CompletedProcess = subprocess.CompletedProcess[str]


@attrs.frozen
class Hooks:
    """This checkout committed as a hook repository, and a pre-commit home.

    pre-commit keys the environment it installs by repository and revision, so
    the tests share one. (`try-repo` would install it again on every call, in a
    store of its own; this is what it does otherwise: commit the checkout with
    its uncommitted changes, and run the hook from there.)
    """

    repo: Path
    rev: str
    home: Path

    def run(self, project: Path, *args: str) -> CompletedProcess:
        """`pre-commit ARGS...` in the project, on this machine's PATH only."""
        return subprocess.run(
            [sys.executable, "-m", "pre_commit", *args],
            cwd=project,
            capture_output=True,
            text=True,
            check=False,
            timeout=600,
            env={
                "PRE_COMMIT_HOME": str(self.home),
                "PATH": _path(),
                "HOME": str(self.home.parent),
            },
        )

    def run_hook(self, project: Path, hook: str, *files: str) -> CompletedProcess:
        """One of this checkout's hooks on the files, as a user's config runs it."""
        config = {"repos": [{"repo": str(self.repo), "rev": self.rev,
                             "hooks": [{"id": hook}]}]}  # fmt: skip
        (project / ".pre-commit-config.yaml").write_text(yaml.safe_dump(config))
        _git(project, "add", ".pre-commit-config.yaml")
        return self.run(project, "run", hook, "--files", *files)


@pytest.fixture(scope="module")
def hooks(tmp_path_factory: pytest.TempPathFactory) -> Hooks:
    if shutil.which("git") is None:
        pytest.skip("needs git")
    if not (ROOT / ".git").exists():
        pytest.skip("the hook repository is made from this checkout's git files")
    where = tmp_path_factory.mktemp("hooks")
    repo = where / "repo"
    repo.mkdir()
    return Hooks(repo, _snapshot(repo), where / "pre-commit-home")


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


def _project(tmp_path: Path, files: dict[str, str | Path]) -> Path:
    project = tmp_path / "project"
    project.mkdir()
    _git(project, "init", "-q")
    for name, content in files.items():
        if isinstance(content, Path):
            shutil.copy(content, project / name)
        else:
            (project / name).write_text(content, encoding="utf-8")
    _git(project, "add", ".")
    return project


def test_the_hook_passes_clean_and_fails_dirty(tmp_path: Path, hooks: Hooks) -> None:
    project = _project(
        tmp_path,
        {
            "clean.json": EXAMPLES / "templates" / "viber-text-button.json",
            "dirty.yaml": EXAMPLES / "bad" / "three-url-buttons.yaml",
        },
    )
    clean = hooks.run_hook(project, "chatapp-lint", "clean.json")
    assert clean.returncode == 0, clean.stdout + clean.stderr
    assert "Passed" in clean.stdout
    dirty = hooks.run_hook(project, "chatapp-lint", "clean.json", "dirty.yaml")
    assert dirty.returncode == 1, dirty.stdout + dirty.stderr
    assert "dirty.yaml:29:9: BT003 [error]" in dirty.stdout


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


def test_pre_commit_fix_hook_fixes_then_passes(tmp_path: Path, hooks: Hooks) -> None:
    project = _project(
        tmp_path,
        {
            "clean.json": EXAMPLES / "templates" / "viber-text-button.json",
            "fixable.yaml": FIXABLE,
        },
    )
    files = ("clean.json", "fixable.yaml")
    # pre-commit fails a hook that changed files, so that the user re-stages them.
    first = hooks.run_hook(project, "chatapp-lint-fix", *files)
    assert first.returncode == 1, first.stdout + first.stderr
    assert "files were modified by this hook" in first.stdout
    fixed = (project / "fixable.yaml").read_text(encoding="utf-8")
    assert fixed == FIXABLE.replace("en-US", "en_US").replace(
        "TRANSACTIONAL", "UTILITY"
    )
    _git(project, "add", ".")
    second = hooks.run_hook(project, "chatapp-lint-fix", *files)
    assert second.returncode == 0, second.stdout + second.stderr
    assert "Passed" in second.stdout


def _readme_snippet() -> dict[str, Any]:
    """The README's pre-commit configuration, as a user would paste it."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## pre-commit", 1)[1]
    block = section.split("```yaml\n", 1)[1].split("```", 1)[0]
    snippet: dict[str, Any] = yaml.safe_load(block)
    return snippet


def test_the_readme_snippet_lints_only_the_templates_of_a_mixed_repository(
    tmp_path: Path, hooks: Hooks
) -> None:
    from tests.test_which_files import OTHERS, mixed_repository

    snippet = _readme_snippet()
    snippet["repos"][0].update(repo=str(hooks.repo), rev=hooks.rev)
    project = tmp_path / "project"
    project.mkdir()
    mixed_repository(project, pre_commit_config=yaml.safe_dump(snippet), others=OTHERS)
    _git(project, "init", "-q")
    _git(project, "add", ".")
    done = hooks.run(project, "run", "--all-files")
    output = done.stdout + done.stderr
    assert done.returncode == 1, output
    assert "templates/promo.yaml:29:9: BT003 [error]" in output
    assert "Found 1 error and 0 warnings in 2 files (2 templates)." in output
    for name in [*OTHERS, ".pre-commit-config.yaml"]:
        assert name not in output
