"""Expand command-line paths into the template files to lint, in a stable order."""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Final

SUFFIXES: Final = frozenset({".json", ".yaml", ".yml"})
STDIN: Final = "-"


def expand(paths: Iterable[str | Path]) -> Iterator[str]:
    """Each file to lint, as the name reports will show.

    A file named on the command line is linted whatever its name; a directory
    means every `*.json`, `*.yaml` and `*.yml` below it, recursively, in sorted
    order, skipping hidden directories. `-` stands for standard input. A path
    that does not exist is yielded as it is: reading it reports the problem.
    """
    for path in paths:
        text = str(path)
        if text != STDIN and Path(text).is_dir():
            yield from _walk(text)
        else:
            yield text


def _walk(top: str) -> Iterator[str]:
    found: list[tuple[tuple[str, ...], str]] = []

    def unreadable(error: OSError) -> None:
        # Yielded like a file, so that reading it reports why it cannot be read;
        # normalised like the files found, so `./locked` reads `locked`.
        name = os.path.normpath(str(error.filename or top))
        found.append((Path(name).parts, name))

    # os.walk does not follow directory symlinks, so a symlink loop cannot trap it.
    for directory, subdirs, files in os.walk(top, onerror=unreadable):
        subdirs[:] = [name for name in subdirs if not name.startswith(".")]
        for name in files:
            if Path(name).suffix.lower() in SUFFIXES:
                # Plain strings keep the user's spelling of the path they gave.
                path = os.path.normpath(os.path.join(directory, name))  # noqa: PTH118
                found.append((Path(path).parts, path))
    for _, path in sorted(found):
        yield path
