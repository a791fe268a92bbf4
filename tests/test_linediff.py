"""The line matcher behind `--fix` and `--diff`: correct edits, in near-linear work."""

from __future__ import annotations

import difflib
from collections.abc import Hashable

from hypothesis import given
from hypothesis import strategies as st

from chatapp_lint.linediff import Matcher, unified_diff

LINES = st.lists(
    st.sampled_from(["a\n", "b\n", "c\n", "- x\n", "  y: 1\n"]), max_size=40
)


def _apply(a: list[str], b: list[str]) -> list[str]:
    """`a` edited by the matcher's opcodes, which must give `b`."""
    out: list[str] = []
    for tag, i1, i2, j1, j2 in Matcher(a, b).get_opcodes():
        out += a[i1:i2] if tag == "equal" else b[j1:j2]
    return out


@given(LINES, LINES)
def test_opcodes_turn_one_side_into_the_other(a: list[str], b: list[str]) -> None:
    assert _apply(a, b) == b
    for i, j, size in Matcher(a, b).get_matching_blocks():
        assert a[i : i + size] == b[j : j + size]


@given(LINES, LINES)
def test_the_unified_diff_patches_back(a: list[str], b: list[str]) -> None:
    """Applied hunk by hunk, the diff turns `a` into `b` (what `patch` does)."""
    lines = list(unified_diff(a, b, "a/f", "b/f"))
    if a == b:
        assert lines == []
        return
    result: list[str] = []
    done = 0
    for line in lines[2:]:
        if line.startswith("@@"):
            start = int(line.split()[1].split(",")[0].lstrip("-"))
            length = line.split()[1].split(",")
            first = start - 1 if len(length) == 1 or length[1] != "0" else start
            result += a[done:first]
            done = first
        elif line.startswith((" ", "-")):
            assert a[done] == line[1:]
            if line.startswith(" "):
                result.append(line[1:])
            done += 1
        else:
            result.append(line[1:])
    assert result + a[done:] == b


def test_few_changes_match_as_difflib_does() -> None:
    a = [f"line {n}\n" for n in range(50)]
    b = [*a[:10], "new\n", *a[11:40], *a[41:]]
    ours = Matcher(a, b).get_opcodes()
    assert ours == difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes()


class _Counted:
    """A line that counts how often it is hashed: the matcher's work."""

    hashes = 0

    def __init__(self, text: str) -> None:
        self.text = text

    def __hash__(self) -> int:
        _Counted.hashes += 1
        return hash(self.text)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, _Counted) and other.text == self.text


def _templates(count: int, language: str) -> list[Hashable]:
    lines: list[Hashable] = []
    for n in range(count):
        lines += [
            _Counted(text)
            for text in (
                "- TemplateType: WHATSAPP",
                f"  Name: order_{n}",
                f"  Language: {language}",
                "  Category: UTILITY",
                "  Components:",
                "    - Type: BODY",
                f"      Text: Order {n} has shipped.",
            )
        ]
    return lines


def test_work_grows_linearly_with_repeated_lines() -> None:
    """Every template repeats most lines and changes one: difflib was cubic here.

    `SequenceMatcher(autojunk=False)` hashes each line of a gap again for every
    block it finds in it, about lines x templates times (49 million for 1,000
    templates); the matcher hashes each line a bounded number of times.
    """
    work = []
    for count in (200, 1_000):
        before, after = _templates(count, "en-US"), _templates(count, "en_US")
        _Counted.hashes = 0
        opcodes = Matcher(before, after).get_opcodes()
        work.append(_Counted.hashes / len(before))
        assert sum(tag != "equal" for tag, *_ in opcodes) == count
    assert max(work) < 40
    assert work[1] < 1.5 * work[0]
