"""The automatic fixes: small edits that remove a violation without changing meaning.

Each fix is a function that edits one template in place and returns what it
changed. It works on plain dicts and lists (a JSON file) as well as on
ruamel.yaml's round-trip `CommentedMap` and `CommentedSeq` (a YAML file): keys
keep their position, a replaced string keeps its quoting style, and the comment
lines that follow a removed key move to the key before it. Every fix is
idempotent: run again on its own output, it finds nothing to do.

`FIXES` says which violation code each fix removes. `allowed(code, pointer)`
limits a fix to the places where that violation is really reported, so that a
rule that is not selected, or a violation silenced by a configuration file or a
`# chatapp-lint: disable` comment, is never "fixed". Values that are wrong in
some other way (a `CustWabaId` that is a number, a blank `PackageName`) are
left alone: moving them would only move the problem.

`Components` or `Example` given in the API's wire form, as a JSON string, are
never edited: the string is the user's to write.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, MutableMapping
from typing import Any, Final

import attrs

from chatapp_lint.pointer import join
from chatapp_lint.rules.naming import _hyphen_fix

Allowed = Callable[[str, str], bool]
"""Whether the violation `code` at `pointer` (inside the template) may be fixed."""

Fix = Callable[[MutableMapping[str, Any], Allowed], list["Change"]]
"""A fix: edits one template in place and returns what it changed."""

LEGACY_CATEGORIES: Final[Mapping[str, str]] = {
    "TRANSACTIONAL": "UTILITY",
    "OTP": "AUTHENTICATION",
}
"""WhatsApp's renamed categories, the only legacy ones with a certain replacement.

Meta renamed TRANSACTIONAL to UTILITY and OTP to AUTHENTICATION. The older
sub-categories (ACCOUNT_UPDATE, PAYMENT_UPDATE, SHIPPING_UPDATE and the like)
are not here: when Meta retired them in 2023 it re-categorized each template by
its content, and some became MARKETING, so no single value is certain.
"""

_MISSING: Final = object()

APP_FIELDS: Final = {"PackageName": "DP004", "SignatureHash": "DP003"}
"""A button's deprecated app fields, in `SupportedApps` entry order, and their codes."""

AUTOFILL_TYPES: Final = frozenset({"ONE_TAP", "ZERO_TAP"})
"""The only buttons whose app fields mean something, and so can be moved."""


@attrs.frozen
class Change:
    """One fix applied: the violation it removed, where, and what was done.

    `pointer` is where the violation was reported, inside template `template`
    of the file (0 unless the file holds a list of templates).
    """

    code: str
    pointer: str
    description: str
    template: int = 0


def anywhere(code: str, pointer: str) -> bool:
    """Allow every fix everywhere (for templates built in code)."""
    return True


def rename_cust_waba_id(
    template: MutableMapping[str, Any], allowed: Allowed = anywhere
) -> list[Change]:
    """DP001: rename `CustWabaId` to `CustSpaceId`, keeping its place among the keys.

    When `CustSpaceId` is already there with the same value, the duplicate
    `CustWabaId` is removed; with a different value, nothing is done, since
    either choice would change the request.
    """
    pointer = join("", "CustWabaId")
    value = template.get("CustWabaId")
    if not isinstance(value, str) or not allowed("DP001", pointer):
        return []
    if "CustSpaceId" not in template:
        _rename_key(template, "CustWabaId", "CustSpaceId")
        return [Change("DP001", pointer, "renamed 'CustWabaId' to 'CustSpaceId'")]
    if _same_text(template["CustSpaceId"], value):
        _drop_key(template, "CustWabaId")
        return [
            Change(
                "DP001", pointer, "removed 'CustWabaId', which repeats 'CustSpaceId'"
            )
        ]
    return []


def move_app_fields(
    template: MutableMapping[str, Any], allowed: Allowed = anywhere
) -> list[Change]:
    """DP003, DP004: move a button's `SignatureHash` and `PackageName` into `SupportedApps`.

    Only ONE_TAP and ZERO_TAP buttons are edited. Without `SupportedApps` (or
    with an empty list), an entry is created when the button has both fields,
    since an entry with one would be incomplete. With entries, a field that one
    of them already holds is removed from the button; otherwise it fills the one
    entry that lacks it. A value that differs from the entry's is left alone.
    """
    changes: list[Change] = []
    for pointer, button in _buttons(template):
        moved = {
            key: value
            for key, code in APP_FIELDS.items()
            if _movable(value := button.get(key)) and allowed(code, join(pointer, key))
        }
        if moved and button.get("Type") in AUTOFILL_TYPES:
            done = _move_into_apps(button, moved)
            changes += [
                Change(APP_FIELDS[key], join(pointer, key), how)
                for key, how in done.items()
            ]
    return changes


