"""The SARIF and GitHub Actions reporters: schema-valid SARIF, exact workflow commands."""

from __future__ import annotations

import json
import re
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from jsonschema.protocols import Validator
from jsonschema.validators import validator_for

from chatapp_lint import docs
from chatapp_lint.engine import Report, lint_paths
from chatapp_lint.model import Severity, Violation
from chatapp_lint.reporters import github, sarif
from chatapp_lint.rules import ALL_RULES, by_code

ROOT = Path(__file__).resolve().parents[1]
SARIF_SCHEMA = Path(__file__).parent / "data" / "sarif-schema-2.1.0.json"

# RFC 3986 URI-reference characters: jsonschema checks `format: uri-reference`
# only when an optional package is installed, so the tests check it themselves.
URI_REFERENCE = re.compile(r"(?:[A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=]|%[0-9A-F]{2})*")


@cache
def _validator() -> Validator:
    schema = json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))
    cls = validator_for(schema)  # the file says draft-04
    cls.check_schema(schema)
    return cls(schema, format_checker=cls.FORMAT_CHECKER)


def _violation(**changes: Any) -> Violation:
    fields: dict[str, Any] = {
        "file": "t/a.yaml",
        "line": 12,
        "column": 9,
        "code": "BT003",
        "rule": "too-many-url-buttons",
        "severity": Severity.ERROR,
        "message": "3 URL buttons; at most 2 are allowed.",
        "template": 0,
        "pointer": "/Components/3/Buttons/2",
    }
    return Violation(**(fields | changes))


def _sarif(*violations: Violation, root: Path | None = None) -> dict[str, Any]:
    text = sarif.render(Report(violations, files=1, templates=1), root=root)
    document: dict[str, Any] = json.loads(text)
    return document


def _only_result(document: dict[str, Any]) -> dict[str, Any]:
    (result,) = document["runs"][0]["results"]
    return dict(result)


def _artifact(document: dict[str, Any]) -> dict[str, Any]:
    location = _only_result(document)["locations"][0]
    return dict(location["physicalLocation"]["artifactLocation"])


def _uris(value: object) -> list[str]:
    """Every `uri` member anywhere in a document."""
    if isinstance(value, dict):
        found = [v for k, v in value.items() if k == "uri" and isinstance(v, str)]
        return found + [uri for v in value.values() for uri in _uris(v)]
    if isinstance(value, list):
        return [uri for v in value for uri in _uris(v)]
    return []


# SARIF: validity against the OASIS schema


