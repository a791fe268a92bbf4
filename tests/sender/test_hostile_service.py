"""A hostile or broken service, through the real SDK: secrets, forged lines, lost answers.

Each fault is the fake's (tests/sender/fake_cams.py) on a real loopback socket;
SECURITY.md says what is guaranteed against each.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import attrs
import pytest
from click.testing import CliRunner

from chatapp_lint.send_commands import send_command
from chatapp_lint.sender import Settings, Status, send
from tests.sender.conftest import write_templates
from tests.sender.fake_cams import (
    ACCESS_KEY_ID,
    ACCESS_KEY_SECRET,
    CREATE,
    DETAIL,
    SECRETS,
    SECURITY_TOKEN,
    FakeCams,
    Fault,
)

FORGED = "\n::error file=x.json::forged\x1b]0;pwned\x07\x1b]52;c;ZXZpbA==\x07\u202e"


@pytest.fixture
def sts(monkeypatch: pytest.MonkeyPatch, fake: FakeCams) -> None:
    monkeypatch.setenv("ALIBABA_CLOUD_ACCESS_KEY_ID", ACCESS_KEY_ID)
    monkeypatch.setenv("ALIBABA_CLOUD_ACCESS_KEY_SECRET", ACCESS_KEY_SECRET)
    monkeypatch.setenv("ALIBABA_CLOUD_SECURITY_TOKEN", SECURITY_TOKEN)
    fake.verifier.token = SECURITY_TOKEN


def _cli(fake: FakeCams, path: Path, *extra: str) -> Any:
    args = [str(path), "--endpoint", fake.endpoint, "--protocol", "http"]
    return CliRunner().invoke(send_command, [*args, "--max-retries", "0", *extra])


def _assert_inert(text: str) -> None:
    """No secret, no line a workflow runner or a terminal would obey."""
    for secret in SECRETS:
        assert secret not in text
    assert not any(line.startswith("::") for line in text.splitlines())
    assert "\x1b" not in text
    assert "\x07" not in text
    assert "\u202e" not in text


# -- a Message quoting the credentials, or forging lines -----------------------
@pytest.mark.usefixtures("sts")
@pytest.mark.parametrize("status", [200, 403])
def test_an_answer_echoing_credentials_and_forged_lines_is_redacted_and_escaped(
    fake: FakeCams, utility: dict[str, Any], tmp_path: Path, status: int
) -> None:
    fake.fail(CREATE, Fault("echo", status=status, perform=False, text=FORGED))
    path = write_templates(tmp_path, "utility.json", utility)
    report = tmp_path / "report.jsonl"
    result = _cli(fake, path, "--report", str(report))
    assert result.exit_code == 1
    written = report.read_text("utf-8")
    for text in (result.stdout, result.stderr, written):
        _assert_inert(text)
    assert "Forbidden.Echo" in result.stderr
    assert "***" in result.stderr  # the quoted credentials, scrubbed
    assert "\\n::error file=x.json::forged\\x1b]0;pwned\\x07" in result.stderr


@pytest.mark.usefixtures("sts")
def test_a_lookup_answer_echoing_credentials_is_redacted(
    fake: FakeCams, utility: dict[str, Any], tmp_path: Path
) -> None:
    fake.fail(CREATE, Fault("drop"))
    fake.fail(DETAIL, Fault("echo", status=200, perform=False, text=FORGED))
    path = write_templates(tmp_path, "utility.json", utility)
    report = tmp_path / "report.jsonl"
    result = _cli(fake, path, "--report", str(report))
    assert result.exit_code == 1
    for text in (result.stdout, result.stderr, report.read_text("utf-8")):
        _assert_inert(text)
    assert "Forbidden.Echo" in result.stderr


def test_sdk_debug_output_shows_no_credential(
    fake: FakeCams, utility: dict[str, Any], tmp_path: Path
) -> None:
    fake.verifier.token = SECURITY_TOKEN
    path = write_templates(tmp_path, "utility.json", utility)
    env = {
        "PATH": os.environ.get("PATH", ""),
        "HOME": str(tmp_path),
        "ALIBABA_CLOUD_ECS_METADATA_DISABLED": "true",
        "ALIBABA_CLOUD_CLI_PROFILE_DISABLED": "true",
        "ALIBABA_CLOUD_ACCESS_KEY_ID": ACCESS_KEY_ID,
        "ALIBABA_CLOUD_ACCESS_KEY_SECRET": ACCESS_KEY_SECRET,
        "ALIBABA_CLOUD_SECURITY_TOKEN": SECURITY_TOKEN,
        "DEBUG": "sdk",
    }
    code = "import sys\nfrom chatapp_lint.send_commands import send_command\nsend_command.main(sys.argv[1:])"
    args = [str(path), "--endpoint", fake.endpoint, "--protocol", "http"]
    result = subprocess.run(
        [sys.executable, "-c", code, *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "x-acs-action" in result.stderr  # the SDK's debug output is there...
    assert "authorization : <redacted>" in result.stderr.lower()
    for secret in SECRETS:  # ...without the key id, the token or the signature
        assert secret not in result.stderr + result.stdout
    signature = fake.requests[0].headers["authorization"].rsplit("Signature=", 1)[1]
    assert signature not in result.stderr


# -- answers that are not answers ---------------------------------------------
@pytest.mark.usefixtures("credentials")
@pytest.mark.parametrize(
    "fault",
    [
        Fault("reset", perform=False),
        Fault("html", status=500, perform=False),
        Fault("garbage", perform=False),
        Fault("empty", perform=False),
    ],
    ids=["reset-before", "html-500", "garbage-200", "empty-200"],
)
def test_a_request_the_service_did_not_act_on_is_looked_up_then_sent_again(
    fake: FakeCams, settings: Settings, utility: dict[str, Any], fault: Fault
) -> None:
    fake.fail(CREATE, fault)
    (outcome,) = send([utility], settings).outcomes
    assert outcome.status is Status.CREATED
    assert [r.action for r in fake.requests] == [CREATE, DETAIL, CREATE]
    assert len(fake.templates) == 1


@pytest.mark.usefixtures("credentials")
@pytest.mark.parametrize(
    "fault",
    [
        Fault("reset-during"),
        Fault("html", status=500),
        Fault("garbage"),
        Fault("empty"),
        Fault("silent", delay=5),
    ],
    ids=["reset-during", "html-500", "garbage-200", "empty-200", "no-answer"],
)
def test_a_create_whose_answer_is_unusable_is_found_by_lookup_never_duplicated(
    fake: FakeCams, settings: Settings, utility: dict[str, Any], fault: Fault
) -> None:
    fake.fail(CREATE, fault)
    settings = attrs.evolve(settings, timeout=0.5)
    (outcome,) = send([utility], settings).outcomes
    assert (outcome.status, outcome.via_lookup) == (Status.CREATED, True)
    assert [r.action for r in fake.requests] == [CREATE, DETAIL]
    (held,) = fake.templates.values()
    assert outcome.template_code == held["TemplateCode"]


# -- the report file -----------------------------------------------------------
@pytest.mark.usefixtures("credentials")
@pytest.mark.parametrize("kind", ["fifo", "device"])
def test_a_report_that_is_not_a_regular_file_is_refused_before_sending(
    fake: FakeCams, utility: dict[str, Any], tmp_path: Path, kind: str
) -> None:
    path = write_templates(tmp_path, "utility.json", utility)
    if kind == "fifo":
        report = tmp_path / "report.pipe"
        os.mkfifo(report)
    else:
        report = Path("/dev/zero")
    result = _cli(fake, path, "--report", str(report))
    assert result.exit_code == 1
    assert "is not a regular file; nothing was sent" in result.stderr
    assert fake.requests == []


def _run(args: list[str], env: dict[str, str], **options: Any) -> subprocess.Popen[str]:
    code = "import sys\nfrom chatapp_lint.send_commands import send_command\nsend_command.main(sys.argv[1:])"
    return subprocess.Popen(
        [sys.executable, "-c", code, *args],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        **options,
    )


def _env(tmp_path: Path) -> dict[str, str]:
    return {
        "PATH": os.environ.get("PATH", ""),
        "HOME": str(tmp_path),
        "ALIBABA_CLOUD_ECS_METADATA_DISABLED": "true",
        "ALIBABA_CLOUD_CLI_PROFILE_DISABLED": "true",
        "ALIBABA_CLOUD_ACCESS_KEY_ID": ACCESS_KEY_ID,
        "ALIBABA_CLOUD_ACCESS_KEY_SECRET": ACCESS_KEY_SECRET,
    }


def test_three_runs_on_one_report_create_each_template_once(
    fake: FakeCams, utility: dict[str, Any], tmp_path: Path
) -> None:
    templates = [{**utility, "Name": f"shared_{i}"} for i in range(3)]
    path = write_templates(tmp_path, "batch.json", *templates)
    report = tmp_path / "report.jsonl"
    # Slow answers keep the first run busy while the others start.
    fake.fail(CREATE, *[Fault("slow", delay=0.3)] * 3)
    args = [str(path), "--endpoint", fake.endpoint, "--protocol", "http"]
    runs = [_run([*args, "--report", str(report)], _env(tmp_path)) for _ in range(3)]
    results = [(run.wait(60), *run.communicate()) for run in runs]
    assert len(fake.of(CREATE)) == 3
    assert len(fake.templates) == 3
    # A run that found the report locked said so; one that came after the
    # first had finished skipped what the report says was created.
    for code, _, err in results:
        assert code == 0 or "is in use by another send run" in err, err


def test_a_report_that_cannot_be_written_stops_the_batch_with_the_code_shown(
    fake: FakeCams, utility: dict[str, Any], tmp_path: Path
) -> None:
    import resource

    templates = [{**utility, "Name": f"full_disk_{i}"} for i in range(2)]
    path = write_templates(tmp_path, "batch.json", *templates)
    report = tmp_path / "report.jsonl"
    report.write_text("", encoding="utf-8")
    limit = 40  # bytes: less than one line, as on a full disk

    def small_files() -> None:
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    args = [str(path), "--endpoint", fake.endpoint, "--protocol", "http"]
    run = _run([*args, "--report", str(report)], _env(tmp_path), preexec_fn=small_files)
    out, err = run.communicate(timeout=60)
    assert run.returncode == 1
    assert len(fake.of(CREATE)) == 1  # the batch stopped at the first template
    (held,) = fake.templates.values()
    code = held["TemplateCode"]
    assert f"TemplateCode {code}" in out
    assert "could not be written (File too large)" in err
    assert f"full_disk_0 [en_US] TemplateCode {code}" in err
    assert "Traceback" not in err
