"""`--jobs`: worker processes give the same report, in the same order, as one process."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from chatapp_lint import parallel
from chatapp_lint.engine import _across_position, lint_paths
from chatapp_lint.model import Position

ROOT = Path(__file__).parent.parent
EXAMPLES = ROOT / "examples"

needs_fork = pytest.mark.skipif(not parallel.can_fork(), reason="workers are forked")


def _tree(directory: Path) -> Path:
    """Every example twice (duplicate names), and one content under two names."""
    shutil.copytree(EXAMPLES, directory / "first")
    shutil.copytree(EXAMPLES, directory / "second")
    (directory / "list.yaml").write_text(
        "- Name: a\n  Language: en\n  Category: UTILITY\n  TemplateType: WHATSAPP\n"
        "  Components: [{Type: BODY, Text: same words}]\n"
        "- Name: b\n  Language: en\n  Category: UTILITY\n  TemplateType: WHATSAPP\n"
        "  Components: [{Type: BODY, Text: same words}]\n",
        encoding="utf-8",
    )
    return directory


@needs_fork
@pytest.mark.parametrize("jobs", [2, 3, 0])
def test_workers_report_exactly_what_one_process_reports(
    tmp_path: Path, jobs: int
) -> None:
    tree = _tree(tmp_path)
    alone = lint_paths([tree], jobs=1)
    shared = lint_paths([tree], jobs=jobs)
    assert shared == alone
    codes = {v.code for v in alone}
    assert {"XF001", "XF002"} <= codes  # the positions workers send back are used
    assert all(v.line and v.column for v in alone)


@needs_fork
def test_progress_is_told_of_every_file_in_order(tmp_path: Path) -> None:
    tree = _tree(tmp_path)
    told: list[tuple[int, int]] = []
    report = lint_paths(
        [tree], jobs=2, progress=lambda done, total: told.append((done, total))
    )
    assert [done for done, _ in told] == list(range(1, report.files + 1))
    assert {total for _, total in told} == {report.files}


def test_standard_input_is_linted_by_this_process(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import io
    import sys

    template = json.loads((EXAMPLES / "templates" / "viber-image.json").read_text())
    data = json.dumps(template).encode("utf-8")
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))
    report = lint_paths([EXAMPLES / "templates", "-"], jobs=4)
    assert report.templates == len(list((EXAMPLES / "templates").iterdir())) + 1


@pytest.mark.parametrize(
    ("files", "most"),
    [(0, 1), (1, 1), (2 * parallel.FILES_PER_WORKER - 1, 1), (10_000, None)],
)
def test_auto_jobs_waits_for_enough_files(files: int, most: int | None) -> None:
    jobs = parallel.auto_jobs(files)
    assert jobs >= 1
    if most is not None:
        assert jobs <= most
    else:
        assert jobs == min(parallel.auto_jobs(10**9), jobs)


def test_an_unforeseen_pointer_is_found_by_reading_the_file_again(
    tmp_path: Path,
) -> None:
    path = tmp_path / "t.json"
    path.write_text('{\n  "Name": "a",\n  "Language": "en"\n}\n', encoding="utf-8")
    known = {"/Name": Position(2, 11)}
    assert _across_position(known, "", "/Name", str(path), {}) == Position(2, 11)
    assert _across_position(known, "", "/Language", str(path), {}) == Position(3, 15)
