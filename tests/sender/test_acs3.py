"""The fake's signature check tells a good request from a replayed or altered one."""

from __future__ import annotations

from email.message import Message
from typing import Any
from urllib.parse import urlencode

import pytest

from chatapp_lint.sender import Settings, send
from tests.sender.acs3 import Verifier
from tests.sender.fake_cams import ACCESS_KEY_ID, ACCESS_KEY_SECRET, FakeCams

pytestmark = pytest.mark.usefixtures("credentials")


def _recorded(fake: FakeCams, settings: Settings, template: dict[str, Any]) -> Any:
    assert send([template], settings).ok
    return fake.requests[-1]


def _headers(recorded: Any) -> Message:
    message = Message()
    for name, value in recorded.headers.items():
        message[name] = value
    return message


def _check(verifier: Verifier, recorded: Any, params: dict[str, str]) -> Any:
    query = urlencode(params)  # as the SDK sends it: quote_plus
    return verifier.check("POST", "/", query, _headers(recorded), b"")


def test_a_good_request_verifies_once_and_not_twice(
    fake: FakeCams, settings: Settings, utility: dict[str, Any]
) -> None:
    recorded = _recorded(fake, settings, utility)
    verifier = Verifier({ACCESS_KEY_ID: ACCESS_KEY_SECRET})
    assert _check(verifier, recorded, recorded.params) is None
    assert _check(verifier, recorded, recorded.params)[1] == "SignatureNonceUsed"


def test_an_altered_parameter_breaks_the_signature(
    fake: FakeCams, settings: Settings, utility: dict[str, Any]
) -> None:
    recorded = _recorded(fake, settings, utility)
    altered = {**recorded.params, "Name": "someone_elses"}
    verifier = Verifier({ACCESS_KEY_ID: ACCESS_KEY_SECRET})
    assert _check(verifier, recorded, altered)[:2] == (400, "SignatureDoesNotMatch")


def test_a_wrong_secret_or_key_is_refused(
    fake: FakeCams, settings: Settings, utility: dict[str, Any]
) -> None:
    recorded = _recorded(fake, settings, utility)
    wrong = Verifier({ACCESS_KEY_ID: "another-secret"})
    assert _check(wrong, recorded, recorded.params)[1] == "SignatureDoesNotMatch"
    unknown = Verifier({"LTAI5tSOMEONEELSE": ACCESS_KEY_SECRET})
    assert _check(unknown, recorded, recorded.params)[:2] == (
        404,
        "InvalidAccessKeyId.NotFound",
    )
