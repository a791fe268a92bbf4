"""The wheel ships what an installed chatapp-lint needs: the schema and the type marker."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from importlib import resources
from pathlib import Path

ROOT = Path(__file__).parent.parent


def test_the_wheel_holds_the_schema_and_py_typed(tmp_path: Path) -> None:
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "-q",
            "--no-deps",
            "-w",
            str(tmp_path),
            str(ROOT),
        ],
        check=True,
        capture_output=True,
        timeout=300,
    )
    (wheel,) = tmp_path.glob("chatapp_lint-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    assert "chatapp_lint/schemas/create-chatapp-template.schema.json" in names
    assert "chatapp_lint/schemas/template-file.schema.json" in names
    assert "chatapp_lint/py.typed" in names
    # The language server links each diagnostic to its rule's entry here.
    assert "chatapp_lint/rules.md" in names
    assert "chatapp_lint/preview/templates/message.html.j2" in names
    assert "chatapp_lint/preview/templates/preview.css" in names
    assert not any(name.startswith("tests/") for name in names)


def test_the_installed_package_finds_its_schema() -> None:
    schema = (
        resources.files("chatapp_lint")
        / "schemas"
        / "create-chatapp-template.schema.json"
    )
    assert schema.is_file()
    assert (ROOT / "schemas" / "create-chatapp-template.schema.json").read_text(
        encoding="utf-8"
    ) == schema.read_text(encoding="utf-8")
