"""Which files are templates to lint: `include`, `exclude` and their globs.

Globs are read as ruff reads its own (https://docs.astral.sh/ruff/settings/,
`exclude`, `include`, `per-file-ignores`): a glob without a `/` is matched
against a name (a file's name, or any directory's name below the configuration
file's directory, for `exclude`), and a glob with a `/` against the path
relative to the directory of the configuration file that holds it (the working
directory when there is none), however the path was written on the command line
and from wherever chatapp-lint runs. `*` and `?` match any characters, `/`
included, and `**/` any number of directories, none included.
"""

from __future__ import annotations

import functools
import os
import re
from collections.abc import Iterable, Iterator
from typing import Final, NamedTuple

import attrs

TEMPLATE_SUFFIXES: Final = frozenset({".json", ".yaml", ".yml"})
"""What a directory walk lints without an `include`: these suffixes, in any case."""

DEFAULT_EXCLUDE: Final = (
    # Dotfiles are tool configuration by convention (.pre-commit-config.yaml,
    # .eslintrc.json, .gitlab-ci.yml, .readthedocs.yaml, ...), and dot-directories
    # hold tools' own files (.github/workflows, .venv, .git). A walk skips hidden
    # directories in any case; this also skips them when pre-commit names them.
    ".*",
    # Installed dependencies, environments and build output, as in ruff's default.
    "node_modules",
    "bower_components",
    "__pypackages__",
    "site-packages",
    "venv",
    "_build",
    "build",
    "dist",
    # Well-known files of other tools, which no template is ever called.
    "package.json",
    "package-lock.json",
    "npm-shrinkwrap.json",
    "pnpm-lock.yaml",
    "pnpm-workspace.yaml",
    "composer.json",
    "deno.json",
    "lerna.json",
    "nx.json",
    "turbo.json",
    "angular.json",
    "tsconfig*.json",
    "jsconfig*.json",
    "tslint.json",
    "renovate.json",
    "vercel.json",
    "firebase.json",
    "cdk.json",
    "docker-compose*.yml",
    "docker-compose*.yaml",
    "compose.yml",
    "compose.yaml",
    "mkdocs.yml",
    "mkdocs.yaml",
    "environment.yml",
    "environment.yaml",
    "codecov.yml",
    "pubspec.yaml",
    "Chart.yaml",
    "serverless.yml",
    "serverless.yaml",
)
"""What is never linted, unless named on the command line without `force-exclude`.

A directory walk also skips JSON and YAML files whose content is clearly not a
template (see `discovery`); this list is for the files that are certainly not
templates whatever they hold, and for what pre-commit names outright.
"""


@attrs.frozen
class Glob:
    """One glob of a configuration file."""

    pattern: str
    source: str = attrs.field(init=False, repr=False, eq=False)
    """The regular expression that matches what the glob matches."""
    anchored: bool = attrs.field(init=False, repr=False, eq=False)
    """Whether the glob is a path (it holds a `/`) rather than a name."""
    absolute: bool = attrs.field(init=False, repr=False, eq=False)

    @source.default
    def _translated(self) -> str:
        return _translate(self._normalised())

    @anchored.default
    def _has_slash(self) -> bool:
        return "/" in self._normalised()

    @absolute.default
    def _is_absolute(self) -> bool:
        return self._normalised().startswith("/")

    def _normalised(self) -> str:
        # `./templates/*.json`, `templates/` and `templates//x.json` mean what
        # they say; normpath would also fold `a/**/..`, which nobody writes.
        text = self.pattern.replace("\\", "/") if os.sep == "\\" else self.pattern
        absolute = text.startswith("/")
        text = "/".join(part for part in text.split("/") if part not in {"", "."})
        return "/" + text if absolute else text

    def regex(self) -> re.Pattern[str]:
        """The glob's regular expression, compiled once per process.

        Raises:
            re.error: the glob holds a range no expression can (`[z-a]`).
        """
        return _regex(self.source)

    def matches(self, location: Location) -> bool:
        """Whether the file (or directory) at this location matches."""
        return self.regex().match(location.target(self)) is not None


class GlobSet:
    """Several globs, matched at once: one regular expression for each kind.

    The globs are translated and compiled when first matched: a run that lints
    the files it is given never walks, and never needs the default `exclude`.
    """

    __slots__ = ("_expressions", "patterns")

    def __init__(self, patterns: Iterable[str]) -> None:
        self.patterns = tuple(patterns)
        self._expressions: _Expressions | None = None

    def __eq__(self, other: object) -> bool:
        return isinstance(other, GlobSet) and self.patterns == other.patterns

    def __hash__(self) -> int:
        return hash(self.patterns)

    def __repr__(self) -> str:
        return f"GlobSet({list(self.patterns)!r})"

    def matches(self, location: Location) -> bool:
        """Whether one of the globs matches the location."""
        if self._expressions is None:
            self._expressions = _expressions(self.patterns)
        names, paths, absolutes = self._expressions
        return bool(
            (names is not None and names.match(location.name))
            or (paths is not None and paths.match(location.path))
            or (absolutes is not None and absolutes.match(location.absolute))
        )


_Expression = re.Pattern[str] | None
_Expressions = tuple[_Expression, _Expression, _Expression]
"""A glob set's expressions for names, relative paths and absolute paths."""


