"""Settings: the endpoint rule, and credentials read from the environment when asked."""

from __future__ import annotations

import pytest

from chatapp_lint.sender import Credentials, MissingCredentialsError, Settings
from chatapp_lint.sender.settings import DEFAULT_ENDPOINT


@pytest.mark.parametrize(
    ("endpoint", "region", "expected"),
    [
        (None, None, DEFAULT_ENDPOINT),
        ("127.0.0.1:8080", None, "127.0.0.1:8080"),
        ("127.0.0.1:8080", "cn-hangzhou", "127.0.0.1:8080"),
        (None, "cn-hangzhou", None),  # the SDK derives cams.cn-hangzhou.aliyuncs.com
    ],
)
def test_the_endpoint_is_explicit_then_regional_then_the_default(
    endpoint: str | None, region: str | None, expected: str | None
) -> None:
    assert Settings(endpoint=endpoint, region=region).resolved_endpoint() == expected


def test_credentials_come_from_the_environment_when_sending() -> None:
    env = {
        "ALIBABA_CLOUD_ACCESS_KEY_ID": " id ",
        "ALIBABA_CLOUD_ACCESS_KEY_SECRET": "secret",
        "ALIBABA_CLOUD_SECURITY_TOKEN": "",
    }
    found = Credentials.from_env(env)
    assert (found.access_key_id, found.security_token) == ("id", None)
    assert found.secrets() == ("id", "secret")
    assert "secret" not in repr(Settings(credentials=found))


def test_both_missing_variables_are_named() -> None:
    with pytest.raises(MissingCredentialsError) as caught:
        Credentials.from_env({"ALIBABA_CLOUD_ACCESS_KEY_ID": "  "})
    assert caught.value.missing == (
        "ALIBABA_CLOUD_ACCESS_KEY_ID",
        "ALIBABA_CLOUD_ACCESS_KEY_SECRET",
    )


def test_explicit_credentials_win_over_the_environment(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("ALIBABA_CLOUD_ACCESS_KEY_ID", "from-env")
    monkeypatch.setenv("ALIBABA_CLOUD_ACCESS_KEY_SECRET", "from-env")
    given = Credentials("given", "given-secret")
    assert Settings(credentials=given).resolved_credentials() is given
    assert Settings().resolved_credentials().access_key_id == "from-env"
