"""Hostile input through the real command line (issue 6): it never crashes, hangs or passes.

Every case runs `python -m chatapp_lint` in a subprocess, the way a pre-commit
hook or CI does: a broken file is a finding and exit status 1 (never 0), never a
traceback, and the other files are still linted. Cases that share a run share a
module-scoped tree, so the suite stays fast; each case is still its own test.

Timings and memory are measured by hand (see SECURITY.md), never asserted here:
a loaded CI machine must not fail the suite. A hang is caught by the timeout.
"""

from __future__ import annotations

import copy
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from chatapp_lint.engine import lint, lint_paths
from chatapp_lint.loader.limits import (
    MAX_DEPTH,
    MAX_FILE_BYTES,
    MAX_ITEMS,
    MAX_POINTER_CHARS,
    MAX_VALUES,
)
from chatapp_lint.pointer import join, split
from chatapp_lint.rules import ALL_RULES
from chatapp_lint.selection import Selection
from tests.breakages import Breakage, Template, has, index_of
from tests.casefiles import bases

ROOT = Path(__file__).parent.parent
GOOD = (
    '{"TemplateType": "VIBER", "Name": "hello_there", "Language": "en", '
    '"Category": "text", "Components": [{"Type": "BODY", '
    '"Text": "Hello from the Example Shop team today."}]}\n'
)
OTHER = '{"Name": 1}\n'  # well-formed but wrong: its findings show it was linted
TEXT_LINE = re.compile(r"^(?P<file>[^:]+):\d+:\d+: (?P<code>[A-Z]{2}\d{3}) \[")
LONGEST_LINE = 300  # no output line of a report gets near this, whatever the input
HUGE_BODY = "Hello there. " * (30_000_000 // 13)  # a 30 MB body


@attrs.frozen
class Run:
    """What one run of the command line printed, and its exit status."""

    code: int
    stdout: str
    stderr: str

    def violations(self) -> list[dict[str, Any]]:
        """The violations of a `--format json` run."""
        report: dict[str, Any] = json.loads(self.stdout)
        return list(report["violations"])

    def codes(self, file: str) -> set[str]:
        """The codes reported for one file of a `--format json` run."""
        return {v["code"] for v in self.violations() if v["file"] == file}

    def text_codes(self, file: str) -> set[str]:
        """The codes reported for one file of a text run."""
        return {
            match["code"]
            for match in map(TEXT_LINE.match, self.stdout.splitlines())
            if match and match["file"] == file
        }


def cli(
    *args: str,
    cwd: Path = ROOT,
    stdin: bytes | None = None,
    timeout: float = 120,
    prefix: tuple[str, ...] = (),
) -> Run:
    """Run the real command line; nothing it prints may look like a crash."""
    done = subprocess.run(
        [*prefix, sys.executable, "-m", "chatapp_lint", *args],
        input=stdin,
        capture_output=True,
        cwd=cwd,
        check=False,
        timeout=timeout,
    )
    # A file name that is not UTF-8 is printed as the bytes it is.
    run = Run(
        done.returncode,
        done.stdout.decode("utf-8", "surrogateescape"),
        done.stderr.decode("utf-8", "surrogateescape"),
    )
    assert_quiet(run.stdout + run.stderr)
    return run


def assert_quiet(output: str) -> None:
    """No traceback, no warning Python prints on its way out, no internal error."""
    for crash in ("Traceback", "Exception ignored", "internal error"):
        assert crash not in output, output[-2000:]


def longest_line(text: str) -> int:
    return max((len(line) for line in text.splitlines()), default=0)


def write(root: Path, files: dict[str, bytes | str]) -> None:
    for name, content in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, str):
            path.write_text(content, encoding="utf-8")
        else:
            path.write_bytes(content)


# Broken files: one run over a folder of them, then one test per file.

