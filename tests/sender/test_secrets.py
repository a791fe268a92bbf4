"""No credential ever shows: not on stdout or stderr, in a report, an error or a repr."""

from __future__ import annotations

import logging
import os
import socket
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from chatapp_lint.send_commands import pull_command, send_command
from chatapp_lint.sender import (
    Credentials,
    MissingCredentialsError,
    Settings,
    send,
)
from chatapp_lint.sender.errors import Redactor
from tests.sender.conftest import write_templates
from tests.sender.fake_cams import (
    ACCESS_KEY_ID,
    ACCESS_KEY_SECRET,
    SECRETS,
    SECURITY_TOKEN,
    FakeCams,
    Fault,
)

CREATE = "CreateChatappTemplate"


def _closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _assert_clean(*texts: str) -> None:
    for text in texts:
        for secret in SECRETS:
            assert secret not in text


@pytest.fixture
def sts(monkeypatch: pytest.MonkeyPatch, fake: FakeCams) -> None:
    monkeypatch.setenv("ALIBABA_CLOUD_ACCESS_KEY_ID", ACCESS_KEY_ID)
    monkeypatch.setenv("ALIBABA_CLOUD_ACCESS_KEY_SECRET", ACCESS_KEY_SECRET)
    monkeypatch.setenv("ALIBABA_CLOUD_SECURITY_TOKEN", SECURITY_TOKEN)
    fake.verifier.token = SECURITY_TOKEN  # the fake insists: the token must be sent


@pytest.mark.usefixtures("sts")
@pytest.mark.parametrize(
    "scenario",
    ["created", "permission", "refused", "dropped", "wrong-secret", "dry-run"],
)
def test_no_secret_in_any_output(
    fake: FakeCams,
    utility: dict[str, Any],
    tmp_path: Path,
    caplog: pytest.LogCaptureFixture,
    monkeypatch: pytest.MonkeyPatch,
    scenario: str,
) -> None:
    caplog.set_level(logging.DEBUG)
    path = write_templates(tmp_path, "utility.json", utility)
    report = tmp_path / "report.jsonl"
    endpoint = fake.endpoint
    extra: list[str] = []
    if scenario == "permission":
        fake.fail(CREATE, Fault("error", code="Ram.PermissionDeny"))
    elif scenario == "refused":
        endpoint = f"127.0.0.1:{_closed_port()}"
    elif scenario == "dropped":
        fake.fail(CREATE, Fault("drop", perform=False))
        fake.fail("GetChatappTemplateDetail", Fault("drop"))
    elif scenario == "wrong-secret":
        monkeypatch.setenv(
            "ALIBABA_CLOUD_ACCESS_KEY_SECRET", "not-" + ACCESS_KEY_SECRET
        )
    elif scenario == "dry-run":
        extra = ["--dry-run"]
    args = [
        str(path),
        "--endpoint",
        endpoint,
        "--protocol",
        "http",
        "--max-retries",
        "0",
    ]
    result = CliRunner().invoke(send_command, [*args, "--report", str(report), *extra])
    assert result.exit_code in {0, 1}, result.output
    written = report.read_text("utf-8") if report.exists() else ""
    _assert_clean(result.stdout, result.stderr, written, caplog.text)
    if scenario in {"refused", "dropped"}:
        # The SDK's error text carries the whole URL: none of it gets through.
        assert "Components" not in result.stderr + written
        assert utility["Components"][1]["Text"][:20] not in result.stderr + written
        assert "Network." in result.stderr
    if scenario == "wrong-secret":
        assert "SignatureDoesNotMatch" in result.stderr
        assert len(fake.requests) == 0  # a rejected signature is not recorded


def test_repr_and_errors_hold_no_secret() -> None:
    credentials = Credentials(ACCESS_KEY_ID, ACCESS_KEY_SECRET, SECURITY_TOKEN)
    settings = Settings(credentials=credentials, endpoint="127.0.0.1:1")
    _assert_clean(repr(credentials), str(credentials), repr(settings), str(settings))
    with pytest.raises(MissingCredentialsError) as caught:
        Credentials.from_env({"ALIBABA_CLOUD_ACCESS_KEY_ID": ACCESS_KEY_ID})
    _assert_clean(str(caught.value), repr(caught.value))


