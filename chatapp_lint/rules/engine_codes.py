"""Codes the loader, the schema and the engine report themselves, with their documentation."""

from __future__ import annotations

from chatapp_lint.rules._base import reserved
from chatapp_lint.rules._citations import file_format, linter

UNREADABLE_FILE = reserved(
    "FL001",
    "unreadable-file",
    """The file cannot be read.

    Why: a template that cannot be read cannot be checked; the run goes on with the
    other files and fails.
    """,
    evidence=(
        linter(
            "A file that cannot be opened or read holds nothing to check, and nothing that could be sent."
        ),
    ),
)
NOT_UTF8 = reserved(
    "FL002",
    "not-utf8",
    """The file is not valid UTF-8, or escapes a lone surrogate (`"\\ud800"`).

    Why: templates are UTF-8 text (a byte-order mark is accepted); other bytes are
    reported at the line and column of the first one that does not decode, and a
    JSON escape of half a surrogate pair names no character at all.
    """,
    evidence=(
        file_format(
            "RFC 8259, section 8.1, Character Encoding",
            "JSON text exchanged between systems that are not part of a closed ecosystem MUST be encoded using UTF-8.",
        ),
        linter(
            "Bytes that do not decode, or half a surrogate pair, name no text the linter could check or send."
        ),
    ),
)
SYNTAX_ERROR = reserved(
    "FL003",
    "syntax-error",
    """The file is not well-formed JSON or YAML.

    Why: the parser stops at the first syntax error; it is reported where the
    parser stopped. A YAML file holds one document, not several.
    """,
    evidence=(
        file_format(
            "RFC 8259, section 2, JSON Grammar; YAML 1.2.2, chapter 9",
            "A JSON text is a sequence of tokens [...] conforming to the grammar; a YAML stream that breaks its productions is not YAML.",
        ),
    ),
)
DUPLICATE_KEY = reserved(
    "FL004",
    "duplicate-key",
    """A member name appears twice in the same object.

    Why: JSON and YAML parsers silently keep the last value, so half of what was
    written is lost without a word. Reported at the second key.
    """,
    evidence=(
        file_format(
            "YAML 1.2.2, section 3.2.1.1, Nodes",
            "The content of a mapping node is an unordered set of key/value node pairs, with the restriction that each of the keys is unique.",
        ),
        linter(
            "RFC 8259 (section 4) says names SHOULD be unique; parsers keep the last value, so what the file says is not what would be sent."
        ),
    ),
)
EMPTY_DOCUMENT = reserved(
    "FL005",
    "empty-document",
    """The file holds no document (it is empty, blank or only comments).
    """,
    evidence=(linter("A file without a document holds no template to check or send."),),
)
INVALID_ROOT = reserved(
    "FL006",
    "invalid-root",
    """The file's root (or an item of its root list) is not a template object.
    """,
    evidence=(
        linter(
            "Only an object can be a template; anything else cannot be checked or sent as one."
        ),
    ),
)
UNSUPPORTED_YAML = reserved(
    "FL007",
    "unsupported-yaml",
    """The YAML uses a feature templates do not need: a custom or Python tag, a
    complex key, or aliases that expand beyond the limit.

    Why: tags such as `!!python/object` are never constructed (nothing in a file is
    ever run), and alias bombs must not exhaust memory. See the limits in the README.
    """,
    evidence=(
        linter(
            "The linter never constructs custom tags or expands aliases past its limit, so it cannot read the document."
        ),
    ),
)
TOO_DEEP = reserved(
    "FL008",
    "too-deep",
    """The document nests deeper than the limit (64 levels).

    Why: a template nests at most six levels; anything far deeper is generated or
    hostile, and is refused before it can exhaust the stack.
    """,
    evidence=(
        linter(
            "The linter refuses documents nested deeper than its limit before reading them."
        ),
    ),
)
FILE_TOO_LARGE = reserved(
    "FL009",
    "file-too-large",
    """The file is larger than a limit: 64 MiB, 100,000 values, 1,000 items in one
    list or object, or a 1,024-character path to a value.

    Why: each limit is far above what templates need, and keeps a generated or
    hostile file from taking minutes and gigabytes; the other files are still
    linted. Split a file of more than 1,000 templates into several.
    """,
    evidence=(linter("The linter refuses files past its limits before reading them."),),
)
NON_FINITE_NUMBER = reserved(
    "FL011",
    "non-finite-number",
    """A number is not finite or too long to read (`NaN`, `Infinity`, `.inf`).

    Why: JSON has no such numbers (RFC 8259 section 6) and the API cannot take them.
    """,
    evidence=(
        file_format(
            "RFC 8259, section 6, Numbers",
            "Numeric values that cannot be represented in the grammar below (such as Infinity and NaN) are not permitted.",
        ),
    ),
)
INVALID_JSON_STRING = reserved(
    "SC007",
    "invalid-json-string",
    """`Components` or `Example` is given as a string (the API's wire form) that is not
    valid JSON.

    Why: the SDK sends both members as JSON strings, and a file may hold them in that
    form; what the string holds is linted like the object form, so it must parse.
    """,
    evidence=(
        file_format(
            "RFC 8259, section 2, JSON Grammar",
            "A JSON text is a sequence of tokens [...] conforming to the grammar; the wire form of `Components` and `Example` is such a text.",
        ),
    ),
)
INTERNAL_ERROR = reserved(
    "IN001",
    "internal-error",
    """A rule crashed on this template: a bug in chatapp-lint, not in the template.

    Why: a crash is reported here, with what the other rules found, and the run
    exits with status 2. Please report it with the template that caused it.
    """,
    evidence=(
        linter(
            "A rule crashed: the template was not fully checked, so the run cannot vouch for it."
        ),
    ),
)

FILE_CODES = (
    UNREADABLE_FILE,
    NOT_UTF8,
    SYNTAX_ERROR,
    DUPLICATE_KEY,
    EMPTY_DOCUMENT,
    INVALID_ROOT,
    UNSUPPORTED_YAML,
    TOO_DEEP,
    FILE_TOO_LARGE,
    NON_FINITE_NUMBER,
)
