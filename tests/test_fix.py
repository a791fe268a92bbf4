"""`--fix` and `--diff`: each fix, what they leave alone, and that fixing is safe."""

from __future__ import annotations

import copy
import difflib
import io
import json
import os
import shutil
import stat
import subprocess
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from chatapp_lint import commands, fixer
from chatapp_lint.engine import lint_document
from chatapp_lint.fixer import fix_bytes, fix_path, write_atomically
from chatapp_lint.fixes import (
    LEGACY_CATEGORIES,
    anywhere,
    apply_fixes,
    current_category,
    move_app_fields,
    rename_cust_waba_id,
    underscore_language,
)
from chatapp_lint.loader import Kind, load_bytes
from chatapp_lint.rules import ALL_RULES
from chatapp_lint.selection import Selection
from chatapp_lint.strategies import APPS, valid_templates
from tests.test_cli import ROOT, run

BODY = {"Type": "BODY", "Text": "Your order has shipped and arrives tomorrow."}


def _template(**members: Any) -> dict[str, Any]:
    template: dict[str, Any] = {
        "TemplateType": "WHATSAPP",
        "Name": "order_update",
        "Language": "en_US",
        "Category": "UTILITY",
        "Components": [BODY],
    }
    template.update(members)
    return template


def _auth(button: dict[str, Any]) -> dict[str, Any]:
    base = {"Type": "ONE_TAP", "Text": "Copy code", "AutofillText": "Autofill"}
    return _template(
        Name="login_code",
        Category="AUTHENTICATION",
        Components=[{"Type": "BODY"}, {"Type": "BUTTONS", "Buttons": [base | button]}],
    )


def _edits(before: str, after: str) -> tuple[list[str], list[str]]:
    """The lines a change removed and added, in order."""
    lines = list(difflib.ndiff(before.splitlines(), after.splitlines()))
    removed = [line[2:] for line in lines if line.startswith("- ")]
    added = [line[2:] for line in lines if line.startswith("+ ")]
    return removed, added


def _codes_at(text: str, kind: Kind) -> set[tuple[int, str, str]]:
    """(template, code, pointer) of every violation the text has."""
    violations, _ = lint_document(load_bytes(text.encode("utf-8"), kind), "t")
    return {(v.template, v.code, v.pointer) for v in violations}


# --- each fix, on plain dicts -------------------------------------------------


def test_cust_waba_id_is_renamed_in_place() -> None:
    template = _template(CustWabaId="659216218161234", Category="UTILITY")
    keys = list(template)
    changes = rename_cust_waba_id(template)
    assert [c.code for c in changes] == ["DP001"]
    assert list(template) == ["CustSpaceId" if k == "CustWabaId" else k for k in keys]
    assert template["CustSpaceId"] == "659216218161234"
    assert rename_cust_waba_id(template) == []


def test_cust_waba_id_equal_to_cust_space_id_is_dropped() -> None:
    template = _template(CustSpaceId="293483938849493", CustWabaId="293483938849493")
    assert rename_cust_waba_id(template)[0].description.startswith("removed")
    assert "CustWabaId" not in template
    assert template["CustSpaceId"] == "293483938849493"


@pytest.mark.parametrize("value", ["659216218161234", 659216218161234])
def test_cust_waba_id_is_left_when_the_result_would_differ(value: object) -> None:
    # Another CustSpaceId: either choice changes the request. A number: the
    # schema reports it, and renaming would only move the problem.
    members = {"CustWabaId": value}
    if isinstance(value, str):
        members["CustSpaceId"] = "293483938849493"
    template = _template(**members)
    before = copy.deepcopy(template)
    assert rename_cust_waba_id(template) == []
    assert template == before


@pytest.mark.parametrize(
    ("written", "fixed"),
    [("en-US", "en_US"), ("en-us", "en_US"), ("pt-br", "pt_BR"), ("EN-gb", "en_GB")],
)
def test_hyphenated_language_gets_an_underscore(written: str, fixed: str) -> None:
    template = _template(Language=written)
    assert [c.code for c in underscore_language(template)] == ["LG001"]
    assert template["Language"] == fixed


