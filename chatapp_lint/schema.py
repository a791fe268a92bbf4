"""Validate a template against the packaged JSON Schema; its errors become findings.

Each failing schema keyword maps to a stable code (`SCHEMA_CODES`), and each finding
names the API member in its PascalCase form and points at it with an RFC 6901 pointer.
A valid template is recognised by the check `schema_validity` compiles from the same
file; jsonschema is imported and run only for a template that has errors to report.
"""

from __future__ import annotations

import json
import os
from collections.abc import Mapping

from chatapp_lint.model import Finding
from chatapp_lint.pointer import from_parts, join
from chatapp_lint.schema_validity import UnsupportedSchemaError, compile_validity

# jsonschema (~60 ms), importlib.resources (~20 ms) and difflib are imported
# where they are used: a run whose templates are valid never needs them.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Iterator, Sequence
    from importlib.resources.abc import Traversable
    from typing import Any, Final

    from jsonschema import Draft202012Validator
    from jsonschema.exceptions import ValidationError
    from jsonschema.protocols import Validator

    _Path = Sequence[str | int]
    # An invalid member or item: its key or index, the keyword its subschema is
    # under, the subschema, and its value.
    _Below = list[tuple[str | int, tuple[str, ...], Any, Any]]
    _SortKey = tuple[tuple[tuple[int, int, str], ...], str, str]

SCHEMA_FILE: Final = "create-chatapp-template.schema.json"
SCHEMA_CODES: Final = {
    "SC001": "missing-member",
    "SC002": "unknown-member",
    "SC003": "wrong-type",
    "SC004": "value-not-allowed",
    "SC005": "empty-list",
    "SC006": "schema-violation",
}
SHORTEN_LIMIT: Final = 60
_DEFS: Final = "#/$defs/"

_KEYWORD_CODES: Final = {
    "required": "SC001",
    "additionalProperties": "SC002",
    "type": "SC003",
    "enum": "SC004",
    "const": "SC004",
    "minItems": "SC005",
}
# Codes that describe members of an object rather than the value at the pointer:
# several may share one pointer (two missing members), so they are never merged.
_MEMBER_CODES: Final = frozenset({"SC001", "SC002"})
_TYPE_NAMES: Final = {
    "string": "a string",
    "integer": "an integer",
    "number": "a number",
    "boolean": "a boolean",
    "array": "a list",
    "object": "an object",
    "null": "null",
}


def schema_path(name: str = SCHEMA_FILE) -> Traversable:
    """The packaged schema file, for the `schema` command, the docs and the tests.

    Args:
        name: The file in the package's `schemas` folder: one template's schema
            by default, or `template-file.schema.json`.

    Returns:
        The schema as an `importlib.resources` traversable; `str()` of it is the
        file's location when the package is installed as files.
    """
    from importlib import resources

    return resources.files("chatapp_lint") / "schemas" / name


class _Built:
    """What is built from the schema file once, on first use, and kept."""

    schema: dict[str, Any] | None = None
    # `UnsupportedSchemaError` makes this `_not_known`: jsonschema decides alone.
    is_valid: Callable[[object], bool] | None = None
    validator: Draft202012Validator | None = None
    # Compiled checks of the subschemas `_explain` asks about, by identity.
    subschema_checks: dict[int, Callable[[object], bool]] = {}  # noqa: RUF012 - one registry, shared on purpose
    # The shallow schemas `_split` makes, by the subschema's identity and whether
    # the value is an object; and a validator for each schema `_explain` uses.
    shallow: dict[tuple[int, bool], dict[str, Any]] = {}  # noqa: RUF012 - shared on purpose
    validators: dict[int, Validator] = {}  # noqa: RUF012 - shared on purpose


def _schema() -> dict[str, Any]:
    if _Built.schema is None:
        # The file next to the package (a symlink in the repository, a directory
        # in the wheel) saves importing importlib.resources on every run.
        path = os.path.join(os.path.dirname(__file__), "schemas", SCHEMA_FILE)  # noqa: PTH118, PTH120 - pathlib costs start-up
        if os.path.isfile(path):  # noqa: PTH113
            with open(path, encoding="utf-8") as file:  # noqa: PTH123
                _Built.schema = json.load(file)
        else:
            _Built.schema = json.loads(schema_path().read_text(encoding="utf-8"))
    return _Built.schema


def _not_known(instance: object) -> bool:
    return False


def _fast_is_valid() -> Callable[[object], bool]:
    """The compiled validity check: `True` only for what jsonschema accepts."""
    if _Built.is_valid is None:
        try:
            _Built.is_valid = compile_validity(_schema())
        except UnsupportedSchemaError:
            _Built.is_valid = _not_known
    return _Built.is_valid


