"""Every code a configuration names is checked; no configuration ends in an internal error."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.test_cli import run
from tests.test_config import _project

DEEP_ARRAY = "a = " + "[" * 5_000 + "]" * 5_000 + "\n"
DEEP_TABLE = "a = " + "{b = " * 5_000 + "1" + "}" * 5_000 + "\n"


@pytest.mark.parametrize(
    ("config", "fragment"),
    [
        (
            '[severity]\nBT003 = "warning"\nBT30 = "warning"\n',
            ":3: no rule is called 'BT30'",
        ),
        (
            '[severity]\nBT = "warning"\n',
            ":2: 'severity' takes rule codes, and no rule has the code 'BT'",
        ),
        (
            '[per-file-ignores]\n"*.json" = [\n  "BT003",\n  "LN0001",\n]\n',
            ":4: no rule is called 'LN0001'",
        ),
        (
            '[per-file-ignores]\n"a.yaml#/Components" = ["bt003x"]\n',
            ":2: no rule is called",
        ),
        (
            'exclude = ["drafts", "[z-a]*.json"]\n',
            ":1: the glob '[z-a]*.json' cannot be read: bad character range z-a\n",
        ),
        (
            '[per-file-ignores]\n"[9-0].yaml" = ["BT003"]\n',
            ":2: the glob '[9-0].yaml' cannot be read: bad character range 9-0\n",
        ),
        (DEEP_ARRAY, ".chatapp-lint.toml: is nested too deeply to be read"),
        (DEEP_TABLE, ".chatapp-lint.toml: is nested too deeply to be read"),
        # A short id: pytest puts the id in PYTEST_CURRENT_TEST, and a 1.2 MB
        # variable is more than a subprocess's environment may hold.
        pytest.param(
            "# padding\n" * 120_000,
            ".chatapp-lint.toml: is larger than 1024 KiB",
            id="larger-than-1-MiB",
        ),
    ],
)
def test_a_config_naming_no_rule_or_too_big_is_a_config_error(
    tmp_path: Path, config: str, fragment: str
) -> None:
    project = _project(tmp_path, config)
    result = run("templates", cwd=project)
    assert result.code == 2
    assert result.stderr.startswith("Error: invalid configuration: ")
    assert fragment in result.stderr
    assert "internal error" not in result.stderr


def test_a_deep_pyproject_is_a_config_error(tmp_path: Path) -> None:
    project = _project(
        tmp_path, "[tool.chatapp-lint]\n" + DEEP_ARRAY, name="pyproject.toml"
    )
    result = run("templates", cwd=project)
    assert result.code == 2
    assert "pyproject.toml: is nested too deeply to be read" in result.stderr