WRONG_TYPES = (
    '{"TemplateType": ["WHATSAPP"], "Name": {}, "Language": 1, "Category": null,'
    ' "MessageSendTtlSeconds": "5 min", "Example": [1],'
    ' "Components": [1, "BODY", {"Type": "BODY", "Text": {"a": 1}},'
    ' {"Type": "BUTTONS", "Buttons": [true, {"Type": [], "Text": 2, "Url": false}]},'
    ' {"Type": "CAROUSEL", "Cards": [3, {"CardComponents": "x"},'
    ' {"CardComponents": [null, {"Type": "BODY", "Text": []}]}]}]}'
)
BROKEN: dict[str, tuple[bytes, str]] = {
    "truncated.json": (b'{"Name": "order_update", "Components": [', "FL003"),
    "truncated.yaml": (b"Name: order_update\nComponents: [{Type: BODY", "FL003"),
    "trailing-comma.json": (b'{"Name": "order_update",}', "FL003"),
    "trailing-comma-in-list.json": (b'{"Components": [{"Type": "BODY"},]}', "FL003"),
    "tabs.yaml": (b"Name: order_update\n\tLanguage: en\n", "FL003"),
    "two-documents.yaml": (b"Name: a\n---\nName: b\n", "FL003"),
    "empty.json": (b"", "FL005"),
    "empty.yaml": (b"", "FL005"),
    "blank.json": (b"  \n\t\r\n  ", "FL005"),
    "comments-only.yaml": (b"# nothing here\n# at all\n", "FL005"),
    "null.json": (b"null", "FL006"),
    "null.yaml": (b"~\n", "FL006"),
    "number.json": (b"42", "FL006"),
    "string.json": (b'"just a string"', "FL006"),
    "string.yaml": (b"just a string\n", "FL006"),
    "boolean.json": (b"true", "FL006"),
    "list-of-non-objects.json": (b'[1, "a", null, [], true]', "FL006"),
    "list-of-non-objects.yaml": (b"- 1\n- a\n- ~\n", "FL006"),
    "empty-list.json": (b"[]", "FL006"),
    "latin-1.yaml": (b"Name: caf\xe9\n", "FL002"),
    "utf-16.json": ('{"Name": "a"}'.encode("utf-16"), "FL002"),
    "png.json": (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00", "FL002"),
    "every-byte.yaml": (bytes(range(256)) * 4, "FL002"),
    "nuls.json": (b"\x00" * 64, "FL003"),
    "nuls.yaml": (b"\x00" * 64, "FL003"),
    "nan.json": (b'{"MessageSendTtlSeconds": NaN}', "FL011"),
    "infinity.json": (b'{"MessageSendTtlSeconds": -Infinity}', "FL011"),
    "overflow.json": (b'{"MessageSendTtlSeconds": 1e999}', "FL011"),
    "huge-integer.json": (b'{"MessageSendTtlSeconds": ' + b"9" * 5000 + b"}", "FL011"),
    "nan.yaml": (b"MessageSendTtlSeconds: .nan\n", "FL011"),
    "infinity.yaml": (b"MessageSendTtlSeconds: -.inf\n", "FL011"),
    "raw-control-character.json": (b'{"Name": "a\x07b"}', "FL003"),
    "raw-control-character.yaml": (b"Name: a\x07b\n", "FL003"),
    "escaped-control-character.json": (
        b'{"TemplateType": "VIBER", "Name": "hello", "Language": "en",'
        b' "Category": "text", "Components": [{"Type": "BODY",'
        b' "Text": "Hello\\u0007 from the shop."}]}',
        "TX001",
    ),
    "lone-surrogate.json": (b'{"Name": "a\\ud800b"}', "FL002"),
    "wrong-types.json": (WRONG_TYPES.encode(), "SC003"),
}


@pytest.fixture(scope="module")
def broken_run(tmp_path_factory: pytest.TempPathFactory) -> Run:
    root = tmp_path_factory.mktemp("broken")
    write(root, {name: content for name, (content, _) in BROKEN.items()})
    write(root, {"good.json": GOOD, "other.json": OTHER})
    return cli("--format", "json", ".", cwd=root)


@pytest.mark.parametrize(("name", "code"), [(n, c) for n, (_, c) in BROKEN.items()])
def test_a_broken_file_is_a_finding(broken_run: Run, name: str, code: str) -> None:
    assert broken_run.code == 1
    assert code in broken_run.codes(name)
    for violation in broken_run.violations():
        if violation["file"] == name:
            assert violation["line"] >= 1
            assert violation["column"] >= 1
            assert len(violation["message"]) < LONGEST_LINE


def test_the_other_files_are_still_linted(broken_run: Run) -> None:
    report = json.loads(broken_run.stdout)
    assert report["summary"]["files"] == len(BROKEN) + 2
    assert broken_run.codes("good.json") == set()
    assert "SC003" in broken_run.codes("other.json")


def test_wrong_types_are_reported_at_every_level(broken_run: Run) -> None:
    found = {
        v["pointer"]
        for v in broken_run.violations()
        if v["file"] == "wrong-types.json" and v["code"] == "SC003"
    }
    for pointer in [
        "/TemplateType",
        "/Name",
        "/Language",
        "/MessageSendTtlSeconds",
        "/Example",
        "/Components/0",
        "/Components/1",
        "/Components/2/Text",
        "/Components/3/Buttons/0",
        "/Components/3/Buttons/1/Type",
        "/Components/3/Buttons/1/Text",
        "/Components/3/Buttons/1/Url",
        "/Components/4/Cards/0",
        "/Components/4/Cards/1/CardComponents",
        "/Components/4/Cards/2/CardComponents/0",
        "/Components/4/Cards/2/CardComponents/1/Text",
    ]:
        assert pointer in found, (pointer, sorted(found))


def test_a_broken_file_on_standard_input_is_a_finding() -> None:
    for data in (b"", b"\x89PNG\r\n\x1a\n\x00", b'{"Name": NaN}', b"[1, 2"):
        assert cli("-", stdin=data).code == 1


# Resource limits: one run over a folder of monsters, then one test per monster.


def _laughs() -> str:
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for previous, name in zip("abcdefgh", "bcdefghi", strict=True):
        lines.append(f"{name}: &{name} [{', '.join(['*' + previous] * 9)}]")
    return "\n".join(lines) + "\n"


def _template(body: str, **members: Any) -> dict[str, Any]:
    return {
        "TemplateType": "WHATSAPP",
        "Name": "big_notice",
        "Language": "en_US",
        "Category": "UTILITY",
        "Components": [{"Type": "BODY", "Text": body}],
        **members,
    }


def _huge_yaml() -> str:
    return (
        "TemplateType: WHATSAPP\nName: big_notice\nLanguage: en_US\n"
        f'Category: UTILITY\nComponents:\n  - Type: BODY\n    Text: "{HUGE_BODY}"\n'
    )


def _millions() -> str:
    template = _template(
        "$(" * 1_000_000,
        Name="n" * 3_000_000,
        Example={"name": "s" * 2_000_000},
    )
    template["Components"] += [
        {"Type": "FOOTER", "Text": "f" * 1_000_000},
        {
            "Type": "BUTTONS",
            "Buttons": [
                {"Type": "URL", "Text": "t" * 1_000_000, "Url": "u" * 1_000_000},
                {"Type": "PHONE_NUMBER", "Text": "Call", "PhoneNumber": "9" * 10**6},
            ],
        },
    ]
    return json.dumps(template)


MONSTERS: dict[str, tuple[Any, str]] = {
    # A callable builds its content at test time: nothing big is committed.
    "deep-lists.json": (lambda: "[" * 100_000 + "]" * 100_000, "FL008"),
    "deep-objects.json": (lambda: '{"a":' * 100_000 + "1" + "}" * 100_000, "FL008"),
    "deep-flow.yaml": (lambda: "a: " + "[" * 100_000 + "]" * 100_000, "FL008"),
    "deep-block.yaml": (lambda: "- " * 100_000 + "x\n", "FL008"),
    "billion-laughs.yaml": (_laughs, "FL007"),
    "huge-body.json": (lambda: json.dumps(_template(HUGE_BODY)), "LN001"),
    "huge-body.yaml": (_huge_yaml, "LN001"),
    "millions.json": (_millions, "NM002"),
    "many-values.json": (lambda: json.dumps([[[]] * 500] * 400), "FL009"),
    "many-values.yaml": (
        lambda: ("- [" + ", ".join(["1"] * 500) + "]\n") * 400,
        "FL009",
    ),
    "long-list.json": (
        lambda: json.dumps(_template("Hi", Components=[{}] * 5000)),
        "FL009",
    ),
    "long-list.yaml": (lambda: "Components:\n" + "  - {}\n" * 5000, "FL009"),
    "long-key.json": (lambda: json.dumps({"K" * 5_000_000: [[]] * 999}), "FL009"),
    "long-key.yaml": (lambda: "? " + "K" * 5_000_000 + "\n: [[], []]\n", "FL009"),
    "wire-form-components.json": (
        lambda: json.dumps(
            _template("x", Components=json.dumps([{"Type": "BODY", "Text": HUGE_BODY}]))
        ),
        "LN001",
    ),
}


@pytest.fixture(scope="module")
def monsters(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("monsters")
    write(root, {name: build() for name, (build, _) in MONSTERS.items()})
    with (root / "over-the-limit.json").open("wb") as stream:
        stream.truncate(MAX_FILE_BYTES + 1)  # sparse: takes no disk, and is never read
    write(root, {"good.json": GOOD})
    return root


@pytest.fixture(scope="module")
def monster_run(monsters: Path) -> Run:
    # The text report: what a person reads, and where a long line would show.
    return cli(".", cwd=monsters)


@pytest.mark.parametrize(("name", "code"), [(n, c) for n, (_, c) in MONSTERS.items()])
def test_a_monster_is_reported(monster_run: Run, name: str, code: str) -> None:
    assert monster_run.code == 1
    assert code in monster_run.text_codes(name)


def test_a_file_over_the_size_limit_is_refused_unread(monster_run: Run) -> None:
    assert monster_run.text_codes("over-the-limit.json") == {"FL009"}
    assert monster_run.text_codes("good.json") == set()


def test_the_limits_are_named_in_the_findings(monster_run: Run) -> None:
    messages = {
        line.split(":", 1)[0]: line
        for line in monster_run.stdout.splitlines()
        if " FL00" in line
    }
    assert f"{MAX_DEPTH} levels" in messages["deep-lists.json"]
    assert f"{MAX_VALUES:,} values" in messages["many-values.json"]
    assert f"{MAX_ITEMS:,} items" in messages["long-list.json"]
    assert f"{MAX_POINTER_CHARS:,} characters" in messages["long-key.json"]
    assert "64 MiB" in messages["over-the-limit.json"]


def test_no_report_line_quotes_a_monster_whole(monster_run: Run) -> None:
    assert longest_line(monster_run.stdout) < LONGEST_LINE
    assert monster_run.stderr == ""


# No code execution.


def test_a_python_tag_is_a_finding_and_is_never_run(tmp_path: Path) -> None:
    marker = tmp_path / "pwned"
    command = f"touch {marker}"
    write(
        tmp_path,
        {
            "apply.yaml": f"Name: !!python/object/apply:os.system [{command!r}]\n",
            "new.yaml": f"Name: !!python/object/new:os.system [{command!r}]\n",
            "name.yaml": "Name: !!python/name:os.system\n",
            "module.yaml": "Name: !!python/module:os\n",
            "root.yaml": f"!!python/object/apply:os.system [{command!r}]\n",
            "key.yaml": f"? !!python/object/apply:os.system [{command!r}]\n: x\n",
            "local.yaml": "Name: !shell touch pwned\n",
        },
    )
    run = cli("--format", "json", ".", cwd=tmp_path)
    assert run.code == 1
    for name in ("apply.yaml", "new.yaml", "name.yaml", "module.yaml", "root.yaml"):
        assert "FL007" in run.codes(name), name
    assert "FL007" in run.codes("key.yaml")
    assert "FL007" in run.codes("local.yaml")
    stdin = f"Name: !!python/object/apply:os.system [{command!r}]\n".encode()
    assert cli("-", stdin=stdin).code == 1
    assert not marker.exists()
    assert not (tmp_path / "pwned").exists()


# The file system.


@pytest.fixture
def odd_tree(tmp_path: Path) -> Path:
    root = tmp_path / "my templates"
    write(
        root,
        {
            "good.json": GOOD,
            "café 模板 ü.json": OTHER,
            "with space/x y.yaml": "Name: 1\n",
            "dir.json/inside.json": OTHER,  # a folder with a file's name: walked
        },
    )
    (root / "loop-a.json").symlink_to("loop-b.json")
    (root / "loop-b.json").symlink_to("loop-a.json")
    (root / "vanished.json").symlink_to("no-longer-here.json")
    (root / "up").symlink_to("..")  # a folder loop: never followed
    os.mkfifo(root / "fifo.json")  # no writer: must not wait for one
    with socket.socket(socket.AF_UNIX) as server:
        server.bind(str(root / "socket.json"))
    return root


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="POSIX file system")
def test_odd_files_are_reported_and_nothing_hangs(odd_tree: Path) -> None:
    run = cli("--format", "json", odd_tree.name, cwd=odd_tree.parent, timeout=60)
    assert run.code == 1
    name = odd_tree.name
    assert run.codes(f"{name}/good.json") == set()
    assert "SC003" in run.codes(f"{name}/café 模板 ü.json")
    assert "SC003" in run.codes(f"{name}/with space/x y.yaml")
    assert "SC003" in run.codes(f"{name}/dir.json/inside.json")
    assert run.codes(f"{name}/loop-a.json") == {"FL001"}
    assert run.codes(f"{name}/vanished.json") == {"FL001"}
    assert run.codes(f"{name}/socket.json") == {"FL001"}
    assert run.codes(f"{name}/fifo.json") == {"FL001"}  # found by a walk: never opened
    assert not any(v["file"].startswith(f"{name}/up/") for v in run.violations())


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="POSIX file system")
def test_odd_names_given_on_the_command_line_are_linted(odd_tree: Path) -> None:
    run = cli("café 模板 ü.json", "with space/x y.yaml", "fifo.json", cwd=odd_tree)
    assert run.code == 1
    assert "café 模板 ü.json:1:10: SC003" in run.stdout
    assert "with space/x y.yaml:1:7: SC003" in run.stdout
    assert "fifo.json:1:1: FL005" in run.stdout