def _validator() -> Draft202012Validator:
    # Built once, on first use: reading and checking the file costs more than a run.
    if _Built.validator is None:
        from jsonschema import Draft202012Validator

        schema = _schema()
        definitions = schema.get("$defs", {})
        _Built.validator = Draft202012Validator(_inline_refs(schema, definitions, ()))
    return _Built.validator


def _inline_refs(
    node: Any, definitions: Mapping[str, Any], seen: tuple[str, ...]
) -> Any:
    """The schema with each local `#/$defs/...` reference replaced by its target.

    Resolving a `$ref` on every check is a third of jsonschema's time on a valid
    template; the file keeps its `$defs` for editors. A reference back into a
    definition being expanded stays a `$ref`, so recursion cannot loop.
    """
    if isinstance(node, list):
        return [_inline_refs(item, definitions, seen) for item in node]
    if not isinstance(node, dict):
        return node
    ref = node.get("$ref")
    if len(node) == 1 and isinstance(ref, str) and ref.startswith(_DEFS):
        name = ref.removeprefix(_DEFS)
        if name in definitions and name not in seen:
            return _inline_refs(definitions[name], definitions, (*seen, name))
    return {key: _inline_refs(value, definitions, seen) for key, value in node.items()}


def schema_findings(template: Mapping[str, Any]) -> list[tuple[str, Finding]]:
    """Validate one template against the schema.

    Args:
        template: One template, with `Components` and `Example` already decoded
            from their JSON-string wire form by the caller. Any JSON-like value is
            accepted without raising.

    Returns:
        `(code, finding)` pairs, one per problem, ordered by pointer then code;
        `[]` when the template is valid.
    """
    # jsonschema only treats a real dict as a JSON object.
    instance: Any = template
    if isinstance(instance, Mapping) and not isinstance(instance, dict):
        instance = dict(instance)
    # The compiled check answers for a valid template in a few microseconds;
    # jsonschema is imported and run only to explain what is wrong.
    if _fast_is_valid()(instance):
        return []
    validator = _validator()
    return _collect(_explain(validator, validator.schema, instance, (), ()))


def _explain(
    validator: Draft202012Validator,
    schema: Any,
    instance: Any,
    path: tuple[str | int, ...],
    schema_path: tuple[str | int, ...],
) -> Iterator[ValidationError]:
    """The errors jsonschema reports for an invalid instance, found where they are.

    Members and items that the compiled check finds valid are not walked again:
    the node's own keywords are checked with their `properties` and `items`
    subschemas set to `true`, and jsonschema descends only into the members and
    items that are invalid. The errors are the same as validating the whole
    instance; a template with one bad value costs little more than a valid one.
    """
    if isinstance(schema, dict) and isinstance(instance, dict | list):
        shallow, below = _split(schema, instance)
    else:
        shallow, below = schema, []
    for error in _validator_for(validator, shallow).iter_errors(instance):
        error.path.extendleft(reversed(path))
        error.schema_path.extendleft(reversed(schema_path))
        yield error
    for token, keyword, subschema, value in below:
        yield from _explain(
            validator,
            subschema,
            value,
            (*path, token),
            (*schema_path, *keyword, *((token,) if keyword == ("properties",) else ())),
        )


def _split(schema: dict[str, Any], instance: Any) -> tuple[dict[str, Any], _Below]:
    """The node's schema without its member and item subschemas, and the invalid parts.

    Returns the shallow schema, and for each invalid member or item: its key or
    index, the keyword it is under, its subschema and its value.
    """
    is_object = isinstance(instance, dict)
    below: _Below = []
    properties = schema.get("properties")
    if is_object and isinstance(properties, dict):
        for key, value in instance.items():
            if key in properties and not _valid_under(properties[key], value):
                below.append((key, ("properties",), properties[key], value))
    items = schema.get("items")
    if not is_object and isinstance(items, dict | bool):
        for index, value in enumerate(instance):
            if not _valid_under(items, value):
                below.append((index, ("items",), items, value))
    return _shallow(schema, is_object=is_object), below


def _shallow(schema: dict[str, Any], *, is_object: bool) -> dict[str, Any]:
    """The schema with `true` for its member subschemas (an object) or items (a list)."""
    key = (id(schema), is_object)
    shallow = _Built.shallow.get(key)
    if shallow is None:
        shallow = dict(schema)
        properties = schema.get("properties")
        if is_object and isinstance(properties, dict):
            shallow["properties"] = dict.fromkeys(properties, True)
        if not is_object and isinstance(schema.get("items"), dict | bool):
            shallow["items"] = True
        # Keyed by identity: the subschemas live as long as the validator does.
        _Built.shallow[key] = shallow
    return shallow


