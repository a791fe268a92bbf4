"""Staying under the service's rate limits, and waiting politely before a retry."""

from __future__ import annotations

from collections import deque

from chatapp_lint.sender.settings import Timing


class RateLimiter:
    """At most `limit` calls in any window of `period` seconds.

    A sliding window over the start times of the last calls: unlike a token
    bucket with a burst allowance, no one-second window ever holds more than
    `limit` calls, which is how a per-second QPS limit is enforced.
    """

    def __init__(self, limit: float, timing: Timing, period: float = 1.0) -> None:
        if limit <= 0:
            raise ValueError("a rate limit must be positive")
        # A fractional limit (0.5/s) becomes one call per 1/limit seconds.
        self._slots = max(1, int(limit))
        self._period = period * self._slots / limit
        self._timing = timing
        self._starts: deque[float] = deque()

    def acquire(self) -> float:
        """Wait, if needed, until one more call fits; returns the seconds waited."""
        now = self._timing.clock()
        self._forget(now)
        waited = 0.0
        if len(self._starts) >= self._slots:
            free_at = self._starts[0] + self._period
            waited = free_at - now
            self._timing.sleep(waited)
            # An injected sleep may not move the clock: count from when it is free.
            now = max(self._timing.clock(), free_at)
            self._forget(now)
        self._starts.append(now)
        return waited

    def _forget(self, now: float) -> None:
        while self._starts and now - self._starts[0] >= self._period:
            self._starts.popleft()


class Backoff:
    """Exponential backoff with jitter, bounded by a number of retries.

    The n-th retry waits between half and all of `min(cap, base * 2**n)`
    ("equal jitter"), or at least what the service asked for with
    `x-acs-retry-after`.
    """

    def __init__(self, retries: int, base: float, cap: float, timing: Timing) -> None:
        self.retries = max(0, retries)
        self._base = base
        self._cap = cap
        self._timing = timing
        self.attempt = 0

    @property
    def exhausted(self) -> bool:
        """Whether every retry has been used."""
        return self.attempt >= self.retries

    def wait(self, at_least: float | None = None) -> float:
        """Sleep before the next retry and count it; returns the delay."""
        ceiling = min(self._cap, self._base * 2.0**self.attempt)
        delay = ceiling / 2 + self._timing.random() * ceiling / 2
        if at_least is not None:
            delay = max(delay, min(at_least, self._cap))
        self.attempt += 1
        self._timing.sleep(delay)
        return delay