@pytest.mark.skipif(sys.platform != "linux", reason="Linux file names are bytes")
def test_a_file_name_that_is_not_utf8_is_linted(tmp_path: Path) -> None:
    name = b"caf\xe9.json"  # Latin-1, as an old tool would write it: not UTF-8
    descriptor = os.open(os.fsencode(tmp_path) + b"/" + name, os.O_CREAT | os.O_WRONLY)
    os.write(descriptor, OTHER.encode())
    os.close(descriptor)
    write(tmp_path, {"good.json": GOOD})
    run = cli("--format", "json", ".", cwd=tmp_path)
    assert run.code == 1
    # Written with the byte visible, so that the report stays valid UTF-8.
    assert "SC003" in run.codes("caf\\xe9.json")


def _unprivileged() -> tuple[str, ...]:
    """A prefix that makes permissions bite: root reads anything otherwise."""
    if os.geteuid() != 0:
        return ()
    setpriv = shutil.which("setpriv")
    if setpriv is None:
        pytest.skip("running as root without setpriv: permissions cannot bite")
    return (setpriv, "--bounding-set=-dac_override,-dac_read_search")


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX permissions")
def test_unreadable_files_and_folders_are_reported(tmp_path: Path) -> None:
    # As root, the run drops the two capabilities that let root ignore modes.
    prefix = _unprivileged()
    write(tmp_path, {"good.json": GOOD, "secret.json": GOOD, "locked/in.json": GOOD})
    (tmp_path / "secret.json").chmod(0)
    (tmp_path / "locked").chmod(0)
    try:
        run = cli("--format", "json", ".", cwd=tmp_path, prefix=prefix)
    finally:
        (tmp_path / "locked").chmod(0o755)
    assert run.code == 1
    assert run.codes("secret.json") == {"FL001"}
    assert run.codes("locked") == {"FL001"}
    assert run.codes("good.json") == set()
    assert "Permission denied" in run.stdout


