"""The compiled validity check against jsonschema: the same answer, every time.

`schema_findings` trusts `compile_validity` to say "valid" only when jsonschema
would; these tests compare the two on generated, mutated, case-file and example
templates, pin each keyword's subtle cases, and check that a schema outside the
compiled subset is refused and left to jsonschema.
"""

from __future__ import annotations

import copy
import json
import subprocess
import sys
from collections import OrderedDict
from decimal import Decimal
from pathlib import Path
from random import Random
from types import MappingProxyType
from typing import Any

import pytest
from hypothesis import HealthCheck, Phase, find, given, settings
from hypothesis import strategies as st
from hypothesis.errors import NoSuchExample
from jsonschema import Draft202012Validator

from chatapp_lint import schema as schema_module
from chatapp_lint.loader import load_bytes, load_path
from chatapp_lint.schema import SCHEMA_FILE, schema_findings
from chatapp_lint.schema_validity import UnsupportedSchemaError, compile_validity
from chatapp_lint.strategies import valid_templates
from tests.casefiles import load_cases

ROOT = Path(__file__).parent.parent
SCHEMA: dict[str, Any] = json.loads(
    (ROOT / "schemas" / SCHEMA_FILE).read_text(encoding="utf-8")
)


def reference(instance: Any) -> bool:
    """jsonschema's answer, with the validator schema.py builds."""
    return schema_module._validator().is_valid(instance)


def fast(instance: Any) -> bool:
    """The compiled answer, as schema.py uses it."""
    return schema_module._fast_is_valid()(instance)


def assert_agree(instance: Any) -> bool:
    expected = reference(instance)
    assert fast(instance) is expected, instance
    return expected


# --- generated templates ------------------------------------------------------


def _walk_schema(node: Any, names: set[str], enums: list[list[str]]) -> None:
    if isinstance(node, dict):
        names.update(node.get("properties", {}))
        values = node.get("enum", [node["const"]] if "const" in node else [])
        strings = [value for value in values if isinstance(value, str)]
        if strings:
            enums.append(strings)
        for value in node.values():
            _walk_schema(value, names, enums)
    elif isinstance(node, list):
        for value in node:
            _walk_schema(value, names, enums)


_NAMES: set[str] = set()
_ENUMS: list[list[str]] = []
_walk_schema(SCHEMA, _NAMES, _ENUMS)
MEMBER_NAMES = sorted(_NAMES)
_ALLOWED = {value for enum in _ENUMS for value in enum}
# Every value an enum or const allows, and near misses of them.
ENUM_STRINGS = sorted(_ALLOWED | {s.lower() for s in _ALLOWED} | {"", "GIF"})
# For an allowed string, the others allowed where it is, and their near misses.
SIBLINGS = {
    value: sorted(
        {v for enum in _ENUMS if value in enum for v in enum} | {value.lower()}
    )
    for value in _ALLOWED
}

scalars = (
    st.none()
    | st.booleans()
    | st.sampled_from([0, 1, -1, 2, 0.0, 1.0, -1.0, 2.0, 1.5, 1e300])
    | st.integers()
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.sampled_from(ENUM_STRINGS)
    | st.text(max_size=8)
)
member_names = st.sampled_from([*MEMBER_NAMES, "Unknown"]) | st.text(max_size=6)
json_values = st.recursive(
    scalars,
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(member_names, inner, max_size=3)
    ),
    max_leaves=8,
)


