"""The packaged JSON Schema and the findings `schema_findings` makes of its errors."""

from __future__ import annotations

import copy
import json
import os
import subprocess
import sys
from importlib import resources
from pathlib import Path
from types import MappingProxyType
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from jsonschema import Draft202012Validator
from referencing import Registry

from chatapp_lint import schema as schema_module
from chatapp_lint import schema_file
from chatapp_lint.pointer import resolve, split
from chatapp_lint.rules.structure import SCHEMA_CODES as RESERVED
from chatapp_lint.schema import (
    SCHEMA_CODES,
    SCHEMA_FILE,
    schema_findings,
    schema_path,
    shorten,
)
from chatapp_lint.schema_file import FILE_SCHEMA

DELETE = object()

BASE: dict[str, Any] = {
    "TemplateType": "WHATSAPP",
    "Name": "order_update",
    "Language": "en_US",
    "Category": "UTILITY",
    "Components": [
        {"Type": "BODY", "Text": "Your order $(order) has shipped."},
        {"Type": "BUTTONS", "Buttons": [{"Type": "QUICK_REPLY", "Text": "Thanks"}]},
    ],
    "Example": {"order": "A-1001"},
}
CAROUSEL: dict[str, Any] = {
    "Type": "CAROUSEL",
    "Cards": [
        {
            "CardComponents": [
                {
                    "Type": "HEADER",
                    "Format": "IMAGE",
                    "Url": "https://example.com/a.png",
                },
                {"Type": "BODY", "Text": "Fresh roses"},
                {
                    "Type": "BUTTONS",
                    "Buttons": [{"Type": "QUICK_REPLY", "Text": "Buy"}],
                },
            ]
        }
    ],
}
CARD = "/Components/1/Cards/0/CardComponents"
VIBER_COMPONENTS = [
    {"Type": "HEADER", "Format": "IMAGE", "Url": "https://example.com/a.png"},
    {"Type": "BODY", "Text": "Spring sale: 20% off today."},
]


def patched(patch: dict[str, Any]) -> dict[str, Any]:
    """BASE with each pointer in `patch` set to its value, or removed for DELETE."""
    template = copy.deepcopy(BASE)
    for pointer, value in patch.items():
        *parents, last = split(pointer)
        holder: Any = template
        for token in parents:
            holder = holder[int(token)] if isinstance(holder, list) else holder[token]
        index: Any = int(last) if isinstance(holder, list) else last
        if value is DELETE:
            del holder[index]
        else:
            holder[index] = copy.deepcopy(value)
    return template


