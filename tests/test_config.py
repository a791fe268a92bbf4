"""Configuration files and lint flags, through the real command line."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from tests.test_cli import EXAMPLES, run

BAD = EXAMPLES / "bad"


def _project(tmp_path: Path, config: str, *, name: str = ".chatapp-lint.toml") -> Path:
    (tmp_path / "templates").mkdir()
    for example in (
        "three-url-buttons.yaml",
        "deprecated-cust-waba-id.yaml",
        "body-too-long.json",
    ):
        shutil.copy(BAD / example, tmp_path / "templates" / example)
    (tmp_path / name).write_text(config, encoding="utf-8")
    return tmp_path


def _codes(result_stdout: str) -> list[tuple[str, str]]:
    report = json.loads(result_stdout)
    return sorted((Path(v["file"]).name, v["code"]) for v in report["violations"])


BASELINE = [
    ("body-too-long.json", "LN001"),
    ("deprecated-cust-waba-id.yaml", "DP001"),
    ("three-url-buttons.yaml", "BT003"),
]


def test_no_config_reports_everything(tmp_path: Path) -> None:
    project = _project(tmp_path, "")
    assert _codes(run("--format", "json", "templates", cwd=project).stdout) == BASELINE


@pytest.mark.parametrize(
    ("config", "expected"),
    [
        ('select = ["BT"]\n', [("three-url-buttons.yaml", "BT003")]),
        (
            'ignore = ["too-many-url-buttons", "LN"]\n',
            [("deprecated-cust-waba-id.yaml", "DP001")],
        ),
        ('extend-select = ["BT005"]\nignore = ["DP001"]\n', [BASELINE[0], BASELINE[2]]),
        (
            '[per-file-ignores]\n"*.json" = ["LN001"]\n',
            [BASELINE[1], BASELINE[2]],
        ),
        (
            '[per-file-ignores]\n"templates/three-*.yaml#/Components/3" = ["BT003"]\n',
            [BASELINE[0], BASELINE[1]],
        ),
        (
            '[per-file-ignores]\n"templates/three-*.yaml#/Components/2" = ["BT003"]\n',
            BASELINE,
        ),
    ],
    ids=[
        "select",
        "ignore",
        "extend-select",
        "per-file-ignores",
        "pointer-ignore",
        "other-pointer",
    ],
)
def test_config_keys(
    tmp_path: Path, config: str, expected: list[tuple[str, str]]
) -> None:
    project = _project(tmp_path, config)
    assert _codes(run("--format", "json", "templates", cwd=project).stdout) == expected


def test_pyproject_section_is_found_from_a_subdirectory(tmp_path: Path) -> None:
    project = _project(
        tmp_path, '[tool.chatapp-lint]\nselect = ["DP"]\n', name="pyproject.toml"
    )
    result = run("--format", "json", ".", cwd=project / "templates")
    assert _codes(result.stdout) == [BASELINE[1]]


def test_severity_override_and_fail_on(tmp_path: Path) -> None:
    project = _project(
        tmp_path, 'select = ["DP", "BT"]\n[severity]\nBT003 = "warning"\n'
    )
    result = run("--format", "json", "templates", cwd=project)
    severities = {
        v["code"]: v["severity"] for v in json.loads(result.stdout)["violations"]
    }
    assert severities == {"BT003": "warning", "DP001": "warning"}
    assert result.code == 0
    assert run("--fail-on", "warning", "templates", cwd=project).code == 1
    (project / ".chatapp-lint.toml").write_text(
        'select = ["DP"]\nfail-on = "warning"\n'
    )
    assert run("templates", cwd=project).code == 1
    assert run("--fail-on", "error", "templates", cwd=project).code == 0


def test_command_line_wins_over_the_file(tmp_path: Path) -> None:
    project = _project(tmp_path, 'select = ["DP"]\n')
    result = run("--format", "json", "--select", "BT", "templates", cwd=project)
    assert _codes(result.stdout) == [BASELINE[2]]


def test_config_option_names_the_file(tmp_path: Path) -> None:
    project = _project(tmp_path, 'select = ["DP"]\n')
    other = tmp_path / "other.toml"
    other.write_text('select = ["LN"]\n', encoding="utf-8")
    result = run("--format", "json", "--config", str(other), "templates", cwd=project)
    assert _codes(result.stdout) == [BASELINE[0]]


@pytest.mark.parametrize(
    ("config", "fragment"),
    [
        ('select = ["BT"\n', ".chatapp-lint.toml:2: is not valid TOML"),
        ('selekt = ["BT"]\n', ".chatapp-lint.toml:1: unknown option 'selekt'"),
        (
            '\n\nfail-on = "sometimes"\n',
            ".chatapp-lint.toml:3: 'fail-on' is 'error' or 'warning'",
        ),
        ('\nselect = ["XX"]\n', ".chatapp-lint.toml:2: no rule is called 'XX'"),
        ('[severity]\nBT003 = "fatal"\n', ".chatapp-lint.toml:2: severity of 'BT003'"),
    ],
)
def test_a_bad_config_is_a_clear_message_and_exit_2(
    tmp_path: Path, config: str, fragment: str
) -> None:
    project = _project(tmp_path, config)
    result = run("templates", cwd=project)
    assert result.code == 2
    assert fragment in result.stderr
    assert result.stderr.startswith("Error: invalid configuration: ")
    assert result.stdout == ""


def test_inline_yaml_comment_silences_the_next_line(tmp_path: Path) -> None:
    source = (BAD / "three-url-buttons.yaml").read_text(encoding="utf-8")
    lines = source.splitlines()
    index = (
        next(i for i, line in enumerate(lines) if "Text: Return an item" in line) - 1
    )
    lines.insert(index, "      # chatapp-lint: disable=BT003")
    path = tmp_path / "t.yaml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert run(str(path)).code == 0
    path.write_text(source, encoding="utf-8")
    assert run(str(path)).code == 1


def test_exit_zero_quiet_statistics(tmp_path: Path) -> None:
    project = _project(tmp_path, "")
    result = run("--exit-zero", "--quiet", "--statistics", "templates", cwd=project)
    assert result.code == 0
    lines = result.stdout.splitlines()
    assert not any(line.startswith("Found") for line in lines)
    assert "     1  BT003  too-many-url-buttons" in lines


def test_stdin_filename_names_the_input_and_picks_the_parser(tmp_path: Path) -> None:
    text = (BAD / "three-url-buttons.yaml").read_text(encoding="utf-8")
    result = run("--stdin-filename", "templates/x.yaml", "-", stdin=text, cwd=tmp_path)
    assert result.stdout.startswith("templates/x.yaml:29:9: BT003")


def test_color_honours_no_color_and_always(tmp_path: Path) -> None:
    path = str(BAD / "three-url-buttons.yaml")
    assert "\x1b[" in run("--color", "always", path).stdout
    assert "\x1b[" not in run("--color", "never", path).stdout
    assert "\x1b[" not in run(path).stdout  # not a terminal


def test_github_actions_default_format() -> None:
    result = run(str(BAD / "three-url-buttons.yaml"), env={"GITHUB_ACTIONS": "true"})
    assert result.stdout.startswith("::error ")


@pytest.mark.parametrize("index", [0, 1])
def test_the_readme_configuration_examples_are_valid(
    tmp_path: Path, index: int
) -> None:
    readme = (Path(__file__).parent.parent / "README.md").read_text(encoding="utf-8")
    blocks = [part.split("```", 1)[0] for part in readme.split("```toml\n")[1:]]
    # The configuration examples (another TOML block configures an editor).
    blocks = [block for block in blocks if "[tool.chatapp-lint" in block]
    assert len(blocks) == 2
    project = _project(tmp_path, blocks[index], name="pyproject.toml")
    result = run("--format", "json", "templates", cwd=project)
    assert result.code in {0, 1}, result.stderr
    assert result.stderr == ""


def test_a_broken_pyproject_is_ours_to_report_only_if_it_mentions_us(
    tmp_path: Path,
) -> None:
    project = _project(tmp_path, "[project\nname = 'shop'\n", name="pyproject.toml")
    result = run("--format", "json", "templates", cwd=project)
    assert result.code == 1  # not a configuration error: the file is not ours
    assert _codes(result.stdout) == BASELINE

    (project / "pyproject.toml").write_text(
        "[tool.chatapp-lint\nignore = ['BT']\n", encoding="utf-8"
    )
    result = run("templates", cwd=project)
    assert result.code == 2
    assert result.stderr.startswith("Error: invalid configuration: ")
    assert "pyproject.toml:1: is not valid TOML" in result.stderr


RELATIVE = """\
[tool.chatapp-lint]
extend-exclude = ["templates/body-too-long.json"]

