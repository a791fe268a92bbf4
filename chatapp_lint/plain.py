"""The fast path for `chatapp-lint PATH...`: plain paths, no options, no click.

pre-commit runs the linter exactly so on every commit, and importing click and
building its commands costs more than linting a few files. Anything else (an
option, a command name, a path that does not exist, a configuration problem)
gets `None` back before anything is printed, and the click command line then
handles the arguments from the start, with its usual messages.
"""

from __future__ import annotations

import os
import sys

from chatapp_lint.discovery import STDIN

COMMANDS = frozenset(
    {"lint", "rules", "rule", "schema", "send", "pull", "preview", "server"}
)
"""The click group's command names (a test keeps the two in step)."""


FORCE_EXCLUDE = "--force-exclude"
"""The one option taken here, first: the pre-commit hook's `chatapp-lint --force-exclude`."""


def plain_lint(args: list[str]) -> int | None:
    """Lint `args` as the lint command would, or `None` if they are not plain paths."""
    force_exclude = args[:1] == [FORCE_EXCLUDE]
    paths = args[1:] if force_exclude else args
    if not is_plain(paths):
        return None
    from chatapp_lint import linting
    from chatapp_lint.config import ConfigError
    from chatapp_lint.engine import lint_paths
    from chatapp_lint.output import Progress

    try:
        config = linting.load_config(None, force_exclude=force_exclude or None)
        selection = linting.build_selection(config)
    except (ConfigError, linting.UnknownRule):
        return None
    progress = Progress()
    report = lint_paths(
        paths, selection=selection, config=config, progress=progress, jobs=0
    )
    progress.close()
    output_format = linting.default_format()
    fixable = (
        linting.fixable(report, selection, config, unreadable={STDIN})
        if linting.wants_fixable(output_format, statistics=False)
        else linting.NONE
    )
    rendered, _ = linting.render(
        report,
        output_format,
        statistics=False,
        quiet=False,
        color="auto",
        fixable=fixable,
    )
    sys.stdout.write(rendered)
    sys.stdout.flush()
    return linting.exit_status(report, config.fail_on)


def is_plain(args: list[str]) -> bool:
    """Only existing paths (or `-`), the first of them not a command's name.

    Windows is left to click, which expands wildcards in arguments there.
    """
    # os.path, not pathlib: pathlib's import alone costs a fifth of start-up.
    exists = os.path.exists
    return (
        bool(args)
        and os.name != "nt"
        and args[0] not in COMMANDS
        and all(arg == STDIN or (arg[:1] != "-" and exists(arg)) for arg in args)
    )
