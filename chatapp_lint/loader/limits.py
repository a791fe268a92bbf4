"""The loader's limits: how much of a file it accepts before refusing it.

A template is a few kilobytes and nests about six levels deep. The limits are far
above anything a real template needs, and low enough that a hostile or generated
file is refused quickly, with a file-level problem, instead of exhausting memory,
the stack or the user's patience.
"""

from __future__ import annotations

from typing import Final

MAX_FILE_BYTES: Final = 64 * 1024 * 1024
"""Largest file read (64 MiB); a larger one is refused unread (FL009)."""

MAX_READ_SECONDS: Final = 10.0
"""Longest wait for a file named on the command line that is not a regular file.

A FIFO whose writer never finishes, or a terminal (`/dev/tty`), would otherwise
hold the run, and pre-commit with it, forever. Regular files are not timed.
"""

MAX_DEPTH: Final = 64
"""Deepest nesting of objects and lists; the root container is level 1 (FL008).

Python's `json` recurses once per level and raises `RecursionError` near a
thousand, so the limit also keeps every walk of the document far from the stack.
"""

MAX_VALUES: Final = 100_000
"""Most values in one file: objects, lists, strings, numbers, booleans and nulls (FL009).

A template holds about a hundred, so a file of a thousand templates stays below.
Counted before JSON is parsed and as YAML is read: a parsed value costs tens of
bytes or more, so 64 MiB of `[[],[],...]` would otherwise build 20 million lists
and take gigabytes, and every value is something the checks walk.
"""

MAX_ITEMS: Final = 1_000
"""Most items in one list, or members in one object, the root list included (FL009).

A template has a handful of components, at most ten buttons and ten cards. Some
checks compare the items of a list with each other, so a list of tens of
thousands would take minutes; a file with more than a thousand templates is best
split in several files.
"""

MAX_POINTER_CHARS: Final = 1_024
"""Longest path to a value, as a JSON Pointer of member names and indexes (FL009).

Real paths are under a hundred characters. Where a value is, and where each
problem is reported, is kept by its path; long member names repeated on every
path below them would otherwise make a file of kilobytes take gigabytes.
"""

MAX_ALIAS_NODES: Final = 10_000
"""Most values that YAML aliases may add to a document, counted over all aliases.

Each alias adds the size of the value it repeats. Beyond this the document is
refused (FL007): nine levels of nine aliases ("billion laughs") would otherwise
expand to 387 million values from a file of a few hundred bytes.
"""

MAX_QUOTED_CHARS: Final = 60
"""Longest piece of the user's input that a problem message quotes.

Templates hold long texts; a message that quoted them whole would bury the point.
"""

MAX_REASON_CHARS: Final = 100
"""Longest parser explanation kept in a syntax-error message (FL003)."""
