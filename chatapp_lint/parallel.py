"""Lint files in worker processes (`--jobs`), handing the results back in file order.

Workers are forked, so they start with the rules already imported and the
selection already built: nothing but file names and results crosses between
processes. Where forking is not how Python starts processes safely (Windows,
macOS), files are linted one after another in this process instead.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterator, Sequence
from typing import TYPE_CHECKING, Final, TypeVar

if TYPE_CHECKING:
    from concurrent.futures import ProcessPoolExecutor

# multiprocessing and concurrent.futures are imported only when workers start:
# a run of a few files (pre-commit's) never pays for them.

FILES_PER_WORKER: Final = 50
"""Starting a worker costs about as much as linting this many files."""

_Result = TypeVar("_Result")


def _not_started(entry: str, name: str) -> object:
    raise RuntimeError("not a worker process")


_work: Callable[[str, str], object] = _not_started
"""In a worker: what to do with each file (given when the worker was forked)."""


def auto_jobs(files: int) -> int:
    """One worker per usable core, once there are enough files to repay starting them."""
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else None
    return max(1, min(cores or os.cpu_count() or 1, files // FILES_PER_WORKER))


def can_fork() -> bool:
    """Whether worker processes can be forked here."""
    import multiprocessing

    return sys.platform not in {"win32", "darwin"} and (
        "fork" in multiprocessing.get_all_start_methods()
    )


def in_order(
    work: Callable[[str, str], _Result],
    entries: Sequence[str],
    names: Sequence[str],
    jobs: int,
) -> Iterator[_Result]:
    """`work(entry, name)` for each file, spread over `jobs` forked workers, in order."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    context = multiprocessing.get_context("fork")
    chunk = max(1, min(64, len(entries) // (jobs * 8)))
    # Forked, the workers get `work` as it is in memory: a closure is never pickled.
    pool = ProcessPoolExecutor(
        jobs, mp_context=context, initializer=_start_worker, initargs=(work,)
    )
    try:
        results: Iterator[_Result] = pool.map(_call, entries, names, chunksize=chunk)  # type: ignore[arg-type]
        yield from results
    except BaseException:
        # Ctrl-C, a worker that died, a crash: stop the workers now rather than
        # wait, since one may be blocked for ever reading a file (a FIFO, say).
        _stop_workers(pool)
        raise
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def _stop_workers(pool: ProcessPoolExecutor) -> None:
    terminate = getattr(pool, "terminate_workers", None)  # Python 3.14 and later
    if terminate is not None:
        terminate()
        return
    # Before 3.14 the executor offers no way to stop a busy worker but its
    # process table; it is stable across 3.11-3.13.
    processes = getattr(pool, "_processes", None) or {}
    for process in list(processes.values()):
        process.terminate()


def _start_worker(work: Callable[[str, str], object]) -> None:
    import signal

    global _work  # noqa: PLW0603 - one per worker process, set once as it starts
    _work = work
    # Ctrl-C reaches the whole process group: the parent reports it, once.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _die_with_parent()


def _die_with_parent() -> None:
    """On Linux, end this worker when the parent dies, however it dies.

    An idle worker notices anyway (its queue closes); one blocked reading a file
    (a FIFO) would otherwise outlive a parent killed by SIGKILL or SIGTERM.
    """
    if not sys.platform.startswith("linux"):
        return
    import ctypes
    import signal

    set_parent_death_signal = 1  # PR_SET_PDEATHSIG, from <linux/prctl.h>
    libc = ctypes.CDLL(None, use_errno=True)
    libc.prctl(set_parent_death_signal, signal.SIGKILL)


def _call(entry: str, name: str) -> object:
    return _work(entry, name)
