"""A fast "is this template valid?" check, compiled from the packaged JSON Schema.

`compile_validity(schema)` turns a schema into nested closures, once, and returns a
predicate that answers what jsonschema's `Draft202012Validator(schema).is_valid`
would, about thirty times faster and without importing jsonschema, so that it is
needed only for a template that has errors to report.

Only the keywords the packaged schema uses are compiled: `type`, `enum`, `const`,
`properties`, `additionalProperties`, `required`, `items`, `minItems`,
`if`/`then`/`else` and local `$ref`s to `#/$defs/...`; annotations (`title`,
`description`, ...) are ignored. Any other keyword, or a `$ref` elsewhere,
raises `UnsupportedSchemaError` when compiling, so that the caller uses jsonschema
instead: the fast path never guesses.

The predicate is exact for JSON values as the loaders produce them (`dict`, `list`,
`str`, `int`, `float`, `bool`, `None`). Where another type would need a decision
that depends on how it behaves (a `dict` or `list` subclass, a `str` subclass in an
`enum`, a `Decimal` as a `number`), it answers `False`, "not known to be valid",
and the caller asks jsonschema. It never answers `True` for an instance that
jsonschema rejects.

It imports nothing at run time: the command line pays for it on every start.
"""

from __future__ import annotations

# Not `from typing import TYPE_CHECKING`: typing costs start-up (see __init__.py).
TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable

    Predicate = Callable[[object], bool]

__all__ = ["UnsupportedSchemaError", "compile_validity"]

_DEFS = "#/$defs/"
# Keywords that never change whether an instance is valid. `$defs` is read where
# a `$ref` points into it; `then` and `else` are compiled with their `if`.
_ANNOTATIONS = frozenset(
    {
        "$schema",
        "$id",
        "$defs",
        "$comment",
        "title",
        "description",
        "deprecated",
        "examples",
        "default",
        "then",
        "else",
    }
)
_KEYWORDS = _ANNOTATIONS | {
    "type",
    "enum",
    "const",
    "properties",
    "additionalProperties",
    "required",
    "items",
    "minItems",
    "if",
    "$ref",
}
# JSON Schema type names that a plain isinstance check decides, as jsonschema's
# Draft 2020-12 type checker does; "integer" and "number" need more.
_CLASSES: dict[str, type] = {
    "string": str,
    "boolean": bool,
    "array": list,
    "object": dict,
    "null": type(None),
}
_TYPE_NAMES = frozenset({*_CLASSES, "integer", "number"})
# The exact types of JSON values; `enum` and `const` compare only these.
_JSON_TYPES = frozenset({dict, list, str, int, float, bool, type(None)})


class UnsupportedSchemaError(ValueError):
    """The schema uses something `compile_validity` does not compile exactly."""


class _Unsure(Exception):  # noqa: N818 - a signal, caught inside this module
    """An instance whose validity depends on how a non-JSON type behaves."""


def compile_validity(schema: object) -> Predicate:
    """Compile a Draft 2020-12 schema into a validity predicate.

    Args:
        schema: The schema, as `json.load` returns it.

    Returns:
        A function of one instance: `True` when jsonschema finds it valid; `False`
        when it finds it invalid, or when the instance holds a type whose
        validity only jsonschema can tell (see the module's documentation).

    Raises:
        UnsupportedSchemaError: The schema uses a keyword, a `$ref` or a keyword
            value outside the supported subset.
    """
    root = _Compiler(schema).compile_document()

    def is_valid(instance: object) -> bool:
        try:
            return root(instance)
        except (_Unsure, RecursionError):
            return False

    return is_valid


def _always(instance: object) -> bool:
    return True


def _never(instance: object) -> bool:
    return False


