"""What a rule is, the `@rule` decorator, and the tolerant read-only view rules look through."""

from __future__ import annotations

import enum
from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import Any, Final

import attrs

from chatapp_lint.model import Channel, Finding, Severity
from chatapp_lint.pointer import join
from chatapp_lint.rules._evidence import Evidence

_CHANNEL_OF: Final = {channel.value: channel for channel in Channel}
# The categories each channel accepts (for Viber, also the nine content types of
# GetChatappTemplateDetail's page).
CATEGORIES: Final = {
    Channel.WHATSAPP: frozenset({"UTILITY", "MARKETING", "AUTHENTICATION"}),
    Channel.VIBER: frozenset(
        "UTILITY MARKETING AUTHENTICATION text image text_image_button text_button "
        "document video text_video text_video_button text_image".split()
    ),
}
WHATSAPP: Final = frozenset({Channel.WHATSAPP})
VIBER: Final = frozenset({Channel.VIBER})
BOTH: Final = frozenset(Channel)


class Scope(enum.StrEnum):
    """Which objects of a template a rule is called for; the engine walks each once.

    `ENGINE` codes are not dispatched: the loader, the schema or the engine itself
    reports them, and they are registered for their documentation and selection.
    """

    ENGINE = "engine"
    TEMPLATE = "template"
    COMPONENT = "component"
    BUTTON = "button"
    CARD_COMPONENT = "card-component"
    CARD_BUTTON = "card-button"


class Node:
    """One object of the template (the root, a component, a button...) and its pointer.

    An object found in a list member of its parent may leave its pointer to be
    built from the parent's on first use: most objects never need one, since only
    findings name them.
    """

    __slots__ = ("_index", "_key", "_pointer", "parent", "type", "value")

    def __init__(
        self,
        pointer: str | None,
        value: Mapping[str, Any],
        parent: Node | None = None,
        key: str = "",
        index: int = 0,
    ) -> None:
        self._pointer = pointer
        self.value = value
        self.parent = parent
        self._key = key
        self._index = index
        # The object's `Type` when it is a string: read once, since dispatch asks often.
        kind = value.get("Type")
        self.type: str | None = kind if isinstance(kind, str) else None

    @property
    def pointer(self) -> str:
        """The object's JSON Pointer in the template."""
        pointer = self._pointer
        if pointer is None:
            above = self.parent.pointer if self.parent is not None else ""
            pointer = self._pointer = join(above, self._key, self._index)
        return pointer

    def __repr__(self) -> str:
        return f"Node({self.pointer!r}, type={self.type!r})"

    def at(self, *tokens: str | int) -> str:
        """The pointer of a member or element below this object."""
        return join(self.pointer, *tokens)

    def text(self, key: str) -> str | None:
        """The member's value when it is a string, else `None`."""
        value = self.value.get(key)
        return value if isinstance(value, str) else None

    def has(self, key: str) -> bool:
        """Whether the member is present at all (even if null or empty)."""
        return key in self.value

    def filled(self, key: str) -> bool:
        """Whether the member is present with a value other than null or blank."""
        value = self.value.get(key)
        if isinstance(value, str):
            return bool(value.strip())
        return value is not None


Check = Callable[["TemplateView", Node], Iterable[Finding]]


def _reported_elsewhere(view: TemplateView, node: Node) -> Iterator[Finding]:
    """Engine codes have no check of their own."""
    return iter(())