@pytest.mark.parametrize("language", ["en_US", "xx-YY", "english", "en-"])
def test_language_is_left_unless_the_fix_is_a_code_meta_knows(language: str) -> None:
    template = _template(Language=language)
    assert underscore_language(template) == []
    assert template["Language"] == language


@pytest.mark.parametrize(("legacy", "current"), sorted(LEGACY_CATEGORIES.items()))
def test_renamed_whatsapp_categories_get_their_current_names(
    legacy: str, current: str
) -> None:
    template = _template(Category=legacy)
    assert [c.code for c in current_category(template)] == ["SC004"]
    assert template["Category"] == current


@pytest.mark.parametrize(
    "template",
    [
        # Meta re-categorized these by content when it retired them: not certain.
        _template(Category="ACCOUNT_UPDATE"),
        _template(Category="SHIPPING_UPDATE"),
        _template(Category="transactional"),
        # The legacy names are WhatsApp's; Viber's categories are another story.
        _template(TemplateType="VIBER", Category="TRANSACTIONAL"),
    ],
)
def test_uncertain_categories_are_left(template: dict[str, Any]) -> None:
    before = copy.deepcopy(template)
    assert current_category(template) == []
    assert template == before


def test_button_fields_become_a_new_supported_apps_entry() -> None:
    template = _auth(
        {"SignatureHash": "K8a/AINcGX7", "PackageName": "com.example.shop"}
    )
    changes = move_app_fields(template)
    assert sorted(c.code for c in changes) == ["DP003", "DP004"]
    button = template["Components"][1]["Buttons"][0]
    assert button == {
        "Type": "ONE_TAP",
        "Text": "Copy code",
        "AutofillText": "Autofill",
        "SupportedApps": [
            {"PackageName": "com.example.shop", "SignatureHash": "K8a/AINcGX7"}
        ],
    }
    assert move_app_fields(template) == []


def test_button_fields_fill_the_one_entry_that_lacks_them() -> None:
    template = _auth(
        {
            "SupportedApps": [
                {"PackageName": "com.example.shop", "SignatureHash": "K8a/AINcGX7"},
                {"PackageName": "com.example.bank.app"},
            ],
            "SignatureHash": "Zp3+rT9wQ1m",
        }
    )
    assert [c.code for c in move_app_fields(template)] == ["DP003"]
    button = template["Components"][1]["Buttons"][0]
    assert "SignatureHash" not in button
    assert button["SupportedApps"][1] == {
        "PackageName": "com.example.bank.app",
        "SignatureHash": "Zp3+rT9wQ1m",
    }


def test_button_fields_already_in_an_entry_are_dropped() -> None:
    app = {"PackageName": "com.example.shop", "SignatureHash": "K8a/AINcGX7"}
    template = _auth({"SupportedApps": [dict(app)], "PackageName": "com.example.shop"})
    assert [c.description for c in move_app_fields(template)] == [
        "removed 'PackageName', which 'SupportedApps' holds"
    ]
    assert template["Components"][1]["Buttons"][0]["SupportedApps"] == [app]


@pytest.mark.parametrize(
    "button",
    [
        # A conflicting value: which app is meant is the user's call.
        {
            "SupportedApps": [{"PackageName": "com.other.app", "SignatureHash": "x"}],
            "PackageName": "com.example.shop",
        },
        # One field alone would make an incomplete entry.
        {"SignatureHash": "K8a/AINcGX7"},
        # Two entries lack the field: which one is not certain.
        {"SupportedApps": [{}, {}], "SignatureHash": "K8a/AINcGX7"},
        # Blank: moving it would only move the problem.
        {"SignatureHash": " ", "PackageName": "com.example.shop"},
        # Not a list.
        {"SupportedApps": "com.example.shop", "PackageName": "com.example.shop"},
    ],
)
def test_button_fields_are_left_when_the_move_is_not_certain(
    button: dict[str, Any],
) -> None:
    template = _auth(button)
    before = copy.deepcopy(template)
    assert move_app_fields(template) == []
    assert template == before


