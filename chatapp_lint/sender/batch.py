"""Gather the templates to send, lint them, and refuse the batch if any is dirty."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

import attrs

from chatapp_lint.sender.errors import DirtyTemplateError, SenderError

if TYPE_CHECKING:
    from chatapp_lint.config import Config
    from chatapp_lint.loader import Document
    from chatapp_lint.selection import Selection

Source = str | Path | Mapping[str, Any]
"""A template file or directory, or one template given as a mapping."""

_WIRE_MEMBERS = ("Components", "Example")


@attrs.frozen
class Item:
    """One template to create, exactly as it will be sent, and where it came from."""

    file: str | None
    index: int
    data: Mapping[str, Any]

    @property
    def name(self) -> str:
        """The template's `Name`."""
        return str(self.data.get("Name", ""))

    @property
    def language(self) -> str:
        """The template's `Language`."""
        return str(self.data.get("Language", ""))

    @property
    def space_id(self) -> str | None:
        """The template's `CustSpaceId`, if it has one."""
        value = self.data.get("CustSpaceId")
        return str(value) if value else None

    @property
    def key(self) -> tuple[str, str, str]:
        """What identifies it to the service (and in the report): space, name, language."""
        return (self.space_id or "", self.name, self.language)

    @property
    def where(self) -> str:
        """`FILE#INDEX` (or `#INDEX` for a mapping), for messages."""
        return f"{self.file or ''}#{self.index}"


def collect(
    sources: Source | Iterable[Source],
    *,
    space_id: str | None = None,
    selection: Selection | None = None,
    config: Config | None = None,
) -> list[Item]:
    """Lint every template and return them ready to send, in order.

    Files and directories are linted as `lint_paths` does (checks across
    templates included); mappings as `lint` does. Each file is read once: the
    requests are built from the very values that were linted, so a file
    changed or swapped after its reading cannot get anything unchecked sent.
    `space_id` fills in `CustSpaceId` where a template has none.

    Raises:
        DirtyTemplateError: if any violation has error severity.
    """
    from chatapp_lint.engine import Report, lint, lint_paths
    from chatapp_lint.model import Violation

    paths, mappings = _split(sources)
    readings: list[tuple[str, Document]] = []
    report = (
        lint_paths(
            paths,
            selection=selection,
            config=config,
            on_document=lambda entry, document: readings.append((entry, document)),
        )
        if paths
        else Report((), 0, 0)
    )
    extra: list[Violation] = []
    for index, template in mappings:
        extra += [
            attrs.evolve(v, template=index) for v in lint(template, selection=selection)
        ]
    if extra:
        violations = tuple(sorted([*report.violations, *extra], key=Violation.sort_key))
        report = attrs.evolve(
            report, violations=violations, templates=report.templates + len(mappings)
        )
    if report.errors:
        raise DirtyTemplateError(report)
    items = [*_file_items(readings), *(Item(None, i, t) for i, t in mappings)]
    return [_prepared(item, space_id) for item in items]


def wire_decoded(template: Mapping[str, Any]) -> dict[str, Any]:
    """A copy with `Components` and `Example` decoded when given as JSON strings."""
    data = dict(template)
    for key in _WIRE_MEMBERS:
        if isinstance(data.get(key), str):
            data[key] = json.loads(data[key])
    return data


def _split(
    sources: Source | Iterable[Source],
) -> tuple[list[str], list[tuple[int, Mapping[str, Any]]]]:
    if isinstance(sources, str | Path | Mapping):
        sources = [sources]
    paths: list[str] = []
    mappings: list[tuple[int, Mapping[str, Any]]] = []
    for position, source in enumerate(sources):
        if isinstance(source, Mapping):
            mappings.append((position, source))
        elif str(source) == "-":
            raise SenderError("templates to send cannot come from standard input.")
        else:
            paths.append(str(source))
    return paths, mappings


def _file_items(readings: list[tuple[str, Document]]) -> Iterator[Item]:
    """Each template of each file, from the readings `lint_paths` linted, in order."""
    for entry, document in readings:
        value = document.value
        templates = value if isinstance(value, list) else [value]
        for index, template in enumerate(templates):
            yield Item(entry, index, template)


def _prepared(item: Item, space_id: str | None) -> Item:
    """The item with wire strings decoded and the space filled in (its own wins)."""
    data = wire_decoded(item.data)
    if space_id and not data.get("CustSpaceId"):
        data["CustSpaceId"] = space_id
    return attrs.evolve(item, data=data)
