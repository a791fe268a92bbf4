"""Run the schema and the rules over templates, and place what they find in files."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeAlias

import attrs

from chatapp_lint import discovery
from chatapp_lint.model import Finding, Position, Severity, Violation
from chatapp_lint.pointer import join, parent
from chatapp_lint.rules import ALL_RULES, across, by_code, default_selection
from chatapp_lint.rules._base import Rule, TemplateView
from chatapp_lint.rules.across import Seen
from chatapp_lint.rules.engine_codes import (
    INTERNAL_ERROR,
    INVALID_JSON_STRING,
    INVALID_ROOT,
)
from chatapp_lint.schema import schema_findings, shorten

if TYPE_CHECKING:
    from chatapp_lint.config import Config
    from chatapp_lint.loader import Document, FileProblem, SourceMap
    from chatapp_lint.selection import Selection

_WIRE_MEMBERS = ("Components", "Example")


@attrs.frozen
class Report:
    """The outcome of linting files: every violation, sorted, and what was read."""

    violations: tuple[Violation, ...]
    files: int
    templates: int

    @property
    def errors(self) -> int:
        """How many violations have error severity."""
        return sum(v.severity is Severity.ERROR for v in self.violations)

    @property
    def warnings(self) -> int:
        """How many violations have warning severity."""
        return sum(v.severity is Severity.WARNING for v in self.violations)

    @property
    def internal_errors(self) -> int:
        """How many rules crashed (the run exits with status 2)."""
        return sum(v.code == INTERNAL_ERROR.code for v in self.violations)

    def __iter__(self) -> Iterator[Violation]:
        return iter(self.violations)

    def __len__(self) -> int:
        return len(self.violations)


def lint(
    template: Mapping[str, Any], *, selection: Selection | None = None
) -> list[Violation]:
    """Lint one template given as a mapping, as `CreateChatappTemplate` takes it.

    The violations carry no file, line or column; their pointers locate them.
    """
    chosen = selection or default_selection()
    found, _ = _check_root(template, chosen)
    if not found:
        return []
    violations = [
        _violation(rule, f, chosen, file=None, template=0, position=None)
        for rule, f in found
    ]
    return sorted(violations, key=lambda v: (v.pointer, v.code))


def check_template(
    template: Mapping[str, Any], selection: Selection
) -> list[tuple[Rule, Finding]]:
    """The findings of the schema and every enabled rule on one template."""
    data, found = _decode_wire_members(template)
    return _check_decoded(data, found, selection)


def _check_decoded(
    data: Mapping[str, Any],
    found: list[tuple[Rule, Finding]],
    selection: Selection,
) -> list[tuple[Rule, Finding]]:
    """`check_template` once the wire-form members are decoded (with their findings)."""
    try:
        found += [(by_code(code), f) for code, f in schema_findings(data)]
    except Exception as error:  # noqa: BLE001 - a crash must not hide the rules' findings
        found.append(_internal_error("the schema check", "", error))
    example = data.get("Example")
    if not isinstance(example, dict) and not isinstance(example, Mapping):
        example = None  # (a dict is told apart first: the usual case, and faster)
    view = TemplateView(data, example)
    tables = selection.dispatch(
        view.channel, view.category, bool(view.card_component_groups)
    )
    for table in tables:
        for node in view.nodes(table.scope):
            for rule in table.rules(node.type, node.value):
                added = 0
                try:
                    for finding in rule.check(view, node):
                        found.append((rule, finding))
                        added += 1
                except Exception as error:  # noqa: BLE001 - reported as IN001, exit 2
                    # A crashed rule's findings are not to be trusted.
                    del found[len(found) - added :]
                    name = f"rule {rule.code} ({rule.slug})"
                    found.append(_internal_error(name, node.pointer, error))
    if not found:
        return found
    return [(rule, f) for rule, f in found if selection.enabled(rule.code)]


def lint_document(
    document: Document,
    file: str,
    selection: Selection | None = None,
    seen: list[tuple[Seen, _Where, str]] | None = None,
) -> tuple[list[Violation], int]:
    """Lint every template of a loaded file; returns the violations and the count.

    When `seen` is given, each template is remembered there for the checks
    across templates (duplicate names, duplicate content) that `lint_paths` runs.
    """
    chosen = selection or default_selection()
    in_list = isinstance(document.value, list)
    violations = [
        _placed(by_code(p.code), p, chosen, file, in_list)
        for p in document.problems
        if chosen.enabled(p.code)
    ]
    if document.source_map is None or (document.value is None and document.problems):
        return violations, 0  # nothing usable was parsed; the problems say why
    source_map = document.source_map
    templates = list(_templates(document.value))
    for index, prefix, template in templates:
        found, data = _check_root(template, chosen)
        if seen is not None and data is not None:
            seen.append((Seen.of(file, index, data), source_map, prefix))
        for rule, finding in found:
            position = _locate(
                source_map, prefix + finding.pointer, at_key=finding.at_key
            )
            violations.append(
                _violation(
                    rule, finding, chosen, file=file, template=index, position=position
                )
            )
    if document.disabled:
        violations = [
            v for v in violations if not _disabled_inline(v, document.disabled)
        ]
    return violations, len(templates)


def _disabled_inline(
    violation: Violation, disabled: Mapping[int, frozenset[str]]
) -> bool:
    """Whether a `# chatapp-lint: disable=...` comment silences the violation."""
    from chatapp_lint.config import names

    return any(names(violation, n) for n in disabled.get(violation.line or 0, ()))


def lint_paths(  # noqa: PLR0913 - keyword-only options, as the command line has them
    paths: Iterable[str | Path],
    *,
    selection: Selection | None = None,
    config: Config | None = None,
    stdin_name: str = "-",
    progress: Callable[[int, int], None] | None = None,
    jobs: int = 1,
    on_document: Callable[[str, Document], None] | None = None,
) -> Report:
    """Lint files and directories as the command line does (`-` reads standard input).

    `config` adds its per-file and per-pointer ignores (its rule selection goes
    into `selection`, see `Selection.from_config`); `stdin_name` is the name
    reported for `-`; `progress(done, total)` is told after each file; `jobs`
    worker processes share the files (0: one per core when there are many),
    with the same report as one process gives. `on_document(entry, document)`
    is handed each file's document, the very reading that was linted (in this
    process: it forces one job), so a caller can act on what was checked.
    """
    chosen = selection or default_selection()
    if on_document is not None:
        jobs = 1
    violations: list[Violation] = []
    seen: list[tuple[Seen, _Where, str]] = []
    files = templates = 0
    entries = list(discovery.expand(paths))
    names = [stdin_name if entry == discovery.STDIN else entry for entry in entries]

    def lint_file(entry: str, name: str) -> _FileResult:
        from chatapp_lint.loader import load_path

        remembered: list[tuple[Seen, _Where, str]] = []
        document = load_path(Path(entry), name)
        if on_document is not None:
            on_document(entry, document)
        found, count = lint_document(document, name, chosen, remembered)
        return found, count, remembered

    for found, count, remembered in _each_file(lint_file, entries, names, jobs):
        files += 1
        violations += found
        templates += count
        seen += remembered
        if progress is not None:
            progress(files, len(entries))
    violations += _across_templates(seen, chosen)
    if config is not None and config.per_file_ignores:
        violations = [v for v in violations if not config.silenced(v)]
    return Report(tuple(sorted(violations, key=Violation.sort_key)), files, templates)


_Where: TypeAlias = "SourceMap | dict[str, Position]"
"""Where a template's values are: its file's source map, or (from a worker) the
positions of the values the checks across templates may report."""
_FileResult = tuple[list[Violation], int, list[tuple[Seen, _Where, str]]]


def _each_file(
    lint_file: Callable[[str, str], _FileResult],
    entries: list[str],
    names: list[str],
    jobs: int,
) -> Iterator[_FileResult]:
    """Each file's result, in order, from this process or from forked workers."""
    from chatapp_lint import parallel

    workers = min(parallel.auto_jobs(len(entries)) if jobs == 0 else jobs, len(entries))
    # Standard input can be read once, by this process only.
    if workers <= 1 or discovery.STDIN in entries or not parallel.can_fork():
        for entry, name in zip(entries, names, strict=True):
            yield lint_file(entry, name)
        return

    def in_worker(entry: str, name: str) -> _FileResult:
        # Source maps stay behind in the worker: it sends the few positions the
        # checks across templates may need instead (cheap once the file is read).
        found, count, remembered = lint_file(entry, name)
        return (
            found,
            count,
            [_positions(s, where, prefix) for s, where, prefix in remembered],
        )

    yield from parallel.in_order(in_worker, entries, names, workers)