def _validator_for(validator: Draft202012Validator, schema: Any) -> Validator:
    """The validator for one of the schema's (shallow) subschemas, made once."""
    made = _Built.validators.get(id(schema))
    if made is None:
        # Every schema asked for is the validator's or one `_shallow` keeps.
        made = _Built.validators[id(schema)] = validator.evolve(schema=schema)
    return made


def _valid_under(schema: Any, value: Any) -> bool:
    """Whether the compiled check finds the value valid under this subschema."""
    key = id(schema)
    check = _Built.subschema_checks.get(key)
    if check is None:
        try:
            check = compile_validity(schema)
        except UnsupportedSchemaError:
            check = _not_known
        # Keyed by identity: the subschemas live as long as the validator does.
        _Built.subschema_checks[key] = check
    return check(value)


def shorten(value: object, limit: int = SHORTEN_LIMIT) -> str:
    """Render a value for a one-line message, cut to `limit` characters.

    A string is shown as its text, anything else in JSON notation; control
    characters are escaped so the message stays on one line, and a cut value
    ends with an ellipsis.

    Args:
        value: The value to show, usually part of the user's input.
        limit: The most characters the result may have.

    Returns:
        The rendered value, at most `limit` characters long.
    """
    text = value if isinstance(value, str) else _json_text(value)
    if not text.isprintable():
        text = "".join(c if c.isprintable() else repr(c)[1:-1] for c in text)
    if len(text) > limit:
        return text[: max(limit - 1, 0)] + "…"
    return text


def _json_text(value: object) -> str:
    try:
        return json.dumps(value, ensure_ascii=False, default=repr)
    except (TypeError, ValueError, RecursionError):
        # A circular or exotic value still deserves a message, not a crash.
        return type(value).__name__


def _quote(value: object) -> str:
    return f"'{shorten(value)}'" if isinstance(value, str) else shorten(value)


def _collect(errors: Iterable[ValidationError]) -> list[tuple[str, Finding]]:
    """Turn validation errors into sorted findings, each problem once."""
    # A type error explains its value best, and a deeper schema location (the
    # `then` of an if/then) is more precise than the general rule it narrows.
    leaves = sorted(
        _leaves(errors),
        key=lambda e: (e.validator != "type", -len(e.absolute_schema_path)),
    )
    kept: dict[tuple[str, str, str], tuple[_SortKey, str, Finding]] = {}
    valued: set[str] = set()
    for error in leaves:
        for path, code, finding in _findings(error):
            if code not in _MEMBER_CODES:
                if finding.pointer in valued:
                    continue
                valued.add(finding.pointer)
            key = (finding.pointer, code, finding.message)
            kept.setdefault(key, (_sort_key(path, code, finding), code, finding))
    return [(code, finding) for _, code, finding in sorted(kept.values())]


def _leaves(errors: Iterable[ValidationError]) -> Iterator[ValidationError]:
    """The errors themselves, or for a combinator its most relevant inner error."""
    for error in errors:
        if not error.context:
            yield error
            continue
        # The schema avoids anyOf/oneOf; should one appear, report the error that
        # explains it rather than "is not valid under any of the given schemas".
        # A branch whose type the value has is the one the author meant, so its
        # error beats "must be <another type>"; then the deepest error wins.
        best = min(
            error.context,
            key=lambda e: (e.validator == "type", -len(e.absolute_path)),
        )
        yield from _leaves([best])


def _sort_key(path: _Path, code: str, finding: Finding) -> _SortKey:
    # Item indexes sort as numbers, so /Components/10 comes after /Components/2.
    tokens = tuple((0, t, "") if isinstance(t, int) else (1, 0, str(t)) for t in path)
    return tokens, code, finding.message


def _findings(error: ValidationError) -> Iterator[tuple[_Path, str, Finding]]:
    """The findings one leaf error stands for, with their paths."""
    path = list(error.absolute_path)
    pointer = from_parts(path)
    keyword = error.validator if isinstance(error.validator, str) else ""
    code = _KEYWORD_CODES.get(keyword, "SC006")
    if code == "SC001":
        for name in _missing(error):
            yield (
                path,
                code,
                Finding(pointer, f"Missing required member {_quote(name)}."),
            )
    elif code == "SC002":
        for key, message in _unknown(error):
            yield [*path, key], code, Finding(join(pointer, key), message, at_key=True)
    else:
        yield path, code, Finding(pointer, _value_message(code, path, error))


