"""Time `--diff` and `--fix` on one file of many templates, and their peak memory.

Run from the repository root:

    .venv/bin/python benchmarks/fix_large.py [--templates 1000]

Matching lines with `difflib.SequenceMatcher(autojunk=False)` made this cubic:
200 YAML templates took 17 s and 900 more than ten minutes. The target is a
file of 1,000 templates fixed in seconds; each run is a fresh process, and its
peak resident memory is read from the kernel (`ru_maxrss` of the child).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

TARGET_SECONDS = 15.0  # per run of 1,000 templates, on a shared 2-core machine

YAML_TEMPLATE = """\
- TemplateType: WHATSAPP
  Name: order_update_{n}
  Language: en-US  # fixed to en_US
  Category: UTILITY
  Components:
    - Type: BODY
      Text: Hello $(name), your order {n} has shipped.
  Example:
    name: Ana
"""


def _files(directory: Path, count: int) -> list[Path]:
    yaml_file = directory / "many.yaml"
    yaml_file.write_text("".join(YAML_TEMPLATE.format(n=n) for n in range(count)))
    json_file = directory / "many.json"
    templates = [
        {
            "TemplateType": "WHATSAPP",
            "Name": f"order_update_{n}",
            "Language": "en-US",
            "Category": "UTILITY",
            "Components": [{"Type": "BODY", "Text": f"Hello $(name), order {n}."}],
            "Example": {"name": "Ana"},
        }
        for n in range(count)
    ]
    json_file.write_text(json.dumps(templates, indent=2) + "\n")
    return [yaml_file, json_file]


def _measure(args: list[str]) -> tuple[float, float]:
    """Seconds and peak MiB of one run of the command line in a new process."""
    started = time.perf_counter()
    process = subprocess.Popen(
        [sys.executable, "-m", "chatapp_lint", *args],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    _, _, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - started
    process.returncode = 0  # reaped here, not by Popen
    return elapsed, usage.ru_maxrss / 1024


def main() -> int:
    """Print one line per run; exit 1 if a run misses the target."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--templates", type=int, default=1_000)
    count = parser.parse_args().templates
    missed = False
    with tempfile.TemporaryDirectory() as directory:
        for path in _files(Path(directory), count):
            for mode in ("--diff", "--fix"):
                seconds, peak = _measure([mode, str(path)])
                missed |= count <= 1_000 and seconds > TARGET_SECONDS
                print(
                    f"{path.suffix:6} {mode:7} {count:,} templates: "
                    f"{seconds:6.2f} s, peak {peak:6.1f} MiB"
                )
    return 1 if missed else 0


if __name__ == "__main__":
    raise SystemExit(main())