def test_the_redactor_cuts_urls_and_secrets() -> None:
    redact = Redactor([ACCESS_KEY_SECRET])
    text = (
        "HTTPConnectionPool(host='127.0.0.1', port=9): Max retries exceeded with url: "
        "/?Components=%5B%7B%22Text%22 (Caused by ...) key "
        f"{ACCESS_KEY_SECRET} at https://cams.example.com/a/b?c=d"
    )
    shown = redact(text)
    assert ACCESS_KEY_SECRET not in shown
    assert "Components" not in shown
    assert "c=d" not in shown
    assert "/a/b" not in shown
    assert "host='127.0.0.1'" in shown


@pytest.mark.usefixtures("credentials")
def test_a_library_failure_carries_no_secret(
    fake: FakeCams, settings: Settings, utility: dict[str, Any]
) -> None:
    settings = Settings(
        endpoint=f"127.0.0.1:{_closed_port()}", protocol="http", max_retries=0
    )
    (outcome,) = send([utility], settings).outcomes
    _assert_clean(repr(outcome), str(outcome.to_record()))
    assert "Components" not in (outcome.message or "")


@pytest.mark.usefixtures("credentials")
def test_pull_output_holds_no_secret(fake: FakeCams, utility: dict[str, Any]) -> None:
    fake.fail("GetChatappTemplateDetail", Fault("error", code="Ram.PermissionDeny"))
    args = ["--name", "x", "--language", "en_US", "--endpoint", fake.endpoint]
    result = CliRunner().invoke(pull_command, [*args, "--protocol", "http"])
    assert result.exit_code == 1
    assert "Ram.PermissionDeny" in result.stderr
    _assert_clean(result.stdout, result.stderr)


def _run_send(args: list[str], env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    """The send command in a fresh interpreter: the SDK reads its environment on import."""
    code = "import sys\nfrom chatapp_lint.send_commands import send_command\nsend_command.main(sys.argv[1:])"
    return subprocess.run(
        [sys.executable, "-c", code, *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def _clean_env(tmp_path: Path) -> dict[str, str]:
    return {
        "PATH": os.environ.get("PATH", ""),
        "HOME": str(tmp_path),
        "ALIBABA_CLOUD_ECS_METADATA_DISABLED": "true",
        "ALIBABA_CLOUD_CLI_PROFILE_DISABLED": "true",
    }


def test_the_credential_chain_is_used_only_when_asked_for(
    fake: FakeCams, utility: dict[str, Any], tmp_path: Path
) -> None:
    path = write_templates(tmp_path, "utility.json", utility)
    env = {
        **_clean_env(tmp_path),
        "ALIBABA_CLOUD_ACCESS_KEY_ID": ACCESS_KEY_ID,
        "ALIBABA_CLOUD_ACCESS_KEY_SECRET": ACCESS_KEY_SECRET,
    }
    args = [str(path), "--endpoint", fake.endpoint, "--protocol", "http"]
    result = _run_send([*args, "--credentials-chain"], env)
    assert result.returncode == 0, result.stderr
    assert fake.requests[0].headers["x-acs-credentials-provider"] == "default/env"
    _assert_clean(result.stdout, result.stderr)


def test_an_empty_credential_chain_says_so_and_sends_nothing(
    fake: FakeCams, utility: dict[str, Any], tmp_path: Path
) -> None:
    path = write_templates(tmp_path, "utility.json", utility)
    args = [str(path), "--endpoint", fake.endpoint, "--protocol", "http"]
    result = _run_send([*args, "--credentials-chain"], _clean_env(tmp_path))
    assert result.returncode == 2
    (line,) = result.stderr.splitlines()
    assert line.startswith(
        "Error: the SDK's default credential chain found no credentials ("
    )
    assert fake.requests == []
