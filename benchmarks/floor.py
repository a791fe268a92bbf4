"""The floor: what any linter of these files must at least do, with nothing else.

Reads each file named on the command line (or found below a directory), parses
it (JSON with the standard library, YAML with libyaml's safe loader) and runs
a validator compiled once from the template schema. No rules, no positions,
no report: chatapp-lint's time on the same files is measured against this.
"""

from __future__ import annotations

import json
import os
import sys

import yaml

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))  # noqa: PTH100, PTH120
sys.path.insert(0, ROOT)

from chatapp_lint.schema_validity import compile_validity  # noqa: E402

LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def files(arguments: list[str]) -> list[str]:
    found = []
    for argument in arguments:
        if os.path.isdir(argument):  # noqa: PTH112
            for directory, _, names in os.walk(argument):
                found += [
                    os.path.join(directory, n)  # noqa: PTH118
                    for n in names
                    if n.endswith((".json", ".yaml", ".yml"))
                ]
        else:
            found.append(argument)
    return sorted(found)


def main() -> int:
    schema_file = os.path.join(ROOT, "schemas", "create-chatapp-template.schema.json")  # noqa: PTH118
    with open(schema_file, encoding="utf-8") as handle:  # noqa: PTH123
        is_valid = compile_validity(json.load(handle))
    invalid = 0
    for path in files(sys.argv[1:]):
        with open(path, "rb") as handle:  # noqa: PTH123
            data = handle.read()
        value = json.loads(data) if path.endswith(".json") else yaml.load(data, LOADER)  # noqa: S506 - the safe loader
        for template in value if isinstance(value, list) else [value]:
            invalid += not is_valid(template)
    return 1 if invalid else 0


if __name__ == "__main__":
    raise SystemExit(main())
