"""Configuration: `[tool.chatapp-lint]` in pyproject.toml, or `.chatapp-lint.toml`.

The nearest file from the working directory upward wins (in one directory,
`.chatapp-lint.toml` before `pyproject.toml`); `--config FILE` names one outright.
Options given on the command line override the file's.
"""

from __future__ import annotations

import fnmatch
import re
from collections.abc import Iterable, Mapping
from pathlib import Path, PurePosixPath
from typing import Any, Final

import attrs

from chatapp_lint.model import Severity, Violation

DEDICATED: Final = ".chatapp-lint.toml"
PYPROJECT: Final = "pyproject.toml"
FAIL_ON: Final = ("error", "warning")
_LIST_KEYS: Final = ("select", "extend-select", "ignore")
_KEYS: Final = frozenset(
    {*_LIST_KEYS, "per-file-ignores", "severity", "fail-on", "space-id"}
)


class ConfigError(Exception):
    """A configuration file that cannot be used, with where and why."""

    def __init__(self, path: Path, message: str, line: int | None = None) -> None:
        self.path, self.line = path, line
        where = f"{path}:{line}" if line else str(path)
        super().__init__(f"{where}: {message}")


@attrs.frozen
class Ignore:
    """Codes silenced for files matching a glob, optionally below one pointer."""

    glob: str
    pointer: str | None
    codes: tuple[str, ...]

    def silences(self, violation: Violation) -> bool:
        """Whether this entry silences the violation."""
        if not _matches_file(violation.file or "", self.glob):
            return False
        if self.pointer is not None and not _below(violation.pointer, self.pointer):
            return False
        return any(names(violation, code) for code in self.codes)


@attrs.frozen
class Config:
    """Everything the configuration can say; the defaults are no file at all."""

    source: Path | None = None
    select: tuple[str, ...] | None = None
    extend_select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    per_file_ignores: tuple[Ignore, ...] = ()
    severity: Mapping[str, Severity] = attrs.field(factory=dict)
    fail_on: str = "error"
    space_id: str | None = None
    text: str = attrs.field(default="", repr=False)

    def line_of(self, value: str) -> int | None:
        """The line of the file where a quoted value (or a key) first appears, for messages."""
        for quote in ('"', "'"):
            index = self.text.find(f"{quote}{value}{quote}")
            if index != -1:
                return self.text.count("\n", 0, index) + 1
        return _line_of(self.text, value)

    def named_codes(self) -> list[str]:
        """Every rule pattern the file names: selections, per-file ignores and severities."""
        ignored = [code for entry in self.per_file_ignores for code in entry.codes]
        return [
            *(self.select or ()),
            *self.extend_select,
            *self.ignore,
            *ignored,
            *self.severity,
        ]

    def silenced(self, violation: Violation) -> bool:
        """Whether a per-file or per-pointer ignore covers the violation."""
        return any(entry.silences(violation) for entry in self.per_file_ignores)


def discover(start: Path) -> Path | None:
    """The configuration file that applies to `start`: the nearest one upward."""
    for directory in (start, *start.parents):
        dedicated = directory / DEDICATED
        if dedicated.is_file():
            return dedicated
        pyproject = directory / PYPROJECT
        if pyproject.is_file() and _has_section(pyproject):
            return pyproject
    return None


def load(path: Path) -> Config:
    """Read and check one configuration file; `ConfigError` says what is wrong."""
    text = _read(path)
    import tomllib  # here: most runs have no configuration to parse

    try:
        document = tomllib.loads(text)
    except RecursionError:  # tomllib recurses once per nested array or table
        raise ConfigError(path, "is nested too deeply to be read") from None
    except tomllib.TOMLDecodeError as error:
        match = re.search(r"\(at line (\d+), column \d+\)", str(error))
        line = _int(match) or text.count("\n") + 1  # "at end of document"
        raise ConfigError(path, f"is not valid TOML: {error}", line) from None
    table = document if path.name != PYPROJECT else _tool_table(document)
    return _parse(path, text, table)


MAX_CONFIG_BYTES: Final = 1024 * 1024
"""Largest configuration file read; real ones are a few hundred bytes."""


