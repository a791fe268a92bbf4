"""Configuration: `[tool.chatapp-lint]` in pyproject.toml, or `.chatapp-lint.toml`.

The nearest file from the working directory upward wins (in one directory,
`.chatapp-lint.toml` before `pyproject.toml`); `--config FILE` names one outright.
Options given on the command line override the file's. Globs are relative to
the directory of the file that holds them (see `chatapp_lint.fileset`).
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any, Final

import attrs

from chatapp_lint.fileset import DEFAULT_EXCLUDE, FileSet, Glob, GlobSet, Location
from chatapp_lint.model import NEVER_HIDDEN, Severity, Violation

if TYPE_CHECKING:
    from pathlib import Path

DEDICATED: Final = ".chatapp-lint.toml"
PYPROJECT: Final = "pyproject.toml"
FAIL_ON: Final = ("error", "warning")
_LIST_KEYS: Final = ("select", "extend-select", "ignore")
_GLOB_KEYS: Final = ("include", "exclude", "extend-exclude")
_KEYS: Final = frozenset(
    {
        *_LIST_KEYS,
        *_GLOB_KEYS,
        "force-exclude",
        "per-file-ignores",
        "severity",
        "fail-on",
        "space-id",
    }
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
    _compiled: Glob = attrs.field(init=False, repr=False, eq=False)

    @_compiled.default
    def _compile(self) -> Glob:
        return Glob(self.glob)

    def silences(self, violation: Violation, root: str | None = None) -> bool:
        """Whether this entry silences the violation.

        `root` is the directory the glob is relative to (the working directory
        when None); a problem with the file itself is never silenced.
        """
        if violation.code.startswith(NEVER_HIDDEN):
            return False
        if not self._compiled.matches(Location.of(violation.file or "", root)):
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
    include: tuple[str, ...] | None = None
    exclude: tuple[str, ...] = DEFAULT_EXCLUDE
    extend_exclude: tuple[str, ...] = ()
    force_exclude: bool = False
    root: str | None = None
    """The absolute directory of `source`, which globs are relative to (the
    working directory when there is no file)."""
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
        return any(
            entry.silences(violation, self.root) for entry in self.per_file_ignores
        )

    def files(self) -> FileSet:
        """Which files a run lints: `include`, `exclude` and `force-exclude`."""
        return FileSet(
            root=self.root,
            include=None if self.include is None else GlobSet(self.include),
            exclude=GlobSet((*self.exclude, *self.extend_exclude)),
            force_exclude=self.force_exclude,
        )


def discover(start: str | os.PathLike[str]) -> Path | None:
    """The configuration file that applies to the directory `start`: the nearest one upward."""
    # os.path, not pathlib: most runs find no file, and pathlib's import alone
    # costs them more than linting a file.
    directory = os.fspath(start)
    while True:
        found = _configuration_in(directory)
        if found is not None:
            from pathlib import Path

            return Path(found)
        parent = os.path.dirname(directory)  # noqa: PTH120
        if parent == directory:
            return None
        directory = parent


def _configuration_in(directory: str) -> str | None:
    dedicated = os.path.join(directory, DEDICATED)  # noqa: PTH118
    if os.path.isfile(dedicated):  # noqa: PTH113
        return dedicated
    pyproject = os.path.join(directory, PYPROJECT)  # noqa: PTH118
    if os.path.isfile(pyproject) and _has_section(pyproject):  # noqa: PTH113
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
    patterns = {key: _globs(table, key, fail) for key in _GLOB_KEYS if key in table}
    force_exclude = table.get("force-exclude", False)
    if not isinstance(force_exclude, bool):
        raise fail("force-exclude", "'force-exclude' is true or false")
    return Config(
        source=path,
        select=lists.get("select"),
        extend_select=lists.get("extend-select", ()),
        ignore=lists.get("ignore", ()),
        per_file_ignores=_per_file_ignores(table.get("per-file-ignores", {}), fail),
        severity=_severities(table.get("severity", {}), fail),
        fail_on=fail_on,
        space_id=space_id,
        include=patterns.get("include"),
        exclude=patterns.get("exclude", DEFAULT_EXCLUDE),
        extend_exclude=patterns.get("extend-exclude", ()),
        force_exclude=force_exclude,
        root=os.path.dirname(os.path.abspath(path)),  # noqa: PTH100, PTH120
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


def _globs(table: Mapping[str, Any], key: str, fail: Any) -> tuple[str, ...]:
    value = table[key]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise fail(key, f"{key!r} must be a list of globs")
    for pattern in value:
        _check_glob(pattern, key, fail)
    return tuple(value)


def _check_glob(pattern: str, key: str, fail: Any) -> None:
    """Refuse a glob with a character range that no regular expression can hold.

    Globs are compiled when first matched; checked here, a range like `[z-a]` is
    a configuration error with its line, whether the run walks or not.
    """
    try:
        Glob(pattern).regex()
    except re.error as error:
        raise fail(key, f"the glob {pattern!r} cannot be read: {error.msg}") from None


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
        _check_glob(glob, key, fail)
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
        if level == "warning" and code.upper().startswith(NEVER_HIDDEN):
            raise fail(
                code,
                f"{code!r} cannot be a warning: a file that cannot be read or "
                "parsed always fails the run",
            )
        result[code.upper()] = Severity(level)
    return result


def _below(pointer: str, prefix: str) -> bool:
    return pointer == prefix or pointer.startswith(prefix.rstrip("/") + "/")


def names(violation: Violation, pattern: str) -> bool:
    """Whether a code, code prefix, slug or `ALL` names the violation's rule."""
    return pattern in {"ALL", violation.rule} or violation.code.startswith(
        pattern.upper()
    )


def _has_section(pyproject: str) -> bool:
    try:
        with open(pyproject, encoding="utf-8") as stream:  # noqa: PTH123
            text = stream.read()
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