def _across_templates(
    seen: list[tuple[Seen, _Where, str]], selection: Selection
) -> Iterator[Violation]:
    """Run the checks that compare templates with each other, across files."""
    places = {id(entry): (where, prefix) for entry, where, prefix in seen}
    reread: dict[str, SourceMap | None] = {}
    entries = [entry for entry, _, _ in seen]
    for rule, check in across.CHECKS:
        if not selection.enabled(rule.code):
            continue
        for entry, finding in check(entries):
            where, prefix = places[id(entry)]
            position = _across_position(
                where, prefix, finding.pointer, entry.file, reread
            )
            yield _violation(
                rule,
                finding,
                selection,
                file=entry.file,
                template=entry.template,
                position=position,
            )


def _across_position(
    where: _Where,
    prefix: str,
    pointer: str,
    file: str,
    reread: dict[str, SourceMap | None],
) -> Position:
    if isinstance(where, dict):
        known = where.get(pointer)
        if known is not None:
            return known
        source_map = _reread(file, reread)
        if source_map is None:
            return Position(1, 1)
        where = source_map
    return _locate(where, prefix + pointer, at_key=False)


def _positions(seen: Seen, where: _Where, prefix: str) -> tuple[Seen, _Where, str]:
    """A worker's template with the positions a check across templates may report."""
    if isinstance(where, dict):
        return seen, where, prefix
    pointers = ["/Name", *([seen.body[0]] if seen.body else [])]
    return seen, {p: _locate(where, prefix + p, at_key=False) for p in pointers}, prefix


