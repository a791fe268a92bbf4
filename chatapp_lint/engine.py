"""Run the schema and the rules over templates, and place what they find in files."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import TYPE_CHECKING, Any, Final, TypeAlias

import attrs

from chatapp_lint import discovery
from chatapp_lint.lazy_re import LazyPattern
from chatapp_lint.model import NEVER_HIDDEN, Finding, Position, Severity, Violation
from chatapp_lint.pointer import join, parent
from chatapp_lint.rules import ALL_RULES, across, by_code, default_selection
from chatapp_lint.rules._base import Rule, TemplateView
from chatapp_lint.rules.across import Ledger, Seen
from chatapp_lint.rules.engine_codes import (
    INTERNAL_ERROR,
    INVALID_JSON_STRING,
    INVALID_ROOT,
)
from chatapp_lint.schema import schema_findings, shorten

if TYPE_CHECKING:
    from chatapp_lint.config import Config
    from chatapp_lint.fileset import FileSet
    from chatapp_lint.loader import Document, FileProblem, SourceMap
    from chatapp_lint.selection import Selection

_WIRE_MEMBERS = ("Components", "Example")
_TTL = "MessageSendTtlSeconds"
# An integer as a query string writes it: optional minus, digits, nothing else.
_DECIMAL = LazyPattern(r"-?[0-9]{1,18}")


@attrs.frozen
class Report:
    """The outcome of linting files: every violation, sorted, and what was read."""

    violations: tuple[Violation, ...]
    files: int
    templates: int
    skipped: int = 0
    """Files a directory walk found and left alone: clearly not templates."""

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
    # Problems with the file itself are reported whatever the selection says.
    violations = [
        _placed(by_code(p.code), p, chosen, file, in_list) for p in document.problems
    ]
    if document.source_map is None or (document.value is None and document.problems):
        return violations, 0  # nothing usable was parsed; the problems say why
    source_map = document.source_map
    templates = list(_templates(document.value))
    for index, prefix, template in templates:
        found, data = _check_root(template, chosen)
        if seen is not None and data is not None:
            seen.append(
                (Seen.of(file, index, data, in_list=in_list), source_map, prefix)
            )
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

    if violation.code.startswith(NEVER_HIDDEN):
        return False
    return any(names(violation, n) for n in disabled.get(violation.line or 0, ()))


def lint_paths(  # noqa: PLR0913 - keyword-only options, as the command line has them
    paths: Iterable[str | os.PathLike[str]],
    *,
    selection: Selection | None = None,
    config: Config | str | os.PathLike[str] | None = None,
    stdin_name: str = "-",
    progress: Callable[[int, int], None] | None = None,
    jobs: int = 1,
    on_document: Callable[[str, Document], None] | None = None,
) -> Report:
    """Lint files and directories as the command line does (`-` reads standard input).

    `config` is the configuration to apply, or the path of a configuration file;
    without one, the file the command line would use is found from the working
    directory upward (no file: the defaults). It decides which files a directory
    means, the rules (unless `selection` is given) and their severities, and the
    per-file and per-pointer ignores. `stdin_name` is the name reported for `-`;
    `progress(done, total)` is told after each file; `jobs` worker processes
    share the files (0: one per core when there are many), with the same report
    as one process gives. `on_document(entry, document)` is handed each linted
    file's document, the very reading that was linted (in this process: it
    forces one job), so a caller can act on what was checked.

    Raises:
        TypeError: `paths` is one string or path, not a collection of them.
        ConfigError: the configuration file cannot be used.
    """
    if isinstance(paths, str | bytes | os.PathLike):
        raise TypeError(
            f"lint_paths takes a list of paths, not one path: lint_paths([{paths!r}])"
        )
    settings = resolve_config(config)
    chosen = selection or _selection(settings)
    if on_document is not None:
        jobs = 1
    violations: list[Violation] = []
    # What the checks across templates need: a few numbers a template (see
    # Ledger). Standard input cannot be read again, so its templates are kept
    # whole; any other file's are read again when a check reports on it.
    ledger = Ledger()
    kept: dict[str, tuple[SourceMap, dict[int, Seen]]] = {}
    files = templates = skipped = 0
    entries, named = _gather(paths, settings.files())
    names = [stdin_name if entry == discovery.STDIN else entry for entry in entries]

    def lint_file(entry: str, name: str) -> _FileResult:
        from chatapp_lint.loader import load_path

        walked = entry not in named
        # A walk's find that is not a regular file is never opened (see load_path).
        document = load_path(entry, name, walked=walked)
        if walked and discovery.not_a_template(document):
            return [], 0, [], False
        remembered: list[tuple[Seen, _Where, str]] = []
        found, count = lint_document(document, name, chosen, remembered)
        if on_document is not None:
            on_document(entry, document)
        seen = [entry for entry, _, _ in remembered]
        if entry == discovery.STDIN and remembered:
            source_map = remembered[0][1]
            kept[name] = source_map, {s.template: s for s in seen}  # type: ignore[assignment]
        return found, count, seen, True

    results = _each_file(lint_file, entries, names, jobs)
    for done, (found, count, remembered, linted) in enumerate(results, start=1):
        files += linted
        skipped += not linted
        violations += found
        templates += count
        ledger.add_file(names[done - 1], remembered)
        if progress is not None:
            progress(done, len(entries))
    violations += _across_templates(ledger, chosen, kept)
    if settings.per_file_ignores:
        violations = [v for v in violations if not settings.silenced(v)]
    return Report(
        tuple(sorted(violations, key=Violation.sort_key)), files, templates, skipped
    )


def _gather(
    paths: Iterable[str | os.PathLike[str]], files: FileSet
) -> tuple[list[str], set[str]]:
    """The files to lint, and those named outright (read even if a walk finds them).

    Only the names are kept, not `discovery.Entry` records: a tree of 100,000
    files is 100,000 strings.
    """
    entries: list[str] = []
    named: set[str] = set()
    for entry in discovery.entries(paths, files):
        entries.append(entry.path)
        if entry.named:
            named.add(entry.path)
    return entries, named


def resolve_config(config: Config | str | os.PathLike[str] | None) -> Config:
    """The configuration given, the one in the file named, or the one found.

    Found as the command line finds it: the nearest file from the working
    directory upward, else the defaults.
    """
    from chatapp_lint.config import Config, discover, load

    if isinstance(config, Config):
        return config
    if config is not None:
        from pathlib import Path

        return load(Path(config))
    found = discover(os.getcwd())  # noqa: PTH109 - pathlib costs start-up
    return Config() if found is None else load(found)


def _selection(config: Config) -> Selection:
    """The rules the configuration chooses, as the command line builds them."""
    from chatapp_lint.linting import build_selection

    return build_selection(config)


_Where: TypeAlias = "SourceMap | dict[str, Position]"
"""Where a template's values are: its file's source map, or known positions."""
_FileResult = tuple[list[Violation], int, list[Seen], bool]
"""A file's violations, templates, what the checks across templates need, and
whether it was linted (False: a walk found it and it is clearly not a template)."""


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
    yield from parallel.in_order(lint_file, entries, names, workers)


def _across_templates(
    ledger: Ledger,
    selection: Selection,
    kept: Mapping[str, tuple[SourceMap, dict[int, Seen]]],
) -> Iterator[Violation]:
    """Run the checks that compare templates with each other, across files.

    A reported template and the one it repeats are read again from their files,
    which confirms the finding and gives its positions; memory holds the
    templates of a few files at a time, however many files were linted.
    """
    reread = _Rereader(kept)
    found = [
        (check.rule, entry, finding)
        for check in across.CHECKS
        if selection.enabled(check.rule.code)
        for entry, finding in check.confirmed(ledger, reread.seen)
    ]
    for rule, entry, finding in found:
        source_map = reread.source_map(entry.file)
        position = (
            _locate(source_map, entry.prefix + finding.pointer, at_key=False)
            if source_map is not None
            else Position(1, 1)
        )
        yield _violation(
            rule,
            finding,
            selection,
            file=entry.file,
            template=entry.template,
            position=position,
        )


class _Rereader:
    """Files read again for the checks across templates, the last few kept."""

    def __init__(self, kept: Mapping[str, tuple[SourceMap, dict[int, Seen]]]) -> None:
        self._kept = kept
        self._recent: dict[str, tuple[SourceMap | None, dict[int, Seen]]] = {}

    def seen(self, file: str) -> Mapping[int, Seen]:
        """What the checks remember of each template of the file, by index."""
        return self._read(file)[1]

    def source_map(self, file: str) -> SourceMap | None:
        """The file's source map (None if it can no longer be read)."""
        return self._read(file)[0]

    def _read(self, file: str) -> tuple[SourceMap | None, Mapping[int, Seen]]:
        if file in self._kept:
            return self._kept[file]
        known = self._recent.get(file)
        if known is None:
            from chatapp_lint.loader import load_path

            document = load_path(file, file)
            known = (
                document.source_map,
                {s.template: s for s in seen_in(document, file)},
            )
            if len(self._recent) >= _KEPT_FILES:
                self._recent.pop(next(iter(self._recent)))
            self._recent[file] = known
        return known


