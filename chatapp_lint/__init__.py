"""chatapp-lint: check WhatsApp and Viber templates before CreateChatappTemplate.

The public API is `lint`, `lint_paths`, `check_params`, `Violation`, `Severity`,
`Report` and `__version__`; the sender is `chatapp_lint.sender`.
Imports are deferred so that `import chatapp_lint` stays cheap for the command line.
"""

from __future__ import annotations

from chatapp_lint._version import __version__

# Not `from typing import TYPE_CHECKING`: importing typing would cost `--version`
# a third of bare Python's start-up, and mypy treats this constant the same way.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

    from chatapp_lint.engine import Report, lint, lint_paths
    from chatapp_lint.model import Severity, Violation
    from chatapp_lint.sender.params import check_params

__all__ = [
    "Report",
    "Severity",
    "Violation",
    "__version__",
    "check_params",
    "lint",
    "lint_paths",
]

_HOMES = {
    "lint": "chatapp_lint.engine",
    "lint_paths": "chatapp_lint.engine",
    "Report": "chatapp_lint.engine",
    "Severity": "chatapp_lint.model",
    "Violation": "chatapp_lint.model",
    "check_params": "chatapp_lint.sender.params",
}


def __getattr__(name: str) -> Any:
    if name in _HOMES:
        import importlib

        return getattr(importlib.import_module(_HOMES[name]), name)
    raise AttributeError(f"module 'chatapp_lint' has no attribute {name!r}")