def test_button_fields_move_only_on_autofill_buttons() -> None:
    template = _template(
        Components=[
            BODY,
            {
                "Type": "BUTTONS",
                "Buttons": [
                    {
                        "Type": "QUICK_REPLY",
                        "Text": "Yes",
                        "SignatureHash": "K8a/AINcGX7",
                        "PackageName": "com.example.shop",
                    }
                ],
            },
        ]
    )
    assert move_app_fields(template) == []


def test_components_in_the_wire_form_are_never_edited() -> None:
    wire = json.dumps(
        [
            {"Type": "BODY"},
            {
                "Type": "BUTTONS",
                "Buttons": [
                    {"Type": "ONE_TAP", "SignatureHash": "a", "PackageName": "b.c"}
                ],
            },
        ]
    )
    template = _template(Components=wire)
    assert move_app_fields(template) == []
    assert template["Components"] == wire


def test_only_selected_codes_and_allowed_places_are_fixed() -> None:
    template = _template(Language="en-US", Category="TRANSACTIONAL", CustWabaId="1")
    only_lg001 = Selection.build(ALL_RULES, select=["LG001"])
    changes = apply_fixes(template, only_lg001.enabled)
    assert [c.code for c in changes] == ["LG001"]
    assert template["Category"] == "TRANSACTIONAL"
    assert "CustWabaId" in template
    everything = Selection.build(ALL_RULES)
    assert apply_fixes(template, everything.enabled, lambda c, p: False) == []
    assert [c.code for c in apply_fixes(template, everything.enabled, anywhere)] == [
        "DP001",
        "SC004",
    ]


# --- files, through the command line ------------------------------------------

COMMENTED = """\
# Order update, kept in the shop's repository.
Name: 'order_update'            # single-quoted
TemplateType: "WHATSAPP"
Category: TRANSACTIONAL   # the old name
Language: en-US
CustWabaId: '659216218161234'   # our WABA
# The components follow.
Components:
  - Type: BODY
    Text: Your order has shipped
      and arrives tomorrow.
  - {Type: FOOTER,  Text: "Thanks for shopping with us"}
"""


def test_fix_on_commented_yaml_changes_only_the_fixed_values(tmp_path: Path) -> None:
    path = tmp_path / "order.yaml"
    path.write_text(COMMENTED, encoding="utf-8")
    result = run("--fix", str(path))
    assert result.code == 0, result.stdout + result.stderr
    assert result.stdout.startswith("All clean:")
    assert "Fixed 3 violations in 1 file." in result.stderr
    assert _edits(COMMENTED, path.read_text(encoding="utf-8")) == (
        [
            "Category: TRANSACTIONAL   # the old name",
            "Language: en-US",
            "CustWabaId: '659216218161234'   # our WABA",
        ],
        [
            "Category: UTILITY         # the old name",
            "Language: en_US",
            "CustSpaceId: '659216218161234'   # our WABA",
        ],
    )


BUTTON_YAML = """\
TemplateType: WHATSAPP
Name: login_code
Language: "en_US"
Category: AUTHENTICATION
Components:
  - Type: BODY
  - Type: BUTTONS
    Buttons:
      - Type: ONE_TAP
        Text: Copy code   # shown when autofill fails
        SignatureHash: "K8a/AINcGX7"   # from the Play console
        PackageName: com.example.shop
        # The label of the autofill button.
        AutofillText: Autofill
"""


def test_fix_moves_button_fields_keeping_comments_and_quotes(tmp_path: Path) -> None:
    path = tmp_path / "login.yaml"
    path.write_text(BUTTON_YAML, encoding="utf-8")
    result = run("--fix", str(path))
    assert result.code == 0, result.stdout + result.stderr
    assert _edits(BUTTON_YAML, path.read_text(encoding="utf-8")) == (
        [
            '        SignatureHash: "K8a/AINcGX7"   # from the Play console',
            "        PackageName: com.example.shop",
        ],
        [
            "        SupportedApps:",
            "          - PackageName: com.example.shop",
            '            SignatureHash: "K8a/AINcGX7" # from the Play console',
        ],
    )
    assert "# The label of the autofill button." in path.read_text(encoding="utf-8")


