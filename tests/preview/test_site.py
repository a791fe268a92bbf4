"""The page and the site, without a browser: escaping, the script's hash, the commands."""

from __future__ import annotations

import base64
import hashlib
import html
import json
import re
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from chatapp_lint.commands import run
from chatapp_lint.config import load
from chatapp_lint.engine import lint_paths
from chatapp_lint.preview import render_page
from chatapp_lint.strategies import valid_templates

ROOT = Path(__file__).parents[2]
HERE = Path(__file__).parent / "templates"
# Member names the drawing reads, so that random values reach it.
_MEMBERS = (
    "TemplateType Category Language Name Components Example Type Format Text Url "
    "Buttons Cards CardComponents ThumbUrl Duration FileName FileType "
    "AddSecretRecommendation CodeExpirationMinutes HasExpiration CouponCode "
    "AutofillText PhoneNumber IsOptOut NavigateScreen"
).split()


def test_untrusted_text_is_escaped() -> None:
    hostile = str(HERE / "hostile.yaml")
    page = render_page([hostile], lint_paths([hostile]))
    assert "<script>window" not in page
    assert "&lt;script&gt;window.__pwned = &#39;body&#39;&lt;/script&gt;" in page
    assert '" onerror="' not in page
    assert "<b onmouseover" not in page
    assert page.count("<script") == 1  # the page's own


def test_only_the_pages_own_script_may_run() -> None:
    page = render_page([str(HERE)], lint_paths([str(HERE)]))
    (script,) = re.findall(r"<script>(.*?)</script>", page, re.DOTALL)
    digest = base64.b64encode(hashlib.sha256(script.encode()).digest()).decode()
    assert f"script-src 'sha256-{digest}'" in page
    assert "default-src 'none'" in page


def test_format_html_writes_one_page(capsys: object) -> None:
    status = run(["--format", "html", str(ROOT / "examples" / "templates")])
    out = capsys.readouterr().out  # type: ignore[attr-defined]
    assert status == 0
    assert out.startswith("<!DOCTYPE html>")
    assert out.count('<article class="template') == 20


def test_format_html_keeps_the_lint_status(capsys: object) -> None:
    status = run(["--format", "html", str(ROOT / "examples" / "bad")])
    assert status == 1
    assert "error" in capsys.readouterr().out  # type: ignore[attr-defined]


def test_preview_writes_an_index_and_a_page_per_template(tmp_path: Path) -> None:
    status = run(["preview", str(HERE), "-o", str(tmp_path / "site")])
    assert status == 0
    pages = sorted((tmp_path / "site" / "templates").glob("*.html"))
    assert len(pages) == 7
    index = (tmp_path / "site" / "index.html").read_text(encoding="utf-8")
    for page in pages:
        assert f'href="templates/{page.name}"' in index


def test_preview_needs_a_directory(capsys: object) -> None:
    assert run(["preview", str(HERE)]) == 2
    assert "-o" in capsys.readouterr().err  # type: ignore[attr-defined]


def _without_jinja(*args: str) -> subprocess.CompletedProcess[str]:
    code = (
        "import sys; sys.modules['jinja2'] = None\n"
        "from chatapp_lint.cli import main\n"
        f"main({list(args)!r})"
    )
    return subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=False
    )


def test_without_the_extra_the_commands_say_how_to_install_it(tmp_path: Path) -> None:
    for args in (
        ["preview", str(HERE), "-o", str(tmp_path)],
        ["--format", "html", str(HERE)],
    ):
        done = _without_jinja(*args)
        assert done.returncode == 2
        assert "pip install -e '.[preview]'" in done.stderr
        assert "Traceback" not in done.stderr
    assert not any(tmp_path.iterdir())


def test_linting_never_imports_jinja() -> None:
    code = (
        "import sys\n"
        "from chatapp_lint.commands import run\n"
        f"run(['--format', 'json', {str(HERE)!r}])\n"
        "print('jinja2' in sys.modules, file=sys.stderr)"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=False
    )
    assert done.stderr.strip().endswith("False")


def _page_of(template: object) -> str:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "template.json"
        path.write_text(json.dumps(template), encoding="utf-8")
        return render_page([str(path)], lint_paths([str(path)]))


@settings(max_examples=25, suppress_health_check=[HealthCheck.too_slow])
@given(valid_templates())
def test_a_valid_template_is_drawn_with_its_samples(template: dict[str, Any]) -> None:
    page = _page_of(template)
    assert 'class="broken"' not in page
    assert 'class="finding' not in page
    assert 'id="total-templates">1<' in page
    for sample in (template.get("Example") or {}).values():
        assert html.escape(str(sample)) in page


_JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=12),
    lambda inner: (
        st.lists(inner, max_size=3)
        | st.dictionaries(
            st.sampled_from(_MEMBERS) | st.text(max_size=4), inner, max_size=4
        )
    ),
    max_leaves=20,
)


@settings(max_examples=40, suppress_health_check=[HealthCheck.too_slow])
@given(_JSON)
def test_any_value_is_drawn_or_said_to_be_broken(value: object) -> None:
    page = _page_of(value)
    assert page.count("<article ") == max(
        1, len(value) if isinstance(value, list) else 1
    )
    assert page.count("<script") == 1


def test_a_folder_is_drawn_as_it_is_linted(tmp_path: Path) -> None:
    # The same files as lint_paths lints: not package.json (default exclude), not
    # a file of the configuration's exclude, not a JSON file that is no template.
    examples = Path(__file__).resolve().parents[2] / "examples" / "templates"
    (tmp_path / "templates").mkdir()
    (tmp_path / "legacy").mkdir()
    (tmp_path / "package.json").write_text('{"name": "shop"}', encoding="utf-8")
    (tmp_path / "settings.json").write_text('{"debug": true}', encoding="utf-8")
    template = (examples / "viber-image.json").read_text(encoding="utf-8")
    (tmp_path / "templates" / "t.json").write_text(template, encoding="utf-8")
    (tmp_path / "legacy" / "old.json").write_text(template, encoding="utf-8")
    config = load(_config(tmp_path, 'extend-exclude = ["legacy"]\n'))
    report = lint_paths([str(tmp_path)], config=config)
    page = render_page([str(tmp_path)], report, config)
    assert report.files == 1
    assert page.count('class="template') >= 1
    assert "t.json" in page
    assert "old.json" not in page
    assert "package.json" not in page
    assert "settings.json" not in page


def _config(folder: Path, text: str) -> Path:
    path = folder / ".chatapp-lint.toml"
    path.write_text(text, encoding="utf-8")
    return path
