"""The `chatapp-lint` entry point: fast paths, then click, and never a traceback.

This module imports nothing heavy at import time: `--version` answers before click
or the rules are loaded, which keeps pre-commit start-up close to bare Python.

Whatever happens, the process ends with a status and at most a line or two on
standard error: Ctrl-C gives status 130 and one line (after the blank line click
writes to close the terminal's `^C`), a reader that goes away (`chatapp-lint
templates/ | head -1`) ends the run quietly, and anything unexpected is reported
as an internal error (status 2) rather than a traceback.
"""

from __future__ import annotations

import os
import sys

# Not `from typing import ...`: importing typing (or contextlib and signal, which
# pull in enum) here would cost `--version` a third of bare Python's start-up;
# the functions off that path import what they need.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable
    from typing import Any

EXIT_INTERNAL = 2
EXIT_INTERRUPTED = 130
EXIT_OUTPUT_LOST = 1
"""When the report cannot be written: never 0, since nobody saw whether it was clean.

Click ends a command whose output pipe closes with 1 too.
"""


def main(argv: list[str] | None = None) -> None:
    """Run the command line and exit with its status."""
    args = sys.argv[1:] if argv is None else argv
    raise SystemExit(_version() if args == ["--version"] else _run(args))


def _version() -> int:
    from chatapp_lint._version import __version__

    _reopen_closed_streams()
    try:
        return _write(f"chatapp-lint {__version__}\n")
    except BrokenPipeError:
        _silence_stdout()
        return EXIT_OUTPUT_LOST


def _write(text: str) -> int:
    sys.stdout.write(text)
    sys.stdout.flush()  # here, where a closed pipe is caught, not at exit
    return 0


def _run(args: list[str]) -> int:
    def lint() -> int:
        from chatapp_lint.plain import plain_lint

        status = plain_lint(args)
        if status is not None:
            return status
        from chatapp_lint.commands import run

        return run(args)

    return _guarded(lint)


def _guarded(work: Callable[[], int]) -> int:
    """Run `work` with Ctrl-C, a closed pipe and any crash turned into a status."""
    _reopen_closed_streams()
    # Ctrl-C stays Python's KeyboardInterrupt, so that code which cleans up on it
    # (`send` records the template it was sending) still does.
    try:
        return work()
    except KeyboardInterrupt:
        _report_interruption()
        return EXIT_INTERRUPTED
    except BrokenPipeError:
        _silence_stdout()
        return EXIT_OUTPUT_LOST
    except Exception as error:
        if os.environ.get("CHATAPP_LINT_TRACEBACK"):
            raise
        _error(
            f"chatapp-lint: internal error: {type(error).__name__}: {_bounded(error)}\n"
            "Set CHATAPP_LINT_TRACEBACK=1 to see where, and please report it.\n"
        )
        return EXIT_INTERNAL


def _report_interruption() -> None:
    """Say the run was interrupted, deaf to a second Ctrl-C while saying it."""
    import signal  # only here: its enums cost every run a millisecond

    previous = signal.getsignal(signal.SIGINT)
    _set_interrupt_handler(signal.SIG_IGN)  # a second Ctrl-C must not break the way out
    try:
        _error("chatapp-lint: interrupted.\n")
    finally:
        # Put back what was there, for a caller that goes on (a test, say).
        if previous is not None:
            _set_interrupt_handler(previous)


def _set_interrupt_handler(handler: Any) -> None:
    import contextlib
    import signal

    # ValueError: not the main thread, where signals are not ours to change.
    with contextlib.suppress(ValueError):
        signal.signal(signal.SIGINT, handler)


def _reopen_closed_streams() -> None:
    """Give a stream the shell closed (`chatapp-lint ... >&-`) the null device.

    Python sets it to None, and click and the reporters expect a file; a closed
    stream is treated as `>/dev/null`, which is what its owner asked for.
    """
    if sys.stdout is not None and sys.stderr is not None:
        return
    # Left open: they serve until the process ends.
    if sys.stdout is None:
        sys.stdout = open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115, PTH123
    if sys.stderr is None:
        sys.stderr = open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115, PTH123


def _silence_stdout() -> None:
    """Point stdout at the null device, so the flush at exit cannot fail again.

    Without it Python reports "Exception ignored ... BrokenPipeError" on its way out.
    """
    import contextlib

    # ValueError: no file descriptor behind stdout (a test's capture, say).
    with contextlib.suppress(OSError, ValueError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())


def _error(text: str) -> None:
    """Write to stderr if it can be written to at all; a last message must not crash."""
    import contextlib

    with contextlib.suppress(OSError, ValueError):
        sys.stderr.write(text)
        sys.stderr.flush()


def _bounded(error: Exception, limit: int = 200) -> str:
    """The error's text on one line and cut short: it may quote the user's input."""
    text = " ".join(str(error).split())
    return text if len(text) <= limit else text[: limit - 3] + "..."