@pytest.mark.skipif(not Path("/proc/self/mem").exists(), reason="Linux /proc")
def test_a_file_that_fails_to_read_is_reported() -> None:
    # Opens fine, even for root, but reading from its start fails.
    run = cli("/proc/self/mem", "examples/templates")
    assert run.code == 1
    assert "/proc/self/mem:1:1: FL001" in run.stdout


# The process: pipes, closed streams and Ctrl-C.


@pytest.fixture(scope="module")
def noisy_tree(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Enough findings to fill a pipe's buffer many times over."""
    root = tmp_path_factory.mktemp("noisy")
    write(root, {f"t{i:04}.json": OTHER for i in range(400)})
    return root


def test_output_into_a_closed_pipe_ends_quietly(noisy_tree: Path) -> None:
    script = (
        f'"{sys.executable}" -m chatapp_lint . | head -1; exit "${{PIPESTATUS[0]}}"'
    )
    done = subprocess.run(
        ["bash", "-c", script],
        capture_output=True,
        cwd=noisy_tree,
        timeout=60,
        check=False,
    )
    assert done.stderr == b""
    assert len(done.stdout.splitlines()) == 1
    assert done.returncode == 1


@pytest.mark.parametrize(
    "args",
    [
        ["."],
        ["--format", "json", "."],
        ["--format", "sarif", "."],
        ["--version"],
        ["rules"],
        ["rule", "TX001"],
    ],
)
def test_a_reader_gone_before_the_start_ends_quietly(
    noisy_tree: Path, args: list[str]
) -> None:
    reading, writing = os.pipe()
    os.close(reading)  # every write fails with EPIPE
    try:
        done = subprocess.run(
            [sys.executable, "-m", "chatapp_lint", *args],
            stdout=writing,
            stderr=subprocess.PIPE,
            cwd=noisy_tree,
            timeout=60,
            check=False,
        )
    finally:
        os.close(writing)
    assert done.stderr == b""
    assert done.returncode == 1  # the report was not delivered: never 0


@pytest.mark.parametrize(
    ("target", "status"), [("examples/bad", 1), ("examples/templates", 0)]
)
def test_a_closed_stdout_is_like_dev_null(target: str, status: int) -> None:
    script = f'"{sys.executable}" -m chatapp_lint {target} >&-'
    done = subprocess.run(
        ["bash", "-c", script], capture_output=True, cwd=ROOT, timeout=60, check=False
    )
    assert done.stderr == b""
    assert done.returncode == status


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="POSIX FIFOs")
def test_ctrl_c_ends_with_130_and_one_line(noisy_tree: Path, tmp_path: Path) -> None:
    # The linter walks a large tree and then waits on a FIFO named after it,
    # whose writer (a thread here) stays silent: it is certainly mid-run when
    # SIGINT arrives (a FIFO found by the walk itself would never be opened).
    tree = tmp_path / "tree"
    shutil.copytree(noisy_tree, tree)
    gate = tmp_path / "zz-gate.json"
    os.mkfifo(gate)
    opened = threading.Event()
    writers: list[Any] = []

    def hold_open() -> None:
        writers.append(gate.open("wb"))  # returns once the linter opened it
        opened.set()

    holder = threading.Thread(target=hold_open, daemon=True)
    holder.start()
    process = subprocess.Popen(
        [sys.executable, "-m", "chatapp_lint", str(tree), str(gate)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    try:
        assert opened.wait(timeout=60), "the linter never reached the FIFO"
        process.send_signal(signal.SIGINT)
        stdout, stderr = process.communicate(timeout=60)
    finally:
        process.kill()
        process.communicate()
        if not opened.is_set():  # release the thread still waiting for a reader
            os.close(os.open(gate, os.O_RDONLY | os.O_NONBLOCK))
        holder.join(timeout=5)
        for writer in writers:
            writer.close()
    assert process.returncode == 130
    # One line; click writes a blank one first, to close the terminal's ^C.
    assert stderr.decode().strip() == "chatapp-lint: interrupted."
    assert stderr.count(b"\n") <= 2
    assert stdout == b""


# TX001, drawn by hypothesis like every rule's breakage (tests/breakages.py).


def _control_character_in_body(t: Template) -> str:
    index = index_of(t, "BODY")
    t["Components"][index]["Text"] = "Your order has shipped\x07 and arrives tomorrow."
    return f"/Components/{index}/Text"


BREAKAGES = (Breakage("TX001", lambda t: has(t, "BODY"), _control_character_in_body),)
"""For `tests/test_engine_properties.py`'s `BREAKAGES` (the lead merges it there)."""


@pytest.mark.parametrize("breakage", BREAKAGES, ids=lambda b: b.code)
@given(data=st.data())
def test_a_control_character_breakage_is_caught(
    breakage: Breakage, data: st.DataObject
) -> None:
    broken = copy.deepcopy(data.draw(breakage.source()))
    pointer = breakage.apply(broken)
    found = {(v.code, v.pointer) for v in lint(broken)}
    assert (breakage.code, pointer) in found


# Messages never quote a long value whole: every string of every case base, made long.


def _leaves(value: Any, pointer: str = "") -> Iterator[str]:
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _leaves(item, join(pointer, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _leaves(item, join(pointer, index))
    elif isinstance(value, str):
        yield pointer


def _replaced(template: Any, pointer: str, value: Any) -> Any:
    copied = copy.deepcopy(template)
    *path, last = split(pointer)
    node = copied
    for token in path:
        node = node[int(token)] if isinstance(node, list) else node[token]
    node[int(last) if isinstance(node, list) else last] = value
    return copied


LEAVES = [
    (name, pointer) for name, base in bases().items() for pointer in _leaves(base)
]
ALL = Selection.build(ALL_RULES, extend_select=[r.code for r in ALL_RULES if r.opt_in])


@pytest.mark.parametrize(
    ("base", "pointer"), LEAVES, ids=[f"{b}{p}" for b, p in LEAVES]
)
def test_no_message_quotes_a_long_value_whole(base: str, pointer: str) -> None:
    for long in ("Z" * 100_000, "z" * 100_000):
        template = _replaced(bases()[base], pointer, long)
        for violation in lint(template, selection=ALL):
            assert len(violation.message) < LONGEST_LINE, violation.code


def test_keys_names_and_types_are_quoted_short_too(tmp_path: Path) -> None:
    # The values rules quote most: names, languages, types, formats, sample
    # names (VR004) and a name used twice across files (XF001).
    long = "Z" * 100_000
    templates = [
        _replaced(bases()[base], pointer, long)
        for base, pointer in LEAVES
        if pointer in {"/Name", "/Language"} or pointer.endswith(("/Type", "/Format"))
    ]
    utility = copy.deepcopy(bases()["whatsapp-utility"])
    utility["Example"] = {"k" * 1000: "sample"}
    templates.append(utility)
    messages = [v.message for t in templates for v in lint(t, selection=ALL)]
    twin = _replaced(bases()["whatsapp-utility"], "/Name", "n" * 1000)
    write(tmp_path, {"a.json": json.dumps(twin), "b.json": json.dumps(twin)})
    messages += [v.message for v in lint_paths([tmp_path])]
    assert max(len(message) for message in messages) < LONGEST_LINE


# Wire form, suppressions, file names and odd types: found by fuzzing and by hand.


def test_a_wire_form_string_is_held_to_the_loader_limits(tmp_path: Path) -> None:
    # `Components` and `Example` may be JSON strings; what they hold must not
    # escape the limits a file is held to (6 MB of them once took 8.5 GB).
    inner = json.dumps([[]] * (MAX_VALUES + 1))
    write(tmp_path, {"wire.json": json.dumps(_template("Hi", Example=inner))})
    run = cli("wire.json", cwd=tmp_path)
    assert run.code == 1
    assert f"{MAX_VALUES:,} values" in run.stdout


def test_a_lone_surrogate_in_a_wire_form_string_is_a_finding(tmp_path: Path) -> None:
    # A reporter cannot write a lone surrogate as UTF-8: it must not get one.
    components = '[{"Type": "BODY", "Text": "Hi \\ud800 there"}]'
    write(tmp_path, {"wire.json": json.dumps(_template("Hi", Components=components))})
    run = cli("--format", "json", "wire.json", cwd=tmp_path)
    assert run.code == 1
    assert "SC007" in run.codes("wire.json")


def test_a_suppression_comment_full_of_spaces_is_read_fast(tmp_path: Path) -> None:
    # A pattern that backtracks took minutes on this line; the timeout is a hang
    # guard, far above the milliseconds it takes.
    line = "# chatapp-lint: disable=TX001" + " " * 200_000 + "!\n"
    write(tmp_path, {"t.yaml": line + "Name: 1\n"})
    assert cli("t.yaml", cwd=tmp_path, timeout=60).code == 1


def test_a_file_name_cannot_forge_a_report_line(tmp_path: Path) -> None:
    write(tmp_path, {"x\nAll clean: 0 files, 0 templates checked.\n.json": OTHER})
    run = cli(".", cwd=tmp_path)
    assert run.code == 1
    assert "\nAll clean" not in run.stdout


def test_a_component_type_that_is_a_list_is_a_finding(tmp_path: Path) -> None:
    # An unhashable Type once crashed the checks across files, and the whole run.
    component = '{"Type": [], "Text": "Your order has shipped."}'
    write(tmp_path, {"t.json": f'{{"Components": [{component}]}}', "good.json": GOOD})
    run = cli("--format", "json", ".", cwd=tmp_path)
    assert run.code == 1
    assert "SC003" in run.codes("t.json")
    assert run.codes("good.json") == set()
