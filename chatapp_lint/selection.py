"""Which rules run, and at what severity: select, ignore and per-rule overrides."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

import attrs

from chatapp_lint.model import NEVER_HIDDEN, Channel, Severity

if TYPE_CHECKING:
    from chatapp_lint.config import Config
    from chatapp_lint.rules._base import Rule, Scope


# How many (type, members) combinations a dispatch table remembers per scope:
# a hostile template cannot grow it without bound.
_REMEMBERED = 1024
_NO_MEMBERS: frozenset[str] = frozenset()


class Dispatch:
    """The rules of one scope, for one channel and category, by what an object holds.

    A rule with `types` is called only on objects of those types, and one with
    `members` only on objects that have one of them; the lists are worked out
    once per combination and kept in the registry's order.
    """

    __slots__ = ("_members", "_plain", "_remembered", "_rules", "scope")

    def __init__(self, scope: Scope, rules: tuple[Rule, ...]) -> None:
        self.scope = scope
        self._rules = rules
        self._members = frozenset(key for rule in rules for key in rule.members or ())
        kinds = {kind for rule in rules for kind in rule.types or ()}
        # The rules for an object of each type that holds none of the members.
        self._plain = {
            kind: self._select(kind, _NO_MEMBERS) for kind in (None, *sorted(kinds))
        }
        self._remembered: dict[tuple[str | None, frozenset[str]], tuple[Rule, ...]] = {}

    def rules(self, kind: str | None, value: Mapping[str, Any]) -> tuple[Rule, ...]:
        """The rules to call on an object of this `Type` with these members."""
        plain = self._plain
        if kind not in plain:
            kind = None  # a type no rule names: only the rules for every type
        if self._members.isdisjoint(value):
            return plain[kind]
        key = (kind, frozenset(self._members.intersection(value)))
        found = self._remembered.get(key)
        if found is None:
            found = self._select(*key)
            if len(self._remembered) < _REMEMBERED:
                self._remembered[key] = found
        return found

    def _select(self, kind: str | None, held: frozenset[str]) -> tuple[Rule, ...]:
        return tuple(
            rule
            for rule in self._rules
            if (rule.types is None or kind in rule.types)
            and (rule.members is None or not rule.members.isdisjoint(held))
        )


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
    _dispatch: dict[tuple[Channel | None, str | None, bool], list[Dispatch]] = (
        attrs.field(factory=dict, init=False, eq=False, repr=False)
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
        """The rule's severity after overrides; a problem with the file stays an error."""
        if rule.code.startswith(NEVER_HIDDEN):
            return rule.severity
        return self.severities.get(rule.code, rule.severity)

    def enabled(self, code: str) -> bool:
        """Whether the rule with this code runs."""
        return code in self._codes

    def dispatch(
        self, channel: Channel | None, category: str | None, cards: bool = True
    ) -> list[Dispatch]:
        """The rules to call, per scope, on a template of this channel and category.

        Without `cards`, on a template with no carousel card, the `cards_only`
        rules are left out: they could find nothing there.
        """
        key = (channel, category, cards)
        table = self._dispatch.get(key)
        if table is None:
            from chatapp_lint.rules._base import Scope

            table = []
            for scope in Scope:
                if scope is Scope.ENGINE:
                    continue
                rules = tuple(
                    rule
                    for rule in self.rules
                    if scope in rule.scopes
                    and rule.applies_to(channel, category)
                    and (cards or not rule.cards_only)
                )
                if rules:
                    table.append(Dispatch(scope, rules))
            self._dispatch[key] = table
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