@functools.cache
def _expressions(patterns: tuple[str, ...]) -> _Expressions:
    # Once per process for each set of globs: every run's file set has the
    # default `exclude`, and the language server and `--fix` build more.
    globs = [Glob(pattern) for pattern in patterns]
    return (
        _union(g for g in globs if not g.anchored),
        _union(g for g in globs if g.anchored and not g.absolute),
        _union(g for g in globs if g.absolute),
    )


def _union(chosen: Iterable[Glob]) -> re.Pattern[str] | None:
    sources = [f"(?:{glob.source})" for glob in chosen]
    return re.compile("|".join(sources), re.DOTALL) if sources else None


@functools.cache
def _regex(source: str) -> re.Pattern[str]:
    # Once per process: a per-file ignore is matched against every violation.
    return re.compile(source, re.DOTALL)


class Location(NamedTuple):
    """A path as globs see it: relative to a directory, with `/` separators."""

    path: str
    """Relative to the configuration's directory (`../x` when outside it)."""
    absolute: str
    name: str

    @classmethod
    def of(cls, path: str, root: str | None) -> Location:
        """Where `path` (as written, relative to the working directory) lies."""
        # os.path, not pathlib: abspath folds `..` without following links,
        # and these paths stay strings from the command line to the report.
        absolute = os.path.abspath(path)  # noqa: PTH100
        base = os.path.abspath(root) if root else os.getcwd()  # noqa: PTH100, PTH109
        relative = _relative(absolute, base)
        if relative.startswith("../"):
            # Written through a symbolic link (`/tmp` on macOS is one): compare
            # the real paths before calling the file an outsider.
            real = _relative(os.path.realpath(absolute), os.path.realpath(base))
            relative = relative if real.startswith("../") else real
        return cls(relative, _posix(absolute), os.path.basename(absolute))  # noqa: PTH119

    def target(self, glob: Glob) -> str:
        """What the glob is matched against: the name, or a path."""
        if not glob.anchored:
            return self.name
        return self.absolute if glob.absolute else self.path

    def child(self, name: str) -> Location:
        """The file or directory of this name inside this directory."""
        path = name if self.path == "." else f"{self.path}/{name}"
        return Location(path, f"{self.absolute.rstrip('/')}/{name}", name)

    def parents(self) -> Iterator[Location]:
        """The directories that hold this path, up to the configuration's directory."""
        parts = self.path.split("/")[:-1]
        if not parts or parts[0] == "..":
            return  # outside the configuration's directory: only its own name counts
        for end in range(len(parts), 0, -1):
            path = "/".join(parts[:end])
            yield Location(path, self.absolute, parts[end - 1])


@attrs.frozen
class FileSet:
    """The `include`, `exclude` and `force-exclude` of one configuration."""

    root: str | None = None
    """The directory relative globs start from: the configuration file's (else the
    working directory)."""
    include: GlobSet | None = None
    """The configured `include`; without one, the template suffixes."""
    exclude: GlobSet = attrs.field(factory=lambda: GlobSet(DEFAULT_EXCLUDE))
    force_exclude: bool = False

    def locate(self, path: str) -> Location:
        """The path as this file set's globs see it."""
        return Location.of(path, self.root)

    def walks_into(self, directory: Location) -> bool:
        """Whether a directory walk goes into this directory."""
        return not self.exclude.matches(directory)

    def takes(self, file: Location) -> bool:
        """Whether a directory walk lints this file."""
        if self.include is None:
            suffix = os.path.splitext(file.name)[1].lower()  # noqa: PTH122
            included = suffix in TEMPLATE_SUFFIXES
        else:
            included = self.include.matches(file)
        return included and not self.exclude.matches(file)

    def refuses(self, path: str) -> bool:
        """Whether a path named on the command line is left out (`force-exclude`).

        Then it is excluded when it, or a directory above it (up to the
        configuration's directory), matches `exclude`, as ruff decides.
        """
        if not self.force_exclude:
            return False
        location = self.locate(path)
        return self.exclude.matches(location) or any(
            self.exclude.matches(parent) for parent in location.parents()
        )


def _relative(path: str, base: str) -> str:
    try:
        return _posix(os.path.relpath(path, base))
    except ValueError:  # another drive, on Windows
        return _posix(path)


def _posix(path: str) -> str:
    return path.replace(os.sep, "/") if os.sep != "/" else path


def _translate(glob: str) -> str:
    """A regular expression matching the whole of what the glob matches."""
    parts: list[str] = []
    index = 0
    while index < len(glob):
        if glob.startswith("**/", index):
            parts.append("(?:.*/)?")
            index += 3
            continue
        char = glob[index]
        index += 1
        if char == "*":
            parts.append(".*")
        elif char == "?":
            parts.append(".")
        elif char == "[" and (end := glob.find("]", index + 1)) != -1:
            body = glob[index:end]
            negated = body[:1] in {"!", "^"}
            body = re.escape(body[1:] if negated else body).replace("\\-", "-")
            parts.append(f"[{'^' if negated else ''}{body}]")
            index = end + 1
        else:
            parts.append(re.escape(char))
    return "".join(parts) + r"\Z"
