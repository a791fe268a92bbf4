"""Which files are templates: globs relative to the configuration, and the walk."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from chatapp_lint import discovery
from chatapp_lint.fileset import DEFAULT_EXCLUDE, FileSet, Glob, GlobSet, Location
from chatapp_lint.loader import load_bytes

ROOT = Path(__file__).parent.parent


@pytest.mark.parametrize(
    ("pattern", "path", "expected"),
    [
        # A name matches a file's name wherever it is.
        ("*.json", "a.json", True),
        ("*.json", "deep/down/a.json", True),
        ("tsconfig*.json", "web/tsconfig.build.json", True),
        ("package.json", "package.json.bak", False),
        # A path is anchored at the configuration's directory.
        ("templates/*.json", "templates/a.json", True),
        ("templates/*.json", "other/templates/a.json", False),
        ("./templates/*.json", "templates/a.json", True),
        ("templates//a.json", "templates/a.json", True),
        # `*` crosses directories, as in ruff's globs; `**/` may match none.
        ("templates/*.json", "templates/sub/a.json", True),
        ("**/legacy/*.yaml", "legacy/a.yaml", True),
        ("**/legacy/*.yaml", "x/y/legacy/a.yaml", True),
        ("templates/**/a.json", "templates/a.json", True),
        ("templates/**/a.json", "templates/x/a.json", True),
        # Classes, negated classes, and characters regular expressions hold dear.
        ("v[12].json", "v2.json", True),
        ("v[!12].json", "v2.json", False),
        ("v[!12].json", "v3.json", True),
        ("a+b (1).json", "a+b (1).json", True),
        ("a?.json", "ab.json", True),
        ("[unclosed.json", "[unclosed.json", True),
        # A file outside the configuration's directory, reached through `..`.
        ("../common/*.json", "../common/a.json", True),
        ("common/*.json", "../common/a.json", False),
    ],
)
def test_glob(pattern: str, path: str, expected: bool) -> None:
    location = Location(path, "/root/" + path, path.rsplit("/", 1)[-1])
    assert Glob(pattern).matches(location) is expected


def test_an_absolute_glob_matches_the_absolute_path(tmp_path: Path) -> None:
    file = tmp_path / "templates" / "a.json"
    location = Location.of(str(file), str(tmp_path / "elsewhere"))
    assert Glob(f"{tmp_path}/templates/*.json").matches(location)
    assert not Glob(f"{tmp_path}/other/*.json").matches(location)


@pytest.mark.parametrize(
    "written",
    [
        "templates/a.json",
        "./templates/a.json",
        "templates/../templates/a.json",
        "{root}/templates/a.json",
        "../{name}/templates/a.json",
    ],
)
def test_a_path_is_located_the_same_however_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, written: str
) -> None:
    monkeypatch.chdir(tmp_path)
    path = written.format(root=tmp_path, name=tmp_path.name)
    location = Location.of(path, str(tmp_path))
    assert (location.path, location.name) == ("templates/a.json", "a.json")


def test_from_a_subdirectory_the_path_is_still_relative_to_the_root(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "templates").mkdir()
    monkeypatch.chdir(tmp_path / "templates")
    assert Location.of("a.json", str(tmp_path)).path == "templates/a.json"
    assert Location.of("../a.json", str(tmp_path)).path == "a.json"
    assert Location.of("a.json", None).path == "a.json"  # no file: the working dir


def test_a_path_through_a_symbolic_link_is_inside(tmp_path: Path) -> None:
    (tmp_path / "project" / "templates").mkdir(parents=True)
    (tmp_path / "link").symlink_to(tmp_path / "project")
    location = Location.of(
        str(tmp_path / "link" / "templates" / "a.json"), str(tmp_path / "project")
    )
    assert location.path == "templates/a.json"


def _tree(root: Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


MIXED = {
    "package.json": '{"name": "shop", "private": true}',
    "package-lock.json": '{"name": "shop", "lockfileVersion": 3}',
    "tsconfig.json": '{"compilerOptions": {}}',
    "web/tsconfig.build.json": '{"extends": "../tsconfig.json"}',
    "docker-compose.yml": "services: {web: {image: shop}}\n",
    ".pre-commit-config.yaml": "repos: []\n",
    ".github/workflows/ci.yml": "on: push\n",
    "node_modules/left-pad/package.json": "{}",
    "node_modules/left-pad/index.json": "{}",
    "build/out.json": "{}",
    "templates/order.yaml": "TemplateType: WHATSAPP\n",
    "templates/legacy/old.json": '{"TemplateType": "VIBER"}',
    "templates/notes.txt": "not json",
    "templates/UPPER.JSON": '{"Name": "x"}',
}


def test_the_walk_leaves_out_what_the_defaults_exclude(tmp_path: Path) -> None:
    _tree(tmp_path, MIXED)
    found = list(discovery.entries([tmp_path], FileSet(root=str(tmp_path))))
    assert [Path(e.path).relative_to(tmp_path).as_posix() for e in found] == [
        "templates/UPPER.JSON",
        "templates/legacy/old.json",
        "templates/order.yaml",
    ]
    assert not any(entry.named for entry in found)


def test_the_walk_sorts_by_parts_not_by_characters(tmp_path: Path) -> None:
    # As characters, "a-c.json" < "a/b.json" ("-" < "/"); as parts, "a" < "a-c.json".
    names = ["a-c.json", "a/b.json", "a/z/y.json", "a.json", "a0.json", "ab/c.json"]
    _tree(tmp_path, dict.fromkeys(names, "{}"))
    found = [
        Path(p).relative_to(tmp_path).as_posix() for p in _expand(tmp_path, FileSet())
    ]
    assert found == sorted(names, key=lambda name: tuple(name.split("/")))
    assert found == [
        "a/b.json",
        "a/z/y.json",
        "a-c.json",
        "a.json",
        "a0.json",
        "ab/c.json",
    ]


def test_include_and_extend_exclude(tmp_path: Path) -> None:
    _tree(tmp_path, MIXED)
    files = FileSet(
        root=str(tmp_path),
        include=GlobSet(["*.yaml", "templates/**/*.json"]),
        exclude=GlobSet([*DEFAULT_EXCLUDE, "templates/legacy"]),
    )
    found = [Path(p).relative_to(tmp_path).as_posix() for p in _expand(tmp_path, files)]
    assert found == ["templates/order.yaml"]


def _expand(path: Path, files: FileSet) -> list[str]:
    return list(discovery.expand([path], files))


def test_a_file_named_outright_is_linted_unless_force_exclude(tmp_path: Path) -> None:
    _tree(tmp_path, MIXED)
    named = [str(tmp_path / "package.json"), str(tmp_path / "templates/order.yaml")]
    assert list(discovery.expand(named, FileSet(root=str(tmp_path)))) == named
    forced = FileSet(root=str(tmp_path), force_exclude=True)
    assert list(discovery.expand(named, forced)) == named[1:]
    # A directory above the file, below the configuration's, counts too.
    assert forced.refuses(str(tmp_path / ".github/workflows/ci.yml"))
    assert forced.refuses(str(tmp_path / "node_modules/left-pad/index.json"))
    assert not forced.refuses(str(tmp_path / "templates/legacy/old.json"))
    # Above the configuration's directory, only the file's own name is looked at.
    assert not FileSet(root=str(tmp_path / "templates"), force_exclude=True).refuses(
        str(tmp_path / "node_modules/left-pad/index.json")
    )
    assert list(discovery.expand(["-"], forced)) == ["-"]


@pytest.mark.parametrize(
    ("text", "skipped"),
    [
        ('{"name": "shop", "version": "1.0.0"}', True),
        ("services:\n  web: {image: shop}\n", True),
        ('[{"name": "a"}, {"name": "b"}]', True),
        ('{"Name": "x"}', False),
        ('[{"name": "a"}, {"TemplateType": "VIBER"}]', False),
        ("{}", False),
        ("[]", False),
        ('"TemplateType:WHATSAPP Name:x"', False),
        ('["a", "b"]', False),
        ('[{"name": "a"}, 1]', False),
        ('{"name": 1, "name": 2}', False),  # a problem is never hidden
    ],
)
def test_what_is_clearly_not_a_template(text: str, skipped: bool) -> None:
    kind = "json" if text[:1] in '{["' else "yaml"
    assert discovery.not_a_template(load_bytes(text.encode(), kind)) is skipped


def test_the_template_members_are_the_schemas() -> None:
    schema = json.loads(
        (ROOT / "chatapp_lint/schemas/create-chatapp-template.schema.json").read_text(
            encoding="utf-8"
        )
    )
    assert set(schema["properties"]) == discovery.TEMPLATE_MEMBERS


_NAMES = st.text(
    st.characters(blacklist_characters="/\\\x00", blacklist_categories=("Cs",)),
    min_size=1,
    max_size=12,
).filter(lambda name: name not in {".", ".."})


@given(st.lists(_NAMES, min_size=1, max_size=4))
def test_a_literal_path_matches_itself_and_nothing_else(parts: list[str]) -> None:
    path = "/".join(parts)
    escaped = "".join(f"[{c}]" if c in "*?[" else c for c in path)
    location = Location(path, "/r/" + path, parts[-1])
    assert Glob(escaped).matches(location)
    other = Location(path + "x", "/r/" + path + "x", parts[-1] + "x")
    assert not Glob(escaped).matches(other)


def test_the_working_directory_is_the_root_without_a_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    assert FileSet().locate(str(Path("a") / "b.json")).path == "a/b.json"
