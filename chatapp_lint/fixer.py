"""Apply the fixes of `chatapp_lint.fixes` to files, changing nothing else.

A file is fixed only where the linter reports a fixable violation, and only if
it loads without a file-level problem: a syntax error, or a duplicate key whose
meaning is unclear, leaves it untouched. YAML goes through ruamel.yaml's round
trip, which keeps comments, key order and quoting; JSON through `json`, with
the file's indentation. Either way, the edits between a re-dump of the file as
it was and a dump of the fixed file are then carried over onto the original
text, so that what the dumper would restyle (a folded line, spacing in a flow
mapping, a `---`) stays as the user wrote it. The result must load back to
exactly the fixed value, or nothing is written.
"""

from __future__ import annotations

import copy
import errno
import io
import json
import os
import re
import stat
import tempfile
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, MutableMapping
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final

import attrs

from chatapp_lint import discovery, linediff
from chatapp_lint.escaping import git_quoted, visible
from chatapp_lint.fixes import FIXES, Change, apply_fixes
from chatapp_lint.linediff import Matcher
from chatapp_lint.loader import Kind, load_bytes, sniff_kind, special_kind
from chatapp_lint.loader.limits import MAX_FILE_BYTES
from chatapp_lint.rules import default_selection

_NONBLOCK: Final = getattr(os, "O_NONBLOCK", 0)  # POSIX only; Windows has no FIFOs

if TYPE_CHECKING:
    from chatapp_lint.config import Config
    from chatapp_lint.loader import Document
    from chatapp_lint.selection import Selection

_SUFFIXES: Final[dict[str, Kind]] = {".json": "json", ".yaml": "yaml", ".yml": "yaml"}
_BOM: Final = "\ufeff"
_WIDE: Final = 1_000_000_000  # never re-wrap a long string
_DASH_ROOM: Final = 2  # "- " before a sequence item's content
_Reported = frozenset[tuple[int, str, str]]


@attrs.frozen
class FixOutcome:
    """What fixing one file gives: its text before and after, and the fixes made.

    `note` says why fixes that were found were not applied (the fixed text did
    not read back as it should); it is None otherwise, including for a file
    that could not be read or parsed, which linting reports anyway.
    """

    original: str
    fixed: str
    changes: list[Change]
    note: str | None = None
    listed: bool = False  # the file holds a list of templates

    @property
    def changed(self) -> bool:
        """Whether fixing changed the text."""
        return self.fixed != self.original


@attrs.frozen
class FixRun:
    """The outcome of fixing several files: each file's outcome and write errors."""

    outcomes: list[tuple[str, FixOutcome]]
    errors: list[str]

    def diff(self) -> str:
        """The unified diff of every changed file, as `--diff` prints it."""
        return "".join(unified_diff(name, o) for name, o in self.outcomes)

    def notes(self) -> Iterator[str]:
        """One line per file left alone although it had something to fix."""
        for name, outcome in self.outcomes:
            if outcome.note is not None:
                yield f"{visible(name)}: not fixed: {outcome.note}."

    def messages(self) -> Iterator[str]:
        """One line per fix applied, then how many violations and files were fixed."""
        count = 0
        for name, outcome in self.outcomes:
            if not outcome.changed:
                continue
            for change in sorted(outcome.changes, key=_change_order):
                count += 1
                where = _where(change, listed=outcome.listed)
                yield (
                    f"{visible(name)}: fixed {change.code} at {visible(where)}: "
                    + visible(change.description)
                )
        if count:
            files = sum(o.changed for _, o in self.outcomes)
            yield f"Fixed {_plural(count, 'violation')} in {_plural(files, 'file')}."