@attrs.frozen
class Rule:
    """A registered check with its stable identity, reach and documentation."""

    code: str
    slug: str
    severity: Severity
    scopes: tuple[Scope, ...]
    check: Check = attrs.field(repr=False)
    channels: frozenset[Channel]
    categories: frozenset[str] | None
    types: frozenset[str] | None
    members: frozenset[str] | None
    opt_in: bool
    docstring: str = attrs.field(repr=False)
    cards_only: bool = False
    # What backs the rule (see _evidence.py): an error needs a rejecting source.
    evidence: tuple[Evidence, ...] = attrs.field(default=(), repr=False)
    reporter: str = "the engine"
    """Who reports an `ENGINE` code (for the docs): the engine, or `check_params`."""

    @property
    def doc(self) -> str:
        """The documentation, dedented (on demand: a lint run never reads it)."""
        import inspect  # for the docs only: a lint run never reads them

        return inspect.cleandoc(self.docstring)

    @property
    def scope(self) -> Scope:
        """The first (usually the only) scope the rule is called for."""
        return self.scopes[0]

    @property
    def summary(self) -> str:
        """The first line of the documentation."""
        return self.doc.split("\n", 1)[0].strip()

    @property
    def rejection_documented(self) -> bool:
        """Whether some source of the rule says the value is rejected."""
        return any(item.rejects for item in self.evidence)

    def applies_to(self, channel: Channel | None, category: str | None) -> bool:
        """Whether the rule runs for a template of this channel and category.

        A template whose channel or category is unknown (the schema reports that)
        only gets the rules that do not depend on it.
        """
        if self.channels != BOTH and channel not in self.channels:
            return False
        return self.categories is None or category in self.categories


def rule(  # noqa: PLR0913 - a rule's identity is this many facts, all keywords
    code: str,
    slug: str,
    *,
    scope: Scope | tuple[Scope, ...] = Scope.TEMPLATE,
    severity: Severity = Severity.ERROR,
    channels: frozenset[Channel] = BOTH,
    categories: Iterable[str] | None = None,
    types: Iterable[str] | None = None,
    members: Iterable[str] | None = None,
    opt_in: bool = False,
    cards_only: bool = False,
    evidence: tuple[Evidence, ...] = (),
) -> Callable[[Check], Rule]:
    """Turn a documented check function into a `Rule`.

    The function's docstring is the rule's documentation: a summary line, then
    `Why:`, `Source:`, `Fails:` and `Passes:` sections (see docs.py).

    `types` calls the check only on objects whose `Type` is one of them, and
    `members` only on objects that have at least one of those members (whatever
    their value): a check that can find nothing on the other objects says so,
    and the engine does not call it there. Likewise `cards_only` calls it only on
    templates with carousel cards (an object in a component's `Cards`).

    `evidence` names the sources behind the rule; an error needs one that says
    the value is rejected (see _evidence.py).
    """

    def register(check: Check) -> Rule:
        return Rule(
            code=code,
            slug=slug,
            severity=severity,
            scopes=scope if isinstance(scope, tuple) else (scope,),
            check=check,
            channels=channels,
            categories=None if categories is None else frozenset(categories),
            types=None if types is None else frozenset(types),
            members=None if members is None else frozenset(members),
            opt_in=opt_in,
            docstring=check.__doc__ or "",
            cards_only=cards_only,
            evidence=evidence,
        )

    return register


def reserved(  # noqa: PLR0913 - keywords, like `rule`
    code: str,
    slug: str,
    doc: str,
    *,
    severity: Severity = Severity.ERROR,
    evidence: tuple[Evidence, ...] = (),
    reporter: str = "the engine",
) -> Rule:
    """Register a code that the loader, the schema or the engine reports itself.

    `reporter` names who does, when it is not a lint run (`check_params`).
    """
    return Rule(
        code=code,
        slug=slug,
        severity=severity,
        scopes=(Scope.ENGINE,),
        check=_reported_elsewhere,
        channels=BOTH,
        categories=None,
        types=None,
        members=None,
        opt_in=False,
        docstring=doc,
        evidence=evidence,
        reporter=reporter,
    )


def _objects(node: Node, key: str) -> list[Node]:
    """The objects in the list member `key` of `node`, skipping what is not an object."""
    items = node.value.get(key)
    found: list[Node] = []
    if isinstance(items, list):
        for index, item in enumerate(items):
            if isinstance(item, dict):
                found.append(Node(None, item, node, key, index))
    return found