def underscore_language(
    template: MutableMapping[str, Any], allowed: Allowed = anywhere
) -> list[Change]:
    """LG001: write `en-US` (or `en-us`) as `en_US`, when that is a code Meta knows."""
    pointer = join("", "Language")
    language = template.get("Language")
    fixed = _hyphen_fix(language) if isinstance(language, str) else None
    if fixed is None or not allowed("LG001", pointer):
        return []
    _replace_value(template, "Language", fixed)
    return [Change("LG001", pointer, f"wrote {language!r} as {fixed!r}")]


def current_category(
    template: MutableMapping[str, Any], allowed: Allowed = anywhere
) -> list[Change]:
    """SC004: replace a renamed WhatsApp category with its current name."""
    pointer = join("", "Category")
    category = template.get("Category")
    if template.get("TemplateType") != "WHATSAPP" or not isinstance(category, str):
        return []
    current = LEGACY_CATEGORIES.get(category)
    if current is None or not allowed("SC004", pointer):
        return []
    _replace_value(template, "Category", current)
    return [
        Change(
            "SC004",
            pointer,
            f"replaced the legacy category {category!r} with {current!r}",
        )
    ]


def value_case(
    template: MutableMapping[str, Any], allowed: Allowed = anywhere
) -> list[Change]:
    """SC004: write a value of a closed list in its one right case (`marketing`).

    The API's lists (`TemplateType`, `Category`, component `Type` and `Format`,
    button `Type`, `UrlType`...) have no two values that differ only in case, so
    the value meant is certain. Only values the schema reports are touched, and
    only inside the file's own objects: a wire-form JSON string is left alone.
    """
    from chatapp_lint.schema import case_corrections

    changes: list[Change] = []
    for path, meant in case_corrections(template):
        pointer = join("", *path)
        owner = _at(template, path[:-1])
        key = path[-1]
        if not isinstance(owner, MutableMapping) or not isinstance(key, str):
            continue
        old = owner.get(key)
        if not isinstance(old, str) or not allowed("SC004", pointer):
            continue
        _replace_value(owner, key, meant)
        changes.append(Change("SC004", pointer, f"wrote '{old}' as '{meant}'"))
    return changes


def allowed_value(
    template: MutableMapping[str, Any], allowed: Allowed = anywhere
) -> list[Change]:
    """SC004: a renamed category, then values in the wrong case."""
    return current_category(template, allowed) + value_case(template, allowed)


FIXES: Final[Mapping[str, Fix]] = {
    "DP001": rename_cust_waba_id,
    "DP003": move_app_fields,
    "DP004": move_app_fields,
    "LG001": underscore_language,
    "SC004": allowed_value,
}
"""The fix for each violation code that has one (one fix may serve two codes)."""


def apply_fixes(
    template: MutableMapping[str, Any],
    enabled: Callable[[str], bool],
    allowed: Allowed = anywhere,
) -> list[Change]:
    """Run every fix whose code is enabled (as `Selection.enabled` says), once each.

    Args:
        template: the template to edit in place.
        enabled: whether a violation code is selected.
        allowed: where each violation may be fixed; everywhere by default.

    Returns:
        What was changed, in the order the fixes ran.
    """

    def wanted(code: str, pointer: str) -> bool:
        return enabled(code) and allowed(code, pointer)

    changes: list[Change] = []
    for fix in dict.fromkeys(FIXES.values()):  # each function once, in order
        changes += fix(template, wanted)
    return changes


def _buttons(template: Mapping[str, Any]) -> Iterator[tuple[str, Any]]:
    """(pointer, button) of each button of the top-level components, as DP003 walks them."""
    components = template.get("Components")
    if not isinstance(components, list):
        return  # absent, or a JSON string in the wire form: not ours to edit
    for index, component in enumerate(components):
        buttons = component.get("Buttons") if isinstance(component, dict) else None
        for number, button in enumerate(buttons if isinstance(buttons, list) else []):
            if isinstance(button, dict):
                yield join("", "Components", index, "Buttons", number), button


