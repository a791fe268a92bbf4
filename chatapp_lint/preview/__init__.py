"""The preview: every template drawn as its recipient will see it, with its findings.

Installed with the `preview` extra (Jinja2); linting never imports this package.
`render_page(paths, report)` gives one self-contained HTML page (the `--format
html` report); `write_site(paths, report, directory)` writes a static site.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

MISSING_EXTRA = (
    "the preview needs Jinja2, which the preview extra installs "
    "(from a clone: pip install -e '.[preview]'), or pip install 'jinja2>=3.1'"
)

if TYPE_CHECKING:
    from chatapp_lint.preview.site import render_page, write_site


def __getattr__(name: str) -> Any:
    if name in {"render_page", "write_site"}:
        from chatapp_lint.preview import site

        return getattr(site, name)
    raise AttributeError(name)


__all__ = ["MISSING_EXTRA", "render_page", "write_site"]
