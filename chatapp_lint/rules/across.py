"""Checks across every template of a run: names and contents must not repeat."""

from __future__ import annotations

from array import array
from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import Any

import attrs

from chatapp_lint.model import Channel, Finding, Severity
from chatapp_lint.rules._base import Rule, reserved
from chatapp_lint.rules._citations import READ, meta_review
from chatapp_lint.rules._evidence import Evidence, Kind, Outcome, cams_error
from chatapp_lint.schema import shorten


@attrs.frozen
class Seen:
    """What the checks across templates compare of one template, and where it is.

    The body is kept as a digest, not as its text, and no source map is kept:
    positions are found again in the few files a check reports on.
    """

    file: str
    template: int
    name: str | None
    language: str | None
    channel: str | None
    body_index: int | None  # the BODY component's index, when it has text
    digest: int | None  # of "body text\nfooter text", when the BODY has text
    in_list: bool = False  # the file holds a list of templates

    @classmethod
    def of(
        cls, file: str, template: int, data: Mapping[str, Any], *, in_list: bool = False
    ) -> Seen:
        """Remember a template's identity and content."""
        name, language = data.get("Name"), data.get("Language")
        kind = data.get("TemplateType")
        body_index, digest = _content(data)
        return cls(
            file,
            template,
            name if isinstance(name, str) else None,
            language if isinstance(language, str) else None,
            kind if isinstance(kind, str) else None,
            body_index,
            digest,
            in_list,
        )

    @property
    def prefix(self) -> str:
        """The pointer of the template in its file."""
        return f"/{self.template}" if self.in_list else ""

    @property
    def body_pointer(self) -> str | None:
        """The pointer of the BODY text inside the template, if it has one."""
        index = self.body_index
        return None if index is None else f"/Components/{index}/Text"

    @property
    def where(self) -> str:
        """The template as a message names it."""
        return f"{self.file} (template {self.template})"


def _content(data: Mapping[str, Any]) -> tuple[int | None, int | None]:
    """The BODY's index and a digest of the body and footer texts (None, None)."""
    components = data.get("Components")
    if not isinstance(components, list):
        return None, None
    texts = {"BODY": "", "FOOTER": ""}
    body = None
    for index, component in enumerate(components):
        kind = component.get("Type") if isinstance(component, dict) else None
        if isinstance(kind, str) and kind in texts:
            text = component.get("Text")
            texts[kind] = text.strip() if isinstance(text, str) else ""
            if kind == "BODY":
                body = index
    if body is None or not texts["BODY"]:
        return None, None
    content = texts["BODY"] + "\n" + texts["FOOTER"]
    # The text's own 64-bit hash: equal texts give equal digests, and two
    # different texts share one with odds of 2**-64 a pair (a false XF002
    # warning at worst). Workers are forked, so they hash with the same seed as
    # this process; and hashlib would cost every start-up 5 ms.
    return body, hash(content)


_HAS_IDENTITY, _HAS_CONTENT = 1, 2
_MAX_BITS = 1 << 24


