"""The request `send --dry-run` prints, saved as a template, lints clean (issue 11).

The official SDK writes `Buttons: []` and `Cards: []` on every component and
`SupportedApps: []` on every button; a rule that reported those would report
the request chatapp-lint itself sends.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from chatapp_lint.engine import lint
from chatapp_lint.send_commands import send_command

pytestmark = pytest.mark.usefixtures("credentials")

EXAMPLES = sorted(
    Path(__file__).parents[2].joinpath("examples", "templates").glob("*.yaml")
)


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_the_dry_run_request_lints_clean(path: Path, tmp_path: Path) -> None:
    result = CliRunner().invoke(send_command, [str(path), "--dry-run"])
    assert result.exit_code == 0, result.output
    for number, plan in enumerate(json.loads(result.stdout)):
        saved = tmp_path / f"{path.stem}-{number}.json"
        saved.write_text(json.dumps(plan["parameters"]), encoding="utf-8")
        template = json.loads(saved.read_text(encoding="utf-8"))
        found = [(v.code, v.pointer, v.message) for v in lint(template)]
        assert found == []


def test_the_sdk_sends_empty_lists_on_every_component() -> None:
    # What the test above rests on: without empty lists it would prove nothing.
    carousel = next(p for p in EXAMPLES if "carousel" in p.stem)
    result = CliRunner().invoke(send_command, [str(carousel), "--dry-run"])
    (plan,) = json.loads(result.stdout)
    components = json.loads(plan["parameters"]["Components"])
    assert all(c.get("Buttons") == [] for c in components if c["Type"] == "BODY")
    assert all(c.get("Cards") == [] for c in components if c["Type"] != "CAROUSEL")
