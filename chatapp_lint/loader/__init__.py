"""Read template files into plain values, with a source map and file-level problems.

Any input gives a `Document`: a file that cannot be read, decoded or parsed
yields a problem with a code (FL001-FL011), never an exception. The limits that
protect the linter from hostile files are in `chatapp_lint.loader.limits`.
"""

from __future__ import annotations

import codecs
import os
import stat
import sys
import time
from typing import Literal

import attrs

from chatapp_lint.loader.inline import disabled_lines
from chatapp_lint.loader.json_source import load_json
from chatapp_lint.loader.limits import MAX_FILE_BYTES, MAX_READ_SECONDS
from chatapp_lint.loader.sourcemap import (
    Document,
    FileProblem,
    SourceMap,
    failed,
    text_position,
)

Kind = Literal["json", "yaml"]
"""The two formats a template file can be written in."""

STDIN = "-"
"""The path that stands for standard input."""

_SUFFIXES: dict[str, Kind] = {".json": "json", ".yaml": "yaml", ".yml": "yaml"}
_TOO_LARGE = f"The file is over {MAX_FILE_BYTES // (1024 * 1024)} MiB and is not read."
_BLANK = "The file is empty: it holds nothing but blank space, if anything."
_JSON_WHITESPACE = b" \t\r\n"
_NONBLOCK: int = getattr(os, "O_NONBLOCK", 0)  # POSIX only; Windows has no FIFOs
_NOCTTY: int = getattr(os, "O_NOCTTY", 0)  # a terminal opened never becomes ours


def sniff_kind(data: bytes) -> Kind:
    """The format of unnamed input: JSON if it starts with `{` or `[`, else YAML.

    Leading whitespace and a UTF-8 byte-order mark are skipped.
    """
    start = data.removeprefix(codecs.BOM_UTF8).lstrip(_JSON_WHITESPACE)[:1]
    return "json" if start in (b"{", b"[") else "yaml"


def load_bytes(data: bytes, kind: Kind) -> Document:
    """Decode and parse a file's content as JSON or YAML."""
    if len(data) > MAX_FILE_BYTES:
        return failed("FL009", _TOO_LARGE)
    data = data.removeprefix(codecs.BOM_UTF8)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        # The prefix before the first bad byte decodes, so its lines can be counted.
        where = text_position(data[: error.start].decode("utf-8"))
        byte = data[error.start]
        return failed("FL002", f"The file is not UTF-8 (byte 0x{byte:02x}).", where)
    if not text.strip(" \t\r\n"):
        return failed("FL005", _BLANK)
    if kind == "json":
        return load_json(text)
    # PyYAML is imported only for YAML files: a JSON run never pays for it.
    from chatapp_lint.loader.yaml_source import load_yaml

    document = load_yaml(text)
    disabled = disabled_lines(text)
    return attrs.evolve(document, disabled=disabled) if disabled else document


def load_path(
    path: str | os.PathLike[str], name: str | None = None, *, walked: bool = False
) -> Document:
    """Read and load a file; its suffix says JSON or YAML, else its first character.

    `-` reads standard input. A file larger than the limit is not read whole.
    `name`, when given, is the name whose suffix chooses the format (for standard
    input under `--stdin-filename`). A file found by a directory walk
    (`walked`) is read only if it is a regular file: a device, FIFO or socket
    (or a link to one) there is reported and never opened. One named itself
    that is not regular is read up to the size limit and for at most
    `MAX_READ_SECONDS`.
    """
    if walked and os.fspath(path) != STDIN:
        kind = special_kind(path)
        if kind is not None:
            return failed("FL001", f"The file is {kind}, not a regular file: not read.")
    try:
        data = _read(path)
    except TimeoutError:  # before OSError, of which it is one
        message = f"The file is not a regular file and did not end within {MAX_READ_SECONDS:g} s."
        return failed("FL001", message)
    except (OSError, ValueError) as error:  # ValueError: a NUL byte in the name
        reason = getattr(error, "strerror", None) or str(error) or type(error).__name__
        return failed("FL001", f"The file cannot be read: {reason}.")
    if data is None:
        return failed("FL009", _TOO_LARGE)
    suffix = _suffix(name or os.fspath(path))
    kind = _SUFFIXES.get(suffix.lower()) or sniff_kind(data)
    return load_bytes(data, kind)