CASES: list[tuple[str, dict[str, Any], list[tuple[str, str]]]] = [
    ("valid-whatsapp-utility", {}, []),
    (
        "valid-viber-text-image",
        {
            "/TemplateType": "VIBER",
            "/Category": "text_image",
            "/Components": VIBER_COMPONENTS,
            "/Example": DELETE,
        },
        [],
    ),
    (
        "sdk-only-members-accepted",
        {"/CategoryChangePaused": False, "/ProductSetId": "123", "/CustSpaceId": "9"},
        [],
    ),
    ("missing-name", {"/Name": DELETE}, [("SC001", "")]),
    (
        "missing-several",
        {"/Name": DELETE, "/Language": DELETE},
        [("SC001", ""), ("SC001", "")],
    ),
    (
        "missing-button-type",
        {"/Components/1/Buttons/0/Type": DELETE},
        [("SC001", "/Components/1/Buttons/0")],
    ),
    ("unknown-top-level", {"/Foo": 1}, [("SC002", "/Foo")]),
    (
        "unknown-in-button",
        {"/Components/1/Buttons/0/Colour": "red"},
        [("SC002", "/Components/1/Buttons/0/Colour")],
    ),
    (
        "two-unknown-members",
        {"/name": "x", "/Foo": 1},
        [("SC002", "/Foo"), ("SC002", "/name")],
    ),
    (
        "duration-as-string",
        {"/Components/0/Duration": "120"},
        [("SC003", "/Components/0/Duration")],
    ),
    (
        "is-opt-out-as-string",
        {"/Components/1/Buttons/0/IsOptOut": "yes"},
        [("SC003", "/Components/1/Buttons/0/IsOptOut")],
    ),
    (
        "ttl-as-boolean",
        {"/MessageSendTtlSeconds": True},
        [("SC003", "/MessageSendTtlSeconds")],
    ),
    ("category-text-on-whatsapp", {"/Category": "text"}, [("SC004", "/Category")]),
    (
        "category-unknown-on-whatsapp-once",
        {"/Category": "GIF"},
        [("SC004", "/Category")],
    ),
    ("category-not-a-string-once", {"/Category": 5}, [("SC003", "/Category")]),
    (
        "category-text-on-viber",
        {"/TemplateType": "VIBER", "/Category": "text"},
        [],
    ),
    ("template-type-unknown", {"/TemplateType": "SMS"}, [("SC004", "/TemplateType")]),
    (
        "format-gif",
        {"/Components/0/Format": "GIF"},
        [("SC004", "/Components/0/Format")],
    ),
    (
        "url-type-upper-case",
        {"/Components/1/Buttons/0/UrlType": "STATIC"},
        [("SC004", "/Components/1/Buttons/0/UrlType")],
    ),
    ("valid-carousel", {"/Components/1": CAROUSEL}, []),
    (
        "card-format-document",
        {"/Components/1": CAROUSEL, f"{CARD}/0/Format": "DOCUMENT"},
        [("SC004", f"{CARD}/0/Format")],
    ),
    (
        "card-button-copy-code",
        {"/Components/1": CAROUSEL, f"{CARD}/2/Buttons/0/Type": "COPY_CODE"},
        [("SC004", f"{CARD}/2/Buttons/0/Type")],
    ),
    (
        "card-without-card-components",
        {"/Components/1": {"Type": "CAROUSEL", "Cards": [{}]}},
        [("SC001", "/Components/1/Cards/0")],
    ),
    ("components-empty", {"/Components": []}, [("SC005", "/Components")]),
    ("components-not-a-list", {"/Components": 5}, [("SC003", "/Components")]),
    (
        "component-not-an-object",
        {"/Components/0": "BODY"},
        [("SC003", "/Components/0")],
    ),
    ("example-value-not-a-string", {"/Example": {"a": 1}}, [("SC003", "/Example/a")]),
    ("example-as-string", {"/Example": '{"order": "A-1001"}'}, []),
    (
        "components-as-string",
        {"/Components": json.dumps(BASE["Components"])},
        [],
    ),
    (
        "key-with-slash-and-tilde",
        {"/Components/0/a~1b~0c": 1},
        [("SC002", "/Components/0/a~1b~0c")],
    ),
    (
        "template-type-missing-union-category",
        {"/TemplateType": DELETE, "/Category": "text"},
        [("SC001", "")],
    ),
    (
        "template-type-missing-bad-category",
        {"/TemplateType": DELETE, "/Category": "GIF"},
        [("SC001", ""), ("SC004", "/Category")],
    ),
    (
        "items-sort-as-numbers",
        {
            "/Components": [{"Type": "BODY"}] * 2
            + [{"Type": "BODY", "Duration": "x"}]
            + [{"Type": "BODY"}] * 7
            + [{"Type": "BODY", "Duration": "x"}],
        },
        [("SC003", "/Components/2/Duration"), ("SC003", "/Components/10/Duration")],
    ),
]


@pytest.mark.parametrize(
    ("patch", "expected"),
    [pytest.param(patch, expected, id=name) for name, patch, expected in CASES],
)
def test_schema_findings(
    patch: dict[str, Any], expected: list[tuple[str, str]]
) -> None:
    found = schema_findings(patched(patch))
    assert [(code, f.pointer) for code, f in found] == expected


@pytest.mark.parametrize(
    ("patch", "message"),
    [
        pytest.param(
            {"/Name": DELETE}, "Missing required member 'Name'.", id="required"
        ),
        pytest.param(
            {"/Foo": 1},
            "Unknown member 'Foo' (ignored by the API or a typo).",
            id="unknown",
        ),
        pytest.param(
            {"/Components/0/Urll": "x"},
            "Unknown member 'Urll' (ignored by the API or a typo); did you mean 'Url'?",
            id="unknown-close-to-known",
        ),
        pytest.param(
            {"/Components/0/Duration": "120"},
            "'Duration' must be an integer, not string.",
            id="type",
        ),
        pytest.param(
            {"/Components/0/Format": "GIF"},
            "'Format' must be one of TEXT, IMAGE, DOCUMENT, VIDEO, LOCATION; got 'GIF'.",
            id="enum",
        ),
        pytest.param(
            {"/Category": "text"},
            "'Category' must be one of UTILITY, MARKETING, AUTHENTICATION; got 'text'.",
            id="enum-then-branch",
        ),
        pytest.param(
            {"/Components": []}, "'Components' must not be empty.", id="min-items"
        ),
        pytest.param(
            {"/Components": {}},
            "'Components' must be a list or a string, not object.",
            id="type-list",
        ),
        pytest.param(
            {"/Components/0": None},
            "Item 0 of 'Components' must be an object, not null.",
            id="type-item",
        ),
        pytest.param(
            {"/Example": {"a": 1}},
            "The 'Example' value for 'a' must be a string, not integer.",
            id="type-example-value",
        ),
    ],
)
def test_messages(patch: dict[str, Any], message: str) -> None:
    assert [f.message for _, f in schema_findings(patched(patch))] == [message]