def fix_files(
    paths: Iterable[str | Path],
    *,
    selection: Selection | None = None,
    config: Config | None = None,
    write: bool = True,
) -> FixRun:
    """Fix every template file under the paths, as `--fix` (or `--diff`) does.

    A file is left as it is, with a note, when writing it could cost the user
    something: it is read-only, it is a symbolic link to a file outside the
    path given, its owner or group could not be kept, or it changed after it
    was read (see `write_atomically`).

    Args:
        paths: files and directories, expanded as linting expands them.
        selection: the enabled rules; only their violations are fixed.
        config: its per-file and per-pointer ignores are respected.
        write: write the changed files (`--fix`), or only work out the changes
            (`--diff`).

    Returns:
        Each file's outcome, and the messages of files that could not be written.
    """
    outcomes: list[tuple[str, FixOutcome]] = []
    errors: list[str] = []
    files = config.files() if config is not None else None
    for given in paths:
        for name in discovery.expand([given], files):
            outcome = fix_path(Path(name), selection, config=config, name=name)
            refusal = _refusal(Path(name), Path(given)) if outcome.changed else None
            if refusal is not None:
                outcome = _left(outcome, refusal)
            elif write and outcome.changed:
                try:
                    write_atomically(
                        Path(name), outcome.fixed, expected=outcome.original
                    )
                except LeftAlone as left:
                    outcome = _left(outcome, str(left))
                except OSError as error:
                    reason = error.strerror or str(error)
                    errors.append(f"{visible(name)}: cannot write the fixes: {reason}.")
                    # The file keeps its old text: no message may claim otherwise.
                    outcome = attrs.evolve(outcome, fixed=outcome.original)
            outcomes.append((name, outcome))
    return FixRun(outcomes, errors)


class LeftAlone(Exception):  # noqa: N818 - a reason to leave a file, not a failure
    """Writing the fixes could lose what the user has: the file is left as it is."""


def _left(outcome: FixOutcome, reason: str) -> FixOutcome:
    """The outcome of a file left as it is, for `reason`."""
    return attrs.evolve(outcome, fixed=outcome.original, note=reason)


def _refusal(path: Path, given: Path) -> str | None:
    """Why the fixes of a file found under `given` must not be written, if they must not.

    A symbolic link may lead anywhere (a home directory's dotfile, a system
    file): only a file inside the directory given (or, for a file named
    itself, inside its own directory) is written.
    """
    try:
        status = path.stat()
    except OSError:
        return None  # written as linting reads it: the write reports the error
    if not status.st_mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH):
        return "it is read-only"
    real = Path(os.path.realpath(path))
    root = Path(os.path.realpath(given if given.is_dir() else given.parent))
    if not real.is_relative_to(root):
        return f"it is a symbolic link to a file outside {visible(str(given))}"
    return None


def fix_path(
    path: Path,
    selection: Selection | None = None,
    *,
    config: Config | None = None,
    name: str | None = None,
) -> FixOutcome:
    """Fix one file's text, without writing it (see `write_atomically`).

    Args:
        path: the file; its suffix says JSON or YAML, else its first character.
        selection: the enabled rules (the default selection when None).
        config: per-file and per-pointer ignores to respect, if any.
        name: the name the file is reported (and matched by ignores) under.

    Returns:
        The text before and after, and the fixes made; both texts are equal (and
        empty for a file that cannot be read) when there is nothing to fix.
    """
    data = _regular_file_bytes(path)
    if data is None:
        return FixOutcome("", "", [])  # linting reports why it cannot be read
    kind = _SUFFIXES.get(path.suffix.lower()) or sniff_kind(data)
    return fix_bytes(data, kind, selection, config=config, name=name or str(path))


def planned_fixes(
    path: Path,
    selection: Selection | None = None,
    *,
    config: Config | None = None,
    name: str | None = None,
) -> list[Change]:
    """The fixes `fix_path` would make, worked out on the loaded value only.

    This skips re-writing the text (and importing ruamel.yaml), which is what
    a report needs to mark the fixable violations. In rare cases the rewrite
    refuses fixes that do not read back; `--fix` then says so in a note.
    """
    data = _regular_file_bytes(path)
    if data is None:
        return []
    kind = _SUFFIXES.get(path.suffix.lower()) or sniff_kind(data)
    document = load_bytes(data, kind)
    if document.problems or document.source_map is None:
        return []
    chosen = selection or default_selection()
    reported = _reported(document, chosen, config, name or str(path))
    if not reported:
        return []
    return _fix_all(copy.deepcopy(document.value), chosen.enabled, reported)