def _suffix(path: str) -> str:
    """The last suffix of the path's name, as `pathlib.PurePath.suffix` gives it.

    `.json` of `a.b.json`; none of `.json`, a hidden file's name without one.
    """
    # Not pathlib itself: its import costs a one-file run more than the file.
    parts = path.replace(os.altsep or os.sep, os.sep).split(os.sep)  # noqa: PTH206
    name = next((part for part in reversed(parts) if part not in {"", "."}), "")
    dot = name.rfind(".")
    return name[dot:] if 0 < dot < len(name) - 1 else ""


def _read(path: str | os.PathLike[str]) -> bytes | None:
    """The file's bytes, or None when it is larger than the limit."""
    if os.fspath(path) == STDIN:
        data = sys.stdin.buffer.read(MAX_FILE_BYTES + 1)
    else:
        # Opened without blocking: opening a named pipe (a FIFO called x.json in a
        # linted folder) would otherwise wait forever for a writer. Reads block
        # again, so a pipe that has a writer is read to its end like a file.
        descriptor = os.open(path, os.O_RDONLY | _NONBLOCK | _NOCTTY)
        with os.fdopen(descriptor, "rb") as stream:
            status = os.fstat(descriptor)
            if not stat.S_ISREG(status.st_mode):
                # A pipe, a terminal or a device: its size is unknown and a
                # read may never end, so both are bounded.
                data = _read_bounded(descriptor)
            elif status.st_size > MAX_FILE_BYTES:
                return None
            else:
                if _NONBLOCK:
                    os.set_blocking(descriptor, True)
                # Asked for its size and one byte more, not for the limit: a read
                # of n bytes sets n bytes aside first, and the limit is megabytes.
                data = stream.read(status.st_size + 1)
                if len(data) > status.st_size:  # it grew since: read on, bounded
                    data += stream.read(MAX_FILE_BYTES + 1 - len(data))
    return None if len(data) > MAX_FILE_BYTES else data


def special_kind(path: str | os.PathLike[str]) -> str | None:
    """What a path that is not a regular file is ("a FIFO"...), found without opening it.

    A symbolic link is followed; a path that cannot be examined is None, so
    that reading it reports why.
    """
    try:
        mode = os.stat(path).st_mode  # noqa: PTH116 - pathlib costs start-up
    except (OSError, ValueError):
        return None
    for test, kind in _SPECIAL_KINDS:
        if test(mode):
            return kind
    return None


_SPECIAL_KINDS = (
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISFIFO, "a FIFO (named pipe)"),
    (stat.S_ISSOCK, "a socket"),
)


def _read_bounded(descriptor: int) -> bytes:
    """Up to one byte past the size limit, within `MAX_READ_SECONDS`.

    The descriptor is non-blocking: a FIFO without a writer reads as empty at
    once, and a terminal or a silent writer is waited for until the deadline.

    Raises:
        TimeoutError: the time ran out before the end of the data.
    """
    import select  # here: only a FIFO, a terminal or a device is read this way

    deadline = time.monotonic() + MAX_READ_SECONDS
    chunks: list[bytes] = []
    size = 0
    while size <= MAX_FILE_BYTES:
        try:
            chunk = os.read(descriptor, min(1 << 20, MAX_FILE_BYTES + 1 - size))
        except BlockingIOError:
            left = deadline - time.monotonic()
            if left <= 0:
                raise TimeoutError from None
            select.select([descriptor], [], [], left)
            continue
        if not chunk:
            break
        chunks.append(chunk)
        size += len(chunk)
    return b"".join(chunks)


__all__ = [
    "STDIN",
    "Document",
    "FileProblem",
    "Kind",
    "SourceMap",
    "load_bytes",
    "load_path",
    "sniff_kind",
    "special_kind",
]
