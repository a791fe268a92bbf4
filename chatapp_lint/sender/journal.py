"""The `--report` file: one JSON line per outcome, durable as soon as it is known.

Each line is written with a single `write` on a file opened for appending, then
flushed to disk with `fsync`, so Ctrl-C or a crash leaves every finished line
intact. Reading back ignores a line cut short by a crash, and a re-run skips
the templates the file says the service holds.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from chatapp_lint.sender.outcome import Outcome, Status

Key = tuple[str, str, str]
"""Space, name and language: what identifies a template to the service."""


class Journal:
    """An open report file: what earlier runs recorded, and where to add lines."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._latest: dict[Key, dict[str, Any]] = {}
        self._done: dict[Key, dict[str, Any]] = {}
        needs_newline = self._read()
        self._fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
        if needs_newline:  # a crash cut the last line short: start a fresh one
            os.write(self._fd, b"\n")

    def done(self, key: Key) -> dict[str, Any] | None:
        """The record saying the service holds this template, if any."""
        return self._done.get(key)

    def uncertain(self, key: Key) -> bool:
        """Whether the last record leaves it open whether the template was created."""
        latest = self._latest.get(key)
        return latest is not None and Status(latest["status"]).uncertain

    def append(self, outcome: Outcome) -> None:
        """Add one line for the outcome and make it durable before returning."""
        record = outcome.to_record()
        line = json.dumps(record, ensure_ascii=False, sort_keys=False) + "\n"
        os.write(self._fd, line.encode("utf-8"))
        os.fsync(self._fd)
        self._remember(record)

    def close(self) -> None:
        """Close the file (every line is already on disk)."""
        if self._fd >= 0:
            os.close(self._fd)
            self._fd = -1

    def _read(self) -> bool:
        """Load earlier records; returns whether the file lacks a final newline."""
        try:
            text = self.path.read_text(encoding="utf-8", errors="replace")
        except FileNotFoundError:
            return False
        for line in text.splitlines():
            record = _parse(line)
            if record is not None:
                self._remember(record)
        return bool(text) and not text.endswith("\n")

    def _remember(self, record: dict[str, Any]) -> None:
        key: Key = (record.get("space_id") or "", record["name"], record["language"])
        self._latest[key] = record
        if Status(record["status"]).done:
            self._done.setdefault(key, record)


def _parse(line: str) -> dict[str, Any] | None:
    """A well-formed record, or None for a blank, cut-short or foreign line."""
    try:
        record = json.loads(line)
    except ValueError:
        return None
    if not isinstance(record, dict):
        return None
    if not all(isinstance(record.get(k), str) for k in ("name", "language", "status")):
        return None
    if record["status"] not in {status.value for status in Status}:
        return None
    return record
