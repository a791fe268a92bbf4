"""`--jobs`: worker processes give the same report, in the same order, as one process."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from chatapp_lint import parallel
from chatapp_lint.engine import lint_paths

ROOT = Path(__file__).parent.parent
EXAMPLES = ROOT / "examples"

needs_fork = pytest.mark.skipif(not parallel.can_fork(), reason="workers are forked")


def _tree(directory: Path) -> Path:
    """Every example twice (duplicate names), and one content under two names."""
    shutil.copytree(EXAMPLES, directory / "first")
    shutil.copytree(EXAMPLES, directory / "second")
    (directory / "list.yaml").write_text(
        "- Name: a\n  Language: en\n  Category: UTILITY\n  TemplateType: WHATSAPP\n"
        "  Components: [{Type: BODY, Text: same words}]\n"
        "- Name: b\n  Language: en\n  Category: UTILITY\n  TemplateType: WHATSAPP\n"
        "  Components: [{Type: BODY, Text: same words}]\n",
        encoding="utf-8",
    )
    return directory


@needs_fork
@pytest.mark.parametrize("jobs", [2, 3, 0])
def test_workers_report_exactly_what_one_process_reports(
    tmp_path: Path, jobs: int
) -> None:
    tree = _tree(tmp_path)
    alone = lint_paths([tree], jobs=1)
    shared = lint_paths([tree], jobs=jobs)
    assert shared == alone
    codes = {v.code for v in alone}
    assert {"XF001", "XF002"} <= codes  # the positions workers send back are used
    assert all(v.line and v.column for v in alone)


@needs_fork
def test_progress_is_told_of_every_file_in_order(tmp_path: Path) -> None:
    tree = _tree(tmp_path)
    told: list[tuple[int, int]] = []
    report = lint_paths(
        [tree], jobs=2, progress=lambda done, total: told.append((done, total))
    )
    assert [done for done, _ in told] == list(range(1, report.files + 1))
    assert {total for _, total in told} == {report.files}


def test_standard_input_is_linted_by_this_process(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import io
    import sys

    template = json.loads((EXAMPLES / "templates" / "viber-image.json").read_text())
    data = json.dumps(template).encode("utf-8")
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))
    report = lint_paths([EXAMPLES / "templates", "-"], jobs=4)
    assert report.templates == len(list((EXAMPLES / "templates").iterdir())) + 1


@pytest.mark.parametrize(
    ("files", "most"),
    [(0, 1), (1, 1), (2 * parallel.FILES_PER_WORKER - 1, 1), (10_000, None)],
)
def test_auto_jobs_waits_for_enough_files(files: int, most: int | None) -> None:
    jobs = parallel.auto_jobs(files)
    assert jobs >= 1
    if most is not None:
        assert jobs <= most
    else:
        assert jobs == min(parallel.auto_jobs(10**9), jobs)


def test_positions_across_files_are_found_again_in_the_files(
    tmp_path: Path,
) -> None:
    # Nothing of a file is kept but what the checks compare: positions come from
    # reading the reported file again, in one process as with workers.
    for name in ("a.json", "b.json"):
        (tmp_path / name).write_text(
            '{\n  "Language": "en",\n    "Name": "same"\n}\n', encoding="utf-8"
        )
    for jobs in (1, 2):
        (found,) = [v for v in lint_paths([tmp_path], jobs=jobs) if v.code == "XF001"]
        assert (found.file, found.line, found.column) == (
            str(tmp_path / "b.json"),
            3,
            13,
        )


def test_standard_input_keeps_its_positions_for_checks_across_templates() -> None:
    # Standard input cannot be read twice: its source map is kept.
    text = "- Name: a\n  Language: en\n- Name: a\n  Language: en\n"
    done = subprocess.run(
        [sys.executable, "-m", "chatapp_lint", "--format", "json", "-"],
        input=text,
        capture_output=True,
        text=True,
        check=False,
    )
    violations = json.loads(done.stdout)["violations"]
    (found,) = [v for v in violations if v["code"] == "XF001"]
    assert (found["line"], found["column"], found["template"]) == (3, 9, 1)


def _children(pid: int) -> list[int]:
    """The processes whose parent is `pid` (Linux /proc)."""
    found = []
    for status in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = status.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            found.append(int(status.parent.name))
    return found


@needs_fork
@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="Linux /proc")
def test_workers_blocked_on_a_fifo_die_with_a_killed_parent(tmp_path: Path) -> None:
    import os
    import signal
    import subprocess
    import sys
    import threading
    import time
    from typing import Any

    tree = tmp_path / "tree"
    tree.mkdir()
    clean = (EXAMPLES / "templates" / "viber-image.json").read_text(encoding="utf-8")
    for index in range(4 * parallel.FILES_PER_WORKER):
        (tree / f"t{index:04}.json").write_text(clean, encoding="utf-8")
    gate = tree / "t0100-gate.json"
    os.mkfifo(gate)
    writers: list[Any] = []
    # A writer that never writes: the worker reading the FIFO blocks for ever.
    holder = threading.Thread(
        target=lambda: writers.append(gate.open("wb")), daemon=True
    )
    holder.start()
    # Named on the command line, the FIFO is read (a walk would never open it).
    process = subprocess.Popen(
        [sys.executable, "-m", "chatapp_lint", "--jobs", "2", str(tree), str(gate)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 30
        workers: list[int] = []
        while time.monotonic() < deadline and len(workers) < 2:
            time.sleep(0.1)
            workers = _children(process.pid)
        assert len(workers) >= 2, "the workers never started"
        time.sleep(0.5)  # one of them is now blocked on the FIFO
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=10)
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline and any(
            Path(f"/proc/{pid}").exists() for pid in workers
        ):
            time.sleep(0.1)
        assert not any(Path(f"/proc/{pid}").exists() for pid in workers)
    finally:
        process.kill()
        for pid in _children(process.pid):
            os.kill(pid, signal.SIGKILL)
        if not writers:  # release the thread still waiting for a reader
            os.close(os.open(gate, os.O_RDONLY | os.O_NONBLOCK))
        holder.join(timeout=5)
        for writer in writers:
            writer.close()
