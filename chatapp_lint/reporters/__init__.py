"""Reporters turn a `Report` into text; the command line writes what they return."""

from __future__ import annotations

from collections.abc import Callable
from typing import Final

from chatapp_lint.engine import Report
from chatapp_lint.reporters import github, json_report, sarif, text

REPORTERS: Final[dict[str, Callable[[Report], str]]] = {
    "text": text.render,
    "json": json_report.render,
    "sarif": sarif.render,
    "github": github.render,
}
