"""Every call has a total deadline and a size bound, and NO_PROXY is honoured."""

from __future__ import annotations

import socket
import threading
import time
import tracemalloc
from collections.abc import Iterator
from typing import Any

import attrs
import pytest

from chatapp_lint.sender import Settings, Status, send
from tests.sender.fake_cams import CREATE, DETAIL, FakeCams, Fault

pytestmark = pytest.mark.usefixtures("credentials")


def test_an_answer_dripping_a_byte_at_a_time_cannot_outlast_the_deadline(
    fake: FakeCams, settings: Settings, utility: dict[str, Any]
) -> None:
    # ~150 bytes at 0.2 s each: half a minute, though no single read waits 1 s.
    fake.fail(CREATE, Fault("drip", delay=0.2))
    settings = attrs.evolve(settings, timeout=1.0)
    started = time.monotonic()
    (outcome,) = send([utility], settings).outcomes
    elapsed = time.monotonic() - started
    assert elapsed < 10  # the create's second, then a lookup; not half a minute
    assert (outcome.status, outcome.via_lookup) == (Status.CREATED, True)
    assert [r.action for r in fake.requests] == [CREATE, DETAIL]


def test_a_huge_answer_is_cut_at_the_bound_not_read_into_memory(
    fake: FakeCams, settings: Settings, utility: dict[str, Any]
) -> None:
    fake.fail(CREATE, Fault("huge", size=64 * 1024 * 1024, perform=False))
    settings = attrs.evolve(settings, max_answer_bytes=1024 * 1024)
    tracemalloc.start()
    try:
        (outcome,) = send([utility], settings).outcomes
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 16 * 1024 * 1024
    # The cut answer counts as lost: looked up, not found, sent again.
    assert outcome.status is Status.CREATED
    assert [r.action for r in fake.requests] == [CREATE, DETAIL, CREATE]


def test_a_huge_answer_is_reported_as_too_large(
    fake: FakeCams, settings: Settings, utility: dict[str, Any]
) -> None:
    fake.fail(CREATE, Fault("huge", size=8 * 1024 * 1024, perform=False))
    fake.fail(DETAIL, Fault("huge", size=8 * 1024 * 1024, perform=False))
    settings = attrs.evolve(settings, max_answer_bytes=64 * 1024, max_retries=0)
    (outcome,) = send([utility], settings).outcomes
    assert (outcome.status, outcome.error_code) == (
        Status.UNKNOWN,
        "Network.AnswerTooLarge",
    )


@attrs.define
class _Proxy:
    """A proxy that records the request lines it is sent, and answers nothing."""

    address: str
    lines: list[str]


@pytest.fixture
def proxy() -> Iterator[_Proxy]:
    listener = socket.create_server(("127.0.0.1", 0))
    seen = _Proxy(f"http://127.0.0.1:{listener.getsockname()[1]}", [])

    def serve() -> None:
        while True:
            try:
                connection, _ = listener.accept()
            except OSError:
                return
            with connection:
                connection.settimeout(2)
                try:
                    seen.lines.append(connection.recv(65536).split(b"\r\n")[0].decode())
                except OSError:
                    seen.lines.append("")

    threading.Thread(target=serve, daemon=True).start()
    yield seen
    listener.close()


@pytest.mark.parametrize("variable", ["NO_PROXY", "no_proxy"])
def test_no_proxy_keeps_loopback_traffic_away_from_the_proxy(
    fake: FakeCams,
    settings: Settings,
    utility: dict[str, Any],
    proxy: _Proxy,
    monkeypatch: pytest.MonkeyPatch,
    variable: str,
) -> None:
    monkeypatch.setenv("HTTP_PROXY", proxy.address)
    monkeypatch.setenv("http_proxy", proxy.address)
    monkeypatch.setenv(variable, "localhost,127.0.0.1")
    (outcome,) = send([utility], settings).outcomes
    assert outcome.status is Status.CREATED
    assert proxy.lines == []


def test_without_no_proxy_the_proxy_is_used(
    fake: FakeCams,
    settings: Settings,
    utility: dict[str, Any],
    proxy: _Proxy,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("HTTP_PROXY", proxy.address)
    settings = attrs.evolve(settings, max_retries=0)
    (outcome,) = send([utility], settings).outcomes
    assert outcome.status is not Status.CREATED
    assert fake.requests == []
    assert proxy.lines
    assert proxy.lines[0].startswith(f"POST http://{fake.endpoint}/?")
