"""Sending through the real SDK to the fake: lint first, then exactly what was linted."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import attrs
import pytest
from click.testing import CliRunner

from chatapp_lint.send_commands import send_command
from chatapp_lint.sender import (
    DirtyTemplateError,
    MissingCredentialsError,
    SdkMissingError,
    SenderError,
    Settings,
    Status,
    UnsendableTemplateError,
    send,
)
from tests.sender.conftest import example, write_templates
from tests.sender.fake_cams import CREATE, FakeCams, Recorded

pytestmark = pytest.mark.usefixtures("credentials")


def _sent(request: Recorded, name: str) -> Any:
    """A JSON parameter as received, less the empty lists the SDK always adds.

    The SDK's to_map() emits `Buttons`, `Cards` and `SupportedApps` even when
    unset (see the SDK's `to_map`); everything else must be exactly the linted content.
    """
    return _pruned(request.decoded(name))


def _pruned(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _pruned(v) for k, v in value.items() if v != []}
    if isinstance(value, list):
        return [_pruned(v) for v in value]
    return value


def test_dirty_template_is_never_sent(
    fake: FakeCams, settings: Settings, utility: dict[str, Any], tmp_path: Path
) -> None:
    dirty = {**utility, "Name": "Bad Name With Capitals"}
    clean = write_templates(tmp_path, "clean.json", {**utility, "Name": "fine_one"})
    bad = write_templates(tmp_path, "bad.json", dirty)
    with pytest.raises(DirtyTemplateError) as caught:
        send([clean, bad], settings)
    assert fake.requests == []
    assert any(v.file == str(bad) for v in caught.value.violations)
    assert all(
        v.file != str(clean) or v.severity != "error" for v in caught.value.violations
    )


def test_dirty_mapping_is_never_sent(
    fake: FakeCams, settings: Settings, utility: dict[str, Any]
) -> None:
    with pytest.raises(DirtyTemplateError) as caught:
        send([utility, {**utility, "Category": "NOPE"}], settings)
    assert fake.requests == []
    assert {v.template for v in caught.value.violations} == {1}


def test_clean_template_is_sent_once_with_the_linted_content(
    fake: FakeCams, settings: Settings, utility: dict[str, Any], tmp_path: Path
) -> None:
    path = write_templates(tmp_path, "utility.json", utility)
    report = send([path], settings)
    (outcome,) = report.outcomes
    assert outcome.status is Status.CREATED
    assert (outcome.file, outcome.template, outcome.name) == (
        str(path),
        0,
        utility["Name"],
    )
    (request,) = fake.requests
    assert request.action == CREATE
    assert _sent(request, "Components") == utility["Components"]
    assert request.decoded("Example") == utility["Example"]
    scalars = {
        k: str(v) for k, v in utility.items() if k not in {"Components", "Example"}
    }
    assert {k: v for k, v in request.params.items() if k in scalars} == scalars
    assert set(request.params) == {*scalars, "Components", "Example"}
    (held,) = fake.templates.values()
    assert outcome.template_code == held["TemplateCode"]


def test_every_template_is_sent_in_file_order(
    fake: FakeCams, settings: Settings, tmp_path: Path
) -> None:
    names = [
        "whatsapp-utility-text-header.json",
        "whatsapp-marketing-carousel.json",
        "whatsapp-authentication-one-tap.json",
        "viber-text-button.json",
    ]
    (tmp_path / "t").mkdir()
    for index, name in enumerate(names):
        write_templates(tmp_path / "t", f"{index}-{name}", example(name))
    report = send([tmp_path / "t"], settings)
    assert [o.status for o in report.outcomes] == [Status.CREATED] * len(names)
    assert [r.params["Name"] for r in fake.requests] == [
        example(n)["Name"] for n in names
    ]
    for request, name in zip(fake.requests, names, strict=True):
        assert _sent(request, "Components") == example(name)["Components"]


def test_space_id_fills_in_but_a_templates_own_wins(
    fake: FakeCams, settings: Settings, utility: dict[str, Any]
) -> None:
    own = {**utility, "Name": "own_space", "CustSpaceId": "space-own"}
    send([utility, own], attrs.evolve(settings, space_id="space-default"))
    assert [r.params["CustSpaceId"] for r in fake.requests] == [
        "space-default",
        "space-own",
    ]


def test_wire_form_strings_are_sent_as_they_decode(
    fake: FakeCams, settings: Settings, utility: dict[str, Any]
) -> None:
    wire = {
        **utility,
        "Components": json.dumps(utility["Components"]),
        "Example": json.dumps(utility["Example"]),
    }
    assert send([wire], settings).ok
    assert _sent(fake.requests[0], "Components") == utility["Components"]


def test_dry_run_sends_nothing_and_shows_the_wire_parameters(
    fake: FakeCams, settings: Settings, utility: dict[str, Any], tmp_path: Path
) -> None:
    path = write_templates(tmp_path, "utility.json", utility)
    report = send([path], attrs.evolve(settings, dry_run=True))
    assert fake.requests == []
    (outcome,) = report.outcomes
    assert outcome.status is Status.PLANNED
    parameters = outcome.parameters
    assert parameters is not None
    assert _pruned(json.loads(parameters["Components"])) == utility["Components"]
    assert parameters["MessageSendTtlSeconds"] == "3600"
    # The same parameters reach the service when it is sent for real.
    send([path], settings)
    assert fake.requests[0].params == parameters


def test_dry_run_needs_no_credentials(
    fake: FakeCams,
    settings: Settings,
    utility: dict[str, Any],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("ALIBABA_CLOUD_ACCESS_KEY_ID")
    assert send([utility], attrs.evolve(settings, dry_run=True)).ok
    assert fake.requests == []


def test_missing_credentials_stop_before_any_request(
    fake: FakeCams,
    settings: Settings,
    utility: dict[str, Any],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("ALIBABA_CLOUD_ACCESS_KEY_SECRET")
    with pytest.raises(
        MissingCredentialsError, match="ALIBABA_CLOUD_ACCESS_KEY_SECRET"
    ):
        send([utility], settings)
    assert fake.requests == []


def test_missing_credentials_on_the_command_line(
    fake: FakeCams,
    utility: dict[str, Any],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("ALIBABA_CLOUD_ACCESS_KEY_ID")
    path = write_templates(tmp_path, "utility.json", utility)
    args = [str(path), "--endpoint", fake.endpoint, "--protocol", "http"]
    result = CliRunner().invoke(send_command, args)
    assert result.exit_code == 2
    assert result.stderr.strip().splitlines() == [
        "Error: no credentials: set ALIBABA_CLOUD_ACCESS_KEY_ID "
        "(or use --credentials-chain for the SDK's default chain)."
    ]
    assert fake.requests == []


def test_missing_sdk_gives_one_line_and_exit_2(
    fake: FakeCams,
    utility: dict[str, Any],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setitem(sys.modules, "alibabacloud_cams20200606", None)
    monkeypatch.delitem(sys.modules, "chatapp_lint.sender.sdk", raising=False)
    path = write_templates(tmp_path, "utility.json", utility)
    with pytest.raises(SdkMissingError):
        send([path], Settings(endpoint=fake.endpoint, protocol="http"))
    result = CliRunner().invoke(send_command, [str(path)])
    assert result.exit_code == 2
    assert result.stderr == (
        "Error: sending needs the Alibaba Cloud SDK: pip install"
        " 'alibabacloud-cams20200606>=5.3.1,<6' 'alibabacloud-tea-openapi>=0.4.5,<0.5'"
        " (or, in a clone of chatapp-lint, pip install -e '.[send]')\n"
    )


def test_the_install_hint_names_the_send_extra() -> None:
    import tomllib

    from chatapp_lint.sender.errors import SDK_REQUIREMENTS

    pyproject = Path(__file__).parents[2] / "pyproject.toml"
    extras = tomllib.loads(pyproject.read_text(encoding="utf-8"))["project"][
        "optional-dependencies"
    ]
    assert list(SDK_REQUIREMENTS) == extras["send"]


def test_a_member_the_sdk_would_drop_stops_the_batch(
    fake: FakeCams, settings: Settings, utility: dict[str, Any]
) -> None:
    from chatapp_lint.sender.sdk import request_model

    template = {
        **utility,
        "Components": [{**utility["Components"][1], "Footnote": "x"}],
    }
    with pytest.raises(UnsendableTemplateError, match="/Components/0/Footnote"):
        request_model(template, "#0")
    assert fake.requests == []


def test_lint_path_never_imports_the_sdk(
    tmp_path: Path, utility: dict[str, Any]
) -> None:
    import subprocess

    path = write_templates(tmp_path, "utility.json", utility)
    code = (
        "import sys; from chatapp_lint.cli import main\n"
        "try:\n    main([sys.argv[1]])\nexcept SystemExit:\n    pass\n"
        "import chatapp_lint.send_commands, chatapp_lint.sender\n"
        "assert not [m for m in sys.modules if m.startswith(('alibabacloud', 'darabonba', 'Tea'))]\n"
    )
    subprocess.run(
        [sys.executable, "-c", code, str(path)], check=True, capture_output=True
    )


def test_standard_input_is_not_a_source(settings: Settings) -> None:
    with pytest.raises(SenderError, match="standard input"):
        send(["-"], settings)
