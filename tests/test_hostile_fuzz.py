"""Fuzzing: arbitrary bytes and documents never crash the linter, and never pass broken.

Hypothesis draws bytes, JSON and YAML texts and template-shaped documents and
runs them through `lint_paths`, through the command line in process
(`chatapp_lint.commands.run`, for speed) and, a few times, through the real
command line. Every run exits 0 or 1 and prints no traceback; a file the loader
found a problem in never exits 0. The example counts are modest so the suite
stays fast; the profiles in conftest.py set the rest.
"""

from __future__ import annotations

import io
import json
import math
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from chatapp_lint import commands
from chatapp_lint.engine import lint_paths
from chatapp_lint.loader import load_path
from chatapp_lint.reporters import REPORTERS
from chatapp_lint.strategies import valid_templates

SUFFIXES = (".json", ".yaml", ".yml", ".txt")
FAST = settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
# capsys and monkeypatch are reset by hand between examples (readouterr, setattr).
FAST_WITH_FIXTURES = settings(
    FAST,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
SLOW = settings(
    max_examples=5, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)

scalars = (
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats()  # NaN and infinities too: JSON writes them as NaN and Infinity
    | st.text()
    | st.text(alphabet=st.characters(max_codepoint=0x9F))  # control characters
)
documents = st.recursive(
    scalars,
    lambda inner: (
        st.lists(inner, max_size=5)
        | st.dictionaries(st.text(max_size=12), inner, max_size=5)
    ),
    max_leaves=25,
)
YAML_TOKENS = [
    "-", "- ", ":", ": ", "? ", "&a ", "*a", "&b ", "*b", "!!python/object/apply:os.system ",
    "!!str ", "!!int ", "!!map ", "!custom ", "!", "{", "}", "[", "]", ",", "|", ">",
    "'", '"', "\\", "#", "---", "...", "%YAML 1.2", "<<: ", "\n", "  ", "\t", "~",
    ".nan", ".inf", "0x1F", "1e999", "Name", "Components", "Type", "BODY", "Text",
    "\x07", "\r", "\ufeff", "é",
]  # fmt: skip
yaml_texts = st.lists(st.sampled_from(YAML_TOKENS), max_size=40).map("".join)
JSON_TOKENS = [
    "{", "}", "[", "]", ",", ":", '"', '"Name"', '"Components"', '"Type"', '"BODY"',
    "NaN", "Infinity", "-Infinity", "1e999", "9" * 5000, "true", "null", " ", "\n",
    "\\u0000", "\\ud800", "\\", "0", "-", ".5",
]  # fmt: skip
json_texts = st.lists(st.sampled_from(JSON_TOKENS), max_size=40).map("".join)


def _json_text(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)


def _yaml_text(value: Any) -> str:
    return yaml.safe_dump(value, allow_unicode=True)


def _objects(value: Any) -> Iterator[dict[str, Any]]:
    """Every object in a document: the template, components, buttons, cards..."""
    if isinstance(value, dict):
        yield value
        for item in value.values():
            yield from _objects(item)
    elif isinstance(value, list):
        for item in value:
            yield from _objects(item)


def _mutated(template: dict[str, Any], draw: st.DrawFn) -> dict[str, Any]:
    """A valid template with one member of one of its objects replaced by junk."""
    target = draw(st.sampled_from(list(_objects(template))))
    key = draw(st.sampled_from([*target, "Text", "Type", "Buttons", "Example"]))
    target[key] = draw(documents)
    return template


@st.composite
def files(draw: st.DrawFn) -> tuple[str, bytes]:
    """A file name and content: bytes, JSON or YAML text, a document or a template."""
    suffix = draw(st.sampled_from(SUFFIXES))
    kind = draw(st.sampled_from(["bytes", "json", "yaml", "document", "template"]))
    if kind == "bytes":
        return suffix, draw(st.binary(max_size=300))
    if kind == "json":
        return suffix, draw(json_texts).encode("utf-8", "surrogatepass")
    if kind == "yaml":
        return suffix, draw(yaml_texts).encode("utf-8")
    value = draw(documents) if kind == "document" else draw(valid_templates())
    if kind == "template":
        value = _mutated(value, draw)
    text = draw(st.sampled_from([_json_text, _yaml_text]))(value)
    return suffix, text.encode("utf-8", "surrogatepass")


@pytest.fixture(scope="module")
def folder() -> Iterator[Path]:
    # Not `tmp_path`: hypothesis runs many examples in one call of the test.
    with tempfile.TemporaryDirectory() as name:
        yield Path(name)


def _write(folder: Path, suffix: str, data: bytes) -> Path:
    path = folder / f"fuzz{suffix}"
    path.write_bytes(data)
    return path


def _broken(path: Path) -> bool:
    """Whether the loader itself found a problem (every FL code is an error)."""
    return bool(load_path(path).problems)


@FAST
@given(files())
def test_lint_paths_never_raises(folder: Path, file: tuple[str, bytes]) -> None:
    path = _write(folder, *file)
    report = lint_paths([path])
    assert report.internal_errors == 0, [v.message for v in report]
    for violation in report:
        assert violation.line is None or violation.line >= 1
        assert violation.column is None or violation.column >= 1
    if _broken(path):
        assert report.errors > 0


@FAST_WITH_FIXTURES
@given(files(), st.sampled_from(sorted(REPORTERS)))
def test_the_command_line_exits_0_or_1_and_never_passes_a_broken_file(
    folder: Path,
    capsys: pytest.CaptureFixture[str],
    file: tuple[str, bytes],
    output_format: str,
) -> None:
    path = _write(folder, *file)
    status = commands.run(["--format", output_format, str(path)])
    out, err = capsys.readouterr()
    assert status in (0, 1), err
    assert "Traceback" not in out + err
    if _broken(path):
        assert status == 1
    if output_format in ("json", "sarif"):
        json.loads(out)  # still a well-formed document, whatever the input


@FAST_WITH_FIXTURES
@given(st.binary(max_size=300))
def test_standard_input_never_raises(
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    data: bytes,
) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))
    status = commands.run(["-"])
    out, err = capsys.readouterr()
    assert status in (0, 1), err
    assert "Traceback" not in out + err


@FAST
@given(st.floats(allow_nan=True, allow_infinity=True))
def test_a_number_json_cannot_hold_is_never_clean(folder: Path, number: float) -> None:
    path = _write(
        folder, ".json", json.dumps({"MessageSendTtlSeconds": number}).encode()
    )
    codes = {v.code for v in lint_paths([path])}
    assert ("FL011" in codes) == (not math.isfinite(number))


@SLOW
@given(files())
def test_the_real_command_line_never_prints_a_traceback(
    file: tuple[str, bytes],
) -> None:
    with tempfile.TemporaryDirectory() as name:
        path = _write(Path(name), *file)
        done = subprocess.run(
            [sys.executable, "-m", "chatapp_lint", "--format", "json", str(path)],
            capture_output=True,
            check=False,
            timeout=60,
        )
    assert done.returncode in (0, 1), done.stderr
    assert b"Traceback" not in done.stdout + done.stderr
    json.loads(done.stdout)
