"""The library call: lint, refuse a dirty batch, then create each template in order."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING, Any

from chatapp_lint.sender.attempts import Attempts
from chatapp_lint.sender.batch import Item, Source, collect
from chatapp_lint.sender.errors import (
    Redactor,
    ReportWriteError,
    SdkMissingError,
    SenderError,
)
from chatapp_lint.sender.journal import Journal, JournalWriteError
from chatapp_lint.sender.outcome import Outcome, SendReport, Status
from chatapp_lint.sender.settings import Settings

if TYPE_CHECKING:
    from chatapp_lint.config import Config
    from chatapp_lint.selection import Selection


def send(
    sources: Source | Iterable[Source],
    settings: Settings | None = None,
    *,
    selection: Selection | None = None,
    config: Config | None = None,
    on_outcome: Callable[[Outcome], None] | None = None,
) -> SendReport:
    """Lint templates and create the clean ones with CreateChatappTemplate.

    Args:
        sources: Template files or directories, or templates as mappings (one
            or an iterable of them).
        settings: Endpoint, space, credentials, report file, retries...
        selection: The lint rules to apply (the default set when None).
        config: A lint configuration (per-file ignores), as the CLI finds it.
        on_outcome: Called with each outcome as soon as it is known.

    Returns:
        Each template's outcome, in file order.

    Raises:
        DirtyTemplateError: a template has an error; nothing was sent.
        UnsendableTemplateError: the SDK would drop a member; nothing was sent.
        SdkMissingError: the `send` extra is not installed.
        MissingCredentialsError: no access key in the environment.
        ReportWriteError: the report file could not be written; the batch
            stopped, and the error carries the outcomes so far.
    """
    settings = settings or Settings()
    items = collect(
        sources, space_id=settings.space_id, selection=selection, config=config
    )
    sdk = load_sdk()
    for item in items:  # every template must fit the SDK's model before any is sent
        sdk.request_model(item.data, item.where)
    if settings.dry_run:
        return _plan(sdk, items, on_outcome)
    journal = _journal(settings.report)
    try:
        gateway = open_gateway(sdk, settings)
    except BaseException:
        if journal is not None:
            journal.close()
        raise
    shown: list[Outcome] = []

    def show(outcome: Outcome) -> None:
        shown.append(outcome)
        if on_outcome is not None:
            on_outcome(outcome)

    attempts = Attempts(gateway, settings, journal, show)
    try:
        for item in items:
            attempts.run(item)
    except JournalWriteError as error:  # what follows could not be recorded: stop
        shown_so_far = SendReport(tuple(shown))
        raise ReportWriteError(settings.report, error.reason, shown_so_far) from None
    finally:
        gateway.close()
        if journal is not None:
            journal.close()
    return SendReport(tuple(shown))


def load_sdk() -> ModuleType:
    """Import the SDK-facing module, or say in one line how to install the SDK.

    Raises:
        SdkMissingError: the SDK (the `send` extra) is not importable.
    """
    import importlib

    try:
        return importlib.import_module("chatapp_lint.sender.sdk")
    except ImportError as error:
        raise SdkMissingError(error.name) from None


def open_gateway(sdk: ModuleType, settings: Settings) -> Any:
    """The SDK client, with credentials read now (or the chain, when asked for).

    Raises:
        MissingCredentialsError: no access key in the environment, or an empty
            chain.
    """
    credentials = (
        None if settings.credentials_chain else settings.resolved_credentials()
    )
    redact = Redactor(credentials.secrets() if credentials else ())
    return sdk.Gateway(settings, credentials, redact)


def _journal(path: Path | None) -> Journal | None:
    if path is None:
        return None
    try:
        return Journal(path)
    except OSError as error:
        reason = error.strerror or type(error).__name__
        raise SenderError(f"the report file {path} cannot be used: {reason}.") from None


def _plan(
    sdk: ModuleType, items: list[Item], on_outcome: Callable[[Outcome], None] | None
) -> SendReport:
    outcomes = []
    for item in items:
        outcome = Outcome(
            file=item.file,
            template=item.index,
            name=item.name,
            language=item.language,
            space_id=item.space_id,
            status=Status.PLANNED,
            parameters=sdk.wire_parameters(item.data, item.where),
        )
        if on_outcome is not None:
            on_outcome(outcome)
        outcomes.append(outcome)
    return SendReport(tuple(outcomes))
