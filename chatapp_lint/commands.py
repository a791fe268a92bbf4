"""The click commands: lint (the default), `rules`, `rule` and `schema`."""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import click

from chatapp_lint import linting
from chatapp_lint._version import __version__
from chatapp_lint.config import FAIL_ON, Config, ConfigError
from chatapp_lint.engine import lint_paths
from chatapp_lint.linting import EXIT_CLEAN, EXIT_ERRORS, EXIT_USAGE
from chatapp_lint.output import Progress
from chatapp_lint.parallel import FILES_PER_WORKER
from chatapp_lint.preview.command import html_report, require_jinja
from chatapp_lint.reporters import REPORTERS
from chatapp_lint.rules import ALL_RULES, find
from chatapp_lint.selection import Selection


class BadConfig(click.ClickException):
    """A configuration file that cannot be used: one line, exit status 2."""

    exit_code = EXIT_USAGE

    def __init__(self, error: ConfigError) -> None:
        super().__init__(f"invalid configuration: {error}")


class UnwritableReport(click.ClickException):
    """`--output-file` names a file that cannot be written: exit status 2."""

    exit_code = EXIT_USAGE


class DefaultLintGroup(click.Group):
    """A group whose default command is `lint`, so `chatapp-lint PATH...` lints.

    Only a first argument that is exactly a command name selects that command;
    anything else (options, paths, `--`) goes to `lint`. `chatapp-lint ./rules`
    and `chatapp-lint -- rules` therefore lint a path called `rules`.
    """

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        """Route to `lint` unless the first argument names another command."""
        if not args or args[0] not in self.commands:
            args = ["lint", *args]
        return super().parse_args(ctx, args)


class _ProgramContext(click.Context):
    """The lint command's context, named as the program: `Try 'chatapp-lint --help'`."""

    @property
    def command_path(self) -> str:
        """The program's name, since `lint` is what runs when no command is named."""
        return self.find_root().command_path


