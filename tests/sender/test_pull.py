"""`pull`: the service's template back as a file that lints and round-trips."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner

from chatapp_lint.engine import lint_paths
from chatapp_lint.send_commands import pull_command
from chatapp_lint.sender import PullError, Settings, pull, send
from chatapp_lint.sender.shape import to_template
from tests.sender.conftest import example
from tests.sender.fake_cams import DETAIL, FakeCams

pytestmark = pytest.mark.usefixtures("credentials")

EXAMPLES = [
    "whatsapp-utility-text-header.json",
    "whatsapp-marketing-carousel.json",
    "whatsapp-marketing-limited-time-offer.json",
    "whatsapp-authentication-one-tap.json",
    "whatsapp-marketing-image-quick-replies.yaml",
    "viber-video.json",
]


def _load(name: str) -> dict[str, Any]:
    if name.endswith(".json"):
        return example(name)
    path = Path(__file__).resolve().parents[2] / "examples" / "templates" / name
    value: dict[str, Any] = yaml.safe_load(path.read_text("utf-8"))
    return value


@pytest.mark.parametrize("name", EXAMPLES)
@pytest.mark.parametrize("suffix", [".yaml", ".json"])
@pytest.mark.parametrize("as_strings", [False, True], ids=["objects", "json-strings"])
def test_pulled_file_lints_clean_and_round_trips(
    fake: FakeCams,
    settings: Settings,
    tmp_path: Path,
    name: str,
    suffix: str,
    as_strings: bool,
) -> None:
    template = _load(name)
    assert send([template], settings).ok
    fake.detail_as_strings = as_strings
    output = tmp_path / f"pulled{suffix}"
    args = ["--name", template["Name"], "--language", template["Language"]]
    args += ["--endpoint", fake.endpoint, "--protocol", "http", "-o", str(output)]
    result = CliRunner().invoke(pull_command, args)
    assert result.exit_code == 0, result.output
    assert not lint_paths([output]).violations
    loaded = yaml.safe_load(output.read_text("utf-8"))
    assert loaded == template
    # And it can be sent as it is: the service gets the same parameters again.
    fake.templates.clear()
    before = len(fake.requests)
    assert send([output], settings).ok
    assert fake.requests[before].params == fake.requests[0].params


def test_pull_without_output_writes_json_to_stdout(
    fake: FakeCams, settings: Settings, utility: dict[str, Any]
) -> None:
    send([utility], settings)
    args = ["--name", utility["Name"], "--language", "en_US", "--code", "tpl000001"]
    args += ["--type", "WHATSAPP", "--endpoint", fake.endpoint, "--protocol", "http"]
    result = CliRunner().invoke(pull_command, args)
    assert result.exit_code == 0
    assert json.loads(result.stdout) == utility
    assert fake.of(DETAIL)[0].params == {
        "TemplateName": utility["Name"],
        "Language": "en_US",
        "TemplateCode": "tpl000001",
        "TemplateType": "WHATSAPP",
    }


def test_pull_of_a_missing_template_fails_with_exit_1(fake: FakeCams) -> None:
    args = ["--name", "nothing_here", "--language", "en_US"]
    args += ["--endpoint", fake.endpoint, "--protocol", "http"]
    result = CliRunner().invoke(pull_command, args)
    assert result.exit_code == 1
    assert result.stderr == (
        "Error: no template 'nothing_here' in language 'en_US' was found.\n"
    )


@pytest.mark.parametrize("status", [200, 400])
def test_not_found_is_recognised_in_either_form(
    fake: FakeCams, settings: Settings, status: int
) -> None:
    fake.not_found_status = status
    with pytest.raises(PullError, match="was found"):
        pull("nothing_here", "en_US", settings)


def test_the_detail_pages_oddities_map_onto_the_request_shape() -> None:
    # GetChatappTemplateDetail's Data example, trimmed.
    data = {
        "category": "UTILITY",
        "name": "account_notice",
        "language": "en_US",
        "templateCode": "744c4b5c79c9432497a075bdfca3****",
        "auditStatus": "APPROVED",
        "QualityScore": "GREEN",
        "Reason": "None",
        "MessageSendTtlSeconds": "120",
        "components": json.dumps(
            [
                {"type": "BODY", "text": "body_text$(textVariable)"},
                {"type": "HEADER", "formate": "IMAGE", "url": "$(linkVariable)"},
                {
                    "type": "LIMITED_TIME_OFFER",
                    "hasExpiration": "true",
                    "OfferExpirationTimeMs": "$(x)",
                },
                {
                    "type": "BUTTONS",
                    "Buttons": [
                        {
                            "type": "PHONE_NUMBER",
                            "text": "Call",
                            "phone_number": "+1",
                            "IsOptOut": False,
                            "SupportedApps": [],
                            "ExtendAttrs": {"A": "b"},
                        },
                    ],
                },
            ]
        ),
        "Example": {
            "key": json.dumps({"textVariable": "text", "linkVariable": "link"})
        },
    }
    template, notes = to_template(data)
    assert template == {
        "Name": "account_notice",
        "Language": "en_US",
        "Category": "UTILITY",
        "MessageSendTtlSeconds": 120,
        "Components": [
            {"Type": "BODY", "Text": "body_text$(textVariable)"},
            {"Type": "HEADER", "Format": "IMAGE", "Url": "$(linkVariable)"},
            {"Type": "LIMITED_TIME_OFFER", "HasExpiration": True},
            {
                "Type": "BUTTONS",
                "Buttons": [
                    {
                        "Type": "PHONE_NUMBER",
                        "Text": "Call",
                        "PhoneNumber": "+1",
                        "IsOptOut": False,
                    },
                ],
            },
        ],
        "Example": {"textVariable": "text", "linkVariable": "link"},
    }
    assert list(template) == [
        "Name", "Language", "Category", "MessageSendTtlSeconds", "Components", "Example",
    ]  # fmt: skip
    assert notes == [
        "/Components/2/OfferExpirationTimeMs: not part of CreateChatappTemplate; left out.",
        "/Components/3/Buttons/0/ExtendAttrs: not part of CreateChatappTemplate; left out.",
    ]


def test_pull_names_what_it_left_out_on_stderr(
    fake: FakeCams, settings: Settings, utility: dict[str, Any]
) -> None:
    send([utility], settings)
    (held,) = fake.templates.values()
    held["Components"][0]["Latitude"] = "28.001"
    args = ["--name", utility["Name"], "--language", "en_US"]
    result = CliRunner().invoke(
        pull_command, [*args, "--endpoint", fake.endpoint, "--protocol", "http"]
    )
    assert result.exit_code == 0
    assert result.stderr == (
        "note: /Components/0/Latitude: not part of CreateChatappTemplate; left out.\n"
    )
    assert json.loads(result.stdout) == utility


def test_shapes_that_cannot_be_mapped_are_kept_as_they_came() -> None:
    template, notes = to_template(
        {
            "Name": "odd",
            "Components": [{"Type": "BUTTONS", "Buttons": "not json ["}, "text"],
            "Example": {"a": 1},
        }
    )
    assert template == {
        "Name": "odd",
        "Components": [{"Type": "BUTTONS", "Buttons": "not json ["}, "text"],
        "Example": {"a": 1},
    }
    assert notes == ["/Example: not an object of strings; kept as it came."]


def test_a_double_encoded_example_is_decoded() -> None:
    example = json.dumps(json.dumps({"a": "b"}))
    template, _ = to_template({"Example": example, "AllowCategoryChange": "False"})
    assert template == {"AllowCategoryChange": False, "Example": {"a": "b"}}
