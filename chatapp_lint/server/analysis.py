"""Lint an editor's buffer as the command line would lint the file on disk.

No protocol here: the language server hands in a document's text and path and
gets violations back, so the same answers can be tested without a client. The
configuration is the one the command line would find for that file (nearest
upward, or none), and the checks across files compare the buffer's templates
with every other template file of the workspace, read from disk (or from other
open buffers) and remembered until they change.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path

import attrs

from chatapp_lint import discovery
from chatapp_lint.config import Config, ConfigError, discover, load
from chatapp_lint.engine import lint_document, place, seen_in
from chatapp_lint.loader import Kind, SourceMap, load_bytes, load_path, sniff_kind
from chatapp_lint.model import Violation
from chatapp_lint.rules import across
from chatapp_lint.rules.across import Ledger, Seen
from chatapp_lint.selection import Selection

_SUFFIXES: Mapping[str, Kind] = {".json": "json", ".yaml": "yaml", ".yml": "yaml"}


def kind_of(path: Path, text: str) -> Kind:
    """JSON or YAML, by the file's suffix, else by its first character."""
    return _SUFFIXES.get(path.suffix.lower()) or sniff_kind(text.encode("utf-8"))


@attrs.frozen
class Settings:
    """The configuration that applies to a file, and the rules it selects."""

    config: Config
    selection: Selection
    problem: str | None = None  # why the configuration file could not be used

    def includes(self, path: Path) -> bool:
        """Whether a run over the folder would lint this file.

        The configuration's `include` and `exclude` decide, as for a directory
        walk: the file, and every folder above it up to the configuration's.
        """
        files = self.config.files()
        location = files.locate(str(path))
        return files.takes(location) and all(
            files.walks_into(folder) for folder in location.parents()
        )


def settings_for(path: Path) -> Settings:
    """The settings the command line would use for this file (or folder).

    A configuration that cannot be used must not silence the editor: the file is
    linted with the defaults, and `problem` says what is wrong.
    """
    from chatapp_lint.linting import UnknownRule, build_selection

    found = discover(path if path.is_dir() else path.parent)
    try:
        config = Config() if found is None else load(found)
        return Settings(config, build_selection(config))
    except (ConfigError, UnknownRule) as error:
        return Settings(Config(), build_selection(Config()), str(error))


@attrs.define
class _Remembered:
    stamp: tuple[int, int] | None  # (mtime, size) of the file read; None for a buffer
    seen: list[Seen]


@attrs.define
class Workspace:
    """A folder's template files, as far as the checks across files need them."""

    root: Path
    _files: dict[str, _Remembered] = attrs.field(factory=dict)
    _buffers: dict[str, str] = attrs.field(factory=dict)
    _listing: list[str] | None = None

    def name(self, path: Path) -> str:
        """The file's name as a run from the workspace's root would report it."""
        try:
            return os.path.relpath(path, self.root)
        except ValueError:  # another drive on Windows
            return str(path)

    def open(self, path: Path, text: str) -> None:
        """Use this text for the file instead of what is on disk."""
        name = self.name(path)
        self._buffers[name] = text
        self._files.pop(name, None)

    def close(self, path: Path) -> None:
        """The file's buffer is closed: what is on disk counts again."""
        name = self.name(path)
        self._buffers.pop(name, None)
        self._files.pop(name, None)

    def changed_on_disk(self, path: Path | None = None) -> None:
        """A file (or, with None, any file) was created, changed or deleted."""
        self._listing = None
        if path is not None:
            self._files.pop(self.name(path), None)

    def lint(self, path: Path, text: str, settings: Settings) -> list[Violation]:
        """The violations of one buffer, with positions in its text."""
        name = self.name(path)
        self.open(path, text)
        if not settings.includes(path):
            return []
        document = load_bytes(text.encode("utf-8"), kind_of(path, text))
        if discovery.not_a_template(document):
            return []  # package.json, a workflow: as a run over the folder skips it
        remembered: list[tuple[Seen, SourceMap, str]] = []
        found, _ = lint_document(
            document,
            name,
            settings.selection,
            remembered,  # type: ignore[arg-type]  # a list of the narrower type
        )
        self._files[name] = _Remembered(None, [seen for seen, _, _ in remembered])
        found += self._across(name, remembered, settings.selection)
        config = settings.config
        if config.per_file_ignores:
            # Reported relative to the workspace, matched as the absolute path:
            # the configuration's globs are relative to its own folder.
            where = str(path)
            found = [
                v for v in found if not config.silenced(attrs.evolve(v, file=where))
            ]
        return sorted(found, key=Violation.sort_key)

    def _across(
        self,
        name: str,
        mine: list[tuple[Seen, SourceMap, str]],
        selection: Selection,
    ) -> list[Violation]:
        """The findings of the checks across files that fall on this buffer."""
        if not mine:
            return []
        places = {seen.template: (where, prefix) for seen, where, prefix in mine}
        ledger = Ledger()
        for other in self._names():
            ledger.add_file(other, self._seen(other))

        def read(file: str) -> dict[int, Seen]:
            return {seen.template: seen for seen in self._seen(file)}

        found: list[Violation] = []
        for check in across.CHECKS:
            if not selection.enabled(check.rule.code):
                continue
            for entry, finding in check.confirmed(ledger, read):
                if entry.file == name:
                    where, prefix = places[entry.template]
                    found.append(
                        place(
                            check.rule,
                            finding,
                            selection,
                            seen=entry,
                            source_map=where,
                            prefix=prefix,
                        )
                    )
        return found

    def _names(self) -> list[str]:
        """Every template file of the workspace and every open buffer, in run order."""
        if self._listing is None:
            files = settings_for(self.root).config.files()
            found = discovery.expand([self.root], files)
            self._listing = [self.name(Path(path)) for path in found]
        names = set(self._listing) | self._buffers.keys()
        return sorted(names, key=lambda n: Path(n).parts)

    def _seen(self, name: str) -> list[Seen]:
        """What the checks across files remember of a file (read once, until it changes)."""
        if name in self._buffers:
            known = self._files.get(name)
            if known is None:
                text = self._buffers[name]
                path = self.root / name
                document = load_bytes(text.encode("utf-8"), kind_of(path, text))
                known = self._files[name] = _Remembered(None, seen_in(document, name))
            return known.seen
        path = self.root / name
        stamp = _stamp(path)
        known = self._files.get(name)
        if known is None or known.stamp != stamp:
            known = _Remembered(stamp, seen_in(load_path(path, name), name))
            self._files[name] = known
        return known.seen


def _stamp(path: Path) -> tuple[int, int] | None:
    try:
        status = path.stat()
    except OSError:
        return None
    return status.st_mtime_ns, status.st_size