def _missing(error: ValidationError) -> list[Any]:
    required = error.validator_value
    instance = error.instance
    if not isinstance(required, list) or not isinstance(instance, dict):
        return []
    return [name for name in required if name not in instance]


def _unknown(error: ValidationError) -> Iterator[tuple[str | int, str]]:
    instance = error.instance
    schema = error.schema
    if not isinstance(instance, dict) or not isinstance(schema, Mapping):
        return
    known = [str(name) for name in schema.get("properties", {})]
    for key in instance:
        if key not in known:
            hint = _suggestion(str(key), known)
            message = (
                f"Unknown member {_quote(str(key))} (ignored by the API or a typo)"
            )
            yield key, f"{message}; did you mean '{hint}'?" if hint else f"{message}."


def _suggestion(key: str, known: list[str]) -> str | None:
    """The defined member a misspelt or miscased name most likely meant."""
    import difflib

    folded = {name.casefold(): name for name in known}
    if key.casefold() in folded:
        return folded[key.casefold()]
    close = difflib.get_close_matches(key, known, n=1, cutoff=0.8)
    return close[0] if close else None


def _value_message(code: str, path: _Path, error: ValidationError) -> str:
    subject = _subject(path)
    expected = error.validator_value
    instance = error.instance
    if code == "SC003":
        kinds = expected if isinstance(expected, list) else [expected]
        wanted = " or ".join(_TYPE_NAMES.get(str(k), str(k)) for k in kinds)
        return f"{subject} must be {wanted}, not {_json_type(instance)}."
    if code == "SC004":
        if error.validator == "const":
            return f"{subject} must be {_quote(expected)}; got {_quote(instance)}."
        values = expected if isinstance(expected, list) else []
        allowed = ", ".join(shorten(v) for v in values)
        message = f"{subject} must be one of {allowed}; got {_quote(instance)}"
        meant = case_match(instance, values)
        if meant is not None:
            return f"{message}; did you mean {shorten(meant)}?"
        return message + "."
    if code == "SC005":
        if expected == 1:
            return f"{subject} must not be empty."
        size = len(instance) if isinstance(instance, list) else 0
        return f"{subject} must hold at least {expected} items, not {size}."
    detail = shorten(error.message)
    return f"{subject} breaks the schema's '{error.validator}' rule: {detail}."


def case_match(value: object, allowed: Iterable[object]) -> str | None:
    """The one allowed value that `value` spells in another case, if there is one.

    `marketing` means MARKETING: the lists are closed and no two of their values
    differ only in case, so the correction is certain (and `--fix` applies it).
    """
    options = list(allowed)
    if not isinstance(value, str) or value in options:
        return None
    folded = value.casefold()
    found = [o for o in options if isinstance(o, str) and o.casefold() == folded]
    return found[0] if len(found) == 1 else None


def case_corrections(template: Mapping[str, Any]) -> list[tuple[list[str | int], str]]:
    """(path, allowed value) of each value of a closed list written in another case.

    Args:
        template: One template as a file holds it (a JSON string in the wire
            form is left alone: its content is not edited).

    Returns:
        The corrections, in the order jsonschema finds them; `[]` for a template
        the fast check accepts.
    """
    instance: Any = template
    if isinstance(instance, Mapping) and not isinstance(instance, dict):
        instance = dict(instance)
    if _fast_is_valid()(instance):
        return []
    found: list[tuple[list[str | int], str]] = []
    pending = list(_validator().iter_errors(instance))
    while pending:
        error = pending.pop(0)
        pending += error.context or []
        if error.validator != "enum" or not isinstance(error.validator_value, list):
            continue
        meant = case_match(error.instance, error.validator_value)
        path = list(error.absolute_path)
        if meant is not None and (path, meant) not in found:
            found.append((path, meant))
    return found


def _subject(path: _Path) -> str:
    """How a message names the value at `path`, in the API's member names."""
    if not path:
        return "The template"
    last = path[-1]
    if isinstance(last, int):
        owner = path[-2] if len(path) > 1 else None
        return (
            f"Item {last} of {_quote(owner)}"
            if isinstance(owner, str)
            else f"Item {last}"
        )
    if len(path) == 2 and path[0] == "Example":  # noqa: PLR2004 - a top-level member's entry
        return f"The 'Example' value for {_quote(last)}"
    return _quote(last)


def _json_type(value: object) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "integer"
    if isinstance(value, float):
        return "number"
    if isinstance(value, str):
        return "string"
    if isinstance(value, list):
        return "list"
    return "object" if isinstance(value, dict) else type(value).__name__