def test_only_unknown_members_are_placed_at_their_key() -> None:
    found = schema_findings(patched({"/Foo": 1, "/Name": DELETE, "/Category": "x"}))
    assert {code: f.at_key for code, f in found} == {
        "SC001": False,
        "SC002": True,
        "SC004": False,
    }


def test_root_that_is_not_an_object() -> None:
    found = schema_findings([BASE])  # type: ignore[arg-type]  # callers may pass anything
    assert [(code, f.pointer, f.message) for code, f in found] == [
        ("SC003", "", "The template must be an object, not list.")
    ]


def test_a_read_only_mapping_is_validated_like_a_dict() -> None:
    assert schema_findings(MappingProxyType(patched({}))) == []
    assert [c for c, _ in schema_findings(MappingProxyType(patched({"/Foo": 1})))] == [
        "SC002"
    ]


def test_long_input_is_shortened_in_messages() -> None:
    huge = "x" * 10_000
    found = schema_findings(patched({f"/{huge}": huge, "/Category": huge}))
    assert len(found) == 2
    assert all(len(f.message) < 300 for _, f in found)
    assert all("…" in f.message for _, f in found)


def test_shorten() -> None:
    assert shorten("GIF") == "GIF"
    assert shorten("x" * 61) == "x" * 59 + "…"
    assert len(shorten("y" * 1000)) == 60
    assert shorten("x" * 60) == "x" * 60
    assert shorten("a\nb\x00") == "a\\nb\\x00"
    assert shorten("héllo") == "héllo"
    assert shorten({"a": [1, None, True]}) == '{"a": [1, null, true]}'
    assert shorten(list(range(100)), limit=10) == "[0, 1, 2,…"
    circular: list[Any] = []
    circular.append(circular)
    assert shorten(circular) == "list"


def test_a_combinator_reports_its_best_inner_error() -> None:
    validator = Draft202012Validator(
        {
            "type": "object",
            "properties": {
                "A": {
                    "anyOf": [
                        {"type": "integer"},
                        {"type": "object", "required": ["B"]},
                    ]
                }
            },
        }
    )
    found = schema_module._collect(validator.iter_errors({"A": {}}))
    assert [code for code, _ in found] == ["SC001"]
    assert "any of the given schemas" not in found[0][1].message


def test_an_unmapped_keyword_is_sc006_with_a_bounded_message() -> None:
    validator = Draft202012Validator({"properties": {"A": {"maxLength": 2}}})
    found = schema_module._collect(validator.iter_errors({"A": "z" * 500}))
    assert [(code, f.pointer) for code, f in found] == [("SC006", "/A")]
    assert len(found[0][1].message) < 150


def test_inlining_refs_stops_at_recursion() -> None:
    definitions = {"node": {"properties": {"child": {"$ref": "#/$defs/node"}}}}
    inlined = schema_module._inline_refs({"$ref": "#/$defs/node"}, definitions, ())
    assert inlined == definitions["node"]
    assert schema_module._inline_refs({"$ref": "other.json"}, definitions, ()) == {
        "$ref": "other.json"
    }


# --- the schema file itself -------------------------------------------------


def load_schema() -> dict[str, Any]:
    """The packaged schema, read the way the package reads it."""
    text = (resources.files("chatapp_lint") / "schemas" / SCHEMA_FILE).read_text(
        "utf-8"
    )
    loaded: dict[str, Any] = json.loads(text)
    return loaded


def test_schema_is_valid_draft_2020_12() -> None:
    schema = load_schema()
    Draft202012Validator.check_schema(schema)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    # No `$id`: an absolute one would make editors resolve against a host.
    assert "$id" not in schema


def test_schema_path_is_the_packaged_file() -> None:
    assert schema_path().is_file()
    assert json.loads(schema_path().read_text(encoding="utf-8")) == load_schema()


