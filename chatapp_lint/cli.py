"""The `chatapp-lint` entry point: fast paths, then click, and never a traceback.

This module imports nothing heavy at import time: `--version` answers before click
or the rules are loaded, which keeps pre-commit start-up close to bare Python.
"""

from __future__ import annotations

import os
import sys

EXIT_INTERNAL = 2
EXIT_INTERRUPTED = 130


def main(argv: list[str] | None = None) -> None:
    """Run the command line and exit with its status."""
    args = sys.argv[1:] if argv is None else argv
    if args == ["--version"]:
        from chatapp_lint._version import __version__

        sys.stdout.write(f"chatapp-lint {__version__}\n")
        raise SystemExit(0)
    raise SystemExit(_run(args))


def _run(args: list[str]) -> int:
    try:
        from chatapp_lint.commands import run

        return run(args)
    except KeyboardInterrupt:
        sys.stderr.write("chatapp-lint: interrupted.\n")
        return EXIT_INTERRUPTED
    except BrokenPipeError:
        # The reader went away (`chatapp-lint ... | head -1`): stop quietly, and keep
        # Python from complaining again when it flushes stdout at exit.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 0
    except Exception as error:
        if os.environ.get("CHATAPP_LINT_TRACEBACK"):
            raise
        sys.stderr.write(
            f"chatapp-lint: internal error: {type(error).__name__}: {error}\n"
            "Set CHATAPP_LINT_TRACEBACK=1 to see where, and please report it.\n"
        )
        return EXIT_INTERNAL
