"""Hermetic set-up for the sender's tests: a fake CAMS on 127.0.0.1 and nothing else.

The SDK's credential library reads some variables when it is first imported,
so the switches that keep it away from instance metadata and CLI profiles are
set here, before any test imports it; each test also gets them again, with the
proxies removed (the SDK applies HTTP_PROXY even to 127.0.0.1) and HOME in a
temporary directory.
"""

from __future__ import annotations

import json
import os
import socket
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from chatapp_lint.sender.settings import Settings, Timing
from tests.sender.fake_cams import ACCESS_KEY_ID, ACCESS_KEY_SECRET, FakeCams

os.environ.setdefault("ALIBABA_CLOUD_ECS_METADATA_DISABLED", "true")
os.environ.setdefault("ALIBABA_CLOUD_CLI_PROFILE_DISABLED", "true")

EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "templates"
_PROXIES = (
    "HTTP_PROXY",
    "http_proxy",
    "HTTPS_PROXY",
    "https_proxy",
    "ALL_PROXY",
    "all_proxy",
)
_CLEARED = (
    "ALIBABA_CLOUD_ACCESS_KEY_ID",
    "ALIBABA_CLOUD_ACCESS_KEY_SECRET",
    "ALIBABA_CLOUD_SECURITY_TOKEN",
    "ALIBABA_CLOUD_PROFILE",
    "ALIBABA_CLOUD_CREDENTIALS_FILE",
    "ALIBABA_CLOUD_CREDENTIALS_URI",
    "ALIBABA_CLOUD_ROLE_ARN",
    "CHATAPP_LINT_SPACE_ID",
)


class FakeClock:
    """A clock that only moves when the code under test sleeps."""

    def __init__(self) -> None:
        self.now = 1000.0
        self.sleeps: list[float] = []

    def time(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        self.now += max(0.0, seconds)


@pytest.fixture(autouse=True)
def _hermetic(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[list[Any]]:
    for name in (*_PROXIES, *_CLEARED):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("ALIBABA_CLOUD_ECS_METADATA_DISABLED", "true")
    monkeypatch.setenv("ALIBABA_CLOUD_CLI_PROFILE_DISABLED", "true")
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    work = tmp_path / "work"
    work.mkdir()
    monkeypatch.chdir(work)  # no configuration file is found above it
    # A guard: any connection to an address but 127.0.0.1 fails the test.
    elsewhere: list[Any] = []
    connect = socket.socket.connect

    def guarded(self: socket.socket, address: Any) -> Any:
        if (
            self.family in {socket.AF_INET, socket.AF_INET6}
            and address[0] != "127.0.0.1"
        ):
            elsewhere.append(address)
            raise OSError(f"test guard: no connection to {address!r}")
        return connect(self, address)

    monkeypatch.setattr(socket.socket, "connect", guarded)
    yield elsewhere
    assert not elsewhere, f"the test tried to reach {elsewhere}"


@pytest.fixture
def credentials(monkeypatch: pytest.MonkeyPatch) -> None:
    """The fake's test access key, in the environment as a user would set it."""
    monkeypatch.setenv("ALIBABA_CLOUD_ACCESS_KEY_ID", ACCESS_KEY_ID)
    monkeypatch.setenv("ALIBABA_CLOUD_ACCESS_KEY_SECRET", ACCESS_KEY_SECRET)


@pytest.fixture
def fake() -> Iterator[FakeCams]:
    server = FakeCams()
    server.serve()
    yield server
    server.stop()


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def settings(fake: FakeCams, clock: FakeClock) -> Settings:
    """Settings for the fake: plain HTTP, short timeouts, an injected clock."""
    return Settings(
        endpoint=fake.endpoint,
        protocol="http",
        timeout=2.0,
        connect_timeout=1.0,
        max_retries=3,
        timing=Timing(clock=clock.time, sleep=clock.sleep, random=lambda: 0.5),
    )


def example(name: str) -> dict[str, Any]:
    """One of the project's clean example templates."""
    value: dict[str, Any] = json.loads((EXAMPLES / name).read_text(encoding="utf-8"))
    return value


@pytest.fixture
def utility() -> dict[str, Any]:
    return example("whatsapp-utility-text-header.json")


def write_templates(directory: Path, name: str, *templates: dict[str, Any]) -> Path:
    """A JSON template file holding one template, or a list of several."""
    path = directory / name
    value: Any = templates[0] if len(templates) == 1 else list(templates)
    path.write_text(json.dumps(value, ensure_ascii=False, indent=2), encoding="utf-8")
    return path