_KEPT_FILES: Final = 8
"""Files kept read again at once: a finding needs two, its file and the earlier one's."""


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
    """Decode `Components` and `Example` given in the API's wire form, a JSON string.

    `MessageSendTtlSeconds` written as a decimal string (`"300"`) is its wire
    form too: the request carries it in the query string, where every value is
    text, so the service reads the same number either way.
    """
    data = template
    found: list[tuple[Rule, Finding]] = []
    ttl = template.get(_TTL)
    if isinstance(ttl, str) and _DECIMAL.fullmatch(ttl):
        data = {**template, _TTL: int(ttl)}
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


def seen_in(document: Document, file: str) -> list[Seen]:
    """What the checks across files remember of each template of a loaded file.

    The same as `lint_document` records, without running the rules: for files
    that are only compared with others (the language server's workspace).
    """
    if document.source_map is None or document.value is None:
        return []
    in_list = isinstance(document.value, list)
    return [
        Seen.of(file, index, _decode_wire_members(template)[0], in_list=in_list)
        for index, _, template in _templates(document.value)
        if isinstance(template, Mapping)
    ]


def place(  # noqa: PLR0913 - the finding, and every fact that places it
    rule: Rule,
    finding: Finding,
    selection: Selection,
    *,
    seen: Seen,
    source_map: SourceMap,
    prefix: str,
) -> Violation:
    """A finding of a check across templates, placed in its template's file."""
    position = _locate(source_map, prefix + finding.pointer, at_key=finding.at_key)
    return _violation(
        rule,
        finding,
        selection,
        file=seen.file,
        template=seen.template,
        position=position,
    )


__all__ = [
    "ALL_RULES",
    "Report",
    "check_template",
    "lint",
    "lint_document",
    "lint_paths",
]
