"""What the documentation states about the code stays true of it."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from chatapp_lint.rules import ALL_RULES, find

ROOT = Path(__file__).parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")


def _section(text: str, title: str) -> str:
    return text.split(f"\n## {title}\n", 1)[1].split("\n## ", 1)[0]


def test_the_readme_lists_every_family_of_codes() -> None:
    listed = re.findall(r"\b([A-Z]{2}) \(", _section(README, "Rules"))
    assert len(listed) == len(set(listed)), "a family is listed twice"
    assert set(listed) == {rule.code[:2] for rule in ALL_RULES}


# Files users never get: the project's own working notes.
PRIVATE = re.compile(
    # `shared/` alone, not inside another path (a repository's `.../shared/...`).
    r"CONTRACT\.md|rules-research|sdk-notes|\.\./shared|(?<![\w/.-])shared/"
    r"|research notes?\b",
    re.IGNORECASE,
)
SHIPPED = ("README.md", "rules.md", "SECURITY.md", "CHANGELOG.md", "pyproject.toml")
SHIPPED_TREES = ("chatapp_lint", "schemas", "examples", "tests", "benchmarks")


def _shipped_files() -> list[Path]:
    files = [ROOT / name for name in SHIPPED]
    for tree in SHIPPED_TREES:
        files += [
            path
            for path in sorted((ROOT / tree).rglob("*"))
            if path.is_file() and "__pycache__" not in path.parts
        ]
    return [path for path in files if path.exists() and path != Path(__file__)]


def test_nothing_cites_a_file_users_do_not_have() -> None:
    cited = []
    for path in _shipped_files():
        try:
            text = path.read_text(encoding="utf-8")
        except UnicodeDecodeError:
            continue  # examples/bad/not-utf8.yaml, on purpose
        for number, line in enumerate(text.splitlines(), 1):
            if PRIVATE.search(line):
                cited.append(f"{path.relative_to(ROOT)}:{number}: {line.strip()}")
    assert cited == []


def _bad_examples_table() -> list[tuple[str, str, bool]]:
    text = (ROOT / "examples" / "README.md").read_text(encoding="utf-8")
    rows = re.findall(
        r"^\| `([^`]+)` \| .* \| `([A-Z]{2}\d{3})` [a-z0-9-]+( \*\(warning\)\*)? \|$",
        _section(text, "bad/"),
        re.MULTILINE,
    )
    return [(name, code, bool(warning)) for name, code, warning in rows]


def test_the_bad_examples_table_names_every_file() -> None:
    names = {name for name, _, _ in _bad_examples_table()}
    assert names == {path.name for path in (ROOT / "examples" / "bad").iterdir()}


@pytest.mark.parametrize(("name", "code", "warning"), _bad_examples_table(), ids=str)
def test_each_bad_example_reports_the_code_its_row_names(
    name: str, code: str, warning: bool
) -> None:
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "chatapp_lint",
            "--format",
            "json",
            str(ROOT / "examples" / "bad" / name),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    found = json.loads(done.stdout)["violations"]
    assert {v["code"] for v in found} == {code}
    rule = find(code)
    assert rule is not None
    assert {v["severity"] for v in found} == {"warning" if warning else "error"}
    assert done.returncode == (0 if warning else 1)
