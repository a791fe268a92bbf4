"""The sender: create clean templates through the official SDK, safely.

`send` lints first and raises `DirtyTemplateError` (carrying the violations)
when any template has an error; nothing is sent then. `pull` fetches a template
back as a template file. `check_params` checks SendChatappMessage's
TemplateParams against a template. The SDK is imported only by
`chatapp_lint.sender.sdk`, and only when something is sent or pulled; names
here are imported on first use, so importing the package costs nothing.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from chatapp_lint.sender.core import send
    from chatapp_lint.sender.errors import (
        CredentialChainError,
        DirtyTemplateError,
        MissingCredentialsError,
        SdkMissingError,
        SenderError,
        UnsendableTemplateError,
    )
    from chatapp_lint.sender.fetch import Pulled, PullError, pull
    from chatapp_lint.sender.outcome import Outcome, SendReport, Status
    from chatapp_lint.sender.params import check_params
    from chatapp_lint.sender.settings import Credentials, Settings

_HOMES = {
    "send": "core",
    "CredentialChainError": "errors",
    "DirtyTemplateError": "errors",
    "MissingCredentialsError": "errors",
    "SdkMissingError": "errors",
    "SenderError": "errors",
    "UnsendableTemplateError": "errors",
    "Outcome": "outcome",
    "SendReport": "outcome",
    "Status": "outcome",
    "check_params": "params",
    "Pulled": "fetch",
    "PullError": "fetch",
    "pull": "fetch",
    "Credentials": "settings",
    "Settings": "settings",
}

__all__ = [
    "CredentialChainError",
    "Credentials",
    "DirtyTemplateError",
    "MissingCredentialsError",
    "Outcome",
    "PullError",
    "Pulled",
    "SdkMissingError",
    "SendReport",
    "SenderError",
    "Settings",
    "Status",
    "UnsendableTemplateError",
    "check_params",
    "pull",
    "send",
]


def __getattr__(name: str) -> Any:
    if name in _HOMES:
        module = importlib.import_module(f"chatapp_lint.sender.{_HOMES[name]}")
        return getattr(module, name)
    raise AttributeError(f"module 'chatapp_lint.sender' has no attribute {name!r}")