def _regular_file_bytes(path: Path) -> bytes | None:
    """A regular file's bytes (up to the size limit), or None for anything else."""
    if special_kind(path) is not None:
        # Not even opened (a terminal, /dev/zero, a FIFO): only a regular file
        # is rewritten, and linting reports the others.
        return None
    try:
        # Opened without blocking, as the loader does: a FIFO named x.json must
        # not hang --fix waiting for a writer, if one took the file's place.
        descriptor = os.open(path, os.O_RDONLY | _NONBLOCK)
        with os.fdopen(descriptor, "rb") as stream:
            if not stat.S_ISREG(os.fstat(descriptor).st_mode):
                return None
            return stream.read(MAX_FILE_BYTES + 1)
    except (OSError, ValueError):
        return None


def fix_bytes(
    data: bytes,
    kind: Kind,
    selection: Selection | None = None,
    *,
    config: Config | None = None,
    name: str = "-",
) -> FixOutcome:
    """Fix a file's content given as bytes; see `fix_path`."""
    try:
        original = data.decode("utf-8")
    except UnicodeDecodeError:
        return FixOutcome("", "", [])
    unchanged = FixOutcome(original, original, [])
    document = load_bytes(data, kind)
    if document.problems or document.source_map is None:
        return unchanged  # a broken or ambiguous file is the user's to repair
    chosen = selection or default_selection()
    reported = _reported(document, chosen, config, name)
    expected = copy.deepcopy(document.value)
    changes = _fix_all(expected, chosen.enabled, reported)
    if not changes:
        return unchanged
    try:
        fixed = _rewrite(
            original,
            kind,
            expected=expected,
            changes=changes,
            enabled=chosen.enabled,
            reported=reported,
        )
    except _Refused as refusal:
        return attrs.evolve(unchanged, note=str(refusal))
    listed = isinstance(document.value, list) and bool(document.value)
    return FixOutcome(original, fixed, changes, listed=listed)