class _Compiler:
    """Compiles one schema document; `$ref`s resolve into its root `$defs`."""

    def __init__(self, document: object) -> None:
        self.document = document
        defs = document.get("$defs", {}) if isinstance(document, dict) else {}
        if not isinstance(defs, dict):
            raise UnsupportedSchemaError("'$defs' is not an object")
        self.defs: dict[str, object] = defs
        self.compiled: dict[str, Predicate] = {}

    def compile_document(self) -> Predicate:
        root = self.compile(self.document, is_root=True)
        # Every definition is compiled, used or not, so that an unsupported
        # keyword anywhere in the file refuses the whole schema.
        for name in self.defs:
            self.definition(name)
        return root

    def compile(self, schema: object, *, is_root: bool = False) -> Predicate:
        if schema is True:
            return _always
        if schema is False:
            return _never
        if not isinstance(schema, dict):
            raise UnsupportedSchemaError(f"a schema must be an object, not {schema!r}")
        unknown = sorted(str(key) for key in schema if key not in _KEYWORDS)
        if unknown:
            raise UnsupportedSchemaError(f"unsupported keywords: {', '.join(unknown)}")
        if "$id" in schema and not is_root:
            # A nested $id would change what '#/$defs/...' below it means.
            raise UnsupportedSchemaError("'$id' below the root")
        if "$defs" in schema and not is_root:
            # Unreachable by '#/$defs/...', but checked all the same.
            defs = schema["$defs"]
            if not isinstance(defs, dict):
                raise UnsupportedSchemaError("'$defs' is not an object")
            for sub in defs.values():
                self.compile(sub)
        checks = [
            check
            for check in (
                self._typed(schema),
                self._enum(schema),
                self._ref(schema),
                self._conditional(schema),
            )
            if check is not None
        ]
        return _all_of(checks)

    def definition(self, name: str) -> Predicate:
        """The compiled `$defs` entry, bound lazily while it is being compiled."""
        if name in self.compiled:
            return self.compiled[name]
        if name not in self.defs:
            raise UnsupportedSchemaError(f"'$ref' to a missing definition {name!r}")
        target: list[Predicate] = []

        def deferred(instance: object) -> bool:
            return target[0](instance)

        # A reference back into this definition, met while compiling it, calls
        # `deferred`; every later one gets the compiled closure itself.
        self.compiled[name] = deferred
        compiled = self.compile(self.defs[name])
        target.append(compiled)
        self.compiled[name] = compiled
        return compiled

    def _ref(self, schema: dict[str, object]) -> Predicate | None:
        if "$ref" not in schema:
            return None
        ref = schema["$ref"]
        if not isinstance(ref, str) or not ref.startswith(_DEFS):
            raise UnsupportedSchemaError(f"'$ref' {ref!r} is not local to '#/$defs/'")
        name = ref.removeprefix(_DEFS)
        # Escapes and deeper pointers would need RFC 6901 and URI decoding.
        if not name or any(c in name for c in "/~%#"):
            raise UnsupportedSchemaError(
                f"'$ref' {ref!r} is not a plain definition name"
            )
        return self.definition(name)

    def _conditional(self, schema: dict[str, object]) -> Predicate | None:
        if "if" not in schema:
            # jsonschema ignores `then` and `else` without `if`; they are still
            # compiled, so that whatever the file holds is of the supported kind.
            for key in ("then", "else"):
                if key in schema:
                    self.compile(schema[key])
            return None
        condition = self.compile(schema["if"])
        then = self.compile(schema["then"]) if "then" in schema else _always
        otherwise = self.compile(schema["else"]) if "else" in schema else _always
        if then is _always and otherwise is _always:
            return None

        def conditional(instance: object) -> bool:
            if condition(instance):
                return then(instance)
            return otherwise(instance)

        return conditional

    def _enum(self, schema: dict[str, object]) -> Predicate | None:
        allowed: list[object] = []
        if "enum" in schema:
            values = schema["enum"]
            if not isinstance(values, list):
                raise UnsupportedSchemaError("'enum' is not a list")
            allowed = values
        checks = [_one_of(allowed)] if "enum" in schema else []
        if "const" in schema:
            checks.append(_one_of([schema["const"]]))
        return _all_of(checks) if checks else None

    def _typed(self, schema: dict[str, object]) -> Predicate | None:
        """`type` and the keywords that apply to objects or to arrays only."""
        names = _type_names(schema["type"]) if "type" in schema else None
        # With `type: object`, the object keywords' own dict test is the type
        # test, and likewise for arrays: one call instead of two.
        object_check = self._object(schema, required_type=names == ["object"])
        array_check = self._array(schema, required_type=names == ["array"])
        checks = [c for c in (object_check, array_check) if c is not None]
        fused = (names == ["object"] and object_check is not None) or (
            names == ["array"] and array_check is not None
        )
        if names is not None and not fused and not _strings_only(schema, names):
            checks.insert(0, _type_check(names))
        return _all_of(checks) if checks else None

    def _object(
        self, schema: dict[str, object], *, required_type: bool
    ) -> Predicate | None:
        keys = ("properties", "additionalProperties", "required")
        if not any(key in schema for key in keys):
            return None
        properties = schema.get("properties", {})
        if not isinstance(properties, dict):
            raise UnsupportedSchemaError("'properties' is not an object")
        members: dict[object, Predicate] = {
            name: self.compile(sub) for name, sub in properties.items()
        }
        extra = schema.get("additionalProperties", True)
        if not isinstance(extra, bool | dict):
            raise UnsupportedSchemaError("'additionalProperties' is not a schema")
        required = schema.get("required", [])
        if not isinstance(required, list) or not all(
            isinstance(name, str) for name in required
        ):
            raise UnsupportedSchemaError("'required' is not a list of strings")
        return _object_check(
            members, self.compile(extra), frozenset(required), required_type
        )

    def _array(
        self, schema: dict[str, object], *, required_type: bool
    ) -> Predicate | None:
        if "items" not in schema and "minItems" not in schema:
            return None
        item = self.compile(schema.get("items", True))
        least = schema.get("minItems", 0)
        if not isinstance(least, int) or isinstance(least, bool):
            raise UnsupportedSchemaError("'minItems' is not an integer")
        return _array_check(item, least, required_type)


