"""Which rules run, and at what severity: select, ignore and per-rule overrides."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, TypeAlias

import attrs

from chatapp_lint.model import Channel, Severity

if TYPE_CHECKING:
    from chatapp_lint.config import Config
    from chatapp_lint.rules._base import Rule, Scope


# The rules to call on one object of a scope, by the object's `Type`: a type
# the table does not name (or none at all) gets the rules that take every type.
Dispatch: TypeAlias = tuple[
    "Scope", tuple["Rule", ...], Mapping[str | None, tuple["Rule", ...]]
]


@attrs.frozen
class Selection:
    """The enabled rules and their severities, with a dispatch table built on demand.

    Opt-in rules run only when `select` or `extend_select` names them explicitly;
    everything else runs unless ignored. Like flake8's decision engine, the more
    specific of a select and an ignore pattern wins, and on a tie the ignore.
    """

    rules: tuple[Rule, ...]
    severities: Mapping[str, Severity] = attrs.field(factory=dict)
    _codes: frozenset[str] = attrs.field(init=False, eq=False, repr=False)
    _dispatch: dict[tuple[Channel | None, str | None], list[Dispatch]] = attrs.field(
        factory=dict, init=False, eq=False, repr=False
    )

    @_codes.default
    def _enabled_codes(self) -> frozenset[str]:
        return frozenset(rule.code for rule in self.rules)

    @classmethod
    def build(
        cls,
        registry: Iterable[Rule],
        *,
        select: Iterable[str] | None = None,
        extend_select: Iterable[str] = (),
        ignore: Iterable[str] = (),
        severities: Mapping[str, Severity] | None = None,
    ) -> Selection:
        """Resolve patterns against the registry into the enabled rules."""
        chosen = [*(select if select is not None else ()), *extend_select]
        dropped = list(ignore)
        enabled = tuple(
            rule
            for rule in registry
            if _enabled(rule, chosen, dropped, default=select is None)
        )
        return cls(enabled, dict(severities or {}))

    @classmethod
    def from_config(
        cls,
        registry: Iterable[Rule],
        config: Config,
        *,
        select: Iterable[str] | None = None,
        extend_select: Iterable[str] = (),
        ignore: Iterable[str] = (),
    ) -> Selection:
        """The file's selection, with command-line options layered over it.

        A `--select` replaces the file's `select`; `--extend-select` and
        `--ignore` add to the file's lists.
        """
        return cls.build(
            registry,
            select=list(select) if select is not None else config.select,
            extend_select=[*config.extend_select, *extend_select],
            ignore=[*config.ignore, *ignore],
            severities=config.severity,
        )

    def severity(self, rule: Rule) -> Severity:
        """The rule's severity after configured overrides."""
        return self.severities.get(rule.code, rule.severity)

    def enabled(self, code: str) -> bool:
        """Whether the rule with this code runs."""
        return code in self._codes

    def dispatch(self, channel: Channel | None, category: str | None) -> list[Dispatch]:
        """The rules to call per scope and per object type, for this channel and category.

        Each entry is (scope, rules for any object, rules by object `Type`): a rule
        with `types` is called only on objects of those types. The rules keep the
        registry's order.
        """
        key = (channel, category)
        table = self._dispatch.get(key)
        if table is None:
            table = self._dispatch[key] = _table(self.rules, channel, category)
        return table


def _table(
    enabled: tuple[Rule, ...], channel: Channel | None, category: str | None
) -> list[Dispatch]:
    from chatapp_lint.rules._base import Scope

    table: list[Dispatch] = []
    for scope in Scope:
        if scope is Scope.ENGINE:
            continue
        rules = [
            rule
            for rule in enabled
            if scope in rule.scopes and rule.applies_to(channel, category)
        ]
        if not rules:
            continue
        kinds = {kind for rule in rules for kind in rule.types or ()}
        by_type: dict[str | None, tuple[Rule, ...]] = {
            kind: tuple(r for r in rules if r.types is None or kind in r.types)
            for kind in sorted(kinds)
        }
        table.append((scope, tuple(r for r in rules if r.types is None), by_type))
    return table


def _specificity(rule: Rule, patterns: Iterable[str]) -> int:
    """How closely the best pattern names the rule: -1 not at all, 0 for `ALL`.

    A pattern is a code, a code prefix (`BT` names every button rule) or a slug.
    """
    best = -1
    for pattern in patterns:
        if pattern in {rule.code, rule.slug}:
            return len(rule.code) + 1
        if pattern == "ALL":
            best = max(best, 0)
        elif rule.code.startswith(pattern.upper()):
            best = max(best, len(pattern))
    return best


def _enabled(
    rule: Rule, chosen: list[str], dropped: list[str], *, default: bool
) -> bool:
    picked = _specificity(rule, chosen)
    if rule.opt_in:
        # An opt-in rule needs its own code or slug; a prefix or ALL is not enough.
        picked = picked if picked > len(rule.code) else -1
    elif default:
        picked = max(picked, 0)
    return picked >= 0 and _specificity(rule, dropped) < picked
