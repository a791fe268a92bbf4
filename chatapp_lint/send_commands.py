"""The `send` and `pull` commands; `chatapp_lint.commands` registers them on the group.

Both are thin: they build `Settings` from the options and call the library. The
SDK is imported only once a command runs, never when the group is built.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import click

from chatapp_lint.escaping import visible
from chatapp_lint.sender.errors import (
    DirtyTemplateError,
    MissingCredentialsError,
    SdkMissingError,
    SenderError,
)
from chatapp_lint.sender.options import (
    EXIT_FAILED,
    SendFailed,
    SetupError,
    nearest_config,
    service_options,
    settings_from,
)
from chatapp_lint.sender.outcome import Outcome


@click.command("send")
@click.argument(
    "paths", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=True)
)
@service_options
@click.option(
    "--report",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Append one JSON line per template; a re-run skips what it says was created.",
)
@click.option(
    "--dry-run",
    is_flag=True,
    help="Lint and print the request parameters; send nothing.",
)
def send_command(
    paths: Sequence[str], report: Path | None, dry_run: bool, **options: Any
) -> None:
    """Lint templates, then create each clean one with CreateChatappTemplate.

    Nothing is sent if any template has an error. Credentials come from
    ALIBABA_CLOUD_ACCESS_KEY_ID / ALIBABA_CLOUD_ACCESS_KEY_SECRET (and
    ALIBABA_CLOUD_SECURITY_TOKEN). Exit status: 0 when every template is held by
    the service, 1 when a template has errors or was not created, 2 when the
    SDK or the credentials are missing.
    """
    from chatapp_lint.rules import ALL_RULES
    from chatapp_lint.selection import Selection
    from chatapp_lint.sender import send

    config = nearest_config()
    settings = settings_from(options, config, report=report, dry_run=dry_run)
    selection = Selection.from_config(ALL_RULES, config)
    on_outcome = None if dry_run else _print_outcome
    try:
        result = send(
            paths, settings, selection=selection, config=config, on_outcome=on_outcome
        )
    except DirtyTemplateError as error:
        from chatapp_lint.reporters import REPORTERS

        click.echo(REPORTERS["text"](error.report), nl=False)
        raise SendFailed(str(error)) from None
    except (SdkMissingError, MissingCredentialsError) as error:
        raise SetupError(visible(str(error))) from None
    except SenderError as error:
        raise SendFailed(visible(str(error))) from None
    if dry_run:
        plan = [
            {
                "file": o.file,
                "template": o.template,
                "action": "CreateChatappTemplate",
                "parameters": o.parameters,
            }
            for o in result.outcomes
        ]
        click.echo(json.dumps(plan, ensure_ascii=False, indent=2))
    click.echo(result.summary(), err=True)
    if not result.ok:
        raise click.exceptions.Exit(EXIT_FAILED)


def _print_outcome(outcome: Outcome) -> None:
    """One line per template; every piece from outside is made visible first.

    A server's Message, a file or template name could otherwise start a line of
    its own (a forged `::error::` workflow command) or a terminal sequence.
    """
    v = visible
    place = f"{v(outcome.file or '<mapping>')}#{outcome.template}"
    head = f"{place}: {v(outcome.name)} [{v(outcome.language)}] {outcome.status}"
    if outcome.status.done:
        extra = " (found by lookup)" if outcome.via_lookup else ""
        code = v(outcome.template_code or "-")
        click.echo(f"{head} TemplateCode {code}{extra}")
        return
    request = f" (RequestId {v(outcome.request_id)})" if outcome.request_id else ""
    failure = f"{v(outcome.error_code or '')}: {v(outcome.message or '')}"
    click.echo(f"{head}: {failure}{request}", err=True)


@click.command("pull")
@click.option("--name", required=True, help="The template's Name.")
@click.option("--language", required=True, help="The template's Language, e.g. en_US.")
@click.option("--code", help="The template's TemplateCode, when known.")
@click.option(
    "--type",
    "template_type",
    type=click.Choice(["WHATSAPP", "VIBER"]),
    help="The template's TemplateType.",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write here: YAML for .yaml/.yml, JSON otherwise [default: JSON on stdout].",
)
@service_options
def pull_command(
    name: str,
    language: str,
    code: str | None,
    template_type: str | None,
    output: Path | None,
    **options: Any,
) -> None:
    """Fetch a template with GetChatappTemplateDetail, as a template file.

    The file has CreateChatappTemplate's shape, so it lints as the service holds
    the template; fields a create request has no place for are left out (and
    named on standard error).
    """
    from chatapp_lint.sender.fetch import PullError, dump, pull

    try:
        pulled = pull(
            name,
            language,
            settings_from(options, nearest_config()),
            code=code,
            template_type=template_type,
        )
    except (SdkMissingError, MissingCredentialsError) as error:
        raise SetupError(str(error)) from None
    except PullError as error:
        raise SendFailed(visible(str(error))) from None
    for note in pulled.notes:
        click.echo(f"note: {visible(note)}", err=True)
    text = dump(pulled.template, output)
    if output is None:
        click.echo(text, nl=False)
    else:
        output.write_text(text, encoding="utf-8")
        click.echo(f"wrote {output}", err=True)


__all__ = ["pull_command", "send_command", "service_options"]
