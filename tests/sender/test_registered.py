"""`chatapp-lint send` and `pull` through the real entry point, once registered.

`chatapp_lint.commands` registers the two commands (`app.add_command`); until it
does, these tests are skipped.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from chatapp_lint.cli import main
from tests.sender.conftest import write_templates
from tests.sender.fake_cams import CREATE, FakeCams, Fault

pytestmark = pytest.mark.usefixtures("credentials")


@pytest.fixture(autouse=True)
def _registered() -> None:
    from chatapp_lint.commands import app

    if not {"send", "pull"} <= set(app.commands):
        pytest.skip("chatapp_lint.commands does not register send and pull yet")


def _exit(args: list[str]) -> int:
    with pytest.raises(SystemExit) as caught:
        main(args)
    return int(caught.value.code or 0)


def test_send_then_pull_through_the_entry_point(
    fake: FakeCams,
    utility: dict[str, Any],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    path = write_templates(tmp_path, "utility.json", utility)
    where = ["--endpoint", fake.endpoint, "--protocol", "http"]
    assert _exit(["send", str(path), *where]) == 0
    assert "created TemplateCode tpl000001" in capsys.readouterr().out
    pulled = tmp_path / "pulled.yaml"
    args = ["pull", "--name", utility["Name"], "--language", "en_US", "-o", str(pulled)]
    assert _exit([*args, *where]) == 0
    assert _exit([str(pulled)]) == 0  # the pulled file lints clean


def test_ctrl_c_exits_130_and_leaves_a_correct_report(
    fake: FakeCams,
    utility: dict[str, Any],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    two = [utility, {**utility, "Name": "second_update"}]
    path = write_templates(tmp_path, "two.json", *two)
    report = tmp_path / "report.jsonl"
    fake.fail(CREATE, Fault("interrupt"))
    args = ["send", str(path), "--endpoint", fake.endpoint, "--protocol", "http"]
    assert _exit([*args, "--report", str(report)]) == 130
    assert capsys.readouterr().err.endswith("chatapp-lint: interrupted.\n")
    lines = [json.loads(line) for line in report.read_text("utf-8").splitlines()]
    assert [line["status"] for line in lines] == ["interrupted"]
    assert _exit([*args, "--report", str(report)]) == 0
    assert len(fake.templates) == 2
    assert len(fake.of(CREATE)) == 2  # the interrupted one was found, not re-sent
