"""The rate limiter and the backoff, on a fake clock."""

from __future__ import annotations

import pytest

from chatapp_lint.sender.pacing import Backoff, RateLimiter
from chatapp_lint.sender.settings import Timing
from tests.sender.conftest import FakeClock


def _timing(clock: FakeClock, random: float = 0.5) -> Timing:
    return Timing(clock=clock.time, sleep=clock.sleep, random=lambda: random)


@pytest.mark.parametrize("limit", [5, 50])
def test_no_one_second_window_holds_more_than_the_limit(
    clock: FakeClock, limit: int
) -> None:
    limiter = RateLimiter(limit, _timing(clock))
    starts = []
    for call in range(limit * 3 + 1):
        limiter.acquire()
        starts.append(clock.now)
        clock.now += 0.003 * (call % 7)  # calls take a little, unevenly
    for index, start in enumerate(starts):
        window = [s for s in starts[index:] if s < start + 1.0]
        assert len(window) <= limit
    assert starts[-1] - starts[0] >= 3.0  # 3 full windows were needed


def test_calls_spaced_out_never_wait(clock: FakeClock) -> None:
    limiter = RateLimiter(5, _timing(clock))
    for _ in range(20):
        assert limiter.acquire() == 0.0
        clock.now += 0.2
    assert clock.sleeps == []


def test_a_fractional_limit_spaces_calls(clock: FakeClock) -> None:
    limiter = RateLimiter(0.5, _timing(clock))
    limiter.acquire()
    assert limiter.acquire() == pytest.approx(2.0)


def test_a_limit_must_be_positive(clock: FakeClock) -> None:
    with pytest.raises(ValueError, match="positive"):
        RateLimiter(0, _timing(clock))


@pytest.mark.parametrize(
    ("random", "expected"),
    [(0.0, [0.5, 1.0, 2.0, 4.0, 5.0, 5.0]), (1.0, [1.0, 2.0, 4.0, 8.0, 10.0, 10.0])],
)
def test_backoff_doubles_with_jitter_up_to_a_cap(
    clock: FakeClock, random: float, expected: list[float]
) -> None:
    backoff = Backoff(6, 1.0, 10.0, _timing(clock, random))
    while not backoff.exhausted:
        backoff.wait()
    assert clock.sleeps == expected


def test_backoff_honours_the_service_retry_after_within_the_cap(
    clock: FakeClock,
) -> None:
    backoff = Backoff(2, 0.5, 20.0, _timing(clock, 0.0))
    backoff.wait(at_least=3.0)
    backoff.wait(at_least=60.0)
    assert clock.sleeps == [3.0, 20.0]
    assert backoff.exhausted


def test_zero_retries_are_exhausted_at_once(clock: FakeClock) -> None:
    assert Backoff(0, 1.0, 1.0, _timing(clock)).exhausted
