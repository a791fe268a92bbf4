"""Fetch a template with GetChatappTemplateDetail and write it as a template file."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import attrs

from chatapp_lint.sender.core import load_sdk, open_gateway
from chatapp_lint.sender.errors import SenderError
from chatapp_lint.sender.lookup import Lookup
from chatapp_lint.sender.outcome import ApiFailure, Failure
from chatapp_lint.sender.settings import Settings
from chatapp_lint.sender.shape import to_template

_YAML_SUFFIXES = {".yaml", ".yml"}


class PullError(SenderError):
    """The template could not be fetched: not found, or the service said no."""

    def __init__(self, message: str, failure: Failure | None = None) -> None:
        self.failure = failure
        super().__init__(message)


@attrs.frozen
class Pulled:
    """A fetched template in request shape, what was left out, and the request id."""

    template: dict[str, Any]
    notes: tuple[str, ...]
    request_id: str | None


def pull(
    name: str,
    language: str,
    settings: Settings | None = None,
    *,
    code: str | None = None,
    template_type: str | None = None,
) -> Pulled:
    """Fetch one template by name and language (and code, when known).

    Raises:
        PullError: no such template, or an API or network failure.
        SdkMissingError, MissingCredentialsError: as for `send`.
    """
    settings = settings or Settings()
    gateway = open_gateway(load_sdk(), settings)
    query = {"TemplateName": name, "Language": language}
    for key, value in (
        ("TemplateCode", code),
        ("TemplateType", template_type),
        ("CustSpaceId", settings.space_id),
    ):
        if value:
            query[key] = value
    try:
        found = Lookup(gateway, settings).fetch(query)
    finally:
        gateway.close()
    if found.failure is not None:
        raise PullError(describe(found.failure), found.failure)
    data, request_id = found.held, found.request_id
    if data is None:
        raise PullError(f"no template {name!r} in language {language!r} was found.")
    template, notes = to_template(data)
    return Pulled(template, tuple(notes), request_id)


def describe(failure: Failure) -> str:
    """A failure in one line: Code, Message and RequestId, or the network fault."""
    if isinstance(failure, ApiFailure):
        return (
            f"{failure.code}: {failure.message} (RequestId {failure.request_id or '-'})"
        )
    return f"{failure.code}: {failure.detail}"


def dump(template: dict[str, Any], path: Path | None) -> str:
    """The template as a file's text: YAML for `.yaml`/`.yml`, JSON otherwise."""
    if path is not None and path.suffix.lower() in _YAML_SUFFIXES:
        import yaml

        return yaml.safe_dump(
            template, sort_keys=False, allow_unicode=True, default_flow_style=False
        )
    return json.dumps(template, ensure_ascii=False, indent=2) + "\n"