@pytest.mark.parametrize("indent", [2, 4, "\t", 0, None])
def test_json_keeps_its_indentation(tmp_path: Path, indent: int | str | None) -> None:
    template = _template(Language="en-US", CustWabaId="659216218161234")
    original = json.dumps(template, indent=indent, ensure_ascii=False) + "\n"
    path = tmp_path / "t.json"
    path.write_text(original, encoding="utf-8")
    result = run("--fix", str(path))
    assert result.code == 0, result.stdout + result.stderr
    expected = original.replace('"en-US"', '"en_US"').replace(
        '"CustWabaId"', '"CustSpaceId"'
    )
    assert path.read_text(encoding="utf-8") == expected


def test_json_laid_out_by_hand_keeps_its_layout(tmp_path: Path) -> None:
    original = (
        '{"TemplateType": "VIBER", "Name": "hello_there", "Language": "en-US",\n'
        ' "Category": "text", "Components": [{"Type": "BODY",\n'
        '                                    "Text": "Hello from the shop team."}]}\n'
    )
    path = tmp_path / "t.json"
    path.write_text(original, encoding="utf-8")
    assert run("--fix", str(path)).code == 0
    assert path.read_text(encoding="utf-8") == original.replace("en-US", "en_US")


def test_line_ends_byte_order_mark_and_missing_final_newline_are_kept(
    tmp_path: Path,
) -> None:
    text = json.dumps(_template(Language="en-US"), indent=2).replace("\n", "\r\n")
    path = tmp_path / "t.json"
    path.write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    assert run("--fix", str(path)).code == 0
    expected = text.replace('"en-US"', '"en_US"')
    assert path.read_bytes() == b"\xef\xbb\xbf" + expected.encode("utf-8")


def test_a_list_of_templates_is_fixed_item_by_item(tmp_path: Path) -> None:
    text = (
        "- TemplateType: WHATSAPP\n"
        "  Name: first_one\n"
        "  Language: en-US   # hyphen\n"
        "  Category: UTILITY\n"
        "  Components:\n"
        "    - {Type: BODY, Text: Your order has shipped and arrives tomorrow.}\n"
        "- TemplateType: WHATSAPP\n"
        "  Name: second_one\n"
        "  Language: en_GB\n"
        "  Category: OTP\n"
        "  Components:\n"
        "    - Type: BODY\n"
    )
    path = tmp_path / "all.yaml"
    path.write_text(text, encoding="utf-8")
    result = run("--fix", str(path))
    assert "at /0/Language" in result.stderr
    assert "at /1/Category" in result.stderr
    assert _edits(text, path.read_text(encoding="utf-8")) == (
        ["  Language: en-US   # hyphen", "  Category: OTP"],
        ["  Language: en_US   # hyphen", "  Category: AUTHENTICATION"],
    )


def test_unfixable_violations_are_still_reported(tmp_path: Path) -> None:
    path = tmp_path / "t.json"
    path.write_text(
        json.dumps(_template(Language="en-US", Category="ACCOUNT_UPDATE")),
        encoding="utf-8",
    )
    result = run("--fix", str(path))
    assert result.code == 1
    assert "SC004" in result.stdout
    assert "LG001" not in result.stdout
    assert json.loads(path.read_text(encoding="utf-8"))["Language"] == "en_US"


def test_an_unchanged_file_is_not_touched(tmp_path: Path) -> None:
    clean = tmp_path / "clean.json"
    clean.write_text(json.dumps(_template(Category="ACCOUNT_UPDATE")), "utf-8")
    os.utime(clean, ns=(1_000_000_000_000_000_000, 1_000_000_000_000_000_000))
    before = clean.stat().st_mtime_ns
    fixable = tmp_path / "nested" / "fixable.json"
    fixable.parent.mkdir()
    fixable.write_text(json.dumps(_template(Language="en-US")), "utf-8")
    result = run("--fix", str(tmp_path))  # a directory: every template file below
    assert result.code == 1
    assert clean.stat().st_mtime_ns == before
    assert json.loads(fixable.read_text(encoding="utf-8"))["Language"] == "en_US"
    assert result.stderr.endswith("Fixed 1 violation in 1 file.\n")
    # No temporary file is left behind.
    assert sorted(p.name for p in tmp_path.rglob("*")) == [
        "clean.json",
        "fixable.json",
        "nested",
    ]


