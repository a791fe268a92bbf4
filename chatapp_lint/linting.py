"""The lint command's steps without click: configuration, selection, report, status.

The click command (`commands.lint_command`) and the fast path for plain paths
(`plain.plain_lint`) both run these, so the two cannot drift apart.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Collection
from typing import TYPE_CHECKING

import attrs

from chatapp_lint import output
from chatapp_lint.config import Config, ConfigError, check_patterns, discover, load
from chatapp_lint.engine import Report
from chatapp_lint.fixable import NONE, FixKey, fix_key, fixable
from chatapp_lint.reporters import REPORTERS, text
from chatapp_lint.rules import ALL_RULES
from chatapp_lint.selection import Selection

if TYPE_CHECKING:
    from pathlib import Path

__all__ = [
    "EXIT_CLEAN",
    "EXIT_ERRORS",
    "EXIT_USAGE",
    "NONE",
    "UnknownRule",
    "build_selection",
    "codes",
    "default_format",
    "exit_status",
    "fixable",
    "load_config",
    "render",
    "wants_fixable",
]

EXIT_CLEAN = 0
EXIT_ERRORS = 1
EXIT_USAGE = 2


class UnknownRule(Exception):  # noqa: N818 - named for what the user got wrong
    """A `--select`/`--ignore` pattern that names no rule (a usage error)."""

    def __init__(self, name: str) -> None:
        self.name = name
        super().__init__(
            f"no rule is called {name!r}; `chatapp-lint rules` lists them."
        )


def codes(value: str | None) -> list[str]:
    """The comma-separated codes, prefixes or slugs of an option."""
    return [part.strip() for part in (value or "").split(",") if part.strip()]


def load_config(path: Path | None, *, force_exclude: bool | None = None) -> Config:
    """The configuration named by `--config`, else the nearest one, else defaults.

    `force_exclude`, when given (`--force-exclude`), overrides the file's.

    Raises:
        ConfigError: the file cannot be used.
    """
    found = path or discover(os.getcwd())  # noqa: PTH109 - pathlib costs start-up
    config = Config() if found is None else load(found)
    if force_exclude is None:
        return config
    return attrs.evolve(config, force_exclude=force_exclude)


def build_selection(
    config: Config,
    *,
    select: str | None = None,
    extend_select: str | None = None,
    ignore: str | None = None,
) -> Selection:
    """The rules to run: the configuration's choice, overridden by the options.

    Raises:
        UnknownRule: an option names no rule.
        ConfigError: the configuration file names no rule (with its line).
    """
    known = [(r.code, r.slug) for r in ALL_RULES]
    unknown = check_patterns(
        [*codes(select), *codes(extend_select), *codes(ignore)], known
    )
    if unknown is not None:
        raise UnknownRule(unknown)
    unknown = check_patterns(config.named_codes(), known)
    if unknown is not None and config.source is not None:
        line = config.line_of(unknown)
        raise ConfigError(config.source, f"no rule is called {unknown!r}", line)
    rule_codes = {code for code, _ in known}
    inexact = next((c for c in config.severity if c not in rule_codes), None)
    if inexact is not None and config.source is not None:
        # Looked up by code alone: a prefix or a slug there would change nothing.
        message = f"'severity' takes rule codes, and no rule has the code {inexact!r}"
        raise ConfigError(config.source, message, config.line_of(inexact))
    return Selection.from_config(
        ALL_RULES,
        config,
        select=codes(select) if select is not None else None,
        extend_select=codes(extend_select),
        ignore=codes(ignore),
    )


def default_format(chosen: str | None = None) -> str:
    """The `--format` asked for, else github under GitHub Actions, else text."""
    if chosen is not None:
        return chosen
    return "github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text"


def render(  # noqa: PLR0913 - the report options, all keywords
    report: Report,
    output_format: str,
    *,
    statistics: bool,
    quiet: bool,
    color: str,
    fixable: Collection[FixKey] = NONE,
) -> tuple[str, bool]:
    """The report as it is printed, and whether it carries colour codes.

    `fixable` marks what `--fix` would fix (text), and counts it in the
    statistics (text and JSON).
    """
    if output_format == "json" and statistics:
        from chatapp_lint.reporters import json_report

        rows = output.statistics_rows(report, fixable)
        return json_report.render(report, statistics=rows), False
    if output_format != "text":
        return REPORTERS[output_format](report), False
    colored = output.use_color(color, sys.stdout)
    lines = text.violation_lines(report, fixable, output.paint if colored else None)
    if statistics:
        lines += output.statistics(report, fixable).splitlines()
    if not quiet:
        # One summary line, still the last: scripts read it there.
        fixes = text.fixable_summary(sum(fix_key(v) in fixable for v in report))
        lines.append(" ".join(filter(None, [text.summary(report), fixes])))
    return "".join(line + "\n" for line in lines), colored


def wants_fixable(output_format: str, statistics: bool) -> bool:
    """Whether the report shows what `--fix` would fix (worth fixing in memory)."""
    return output_format == "text" or (output_format == "json" and statistics)


def exit_status(report: Report, fail_on: str) -> int:
    """2 when a rule crashed, 1 when something fails `fail_on`, else 0."""
    if report.internal_errors:
        return EXIT_USAGE
    failing = report.errors or (fail_on == "warning" and report.warnings)
    return EXIT_ERRORS if failing else EXIT_CLEAN