def write_atomically(path: Path, text: str, *, expected: str | None = None) -> bool:
    """Replace a file's content through a temporary file and a rename.

    A reader sees the old file or the new one, never half of either. The new
    file keeps the old one's owner, group and permissions; a symbolic link is
    followed, so the file it names is replaced and the link stays. A file that
    already holds `text` is not written at all, so its modification time does
    not change.

    Args:
        path: the file to replace.
        text: its new content.
        expected: the content the changes were made from. Checked just before
            the rename: a file edited meanwhile is left with the edit.

    Returns:
        Whether the file was written.

    Raises:
        LeftAlone: the file changed since it was read, or its owner or group
            could not be kept (a rename makes the writer the owner).
        OSError: the file cannot be written, or is not a regular file (a pipe
            or a device would be replaced by a file, not written to).
    """
    target = Path(os.path.realpath(path))
    content = text.encode("utf-8")
    status = _regular_status(target, path)
    if status is not None and _content(target) == content:
        return False
    descriptor, temporary = tempfile.mkstemp(
        prefix=f".{target.name}.", suffix=".tmp", dir=target.parent
    )
    try:
        with os.fdopen(descriptor, "wb") as stream:
            stream.write(content)
            stream.flush()
            os.fsync(stream.fileno())
        _keep_owner(Path(temporary), status)
        # mkstemp makes it private (0600); chmod after chown, which clears set-id bits
        Path(temporary).chmod(
            _new_file_mode() if status is None else stat.S_IMODE(status.st_mode)
        )
        if expected is not None:
            _still_as_read(target, expected.encode("utf-8"), status)
        Path(temporary).replace(target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    _sync_directory(target.parent)
    return True


def _regular_status(target: Path, path: Path) -> os.stat_result | None:
    """The file's status, None if there is no file; an error if it is not regular."""
    try:
        status = target.stat()
    except FileNotFoundError:
        return None
    if not stat.S_ISREG(status.st_mode):
        raise OSError(errno.EINVAL, "not a regular file", str(path))
    return status


def _content(target: Path) -> bytes | None:
    """A regular file's bytes, read without waiting (it could have become a FIFO)."""
    try:
        descriptor = os.open(target, os.O_RDONLY | _NONBLOCK)
    except OSError:
        return None
    with os.fdopen(descriptor, "rb") as stream:
        if not stat.S_ISREG(os.fstat(descriptor).st_mode):
            return None
        return stream.read(MAX_FILE_BYTES + 1)


def _keep_owner(temporary: Path, status: os.stat_result | None) -> None:
    """Give the new file the old one's owner and group, or refuse to replace it.

    As root the rename would make root the owner of another user's file; as
    anyone else, a file of another group would change group.
    """
    if status is None:
        return
    mine = temporary.stat()
    if (mine.st_uid, mine.st_gid) == (status.st_uid, status.st_gid):
        return
    try:
        os.chown(temporary, status.st_uid, status.st_gid)
    except OSError:
        raise LeftAlone(
            "its owner or group would change, since the fixed file is written anew"
        ) from None


def _still_as_read(
    target: Path, expected: bytes, status: os.stat_result | None
) -> None:
    """Refuse to rename over a file that is no longer the one the fixes were made from.

    Checked last, right before the rename: what is written in the instant
    between the two is the only edit that can still be lost.
    """
    try:
        now = target.stat()
    except FileNotFoundError:
        now = None
    same_file = (now is None) == (status is None) and (
        now is None
        or status is None
        or (now.st_dev, now.st_ino) == (status.st_dev, status.st_ino)
    )
    if not same_file or (now is not None and _content(target) != expected):
        raise LeftAlone("it changed while it was being fixed; run again to fix it")


def _new_file_mode() -> int:
    """The mode `open()` would give a new file: 0o666 less the umask."""
    mask = os.umask(0o022)  # reading the umask means setting it; put it back
    os.umask(mask)
    return 0o666 & ~mask


def unified_diff(name: str, outcome: FixOutcome) -> str:
    """The unified diff of one file's fixes, with `a/` and `b/` names as git writes.

    A name git would quote (a line break, a quote, a byte that is not ASCII)
    is quoted as git quotes it, so that no name can forge a line of the diff.
    """
    lines = linediff.unified_diff(
        _lines(outcome.original),
        _lines(outcome.fixed),
        fromfile=git_quoted(f"a/{name}"),
        tofile=git_quoted(f"b/{name}"),
    )
    # As in git's diffs, so that `git apply` and `patch` take the output.
    return "".join(
        line if line.endswith("\n") else line + "\n\\ No newline at end of file\n"
        for line in lines
    )


class _Refused(Exception):  # noqa: N818 - a reason, raised and caught in this module
    """The fixes cannot be written without risking more than they change."""


def _reported(
    document: Document, selection: Selection, config: Config | None, name: str
) -> _Reported:
    """(template, code, pointer) of each fixable violation that linting reports."""
    from chatapp_lint.engine import lint_document

    violations, _ = lint_document(document, name, selection)
    silenced = config.silenced if config is not None else (lambda _: False)
    return frozenset(
        (v.template, v.code, v.pointer)
        for v in violations
        if v.code in FIXES and not silenced(v)
    )


def _fix_all(
    root: Any, enabled: Callable[[str], bool], reported: _Reported
) -> list[Change]:
    """Fix each template of a file's value in place: the root, or each list item."""
    items = list(enumerate(root)) if isinstance(root, list) and root else [(0, root)]
    changes: list[Change] = []
    for index, template in items:
        if not isinstance(template, MutableMapping):
            continue

        def allowed(code: str, pointer: str, index: int = index) -> bool:
            return (index, code, pointer) in reported

        changes += [
            attrs.evolve(change, template=index)
            for change in apply_fixes(template, enabled, allowed)
        ]
    return changes


def _rewrite(  # noqa: PLR0913 - the text, and the plain run it must agree with
    original: str,
    kind: Kind,
    *,
    expected: Any,
    changes: list[Change],
    enabled: Callable[[str], bool],
    reported: _Reported,
) -> str:
    """The original text with the fixes applied, checked to load as `expected`."""
    bom = _BOM if original.startswith(_BOM) else ""
    body = original.removeprefix(bom)
    # Worked on with "\n" line ends, put back as the file had them.
    ending = _line_ending(body)
    text = body.replace(ending, "\n") if ending != "\n" else body
    dump = _dump_yaml if kind == "yaml" else _dump_json
    before, after, made = dump(text, lambda value: _fix_all(value, enabled, reported))
    if made != changes:
        raise _Refused("the fixes found differ between two readings of the file")
    comments = _yaml_comments(text) if kind == "yaml" else []
    # From the closest to the original to the plain dump: the first that reads
    # back right, with every comment kept, is written.
    candidates: tuple[Callable[[], str | None], ...] = (
        lambda: _carry_over(text, before, after),
        lambda: _carry_over_tokens(text, before, after) if kind == "json" else None,
        lambda: _ending_like(text, after),
    )
    dropped = False
    for make in candidates:
        candidate = make()
        if candidate is None or not _loads_as(candidate, kind, expected):
            continue
        if kind == "yaml" and _yaml_comments(candidate) != comments:
            dropped = True
            continue
        fixed = candidate.replace("\n", ending) if ending != "\n" else candidate
        return bom + fixed
    if dropped:
        raise _Refused("the fixes could not be written without losing a comment")
    raise _Refused("the fixed file would not read back as the fixed templates")


def _line_ending(text: str) -> str:
    """How the file's lines end: CRLF, CR or LF; refused when they end in several ways.

    Fixing writes every line it changes with that one ending; in a file of
    mixed endings it could not say which to use.
    """
    crlf = text.count("\r\n")
    cr, lf = text.count("\r") - crlf, text.count("\n") - crlf
    styles = [end for end, count in (("\r\n", crlf), ("\r", cr), ("\n", lf)) if count]
    if len(styles) > 1:
        raise _Refused("its lines end in more than one way (CRLF, CR, LF)")
    return styles[0] if styles else "\n"


_COMMENT: Final = re.compile(r"#[^\r\n]*")


def _yaml_comments(text: str) -> list[str] | None:
    """Every comment of a YAML text, in order; None if it does not scan.

    Comments are what lies between the parser's tokens from a `#` to the end
    of its line: a `#` inside a scalar is part of a token.
    """
    import yaml

    from chatapp_lint.loader.yaml_core import Parser, ordinary_breaks

    ordinary, _ = ordinary_breaks(text)
    parser = Parser(ordinary)
    comments: list[str] = []
    done = 0
    try:
        while (token := parser.get_token()) is not None:
            start = token.start_mark.index
            if start > done:
                comments += _COMMENT.findall(text, done, start)
            done = max(done, token.end_mark.index)
    except yaml.YAMLError:
        return None
    finally:
        parser.dispose()
    return comments + _COMMENT.findall(text, done)


_Edit = Callable[[Any], list[Change]]


def _dump_json(text: str, edit: _Edit) -> tuple[str, str, list[Change]]:
    """The JSON text re-dumped as it is and as fixed (in its style), and the fixes."""
    value = json.loads(text)
    style = _json_style(text)
    before = json.dumps(value, **style)
    made = edit(value)
    return before, json.dumps(value, **style), made


def _json_style(text: str) -> dict[str, Any]:
    """`json.dumps` arguments that write like the file: indentation, spacing, escapes."""
    key_separator = ": " if re.search(r'"\s*:\s', text) else ":"
    ascii_only = text.isascii() and "\\u" in text
    indented = re.search(r"\n([ \t]+)\S", text.strip())
    if indented is None and "\n" in text.strip():  # lines, but none indented
        return {
            "indent": 0,
            "separators": (",", key_separator),
            "ensure_ascii": ascii_only,
        }
    if indented is None:  # everything on one line
        item_separator = ", " if re.search(r",\s", text) else ","
        return {
            "separators": (item_separator, key_separator),
            "ensure_ascii": ascii_only,
        }
    unit = indented.group(1)
    return {
        "indent": "\t" if "\t" in unit else len(unit),
        "separators": (",", key_separator),
        "ensure_ascii": ascii_only,
    }


def _dump_yaml(text: str, edit: _Edit) -> tuple[str, str, list[Change]]:
    """The YAML text round-tripped as it is and as fixed, and the fixes."""
    from ruamel.yaml import YAML

    yaml = YAML(typ="rt")
    yaml.preserve_quotes = True
    yaml.width = _WIDE
    try:
        value = yaml.load(text)
    except Exception as error:  # noqa: BLE001 - what ruamel cannot read is left alone
        raise _Refused(f"ruamel.yaml cannot read it ({type(error).__name__})") from None
    lines = text.split("\n")
    mapping, sequence, offset = _yaml_indent(value, lines)
    yaml.indent(mapping=mapping, sequence=sequence, offset=offset)
    yaml.explicit_start = _explicit_start(lines)
    # ruamel indents a top-level list by the offset too; a file whose top-level
    # dashes start the line gets that indentation taken back off.
    shift = offset if _root_dash_column(value, lines) == 0 else 0
    if shift:
        _shift_comments(value, shift)  # their columns are kept as absolute ones

    def dumped() -> str:
        stream = io.StringIO()
        try:
            yaml.dump(value, stream)
        except Exception as error:  # noqa: BLE001 - what ruamel cannot write is left alone
            name = type(error).__name__
            raise _Refused(f"ruamel.yaml cannot write it back ({name})") from None
        return _dedent(stream.getvalue(), shift) if shift else stream.getvalue()

    before = dumped()
    made = edit(value)
    return before, dumped(), made


def _shift_comments(value: Any, by: int) -> None:
    """Move every end-of-line comment right, to where the indented dump puts its line."""
    from ruamel.yaml.error import CommentMark

    children = value.values() if isinstance(value, dict) else value
    slots = getattr(getattr(value, "ca", None), "items", {})
    for slot in slots.values():
        token: Any = slot[0 if isinstance(value, list) else 2] if slot else None
        text = getattr(token, "value", None)
        if isinstance(text, str) and not text.startswith("\n"):
            token.start_mark = CommentMark(token.start_mark.column + by)
    for child in children:
        if isinstance(child, dict | list):
            _shift_comments(child, by)


def _yaml_indent(value: Any, lines: list[str]) -> tuple[int, int, int]:
    """The file's most used (mapping, sequence, offset) indentation, as ruamel names it.

    Found from where ruamel saw each nested block collection start; a file with
    none keeps the common style (2, 4, 2).
    """
    mappings: Counter[int] = Counter()
    sequences: Counter[tuple[int, int]] = Counter()
    for key_line, key_column, child in _nested_blocks(value):
        if isinstance(child, dict):
            line, column = _start(child, next(iter(child)))
            if line > key_line:
                mappings[column - key_column] += 1
        else:
            line, column = _start(child, 0)
            dash = lines[line].rfind("-", 0, column) if line < len(lines) else -1
            if line > key_line and dash >= key_column:
                sequences[(column - key_column, dash - key_column)] += 1
    mapping = mappings.most_common(1)[0][0] if mappings else 2
    sequence, offset = sequences.most_common(1)[0][0] if sequences else (4, 2)
    if mapping < 1 or sequence < offset + _DASH_ROOM:
        return 2, 4, 2  # a style ruamel cannot write; the carry-over may still work
    return mapping, sequence, offset


def _nested_blocks(value: Any) -> Iterator[tuple[int, int, Any]]:
    """(line, column) of each mapping key whose value is a non-empty block collection."""
    if isinstance(value, dict):
        for key, child in value.items():
            if isinstance(child, dict | list) and child and not _flow(child):
                line, column = _start(value, key)
                yield line, column, child
            yield from _nested_blocks(child)
    elif isinstance(value, list):
        for item in value:
            yield from _nested_blocks(item)


def _start(collection: Any, key: Any) -> tuple[int, int]:
    """Where ruamel read a mapping's key, or a list's item: 0-based line and column."""
    positions = collection.lc
    in_mapping = isinstance(collection, dict)
    line, column = positions.key(key) if in_mapping else positions.item(key)
    return int(line), int(column)


def _flow(value: Any) -> bool:
    return bool(value.fa.flow_style()) if hasattr(value, "fa") else False


def _root_dash_column(value: Any, lines: list[str]) -> int | None:
    """The column of the first top-level dash, for a block list at the top."""
    if not isinstance(value, list) or not value or _flow(value):
        return None
    line, column = _start(value, 0)
    return lines[line].rfind("-", 0, column) if line < len(lines) else None


def _explicit_start(lines: list[str]) -> bool:
    for line in lines:
        if line.strip() and not line.lstrip().startswith(("#", "%")):
            return line == "---" or line.startswith("--- ")
    return False


def _dedent(text: str, width: int) -> str:
    prefix = " " * width
    return "".join(line.removeprefix(prefix) for line in _lines(text))


def _carry_over(original: str, before: str, after: str) -> str | None:
    """`original` with the edits that turn `before` into `after`; None if they do not fit.

    `before` is the dumper's rendering of the original: line by line, the two
    mostly agree. Each edit must touch only lines that the original holds just
    as `before` does, in the same order, or the edits cannot be placed.
    """
    ended = original.endswith("\n")
    # Compared with a final line break each, which only the original may lack.
    ours, base, new = (
        _lines(text.removesuffix("\n") + "\n") for text in (original, before, after)
    )
    where: dict[int, int] = {}
    for block in Matcher(base, ours).get_matching_blocks():
        where.update((block.a + k, block.b + k) for k in range(block.size))
    pieces: list[str] = []
    done = 0
    edits = Matcher(base, new).get_opcodes()
    for tag, i1, i2, j1, j2 in edits:
        if tag == "equal":
            continue
        span = _span(where, i1, i2, len(base), len(ours))
        if span is None or span[0] < done:
            return None
        pieces += [*ours[done : span[0]], *new[j1:j2]]
        done = span[1]
    result = "".join([*pieces, *ours[done:]])
    return result if ended else result.removesuffix("\n")


_JSON_TOKEN: Final = re.compile(
    r'([ \t\r\n]*)("(?:[^"\\]|\\.)*"|[-+0-9.eE]+|true|false|null|[{}\[\]:,])'
)
_Tokens = list[tuple[str, str]]


def _carry_over_tokens(original: str, before: str, after: str) -> str | None:
    """For JSON laid out in a way `json.dumps` does not write: edit token by token.

    `before` holds the same JSON value as the original, so its tokens match the
    original's one for one, whatever the layout. Tokens the fixes keep are
    copied from the original with their spacing; a new token in place of an
    original one takes its spacing, and further new ones are spaced compactly.
    """
    ours, base, new = _json_tokens(original), _json_tokens(before), _json_tokens(after)
    if ours is None or base is None or new is None or len(ours[0]) != len(base[0]):
        return None
    (kept, tail), (old, _), (made, _) = ours, base, new
    pieces: list[str] = []
    matcher = Matcher([t for _, t in old], [t for _, t in made])
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            pieces += [space + token for space, token in kept[i1:i2]]
            continue
        for offset, (_, token) in enumerate(made[j1:j2]):
            if offset < i2 - i1:  # in place of an original token: take its spacing
                space = kept[i1 + offset][0]
            else:  # beyond them: written compactly, on the line before
                space = _json_space(pieces[-1][-1:] if pieces else "", token)
            pieces.append(space + token)
    return "".join(pieces) + tail


def _json_space(previous: str, following: str) -> str:
    """The spacing of a compact dump between a token ending in `previous` and the next."""
    return "" if previous in "[{" or following in ",:]}" else " "


def _json_tokens(text: str) -> tuple[_Tokens, str] | None:
    """(spacing, token) pairs of a JSON text and the spacing after the last, if it lexes."""
    tokens: _Tokens = []
    position = 0
    while match := _JSON_TOKEN.match(text, position):
        tokens.append((match.group(1), match.group(2)))
        position = match.end()
    tail = text[position:]
    return (tokens, tail) if not tail.strip(" \t\r\n") else None


def _lines(text: str) -> list[str]:
    """The lines of a text, each with its line break: only a line feed ends a line.

    `str.splitlines` would also split at characters such as U+2028, which a
    JSON or YAML string may hold as they are.
    """
    parts = text.split("\n")
    return [part + "\n" for part in parts[:-1]] + ([parts[-1]] if parts[-1] else [])


def _span(
    where: dict[int, int], start: int, end: int, base_size: int, size: int
) -> tuple[int, int] | None:
    """The original lines that stand for `before`'s lines [start, end), if known."""
    if end > start:
        first = where.get(start)
        if first is None or any(
            where.get(i) != first + i - start for i in range(start, end)
        ):
            return None
        return first, first + end - start
    # An insertion: the lines on both sides must be neighbours in the original.
    after_previous = where.get(start - 1, -2) + 1 if start > 0 else 0
    at_next = where.get(start) if start < base_size else size
    if at_next is None or after_previous != at_next:
        return None
    return at_next, at_next


def _ending_like(original: str, dumped: str) -> str:
    """A whole dump, ending with a line break exactly when the original did."""
    body = dumped.rstrip("\n")
    return body + "\n" if original.endswith("\n") else body


def _loads_as(text: str, kind: Kind, expected: Any) -> bool:
    """Whether the text loads, without a problem, to exactly the expected value."""
    document = load_bytes(text.encode("utf-8"), kind)
    return not document.problems and _identical(document.value, expected)


def _identical(left: Any, right: Any) -> bool:
    """Equal, with the same types (1 is not 1.0 nor true) and the same key order."""
    if type(left) is not type(right):
        return False
    if isinstance(left, dict):
        return list(left) == list(right) and all(
            _identical(left[key], right[key]) for key in left
        )
    if isinstance(left, list):
        return len(left) == len(right) and all(map(_identical, left, right))
    return bool(left == right)  # no NaN: a non-finite number is a loader problem


def _change_order(change: Change) -> tuple[int, str, str]:
    return change.template, change.pointer, change.code


def _where(change: Change, *, listed: bool) -> str:
    """Where a change was, as a pointer into the file."""
    pointer = f"/{change.template}{change.pointer}" if listed else change.pointer
    return pointer or "/"


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}{'' if count == 1 else 's'}"


def _sync_directory(directory: Path) -> None:
    """Make the rename durable where the system allows it (not on Windows)."""
    try:
        descriptor = os.open(directory, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(descriptor)
    except OSError:
        pass  # some file systems refuse to sync a directory; the rename stands
    finally:
        os.close(descriptor)


__all__ = [
    "FixOutcome",
    "FixRun",
    "LeftAlone",
    "fix_bytes",
    "fix_files",
    "fix_path",
    "planned_fixes",
    "unified_diff",
    "write_atomically",
]