def _read(path: Path) -> str:
    """The file's text: a regular file of at most `MAX_CONFIG_BYTES`, in UTF-8."""
    try:
        with path.open("rb") as stream:
            if not path.is_file():
                raise ConfigError(path, "is not a regular file")
            data = stream.read(MAX_CONFIG_BYTES + 1)
        if len(data) > MAX_CONFIG_BYTES:
            raise ConfigError(path, f"is larger than {MAX_CONFIG_BYTES // 1024} KiB")
        return data.decode("utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise ConfigError(path, f"cannot be read ({error})") from None


def _parse(path: Path, text: str, table: Mapping[str, Any]) -> Config:
    def fail(key: str, message: str) -> ConfigError:
        return ConfigError(path, message, _line_of(text, key))

    unknown = sorted(set(table) - _KEYS)
    if unknown:
        raise fail(
            unknown[0],
            f"unknown option {unknown[0]!r} (options: {', '.join(sorted(_KEYS))})",
        )
    lists = {key: _codes(table, key, fail) for key in _LIST_KEYS if key in table}
    fail_on = table.get("fail-on", "error")
    if fail_on not in FAIL_ON:
        raise fail("fail-on", f"'fail-on' is 'error' or 'warning', not {fail_on!r}")
    space_id = table.get("space-id")
    if space_id is not None and not isinstance(space_id, str):
        raise fail("space-id", "'space-id' must be a string")
    return Config(
        source=path,
        select=lists.get("select"),
        extend_select=lists.get("extend-select", ()),
        ignore=lists.get("ignore", ()),
        per_file_ignores=_per_file_ignores(table.get("per-file-ignores", {}), fail),
        severity=_severities(table.get("severity", {}), fail),
        fail_on=fail_on,
        space_id=space_id,
        text=text,
    )


def check_patterns(
    patterns: Iterable[str], known: Iterable[tuple[str, str]]
) -> str | None:
    """The first pattern that names no rule (by code, code prefix or slug), if any."""
    pairs = list(known)
    for pattern in patterns:
        if pattern == "ALL":
            continue
        if not any(
            pattern in {code, slug} or code.startswith(pattern.upper())
            for code, slug in pairs
        ):
            return pattern
    return None


def _codes(table: Mapping[str, Any], key: str, fail: Any) -> tuple[str, ...]:
    value = table[key]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise fail(key, f"{key!r} must be a list of rule codes, prefixes or slugs")
    return tuple(value)


def _per_file_ignores(value: Any, fail: Any) -> tuple[Ignore, ...]:
    if not isinstance(value, dict):
        raise fail(
            "per-file-ignores", "'per-file-ignores' must be a table of glob = [codes]"
        )
    entries = []
    for key, codes in value.items():
        if not isinstance(codes, list) or not all(isinstance(c, str) for c in codes):
            raise fail(key, f"per-file-ignores {key!r} must be a list of rule codes")
        glob, _, pointer = key.partition("#")
        if pointer and not pointer.startswith("/"):
            raise fail(key, f"the pointer in {key!r} must start with '/'")
        entries.append(Ignore(glob, pointer or None, tuple(codes)))
    return tuple(entries)


def _severities(value: Any, fail: Any) -> dict[str, Severity]:
    if not isinstance(value, dict):
        raise fail(
            "severity", "'severity' must be a table of CODE = 'error' | 'warning'"
        )
    result = {}
    for code, level in value.items():
        if level not in ("error", "warning"):
            raise fail(
                code, f"severity of {code!r} is 'error' or 'warning', not {level!r}"
            )
        result[code.upper()] = Severity(level)
    return result


def _matches_file(file: str, glob: str) -> bool:
    posix = PurePosixPath(Path(file).as_posix())
    # A glob without a slash matches the file name anywhere, as in ruff.
    return fnmatch.fnmatch(str(posix), glob) or (
        "/" not in glob and fnmatch.fnmatch(posix.name, glob)
    )


def _below(pointer: str, prefix: str) -> bool:
    return pointer == prefix or pointer.startswith(prefix.rstrip("/") + "/")


def names(violation: Violation, pattern: str) -> bool:
    """Whether a code, code prefix, slug or `ALL` names the violation's rule."""
    return pattern in {"ALL", violation.rule} or violation.code.startswith(
        pattern.upper()
    )


def _has_section(pyproject: Path) -> bool:
    try:
        text = pyproject.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return True  # so that loading it reports what is wrong with it
    if "chatapp-lint" not in text:
        # Most projects' pyproject.toml: no need to parse it (nor import tomllib).
        # A key spelled with TOML escapes ("chatapp\u002dlint") is not looked for.
        return False
    import tomllib

    try:
        document = tomllib.loads(text)
    except (tomllib.TOMLDecodeError, RecursionError):
        return True
    return "chatapp-lint" in document.get("tool", {})


def _tool_table(document: Mapping[str, Any]) -> Mapping[str, Any]:
    table = document.get("tool", {}).get("chatapp-lint", {})
    return table if isinstance(table, dict) else {}


def _line_of(text: str, key: str) -> int | None:
    """The line where `key` is assigned, for messages (TOML parsers keep no positions)."""
    pattern = re.compile(rf"^[ \t]*[\"']?{re.escape(key)}[\"']?[ \t]*=", re.MULTILINE)
    match = pattern.search(text)
    return text.count("\n", 0, match.start()) + 1 if match else None


def _int(match: re.Match[str] | None) -> int | None:
    return int(match.group(1)) if match else None
