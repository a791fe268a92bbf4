"""Render the preview with Jinja2: one page of every template, or a site of pages.

The page is self-contained: its CSS and script are inline, and its Content
Security Policy lets only that script run (by its hash), so even a template text
that escaped escaping could not run as script. Autoescaping is on for every
template: a template's text is never HTML.
"""

from __future__ import annotations

import base64
import hashlib
from collections.abc import Iterable, Sequence
from itertools import groupby
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup

from chatapp_lint._version import __version__
from chatapp_lint.config import Config
from chatapp_lint.engine import Report
from chatapp_lint.preview.collect import Entry, counts, entries

PAGES = "templates/"
"""Where the site keeps one page per template, relative to its index."""


def render_page(
    paths: Iterable[str | Path], report: Report, config: Config | None = None
) -> str:
    """Every template of the files, drawn on one self-contained HTML page.

    `config` decides which files a directory means, as for `lint_paths`
    (without one, the configuration found from the working directory).
    """
    return _index(entries(paths, report, config), pages="")


def write_site(
    paths: Iterable[str | Path],
    report: Report,
    directory: Path,
    config: Config | None = None,
) -> int:
    """Write `index.html` and a page per template under `directory`; the page count."""
    drawn = entries(paths, report, config)
    pages = directory / PAGES
    pages.mkdir(parents=True, exist_ok=True)
    (directory / "index.html").write_text(_index(drawn, PAGES), encoding="utf-8")
    page = _environment().get_template("template.html.j2")
    for entry in drawn:
        html = page.render(entry=entry, title=_title(entry), **_assets())
        (pages / f"{entry.anchor}.html").write_text(html, encoding="utf-8")
    return len(drawn)


def _index(drawn: Sequence[Entry], pages: str) -> str:
    # Templates without a name (mostly files that cannot be read) come last.
    ordered = sorted(
        drawn,
        key=lambda e: (
            not e.name,
            e.name.casefold(),
            e.name,
            e.language,
            e.file,
            e.index,
        ),
    )
    groups = [(name, list(group)) for name, group in groupby(ordered, lambda e: e.name)]
    filters = [
        ("channel", "Channel", _values(e.channel for e in drawn)),
        ("category", "Category", _values(e.category for e in drawn)),
        ("language", "Language", _values(e.language for e in drawn)),
    ]
    return (
        _environment()
        .get_template("index.html.j2")
        .render(
            title="Template preview",
            groups=groups,
            filters=filters,
            totals=counts(drawn),
            pages=pages,
            version=__version__,
            **_assets(),
        )
    )


def _values(found: Iterable[str]) -> list[str]:
    return sorted({value for value in found if value})


def _title(entry: Entry) -> str:
    return f"{entry.name or '(no name)'} ({entry.language or '?'}): template preview"


def _assets() -> dict[str, Any]:
    """The inline script and the CSP source that allows exactly it."""
    script = _environment().loader.get_source(_environment(), "preview.js")[0]  # type: ignore[union-attr]
    digest = base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest())
    # Our own file, not user input: it must reach the page unescaped.
    return {"script": Markup(script), "script_hash": f"sha256-{digest.decode()}"}  # noqa: S704


_ENVIRONMENT: list[jinja2.Environment] = []


def _environment() -> jinja2.Environment:
    if not _ENVIRONMENT:
        _ENVIRONMENT.append(
            jinja2.Environment(
                loader=jinja2.PackageLoader("chatapp_lint.preview", "templates"),
                autoescape=True,
                undefined=jinja2.StrictUndefined,
                trim_blocks=True,
                lstrip_blocks=True,
            )
        )
    return _ENVIRONMENT[0]
