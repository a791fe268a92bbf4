"""`chatapp-lint preview PATH... -o DIR`, and the `--format html` report of `lint`.

Jinja2 comes with the `preview` extra; without it these say how to install it
(exit status 2) instead of failing on an import.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import click

from chatapp_lint import linting
from chatapp_lint.config import Config, ConfigError
from chatapp_lint.engine import Report, lint_paths
from chatapp_lint.linting import EXIT_USAGE
from chatapp_lint.preview import MISSING_EXTRA


class MissingExtra(click.ClickException):
    """Jinja2 is not installed: one line saying how to get it, exit status 2."""

    exit_code = EXIT_USAGE

    def __init__(self) -> None:
        super().__init__(MISSING_EXTRA)


def require_jinja() -> None:
    """Raise `MissingExtra` unless Jinja2 can be imported."""
    try:
        import jinja2  # noqa: F401
    except ImportError:
        raise MissingExtra from None


def html_report(
    paths: Sequence[str], report: Report, config: Config | None = None
) -> str:
    """The `--format html` report: every template drawn on one page."""
    require_jinja()
    from chatapp_lint.preview.site import render_page

    return render_page(paths, report, config)


@click.command("preview")
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True))
@click.option(
    "-o",
    "--output",
    "directory",
    required=True,
    type=click.Path(file_okay=False, path_type=Path),
    help="Write the site (index.html and a page per template) into this directory.",
)
@click.option(
    "--config",
    "config_path",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="Use this configuration file instead of the nearest one found.",
)
@click.option("--select", help="Only these rules: codes, code prefixes or slugs.")
@click.option("--ignore", help="Skip these rules: codes, code prefixes or slugs.")
def preview_command(
    paths: Sequence[str],
    directory: Path,
    config_path: Path | None,
    select: str | None,
    ignore: str | None,
) -> None:
    """Write a static site drawing every template as its recipient sees it.

    Each template is drawn with its findings beside the part they concern; the
    index groups translations by Name and filters by channel, category, language
    and errors. The site needs no network. Exit status 0 once it is written.
    """
    require_jinja()
    from chatapp_lint.commands import BadConfig
    from chatapp_lint.preview.site import write_site

    try:
        config = linting.load_config(config_path)
        selection = linting.build_selection(config, select=select, ignore=ignore)
    except linting.UnknownRule as error:
        raise click.UsageError(str(error)) from None
    except ConfigError as error:
        raise BadConfig(error) from None
    report = lint_paths(paths, selection=selection, config=config, jobs=0)
    try:
        pages = write_site(paths, report, directory, config)
    except OSError as error:
        raise click.ClickException(
            f"cannot write the site to {str(directory)!r}: {error.strerror}"
        ) from None
    click.echo(
        f"chatapp-lint: drew {pages} template{'' if pages == 1 else 's'} "
        f"({report.errors} errors, {report.warnings} warnings) in "
        f"{str(directory / 'index.html')!r}",
        err=True,
    )
