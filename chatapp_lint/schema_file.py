"""The schema of a whole template file, generated from the schema of one template.

A template file holds one template or a list of them. Editors and
check-jsonschema need that file's schema to stand alone: a `$ref` to a sibling
file breaks as soon as the schema is copied elsewhere, and one to an absolute
URL needs a host. So `schemas/template-file.schema.json` is a bundle: the
template's schema sits in its `$defs`, next to the definitions it already had,
and every reference in the file is local (`#/$defs/...`).

Run `python -m chatapp_lint.schema_file` to rewrite it, or with `--check` to
fail when the committed file is stale (a test runs the check too).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any, Final

FILE_SCHEMA: Final = "template-file.schema.json"
TEMPLATE_DEF: Final = "template"
_KEPT_AT_ROOT: Final = ("$schema", "$id", "$defs", "title", "description")


def file_schema(template_schema: dict[str, Any]) -> dict[str, Any]:
    """The bundled schema of a file holding one template or a list of them."""
    definitions = dict(template_schema.get("$defs", {}))
    if TEMPLATE_DEF in definitions:
        raise ValueError(f"the template schema already defines {TEMPLATE_DEF!r}")
    template = {k: v for k, v in template_schema.items() if k not in _KEPT_AT_ROOT}
    template = {
        "title": template_schema.get("title", "One template"),
        "description": template_schema.get("description", ""),
        **template,
    }
    reference = {"$ref": f"#/$defs/{TEMPLATE_DEF}"}
    return {
        "$schema": template_schema["$schema"],
        "title": "chatapp-lint template file",
        "description": (
            "A chatapp-lint template file: one CreateChatappTemplate request, or a"
            " list of them. Generated from create-chatapp-template.schema.json"
            " (python -m chatapp_lint.schema_file); every reference is local, so"
            " the file stands alone."
        ),
        "anyOf": [reference, {"type": "array", "items": reference}],
        "$defs": {TEMPLATE_DEF: template, **definitions},
    }


def file_schema_text(template_schema: dict[str, Any]) -> str:
    """The bundled schema as the repository keeps it: indented JSON, final newline."""
    return json.dumps(file_schema(template_schema), ensure_ascii=False, indent=2) + "\n"


def main(argv: list[str] | None = None) -> int:
    """Write `schemas/template-file.schema.json` (or, with `--check`, compare)."""
    from chatapp_lint.schema import SCHEMA_FILE

    args = sys.argv[1:] if argv is None else argv
    folder = Path(__file__).parent / "schemas"
    source = json.loads((folder / SCHEMA_FILE).read_text(encoding="utf-8"))
    text = file_schema_text(source)
    target = folder / FILE_SCHEMA
    if "--check" in args:
        current = target.read_text(encoding="utf-8") if target.exists() else ""
        if current != text:
            sys.stderr.write(
                f"{FILE_SCHEMA} is stale: run `python -m chatapp_lint.schema_file`.\n"
            )
            return 1
        return 0
    target.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