class TemplateView:
    """A template seen through tolerant accessors, walked once into its parts.

    Rules never see a raw `KeyError`: anything of the wrong shape is simply absent
    here, and the schema reports the shape. The lists of parts are built once and
    shared: rules read them and never change them.
    """

    __slots__ = (
        "_by_type",
        "button_groups",
        "buttons",
        "card_button_groups",
        "card_buttons",
        "card_component_groups",
        "card_components",
        "category",
        "category_known",
        "channel",
        "components",
        "data",
        "example",
        "memo",
        "root",
        "roots",
    )

    def __init__(
        self, data: Mapping[str, Any], example: Mapping[str, Any] | None
    ) -> None:
        self.data = data
        self.root = Node("", data)
        self.roots = [self.root]  # the objects the template's own rules are called for
        self.example = example
        # Derived facts that several rules need (variables, say), computed once.
        self.memo: dict[str, Any] = {}
        kind = data.get("TemplateType")
        self.channel = _CHANNEL_OF.get(kind) if isinstance(kind, str) else None
        category = data.get("Category")
        self.category = category if isinstance(category, str) else None
        # Whether channel and category are valid: rules whose verdict depends on
        # the category say nothing otherwise, and leave the schema to report it.
        self.category_known = (
            self.channel is not None and self.category in CATEGORIES[self.channel]
        )
        self.components = components = _objects(self.root, "Components")
        # The components by Type; (component, its buttons) for each component;
        # every button of every component.
        by_type: dict[str | None, list[Node]] = {}
        self._by_type = by_type
        button_groups: list[tuple[Node, list[Node]]] = []
        every_button: list[Node] = []
        self.button_groups = button_groups
        self.buttons = every_button
        carousels = []
        for component in components:
            kind = component.type
            if kind in by_type:
                by_type[kind].append(component)
            else:
                by_type[kind] = [component]
            value = component.value
            if "Buttons" in value:
                buttons = _objects(component, "Buttons")
                every_button += buttons
            else:
                buttons = []
            button_groups.append((component, buttons))
            if "Cards" in value:
                carousels.append(component)
        # (card, its components) for every card; every card component;
        # (card component, its buttons) for each; every card button.
        card_component_groups: list[tuple[Node, list[Node]]] = []
        card_components: list[Node] = []
        card_button_groups: list[tuple[Node, list[Node]]] = []
        card_buttons: list[Node] = []
        self.card_component_groups = card_component_groups
        self.card_components = card_components
        self.card_button_groups = card_button_groups
        self.card_buttons = card_buttons
        for component in carousels:
            for card in _objects(component, "Cards"):
                parts = _objects(card, "CardComponents")
                card_component_groups.append((card, parts))
                card_components += parts
        for part in card_components:
            buttons = _objects(part, "Buttons") if "Buttons" in part.value else []
            card_button_groups.append((part, buttons))
            card_buttons += buttons

    def of_type(self, kind: str) -> list[Node]:
        """The top-level components whose `Type` is `kind`, in order."""
        return self._by_type.get(kind, [])

    def first(self, kind: str) -> Node | None:
        """The first top-level component of that `Type`, if any."""
        found = self._by_type.get(kind)
        return found[0] if found else None

    def buttons_of(self, owner: Node) -> list[Node]:
        """The buttons of one component or carousel card component."""
        owners: dict[Node, list[Node]] | None = self.memo.get("buttons_of")
        if owners is None:
            owners = self.memo["buttons_of"] = dict(
                [*self.button_groups, *self.card_button_groups]
            )
        return owners.get(owner, [])

    def nodes(self, scope: Scope) -> list[Node]:
        """The objects a rule of that scope is called for."""
        nodes: list[Node] = getattr(self, _SCOPE_NODES[scope])
        return nodes


# The view's list of the objects each scope's rules are called for.
_SCOPE_NODES: Final = {
    Scope.TEMPLATE: "roots",
    Scope.COMPONENT: "components",
    Scope.BUTTON: "buttons",
    Scope.CARD_COMPONENT: "card_components",
    Scope.CARD_BUTTON: "card_buttons",
}