def _reread(file: str, cache: dict[str, SourceMap | None]) -> SourceMap | None:
    """The source map of a file a worker linted, read again in this process.

    Only for a finding across templates at a place `_positions` did not foresee.
    """
    if file not in cache:
        from chatapp_lint.loader import load_path

        cache[file] = load_path(Path(file), file).source_map
    return cache[file]


def _check_root(
    value: object, selection: Selection
) -> tuple[list[tuple[Rule, Finding]], Mapping[str, Any] | None]:
    """A template's findings and its decoded data, or a finding that it is none."""
    if isinstance(value, Mapping):
        data, found = _decode_wire_members(value)
        return _check_decoded(data, found, selection), data
    return [(INVALID_ROOT, Finding("", _root_message(value)))], None


def _templates(root: Any) -> Iterator[tuple[int, str, Any]]:
    """(index, pointer prefix, value) of each template: the root, or each list item."""
    if isinstance(root, list) and root:
        for index, item in enumerate(root):
            yield index, join("", index), item
    else:
        yield 0, "", root


def _root_message(value: Any) -> str:
    kind = "an empty list" if value == [] else f"a {_json_type(value)}"
    return f"A template must be an object (or a list of objects), not {kind}."


def _json_type(value: Any) -> str:
    names = {
        bool: "boolean",
        int: "number",
        float: "number",
        str: "string",
        list: "list",
    }
    return "null" if value is None else names.get(type(value), type(value).__name__)


def _decode_wire_members(
    template: Mapping[str, Any],
) -> tuple[Mapping[str, Any], list[tuple[Rule, Finding]]]:
    """Decode `Components` and `Example` given in the API's wire form, a JSON string."""
    data = template
    found: list[tuple[Rule, Finding]] = []
    for key in _WIRE_MEMBERS:
        raw = template.get(key)
        if not isinstance(raw, str):
            continue
        decoded, problem = _decode_wire(raw)
        if problem is not None:
            message = f"'{key}' is a string but not valid JSON ({problem})."
            found.append((INVALID_JSON_STRING, Finding(join("", key), message)))
            continue
        if data is template:
            data = dict(template)
        data[key] = decoded  # type: ignore[index]  # data is the dict copy made above
    return data, found


def _decode_wire(raw: str) -> tuple[Any, str | None]:
    """A wire-form string decoded under the loader's limits, or why it cannot be.

    It goes through the same JSON loader as a file (depth, size, duplicate keys,
    non-finite numbers, lone surrogates), so a string cannot smuggle in what a
    file could not.
    """
    from chatapp_lint.loader import load_bytes

    document = load_bytes(raw.encode("utf-8", "surrogatepass"), "json")
    if document.problems:
        return None, document.problems[0].message.rstrip(".")
    return document.value, None


def _internal_error(what: str, pointer: str, error: Exception) -> tuple[Rule, Finding]:
    detail = shorten(f"{type(error).__name__}: {error}")
    message = f"Internal error: {what} crashed ({detail}). Please report it."
    return INTERNAL_ERROR, Finding(pointer, message)


def _locate(source_map: SourceMap, pointer: str, *, at_key: bool) -> Position:
    """The position of the nearest value the pointer or one of its ancestors names.

    A pointer into a decoded wire string, or to a member that is missing, lands on
    the closest value the file really holds.
    """
    position = source_map.position(pointer, key=at_key)
    while position is None and pointer:
        pointer = parent(pointer)
        position = source_map.position(pointer)
    return position or Position(1, 1)


def _violation(  # noqa: PLR0913 - one argument per Violation field the engine stamps
    rule: Rule,
    finding: Finding,
    selection: Selection,
    *,
    file: str | None,
    template: int,
    position: Position | None,
) -> Violation:
    return Violation(
        file=file,
        line=position.line if position else None,
        column=position.column if position else None,
        code=rule.code,
        rule=rule.slug,
        severity=selection.severity(rule),
        message=finding.message,
        template=template,
        pointer=finding.pointer,
    )


def _placed(
    rule: Rule,
    problem: FileProblem,
    selection: Selection,
    file: str,
    in_list: bool,
) -> Violation:
    """A file-level problem: its pointer is into the file, so split off the template."""
    template, pointer = 0, problem.pointer
    if in_list and pointer:
        head, _, rest = pointer[1:].partition("/")
        template, pointer = int(head), "/" + rest if rest else ""
    located = Finding(pointer, problem.message)
    return _violation(
        rule,
        located,
        selection,
        file=file,
        template=template,
        position=problem.position,
    )


__all__ = [
    "ALL_RULES",
    "Report",
    "check_template",
    "lint",
    "lint_document",
    "lint_paths",
]
