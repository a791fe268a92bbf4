"""The `--report` file: one JSON line per outcome, durable as soon as it is known.

The file must be a regular file (a FIFO would block, `/dev/zero` never ends),
and one `send` run holds it at a time: an exclusive lock, taken before the
earlier records are read, keeps a second run from sending what the first is
sending. Each line is written whole (a short write is continued) on a file
opened for appending, then flushed to disk with `fsync`, so Ctrl-C or a crash
leaves every finished line intact. Reading back ignores a line cut short, and
a re-run skips the templates the file says the service holds.
"""

from __future__ import annotations

import fcntl
import json
import os
import stat
from pathlib import Path
from typing import Any

from chatapp_lint.sender.errors import SenderError
from chatapp_lint.sender.outcome import Outcome, Status

Key = tuple[str, str, str]
"""Space, name and language: what identifies a template to the service."""

_CHUNK = 1 << 20


class ReportInUseError(SenderError):
    """Another `send` run holds the report file."""


class JournalWriteError(Exception):
    """A line could not be added to the report (a full disk, a size limit)."""

    def __init__(self, reason: str) -> None:
        self.reason = reason
        super().__init__(reason)


class Journal:
    """An open, locked report file: what earlier runs recorded, and where to add lines."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._latest: dict[Key, dict[str, Any]] = {}
        self._done: dict[Key, dict[str, Any]] = {}
        # Without blocking: opening a FIFO for writing would wait for a reader.
        flags = os.O_RDWR | os.O_APPEND | os.O_CREAT | os.O_NONBLOCK | os.O_CLOEXEC
        self._fd = os.open(path, flags, 0o644)
        try:
            self._claim()
        except BaseException:
            self.close()
            raise

    def _claim(self) -> None:
        """Check it is a regular file, lock it, and read what earlier runs wrote."""
        if not stat.S_ISREG(os.fstat(self._fd).st_mode):
            raise SenderError(
                f"the report file {self.path} is not a regular file; nothing was sent."
            )
        try:
            fcntl.flock(self._fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise ReportInUseError(
                f"the report file {self.path} is in use by another send run; "
                "nothing was sent."
            ) from None
        os.set_blocking(self._fd, True)
        if self._read():  # a crash cut the last line short: start a fresh one
            self._write(b"\n")

    def done(self, key: Key) -> dict[str, Any] | None:
        """The record saying the service holds this template, if any."""
        return self._done.get(key)

    def uncertain(self, key: Key) -> bool:
        """Whether the last record leaves it open whether the template was created."""
        latest = self._latest.get(key)
        return latest is not None and Status(latest["status"]).uncertain

    def append(self, outcome: Outcome) -> None:
        """Add one line for the outcome and make it durable before returning.

        Raises:
            JournalWriteError: the line could not be written (a full disk, a
                size limit).
        """
        record = outcome.to_record()
        line = _inert(json.dumps(record, ensure_ascii=False, sort_keys=False)) + "\n"
        try:
            self._write(line.encode("utf-8"))
            os.fsync(self._fd)
        except OSError as error:
            raise JournalWriteError(error.strerror or type(error).__name__) from None
        self._remember(record)

    def close(self) -> None:
        """Close the file, which releases the lock (every line is already on disk)."""
        if self._fd >= 0:
            os.close(self._fd)
            self._fd = -1

    def _write(self, data: bytes) -> None:
        view = memoryview(data)
        while view:
            view = view[os.write(self._fd, view) :]

    def _read(self) -> bool:
        """Load earlier records; returns whether the file lacks a final newline."""
        chunks = []
        offset = 0
        while chunk := os.pread(self._fd, _CHUNK, offset):
            chunks.append(chunk)
            offset += len(chunk)
        text = b"".join(chunks).decode("utf-8", errors="replace")
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


def _inert(line: str) -> str:
    """JSON text with every non-printable character escaped (bidi overrides too).

    `json.dumps` escapes control characters below U+0020 but keeps DEL, C1
    controls and format characters raw; a `cat` of the report would obey them.
    """
    if line.isprintable():
        return line
    return "".join(c if c.isprintable() else json.dumps(c)[1:-1] for c in line)


def _parse(line: str) -> dict[str, Any] | None:
    """A well-formed record, or None for a blank, cut-short or foreign line."""
    try:
        record = json.loads(line)
    except (ValueError, RecursionError):  # RecursionError: nested thousands deep
        return None
    if not isinstance(record, dict):
        return None
    if not all(isinstance(record.get(k), str) for k in ("name", "language", "status")):
        return None
    if record["status"] not in {status.value for status in Status}:
        return None
    space = record.get("space_id")
    if space is not None and not isinstance(space, str):
        return None
    return record