def _all_of(checks: list[Predicate]) -> Predicate:
    checks = [c for c in checks if c is not _always]
    if any(c is _never for c in checks):
        return _never
    if not checks:
        return _always
    if len(checks) == 1:
        return checks[0]
    if len(checks) == 2:  # noqa: PLR2004 - the common case, without a loop
        first, second = checks

        def both(instance: object) -> bool:
            return first(instance) and second(instance)

        return both

    def every(instance: object) -> bool:
        return all(check(instance) for check in checks)

    return every


def _strings_only(schema: dict[str, object], names: list[str]) -> bool:
    """Whether `enum` or `const` admits only strings that `type` allows anyway.

    The `enum` check accepts nothing but a plain `str`, so with `type: string`
    the type test would only repeat it.
    """
    if "string" not in names:
        return False
    enum = schema.get("enum")
    if isinstance(enum, list) and all(type(v) is str for v in enum):
        return True
    return "const" in schema and type(schema["const"]) is str


def _type_names(value: object) -> list[str]:
    names = value if isinstance(value, list) else [value]
    for name in names:
        if not isinstance(name, str) or name not in _TYPE_NAMES:
            raise UnsupportedSchemaError(f"unknown type {name!r}")
    return list(names)


def _type_check(names: list[str]) -> Predicate:
    """The `type` keyword, with jsonschema's Draft 2020-12 type checker."""
    classes = tuple(_CLASSES[name] for name in names if name in _CLASSES)
    if "number" in names:
        return _number_check(classes)
    if "integer" in names:
        return _integer_check(classes)
    if len(classes) == 1:
        (cls,) = classes

        def one_class(instance: object) -> bool:
            return isinstance(instance, cls)

        return one_class

    def some_class(instance: object) -> bool:
        return isinstance(instance, classes)

    return some_class


