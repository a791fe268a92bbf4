"""`check_params`: SendChatappMessage's TemplateParams against their template."""

from __future__ import annotations

import json
import re
from typing import Any

import pytest

from chatapp_lint.sender import check_params
from tests.sender.conftest import example

GOOD = {
    "orderNumber": "LH20931",
    "customerName": "Maria",
    "deliveryDate": "Friday, 14 March",
    "trackingId": "TRK8842017",
}


def _codes(template: dict[str, Any], params: dict[str, Any]) -> list[tuple[str, str]]:
    return [(v.code, v.pointer) for v in check_params(template, params)]


def test_fitting_values_pass(utility: dict[str, Any]) -> None:
    assert check_params(utility, GOOD) == []


def test_wire_form_templates_are_read_too(utility: dict[str, Any]) -> None:
    wire = {**utility, "Components": json.dumps(utility["Components"])}
    assert check_params(wire, GOOD) == []
    assert _codes(wire, {**GOOD, "trackingId": ""}) == [
        ("PM001", "/Components/3/Buttons/0/Url")
    ]


def test_every_variable_must_be_given_and_no_other(utility: dict[str, Any]) -> None:
    params = {k: v for k, v in GOOD.items() if k != "customerName"}
    params["coupon"] = "X"
    violations = check_params(utility, params)
    assert [(v.code, v.rule, v.pointer) for v in violations] == [
        ("PM002", "param-unknown", ""),
        ("PM001", "param-missing", "/Components/1/Text"),
    ]
    assert violations[1].message == "No value is given for variable 'customerName'."
    assert all(v.severity == "error" and v.file is None for v in violations)


def test_texts_must_fit_once_the_values_are_in(utility: dict[str, Any]) -> None:
    header_room = 60 - len("Your order  is on its way")
    params = {**GOOD, "orderNumber": "9" * (header_room + 1)}
    assert _codes(utility, params) == [("PM003", "/Components/0/Text")]
    params = {**GOOD, "orderNumber": "9" * header_room}
    assert _codes(utility, params) == []
    body = utility["Components"][1]["Text"]
    rest = {**GOOD, "customerName": ""}
    room = 1024 - len(re.sub(r"\$\((\w+)\)", lambda m: rest[m[1]], body))
    assert _codes(utility, {**GOOD, "customerName": "M" * room}) == []
    assert _codes(utility, {**GOOD, "customerName": "M" * (room + 1)}) == [
        ("PM003", "/Components/1/Text")
    ]


def test_viber_bodies_hold_1000_characters() -> None:
    viber = example("viber-text-button.json")
    body = next(c for c in viber["Components"] if c["Type"] == "BODY")["Text"]
    names = sorted(set(re.findall(r"\$\((\w+)\)", body)))
    params = dict.fromkeys(names, "x")
    room = 1000 - len(re.sub(r"\$\((\w+)\)", "x", body))
    first = names[0]
    assert check_params(viber, {**params, first: "x" * (1 + room)}) == []
    too_long = {**params, first: "x" * (2 + room)}
    assert [v.code for v in check_params(viber, too_long)] == ["PM003"]


@pytest.mark.parametrize(
    ("value", "codes"),
    [
        ("TRK-1/abc?x=1", []),
        ("TRK 1", ["PM004"]),
        ("a\nb", ["PM004", "PM005"]),
    ],
)
def test_url_values_must_keep_the_url_valid(
    utility: dict[str, Any], value: str, codes: list[str]
) -> None:
    found = check_params(utility, {**GOOD, "trackingId": value})
    assert sorted(v.code for v in found) == codes


@pytest.mark.parametrize("value", ["two\nlines", "a\ttab", "five     spaces"])
def test_newlines_tabs_and_long_space_runs_are_refused(
    utility: dict[str, Any], value: str
) -> None:
    assert _codes(utility, {**GOOD, "customerName": value}) == [
        ("PM005", "/Components/1/Text")
    ]


def test_four_spaces_are_fine(utility: dict[str, Any]) -> None:
    assert check_params(utility, {**GOOD, "customerName": "a    b"}) == []


def test_values_must_be_text(utility: dict[str, Any]) -> None:
    assert _codes(utility, {**GOOD, "orderNumber": 20931}) == [
        ("PM006", "/Components/0/Text")
    ]


def test_check_params_does_not_import_the_sdk() -> None:
    import subprocess
    import sys

    code = (
        "import sys\nfrom chatapp_lint.sender.params import check_params\n"
        "assert not [m for m in sys.modules if m.startswith(('alibabacloud', 'darabonba'))]\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_a_whole_url_variable_must_be_a_url() -> None:
    template = {
        "TemplateType": "WHATSAPP",
        "Components": [{"Type": "HEADER", "Format": "IMAGE", "Url": "$(image)"}],
    }
    assert check_params(template, {"image": "https://cdn.example.com/a.jpg"}) == []
    for bad in ("http://[broken", "ftp://cdn.example.com/a.jpg", "/a.jpg"):
        assert _codes(template, {"image": bad}) == [("PM004", "/Components/0/Url")]


def test_a_template_whose_wire_string_is_broken_has_no_variables(
    utility: dict[str, Any],
) -> None:
    broken = {**utility, "Components": "[{"}
    assert _codes(broken, {"a": "b"}) == [("PM002", "")]


def test_the_pm_codes_are_documented_and_never_run_on_a_template(
    utility: dict[str, Any],
) -> None:
    from pathlib import Path

    from chatapp_lint.model import Channel
    from chatapp_lint.rules import ALL_RULES, default_selection, find
    from chatapp_lint.rules._base import Scope
    from chatapp_lint.sender.params import CODES

    registered = {r.code: r for r in ALL_RULES if r.code.startswith("PM")}
    assert {code: r.slug for code, r in registered.items()} == CODES
    assert all(r.scope is Scope.ENGINE for r in registered.values())
    rules_md = (Path(__file__).parents[2] / "rules.md").read_text(encoding="utf-8")
    for code, slug in CODES.items():
        assert f"## {code} {slug}" in rules_md
        assert find(code) is registered[code]
    dispatched = {
        rule.code
        for channel in Channel
        for table in default_selection().dispatch(channel, "UTILITY")
        for rule in table._rules
    }
    assert not dispatched & set(CODES)
    # A lint run reports none of them, even on a template check_params faults.
    from chatapp_lint import lint

    assert check_params(utility, {})
    assert not {v.code for v in lint(utility)} & set(CODES)
