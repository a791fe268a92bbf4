"""`chatapp-lint send` on the command line, and what the SDK puts on the wire."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from chatapp_lint.send_commands import send_command
from tests.sender.conftest import write_templates
from tests.sender.fake_cams import ACCESS_KEY_ID, CREATE, FakeCams, Fault

pytestmark = pytest.mark.usefixtures("credentials")


def _send(fake: FakeCams, *args: str) -> Result:
    base = ["--endpoint", fake.endpoint, "--protocol", "http", "--max-retries", "0"]
    return CliRunner().invoke(send_command, [*args, *base])


def test_send_prints_each_template_code_and_exits_0(
    fake: FakeCams, utility: dict[str, Any], tmp_path: Path
) -> None:
    other = {**utility, "Name": "second_update"}
    path = write_templates(tmp_path, "batch.json", utility, other)
    result = _send(fake, str(path))
    assert result.exit_code == 0
    assert result.stdout == (
        f"{path}#0: order_shipped_update [en_US] created TemplateCode tpl000001\n"
        f"{path}#1: second_update [en_US] created TemplateCode tpl000002\n"
    )
    assert result.stderr == "2 created.\n"


def test_a_dirty_template_prints_the_lint_report_and_sends_nothing(
    fake: FakeCams, utility: dict[str, Any], tmp_path: Path
) -> None:
    path = write_templates(tmp_path, "bad.json", {**utility, "Category": "PROMO"})
    result = _send(fake, str(path))
    assert result.exit_code == 1
    assert f"{path}:5:15: " in result.stdout  # FILE:LINE:COLUMN as a lint run shows it
    assert "[error]" in result.stdout
    assert result.stderr == "Error: 1 error(s) in the templates: nothing was sent.\n"
    assert fake.requests == []


def test_a_refusal_is_shown_with_code_message_and_request_id(
    fake: FakeCams, utility: dict[str, Any], tmp_path: Path
) -> None:
    fake.fail(CREATE, Fault("error", code="Ram.PermissionDeny"))
    path = write_templates(tmp_path, "utility.json", utility)
    result = _send(fake, str(path))
    assert result.exit_code == 1
    first, summary = result.stderr.splitlines()
    assert first.startswith(
        f"{path}#0: order_shipped_update [en_US] failed: Ram.PermissionDeny: "
        "The fake was told to fail. (RequestId FAKE-REQ-"
    )
    assert summary == "1 failed."


def test_dry_run_prints_the_parameters_as_json(
    fake: FakeCams, utility: dict[str, Any], tmp_path: Path
) -> None:
    path = write_templates(tmp_path, "utility.json", utility)
    result = _send(fake, str(path), "--dry-run", "--space-id", "space-9")
    assert result.exit_code == 0
    (plan,) = json.loads(result.stdout)
    assert plan["action"] == "CreateChatappTemplate"
    assert plan["parameters"]["CustSpaceId"] == "space-9"
    assert json.loads(plan["parameters"]["Example"]) == utility["Example"]
    assert fake.requests == []


def test_space_id_comes_from_the_environment_or_the_config_file(
    fake: FakeCams,
    utility: dict[str, Any],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    path = write_templates(tmp_path, "utility.json", utility)
    Path(".chatapp-lint.toml").write_text('space-id = "space-from-file"\n', "utf-8")
    assert _send(fake, str(path), "--dry-run").stdout.count("space-from-file") == 1
    monkeypatch.setenv("CHATAPP_LINT_SPACE_ID", "space-from-env")
    assert _send(fake, str(path), "--dry-run").stdout.count("space-from-env") == 1
    result = _send(fake, str(path), "--dry-run", "--space-id", "space-option")
    assert result.stdout.count("space-option") == 1


def test_what_the_sdk_sends_on_the_wire(
    fake: FakeCams, utility: dict[str, Any], tmp_path: Path
) -> None:
    path = write_templates(tmp_path, "utility.json", utility)
    assert _send(fake, str(path)).exit_code == 0
    (request,) = fake.requests
    headers = request.headers
    assert headers["x-acs-action"] == "CreateChatappTemplate"
    assert headers["x-acs-version"] == "2020-06-06"
    assert headers["x-acs-content-sha256"] == hashlib.sha256(b"").hexdigest()
    assert headers["x-acs-credentials-provider"] == "static_ak"  # passed explicitly
    assert headers["authorization"].startswith(
        f"ACS3-HMAC-SHA256 Credential={ACCESS_KEY_ID},SignedHeaders="
    )
    # Components and Example travel as one compact JSON string each, in the query.
    assert request.params["Components"].startswith('[{"Buttons":[],"Cards":[],"Format"')
    compact = json.dumps(utility["Example"], ensure_ascii=False, separators=(",", ":"))
    assert request.params["Example"] == compact


def test_an_unknown_access_key_is_refused_by_the_fake(
    fake: FakeCams,
    utility: dict[str, Any],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("ALIBABA_CLOUD_ACCESS_KEY_ID", "LTAI5tSOMEBODYELSE00")
    path = write_templates(tmp_path, "utility.json", utility)
    result = _send(fake, str(path))
    assert result.exit_code == 1
    assert "InvalidAccessKeyId.NotFound" in result.stderr


def test_send_lints_with_the_configuration_file(
    fake: FakeCams, utility: dict[str, Any], tmp_path: Path
) -> None:
    path = write_templates(tmp_path, "caps.json", {**utility, "Name": "OrderUpdate"})
    assert _send(fake, str(path)).exit_code == 1
    assert fake.requests == []
    Path(".chatapp-lint.toml").write_text('ignore = ["NM001"]\n', "utf-8")
    result = _send(fake, str(path))
    assert result.exit_code == 0, result.output
    assert fake.requests[0].params["Name"] == "OrderUpdate"


def test_a_bad_configuration_file_is_a_usage_error(
    fake: FakeCams, utility: dict[str, Any], tmp_path: Path
) -> None:
    path = write_templates(tmp_path, "utility.json", utility)
    Path(".chatapp-lint.toml").write_text("space-id = 3\n", "utf-8")
    result = _send(fake, str(path))
    assert result.exit_code == 2
    assert result.stderr.startswith("Error: invalid configuration: ")
    assert fake.requests == []


def test_a_member_the_sdk_would_drop_is_refused_before_anything_is_sent(
    fake: FakeCams, utility: dict[str, Any], tmp_path: Path
) -> None:
    # An unknown member is only a warning (SC002), but the SDK's from_map would
    # silently drop it, so the template would not be sent as linted.
    components = [*utility["Components"]]
    components[2] = {**components[2], "Footnote": "x"}
    clean = write_templates(tmp_path, "a.json", {**utility, "Name": "first_ok"})
    odd = write_templates(tmp_path, "b.json", {**utility, "Components": components})
    result = _send(fake, str(clean), str(odd))
    assert result.exit_code == 1
    assert result.stderr.endswith(
        f"Error: {odd}#0: the SDK's request model has no place for "
        "/Components/2/Footnote; nothing was sent.\n"
    )
    assert fake.requests == []
