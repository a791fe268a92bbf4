"""Command-line options the `send` and `pull` commands share, and their errors."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click

from chatapp_lint.sender.settings import DEFAULT_ENDPOINT, SPACE_VARIABLE, Settings

if TYPE_CHECKING:
    from chatapp_lint.config import Config

EXIT_FAILED = 1
EXIT_USAGE = 2
F = TypeVar("F", bound=Callable[..., Any])


class SetupError(click.ClickException):
    """The SDK or the credentials are missing: one line, exit status 2."""

    exit_code = EXIT_USAGE


class SendFailed(click.ClickException):
    """A template or the service stopped the command: one line, exit status 1."""

    exit_code = EXIT_FAILED


def service_options(command: F) -> F:
    """The options `send` and `pull` share: where the service is, and as whom."""
    options = [
        click.option(
            "--endpoint",
            metavar="HOST[:PORT]",
            help=f"Service endpoint [default: {DEFAULT_ENDPOINT}].",
        ),
        click.option(
            "--protocol",
            type=click.Choice(["https", "http"]),
            default="https",
            show_default=True,
            help="Protocol to the endpoint.",
        ),
        click.option(
            "--region", help="Region id (derives the endpoint if none given)."
        ),
        click.option(
            "--space-id",
            envvar=SPACE_VARIABLE,
            show_envvar=True,
            help="CustSpaceId for templates without one (a template's own wins).",
        ),
        click.option(
            "--credentials-chain",
            is_flag=True,
            help="Use the SDK's default credential chain (profiles, instance roles) "
            "instead of the ALIBABA_CLOUD_ACCESS_KEY_* variables.",
        ),
        click.option(
            "--max-retries",
            type=click.IntRange(0, 20),
            default=5,
            show_default=True,
            help="Retries of throttling and network failures per call.",
        ),
        click.option(
            "--timeout",
            type=click.FloatRange(0.1, 600),
            default=30.0,
            show_default=True,
            help="Seconds to wait for each answer.",
        ),
    ]
    for option in reversed(options):
        command = option(command)
    return command


def settings_from(options: dict[str, Any], config: Config, **extra: Any) -> Settings:
    """Settings from the shared options; `--space-id` (or its variable) beats the file."""
    return Settings(
        endpoint=options["endpoint"],
        protocol=options["protocol"],
        region=options["region"],
        space_id=options["space_id"] or config.space_id,
        credentials_chain=options["credentials_chain"],
        max_retries=options["max_retries"],
        timeout=options["timeout"],
        connect_timeout=min(options["timeout"], 10.0),
        **extra,
    )


def nearest_config() -> Config:
    """The nearest configuration file's settings (its `space-id`, its rules)."""
    from chatapp_lint.config import Config, ConfigError, discover, load

    found = discover(Path.cwd())
    if found is None:
        return Config()
    try:
        return load(found)
    except ConfigError as error:
        raise SetupError(f"invalid configuration: {error}") from None
