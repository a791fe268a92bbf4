"""The SARIF 2.1.0 report, for GitHub code scanning and other SARIF viewers.

One run holds every rule of the registry (not only those that fired), so a
viewer can show any rule's documentation, and one result per violation. Files
below the working directory get a relative `uri` against `%SRCROOT%`, which is
what code scanning needs to place them in the repository; others get an
absolute `file:` URI. Standard input (`-`) is reported with the relative
`uri` `stdin` and no base, since it is no file anywhere. A violation's JSON
Pointer is kept twice: as the logical location, which viewers display, and
exactly, with the template index, in the result's `properties`.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any, Final
from urllib.parse import quote

from chatapp_lint import docs
from chatapp_lint._version import __version__
from chatapp_lint.discovery import STDIN
from chatapp_lint.engine import Report
from chatapp_lint.escaping import well_formed
from chatapp_lint.model import Channel, Violation
from chatapp_lint.rules import ALL_RULES
from chatapp_lint.rules._base import Rule

SCHEMA_URI: Final = "https://json.schemastore.org/sarif-2.1.0.json"
SARIF_VERSION: Final = "2.1.0"
SRCROOT: Final = "%SRCROOT%"
STDIN_URI: Final = "stdin"

Json = dict[str, Any]


def render(report: Report, *, root: Path | None = None) -> str:
    """The report as a SARIF 2.1.0 log with one run, with a trailing newline.

    Args:
        report: The violations to report.
        root: The directory that relative URIs are relative to (`%SRCROOT%`);
            the current working directory when not given, because that is
            what the file names in the report are relative to.

    Returns:
        The log as indented JSON.
    """
    base = Path.cwd() if root is None else Path(os.path.normpath(Path.cwd() / root))
    indexes = {rule.code: index for index, rule in enumerate(ALL_RULES)}
    run = {
        "tool": {
            "driver": {
                "name": "chatapp-lint",
                "version": __version__,
                "rules": [_descriptor(rule) for rule in ALL_RULES],
            }
        },
        # A crashed rule (IN001) is reported as a result, but the run is then
        # incomplete, and the command exits 2: say so here too.
        "invocations": [{"executionSuccessful": report.internal_errors == 0}],
        "columnKind": "unicodeCodePoints",
        "originalUriBaseIds": {SRCROOT: {"uri": _directory_uri(base)}},
        "results": [_result(v, indexes, base) for v in report.violations],
    }
    log = {"$schema": SCHEMA_URI, "version": SARIF_VERSION, "runs": [run]}
    return json.dumps(log, ensure_ascii=False, indent=2) + "\n"


def _descriptor(rule: Rule) -> Json:
    """A rule's `reportingDescriptor`, from the same docs as `rules.md` and `rule CODE`."""
    doc = docs.parse(rule.doc)
    configuration: Json = {"level": rule.severity.value}
    if rule.opt_in:
        # Opt-in rules only run when selected; a viewer should know they are off.
        configuration["enabled"] = False
    return {
        "id": rule.code,
        # The slug, not a display name: SARIF consumers key on it, and it is
        # as stable as the code.
        "name": rule.slug,
        "shortDescription": {"text": doc.summary},
        "fullDescription": {"text": doc.sections.get("Why", doc.summary)},
        "help": {
            "text": docs.explain(rule),
            # The rule's own entry in rules.md, so the two never differ (docs
            # has no public name for it yet).
            "markdown": "\n".join(docs.markdown_entry(rule)) + "\n",
        },
        "defaultConfiguration": configuration,
        "properties": {
            "tags": [c.value for c in Channel if c in rule.channels],
            "evidence": [item.to_dict() for item in rule.evidence],
        },
    }


def _result(violation: Violation, indexes: dict[str, int], base: Path) -> Json:
    result: Json = {"ruleId": violation.code}
    if violation.code in indexes:
        result["ruleIndex"] = indexes[violation.code]
    result |= {
        # The configured severity, which may differ from the rule's default.
        "level": violation.severity.value,
        "message": {"text": well_formed(violation.message)},
        "locations": [_location(violation, base)],
        "properties": {
            "pointer": well_formed(violation.pointer),
            "template": violation.template,
        },
    }
    return result


def _location(violation: Violation, base: Path) -> Json:
    location: Json = {}
    if violation.file is not None:
        physical: Json = {"artifactLocation": _artifact(violation.file, base)}
        if violation.line is not None:
            region: Json = {"startLine": violation.line}
            if violation.column is not None:
                region["startColumn"] = violation.column
            physical["region"] = region
        location["physicalLocation"] = physical
    # The pointer names a JSON value of any type, hence the kind `value`; the
    # root pointer is empty, which a viewer would show as nothing, so it reads
    # `/` here (the exact pointer is in the result's properties).
    location["logicalLocations"] = [
        {"fullyQualifiedName": well_formed(violation.pointer) or "/", "kind": "value"}
    ]
    return location


def _artifact(file: str, base: Path) -> Json:
    """Where a file is: relative to `%SRCROOT%` when below it, else an absolute URI."""
    if file == STDIN:
        return {"uri": STDIN_URI}
    # Normalised lexically, not resolved: a symlink inside the repository must
    # keep its repository path, which is the one code scanning knows.
    path = Path(os.path.normpath(base / file))
    if path.is_relative_to(base):
        relative = path.relative_to(base).as_posix()
        # `quote` keeps `/` and escapes the rest, `:` included, so a first
        # segment like `a:b.yaml` cannot be read as a URI scheme. It is given
        # the name's bytes on disk, so a name that is not UTF-8 (PEP 383's
        # surrogate escapes) is percent-encoded byte for byte, as `as_uri` does.
        return {"uri": quote(os.fsencode(relative)), "uriBaseId": SRCROOT}
    return {"uri": path.as_uri()}


def _directory_uri(directory: Path) -> str:
    """A directory's `file:` URI; the slash at the end makes it a base for relative URIs."""
    uri = directory.as_uri()
    return uri if uri.endswith("/") else uri + "/"