def test_every_property_has_a_description() -> None:
    missing: list[str] = []

    def walk(node: Any, where: str) -> None:
        if isinstance(node, dict):
            for name, sub in node.get("properties", {}).items():
                if "description" not in sub:
                    missing.append(f"{where}/properties/{name}")
            for key, sub in node.items():
                walk(sub, f"{where}/{key}")
        elif isinstance(node, list):
            for index, sub in enumerate(node):
                walk(sub, f"{where}/{index}")

    walk(load_schema(), "#")
    assert missing == []


def test_schema_codes_match_the_rule_catalog() -> None:
    assert {r.code: r.slug for r in RESERVED} == SCHEMA_CODES


def test_template_file_schema_accepts_one_template_or_a_list() -> None:
    wrapper = json.loads(schema_path(FILE_SCHEMA).read_text("utf-8"))
    Draft202012Validator.check_schema(wrapper)
    # No registry: the file must resolve every reference by itself.
    validator = Draft202012Validator(wrapper, registry=Registry())
    assert validator.is_valid(BASE)
    assert validator.is_valid([BASE, patched({"/Name": "other"})])
    assert not validator.is_valid([BASE, patched({"/Name": DELETE})])
    assert not validator.is_valid(patched({"/Category": "text"}))


def _references(node: Any) -> list[str]:
    if isinstance(node, dict):
        found = [node["$ref"]] if isinstance(node.get("$ref"), str) else []
        return found + [r for value in node.values() for r in _references(value)]
    if isinstance(node, list):
        return [r for item in node for r in _references(item)]
    return []


@pytest.mark.parametrize("name", [SCHEMA_FILE, FILE_SCHEMA])
def test_every_reference_is_inside_its_own_file(name: str) -> None:
    document = json.loads(schema_path(name).read_text("utf-8"))
    assert "$id" not in document
    references = _references(document)
    assert references
    assert all(ref.startswith("#/$defs/") for ref in references)
    for ref in references:
        assert ref.removeprefix("#/$defs/") in document["$defs"], ref


def test_the_file_schema_is_generated_from_the_template_schema() -> None:
    assert schema_file.main(["--check"]) == 0, "run python -m chatapp_lint.schema_file"
    bundled = json.loads(schema_path(FILE_SCHEMA).read_text("utf-8"))
    template = load_schema()
    assert bundled["$defs"]["template"]["properties"] == template["properties"]
    for name, definition in template["$defs"].items():
        assert bundled["$defs"][name] == definition


def test_a_stale_file_schema_is_reported(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "schemas"
    folder.mkdir()
    (folder / SCHEMA_FILE).write_bytes(schema_path().read_bytes())
    (folder / FILE_SCHEMA).write_text("{}\n", encoding="utf-8")
    monkeypatch.setattr(schema_file, "__file__", str(tmp_path / "schema_file.py"))
    assert schema_file.main(["--check"]) == 1
    assert schema_file.main([]) == 0
    assert schema_file.main(["--check"]) == 0


def test_a_template_schema_defining_template_cannot_be_bundled() -> None:
    with pytest.raises(ValueError, match="template"):
        schema_file.file_schema({"$schema": "x", "$defs": {"template": {}}})


# --- properties ---------------------------------------------------------------

json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False)
    | st.text(max_size=80),
    lambda inner: (
        st.lists(inner, max_size=4)
        | st.dictionaries(st.text(max_size=12), inner, max_size=4)
    ),
    max_leaves=20,
)
TOP_KEYS = [
    "TemplateType",
    "Name",
    "Language",
    "Category",
    "Components",
    "Example",
    "MessageSendTtlSeconds",
    "CustSpaceId",
    "IsvCode",
    "CustWabaId",
    "AllowCategoryChange",
    "CategoryChangePaused",
    "ProductSetId",
]
COMPONENT_KEYS = ["Type", "Text", "Format", "Duration", "Buttons", "Cards", "Url"]
BUTTON_KEYS = ["Type", "Text", "UrlType", "IsOptOut", "SupportedApps", "FlowAction"]


def objects_with(
    keys: list[str], values: st.SearchStrategy[Any]
) -> st.SearchStrategy[Any]:
    """Dicts with some of `keys` (now and then another key), values from `values`."""
    return st.fixed_dictionaries(
        {}, optional=dict.fromkeys(keys, values)
    ) | st.dictionaries(
        st.sampled_from([*keys, "Unknown", "a/b~c"]), values, max_size=4
    )


buttons = st.lists(objects_with(BUTTON_KEYS, json_values) | json_values, max_size=3)
components = objects_with(
    COMPONENT_KEYS, json_values | buttons | st.sampled_from(["BODY", "GIF", "BUTTONS"])
)
templates = objects_with(
    TOP_KEYS,
    json_values
    | st.lists(components | json_values, max_size=4)
    | st.sampled_from(["WHATSAPP", "VIBER", "UTILITY", "text", "GIF"]),
)


