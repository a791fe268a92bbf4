"""Reporters turn a `Report` into text; the command line writes what they return.

`REPORTERS` maps each format to its renderer and imports a reporter's module only
when that format is asked for: a text run never pays for SARIF or JSON.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterator, Mapping
from typing import Final

from chatapp_lint.engine import Report

_MODULES: Final = {
    "text": "text",
    "json": "json_report",
    "sarif": "sarif",
    "github": "github",
}


class _Reporters(Mapping[str, Callable[[Report], str]]):
    def __getitem__(self, name: str) -> Callable[[Report], str]:
        module = importlib.import_module(f"{__name__}.{_MODULES[name]}")
        render: Callable[[Report], str] = module.render
        return render

    def __iter__(self) -> Iterator[str]:
        return iter(_MODULES)

    def __len__(self) -> int:
        return len(_MODULES)


REPORTERS: Final[Mapping[str, Callable[[Report], str]]] = _Reporters()
