"""Colour and progress decisions, with streams that say they are terminals."""

from __future__ import annotations

import io

import pytest

from chatapp_lint import output


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.mark.parametrize(
    ("choice", "tty", "no_color", "expected"),
    [
        ("auto", True, None, True),
        ("auto", True, "1", False),
        ("auto", False, None, False),
        ("always", False, "1", True),
        ("never", True, None, False),
    ],
)
def test_use_color(
    monkeypatch: pytest.MonkeyPatch,
    choice: str,
    tty: bool,
    no_color: str | None,
    expected: bool,
) -> None:
    if no_color is None:
        monkeypatch.delenv("NO_COLOR", raising=False)
    else:
        monkeypatch.setenv("NO_COLOR", no_color)
    stream = Terminal() if tty else io.StringIO()
    assert output.use_color(choice, stream) is expected


def test_progress_draws_only_on_a_terminal_after_a_second(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    clock = iter([0.0, 0.5, 1.5, 1.6, 2.0])
    monkeypatch.setattr(output.time, "monotonic", lambda: next(clock))
    stream = Terminal()
    progress = output.Progress(stream)
    progress(1, 10)  # at 0.5 s: too early to show anything
    assert stream.getvalue() == ""
    progress(5, 10)  # at 1.5 s
    progress(6, 10)  # at 1.6 s: throttled
    assert stream.getvalue() == "\rchatapp-lint: 5/10 files"
    progress.close()
    assert stream.getvalue().endswith("\r\x1b[K")


def test_progress_is_silent_when_not_a_terminal() -> None:
    stream = io.StringIO()
    progress = output.Progress(stream)
    for done in range(1, 1000):
        progress(done, 1000)
    progress.close()
    assert stream.getvalue() == ""