def assert_well_formed(template: Any) -> None:
    """schema_findings does not raise, and every pointer resolves in the template."""
    found = schema_findings(template)
    for code, finding in found:
        assert code in SCHEMA_CODES
        resolve(
            template, finding.pointer
        )  # raises LookupError when it does not resolve
        assert finding.at_key == (code == "SC002")
        assert "\n" not in finding.message
    assert len(found) == len({(c, f.pointer, f.message) for c, f in found})
    assert schema_findings(template) == found  # deterministic


@given(json_values)
def test_arbitrary_json_never_raises(value: Any) -> None:
    assert_well_formed(value)


@given(templates)
def test_arbitrary_templates_never_raise_and_point_inside(template: Any) -> None:
    assert_well_formed(template)


@given(templates)
def test_inlined_refs_validate_like_the_file(template: Any) -> None:
    plain = Draft202012Validator(load_schema())
    assert schema_module._validator().is_valid(template) == plain.is_valid(template)
    assert bool(schema_findings(template)) == (not plain.is_valid(template))


@given(st.data())
def test_a_broken_member_of_a_valid_template_points_inside(data: st.DataObject) -> None:
    template = copy.deepcopy(BASE)
    component = template["Components"][0]
    component[data.draw(st.sampled_from(COMPONENT_KEYS))] = data.draw(
        json_values | buttons
    )
    template[data.draw(st.sampled_from([*TOP_KEYS, "Unknown"]))] = data.draw(
        json_values
    )
    assert_well_formed(template)


def nested(depth: int, leaf: Any) -> Any:
    """A value `depth` levels deep, alternating lists and objects."""
    value = leaf
    for level in range(depth):
        value = [value] if level % 2 else {"Type": value}
    return value


@pytest.mark.parametrize(
    "pointer",
    ["/Components", "/Components/0", "/Example", "/Unknown", "/Components/1/Buttons"],
)
def test_deep_nesting_never_raises(pointer: str) -> None:
    assert_well_formed(patched({pointer: nested(64, "x")}))


def test_deep_nesting_as_the_whole_template() -> None:
    assert_well_formed(nested(64, None))


# --- the schemas as other tools read them --------------------------------------


def _check_jsonschema(schema: Path, *files: Path) -> subprocess.CompletedProcess[str]:
    """check-jsonschema as a user runs it, with every network request doomed."""
    executable = Path(sys.executable).with_name("check-jsonschema")
    if not executable.exists():
        pytest.skip("check-jsonschema is installed with the test extra")
    unreachable = "http://127.0.0.1:9"  # the discard port: nothing answers there
    return subprocess.run(
        [str(executable), "--schemafile", str(schema), *map(str, files)],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
        env={
            **os.environ,
            "HTTP_PROXY": unreachable,
            "HTTPS_PROXY": unreachable,
            "http_proxy": unreachable,
            "https_proxy": unreachable,
            "NO_PROXY": "",
        },
    )


EXAMPLES = Path(__file__).parent.parent / "examples"


@pytest.mark.parametrize("name", [SCHEMA_FILE, FILE_SCHEMA])
def test_check_jsonschema_resolves_a_copied_schema_offline(
    name: str, tmp_path: Path
) -> None:
    # Copied alone into another folder, as `chatapp-lint schema > x.json` does.
    copied = tmp_path / "elsewhere" / "my.schema.json"
    copied.parent.mkdir()
    copied.write_bytes(schema_path(name).read_bytes())
    templates = sorted((EXAMPLES / "templates").iterdir())
    result = _check_jsonschema(copied, *templates)
    assert result.returncode == 0, result.stdout + result.stderr
    bad = _check_jsonschema(copied, EXAMPLES / "bad" / "category-not-allowed.yaml")
    assert bad.returncode == 1, bad.stdout + bad.stderr
    assert "$.Category: 'text' is not one of" in bad.stdout


def test_check_jsonschema_takes_a_list_of_templates_with_the_file_schema(
    tmp_path: Path,
) -> None:
    listed = tmp_path / "two.json"
    listed.write_text(json.dumps([BASE, patched({"/Name": "other"})]), "utf-8")
    assert _check_jsonschema(schema_path(FILE_SCHEMA), listed).returncode == 0
    assert _check_jsonschema(schema_path(), listed).returncode == 1
