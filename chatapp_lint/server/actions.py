"""What the quick fixes change: a rule's safe fix, every fix, and silencing a rule.

Each function returns the new text of a file (or None when there is nothing to
do); the server turns that into an edit of the whole document, which is exact
whatever the fix moved.
"""

from __future__ import annotations

import re
from pathlib import Path

from chatapp_lint.config import DEDICATED, PYPROJECT
from chatapp_lint.fixer import fix_bytes
from chatapp_lint.fixes import FIXES
from chatapp_lint.loader import Kind
from chatapp_lint.rules import ALL_RULES
from chatapp_lint.selection import Selection
from chatapp_lint.server.analysis import Settings


def fixable(code: str) -> bool:
    """Whether `--fix` knows a safe fix for violations of this code."""
    return code in FIXES


def fixed_text(
    text: str, kind: Kind, settings: Settings, name: str, code: str | None = None
) -> str | None:
    """The text with the safe fixes applied: of one code, or all of them.

    The fixes are those `--fix` applies to the file on disk, with the same rules
    selected and the same ignores respected; None when nothing would change.
    """
    selection = settings.selection
    if code is not None:
        if not selection.enabled(code):
            return None
        only = Selection.build(ALL_RULES, select=[code])
        selection = Selection(only.rules, dict(selection.severities))
    outcome = fix_bytes(
        text.encode("utf-8"), kind, selection, config=settings.config, name=name
    )
    return outcome.fixed if outcome.changed else None


def disable_comment(text: str, line: int, code: str) -> str:
    """The YAML text with `# chatapp-lint: disable=CODE` on the line before `line`.

    An existing disable comment just above gains the code instead.
    """
    lines = text.splitlines(keepends=True)
    index = min(max(line - 1, 0), len(lines))
    target = lines[index] if index < len(lines) else ""
    if index > 0:
        above = lines[index - 1]
        match = re.match(
            r"^([ \t]*)#[ \t]*chatapp-lint:[ \t]*disable=([\w,\- ]+?)(\r?\n?)$", above
        )
        if match:
            codes = [c.strip() for c in match.group(2).split(",") if c.strip()]
            if code not in codes:
                codes.append(code)
            lines[index - 1] = (
                f"{match.group(1)}# chatapp-lint: disable={','.join(codes)}{match.group(3)}"
            )
            return "".join(lines)
    indent = re.match(r"^[ \t]*(?:-[ \t]+)?", target)
    width = len(indent.group(0)) if indent else 0
    ending = "\r\n" if target.endswith("\r\n") else "\n"
    lines.insert(index, " " * width + f"# chatapp-lint: disable={code}{ending}")
    return "".join(lines)


def ignore_in_config(
    config_path: Path | None, root: Path, file_glob: str, code: str
) -> tuple[Path, str, str]:
    """The configuration file to write, its text before, and after adding the ignore.

    The entry goes into the `per-file-ignores` table of the configuration that
    applies to the file, or of a new `.chatapp-lint.toml` at the workspace root.
    """
    path = config_path or root / DEDICATED
    try:
        before = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        before = ""
    header = (
        "[tool.chatapp-lint.per-file-ignores]"
        if path.name == PYPROJECT
        else "[per-file-ignores]"
    )
    entry = f"{_toml_string(file_glob)} = [{_toml_string(code)}]\n"
    lines = before.splitlines(keepends=True)
    for index, line in enumerate(lines):
        if line.strip() == header:
            lines.insert(index + 1, entry)
            return path, before, "".join(lines)
    separator = "" if not before or before.endswith("\n") else "\n"
    gap = "\n" if before.strip() else ""
    return path, before, f"{before}{separator}{gap}{header}\n{entry}"


def _toml_string(value: str) -> str:
    escaped = value.replace("\\", "\\\\").replace('"', '\\"')
    return f'"{escaped}"'
