"""Measure chatapp-lint's speed and memory against its targets, as ratios.

Run from the repository root, in an environment with the `bench` extra:

    python -m venv .venv-bench && .venv-bench/bin/pip install -e '.[bench]'
    .venv-bench/bin/python benchmarks/run.py

Everything is measured side by side in one run on this machine, so the ratios
mean the same on any machine: start-up against bare Python, a 2,000-file lint
against check-jsonschema's schema-only check of the same files, templates per
second in-process, and the peak memory of the 2,000-file run.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples" / "templates"
SCHEMA = ROOT / "schemas" / "create-chatapp-template.schema.json"
BIN = Path(sys.executable).parent
TARGETS = {
    "version": 1.3,
    "one_file": 2.0,
    "tree_vs_check_jsonschema": 0.5,
    "templates_per_second": 20_000,
    "peak_mb": 150,
}


def make_tree(directory: Path, count: int) -> list[Path]:
    """`count` files cycling through every example kind, each its own template.

    Each has its own name and its own body text (a number added to it), as a
    company's templates have: copies of one body would make every file a
    duplicate-content finding, and the run a report of `count` warnings.
    """
    import yaml

    kinds = sorted(EXAMPLES.iterdir())
    paths = []
    for index in range(count):
        source = kinds[index % len(kinds)]
        suffix = source.suffix
        text = source.read_text(encoding="utf-8")
        data = json.loads(text) if suffix == ".json" else yaml.safe_load(text)
        data["Name"] = f"{source.stem.replace('-', '_')}_{index:05d}"
        for component in data.get("Components", []):
            if component.get("Type") == "BODY" and component.get("Text"):
                component["Text"] += f" Ref {index}."
        if suffix == ".json":
            text = json.dumps(data, indent=2, ensure_ascii=False)
        else:
            text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
        path = directory / f"group{index % 20:02d}" / f"{data['Name']}{suffix}"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text + "\n", encoding="utf-8")
        paths.append(path)
    return paths


# Bytecode is written and reused, as after a real install (pip compiles it then);
# with PYTHONDONTWRITEBYTECODE every run would compile the package from source.
ENVIRONMENT = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def timed(command: Sequence[str], runs: int) -> float:
    """The median wall time of `runs` runs of a command, after one untimed run."""
    subprocess.run(command, capture_output=True, check=False, env=ENVIRONMENT)
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(command, capture_output=True, check=False, env=ENVIRONMENT)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def peak_memory_mb(command: Sequence[str]) -> float:
    """The peak resident memory of one run of a command, in MB.

    With worker processes this is the largest of the processes, not their sum
    (forked workers share most of their pages with the parent).
    """
    runner = (
        "import resource, subprocess, sys;"
        "subprocess.run(sys.argv[1:], capture_output=True);"
        "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)"
    )
    done = subprocess.run(
        [sys.executable, "-c", runner, *command],
        capture_output=True,
        text=True,
        check=True,
        env=ENVIRONMENT,
    )
    return int(done.stdout) / 1024


def templates_per_second(paths: list[Path], seconds: float) -> float:
    """In-process `chatapp_lint.lint()` throughput on one core."""
    from chatapp_lint import lint

    templates = [
        json.loads(p.read_text(encoding="utf-8")) for p in paths if p.suffix == ".json"
    ]
    for template in templates[:50]:
        lint(template)  # warm caches: the schema validator, the dispatch tables
    done = 0
    start = time.perf_counter()
    while time.perf_counter() - start < seconds:
        for template in templates:
            lint(template)
        done += len(templates)
    return done / (time.perf_counter() - start)


def report(
    name: str, value: float, target: float, better: Callable[[float, float], bool]
) -> str:
    verdict = "met" if better(value, target) else "NOT met"
    return f"{name:<40} {value:>12,.2f}   target {target:>10,}   {verdict}"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--files", type=int, default=2000)
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    lint_command = [str(BIN / "chatapp-lint")]
    check_jsonschema = shutil.which("check-jsonschema", path=str(BIN)) or shutil.which(
        "check-jsonschema"
    )
    bare = timed([sys.executable, "-c", "pass"], args.runs)
    with tempfile.TemporaryDirectory() as scratch:
        tree = Path(scratch)
        paths = make_tree(tree, args.files)
        one = next(str(p) for p in paths if p.suffix == ".json")
        one_yaml = next(str(p) for p in paths if p.suffix == ".yaml")
        version = timed([*lint_command, "--version"], args.runs)
        one_file = timed([*lint_command, one], args.runs)
        one_yaml_file = timed([*lint_command, one_yaml], args.runs)
        whole = timed([*lint_command, "--quiet", str(tree)], 3)
        schema_only = (
            timed([check_jsonschema, "--schemafile", str(SCHEMA), *map(str, paths)], 3)
            if check_jsonschema
            else float("nan")
        )
        one_schema_only = (
            timed([check_jsonschema, "--schemafile", str(SCHEMA), one], args.runs)
            if check_jsonschema
            else float("nan")
        )
        peak = peak_memory_mb([*lint_command, "--quiet", str(tree)])
        peak_alone = peak_memory_mb(
            [*lint_command, "--quiet", "--jobs", "1", str(tree)]
        )
        whole_alone = timed([*lint_command, "--quiet", "--jobs", "1", str(tree)], 3)
        rate = templates_per_second(paths, seconds=3)
    lines = [
        f"bare python start-up: {bare * 1000:.1f} ms; files: {args.files}; cores: {os.cpu_count()}",
        f"chatapp-lint --version: {version * 1000:.1f} ms; one JSON file: "
        f"{one_file * 1000:.1f} ms; one YAML file: {one_yaml_file * 1000:.1f} ms "
        f"({one_yaml_file / bare:.2f}x bare python)",
        f"check-jsonschema on the JSON file: {one_schema_only * 1000:.1f} ms "
        f"({one_schema_only / bare:.2f}x bare python)",
        f"chatapp-lint on the tree: {whole:.2f} s ({whole_alone:.2f} s with --jobs 1, "
        f"{whole_alone / schema_only:.2f}x); check-jsonschema on it: {schema_only:.2f} s",
        f"peak memory with --jobs 1: {peak_alone:.1f} MB",
        "",
        report(
            "--version / bare python", version / bare, TARGETS["version"], float.__le__
        ),
        report(
            "one-file lint / bare python",
            one_file / bare,
            TARGETS["one_file"],
            float.__le__,
        ),
        report(
            "tree lint / check-jsonschema",
            whole / schema_only,
            TARGETS["tree_vs_check_jsonschema"],
            float.__le__,
        ),
        report(
            "templates per second, in-process",
            rate,
            TARGETS["templates_per_second"],
            float.__ge__,
        ),
        report(
            "peak memory of the tree run, MB", peak, TARGETS["peak_mb"], float.__le__
        ),
    ]
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
