"""Expand command-line paths into the template files to lint, in a stable order."""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator, Mapping
from typing import TYPE_CHECKING, Any, Final, NamedTuple

from chatapp_lint.fileset import FileSet

if TYPE_CHECKING:
    from chatapp_lint.fileset import Location
    from chatapp_lint.loader import Document

STDIN: Final = "-"

TEMPLATE_MEMBERS: Final = frozenset(
    {
        "TemplateType",
        "Name",
        "Language",
        "Category",
        "Components",
        "Example",
        "MessageSendTtlSeconds",
        "CustSpaceId",
        "IsvCode",
        "CustWabaId",
        "AllowCategoryChange",
        "CategoryChangePaused",
        "ProductSetId",
    }
)
"""The members of a CreateChatappTemplate request: a template holds some of them."""


class Entry(NamedTuple):
    """A file to lint, and whether it was named on the command line."""

    path: str
    """As reports show it: the user's spelling, normalised below a directory."""
    named: bool
    """Named outright (always linted), rather than found by a directory walk."""


def expand(
    paths: Iterable[str | os.PathLike[str]], files: FileSet | None = None
) -> Iterator[str]:
    """Each file to lint, as the name reports will show (see `entries`)."""
    return (entry.path for entry in entries(paths, files))


def entries(
    paths: Iterable[str | os.PathLike[str]], files: FileSet | None = None
) -> Iterator[Entry]:
    """Each file to lint, and whether it was named outright.

    A file named on the command line is linted whatever its name, unless
    `force-exclude` is on and `exclude` matches it; a directory means the files
    below it that `include` takes and `exclude` leaves (by default every
    `*.json`, `*.yaml` and `*.yml`), recursively, in sorted order, skipping
    hidden directories. `-` stands for standard input. A path that does not
    exist is yielded as it is: reading it reports the problem.
    """
    chosen = files or FileSet()
    for path in paths:
        text = os.fspath(path)
        if text == STDIN:
            yield Entry(text, named=True)
        elif chosen.refuses(text):
            continue
        elif os.path.isdir(text):  # noqa: PTH112
            yield from _walk(text, chosen)
        else:
            yield Entry(text, named=True)


def _walk(top: str, files: FileSet) -> Iterator[Entry]:
    """The files below `top` to lint, in the order of their parts ("a/b" before "a-c").

    Streamed, a directory at a time: memory holds the listings of the
    directories being walked, not the tree. Directory symlinks are not
    followed, so a symlink loop cannot trap the walk.
    """
    walking = [_children(top, files.locate(top), files)]
    while walking:
        for path, directory in walking[-1]:
            if directory is not None:
                walking.append(_children(path, directory, files))
                break
            yield Entry(path, named=False)
        else:
            walking.pop()


def _children(
    directory: str, here: Location, files: FileSet
) -> Iterator[tuple[str, Location | None]]:
    """A directory's files to lint (path, None) and folders to walk (path, place), by name.

    A directory that cannot be listed is yielded like a file, so that reading
    it reports why; its name is normalised like the files found, so `./locked`
    reads `locked`.
    """
    try:
        with os.scandir(directory) as listing:
            children = sorted((entry.name, _kind(entry)) for entry in listing)
    except OSError as error:
        yield os.path.normpath(str(error.filename or directory)), None
        return
    for name, kind in children:
        place = here.child(name)
        # Plain strings keep the user's spelling of the path they gave.
        path = os.path.join(directory, name)  # noqa: PTH118
        if kind == "folder":
            if not name.startswith(".") and files.walks_into(place):
                yield path, place
        elif kind == "file" and files.takes(place):
            yield os.path.normpath(path), None


def _kind(entry: os.DirEntry[str]) -> str:
    """Whether an entry is a folder to walk into, a link to one (not followed), or a file."""
    try:
        if entry.is_dir():
            return "link" if entry.is_symlink() else "folder"
    except OSError:
        pass  # as os.walk does: what cannot be examined is no folder
    return "file"


def not_a_template(document: Document) -> bool:
    """Whether a file a walk found is clearly something else: it is then skipped.

    That is a file read without a problem whose root is an object holding none
    of a template's members, or a list of such objects (`package.json`, a
    workflow, a compose file). Anything else is linted: `{}` and `[]` say
    nothing either way; a text or a number where a template belongs is most
    likely a template written wrong (`Name:x` without its space is one string);
    a file with a problem is never hidden.
    """
    if document.problems:
        return False
    root = document.value
    items = root if isinstance(root, list) else [root]
    return bool(items) and all(_other_object(item) for item in items)


def _other_object(value: Any) -> bool:
    """An object that is not empty and holds none of a template's members."""
    return (
        isinstance(value, Mapping)
        and bool(value)
        and TEMPLATE_MEMBERS.isdisjoint(value)
    )
