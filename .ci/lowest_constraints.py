"""Print pip constraints pinning each dependency to the lowest version pyproject.toml allows.

`pip install -c CONSTRAINTS -e '.[dev]'` then installs the oldest releases this
project says it supports (the lowest of the direct dependencies; theirs are
pip's choice), so that CI finds out when a lower bound is no longer true. A
requirement without a lower bound (`types-PyYAML`) is left to pip.
"""

from __future__ import annotations

import re
import sys
import tomllib
from pathlib import Path

_REQUIREMENT = re.compile(
    r"^\s*(?P<name>[A-Za-z0-9][A-Za-z0-9._-]*)\s*(?:\[[^\]]*\])?\s*"
    r"(?P<specifiers>[^;]*)(?:;(?P<marker>.*))?$"
)
_LOWER = re.compile(r"^\s*(?:>=|==|~=)\s*(?P<version>[^\s,]+)\s*$")


def lowest_pins(pyproject: Path) -> list[str]:
    """`name==version` for each requirement with a lower bound, markers kept."""
    project = tomllib.loads(pyproject.read_text(encoding="utf-8"))["project"]
    own = _normalised(project["name"])
    requirements = [
        *project.get("dependencies", []),
        *(
            r
            for extra in project.get("optional-dependencies", {}).values()
            for r in extra
        ),
    ]
    pins: dict[str, str] = {}
    for requirement in requirements:
        match = _REQUIREMENT.match(requirement)
        if match is None:
            raise SystemExit(f"cannot read the requirement {requirement!r}")
        name = _normalised(match["name"])
        lower = _lower_bound(match["specifiers"])
        if name == own or lower is None:
            continue
        marker = f"; {match['marker'].strip()}" if match["marker"] else ""
        pin = f"{match['name']}=={lower}{marker}"
        if pins.setdefault(name, pin) != pin:
            raise SystemExit(f"{name} has two lower bounds: {pins[name]!r}, {pin!r}")
    return sorted(pins.values(), key=str.lower)


def _lower_bound(specifiers: str) -> str | None:
    for specifier in specifiers.split(","):
        match = _LOWER.match(specifier)
        if match is not None:
            return match["version"]
    return None


def _normalised(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


if __name__ == "__main__":
    root = Path(__file__).resolve().parent.parent
    sys.stdout.write(
        "".join(pin + "\n" for pin in lowest_pins(root / "pyproject.toml"))
    )