def _paths(value: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Every place in a value, the value itself first."""
    found = [path]
    if isinstance(value, dict):
        for key, item in value.items():
            found += _paths(item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            found += _paths(item, (*path, index))
    return found


def _at(value: Any, path: tuple[Any, ...]) -> Any:
    for token in path:
        value = value[token]
    return value


def _near(value: Any, rnd: Random) -> Any:
    """A value of another JSON type that Python finds close to `value`, or for
    an allowed string another one allowed there (or nearly)."""
    if isinstance(value, bool):
        return rnd.choice([int(value), float(value), str(value).lower()])
    if isinstance(value, int):
        return rnd.choice([float(value), value + 0.5, bool(value % 2), str(value)])
    if isinstance(value, str):
        siblings = SIBLINGS.get(value, ENUM_STRINGS)
        pool = rnd.choice([siblings, siblings, ENUM_STRINGS, [[value], {}, None]])
        return rnd.choice(pool)
    if isinstance(value, list):
        return rnd.choice([[], (value[0] if value else None), tuple(value)])
    return rnd.choice([[], "", None, [value]])


# A value of another type, or another allowed value, finds the most mistakes.
ACTIONS = ["near", "near", "replace", "remove", "add", "rename", "keep"]
NAMES = [*MEMBER_NAMES, "Unknown", "type", "a/b~c"]


@st.composite
def mutated_templates(draw: st.DrawFn) -> Any:
    """A valid template, mostly with one member or item replaced, removed or added."""
    template = draw(valid_templates())
    # Places and actions are picked uniformly (hypothesis would favour the first
    # of each): a kind of place first, its path with item indexes blanked out,
    # then one place of that kind, so that `Category` is picked as often as a
    # button's `Text`.
    rnd = draw(st.randoms(use_true_random=True))
    kinds: dict[tuple[Any, ...], list[tuple[Any, ...]]] = {}
    for place in _paths(template):
        kind = tuple(t if isinstance(t, str) else -1 for t in place)
        kinds.setdefault(kind, []).append(place)
    path = rnd.choice(kinds[rnd.choice(sorted(kinds))])
    target = _at(template, path)
    action = rnd.choice(ACTIONS)
    if action == "keep":
        pass
    elif action in ("replace", "near") or (not path and action == "remove"):
        new = _near(target, rnd) if action == "near" else draw(json_values)
        if not path:
            return new
        _at(template, path[:-1])[path[-1]] = new
    elif action == "remove":
        del _at(template, path[:-1])[path[-1]]
    elif isinstance(target, dict):
        name = rnd.choice(NAMES) if rnd.random() < 0.8 else draw(st.text(max_size=6))
        if action == "rename" and target:
            target[name] = target.pop(rnd.choice(sorted(target)))
        else:
            target[name] = draw(json_values)
    elif isinstance(target, list):
        target.insert(rnd.randint(0, len(target)), draw(json_values))
    return template


@settings(max_examples=300, deadline=None)
@given(valid_templates())
def test_valid_templates_are_valid_for_both(template: dict[str, Any]) -> None:
    assert assert_agree(template)
    assert schema_findings(template) == []


@settings(
    max_examples=1000,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
@given(mutated_templates())
def test_mutated_templates_get_the_same_answer(template: Any) -> None:
    valid = assert_agree(template)
    assert (schema_findings(template) == []) is valid


def _variant(edit: str) -> dict[str, Any]:
    schema = copy.deepcopy(SCHEMA)
    definitions = schema["$defs"]
    if edit == "button-extra-members":
        del definitions["button"]["additionalProperties"]
    elif edit == "components-may-be-empty":
        del schema["properties"]["Components"]["minItems"]
    elif edit == "no-whatsapp-categories":
        del schema["if"]
    elif edit == "component-type-optional":
        definitions["component"]["required"] = []
    elif edit == "boolean-as-integer":
        definitions["button"]["properties"]["IsOptOut"]["type"] = "integer"
    return schema


@pytest.mark.parametrize(
    "edit",
    [
        "button-extra-members",
        "components-may-be-empty",
        "no-whatsapp-categories",
        "component-type-optional",
        "boolean-as-integer",
    ],
)
def test_the_generator_finds_a_check_that_is_wrong(edit: str) -> None:
    # The differential test is only as good as its inputs: a check compiled
    # from a subtly different schema must disagree with jsonschema somewhere.
    wrong = compile_validity(_variant(edit))
    try:
        find(
            mutated_templates(),
            lambda t: wrong(t) != reference(t),
            settings=settings(
                max_examples=10_000,
                database=None,
                derandomize=True,  # the same inputs every run: no flaky failure
                phases=[Phase.generate],
                suppress_health_check=list(HealthCheck),
            ),
        )
    except NoSuchExample:
        pytest.fail(f"no template tells the '{edit}' schema from the real one")


# --- case files and examples ----------------------------------------------------


def _wire_decoded(template: Any) -> Any:
    """`Components` and `Example` decoded from their JSON-string wire form."""
    if not isinstance(template, dict):
        return template
    decoded = dict(template)
    for key in ("Components", "Example"):
        if isinstance(decoded.get(key), str):
            try:
                decoded[key] = json.loads(decoded[key])
            except ValueError:
                continue
    return decoded


def _case_inputs() -> list[Any]:
    inputs: list[Any] = []
    for case, base in load_cases():
        source = case.source()
        if source is None:
            inputs.append(pytest.param(case.template(base), id=case.id))
            continue
        kind, data = source
        value = load_bytes(data, kind).value
        inputs.append(pytest.param(value, id=case.id))
    return inputs


def _templates_in(value: Any) -> list[Any]:
    """The value, and each item when it is a file's list of templates."""
    items = value if isinstance(value, list) else []
    return [value, *items, *(_wire_decoded(t) for t in [value, *items])]


@pytest.mark.parametrize("value", _case_inputs())
def test_every_case_file_input_gets_the_same_answer(value: Any) -> None:
    for template in _templates_in(value):
        assert_agree(template)


EXAMPLES = sorted(
    p for p in (ROOT / "examples").rglob("*") if p.suffix in (".json", ".yaml")
)


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.name)
def test_every_example_gets_the_same_answer(path: Path) -> None:
    value = load_path(path).value
    for template in _templates_in(value):
        assert_agree(template)


