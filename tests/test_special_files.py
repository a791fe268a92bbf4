"""Devices, FIFOs and sockets: never opened in a walk, read with bounds when named."""

from __future__ import annotations

import os
import socket
import threading
import time
from pathlib import Path

import pytest

from chatapp_lint import loader
from chatapp_lint.engine import lint_paths
from chatapp_lint.loader import load_path

pytestmark = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="POSIX files")


def _codes(tree: Path) -> dict[str, set[str]]:
    report = lint_paths([tree])
    found: dict[str, set[str]] = {}
    for v in report.violations:
        found.setdefault(Path(v.file or "").name, set()).add(v.code)
    return found


def test_a_walk_reports_special_files_without_opening_them(tmp_path: Path) -> None:
    (tmp_path / "zero.json").symlink_to("/dev/zero")  # was read to 64 MiB each
    (tmp_path / "null.yaml").symlink_to("/dev/null")
    (tmp_path / "tty.yaml").symlink_to("/dev/tty")  # blocked pre-commit on a terminal
    fifo = tmp_path / "fifo.json"
    os.mkfifo(fifo)
    with socket.socket(socket.AF_UNIX) as server:
        server.bind(str(tmp_path / "socket.yaml"))
    # A writer that waits for a reader: it is released only if the FIFO is opened.
    opened = threading.Event()

    def writer() -> None:
        with fifo.open("wb"):
            opened.set()

    thread = threading.Thread(target=writer, daemon=True)
    thread.start()
    started = time.monotonic()
    try:
        codes = _codes(tmp_path)
        elapsed = time.monotonic() - started
        was_opened = opened.wait(timeout=0.2)
    finally:
        if not opened.is_set():
            os.close(os.open(fifo, os.O_RDONLY | os.O_NONBLOCK))
        thread.join(timeout=5)
    assert elapsed < 5
    assert not was_opened
    for name in ("zero.json", "null.yaml", "tty.yaml", "fifo.json", "socket.yaml"):
        assert codes[name] == {"FL001"}, name


def test_the_walk_finding_says_what_the_file_is(tmp_path: Path) -> None:
    (tmp_path / "zero.json").symlink_to("/dev/zero")
    os.mkfifo(tmp_path / "fifo.json")
    messages = {
        Path(v.file or "").name: v.message for v in lint_paths([tmp_path]).violations
    }
    assert messages["zero.json"] == (
        "The file is a character device, not a regular file: not read."
    )
    assert "a FIFO" in messages["fifo.json"]


def test_a_named_device_is_read_up_to_the_size_limit(tmp_path: Path) -> None:
    (tmp_path / "zero.json").symlink_to("/dev/zero")
    (problem,) = load_path(tmp_path / "zero.json").problems
    assert problem.code == "FL009"


def test_a_named_fifo_without_a_writer_reads_as_empty(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "fifo.json")
    (problem,) = load_path(tmp_path / "fifo.json").problems
    assert problem.code == "FL005"


def test_a_named_fifo_whose_writer_stays_silent_is_given_up(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(loader, "MAX_READ_SECONDS", 0.5)
    fifo = tmp_path / "fifo.json"
    os.mkfifo(fifo)
    descriptor = os.open(fifo, os.O_RDWR)  # a writer that never writes nor closes
    try:
        started = time.monotonic()
        (problem,) = load_path(fifo).problems
        assert time.monotonic() - started < 5
    finally:
        os.close(descriptor)
    assert problem.code == "FL001"
    assert "did not end within 0.5 s" in problem.message


def test_a_named_fifo_is_read_to_its_end(tmp_path: Path) -> None:
    fifo = tmp_path / "fifo.json"
    os.mkfifo(fifo)

    def writer() -> None:
        with fifo.open("w", encoding="utf-8") as stream:
            stream.write('{"Name": 1}')

    thread = threading.Thread(target=writer, daemon=True)
    thread.start()
    time.sleep(0.1)
    document = load_path(fifo)
    thread.join(timeout=5)
    assert document.value == {"Name": 1}