def test_fix_keeps_the_file_mode(tmp_path: Path) -> None:
    path = tmp_path / "t.json"
    path.write_text(json.dumps(_template(Language="en-US")), "utf-8")
    path.chmod(0o640)
    assert run("--fix", str(path)).code == 0
    assert stat.S_IMODE(path.stat().st_mode) == 0o640


@pytest.mark.parametrize(
    "text",
    [
        # A duplicate key: which value is meant is unclear.
        "TemplateType: WHATSAPP\nName: a_b\nLanguage: en-US\nLanguage: en-GB\n"
        "Category: UTILITY\nComponents: [{Type: BODY, Text: Hello there my friend.}]\n",
        # A syntax error.
        "TemplateType: WHATSAPP\nLanguage: en-US\nComponents: [\n",
    ],
)
def test_a_file_that_does_not_load_cleanly_is_not_touched(
    tmp_path: Path, text: str
) -> None:
    path = tmp_path / "t.yaml"
    path.write_text(text, encoding="utf-8")
    result = run("--fix", str(path))
    assert result.code == 1
    assert result.stdout.startswith(f"{path}:")
    assert path.read_text(encoding="utf-8") == text
    assert run("--diff", str(path)).stdout == result.stdout


def test_diff_prints_the_fixes_and_writes_nothing(tmp_path: Path) -> None:
    (tmp_path / "order.yaml").write_text(COMMENTED, encoding="utf-8")
    result = run("--diff", "order.yaml", cwd=tmp_path)
    assert result.code == 1
    assert result.stdout.startswith("--- a/order.yaml\n+++ b/order.yaml\n@@ ")
    assert "\n-Language: en-US\n" in result.stdout
    assert "\n+Language: en_US\n" in result.stdout
    assert (tmp_path / "order.yaml").read_text(encoding="utf-8") == COMMENTED
    quiet = run("--diff", "--exit-zero", "order.yaml", cwd=tmp_path)
    assert (quiet.code, quiet.stdout) == (0, result.stdout)
    if shutil.which("git") is None:
        return
    # The diff is a patch that git applies, giving what --fix writes.
    patch = tmp_path / "fix.patch"
    patch.write_text(result.stdout, encoding="utf-8")
    subprocess.run(["git", "apply", "fix.patch"], cwd=tmp_path, check=True)
    patched = (tmp_path / "order.yaml").read_text(encoding="utf-8")
    (tmp_path / "order.yaml").write_text(COMMENTED, encoding="utf-8")
    run("--fix", "order.yaml", cwd=tmp_path)
    assert (tmp_path / "order.yaml").read_text(encoding="utf-8") == patched


