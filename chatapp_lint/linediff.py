"""Match two sequences of lines (or tokens) in time close to linear in their length.

`difflib.SequenceMatcher(autojunk=False)` looks for the longest matching block
again in every gap it leaves, which is cubic on files where many lines repeat:
a YAML file of 900 templates took more than ten minutes to diff. This module
matches as patience diff does (Bram Cohen's; git's `--patience`): lines that
occur once on each side anchor the match, the longest run of anchors in order
is kept, and the gaps between anchors are matched the same way, a bounded
number of levels deep. A gap left without anchors is matched by difflib only
when it is small, and otherwise counts as replaced: the edits found are always
correct (they turn one side into the other), if not always the fewest.

The matching blocks are handed to difflib's own code for opcodes and hunks, so
the unified diff is written exactly as `difflib.unified_diff` writes it.
"""

from __future__ import annotations

import bisect
import difflib
from collections import Counter
from collections.abc import Hashable, Iterator, Sequence
from typing import Final

_MAX_DEPTH: Final = 8
"""Levels of anchors looked for inside gaps; each level costs one pass over them."""

_SMALL_GAP: Final = 4_096
"""Largest (lines on one side) x (lines on the other) handed to difflib as it is."""


class Matcher(difflib.SequenceMatcher[Hashable]):
    """A `difflib.SequenceMatcher` whose matching blocks are found in near-linear time.

    Everything difflib derives from the blocks (`get_opcodes`,
    `get_grouped_opcodes`) works unchanged.
    """

    def __init__(self, a: Sequence[Hashable], b: Sequence[Hashable]) -> None:
        super().__init__(None, a, b, autojunk=False)
        self._sides = (a, b)
        self._blocks: list[difflib.Match] | None = None

    def get_matching_blocks(self) -> list[difflib.Match]:
        """Blocks `(i, j, n)` with `a[i:i+n] == b[j:j+n]`, in order, ending with `(len(a), len(b), 0)`."""
        if self._blocks is None:
            self._blocks = _blocks(*self._sides)
        return self._blocks


def unified_diff(
    a: Sequence[str], b: Sequence[str], fromfile: str, tofile: str, context: int = 3
) -> Iterator[str]:
    """The lines of a unified diff of `a` into `b`, as `difflib.unified_diff` writes them.

    The names are written as given: quote them first if they need it.
    """
    started = False
    for group in Matcher(a, b).get_grouped_opcodes(context):
        if not started:
            started = True
            yield f"--- {fromfile}\n"
            yield f"+++ {tofile}\n"
        first, last = group[0], group[-1]
        old = _range(first[1], last[2])
        new = _range(first[3], last[4])
        yield f"@@ -{old} +{new} @@\n"
        for tag, i1, i2, j1, j2 in group:
            if tag == "equal":
                yield from (" " + line for line in a[i1:i2])
                continue
            if tag in {"replace", "delete"}:
                yield from ("-" + line for line in a[i1:i2])
            if tag in {"replace", "insert"}:
                yield from ("+" + line for line in b[j1:j2])


def _range(start: int, stop: int) -> str:
    """A hunk's range as the unified format writes it (difflib's `_format_range_unified`)."""
    beginning = start + 1
    length = stop - start
    if length == 1:
        return f"{beginning}"
    if not length:
        beginning -= 1  # an empty range starts on the line before
    return f"{beginning},{length}"


def _blocks(a: Sequence[Hashable], b: Sequence[Hashable]) -> list[difflib.Match]:
    pairs: list[tuple[int, int]] = []
    pending = [(0, len(a), 0, len(b), 0)]
    while pending:
        alo, ahi, blo, bhi, depth = pending.pop()
        pending += _match_range(a, b, (alo, ahi, blo, bhi), depth, pairs)
    pairs.sort()
    blocks: list[difflib.Match] = []
    for i, j in pairs:
        if (
            blocks
            and blocks[-1].a + blocks[-1].size == i
            and blocks[-1].b + blocks[-1].size == j
        ):
            last = blocks[-1]
            blocks[-1] = difflib.Match(last.a, last.b, last.size + 1)
        else:
            blocks.append(difflib.Match(i, j, 1))
    blocks.append(difflib.Match(len(a), len(b), 0))
    return blocks


_Range = tuple[int, int, int, int]


def _match_range(
    a: Sequence[Hashable],
    b: Sequence[Hashable],
    bounds: _Range,
    depth: int,
    pairs: list[tuple[int, int]],
) -> list[tuple[int, int, int, int, int]]:
    """Match one gap: its common ends, then its anchors; the gaps left to match."""
    alo, ahi, blo, bhi = bounds
    while alo < ahi and blo < bhi and a[alo] == b[blo]:
        pairs.append((alo, blo))
        alo, blo = alo + 1, blo + 1
    while alo < ahi and blo < bhi and a[ahi - 1] == b[bhi - 1]:
        ahi, bhi = ahi - 1, bhi - 1
        pairs.append((ahi, bhi))
    if alo == ahi or blo == bhi:
        return []
    anchors = _anchors(a, b, (alo, ahi, blo, bhi)) if depth < _MAX_DEPTH else []
    if not anchors:
        if (ahi - alo) * (bhi - blo) <= _SMALL_GAP:
            small = difflib.SequenceMatcher(
                None, a[alo:ahi], b[blo:bhi], autojunk=False
            )
            for i, j, size in small.get_matching_blocks():
                pairs += [(alo + i + k, blo + j + k) for k in range(size)]
        return []  # a large gap without anchors counts as replaced
    gaps: list[tuple[int, int, int, int, int]] = []
    previous_a, previous_b = alo, blo
    for i, j in anchors:
        pairs.append((i, j))
        gaps.append((previous_a, i, previous_b, j, depth + 1))
        previous_a, previous_b = i + 1, j + 1
    gaps.append((previous_a, ahi, previous_b, bhi, depth + 1))
    return gaps


def _anchors(
    a: Sequence[Hashable], b: Sequence[Hashable], bounds: _Range
) -> list[tuple[int, int]]:
    """The longest run, in order on both sides, of items found once on each side."""
    alo, ahi, blo, bhi = bounds
    in_a = Counter(a[alo:ahi])
    in_b = Counter(b[blo:bhi])
    where_b = {item: j for j, item in enumerate(b[blo:bhi], blo) if in_b[item] == 1}
    candidates = [
        (i, where_b[item])
        for i, item in enumerate(a[alo:ahi], alo)
        if in_a[item] == 1 and item in where_b
    ]
    return _longest_increasing(candidates)


def _longest_increasing(pairs: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The longest subsequence of `pairs` (sorted by first item) rising in the second."""
    tails: list[int] = []  # tails[k]: the smallest second item ending a run of k + 1
    ends: list[int] = []  # the index in `pairs` of that run's last pair
    before: list[int] = [-1] * len(pairs)
    for index, (_, j) in enumerate(pairs):
        length = bisect.bisect_left(tails, j)
        if length == len(tails):
            tails.append(j)
            ends.append(index)
        else:
            tails[length] = j
            ends[length] = index
        before[index] = ends[length - 1] if length else -1
    run: list[tuple[int, int]] = []
    index = ends[-1] if ends else -1
    while index >= 0:
        run.append(pairs[index])
        index = before[index]
    return run[::-1]


__all__ = ["Matcher", "unified_diff"]