def test_clean_examples_are_valid_and_bad_ones_exercise_both_answers() -> None:
    answers = {
        path.parent.name: set() for path in EXAMPLES if path.parent.name != "examples"
    }
    for path in EXAMPLES:
        value = load_path(path).value
        if value is not None and path.parent.name in answers:
            answers[path.parent.name].add(fast(_wire_decoded(value)))
    assert answers == {"templates": {True}, "bad": {True, False}}


# --- keyword by keyword ---------------------------------------------------------


def check(schema: dict[str, Any], instance: Any) -> bool:
    """The compiled answer for a small schema, after checking jsonschema agrees."""
    answer = compile_validity(schema)(instance)
    assert answer is Draft202012Validator(schema).is_valid(instance), instance
    return answer


@pytest.mark.parametrize(
    ("kind", "accepted", "rejected"),
    [
        ("integer", [0, -7, 10**30, 1.0, 0.0, -2.0], [True, False, 1.5, "1", None]),
        ("number", [0, 1.5, -1e300, 1.0], [True, False, "1", None, [1]]),
        ("boolean", [True, False], [0, 1, 1.0, "true", None]),
        ("string", ["", "x"], [1, None, ["x"], b"x"]),
        ("array", [[], [1, "a"]], [(), (1,), {}, "ab", None]),
        ("object", [{}, {"a": 1}], [[], MappingProxyType({}), None, "{}"]),
        ("null", [None], [0, False, "", [], {}]),
    ],
)
def test_type(kind: str, accepted: list[Any], rejected: list[Any]) -> None:
    assert [check({"type": kind}, v) for v in accepted] == [True] * len(accepted)
    assert [check({"type": kind}, v) for v in rejected] == [False] * len(rejected)


def test_type_list() -> None:
    schema = {"type": ["array", "string"]}
    assert [check(schema, v) for v in [[], "x", {}, 1, None]] == [
        True,
        True,
        False,
        False,
        False,
    ]
    with_integer = {"type": ["integer", "null"]}
    assert [check(with_integer, v) for v in [1, 1.0, None, True, 1.5]] == [
        True,
        True,
        True,
        False,
        False,
    ]
    assert check({"type": ["boolean", "integer"]}, True) is True
    assert check({"type": []}, None) is False


@pytest.mark.parametrize(
    ("values", "instance", "expected"),
    [
        (["A", "B"], "A", True),
        (["A", "B"], "a", False),
        (["A"], ["A"], False),
        ([1], True, False),
        ([True], 1, False),
        ([False], 0, False),
        ([0], False, False),
        ([0], 0.0, True),
        ([1], 1.0, True),
        ([1.0], 1, True),
        ([True], True, True),
        ([None], None, True),
        ([None], 0, False),
        ([[1, True]], [1.0, True], True),
        ([[1, True]], [True, 1], False),
        ([[1]], [1, 1], False),
        ([{"a": [0]}], {"a": [0.0]}, True),
        ([{"a": [0]}], {"a": [False]}, False),
        ([{"a": 1}], {"a": 1, "b": 2}, False),
        ([{"a": 1}], {"b": 1}, False),
        ([{}], [], False),
        ([[]], {}, False),
        (["1"], 1, False),
        ([], None, False),
    ],
)
def test_enum_and_const_use_json_equality(
    values: list[Any], instance: Any, expected: bool
) -> None:
    assert check({"enum": values}, instance) is expected
    if len(values) == 1:
        assert check({"const": values[0]}, instance) is expected


