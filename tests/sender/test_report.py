"""The `--report` file: a line per outcome at once, resuming, and Ctrl-C."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import attrs
import pytest

from chatapp_lint.sender import Outcome, SenderError, Settings, Status, send
from tests.sender.conftest import write_templates
from tests.sender.fake_cams import CREATE, DETAIL, FakeCams, Fault

pytestmark = pytest.mark.usefixtures("credentials")


def _lines(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def _three(utility: dict[str, Any]) -> list[dict[str, Any]]:
    return [{**utility, "Name": f"batch_{n}"} for n in ("one", "two", "three")]


def test_each_outcome_is_on_disk_before_the_next_template_is_sent(
    fake: FakeCams, settings: Settings, utility: dict[str, Any], tmp_path: Path
) -> None:
    report = tmp_path / "report.jsonl"
    path = write_templates(tmp_path, "batch.json", *_three(utility))
    seen: list[int] = []

    def check(outcome: Outcome) -> None:
        seen.append(len(_lines(report)))
        assert len(fake.of(CREATE)) == len(seen)

    send([path], attrs.evolve(settings, report=report), on_outcome=check)
    # An outcome is shown first (its TemplateCode must reach the user even if
    # the report cannot be written), then recorded before the next create.
    assert seen == [0, 1, 2]
    assert len(_lines(report)) == 3
    first = _lines(report)[0]
    assert first == {
        "file": str(path),
        "template": 0,
        "name": "batch_one",
        "language": "en_US",
        "space_id": None,
        "status": "created",
        "template_code": "tpl000001",
        "error_code": None,
        "message": None,
        "request_id": first["request_id"],
        "via_lookup": False,
    }
    assert first["request_id"].startswith("FAKE-REQ-")


def test_a_failure_is_recorded_with_its_code_and_request_id(
    fake: FakeCams, settings: Settings, utility: dict[str, Any], tmp_path: Path
) -> None:
    report = tmp_path / "report.jsonl"
    fake.fail(CREATE, Fault("error", code="Ram.PermissionDeny"))
    send([utility], attrs.evolve(settings, report=report))
    (line,) = _lines(report)
    assert (line["status"], line["error_code"]) == ("failed", "Ram.PermissionDeny")
    assert line["file"] is None
    assert line["request_id"].startswith("FAKE-REQ-")


def test_a_rerun_skips_what_the_report_says_was_created(
    fake: FakeCams, settings: Settings, utility: dict[str, Any], tmp_path: Path
) -> None:
    report = tmp_path / "report.jsonl"
    fake.fail(CREATE, Fault("limit"), Fault("error", code="Ram.PermissionDeny"))
    settings = attrs.evolve(settings, report=report, max_retries=0)
    first = send(_three(utility), settings)
    assert [o.status for o in first.outcomes] == [
        Status.FAILED,
        Status.FAILED,
        Status.CREATED,
    ]
    before = len(fake.requests)
    second = send(_three(utility), settings)
    assert [o.status for o in second.outcomes] == [
        Status.CREATED, Status.CREATED, Status.SKIPPED,
    ]  # fmt: skip
    assert second.outcomes[2].template_code == first.outcomes[2].template_code
    assert [r.params["Name"] for r in fake.requests[before:]] == [
        "batch_one",
        "batch_two",
    ]
    third = send(_three(utility), settings)
    assert {o.status for o in third.outcomes} == {Status.SKIPPED}
    assert len(fake.requests) == before + 2
    assert len(_lines(report)) == 9


def test_a_report_cut_short_by_a_crash_still_resumes(
    fake: FakeCams, settings: Settings, utility: dict[str, Any], tmp_path: Path
) -> None:
    report = tmp_path / "report.jsonl"
    done = {"name": "batch_one", "language": "en_US", "status": "created",
            "template_code": "tplEARLIER", "space_id": None}  # fmt: skip
    report.write_text(json.dumps(done) + "\nnot json\n" + '{"name": "batch_tw', "utf-8")
    outcomes = send(_three(utility), attrs.evolve(settings, report=report)).outcomes
    assert [o.status for o in outcomes] == [
        Status.SKIPPED,
        Status.CREATED,
        Status.CREATED,
    ]
    assert outcomes[0].template_code == "tplEARLIER"
    assert [r.params["Name"] for r in fake.requests] == ["batch_two", "batch_three"]
    text = report.read_text("utf-8")
    assert json.loads(text.splitlines()[-1])["name"] == "batch_three"
    assert text.endswith("\n")


def test_ctrl_c_during_a_create_leaves_a_correct_report(
    fake: FakeCams, settings: Settings, utility: dict[str, Any], tmp_path: Path
) -> None:
    report = tmp_path / "report.jsonl"
    settings = attrs.evolve(settings, report=report)
    # The fake creates the second template, then Ctrl-C reaches the sender.
    fake.fail(CREATE, Fault("none"), Fault("interrupt"))
    with pytest.raises(KeyboardInterrupt):
        send(_three(utility), settings)
    assert [(r["name"], r["status"]) for r in _lines(report)] == [
        ("batch_one", "created"),
        ("batch_two", "interrupted"),
    ]
    assert len(fake.templates) == 2
    outcomes = send(_three(utility), settings).outcomes
    assert [o.status for o in outcomes] == [
        Status.SKIPPED,
        Status.CREATED,
        Status.CREATED,
    ]
    assert outcomes[1].via_lookup
    assert outcomes[1].template_code == "tpl000002"
    assert len(fake.templates) == 3
    assert [r.action for r in fake.requests[2:]] == [DETAIL, CREATE]
    assert [r["status"] for r in _lines(report)][2:] == [
        "skipped",
        "created",
        "created",
    ]


def test_a_rerun_after_an_unknown_outcome_creates_what_is_missing(
    fake: FakeCams, settings: Settings, utility: dict[str, Any], tmp_path: Path
) -> None:
    report = tmp_path / "report.jsonl"
    settings = attrs.evolve(settings, report=report)
    fake.fail(CREATE, Fault("drop", perform=False))
    fake.fail(DETAIL, Fault("error", code="Ram.PermissionDeny"))
    (outcome,) = send([utility], settings).outcomes
    assert outcome.status is Status.UNKNOWN
    (outcome,) = send([utility], settings).outcomes
    assert (outcome.status, outcome.via_lookup) == (Status.CREATED, False)
    assert [r.action for r in fake.requests] == [CREATE, DETAIL, DETAIL, CREATE]


def test_foreign_lines_in_a_report_are_ignored(
    fake: FakeCams, settings: Settings, utility: dict[str, Any], tmp_path: Path
) -> None:
    report = tmp_path / "report.jsonl"
    lines = [
        "[1, 2]",
        json.dumps({"name": "batch_one", "status": "created"}),  # no language
        json.dumps({"name": "batch_one", "language": "en_US", "status": "sent"}),
        "",
    ]
    report.write_text("\n".join(lines) + "\n", "utf-8")
    outcomes = send(_three(utility)[:1], attrs.evolve(settings, report=report)).outcomes
    assert [o.status for o in outcomes] == [Status.CREATED]


def test_a_report_is_per_space(
    fake: FakeCams, settings: Settings, utility: dict[str, Any], tmp_path: Path
) -> None:
    settings = attrs.evolve(settings, report=tmp_path / "report.jsonl")
    send([utility], attrs.evolve(settings, space_id="space-a"))
    (outcome,) = send([utility], attrs.evolve(settings, space_id="space-b")).outcomes
    assert outcome.status is Status.CREATED
    assert len(fake.templates) == 2


def test_an_unusable_report_file_stops_before_sending(
    fake: FakeCams, settings: Settings, utility: dict[str, Any], tmp_path: Path
) -> None:
    report = tmp_path / "missing-dir" / "report.jsonl"
    with pytest.raises(SenderError, match=r"report file .* cannot be used"):
        send([utility], attrs.evolve(settings, report=report))
    assert fake.requests == []