class LintCommand(click.Command):
    """The default command: its help is the program's help.

    `chatapp-lint --help` lands here, so the usage reads as the program is run
    (`chatapp-lint [OPTIONS] [PATH]...`, not `chatapp-lint lint`), and the help
    ends with every command of the group.
    """

    context_class = _ProgramContext

    def format_usage(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        """`chatapp-lint [OPTIONS] [PATH]...`, as the program is run."""
        formatter.write_usage(ctx.find_root().info_name or "chatapp-lint", USAGE)

    def format_epilog(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        """Every command of the group, with its one-line summary."""
        group = ctx.find_root().command
        if isinstance(group, click.Group):
            rows = [
                (name, command.get_short_help_str(limit=60))
                for name, command in group.commands.items()
            ]
            with formatter.section("Commands"):
                formatter.write_dl(rows)
        super().format_epilog(ctx, formatter)


USAGE = "[OPTIONS] [PATH]...\n   or: chatapp-lint COMMAND [ARGS]..."
"""The lint usage; each command's own help (`chatapp-lint send -h`) has the rest."""


@click.group(
    cls=DefaultLintGroup, context_settings={"help_option_names": ["-h", "--help"]}
)
def app() -> None:
    """Check WhatsApp and Viber message templates before CreateChatappTemplate."""


@app.command(
    "lint",
    cls=LintCommand,
    short_help="Lint template files and directories (the default command).",
    epilog="`chatapp-lint COMMAND --help` explains a command.",
)
@click.argument("paths", nargs=-1, type=click.Path(exists=True, allow_dash=True))
@click.option(
    "--format",
    "output_format",
    type=click.Choice(sorted([*REPORTERS, "html"])),
    help="Report format [default: text; github when GITHUB_ACTIONS=true]; "
    "html draws every template (the preview extra).",
)
@click.option(
    "--select", help="Only these rules: codes, code prefixes or slugs, comma-separated."
)
@click.option(
    "--extend-select", help="Add these rules (opt-in rules included) to the selection."
)
@click.option("--ignore", help="Skip these rules: codes, code prefixes or slugs.")
@click.option(
    "--config",
    "config_path",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="Use this configuration file instead of the nearest one found.",
)
@click.option(
    "--force-exclude/--no-force-exclude",
    default=None,
    help="Apply `exclude` to paths named on the command line too (as pre-commit "
    "names them) [default: the configuration's force-exclude, else off].",
)
@click.option(
    "--fail-on",
    type=click.Choice(FAIL_ON),
    help="Exit 1 on errors only (default) or on warnings too.",
)
@click.option(
    "--exit-zero", is_flag=True, help="Exit 0 even when violations are found."
)
@click.option(
    "--statistics",
    is_flag=True,
    help="Count the violations of each rule (text and JSON reports).",
)
@click.option(
    "-o",
    "--output-file",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write the report to this file instead of standard output.",
)
@click.option("-q", "--quiet", is_flag=True, help="Print violations only, no summary.")
@click.option(
    "--stdin-filename", help="The name to report (and match ignores) for `-`."
)
@click.option(
    "--color",
    type=click.Choice(["auto", "always", "never"]),
    default="auto",
    show_default=True,
    help="Colour the text report (auto honours NO_COLOR).",
)
@click.option(
    "-j",
    "--jobs",
    type=click.IntRange(min=0),
    default=0,
    help="Worker processes to lint with [default: 0, one per core once there "
    f"are {2 * FILES_PER_WORKER} files or more].",
)
@click.option(
    "--fix",
    is_flag=True,
    help="Apply the fixes that cannot change meaning, then report what is left.",
)
@click.option(
    "--diff",
    is_flag=True,
    help="Print the fixes as a unified diff instead of writing them (exit 1 if any).",
)
@click.version_option(__version__, prog_name="chatapp-lint")
def lint_command(  # noqa: PLR0913, PLR0917 - one parameter per option, as click passes them
    paths: Sequence[str],
    output_format: str | None,
    select: str | None,
    extend_select: str | None,
    ignore: str | None,
    config_path: Path | None,
    force_exclude: bool | None,
    fail_on: str | None,
    exit_zero: bool,
    statistics: bool,
    output_file: Path | None,
    quiet: bool,
    stdin_filename: str | None,
    color: str,
    jobs: int,
    fix: bool,
    diff: bool,
) -> None:
    """Lint template files and directories (`-` reads standard input).

    Exit status: 0 when no error was found, 1 when one was, 2 for a usage error,
    a bad configuration or an internal failure. With `--diff`, 1 when there is
    something to fix (as ruff does), else the status of the lint run.
    """
    if not paths:
        raise click.UsageError(
            "no PATH given: name template files or directories, or - for stdin."
        )
    if output_format == "html":
        require_jinja()
    try:
        config = linting.load_config(config_path, force_exclude=force_exclude)
        selection = linting.build_selection(
            config, select=select, extend_select=extend_select, ignore=ignore
        )
    except linting.UnknownRule as error:
        raise click.UsageError(str(error)) from None
    except ConfigError as error:
        raise BadConfig(error) from None
    unwritten = (
        _fix(paths, selection, config, diff=diff, quiet=quiet, exit_zero=exit_zero)
        if fix or diff
        else False
    )
    progress = Progress()
    report = lint_paths(
        paths,
        selection=selection,
        config=config,
        stdin_name=stdin_filename or "-",
        progress=progress,
        jobs=jobs,
    )
    progress.close()
    chosen = linting.default_format(output_format)
    fixable = (
        linting.fixable(
            report,
            selection,
            config,
            unreadable={stdin_filename or "-"} if "-" in paths else (),
        )
        if linting.wants_fixable(chosen, statistics)
        else linting.NONE
    )
    rendered, colored = (
        (html_report(paths, report, config), False)
        if output_format == "html"
        else linting.render(
            report,
            chosen,
            statistics=statistics,
            quiet=quiet,
            # A file gets no colour codes, whatever the terminal.
            color="never" if output_file is not None else color,
            fixable=fixable,
        )
    )
    if output_file is not None:
        _write_report(output_file, rendered)
    else:
        # click strips ANSI codes from non-terminals unless told the colour is wanted.
        click.echo(rendered, nl=False, color=colored)
    status = linting.exit_status(report, fail_on or config.fail_on)
    if unwritten:
        status = EXIT_USAGE  # a fix that could not be written is a failure to report
    raise click.exceptions.Exit(
        EXIT_CLEAN if exit_zero and status == EXIT_ERRORS else status
    )


def _write_report(path: Path, rendered: str) -> None:
    """Write the report to `--output-file`, making its folder; exit 2 if impossible."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(rendered, encoding="utf-8")
    except OSError as error:
        reason = error.strerror or str(error)
        raise UnwritableReport(
            f"cannot write the report to {click.format_filename(path)}: {reason}."
        ) from None


def _fix(  # noqa: PLR0913 - the options of the lint command that fixing heeds
    paths: Sequence[str],
    selection: Selection,
    config: Config,
    *,
    diff: bool,
    quiet: bool,
    exit_zero: bool,
) -> bool:
    """Write the fixes (or print them, for `--diff`); whether some could not be written.

    With `--diff` and something to fix, the diff is all that is printed and the
    run exits 1 here (0 with `--exit-zero`); otherwise linting goes on and
    reports what is left.
    """
    from chatapp_lint.fixer import fix_files

    if "-" in paths:
        # Standard input has no file to write back to; `--diff` would read it twice.
        raise click.UsageError(
            "--fix and --diff work on files, not standard input (-): save it first."
        )
    fixing = fix_files(paths, selection=selection, config=config, write=not diff)
    for message in fixing.errors:
        click.echo(f"chatapp-lint: {message}", err=True)
    if not quiet:
        for note in fixing.notes():
            click.echo(note, err=True)
    if diff:
        patch = fixing.diff()
        if patch:
            click.echo(patch, nl=False)
            raise click.exceptions.Exit(EXIT_CLEAN if exit_zero else EXIT_ERRORS)
    elif not quiet:
        for line in fixing.messages():
            click.echo(line, err=True)
    return bool(fixing.errors)


@app.command("rules")
@click.option(
    "--format", "output_format", type=click.Choice(["text", "json"]), default="text"
)
def rules_command(output_format: str) -> None:
    """List every rule: code, slug, severity, channels and summary."""
    from chatapp_lint.docs import channels_label, parse

    rows: list[dict[str, Any]] = [
        {
            "code": rule.code,
            "slug": rule.slug,
            "severity": str(rule.severity),
            "opt_in": rule.opt_in,
            "channels": channels_label(rule),
            "summary": parse(rule.doc).summary,
            "evidence": [item.to_dict() for item in rule.evidence],
        }
        for rule in ALL_RULES
    ]
    if output_format == "json":
        click.echo(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    for row in rows:
        severity = row["severity"] + ("*" if row["opt_in"] else "")
        click.echo(
            f"{row['code']}  {row['slug']:<40} {severity:<8} {row['channels']:<9} {row['summary']}"
        )


@app.command("rule")
@click.argument("name")
def rule_command(name: str) -> None:
    """Explain one rule, named by its code or slug."""
    from chatapp_lint.docs import explain

    rule = find(name)
    if rule is None:
        raise click.UsageError(
            f"no rule is called {name!r}; `chatapp-lint rules` lists them."
        )
    click.echo(explain(rule), nl=False)


@app.command("schema")
@click.option(
    "--kind",
    type=click.Choice(["template", "file"]),
    default="template",
    show_default=True,
    help="The schema of one template, or of a file holding one template or a list.",
)
@click.option(
    "--path",
    "show_path",
    is_flag=True,
    help="Print where the installed schema file is.",
)
def schema_command(kind: str, show_path: bool) -> None:
    """Print a JSON Schema for editors: one template, or a whole file (see the README).

    Both stand alone: every reference is inside the file.
    """
    from chatapp_lint.schema import schema_path
    from chatapp_lint.schema_file import FILE_SCHEMA

    location = schema_path(FILE_SCHEMA) if kind == "file" else schema_path()
    if show_path:
        click.echo(str(location))
    else:
        click.echo(location.read_text(encoding="utf-8"), nl=False)


@app.command("server")
def server_command() -> None:
    """Run the language server over standard input and output (for editors)."""
    try:
        from chatapp_lint.server.protocol import main as serve
    except ImportError as error:
        raise click.ClickException(
            f"the language server needs the `server` extra ({error.name} is not "
            "installed): install chatapp-lint with it, from a clone "
            "`pip install -e '.[server]'`."
        ) from None
    serve()


def run(args: list[str]) -> int:
    """Run the group on the arguments and return the exit status."""
    try:
        # Without standalone mode, click returns the status a command exits with.
        status = app.main(args, prog_name="chatapp-lint", standalone_mode=False)
    except click.ClickException as error:
        error.show()
        return error.exit_code
    except click.exceptions.Abort:
        raise KeyboardInterrupt from None
    return status if isinstance(status, int) else EXIT_CLEAN


# Registered here, after the group exists; send_commands imports the SDK only
# when a command runs, so linting never pays for it.
from chatapp_lint.send_commands import pull_command, send_command  # noqa: E402

app.add_command(send_command)
app.add_command(pull_command)

from chatapp_lint.preview.command import preview_command  # noqa: E402

app.add_command(preview_command)