def test_string_enum_with_type() -> None:
    schema = {"type": "string", "enum": ["A", "B"]}
    assert [check(schema, v) for v in ["A", "C", 1, None]] == [
        True,
        False,
        False,
        False,
    ]
    assert check({"type": "integer", "const": 1}, 1.0) is True
    assert check({"type": "integer", "const": 1}, True) is False


OBJECT = {
    "type": "object",
    "properties": {"A": {"type": "string"}, "B": {"type": "integer"}},
    "required": ["A"],
    "additionalProperties": False,
}


@pytest.mark.parametrize(
    ("instance", "expected"),
    [
        ({"A": "x"}, True),
        ({"A": "x", "B": 2}, True),
        ({"A": "x", "B": 2.0}, True),
        ({"A": "x", "B": True}, False),
        ({"B": 2}, False),
        ({}, False),
        ({"A": "x", "C": 1}, False),
        ({"A": "x", 1: 1}, False),
        ({"A": 1}, False),
        (["A"], False),
        ("A", False),
    ],
)
def test_object_keywords(instance: Any, expected: bool) -> None:
    assert check(OBJECT, instance) is expected


def test_object_keywords_without_a_type_apply_to_objects_only() -> None:
    schema = {"properties": {"A": {"type": "string"}}, "required": ["A"]}
    assert [check(schema, v) for v in [{"A": "x"}, {"A": 1}, {}, [], "x", None]] == [
        True,
        False,
        False,
        True,
        True,
        True,
    ]


def test_additional_properties_as_a_schema() -> None:
    schema = {
        "properties": {"A": {"type": "integer"}},
        "additionalProperties": {"type": "string"},
    }
    assert check(schema, {"A": 1, "x": "y", "z": ""}) is True
    assert check(schema, {"A": 1, "x": 2}) is False
    assert check(schema, {"A": "1"}) is False
    assert check({"additionalProperties": True}, {"x": 1}) is True
    assert check({"additionalProperties": False}, {}) is True
    assert check({"additionalProperties": False}, {"x": 1}) is False


def test_boolean_subschemas() -> None:
    schema = {"properties": {"Yes": True, "No": False}}
    assert check(schema, {"Yes": [1]}) is True
    assert check(schema, {"No": None}) is False
    assert check({"items": False}, []) is True
    assert check({"items": False}, [1]) is False
    assert compile_validity(True)(object()) is True
    assert compile_validity(False)(None) is False


@pytest.mark.parametrize(
    ("instance", "expected"),
    [
        ([1], True),
        ([1, 2.0, 3], True),
        ([], False),
        ([1, "2"], False),
        ([True], False),
        ("not a list", True),
        ({}, True),
    ],
)
def test_items_and_min_items(instance: Any, expected: bool) -> None:
    schema = {"items": {"type": "integer"}, "minItems": 1}
    assert check(schema, instance) is expected


def test_min_items_with_a_type_list() -> None:
    schema = {"type": ["array", "string"], "minItems": 2, "items": {"type": "string"}}
    assert [check(schema, v) for v in [["a", "b"], ["a"], "", "x", ["a", 1], 5]] == [
        True,
        False,
        True,
        True,
        False,
        False,
    ]


IF_THEN = {
    "properties": {"Kind": {"enum": ["A", "B"]}, "Size": {"type": "integer"}},
    "if": {"properties": {"Kind": {"const": "A"}}, "required": ["Kind"]},
    "then": {"required": ["Size"]},
    "else": {"properties": {"Size": False}},
}


@pytest.mark.parametrize(
    ("instance", "expected"),
    [
        ({"Kind": "A", "Size": 1}, True),
        ({"Kind": "A"}, False),
        ({"Kind": "B"}, True),
        ({"Kind": "B", "Size": 1}, False),
        ({"Size": 1}, False),
        ({}, True),
        ("A", True),
    ],
)
def test_if_then_else(instance: Any, expected: bool) -> None:
    assert check(IF_THEN, instance) is expected


def test_then_and_else_without_if_are_ignored() -> None:
    assert check({"then": False, "else": False}, 1) is True
    assert check({"if": {"type": "string"}}, 1) is True


NESTED_REFS = {
    "$defs": {
        "node": {
            "type": "object",
            "properties": {
                "Name": {"$ref": "#/$defs/name"},
                "Children": {"type": "array", "items": {"$ref": "#/$defs/node"}},
            },
            "required": ["Name"],
            "additionalProperties": False,
        },
        "name": {"type": "string", "enum": ["a", "b"]},
    },
    "$ref": "#/$defs/node",
}