def test_the_readme_example_is_what_diff_prints(tmp_path: Path) -> None:
    readme = (Path(__file__).parent.parent / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Fixing\n", 1)[1]
    template = section.split("```yaml\n", 1)[1].split("```", 1)[0]
    shown = section.split("```diff\n", 1)[1].split("```", 1)[0]
    (tmp_path / "order.yaml").write_text(template, encoding="utf-8")
    result = run("--diff", "order.yaml", cwd=tmp_path)
    assert result.code == 1
    assert result.stdout == shown


def test_diff_with_nothing_to_fix_exits_with_the_lint_status(tmp_path: Path) -> None:
    path = tmp_path / "t.json"
    path.write_text(json.dumps(_template(Category="ACCOUNT_UPDATE")), "utf-8")
    result = run("--diff", str(path))
    assert result.code == 1
    assert "SC004" in result.stdout
    path.write_text(json.dumps(_template()), "utf-8")
    result = run("--diff", str(path))
    assert result.code == 0
    assert result.stdout.startswith("All clean:")


def test_fix_refuses_standard_input() -> None:
    result = run("--fix", "-", stdin=json.dumps(_template(Language="en-US")))
    assert result.code == 2
    assert "standard input" in result.stderr
    assert run("--diff", "-", stdin="{}").code == 2


def test_fix_respects_select_inline_disables_and_ignores(tmp_path: Path) -> None:
    text = (
        "TemplateType: WHATSAPP\nName: order_update\n"
        "# chatapp-lint: disable=LG001\nLanguage: en-US\n"
        "Category: TRANSACTIONAL\nCustWabaId: '659216218161234'\n"
        "Components: [{Type: BODY, Text: Your order has shipped and arrives tomorrow.}]\n"
    )
    (tmp_path / "t.yaml").write_text(text, encoding="utf-8")
    (tmp_path / ".chatapp-lint.toml").write_text(
        '[per-file-ignores]\n"t.yaml#/CustWabaId" = ["DP001"]\n', encoding="utf-8"
    )
    result = run("--fix", "--ignore", "SC004", "t.yaml", cwd=tmp_path)
    assert result.code == 0, result.stdout + result.stderr
    assert (tmp_path / "t.yaml").read_text(encoding="utf-8") == text
    result = run("--fix", "--select", "SC004", "t.yaml", cwd=tmp_path)
    assert result.code == 0, result.stdout + result.stderr
    assert _edits(text, (tmp_path / "t.yaml").read_text(encoding="utf-8")) == (
        ["Category: TRANSACTIONAL"],
        ["Category: UTILITY"],
    )


def test_a_write_that_fails_is_reported_with_status_2(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "t.json"
    path.write_text(json.dumps(_template(Language="en-US")), "utf-8")

    def refuse(path: Path, text: str, *, expected: str | None = None) -> bool:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(fixer, "write_atomically", refuse)
    assert commands.run(["--fix", str(path)]) == 2
    err = capsys.readouterr().err
    assert "cannot write the fixes: Permission denied" in err
    assert "Fixed" not in err


def test_fixes_that_do_not_read_back_are_not_applied(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "t.yaml"
    path.write_text(COMMENTED, encoding="utf-8")
    monkeypatch.setattr(fixer, "_loads_as", lambda *args: False)
    outcome = fix_path(path)
    assert not outcome.changed
    assert outcome.note == "the fixed file would not read back as the fixed templates"
    assert commands.run(["--fix", str(path)]) == 1
    note = (
        f"{path}: not fixed: the fixed file would not read back as the fixed templates."
    )
    assert note in capsys.readouterr().err
    assert path.read_text(encoding="utf-8") == COMMENTED


# --- writing -------------------------------------------------------------------


def test_write_atomically_replaces_through_a_temporary_file(tmp_path: Path) -> None:
    path = tmp_path / "t.json"
    path.write_text("old", encoding="utf-8")
    path.chmod(0o604)
    link = tmp_path / "link.json"
    link.symlink_to(path)
    assert write_atomically(link, "new")
    assert link.is_symlink()
    assert path.read_text(encoding="utf-8") == "new"
    assert stat.S_IMODE(path.stat().st_mode) == 0o604
    assert sorted(p.name for p in tmp_path.iterdir()) == ["link.json", "t.json"]
    assert not write_atomically(path, "new")


def test_write_atomically_writes_regular_files_only(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.json"
    os.mkfifo(fifo)
    with pytest.raises(OSError, match="not a regular file"):
        write_atomically(fifo, "{}")
    assert stat.S_ISFIFO(fifo.stat().st_mode)


def test_write_atomically_gives_a_new_file_the_usual_mode(tmp_path: Path) -> None:
    mask = os.umask(0o027)
    try:
        assert write_atomically(tmp_path / "new.json", "{}")
    finally:
        os.umask(mask)
    assert stat.S_IMODE((tmp_path / "new.json").stat().st_mode) == 0o640


# --- the property ----------------------------------------------------------------


@st.composite
def fixable_templates(draw: st.DrawFn) -> dict[str, Any]:
    """A valid template with deprecated fields, a hyphen or a legacy category put in."""
    template = draw(valid_templates())
    keys = list(template)
    if draw(st.booleans()):
        waba = draw(st.sampled_from(["659216218161234", "293483938849493"]))
        if draw(st.booleans()):
            template["CustSpaceId"] = draw(st.sampled_from([waba, "293483938849493"]))
        position = draw(st.integers(0, len(keys)))
        items = list(template.items())
        template = dict([*items[:position], ("CustWabaId", waba), *items[position:]])
    language = template["Language"]
    if "_" in language and draw(st.booleans()):
        head, tail = language.split("_")
        template["Language"] = f"{head}-{draw(st.sampled_from([tail, tail.lower()]))}"
    legacy = {v: k for k, v in LEGACY_CATEGORIES.items()}
    if template["TemplateType"] == "WHATSAPP" and draw(st.booleans()):
        template["Category"] = legacy.get(template["Category"], template["Category"])
    for component in template["Components"]:
        for button in component.get("Buttons", []):
            apps = button.get("SupportedApps")
            if apps and draw(st.booleans()):
                _deprecate(draw, button, apps)
    return template


def _deprecate(draw: st.DrawFn, button: dict[str, Any], apps: list[Any]) -> None:
    """Put a button's app back in the deprecated fields, in one of several ways."""
    way = draw(st.sampled_from(["moved", "repeated", "half", "conflicting"]))
    first = apps[0]
    if way == "moved":
        del button["SupportedApps"]
        button.update(first)
    elif way == "repeated":
        button.update(first)
    elif way == "half":
        button["SignatureHash"] = first.pop("SignatureHash")
    else:
        other = draw(st.sampled_from([a for a in APPS if a[0] != first["PackageName"]]))
        button["PackageName"] = other[0]


def _as_text(template: dict[str, Any], kind: Kind, style: str) -> str:
    """The template written as a person or a tool might: block, flow leaves, indented."""
    if kind == "json":
        if style == "indented":  # by hand, the way json.dumps never writes
            return json.dumps(template).replace("}, {", "},\n   {") + "\n"
        indent = None if style == "flow" else 2
        return json.dumps(template, indent=indent, ensure_ascii=False)
    if style == "indented":
        from ruamel.yaml import YAML

        writer = YAML()
        writer.indent(mapping=2, sequence=4, offset=2)
        stream = io.StringIO()
        writer.dump(template, stream)
        dumped = stream.getvalue()
    else:
        flow = None if style == "flow" else False
        dumped = yaml.safe_dump(
            template, sort_keys=False, allow_unicode=True, default_flow_style=flow
        )
    return "# A template under test.\n" + dumped


@given(
    fixable_templates(),
    st.sampled_from(["json", "yaml"]),
    st.sampled_from(["block", "flow", "indented"]),
)
def test_fixing_never_adds_a_violation_and_is_idempotent(
    template: dict[str, Any], kind: Kind, style: str
) -> None:
    text = _as_text(template, kind, style)
    before = _codes_at(text, kind)
    outcome = fix_bytes(text.encode("utf-8"), kind)
    assert outcome.note is None
    after = _codes_at(outcome.fixed, kind)
    assert after <= before
    assert not {code for _, code, _ in after} & {"LG001", "SC004"}
    again = fix_bytes(outcome.fixed.encode("utf-8"), kind)
    assert again.fixed == outcome.fixed
    assert again.changes == []


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="POSIX FIFOs")
def test_fix_never_waits_on_a_fifo_and_never_replaces_it(tmp_path: Path) -> None:
    source = ROOT / "examples" / "bad" / "deprecated-cust-waba-id.yaml"
    shutil.copy(source, tmp_path / "a.yaml")
    os.mkfifo(tmp_path / "b.json")  # no writer: a blocking open would wait for ever
    result = run("--fix", str(tmp_path), cwd=tmp_path)  # run() times out after 120 s
    assert stat.S_ISFIFO((tmp_path / "b.json").lstat().st_mode)
    assert "\nCustWabaId:" not in (tmp_path / "a.yaml").read_text(encoding="utf-8")
    assert "b.json:1:1: FL001" in result.stdout  # linting reports it, unopened
