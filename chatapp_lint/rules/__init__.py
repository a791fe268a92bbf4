"""The registry: every rule and reserved code, looked up by code or slug."""

from __future__ import annotations

import functools
from typing import Final

from chatapp_lint.rules import (
    across,
    authentication,
    button_fields,
    buttons,
    carousel,
    characters,
    components,
    deprecated,
    engine_codes,
    headers,
    lengths,
    message_params,
    naming,
    offers,
    structure,
    ttl,
    variables,
    viber,
)
from chatapp_lint.rules._base import Rule
from chatapp_lint.selection import Selection

ALL_RULES: Final[tuple[Rule, ...]] = (
    *engine_codes.FILE_CODES,
    *structure.SCHEMA_CODES,
    engine_codes.INVALID_JSON_STRING,
    engine_codes.INTERNAL_ERROR,
    *structure.RULES,
    *components.RULES,
    *lengths.RULES,
    *headers.RULES,
    *buttons.RULES,
    *button_fields.RULES,
    *authentication.RULES,
    *ttl.RULES,
    *viber.RULES,
    *carousel.RULES,
    *offers.RULES,
    *naming.RULES,
    *variables.RULES,
    *deprecated.RULES,
    *across.RULES,
    *characters.RULES,
    *message_params.CODES,
)

_BY_CODE: Final = {rule.code: rule for rule in ALL_RULES}
_BY_SLUG: Final = {rule.slug: rule for rule in ALL_RULES}


def by_code(code: str) -> Rule:
    """The rule with this code; `KeyError` if there is none."""
    return _BY_CODE[code]


def find(name: str) -> Rule | None:
    """The rule named by a code (any case) or a slug, if there is one."""
    return _BY_CODE.get(name.upper()) or _BY_SLUG.get(name)


@functools.cache
def default_selection() -> Selection:
    """Every rule except the opt-in ones, at its own severity."""
    return Selection.build(ALL_RULES)