[tool.chatapp-lint.per-file-ignores]
"templates/three-url-buttons.yaml" = ["BT003"]
"""


@pytest.mark.parametrize(
    ("where", "args"),
    [
        (".", ["templates"]),
        (".", ["./templates"]),
        (".", ["{root}/templates"]),
        (".", ["templates/../templates"]),
        ("templates", ["."]),
        ("templates", ["../templates"]),
        ("templates", ["{root}/templates"]),
        ("elsewhere", ["--config", "../pyproject.toml", "../templates"]),
        ("elsewhere", ["--config", "{root}/pyproject.toml", "{root}/templates"]),
    ],
)
def test_globs_are_relative_to_the_configuration_file(
    tmp_path: Path, where: str, args: list[str]
) -> None:
    project = _project(tmp_path, RELATIVE, name="pyproject.toml")
    (project / "elsewhere").mkdir()
    argv = [arg.format(root=project) for arg in args]
    result = run("--format", "json", *argv, cwd=project / where)
    assert _codes(result.stdout) == [("deprecated-cust-waba-id.yaml", "DP001")]


@pytest.mark.parametrize(
    ("where", "path"),
    [
        (".", "templates/three-url-buttons.yaml"),
        (".", "./templates/three-url-buttons.yaml"),
        (".", "{root}/templates/three-url-buttons.yaml"),
        ("templates", "three-url-buttons.yaml"),
        ("templates", "../templates/./three-url-buttons.yaml"),
    ],
)
def test_per_file_ignores_match_a_named_file_however_written(
    tmp_path: Path, where: str, path: str
) -> None:
    project = _project(tmp_path, RELATIVE, name="pyproject.toml")
    result = run(path.format(root=project), cwd=project / where)
    assert result.code == 0, result.stdout
    assert result.stdout == "All clean: 1 file, 1 template checked.\n"


def test_problems_with_the_file_are_never_hidden_by_the_selection() -> None:
    result = run(
        "--select", "BT", "examples/bad/syntax-error.json", "examples/bad/not-utf8.yaml"
    )
    assert result.code == 1
    codes = [line.split(": ")[1].split()[0] for line in result.stdout.splitlines()[:-1]]
    assert codes == ["FL002", "FL003"]  # not-utf8.yaml, then syntax-error.json
    assert run("--ignore", "FL", "examples/bad/syntax-error.json").code == 1


@pytest.mark.parametrize(
    "config",
    [
        'ignore = ["FL"]\n',
        'select = ["BT"]\n',
        '[per-file-ignores]\n"*.json" = ["FL003", "FL"]\n',
    ],
)
def test_problems_with_the_file_are_never_hidden_by_the_file(
    tmp_path: Path, config: str
) -> None:
    project = _project(tmp_path, config)
    shutil.copy(BAD / "syntax-error.json", project / "templates")
    result = run("--format", "json", "templates/syntax-error.json", cwd=project)
    assert result.code == 1
    assert _codes(result.stdout) == [("syntax-error.json", "FL003")]


def test_an_fl_code_cannot_be_made_a_warning(tmp_path: Path) -> None:
    project = _project(tmp_path, '[severity]\nBT003 = "error"\nfl003 = "warning"\n')
    result = run("templates", cwd=project)
    assert result.code == 2
    assert (
        ".chatapp-lint.toml:3: 'fl003' cannot be a warning: a file that cannot be "
        "read or parsed always fails the run"
    ) in result.stderr


def test_an_inline_comment_does_not_hide_a_duplicate_key(tmp_path: Path) -> None:
    source = (BAD / "duplicate-key.yaml").read_text(encoding="utf-8")
    second = "Name: bad_duplicate_key_2025\n"
    assert second in source
    path = tmp_path / "t.yaml"
    silenced = source.replace(second, "# chatapp-lint: disable=FL004,FL\n" + second)
    path.write_text(silenced, encoding="utf-8")
    result = run("--format", "json", str(path))
    assert result.code == 1
    assert _codes(result.stdout) == [("t.yaml", "FL004")]
