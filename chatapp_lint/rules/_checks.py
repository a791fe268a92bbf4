"""Small checks that many rules share: lengths, counts and member placement.

Each returns its findings as a list (empty, or of one), for a rule to
`yield from`: most objects pass, and an empty list costs less than a generator.
"""

from __future__ import annotations

from collections.abc import Sequence

from chatapp_lint.model import Finding
from chatapp_lint.rules._base import Node


def too_long(node: Node, key: str, limit: int, what: str) -> list[Finding]:
    """A finding when the string member `key` has more than `limit` characters.

    Characters are Unicode code points, which is how the API and Meta count them
    for the scripts templates use; an emoji made of several code points counts as
    several, so the count errs on the side of caution.
    """
    text = node.text(key)
    if text is None or len(text) <= limit:
        return []
    return [
        Finding(
            node.at(key),
            f"{what} is {len(text):,} characters long; at most {limit:,} are allowed.",
        )
    ]


def beyond(items: Sequence[Node], limit: int, what: str) -> list[Finding]:
    """A finding at the first item past `limit`, naming how many there are."""
    if len(items) <= limit:
        return []
    return [
        Finding(
            items[limit].pointer,
            f"{len(items)} {what}; at most {limit} are allowed.",
        )
    ]


def misplaced(node: Node, key: str, where: str) -> list[Finding]:
    """A finding when `key` is present (and not null) on a node where it has no effect."""
    if node.value.get(key) is None:
        return []
    return [Finding(node.at(key), f"'{key}' is only valid {where}.", at_key=True)]


def whole_number(value: object) -> int | None:
    """The value as an integer when it is one: `900` or `900.0`, but not `True`.

    JSON Schema counts `900.0` as an integer, and so does the API, so range rules
    check it as one; anything else is the schema's to report.
    """
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return None


def required(node: Node, key: str, message: str) -> list[Finding]:
    """A finding when the member `key` is missing (at the object) or a blank string.

    A member of another type (null, a number) is left to the schema's SC003.
    """
    if key not in node.value:
        return [Finding(node.pointer, message)]
    value = node.value[key]
    if isinstance(value, str) and not value.strip():
        return [Finding(node.at(key), message)]
    return []
