"""Text from outside (server messages, file and template names) made safe to print.

A service `Message` holding a line break followed by `::error::` would start a
GitHub workflow command of its own; ESC and BEL start terminal sequences (a
window title, the clipboard through OSC 52). Every character that is not
printable is written as a visible escape, so whatever the text holds it stays
on its one line, inert. (Same rule as the reporters' escaping of file names.)
"""

from __future__ import annotations

from typing import Final

_NAMED: Final = {"\t": "\\t", "\n": "\\n", "\r": "\\r"}
_LAST_BYTE: Final = 0xFF
_LAST_BMP: Final = 0xFFFF


def sender_visible(text: str) -> str:
    r"""The text with each non-printable character written as `\n`, `\x1b`, `\u202e`..."""
    if text.isprintable():
        return text
    return "".join(c if c.isprintable() else _escape(c) for c in text)


def _escape(character: str) -> str:
    if character in _NAMED:
        return _NAMED[character]
    code = ord(character)
    if code <= _LAST_BYTE:
        return f"\\x{code:02x}"
    if code <= _LAST_BMP:
        return f"\\u{code:04x}"
    return f"\\U{code:08x}"
