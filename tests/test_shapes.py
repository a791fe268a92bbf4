"""Shapes of real templates: public sources show them approved, or rejected with a code.

Each file under tests/shapes/ is a template written for this project that reproduces
the *shape* of one a public source shows (structure, counts, where variables and
punctuation stand, lengths); its texts are our own. A header of `# key: value`
comments names the source, the section and what the shape establishes; a rejected
shape adds one `# expect: CODE POINTER` line per error the linter must report.

- Approved shapes lint without errors (warnings are allowed).
- Rejected shapes are caught by the expected code at the expected pointer.

The files are templates in the input format, so `chatapp-lint tests/shapes/approved`
runs on them as it does on any directory.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from chatapp_lint.engine import lint_paths
from chatapp_lint.model import Severity

SHAPES = Path(__file__).parent / "shapes"
APPROVED_DIR = SHAPES / "approved"
REJECTED_DIR = SHAPES / "rejected"
APPROVED = sorted(APPROVED_DIR.glob("*.yaml"))
REJECTED = sorted(REJECTED_DIR.glob("*.yaml"))

# Approved shapes that a rule wrongly reports today, with the codes it reports.
# Each is a known false error that issue 11 asks to fix; the test of the shape is
# expected to fail (strict xfail) until the rule is corrected, and then the entry
# must go. The source that shows each shape approved is in the file's header.
KNOWN_FALSE_ERRORS: dict[str, frozenset[str]] = {}

_HEADER_LINE = re.compile(r"#\s?(?P<key>[a-z]+): (?P<value>.*)")
_CONTINUATION = re.compile(r"#\s{2,}(?P<value>\S.*)")
_REQUIRED_KEYS = ("source", "section", "establishes")


def read_header(path: Path) -> dict[str, list[str]]:
    """The `# key: value` comments at the top of a shape, continuation lines joined."""
    header: dict[str, list[str]] = {}
    last: str | None = None
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.startswith("#"):
            break
        if (item := _HEADER_LINE.fullmatch(line)) is not None:
            last = item["key"]
            header.setdefault(last, []).append(item["value"].strip())
        elif (more := _CONTINUATION.fullmatch(line)) is not None and last is not None:
            header[last][-1] += " " + more["value"].strip()
    return header


def expected_errors(path: Path) -> set[tuple[str, str]]:
    """The (code, pointer) pairs a rejected shape's `# expect:` lines name."""
    pairs = set()
    for entry in read_header(path).get("expect", []):
        code, pointer = entry.split(maxsplit=1)
        pairs.add((code, pointer))
    return pairs


def errors(path: Path) -> set[tuple[str, str]]:
    """The (code, pointer) of every error the linter reports on one file."""
    report = lint_paths([path])
    return {
        (v.code, v.pointer) for v in report.violations if v.severity is Severity.ERROR
    }


def _approved_params() -> list[object]:
    params: list[object] = []
    for path in APPROVED:
        codes = KNOWN_FALSE_ERRORS.get(path.stem)
        marks = (
            [
                pytest.mark.xfail(
                    strict=True,
                    reason=f"known false error {', '.join(sorted(codes))} (issue 11)",
                )
            ]
            if codes
            else []
        )
        params.append(pytest.param(path, id=path.stem, marks=marks))
    return params


@pytest.mark.parametrize("path", _approved_params())
def test_an_approved_shape_lints_without_errors(path: Path) -> None:
    assert errors(path) == set()


@pytest.mark.parametrize(
    "stem", sorted(KNOWN_FALSE_ERRORS), ids=sorted(KNOWN_FALSE_ERRORS)
)
def test_a_known_false_error_is_the_only_error_of_its_shape(stem: str) -> None:
    # The xfail above must not hide a second, unlisted error on the same shape.
    path = APPROVED_DIR / f"{stem}.yaml"
    assert path.is_file()
    assert {code for code, _ in errors(path)} <= KNOWN_FALSE_ERRORS[stem]


@pytest.mark.parametrize("path", REJECTED, ids=lambda p: p.stem)
def test_a_rejected_shape_is_caught_at_the_expected_pointer(path: Path) -> None:
    expected = expected_errors(path)
    assert expected, "a rejected shape names at least one '# expect: CODE POINTER'"
    assert expected <= errors(path)


@pytest.mark.parametrize(
    "path", APPROVED + REJECTED, ids=lambda p: p.parent.name + "/" + p.stem
)
def test_every_shape_names_its_source_section_and_finding(path: Path) -> None:
    header = read_header(path)
    for key in _REQUIRED_KEYS:
        assert header.get(key), f"{path.name}: no '# {key}:' line"
    if path.parent == APPROVED_DIR:
        assert "expect" not in header


def test_the_approved_directory_lints_as_a_whole_with_only_the_known_errors() -> None:
    # Linting the directory adds the checks across files (XF001 duplicate names).
    report = lint_paths([APPROVED_DIR])
    assert report.files == len(APPROVED)
    assert report.templates == len(APPROVED)
    unexpected = {
        (Path(v.file or "").stem, v.code)
        for v in report.violations
        if v.severity is Severity.ERROR
        and v.code not in KNOWN_FALSE_ERRORS.get(Path(v.file or "").stem, frozenset())
    }
    assert unexpected == set()


def test_the_shapes_cover_what_issue_11_asks() -> None:
    assert len(APPROVED) >= 40
    assert len(REJECTED) >= 15