@pytest.mark.parametrize(
    ("instance", "expected"),
    [
        ({"Name": "a"}, True),
        ({"Name": "a", "Children": [{"Name": "b", "Children": [{"Name": "a"}]}]}, True),
        (
            {"Name": "a", "Children": [{"Name": "b", "Children": [{"Name": "c"}]}]},
            False,
        ),
        ({"Name": "a", "Children": [{"Name": "b", "Children": [{}]}]}, False),
        ({"Name": "a", "Children": [{"Name": "b", "Extra": 1}]}, False),
        ([], False),
    ],
)
def test_nested_and_recursive_refs(instance: Any, expected: bool) -> None:
    assert check(NESTED_REFS, instance) is expected


def test_ref_with_sibling_keywords_applies_both() -> None:
    schema = {"$defs": {"s": {"type": "string"}}, "$ref": "#/$defs/s", "enum": ["x", 1]}
    assert [check(schema, v) for v in ["x", "y", 1]] == [True, False, False]


def test_deep_recursion_is_not_known_valid_rather_than_a_crash() -> None:
    schema = {"$defs": {"n": {"items": {"$ref": "#/$defs/n"}}}, "$ref": "#/$defs/n"}
    deep: list[Any] = []
    for _ in range(sys.getrecursionlimit() * 2):
        deep = [deep]
    assert compile_validity(schema)(deep) is False
    assert compile_validity(schema)([[[]]]) is True


def test_annotations_are_ignored() -> None:
    schema = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "https://example.com/s.json",
        "$comment": "x",
        "title": "t",
        "description": "d",
        "deprecated": True,
        "examples": [1],
        "default": 2,
        "type": "string",
    }
    assert check(schema, "x") is True
    assert check(schema, 1) is False


# Types that are not what a JSON loader makes: the compiled check may say "not
# known to be valid" where jsonschema says valid, but never the other way round.
@pytest.mark.parametrize(
    ("schema", "instance", "expected"),
    [
        (
            {"type": "object", "properties": {"A": {"type": "string"}}},
            OrderedDict(A="x"),
            False,
        ),
        ({"type": "array", "items": {"type": "string"}}, ("a",), False),
        ({"type": "number"}, Decimal("1.5"), False),
        ({"type": "string"}, Decimal("1.5"), False),
        ({"enum": ["A"]}, type("Text", (str,), {})("A"), False),
        ({"enum": [[1]]}, [Decimal(1)], False),
        ({"enum": [{"a": 1}]}, {("a",): 1}, False),
        ({"type": "integer"}, Decimal(1), False),
    ],
)
def test_other_python_types_are_never_wrongly_valid(
    schema: dict[str, Any], instance: Any, expected: bool
) -> None:
    answer = compile_validity(schema)(instance)
    assert answer is expected
    assert not answer or Draft202012Validator(schema).is_valid(instance)


# --- the packaged schema, and what is refused --------------------------------------


def test_the_packaged_schema_is_compiled_not_left_to_jsonschema() -> None:
    assert schema_module._fast_is_valid() is not schema_module._not_known
    assert compile_validity(SCHEMA)({"Name": "x"}) is False


@pytest.mark.parametrize(
    "schema",
    [
        {"maxLength": 2},
        {"pattern": "^a"},
        {"anyOf": [{"type": "string"}]},
        {"properties": {"A": {"format": "uri"}}},
        {"properties": {"A": {"items": {"prefixItems": []}}}},
        {"if": {"not": {}}, "then": {}},
        {"then": {"minLength": 1}},
        {"$defs": {"unused": {"maximum": 3}}},
        {"properties": {"A": {"$defs": {"x": {"uniqueItems": True}}}}},
        {"$ref": "other.json"},
        {"$ref": "#/properties/A"},
        {"$ref": "#/$defs/missing"},
        {"$ref": "#/$defs/a~1b", "$defs": {"a/b": {}}},
        {"$defs": {"x": {"$id": "x.json"}}, "$ref": "#/$defs/x"},
        {"properties": {"A": 5}},
        {"properties": ["A"]},
        {"additionalProperties": "no"},
        {"required": "A"},
        {"required": [1]},
        {"minItems": True},
        {"minItems": 1.5},
        {"type": "date"},
        {"type": ["string", 5]},
        {"enum": "A"},
        {"enum": [("a",)]},
        {"const": {1: "a"}},
        5,
    ],
    ids=repr,
)
def test_anything_else_is_refused_when_compiling(schema: Any) -> None:
    with pytest.raises(UnsupportedSchemaError):
        compile_validity(schema)


