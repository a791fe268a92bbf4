"""`send` sends the very reading it linted: a file swapped afterwards changes nothing.

Both tests change real files under a real run (a named pipe that gives other
bytes on a second opening, and a writer renaming files over the path), and look
at what the fake service received.
"""

from __future__ import annotations

import json
import os
import threading
import time
from pathlib import Path
from typing import Any

import pytest

from chatapp_lint.sender import DirtyTemplateError, Settings, Status, send
from tests.sender.fake_cams import CREATE, FakeCams

pytestmark = [
    pytest.mark.usefixtures("credentials"),
    pytest.mark.skipif(not Path("/proc/self/task").is_dir(), reason="Linux /proc"),
]

DIRTY_NAME = "Dirty Name!"  # NM001: a Name is lowercase letters, digits and _


def _dirty(template: dict[str, Any]) -> dict[str, Any]:
    return {**template, "Name": DIRTY_NAME}


def _sent_names(fake: FakeCams) -> list[str]:
    return [r.params["Name"] for r in fake.of(CREATE)]


def test_a_pipe_giving_other_bytes_on_a_second_opening_is_read_once(
    fake: FakeCams, settings: Settings, utility: dict[str, Any], tmp_path: Path
) -> None:
    pipe = tmp_path / "generated.json"
    os.mkfifo(pipe)
    readings = [json.dumps(utility).encode(), json.dumps(_dirty(utility)).encode()]

    writer_ids: list[int] = []
    finished = threading.Event()

    def generator() -> None:  # each opening of the pipe gets the next reading
        writer_ids.append(threading.get_native_id())
        for data in readings:
            with pipe.open("wb") as stream:
                stream.write(data)
            _wait_until_the_reader_is_gone(pipe, finished)

    writer = threading.Thread(target=generator, daemon=True)
    writer.start()
    _wait_until_waiting_for_a_reader(writer_ids)
    try:
        (outcome,) = send([pipe], settings).outcomes
    finally:
        # Release the generator if it still waits for a second reader.
        finished.set()
        release = os.open(pipe, os.O_RDONLY | os.O_NONBLOCK)
        writer.join(5)
        os.close(release)
    assert outcome.status is Status.CREATED
    assert _sent_names(fake) == [utility["Name"]]


def _wait_until_waiting_for_a_reader(thread_ids: list[int]) -> None:
    """Return once the writer sits in open(), so that the first reading is whole."""
    deadline = time.monotonic() + 5
    while time.monotonic() < deadline:
        if thread_ids:
            wchan = Path(f"/proc/self/task/{thread_ids[0]}/wchan")
            if wchan.read_text(encoding="ascii") == "wait_for_partner":
                return
        time.sleep(0.001)
    pytest.fail("the writer never opened the pipe")


def _wait_until_the_reader_is_gone(pipe: Path, finished: threading.Event) -> None:
    """Opening for writing without blocking fails (ENXIO) once nobody reads."""
    deadline = time.monotonic() + 5
    while time.monotonic() < deadline and not finished.is_set():
        try:
            os.close(os.open(pipe, os.O_WRONLY | os.O_NONBLOCK))
        except OSError:
            return
        time.sleep(0.0005)


def test_a_file_renamed_over_during_the_run_never_gets_its_dirty_version_sent(
    fake: FakeCams, settings: Settings, utility: dict[str, Any], tmp_path: Path
) -> None:
    path = tmp_path / "template.json"
    versions = [json.dumps(utility), json.dumps(_dirty(utility))]
    path.write_text(versions[0], encoding="utf-8")
    stop = threading.Event()

    def swapper() -> None:  # a generator rewriting the file atomically, again and again
        turn = 0
        while not stop.is_set():
            turn += 1
            staged = tmp_path / f"staged-{turn % 2}.json"
            staged.write_text(versions[turn % 2], encoding="utf-8")
            staged.replace(path)

    thread = threading.Thread(target=swapper, daemon=True)
    thread.start()
    outcomes: list[Status] = []
    try:
        for _ in range(100):
            fake.templates.clear()
            try:
                (outcome,) = send([path], settings).outcomes
            except DirtyTemplateError:
                outcomes.append(Status.FAILED)
            else:
                outcomes.append(outcome.status)
    finally:
        stop.set()
        thread.join(5)
    assert DIRTY_NAME not in _sent_names(fake)
    assert Status.CREATED in outcomes  # the clean version did go out
