"""Terminal niceties for the lint command: colour, statistics and progress."""

from __future__ import annotations

import os
import sys
import time
from collections import Counter
from collections.abc import Collection
from typing import IO

from chatapp_lint.engine import Report
from chatapp_lint.fixable import NONE, FixKey, fix_key

_RED, _YELLOW, _BOLD, _RESET = "\x1b[31m", "\x1b[33m", "\x1b[1m", "\x1b[0m"


def use_color(choice: str, stream: IO[str]) -> bool:
    """`always`, `never`, or `auto`: a terminal, unless NO_COLOR is set (no-color.org)."""
    if choice != "auto":
        return choice == "always"
    return not os.environ.get("NO_COLOR") and stream.isatty()


def paint(place: str, code: str, severity: str) -> str:
    """A violation line's head in colour: the position bold, the code by severity.

    Given the parts, not a printed line to parse: a file name that holds
    `:1:1: XX001 [error]` must not have its fake code coloured as a real one.
    """
    color = _RED if severity == "error" else _YELLOW
    return f"{_BOLD}{place}{_RESET} {color}{code}{_RESET} [{color}{severity}{_RESET}]"


def statistics(report: Report, fixable: Collection[FixKey] = NONE) -> str:
    """How many violations each rule found, most first: `  12  BT003  slug`.

    A rule with violations `--fix` would fix gets `[*]` after its slug.
    """
    return "".join(
        f"{row['count']:>6}  {row['code']}  {row['rule']}"
        f"{'  [*]' if row['fixable'] else ''}\n"
        for row in statistics_rows(report, fixable)
    )


def statistics_rows(
    report: Report, fixable: Collection[FixKey] = NONE
) -> list[dict[str, str | int]]:
    """Per rule, most first: its code, slug, count, and how many are fixable."""
    counts = Counter((v.code, v.rule) for v in report.violations)
    fixes = Counter(
        (v.code, v.rule) for v in report.violations if fix_key(v) in fixable
    )
    rows = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    return [
        {"code": code, "rule": slug, "count": count, "fixable": fixes[code, slug]}
        for (code, slug), count in rows
    ]


class Progress:
    """A one-line counter on standard error, for long runs on a terminal only.

    Nothing is drawn for the first second, so short runs (pre-commit's) stay
    silent; after that the line is redrawn at most five times a second.
    """

    def __init__(self, stream: IO[str] = sys.stderr) -> None:
        self.stream = stream
        self.started = time.monotonic()
        self.drawn = 0.0
        self.enabled = stream.isatty()

    def __call__(self, done: int, total: int) -> None:
        """Show `done` of `total` files, throttled."""
        now = time.monotonic()
        if not self.enabled or now - self.started < 1 or now - self.drawn < 0.2:  # noqa: PLR2004
            return
        self.drawn = now
        self.stream.write(f"\rchatapp-lint: {done:,}/{total:,} files")
        self.stream.flush()

    def close(self) -> None:
        """Erase the counter line if one was drawn."""
        if self.drawn:
            self.stream.write("\r\x1b[K")
            self.stream.flush()