def _number_check(classes: tuple[type, ...]) -> Predicate:
    """A type list with "number": any numbers.Number but bool, for jsonschema."""

    def number(instance: object) -> bool:
        if isinstance(instance, classes):
            return True
        if isinstance(instance, bool):
            return False
        if isinstance(instance, int | float):
            return True
        if type(instance) in _JSON_TYPES:
            return False
        raise _Unsure  # Decimal, Fraction, ...: numbers.Number would decide

    return number


def _integer_check(classes: tuple[type, ...]) -> Predicate:
    """A type list with "integer": an int but bool, or a float with no fraction."""

    def integer(instance: object) -> bool:
        if isinstance(instance, classes):
            return True
        if isinstance(instance, bool):
            return False
        if isinstance(instance, int):
            return True
        return isinstance(instance, float) and instance.is_integer()

    return integer


def _object_check(
    members: dict[object, Predicate],
    additional: Predicate,
    required: frozenset[str],
    required_type: bool,
) -> Predicate:
    """`properties`, `additionalProperties` and `required`, over one dict."""
    get = members.get

    def check(instance: object) -> bool:
        if type(instance) is not dict:
            if isinstance(instance, dict):
                raise _Unsure  # a subclass may look itself up differently
            return not required_type
        for key, value in instance.items():
            member = get(key)
            if member is None:
                if not additional(value):
                    return False
            elif not member(value):
                return False
        return instance.keys() >= required

    return check


def _array_check(
    item: Predicate,
    least: int,
    required_type: bool,
) -> Predicate:
    """`items` and `minItems`, over one list."""

    def check(instance: object) -> bool:
        if type(instance) is not list:
            if isinstance(instance, list):
                raise _Unsure
            return not required_type
        if len(instance) < least:
            return False
        for value in instance:  # noqa: SIM110 - a loop beats all() and a generator
            if not item(value):
                return False
        return True

    return check


def _one_of(values: list[object]) -> Predicate:
    """`enum` (or `const`, a one-value enum) with jsonschema's JSON equality."""
    for value in values:
        _require_json(value)
    strings = frozenset(v for v in values if type(v) is str)
    others = [v for v in values if type(v) is not str]

    def check(instance: object) -> bool:
        kind = type(instance)
        if kind is str:
            return instance in strings
        if kind not in _JSON_TYPES:
            raise _Unsure
        return any(_equal(value, instance) for value in others)

    return check


def _require_json(value: object) -> None:
    """Refuse an `enum` or `const` value that `json.load` could not have made."""
    if type(value) not in _JSON_TYPES:
        raise UnsupportedSchemaError(f"{value!r} is not a JSON value")
    if isinstance(value, dict):
        for key, item in value.items():
            if type(key) is not str:
                raise UnsupportedSchemaError(f"{key!r} is not a JSON member name")
            _require_json(item)
    elif isinstance(value, list):
        for item in value:
            _require_json(item)


def _equal(expected: object, instance: object) -> bool:
    """The `equal` of jsonschema, for a JSON value of the schema and an instance.

    `True` and `1` differ, `1` and `1.0` do not, and lists and objects compare
    member by member with the same rule. `expected` holds only exact JSON types
    (`_require_json`); so must `instance`, or the answer is jsonschema's to give.
    """
    if type(instance) not in _JSON_TYPES:
        raise _Unsure
    if expected is instance:
        return True
    if isinstance(instance, str) or isinstance(expected, str):
        return expected == instance
    if isinstance(instance, list):
        return (
            isinstance(expected, list)
            and len(expected) == len(instance)
            and all(map(_equal, expected, instance))
        )
    if isinstance(instance, dict):
        if any(type(key) not in _JSON_TYPES for key in instance):
            raise _Unsure  # a key of another type may compare equal to a name
        return (
            isinstance(expected, dict)
            and len(expected) == len(instance)
            and all(
                key in instance and _equal(value, instance[key])
                for key, value in expected.items()
            )
        )
    if isinstance(expected, list | dict):
        return False
    if isinstance(expected, bool) or isinstance(instance, bool):
        return False  # the same bool is caught by `is` above; True is not 1
    return expected == instance
