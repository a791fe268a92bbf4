"""Untrusted text (file names, template values) made safe for each place it is printed.

A file name may hold a line break, which would start a line that reads like a
report of its own, or an escape sequence (ESC, BEL) that a terminal obeys: it
can set the window title or, with OSC 52, the clipboard. A name that is not
UTF-8 reaches Python with "surrogate escapes" (PEP 383), which no UTF-8 output
may carry. Every reporter passes such text through one of these functions.
"""

from __future__ import annotations

from typing import Final

_NAMED: Final = {"\t": "\\t", "\n": "\\n", "\r": "\\r"}
_ESCAPED_BYTES: Final = range(0xDC80, 0xDD00)
"""Where `os.fsdecode` puts a byte that is not UTF-8: U+DC80 + (byte - 0x80), PEP 383."""
_SURROGATES: Final = range(0xD800, 0xE000)


def visible(text: str) -> str:
    r"""The text with every character that is not printable written as an escape.

    Control characters, line and paragraph separators, format characters
    (bidirectional overrides among them) and lone surrogates become `\n`,
    `\x1b`, `\u202e` and the like; a byte that was not UTF-8 becomes `\xNN`.
    Printable text, ordinary spaces included, is left as it is.
    """
    if text.isprintable():
        return text
    return "".join(c if c.isprintable() else _escape(c) for c in text)


def well_formed(text: str) -> str:
    r"""The text with its lone surrogates written as escapes, so that it encodes as UTF-8.

    For JSON and SARIF, whose encoder escapes control characters itself: a
    byte of a file name that was not UTF-8 becomes `\xNN`, visibly.
    """
    if not any(ord(c) in _SURROGATES for c in text):
        return text
    return "".join(_escape(c) if ord(c) in _SURROGATES else c for c in text)


def git_quoted(name: str) -> str:
    r"""A file name as git writes it in a diff header: as it is, or in C-style quotes.

    Git (`quote_c_style`, with `core.quotePath` on, its default) quotes a name
    that holds a control character, `"`, `\` or a byte above 0x7f, writing
    `\t`, `\n`, `\"`, `\\` and the like, and any other such byte in octal, so
    that `git apply` and `patch` read the name back exactly.
    """
    data = _bytes(name)
    if all(byte in _GIT_PLAIN for byte in data):
        return name
    return '"' + "".join(_git_byte(byte) for byte in data) + '"'


def github_data(text: str) -> str:
    """A workflow command's message: made visible, then escaped as `@actions/core` does.

    `%` goes first, so the escapes added after it are not escaped again.
    """
    return visible(text).replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def github_property(text: str) -> str:
    """A workflow command's property value (`file=`, `title=`), as `@actions/core` escapes it.

    Besides what `github_data` escapes, `:` would end the properties and `,`
    would start the next one.
    """
    return github_data(text).replace(":", "%3A").replace(",", "%2C")


def _escape(character: str) -> str:
    code = ord(character)
    if character in _NAMED:
        return _NAMED[character]
    if code in _ESCAPED_BYTES:
        return f"\\x{code - 0xDC00:02x}"
    if code < 0x100:  # noqa: PLR2004 - the range \xNN can write
        return f"\\x{code:02x}"
    if code < 0x10000:  # noqa: PLR2004 - the range \uNNNN can write
        return f"\\u{code:04x}"
    return f"\\U{code:08x}"


def _bytes(name: str) -> bytes:
    """The name's bytes on disk: UTF-8, with the bytes PEP 383 escaped put back."""
    try:
        return name.encode("utf-8", "surrogateescape")
    except UnicodeEncodeError:  # a lone surrogate that stands for no byte
        return name.encode("utf-8", "surrogatepass")


_PRINTABLE_ASCII: Final = range(0x20, 0x7F)
_GIT_PLAIN: Final = frozenset(_PRINTABLE_ASCII) - set(b'"\\')
_GIT_NAMED: Final = {
    0x07: "\\a",
    0x08: "\\b",
    0x09: "\\t",
    0x0A: "\\n",
    0x0B: "\\v",
    0x0C: "\\f",
    0x0D: "\\r",
    0x22: '\\"',
    0x5C: "\\\\",
}


def _git_byte(byte: int) -> str:
    if byte in _GIT_NAMED:
        return _GIT_NAMED[byte]
    if byte in _PRINTABLE_ASCII:
        return chr(byte)
    return f"\\{byte:03o}"


__all__ = ["git_quoted", "github_data", "github_property", "visible", "well_formed"]
