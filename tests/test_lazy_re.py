"""Patterns compiled on first use answer exactly as the compiled pattern does."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from chatapp_lint.lazy_re import LazyPattern

SOURCE = r"\$\(([A-Za-z_]\w*)\)|x+"


def test_nothing_is_compiled_before_the_first_use() -> None:
    pattern = LazyPattern("(unclosed")  # would raise if compiled now
    assert pattern.pattern == "(unclosed"


@given(st.text(alphabet="$()ab_x \n", max_size=30), st.integers(0, 5))
def test_every_method_answers_as_re(text: str, start: int) -> None:
    lazy, compiled = LazyPattern(SOURCE, re.MULTILINE), re.compile(SOURCE, re.MULTILINE)

    def same(a: re.Match[str] | None, b: re.Match[str] | None) -> bool:
        return (a and (a.span(), a.groups())) == (b and (b.span(), b.groups()))

    assert same(lazy.match(text, start), compiled.match(text, start))
    assert same(lazy.fullmatch(text), compiled.fullmatch(text))
    assert same(lazy.search(text, start), compiled.search(text, start))
    assert lazy.findall(text) == compiled.findall(text)
    assert [m.span() for m in lazy.finditer(text)] == [
        m.span() for m in compiled.finditer(text)
    ]
    assert lazy.split(text, 2) == compiled.split(text, 2)
    assert lazy.sub("-", text) == compiled.sub("-", text)
    assert lazy.subn(lambda m: m.group().upper(), text, 1) == compiled.subn(
        lambda m: m.group().upper(), text, 1
    )
