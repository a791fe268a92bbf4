"""Gather what the preview draws: every template of every file, with its findings."""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import attrs

from chatapp_lint import discovery
from chatapp_lint.config import Config
from chatapp_lint.engine import Report
from chatapp_lint.model import Severity, Violation
from chatapp_lint.preview.message import Message, assign, build, direction


@attrs.define
class Entry:
    """One template to draw, or the place of one that cannot be drawn (`broken`)."""

    file: str
    index: int
    name: str
    language: str
    channel: str
    category: str
    message: Message | None
    broken: str
    findings: list[Violation]
    loose: list[Violation]
    """The findings no drawn part holds, shown above the message."""

    @property
    def anchor(self) -> str:
        """The template's HTML id and page name, stable for a file and index.

        Readable from the file's name, and unique by a digest of its whole path
        (`a-b.yaml` and `a_b.yaml` would otherwise meet).
        """
        safe = "".join(c if c.isascii() and c.isalnum() else "-" for c in self.file)
        digest = hashlib.sha256(self.file.encode("utf-8", "surrogatepass")).hexdigest()
        return f"t-{safe[-60:]}-{digest[:8]}-{self.index}"

    @property
    def direction(self) -> str:
        """`rtl` or `ltr`, from the template's language."""
        return direction(self.language)

    @property
    def errors(self) -> int:
        """How many findings are errors."""
        return sum(v.severity is Severity.ERROR for v in self.findings)

    @property
    def warnings(self) -> int:
        """How many findings are warnings."""
        return sum(v.severity is Severity.WARNING for v in self.findings)


def entries(
    paths: Iterable[str | Path], report: Report, config: Config | None = None
) -> list[Entry]:
    """Every template the files hold, in file order, with the report's findings.

    The files are those `lint_paths` lints with the same configuration: its
    `include` and `exclude`, and a directory's files that are templates.
    """
    from chatapp_lint.engine import resolve_config

    found: dict[tuple[str, int], list[Violation]] = {}
    for violation in report.violations:
        found.setdefault((violation.file or "", violation.template), []).append(
            violation
        )
    result: list[Entry] = []
    files = resolve_config(config).files()
    chosen = {entry.path: entry for entry in discovery.entries(paths, files)}
    for file, entry in chosen.items():
        result += _file_entries(file, found, walked=not entry.named)
    return result


def counts(drawn: Sequence[Entry]) -> Counter[str]:
    """Templates, errors and warnings over all entries, for the index."""
    total: Counter[str] = Counter(templates=len(drawn))
    for entry in drawn:
        total["errors"] += entry.errors
        total["warnings"] += entry.warnings
    return total


def _file_entries(
    file: str, found: dict[tuple[str, int], list[Violation]], *, walked: bool
) -> list[Entry]:
    if file == discovery.STDIN:
        return [_broken(file, 0, "Standard input is linted, not drawn.", found)]
    from chatapp_lint.loader import load_path

    document = load_path(Path(file), file, walked=walked)
    if walked and discovery.not_a_template(document):
        return []  # a run over the folder skips it too
    value = document.value
    if value is None and document.problems:
        return [_broken(file, 0, "The file cannot be read or parsed.", found)]
    items = value if isinstance(value, list) and value else [value]
    return [_entry(file, index, item, found) for index, item in enumerate(items)]


def _entry(
    file: str, index: int, value: Any, found: dict[tuple[str, int], list[Violation]]
) -> Entry:
    if not isinstance(value, dict):
        return _broken(file, index, "This is not a template object.", found)
    template = _decoded(value)
    findings = found.get((file, index), [])
    try:
        message = build(template)
    except Exception as error:  # noqa: BLE001 - a template too broken to draw says so
        return _broken(
            file,
            index,
            f"This template cannot be drawn ({type(error).__name__}).",
            found,
        )
    return Entry(
        file,
        index,
        _label(template.get("Name")),
        _label(template.get("Language")),
        message.channel,
        _label(template.get("Category")),
        message,
        "",
        findings,
        assign(message, findings),
    )


def _broken(
    file: str, index: int, why: str, found: dict[tuple[str, int], list[Violation]]
) -> Entry:
    findings = found.get((file, index), [])
    return Entry(file, index, "", "", "", "", None, why, findings, list(findings))


def _decoded(template: dict[str, Any]) -> dict[str, Any]:
    """`Components` and `Example` given as the API's JSON strings, decoded.

    They go through the file loader, under its limits; one that does not decode
    stays a string, and the drawing leaves it out (its finding says why).
    """
    from chatapp_lint.loader import load_bytes

    data = dict(template)
    for key in ("Components", "Example"):
        raw = data.get(key)
        if isinstance(raw, str):
            document = load_bytes(raw.encode("utf-8", "surrogatepass"), "json")
            if not document.problems:
                data[key] = document.value
    return data


def _label(value: object) -> str:
    return value if isinstance(value, str) else ""