def _at(root: Any, path: list[str | int]) -> Any:
    """The value at `path` below `root`, or None where the path leads nowhere."""
    node = root
    for token in path:
        if isinstance(node, Mapping) and isinstance(token, str):
            node = node.get(token)
        elif isinstance(node, list) and isinstance(token, int) and token < len(node):
            node = node[token]
        else:
            return None
    return node


def _movable(value: object) -> bool:
    return isinstance(value, str) and bool(value.strip())


def _move_into_apps(
    button: MutableMapping[str, Any], moved: dict[str, str]
) -> dict[str, str]:
    """Move the fields into `SupportedApps`; what was done with each field moved."""
    apps = button.get("SupportedApps", _MISSING)
    if apps is _MISSING or apps == []:
        if len(moved) < len(APP_FIELDS):
            return {}  # an entry with one of the two fields would be incomplete
        mapping_type, list_type = _containers(button)
        entry = mapping_type()
        for key in APP_FIELDS:
            entry[key] = moved[key]
        if isinstance(apps, list):
            apps.append(entry)  # the user's (empty) list keeps its style
        else:
            # Where the first field was, so the entry reads where the fields did.
            first = min(list(button).index(key) for key in moved)
            _insert_key(button, first, "SupportedApps", list_type([entry]))
        how = "moved {!r} into a new 'SupportedApps' entry"
        return _dropped(button, moved, how, entry)
    if not isinstance(apps, list) or not all(isinstance(a, dict) for a in apps):
        return {}
    target = _target_entry(apps, moved)
    if target is None:
        return {}
    filled = {key: value for key, value in moved.items() if key not in target}
    for key, value in filled.items():
        target[key] = value
    done = _dropped(button, filled, "moved {!r} into its 'SupportedApps' entry", target)
    kept = {key: value for key, value in moved.items() if key not in filled}
    held = "removed {!r}, which 'SupportedApps' holds"
    return done | _dropped(button, kept, held, None)


def _target_entry(
    apps: list[MutableMapping[str, Any]], moved: dict[str, str]
) -> MutableMapping[str, Any] | None:
    """The entry the fields belong in: one that holds them, else the one lacking them."""
    for entry in apps:
        if all(_same_text(entry.get(key), value) for key, value in moved.items()):
            return entry
    lacking = [entry for entry in apps if any(key not in entry for key in moved)]
    if len(lacking) != 1:
        return None  # none, or several to choose from: not certain
    entry = lacking[0]
    if any(key in entry and not _same_text(entry[key], v) for key, v in moved.items()):
        return None  # the entry says otherwise: leave both for the user
    return entry


def _dropped(
    button: MutableMapping[str, Any],
    fields: Mapping[str, str],
    how: str,
    target: MutableMapping[str, Any] | None,
) -> dict[str, str]:
    """Remove the fields from the button; a comment on a field's line goes to `target`."""
    for key in fields:
        comment = _drop_key(button, key)
        if comment is not None and target is not None:
            _add_eol_comment(target, key, comment)
    return {key: how.format(key) for key in fields}


def _same_text(left: object, right: object) -> bool:
    # ruamel's quoted strings are str subclasses; their text is what matters.
    return isinstance(left, str) and isinstance(right, str) and str(left) == str(right)


def _replace_value(mapping: MutableMapping[str, Any], key: str, new: str) -> None:
    """Replace a string in the quoting style of the old one (ruamel marks it by class)."""
    old = mapping[key]
    kind = type(old)
    mapping[key] = new if kind is str else kind(new)
    _shift_eol_comment(mapping, key, len(new) - len(old))


def _containers(
    like: MutableMapping[str, Any],
) -> tuple[type[MutableMapping[str, Any]], type[list[Any]]]:
    """The mapping and list classes for new values next to `like`.

    CommentedMap and CommentedSeq in a YAML template, so that they dump in the
    file's block style and can carry comments; dict and list otherwise.
    """
    if not type(like).__module__.startswith("ruamel."):
        return dict, list
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    return CommentedMap, CommentedSeq


def _insert_key(
    mapping: MutableMapping[str, Any], position: int, key: str, value: object
) -> None:
    """Insert a key at a position: later keys are taken out and put back after it."""
    later = list(mapping)[position:]
    saved = [(name, mapping.pop(name)) for name in later]
    mapping[key] = value
    for name, item in saved:
        mapping[name] = item