def test_sarif_of_the_bad_examples_is_valid(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    report = lint_paths(["examples/bad"])
    assert report.violations, "examples/bad should produce violations"
    text = sarif.render(report)
    assert text.endswith("}\n")
    document = json.loads(text)
    _validator().validate(document)
    (run,) = document["runs"]
    assert len(run["results"]) == len(report.violations)
    for violation, result in zip(report.violations, run["results"], strict=True):
        physical = result["locations"][0]["physicalLocation"]
        assert physical["artifactLocation"] == {
            "uri": violation.file,  # plain names: nothing to percent-encode
            "uriBaseId": "%SRCROOT%",
        }
        assert physical["region"] == {
            "startLine": violation.line,
            "startColumn": violation.column,
        }
    assert all(URI_REFERENCE.fullmatch(uri) for uri in _uris(document))


def test_sarif_of_an_empty_report_is_valid() -> None:
    document = json.loads(sarif.render(Report((), files=0, templates=0)))
    _validator().validate(document)
    assert document["runs"][0]["results"] == []
    assert len(document["runs"][0]["tool"]["driver"]["rules"]) == len(ALL_RULES)


def test_the_schema_check_does_reject_a_broken_log() -> None:
    document = json.loads(sarif.render(Report((), files=0, templates=0)))
    document["runs"][0]["columnKind"] = "bytes"
    assert not _validator().is_valid(document)


# SARIF: the run and its rules


def test_sarif_header_and_one_run() -> None:
    document = _sarif()
    assert document["$schema"] == "https://json.schemastore.org/sarif-2.1.0.json"
    assert document["version"] == "2.1.0"
    (run,) = document["runs"]
    assert run["columnKind"] == "unicodeCodePoints"
    assert run["invocations"] == [{"executionSuccessful": True}]
    driver = run["tool"]["driver"]
    assert driver["name"] == "chatapp-lint"
    assert "informationUri" not in driver  # the project has no public home yet


def test_every_rule_is_described_once_with_its_documentation() -> None:
    rules = _sarif()["runs"][0]["tool"]["driver"]["rules"]
    assert [r["id"] for r in rules] == [rule.code for rule in ALL_RULES]
    for descriptor, rule in zip(rules, ALL_RULES, strict=True):
        doc = docs.parse(rule.doc)
        assert descriptor["name"] == rule.slug
        assert descriptor["shortDescription"] == {"text": doc.summary}
        assert descriptor["fullDescription"] == {
            "text": doc.sections.get("Why", doc.summary)
        }
        assert descriptor["help"]["text"] == docs.explain(rule)
        assert descriptor["help"]["markdown"].startswith(
            f"## {rule.code} {rule.slug}\n"
        )
        assert descriptor["defaultConfiguration"]["level"] == rule.severity.value
        assert descriptor["defaultConfiguration"].get("enabled", True) != rule.opt_in


def test_help_markdown_is_the_rules_md_entry() -> None:
    rules_md = (ROOT / "rules.md").read_text(encoding="utf-8")
    for descriptor in _sarif()["runs"][0]["tool"]["driver"]["rules"]:
        assert descriptor["help"]["markdown"] in rules_md


def test_rule_index_points_at_the_rule() -> None:
    codes = ["BT003", "DP001", ALL_RULES[0].code, ALL_RULES[-1].code]
    violations = [_violation(code=code, rule=by_code(code).slug) for code in codes]
    document = _sarif(*violations)
    rules = document["runs"][0]["tool"]["driver"]["rules"]
    for code, result in zip(codes, document["runs"][0]["results"], strict=True):
        assert result["ruleId"] == code
        assert rules[result["ruleIndex"]]["id"] == code


def test_level_is_the_configured_severity_not_the_default() -> None:
    assert by_code("BT003").severity is Severity.ERROR
    result = _only_result(_sarif(_violation(severity=Severity.WARNING)))
    assert result["level"] == "warning"


def test_an_internal_error_marks_the_run_unsuccessful() -> None:
    crash = _violation(code="IN001", rule=by_code("IN001").slug, message="crashed")
    invocations = _sarif(crash)["runs"][0]["invocations"]
    assert invocations == [{"executionSuccessful": False}]


# SARIF: where a result is


def test_pointer_kept_as_logical_location_and_property() -> None:
    result = _only_result(_sarif(_violation(template=2)))
    assert result["locations"][0]["logicalLocations"] == [
        {"fullyQualifiedName": "/Components/3/Buttons/2", "kind": "value"}
    ]
    assert result["properties"] == {"pointer": "/Components/3/Buttons/2", "template": 2}


def test_root_pointer_shows_as_a_slash_but_stays_exact_in_properties() -> None:
    result = _only_result(_sarif(_violation(pointer="")))
    location = result["locations"][0]["logicalLocations"][0]
    assert location["fullyQualifiedName"] == "/"
    assert result["properties"]["pointer"] == ""


def test_file_below_cwd_is_relative_to_srcroot(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.chdir(tmp_path)
    document = _sarif(_violation(file="sub/../t/a.yaml"))
    assert _artifact(document) == {"uri": "t/a.yaml", "uriBaseId": "%SRCROOT%"}
    srcroot = document["runs"][0]["originalUriBaseIds"]["%SRCROOT%"]
    assert srcroot == {"uri": tmp_path.as_uri() + "/"}


def test_absolute_name_below_cwd_is_made_relative(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.chdir(tmp_path)
    document = _sarif(_violation(file=str(tmp_path / "t" / "a.yaml")))
    assert _artifact(document) == {"uri": "t/a.yaml", "uriBaseId": "%SRCROOT%"}


def test_relative_uri_is_percent_encoded(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.chdir(tmp_path)
    document = _sarif(_violation(file="my templates/a:b#1%ü.yaml"))
    assert _artifact(document) == {
        "uri": "my%20templates/a%3Ab%231%25%C3%BC.yaml",
        "uriBaseId": "%SRCROOT%",
    }
    _validator().validate(document)


@pytest.mark.parametrize("spelling", ["absolute", "relative"])
def test_file_outside_cwd_gets_an_absolute_file_uri(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, spelling: str
) -> None:
    work = tmp_path / "work"
    work.mkdir()
    monkeypatch.chdir(work)
    outside = tmp_path / "elsewhere" / "t.yaml"
    name = str(outside) if spelling == "absolute" else "../elsewhere/t.yaml"
    document = _sarif(_violation(file=name))
    assert _artifact(document) == {"uri": outside.as_uri()}
    _validator().validate(document)


def test_root_argument_replaces_cwd(tmp_path: Path) -> None:
    document = _sarif(_violation(file=str(tmp_path / "t.yaml")), root=tmp_path)
    assert _artifact(document) == {"uri": "t.yaml", "uriBaseId": "%SRCROOT%"}
    srcroot = document["runs"][0]["originalUriBaseIds"]["%SRCROOT%"]
    assert srcroot == {"uri": tmp_path.as_uri() + "/"}


def test_standard_input_is_named_stdin_without_a_base() -> None:
    assert _artifact(_sarif(_violation(file="-"))) == {"uri": "stdin"}


def test_no_line_means_no_region_and_no_file_no_physical_location() -> None:
    document = _sarif(
        _violation(line=None, column=None),
        _violation(file=None, line=None, column=None),
    )
    _validator().validate(document)
    first, second = (r["locations"][0] for r in document["runs"][0]["results"])
    assert first["physicalLocation"] == {
        "artifactLocation": {"uri": "t/a.yaml", "uriBaseId": "%SRCROOT%"}
    }
    assert "physicalLocation" not in second
    assert second["logicalLocations"][0]["fullyQualifiedName"] == (
        "/Components/3/Buttons/2"
    )


def test_non_ascii_text_is_written_as_is() -> None:
    text = sarif.render(Report((_violation(message="Texte trop long 🙂"),), 1, 1))
    assert '"text": "Texte trop long 🙂"' in text


# GitHub Actions


def test_github_commands_escape_data_and_properties_exactly() -> None:
    report = Report(
        (
            _violation(
                file="dir,1/a:b%.yaml",
                message="100% sure:\r\nline two, with a comma",
                pointer="/Components/0/a%b",
            ),
            _violation(
                file="t/b.json",
                line=3,
                column=5,
                code="DP001",
                rule="deprecated-cust-waba-id",
                severity=Severity.WARNING,
                message="'CustWabaId' is deprecated: use 'CustSpaceId' instead.",
                template=1,
                pointer="/CustWabaId",
            ),
        ),
        files=2,
        templates=3,
    )
    assert github.render(report) == (
        "::error file=dir%2C1/a%3Ab%25.yaml,line=12,col=9,title=BT003 too-many-url-buttons"
        # A line break is made visible, then GitHub's escapes apply (`\` is kept).
        "::100%25 sure:\\r\\nline two, with a comma [/Components/0/a%25b]\n"
        "::warning file=t/b.json,line=3,col=5,title=DP001 deprecated-cust-waba-id"
        "::'CustWabaId' is deprecated: use 'CustSpaceId' instead. [/CustWabaId]\n"
    )


def test_github_title_is_escaped_as_a_property() -> None:
    line = github.render(Report((_violation(rule="odd:slug,x"),), 1, 1))
    assert ",title=BT003 odd%3Aslug%2Cx::" in line


def test_github_leaves_out_what_is_unknown() -> None:
    report = Report(
        (
            _violation(line=None, column=None, pointer=""),
            _violation(file=None, line=None, column=None),
        ),
        files=1,
        templates=1,
    )
    assert github.render(report) == (
        "::error file=t/a.yaml,title=BT003 too-many-url-buttons"
        "::3 URL buttons; at most 2 are allowed.\n"
        "::error title=BT003 too-many-url-buttons"
        "::3 URL buttons; at most 2 are allowed. [/Components/3/Buttons/2]\n"
    )


def test_github_keeps_the_file_name_as_given(tmp_path: Path) -> None:
    absolute = str(tmp_path / "t.yaml")
    line = github.render(Report((_violation(file=absolute),), 1, 1))
    assert line.startswith(f"::error file={github.escape_property(absolute)},")


def test_github_prints_nothing_for_a_clean_run() -> None:
    assert github.render(Report((), files=3, templates=4)) == ""


def test_github_output_of_the_bad_examples(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    report = lint_paths(["examples/bad"])
    lines = github.render(report).splitlines()
    assert len(lines) == len(report.violations)
    for violation, line in zip(report.violations, lines, strict=True):
        assert line.startswith(
            f"::{violation.severity} file={violation.file},"
            f"line={violation.line},col={violation.column},"
            f"title={violation.code} {violation.rule}::"
        )