@pytest.mark.parametrize("beside_the_package", [True, False])
def test_the_schema_file_is_read_beside_the_package_or_as_a_resource(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, beside_the_package: bool
) -> None:
    monkeypatch.setattr(schema_module._Built, "schema", None)
    if not beside_the_package:  # as from a zip: no file next to the module
        monkeypatch.setattr(schema_module, "__file__", str(tmp_path / "schema.py"))
    resources: list[Any] = []
    real = schema_module.schema_path
    monkeypatch.setattr(
        schema_module, "schema_path", lambda: resources.append(real()) or real()
    )
    assert schema_module._schema() == SCHEMA
    assert len(resources) == (0 if beside_the_package else 1)


@pytest.fixture
def small_schema(monkeypatch: pytest.MonkeyPatch) -> None:
    """schema.py reading a schema with a keyword the compiler does not know."""
    schema = {
        "type": "object",
        "properties": {"A": {"type": "string", "maxLength": 2}},
        "additionalProperties": False,
    }
    monkeypatch.setattr(schema_module._Built, "schema", schema)
    monkeypatch.setattr(schema_module._Built, "is_valid", None)
    monkeypatch.setattr(schema_module._Built, "validator", None)


@pytest.mark.usefixtures("small_schema")
def test_schema_py_falls_back_to_jsonschema_for_an_unsupported_schema() -> None:
    assert [(code, f.pointer) for code, f in schema_findings({"A": "abc"})] == [
        ("SC006", "/A")
    ]
    assert schema_module._Built.is_valid is schema_module._not_known
    assert schema_findings({"A": "ab"}) == []
    assert [code for code, _ in schema_findings({"B": "ab"})] == ["SC002"]


def test_schema_py_trusts_the_compiled_check(monkeypatch: pytest.MonkeyPatch) -> None:
    # Proof that a valid template never reaches jsonschema: it is not there.
    monkeypatch.setattr(schema_module._Built, "validator", None)
    monkeypatch.setattr(schema_module, "_validator", None)
    template = load_path(ROOT / "examples/templates/whatsapp-utility-text-header.json")
    assert schema_findings(template.value) == []


# --- start-up cost --------------------------------------------------------------------

PROBE = """
import sys
before = set(sys.modules)
import chatapp_lint.schema_validity
print(sorted(set(sys.modules) - before))
import chatapp_lint.schema as schema
print([m for m in ("jsonschema", "importlib.resources", "difflib") if m in sys.modules])
template = {
    "TemplateType": "VIBER", "Name": "n", "Language": "en", "Category": "text",
    "Components": [{"Type": "BODY", "Text": "Hello"}],
}
print(schema.schema_findings(template), "jsonschema" in sys.modules)
template["Colour"] = "red"
print(len(schema.schema_findings(template)), "jsonschema" in sys.modules)
"""


def test_jsonschema_is_imported_only_for_an_invalid_template() -> None:
    run = subprocess.run(
        [sys.executable, "-c", PROBE],
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
    )
    assert run.stdout.splitlines() == [
        "['__future__', 'chatapp_lint', 'chatapp_lint._version', "
        "'chatapp_lint.schema_validity']",
        "[]",
        "[] False",
        "1 True",
    ]


def _whole(instance: Any) -> list[tuple[str, Any]]:
    """The findings of validating the whole instance with jsonschema, as before."""
    validator = schema_module._validator()
    return schema_module._collect(validator.iter_errors(instance))


@settings(
    max_examples=300,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)
@given(mutated_templates())
def test_explaining_only_the_invalid_parts_finds_every_error(template: Any) -> None:
    # schema_findings walks only the members and items the compiled check finds
    # invalid; the findings must be those of jsonschema on the whole template.
    if not isinstance(template, dict):
        return
    assert schema_findings(template) == _whole(template)


@pytest.mark.parametrize("value", _case_inputs())
def test_explaining_the_case_files_finds_every_error(value: Any) -> None:
    for template in _templates_in(value):
        if isinstance(template, dict) and not fast(template):
            assert schema_findings(template) == _whole(template)
