"""What a report says beyond the violations: `[*]`, `--statistics`, `--output-file`."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from tests.test_cli import EXAMPLES, LINE, run

DEPRECATED = EXAMPLES / "bad" / "deprecated-cust-waba-id.yaml"
THREE_URLS = EXAMPLES / "bad" / "three-url-buttons.yaml"


WABA = 'CustWabaId: "659216218164"\n'


def _variant(name: str, old: str, new: str) -> str:
    text = DEPRECATED.read_text(encoding="utf-8")
    assert old in text
    return (
        text.replace(old, new)
        .replace("Name: bad_deprecated_cust_waba_id", f"Name: {name}")
        .replace("the wool blanket", f"the {name} item")  # no XF002 duplicate
    )


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A folder with a fixable warning, an unfixable error and a fixable error."""
    shutil.copy(DEPRECATED, tmp_path / "deprecated.yaml")
    shutil.copy(THREE_URLS, tmp_path / "three.yaml")
    (tmp_path / "miscased.yaml").write_text(
        _variant("miscased", WABA + "", "").replace(
            "Category: UTILITY", "Category: utility"
        ),
        encoding="utf-8",
    )
    # DP001 with another CustSpaceId: reported, but --fix leaves it to the user.
    (tmp_path / "conflict.yaml").write_text(
        _variant("conflict", WABA, WABA + 'CustSpaceId: "293483938849493"\n'),
        encoding="utf-8",
    )
    return tmp_path


def _marked(stdout: str) -> dict[str, bool]:
    """File and code of each violation line, and whether it carries `[*]`."""
    found = {}
    for line in stdout.splitlines():
        match = LINE.match(line)
        if match:
            found[f"{match['file']} {match['code']}"] = "] [*] " in line
    return found


def test_fixable_violations_are_marked_and_counted(project: Path) -> None:
    result = run(".", cwd=project)
    assert result.code == 1
    assert _marked(result.stdout) == {
        "conflict.yaml DP001": False,
        "deprecated.yaml DP001": True,
        "miscased.yaml SC004": True,
        "three.yaml BT003": False,
    }
    summary = result.stdout.splitlines()[-1]
    assert summary == (
        "Found 2 errors and 2 warnings in 4 files (4 templates)."
        " [*] 2 fixable with --fix (--diff shows the changes)."
    )


def test_the_plain_path_and_click_mark_alike(project: Path) -> None:
    plain = run(".", cwd=project)  # no option: the fast path without click
    clicked = run("--color", "never", ".", cwd=project)
    assert plain.stdout == clicked.stdout


def test_what_fix_leaves_is_not_marked(project: Path) -> None:
    run("--fix", ".", cwd=project)
    result = run(".", cwd=project)
    assert "[*]" not in result.stdout
    assert set(_marked(result.stdout)) == {"conflict.yaml DP001", "three.yaml BT003"}


def test_a_rule_not_selected_is_not_marked(project: Path) -> None:
    result = run("--ignore", "SC004", ".", cwd=project)
    assert _marked(result.stdout)["deprecated.yaml DP001"] is True
    assert "miscased.yaml SC004" not in _marked(result.stdout)
    assert "[*] 1 fixable" in result.stdout


def test_standard_input_is_never_marked(project: Path) -> None:
    text = DEPRECATED.read_text(encoding="utf-8")
    # Named after a fixable file on disk: still nothing --fix could write.
    result = run("--stdin-filename", "deprecated.yaml", "-", stdin=text, cwd=project)
    assert "DP001" in result.stdout
    assert "[*]" not in result.stdout


def test_statistics_mark_rules_with_fixes(project: Path) -> None:
    lines = run("--statistics", ".", cwd=project).stdout.splitlines()
    assert "     2  DP001  deprecated-cust-waba-id  [*]" in lines
    assert "     1  BT003  too-many-url-buttons" in lines


def test_statistics_reach_the_json_report(project: Path) -> None:
    plain = json.loads(run("--format", "json", ".", cwd=project).stdout)
    counted = json.loads(
        run("--format", "json", "--statistics", ".", cwd=project).stdout
    )
    assert set(plain) == {"violations", "summary"}
    assert counted["violations"] == plain["violations"]
    assert counted["summary"] == plain["summary"]
    assert counted["statistics"] == [
        {
            "code": "DP001",
            "rule": "deprecated-cust-waba-id",
            "count": 2,
            "fixable": 1,
        },
        {"code": "BT003", "rule": "too-many-url-buttons", "count": 1, "fixable": 0},
        {"code": "SC004", "rule": "value-not-allowed", "count": 1, "fixable": 1},
    ]


@pytest.mark.parametrize("output_format", ["text", "json", "sarif", "github"])
def test_output_file_holds_what_stdout_would(project: Path, output_format: str) -> None:
    printed = run("--format", output_format, "--color", "always", ".", cwd=project)
    target = project / "reports" / "new" / f"lint.{output_format}"
    written = run(
        "--format", output_format, "--color", "always", "-o", str(target), ".",
        cwd=project,
    )  # fmt: skip
    assert written.code == printed.code == 1
    assert written.stdout == ""
    saved = target.read_text(encoding="utf-8")
    assert "\x1b[" not in saved  # a file gets no colour codes
    if output_format == "text":
        assert "\x1b[" in printed.stdout
        assert saved.splitlines()[-1] == printed.stdout.splitlines()[-1].replace(
            "\x1b[0m", ""
        )
    else:
        assert saved == printed.stdout


def test_output_file_that_cannot_be_written_is_a_usage_failure(project: Path) -> None:
    (project / "taken").write_text("a file, not a folder", encoding="utf-8")
    result = run("--output-file", "taken/report.txt", ".", cwd=project)
    assert result.code == 2
    assert result.stderr.startswith(
        "Error: cannot write the report to taken/report.txt"
    )


@pytest.mark.parametrize(
    "path", sorted((EXAMPLES / "bad").iterdir()), ids=lambda path: path.name
)
def test_the_marks_come_from_the_fixes_fix_makes(path: Path) -> None:
    from chatapp_lint.fixer import fix_path, planned_fixes

    outcome = fix_path(path)
    assert planned_fixes(path) == (outcome.changes if outcome.note is None else [])
