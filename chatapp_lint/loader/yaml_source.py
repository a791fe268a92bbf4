"""Load YAML, building the value and its source map in one pass over parser events.

Not `yaml.compose`: it recurses once per level (a crash at 100,000 levels, even in
C), forgets where an alias was written and expands alias bombs unchecked. This walk
keeps its own stack, checks depth as it goes and counts what aliases add.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import attrs
import yaml
from yaml.events import (
    AliasEvent,
    CollectionEndEvent,
    DocumentEndEvent,
    DocumentStartEvent,
    Event,
    MappingStartEvent,
    ScalarEvent,
    SequenceStartEvent,
    StreamEndEvent,
)

from chatapp_lint.loader import yaml_core as core
from chatapp_lint.loader.limits import (
    MAX_ALIAS_NODES,
    MAX_DEPTH,
    MAX_ITEMS,
    MAX_POINTER_CHARS,
    MAX_VALUES,
)
from chatapp_lint.loader.sourcemap import (
    Document,
    EntryMap,
    FileProblem,
    SourceMap,
    Stop,
    by_position,
    failed,
    prune,
    quote,
)
from chatapp_lint.model import Position
from chatapp_lint.pointer import escape, join

_Entry = tuple[str, Position | None, Position]
_KEY_TAGS = (None, "!", core.STR, *core.PATTERNS)
_DEFINING = (ScalarEvent, MappingStartEvent, SequenceStartEvent)
_NODES = (*_DEFINING, AliasEvent)
_EMPTY = "The file holds no YAML document: it is empty or only comments."
_TOO_DEEP = f"The document nests deeper than {MAX_DEPTH} levels."
_TOO_LONG_PATH = (
    f"The path to a value (its JSON Pointer) is over {MAX_POINTER_CHARS:,} characters."
)


@attrs.define
class _Frame:
    """A mapping or sequence being filled, and the member it waits for."""

    container: Any
    pointer: str
    anchor: str | None
    start: int  # the builder's count of nodes when it opened
    key: str | None = None
    key_event: Event | None = None  # where the pending key is, read only if needed
    skip_value: bool = False

    @property
    def key_position(self) -> Position | None:
        """Where the pending key starts."""
        return core.where(self.key_event) if self.key_event is not None else None


@attrs.frozen
class _Anchor:
    """An anchored value, the map entries below it that an alias repeats, and how many."""

    value: Any
    pointer: str
    entries: list[_Entry]
    size: int = 0


_UNSUPPORTED = _Anchor(None, "", [])


@attrs.define
class _Builder:
    """Builds the value and its entries from a document's events, without recursion.

    With `record` off, no entry is recorded and no position is worked out unless
    a problem needs it: most files are clean, and a clean file never asks where
    its values are (see `_LazyEntryMap`).
    """

    record: bool = True
    root: Any = None
    empty: bool = False  # the document is one empty plain scalar (`---` alone)
    entries: list[_Entry] = attrs.Factory(list)
    problems: list[FileProblem] = attrs.Factory(list)
    stack: list[_Frame] = attrs.Factory(list)
    anchors: dict[str, _Anchor] = attrs.Factory(dict)
    open: set[str] = attrs.Factory(set)  # anchors whose node is not finished yet
    expanded: int = 0  # values added by aliases so far
    skipping: int = 0  # depth inside a node being passed over
    values: int = 0  # values read so far, those passed over included
    nodes: int = 0  # values built so far, each alias counting what it repeats

    def feed(self, event: Event) -> None:
        frame = self.stack[-1] if self.stack else None
        if self.skipping:
            self._skip(event)
        elif isinstance(event, CollectionEndEvent):
            self._close()
        elif frame is not None and frame.skip_value:
            frame.skip_value = False
            self._skip(event)
        elif frame and frame.key is None and isinstance(frame.container, dict):
            self._key(frame, event)
        else:
            self._value(frame, event)

    def document(self, text: str) -> Document:
        problems = by_position(self.problems)
        if not self.record:
            return Document(self.root, _LazyEntryMap(text), problems)
        entries = {pointer: (key, value) for pointer, key, value in self.entries}
        if any(problem.code == "FL004" for problem in self.problems):
            entries = prune(entries, self.root)
        return Document(self.root, EntryMap(entries), problems)

    def _report(self, code: str, message: str, pointer: str, at: Position) -> None:
        self.problems.append(FileProblem(code, message, pointer, at))

    def _count(self, event: Event) -> None:
        """Count a value before it is built (keys are not values, as in JSON).

        libyaml streams events, so stopping here bounds memory and time however
        large the file is; nodes passed over count too, since reading them costs.
        """
        self.values += 1
        if self.values > MAX_VALUES:
            message = f"The document holds more than {MAX_VALUES:,} values."
            raise Stop("FL009", message, core.where(event))

    def _skip(self, event: Event) -> None:
        """Pass over one node (a refused key or tagged value) and all it contains."""
        if isinstance(event, _NODES):
            self._count(event)
        if isinstance(event, _DEFINING) and event.anchor is not None:
            self.anchors[event.anchor] = _UNSUPPORTED
        if isinstance(event, CollectionEndEvent):
            self.skipping -= 1
        elif isinstance(event, MappingStartEvent | SequenceStartEvent):
            self._check_depth(event)
            self.skipping += 1

    def _check_depth(self, event: Event) -> None:
        if len(self.stack) + self.skipping >= MAX_DEPTH:
            raise Stop("FL008", _TOO_DEEP, core.where(event))

    def _key(self, frame: _Frame, event: Event) -> None:
        if not isinstance(event, ScalarEvent):
            kind = "an alias" if isinstance(event, AliasEvent) else "a list or map"
            message = f"A key must be plain text, not {kind}."
        elif event.tag in _KEY_TAGS:
            self._accept_key(frame, event, lambda: core.where(event))
            return
        else:
            message = core.unsupported(event.tag)
        self._report("FL007", message, frame.pointer, core.where(event))
        self._skip(event)
        frame.skip_value = True

    def _accept_key(
        self, frame: _Frame, event: ScalarEvent, position: Callable[[], Position]
    ) -> None:
        key = event.value  # a key is its text, whatever it looks like
        if key in frame.container:
            message = f"Duplicate key {quote(key)}: only its last value is kept."
            self._report("FL004", message, join(frame.pointer, key), position())
        if event.anchor is not None:
            self.anchors[event.anchor] = _Anchor(key, "", [])
        frame.key, frame.key_event = key, event

    def _value(self, frame: _Frame | None, event: Event) -> None:
        self._count(event)
        if frame is None:
            pointer = ""
        else:
            token = frame.key if frame.key is not None else len(frame.container)
            _check_items(frame, event)
            # The pointer's length is checked before it is built: every value
            # below would repeat this path in the source map.
            step = escape(token)
            if len(frame.pointer) + 1 + len(step) > MAX_POINTER_CHARS:
                where = frame.key_position if frame.key is not None else None
                raise Stop("FL009", _TOO_LONG_PATH, where or core.where(event))
            pointer = frame.pointer + "/" + step
        self.nodes += 1
        if self.record:
            key_position = (
                frame.key_position if frame and frame.key is not None else None
            )
            self.entries.append((pointer, key_position, core.where(event)))
        if isinstance(event, ScalarEvent):
            value = self._scalar(event, pointer)
        elif isinstance(event, AliasEvent):
            value = self._alias(event.anchor or "", pointer, event)
        else:
            value = self._open(event, pointer)
        if frame is None:
            self.root = value
        elif frame.key is not None:
            frame.container[frame.key] = value
            frame.key = None
        else:
            frame.container.append(value)

    def _scalar(self, event: ScalarEvent, pointer: str) -> Any:
        self.empty = event.implicit[0] and not (self.stack or event.value or event.tag)
        try:
            value = core.scalar_value(event)
        except core.Refused as refused:
            self._report(refused.code, str(refused), pointer, core.where(event))
            value = None
        if event.anchor is not None:
            self.anchors[event.anchor] = _Anchor(value, pointer, [])
        return value

    def _alias(self, name: str, pointer: str, event: Event) -> Any:
        if name in self.open:
            message = f"The alias {quote(name)} is recursive: it is inside its anchor."
            self._report("FL007", message, pointer, core.where(event))
            return None
        anchor = self.anchors.get(name)
        if anchor is None:
            message = f"The alias {quote(name)} refers to no anchor."
            raise Stop("FL003", message, core.where(event))
        self.expanded += anchor.size + 1
        self.nodes += anchor.size
        if self.expanded > MAX_ALIAS_NODES:
            message = f"Alias expansion exceeds {MAX_ALIAS_NODES} nodes."
            raise Stop("FL007", message, core.where(event))
        if self.record:
            cut = len(anchor.pointer)
            self.entries += [(pointer + at[cut:], k, v) for at, k, v in anchor.entries]
        return anchor.value

    def _open(self, event: Event, pointer: str) -> Any:
        assert isinstance(event, MappingStartEvent | SequenceStartEvent)  # noqa: S101
        expected = core.MAP if isinstance(event, MappingStartEvent) else core.SEQ
        if event.tag not in (None, "!", expected):
            message = core.unsupported(event.tag)
            self._report("FL007", message, pointer, core.where(event))
            self._skip(event)
            return None
        self._check_depth(event)
        container: Any = {} if isinstance(event, MappingStartEvent) else []
        self.stack.append(_Frame(container, pointer, event.anchor, self.nodes))
        if event.anchor is not None:
            self.open.add(event.anchor)
        return container

    def _close(self) -> None:
        frame = self.stack.pop()
        if frame.anchor is not None:
            self.open.discard(frame.anchor)
            # What an alias of the node adds: as many nodes as it holds (and,
            # when positions are recorded, one entry each).
            size = self.nodes - frame.start
            below = self.entries[-size:] if self.record and size else []
            self.anchors[frame.anchor] = _Anchor(
                frame.container, frame.pointer, below, size
            )


def _check_items(frame: _Frame, event: Event) -> None:
    """Refuse a list or mapping about to grow past the limit (a repeated key does not)."""
    grows = frame.key is None or frame.key not in frame.container
    if grows and len(frame.container) >= MAX_ITEMS:
        message = f"A list or object holds more than {MAX_ITEMS:,} items."
        raise Stop("FL009", message, core.where(event))


def load_yaml(text: str, *, positions: bool = False) -> Document:
    """Load a YAML text (decoded, without a BOM, not blank) into a `Document`.

    Positions are worked out when first asked for, by reading the text again
    (`positions=True` works them out at once).
    """
    source = text
    text, restore = core.ordinary_breaks(text)
    try:
        return _load(text, restore, record=positions, source=source)
    except Stop as stop:
        return stop.document
    except yaml.YAMLError as error:
        if core.nests_too_deep(error):
            return _too_deep(text, restore, error)
        return failed("FL003", *core.syntax_problem(error, text))


def _too_deep(text: str, restore: core.Restore, error: yaml.YAMLError) -> Document:
    """FL008 for a file whose nesting the parser refused before this loader could.

    libyaml 0.2.5 (in PyYAML 6.0.4 and later) stops at 1,000 levels, and its
    scanner reads a run of `[[[` that far ahead of the events this loader
    counts. The text up to where it stopped nests less than that, so reading it
    again lets this loader's own limit say where the file got too deep; should
    that fail, the parser's position is reported.
    """
    stopped = core.error_position(error)
    lines = text.split("\n")[: stopped.line]
    lines[-1] = lines[-1][: stopped.column - 1]
    try:
        shorter = "\n".join(lines)
        _load(shorter, restore, record=False, source=shorter)
    except Stop as stop:
        if stop.document.problems[0].code == "FL008":
            return stop.document
    except yaml.YAMLError:
        pass
    return failed("FL008", _TOO_DEEP, stopped)


def _load(text: str, restore: core.Restore, *, record: bool, source: str) -> Document:
    parser = core.Parser(text)
    try:
        parser.get_event()
        if parser.check_event(StreamEndEvent):
            return failed("FL005", _EMPTY)
        parser.get_event()
        builder = _Builder(record=record)
        event = parser.get_event()
        while event is not None and not isinstance(event, DocumentEndEvent):
            if isinstance(event, ScalarEvent):
                event.value = restore(event.value)
            builder.feed(event)
            event = parser.get_event()
        second = parser.get_event()
        if isinstance(second, DocumentStartEvent):
            message = "The file holds more than one YAML document."
            return failed("FL003", message, core.where(second))
        return failed("FL005", _EMPTY) if builder.empty else builder.document(source)
    finally:
        parser.dispose()


class _LazyEntryMap:
    """A YAML file's source map, worked out when a position is first asked for.

    Reading the text again with positions recorded gives the same values and
    entries as the first reading did, since the text is the same.
    """

    def __init__(self, text: str) -> None:
        self._text: str | None = text
        self._map: SourceMap | None = None

    def position(self, pointer: str, *, key: bool = False) -> Position | None:
        """Where the value at `pointer` starts, or its member name with `key=True`."""
        if self._text is not None:
            self._map = load_yaml(self._text, positions=True).source_map
            self._text = None
        return self._map.position(pointer, key=key) if self._map is not None else None
