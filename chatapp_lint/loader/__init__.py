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
from pathlib import Path
from typing import Literal

import attrs

from chatapp_lint.loader.inline import disabled_lines
from chatapp_lint.loader.json_source import load_json
from chatapp_lint.loader.limits import MAX_FILE_BYTES
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


def load_path(path: Path, name: str | None = None) -> Document:
    """Read and load a file; its suffix says JSON or YAML, else its first character.

    `-` reads standard input. A file larger than the limit is not read whole.
    `name`, when given, is the name whose suffix chooses the format (for standard
    input under `--stdin-filename`).
    """
    try:
        data = _read(path)
    except (OSError, ValueError) as error:  # ValueError: a NUL byte in the name
        reason = getattr(error, "strerror", None) or str(error) or type(error).__name__
        return failed("FL001", f"The file cannot be read: {reason}.")
    if data is None:
        return failed("FL009", _TOO_LARGE)
    suffix = Path(name).suffix if name else path.suffix
    kind = _SUFFIXES.get(suffix.lower()) or sniff_kind(data)
    return load_bytes(data, kind)


def _read(path: Path) -> bytes | None:
    """The file's bytes, or None when it is larger than the limit."""
    if str(path) == STDIN:
        data = sys.stdin.buffer.read(MAX_FILE_BYTES + 1)
    else:
        # Opened without blocking: opening a named pipe (a FIFO called x.json in a
        # linted folder) would otherwise wait forever for a writer. Reads block
        # again, so a pipe that has a writer is read to its end like a file.
        descriptor = os.open(path, os.O_RDONLY | _NONBLOCK)
        with os.fdopen(descriptor, "rb") as stream:
            if _NONBLOCK:
                os.set_blocking(descriptor, True)
            # A regular file's size is known without reading it; a pipe's is not,
            # so reading stops one byte past the limit.
            size = _size(descriptor)
            if size is not None and size > MAX_FILE_BYTES:
                return None
            data = stream.read(MAX_FILE_BYTES + 1)
    return None if len(data) > MAX_FILE_BYTES else data


def _size(descriptor: int) -> int | None:
    status = os.fstat(descriptor)
    return status.st_size if stat.S_ISREG(status.st_mode) else None


__all__ = [
    "STDIN",
    "Document",
    "FileProblem",
    "Kind",
    "SourceMap",
    "load_bytes",
    "load_path",
    "sniff_kind",
]
