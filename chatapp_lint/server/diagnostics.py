"""Violations as LSP diagnostics: the value's range, the code, and a link to its docs."""

from __future__ import annotations

import functools
from pathlib import Path

from lsprotocol import types
from pygls.workspace import TextDocument
from pygls.workspace.position_codec import ServerTextPosition

from chatapp_lint.loader import Kind
from chatapp_lint.model import Position, Severity, Violation
from chatapp_lint.rules import find
from chatapp_lint.server.extent import Lines, value_end, yaml_extents

SOURCE = "chatapp-lint"


def to_diagnostics(
    document: TextDocument, kind: Kind, violations: list[Violation]
) -> list[tuple[types.Diagnostic, Violation]]:
    """Each violation as a diagnostic over the value it names, in the client's units."""
    if not violations:
        return []
    text = document.source
    lines = Lines(text)
    extents = yaml_extents(text) if kind == "yaml" else None
    client_lines = document.lines
    codec = document.position_codec
    found = []
    for violation in violations:
        start = Position(violation.line or 1, violation.column or 1)
        offset = lines.offset(start)
        end = lines.position(value_end(lines, kind, offset, violation.pointer, extents))
        span = types.Range(
            start=codec.position_to_client_units(client_lines, _server(start)),
            end=codec.position_to_client_units(client_lines, _server(end)),
        )
        found.append((diagnostic(violation, span), violation))
    return found


def _server(position: Position) -> ServerTextPosition:
    return ServerTextPosition(line=position.line - 1, character=position.column - 1)


def diagnostic(violation: Violation, span: types.Range) -> types.Diagnostic:
    """One violation as a diagnostic; its pointer and template travel in `data`."""
    href = rule_uri(violation.code)
    return types.Diagnostic(
        range=span,
        severity=(
            types.DiagnosticSeverity.Error
            if violation.severity is Severity.ERROR
            else types.DiagnosticSeverity.Warning
        ),
        code=violation.code,
        code_description=types.CodeDescription(href=href) if href else None,
        source=SOURCE,
        message=violation.message,
        data={"pointer": violation.pointer, "template": violation.template},
    )


@functools.cache
def rule_uri(code: str) -> str | None:
    """Where the rule's documentation is: its entry in `rules.md`.

    The wheel ships `rules.md` inside the package; a source checkout has it at
    the repository's root.
    """
    rule = find(code)
    if rule is None:
        return None
    package = Path(__file__).resolve().parent.parent
    for candidate in (package / "rules.md", package.parent / "rules.md"):
        if candidate.is_file():
            return f"{candidate.as_uri()}#{rule.code.lower()}-{rule.slug}"
    return None
