"""Reading rule case files (tests/cases/*.yaml) into runnable cases."""

from __future__ import annotations

import copy
import functools
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import attrs
import yaml

from chatapp_lint.pointer import split

CASES_DIR = Path(__file__).parent / "cases"


@functools.cache
def bases() -> dict[str, dict[str, Any]]:
    data = yaml.safe_load((CASES_DIR / "_bases.yaml").read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


def case_files() -> list[Path]:
    return sorted(p for p in CASES_DIR.glob("*.yaml") if not p.name.startswith("_"))


@attrs.frozen
class Case:
    id: str
    rule: str
    spec: dict[str, Any]

    @property
    def expect(self) -> list[dict[str, Any]]:
        return list(self.spec["expect"])

    @property
    def fails(self) -> bool:
        return any(item["code"] == self.rule for item in self.expect)

    def template(self, default_base: str | None) -> dict[str, Any]:
        if "template" in self.spec:
            return copy.deepcopy(self.spec["template"])
        name = self.spec.get("base", default_base)
        assert name, f"{self.id}: no base and no template"
        template = copy.deepcopy(bases()[name])
        for pointer in self.spec.get("remove", []):
            parent, last = _parent(template, pointer)
            del parent[int(last) if isinstance(parent, list) else last]
        for pointer, value in self.spec.get("set", {}).items():
            parent, last = _parent(template, pointer)
            if isinstance(parent, list):
                index = len(parent) if last == "-" else int(last)
                if index == len(parent):
                    parent.append(value)
                else:
                    parent[index] = value
            else:
                parent[last] = value
        return template

    def source(self) -> tuple[str, bytes] | None:
        if "source" not in self.spec:
            return None
        return self.spec.get("format", "yaml"), self.spec["source"].encode("utf-8")


def _parent(document: Any, pointer: str) -> tuple[Any, str]:
    tokens = split(pointer)
    node = document
    for token in tokens[:-1]:
        node = node[int(token)] if isinstance(node, list) else node[token]
    return node, tokens[-1]


def load_cases() -> Iterator[tuple[Case, str | None]]:
    for path in case_files():
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        for name, spec in data["cases"].items():
            yield Case(f"{data['rule']}/{name}", data["rule"], spec), data.get("base")


def dumps(template: dict[str, Any], kind: str) -> bytes:
    if kind == "json":
        return json.dumps(template, indent=2, ensure_ascii=False).encode("utf-8")
    return yaml.safe_dump(template, allow_unicode=True, sort_keys=False).encode("utf-8")