def _rename_key(mapping: MutableMapping[str, Any], old: str, new: str) -> None:
    """Rename a key in place; its comments (ruamel keeps them by key) go with it."""
    position = list(mapping).index(old)
    value = mapping.pop(old)
    _insert_key(mapping, position, new, value)
    comments = _comments(mapping)
    if comments is not None and old in comments:
        comments[new] = comments.pop(old)
        _shift_eol_comment(mapping, new, len(new) - len(old))


def _drop_key(mapping: MutableMapping[str, Any], key: str) -> str | None:
    """Remove a key, keeping the comment lines that followed its line.

    ruamel attaches the comment lines after a value to that value's key; they
    usually introduce the next key, so they move to the key before (or, for the
    first key, after) instead of going with the removed line.

    Returns:
        The comment at the end of the removed line, for the caller to move with
        the value; None if there was none.
    """
    keys = list(mapping)
    position = keys.index(key)
    del mapping[key]
    comments = _comments(mapping)
    slot = comments.pop(key, None) if comments is not None else None
    token = slot[2] if slot is not None and len(slot) > 2 else None  # noqa: PLR2004
    if token is None:
        return None
    own, _, following = token.value.partition("\n")
    others = keys[:position] or keys[position + 1 : position + 2]
    if following and others:  # else the mapping is empty, and nothing can hold them
        _append_comment(mapping, others[-1], token, following)
    return own.strip() or None


def _add_eol_comment(mapping: MutableMapping[str, Any], key: str, text: str) -> None:
    """Put a comment at the end of the line of `key`, unless one is there already."""
    comments = _comments(mapping)
    if comments is None:
        return
    slot = comments.setdefault(key, [None, None, None, None])
    token = slot[2]
    if token is None:
        from ruamel.yaml.error import CommentMark
        from ruamel.yaml.tokens import CommentToken

        slot[2] = CommentToken(text + "\n", CommentMark(0))
    elif token.value.startswith("\n"):  # only lines after it so far
        token.value = text + token.value


def _shift_eol_comment(mapping: MutableMapping[str, Any], key: str, by: int) -> None:
    """Keep the gap before the comment on the line of `key` when its line grows.

    When the line shrinks, the comment keeps its column instead: comments are
    often aligned with those of the lines around.
    """
    comments = _comments(mapping)
    slot = comments.get(key) if comments is not None else None
    token = slot[2] if slot is not None and len(slot) > 2 else None  # noqa: PLR2004
    if token is None or token.value.startswith("\n") or by <= 0:
        return
    from ruamel.yaml.error import CommentMark

    token.start_mark = CommentMark(token.start_mark.column + by)


def _append_comment(container: Any, key: str | int, token: Any, lines: str) -> None:
    """Put comment lines after the value at `key`, descending into block collections.

    Comment lines after a block collection belong to its last scalar, so that
    is where they go; other values hold them themselves.
    """
    value = container[key]
    if isinstance(value, dict | list) and value and not _flow(value):
        last = list(value)[-1] if isinstance(value, dict) else len(value) - 1
        _append_comment(value, last, token, lines)
        return
    comments = _comments(container)
    if comments is None:
        return
    index = 0 if isinstance(container, list) else 2  # a sequence item's eol slot
    slot = comments.setdefault(key, [None, None, None, None])
    existing = slot[index]
    if existing is not None:
        existing.value = existing.value + lines
    else:
        token.value = "\n" + lines  # no comment on the line itself, then the lines
        slot[index] = token


def _comments(container: object) -> dict[Any, Any] | None:
    """The comment slots ruamel keeps for a container, by key or index; None for JSON."""
    if type(container) in (dict, list):
        return None
    attached = getattr(container, "ca", None)
    items = getattr(attached, "items", None)
    return items if isinstance(items, dict) else None


def _flow(value: object) -> bool:
    style = getattr(value, "fa", None)
    return bool(style is not None and style.flow_style())


__all__ = [
    "APP_FIELDS",
    "FIXES",
    "LEGACY_CATEGORIES",
    "Allowed",
    "Change",
    "Fix",
    "allowed_value",
    "anywhere",
    "apply_fixes",
    "current_category",
    "move_app_fields",
    "rename_cust_waba_id",
    "underscore_language",
    "value_case",
]