class Ledger:
    """Every template of a run, as the checks across templates compare them.

    A template is a row of a few machine integers (its file's number, its index
    in the file, hashes of its name and language and of its content), not an
    object: a run over 100,000 files keeps 100,000 rows in a few megabytes.
    What a finding reports (the name, the positions) is read again from the
    file, and a check's verdict is confirmed there (see `confirmed`).
    """

    def __init__(self) -> None:
        self.files: list[str] = []
        self._file = array("L")
        self._template = array("L")
        self._identity = array("q")  # hash of (Name, Language)
        self._name = array("q")  # hash of Name (or of None)
        self._content = array("q")  # hash of (Language, BODY and FOOTER digest)
        self._flags = array("B")

    def add_file(self, file: str, seen: Iterable[Seen]) -> range:
        """Remember a file's templates; returns their rows."""
        first = len(self._file)
        number = len(self.files)
        for entry in seen:
            self._add(number, entry)
        if len(self._file) > first:
            self.files.append(file)
        return range(first, len(self._file))

    def _add(self, number: int, entry: Seen) -> None:
        flags = 0
        identity = content = 0
        if entry.name is not None and entry.language is not None:
            identity, flags = hash((entry.name, entry.language)), flags | _HAS_IDENTITY
        if entry.digest is not None and entry.channel == Channel.WHATSAPP.value:
            content, flags = hash((entry.language, entry.digest)), flags | _HAS_CONTENT
        self._file.append(number)
        self._template.append(entry.template)
        self._identity.append(identity)
        self._name.append(hash(entry.name))
        self._content.append(content)
        self._flags.append(flags)

    def file(self, row: int) -> str:
        """The file a row's template is in."""
        return self.files[self._file[row]]

    def template(self, row: int) -> int:
        """The index of a row's template in its file."""
        return self._template[row]

    def first_of_each(
        self, column: Callable[[int], int | None]
    ) -> Iterator[tuple[int, int]]:
        """(row, earlier row) for each row whose key an earlier row already had.

        Not with a dictionary of every key (100 bytes a row): a first pass
        marks each key's low bits in a bitmap of at most 2 MB, and notes the
        keys whose mark was already set, a few in a hundred; the second pass
        looks only those up.
        """
        rows = range(len(self._file))
        size = min(_MAX_BITS, max(1024, 64 * len(rows)))
        mask = (1 << (size.bit_length() - 1)) - 1  # a power of two, less one
        marks = bytearray(mask // 8 + 1)
        again: set[int] = set()
        for row in rows:
            key = column(row)
            if key is not None:
                spot = key & mask
                if marks[spot >> 3] & (1 << (spot & 7)):
                    again.add(key)
                else:
                    marks[spot >> 3] |= 1 << (spot & 7)
        del marks
        first: dict[int, int] = {}
        for row in rows:
            key = column(row)
            if key is not None and key in again:
                earlier = first.setdefault(key, row)
                if earlier != row:
                    yield row, earlier

    def identity(self, row: int) -> int | None:
        """The hash of the row's name and language, if it has both."""
        return self._identity[row] if self._flags[row] & _HAS_IDENTITY else None

    def content(self, row: int) -> int | None:
        """The hash of a WhatsApp row's language and texts, if its BODY has text."""
        return self._content[row] if self._flags[row] & _HAS_CONTENT else None

    def same_name(self, row: int, other: int) -> bool:
        """Whether two rows have the same name (as far as hashes tell)."""
        return self._name[row] == self._name[other]


Pairs = Iterator[tuple[int, int]]
"""(row, earlier row): the template reported, and the one it repeats."""


def duplicate_name_language(ledger: Ledger) -> Pairs:
    """Two templates among the files linted have the same `Name` and `Language`.

    Why: the service refuses a second template with a name it already holds
    (`InvalidParameter.TemplateNameExist`), and within one submission the second
    of two such templates fails. The same name in different languages is how
    translations are submitted, and is fine. Reported at the second one.
    """
    return ledger.first_of_each(ledger.identity)


def duplicate_content(ledger: Ledger) -> Pairs:
    """Two WhatsApp templates among the files linted have the same BODY and FOOTER texts.

    Why: Meta rejects a template whose content duplicates an existing one under
    another name. Reported at the second one's BODY text, as a warning: the
    first may be retired by the time the second is sent.
    """
    for row, earlier in ledger.first_of_each(ledger.content):
        if not ledger.same_name(row, earlier):
            yield row, earlier


def _name_finding(entry: Seen, earlier: Seen) -> Finding | None:
    if (entry.name, entry.language) != (earlier.name, earlier.language):
        return None  # two hashes that met by chance
    return Finding(
        "/Name",
        f"Name '{shorten(entry.name or '')}' in {shorten(entry.language or '')} is "
        f"already used by {earlier.where}.",
    )


def _content_finding(entry: Seen, earlier: Seen) -> Finding | None:
    if (entry.language, entry.digest) != (earlier.language, earlier.digest):
        return None
    return Finding(
        entry.body_pointer or "",
        f"The same BODY and FOOTER text as {earlier.where}; Meta rejects duplicates.",
    )


@attrs.frozen
class Check:
    """A check across templates: the rule, the rows it finds, what it says of them."""

    rule: Rule
    find: Callable[[Ledger], Pairs]
    explain: Callable[[Seen, Seen], Finding | None]
    """The finding at a reported template, given the one it repeats, both read
    again from their files; None when the texts differ after all."""

    def confirmed(
        self, ledger: Ledger, read: Callable[[str], Mapping[int, Seen]]
    ) -> Iterator[tuple[Seen, Finding]]:
        """The findings of this check, each confirmed on the templates read again.

        `read(file)` gives what the checks remember of each template of a file,
        by its index. A template no longer there (the file changed since it was
        linted) confirms nothing.
        """
        for row, earlier in self.find(ledger):
            entry = read(ledger.file(row)).get(ledger.template(row))
            first = read(ledger.file(earlier)).get(ledger.template(earlier))
            if entry is None or first is None:
                continue
            finding = self.explain(entry, first)
            if finding is not None:
                yield entry, finding


def _registered(
    code: str,
    slug: str,
    check: Callable[[Ledger], Pairs],
    severity: Severity,
    evidence: tuple[Evidence, ...],
) -> Rule:
    return reserved(
        code, slug, check.__doc__ or "", severity=severity, evidence=evidence
    )


DUPLICATE_NAME_LANGUAGE = _registered(
    "XF001",
    "duplicate-name-language",
    duplicate_name_language,
    Severity.ERROR,
    (
        cams_error(
            "InvalidParameter.TemplateNameExist",
            "The error code returned because the specified name is already used by "
            "an existing template.",
            read=READ,
        ),
    ),
)
DUPLICATE_CONTENT = _registered(
    "XF002",
    "duplicate-content",
    duplicate_content,
    Severity.WARNING,
    (
        meta_review(
            "The message template is a duplicate of an existing template. If a "
            "template is submitted with the same wording in the body and footer of an "
            "existing template, the duplicate template will be rejected."
        ),
        Evidence(
            Kind.INFERENCE,
            Outcome.UNSTATED,
            "chatapp-lint",
            "Only the files of one run are compared; the earlier template may be "
            "deleted, or differ from what the service holds, by the time this one is sent.",
        ),
    ),
)
CHECKS = (
    Check(DUPLICATE_NAME_LANGUAGE, duplicate_name_language, _name_finding),
    Check(DUPLICATE_CONTENT, duplicate_content, _content_finding),
)
RULES = (DUPLICATE_NAME_LANGUAGE, DUPLICATE_CONTENT)
