"""Measure chatapp-lint's speed and memory against its targets, as ratios.

Run from the repository root, in an environment with the `bench` extra:

    python -m venv .venv-bench && .venv-bench/bin/pip install -e '.[bench]'
    .venv-bench/bin/python benchmarks/run.py

Everything is measured side by side in one run on this machine, the runs of the
commands compared interleaved, so the ratios
mean the same on any machine:

- start-up: `--version` and one JSON (and one YAML) file against bare Python;
- the tree (2,000 files; JSON and YAML apart) against the floor, a bare process
  that reads, parses and validates the same files with a precompiled validator
  (benchmarks/floor.py), and against check-jsonschema;
- the pre-commit case: 5 changed files, against the floor on the same 5;
- memory: the peak of a 20,000 and a 100,000-file run, with `--jobs 1` and with
  workers (`--big 0` leaves the 100,000 out: generating it takes minutes);
- in-process `lint()`: valid templates per second, and what an invalid one costs.
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
FLOOR = ROOT / "benchmarks" / "floor.py"
CONFIGURATION = """\
# A typical project's configuration: rules chosen, one ignored for some files.
select = ["ALL"]
ignore = ["XF002"]
exclude = ["drafts"]

[per-file-ignores]
"legacy/*.json" = ["DP"]
"""
TARGETS = {
    "version": 1.3,
    "one_file": 5.0,
    "tree_vs_floor": 2.0,
    "tree_vs_check_jsonschema": 0.5,
    "templates_per_second": 20_000,
    "invalid_vs_valid": 3.0,
    "big_peak_mb": 100,
    # "Flat from 20,000 files on": the 100,000-file peak within 10% of the 20,000's.
    "big_over_20k": 1.1,
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


def timed(
    *commands: Sequence[str], runs: int, cwds: Sequence[Path | None] = ()
) -> list[float]:
    """The median wall time of each command, their runs interleaved.

    Each command runs once untimed, then `runs` rounds run each command once in
    turn: a machine that slows down or speeds up meanwhile affects all of them
    alike, so the ratios between them hold. A command runs in its folder in
    `cwds` (where it looks for a configuration file), if given, else in the
    working directory of the benchmark.
    """
    folders = list(cwds) or [None] * len(commands)

    def run(command: Sequence[str], folder: Path | None) -> float:
        start = time.perf_counter()
        subprocess.run(
            command, capture_output=True, check=False, env=ENVIRONMENT, cwd=folder
        )
        return time.perf_counter() - start

    for command, folder in zip(commands, folders, strict=True):
        run(command, folder)
    times: list[list[float]] = [[] for _ in commands]
    for _ in range(runs):
        for command, folder, taken in zip(commands, folders, times, strict=True):
            taken.append(run(command, folder))
    return [statistics.median(taken) for taken in times]


def peak_memory_mb(command: Sequence[str], cwd: Path | None = None) -> float:
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
        cwd=cwd,
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


def invalid_cost(paths: list[Path], seconds: float) -> float:
    """How many times a valid template's time an invalid one costs in `lint()`.

    Each invalid template is a valid one with one mistake, cycling through the
    usual kinds: a value in the wrong case, a misspelt member, a component of
    an unknown type, a number where a string belongs.
    """
    import copy

    from chatapp_lint import lint

    valid = [
        json.loads(p.read_text(encoding="utf-8")) for p in paths if p.suffix == ".json"
    ][:200]
    mistakes = [
        lambda t: t.update(Category=str(t.get("Category", "")).lower()),
        lambda t: t.update(Langauge="en_US"),
        lambda t: t["Components"][-1].update(Type="BUTTON"),
        lambda t: t.update(Name=12),
    ]
    invalid = []
    for index, template in enumerate(valid):
        broken = copy.deepcopy(template)
        mistakes[index % len(mistakes)](broken)
        invalid.append(broken)

    for template in [*valid[:50], *invalid[:50]]:
        lint(template)  # warm caches, as templates_per_second does
    # Passes over the two sets alternate, so that a change in the machine's speed
    # meanwhile weighs on both alike.
    spent = {"valid": 0.0, "invalid": 0.0}
    started = time.perf_counter()
    while time.perf_counter() - started < 2 * seconds:
        for kind, templates in (("valid", valid), ("invalid", invalid)):
            start = time.perf_counter()
            for template in templates:
                lint(template)
            spent[kind] += time.perf_counter() - start
    return spent["invalid"] / spent["valid"]


def measure_peaks(
    scratch: Path, lint_command: list[str], sizes: Sequence[int]
) -> dict[int, tuple[float, float]]:
    """Peak MB of a run over a tree of each size: with `--jobs 1`, and with workers."""
    peaks = {}
    for size in sizes:
        if not size:
            continue
        big = scratch / f"big{size}"
        make_tree(big, size)
        peaks[size] = (
            peak_memory_mb([*lint_command, "-q", "--jobs", "1", str(big)]),
            peak_memory_mb([*lint_command, "-q", str(big)]),
        )
        shutil.rmtree(big)
    return peaks


def flatness_lines(
    peaks: dict[int, tuple[float, float]], big: int
) -> tuple[list[str], list[str]]:
    """How memory grows past 20,000 files: a figure, and the verdict on flatness."""
    if 20_000 not in peaks or big not in peaks or big == 20_000:
        return [], []
    small, large = peaks[20_000][0], peaks[big][0]
    per_file = (large - small) * 1e6 / (big - 20_000)
    figure = f"  growth from 20,000 to {big:,} files with --jobs 1: {per_file:,.0f} bytes a file"
    verdict = report(
        f"peak at {big:,} / at 20,000, --jobs 1",
        large / small,
        TARGETS["big_over_20k"],
        float.__le__,
    )
    return [figure], [verdict]


def report(
    name: str, value: float, target: float, better: Callable[[float, float], bool]
) -> str:
    verdict = "met" if better(value, target) else "NOT met"
    return f"{name:<40} {value:>12,.2f}   target {target:>10,}   {verdict}"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--files", type=int, default=2000)
    parser.add_argument("--big", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    lint_command = [str(BIN / "chatapp-lint")]
    floor = [sys.executable, str(FLOOR)]
    check_jsonschema = shutil.which("check-jsonschema", path=str(BIN)) or shutil.which(
        "check-jsonschema"
    )
    with tempfile.TemporaryDirectory() as scratch:
        # Run from a folder with no configuration file, as in most projects (the
        # repository's own pyproject.toml would be parsed by every run); the
        # one-file case is measured again beside a configuration file.
        os.chdir(scratch)
        configured = Path(scratch) / "configured"
        configured.mkdir()
        (configured / ".chatapp-lint.toml").write_text(CONFIGURATION, encoding="utf-8")
        tree = Path(scratch) / "tree"
        paths = make_tree(tree, args.files)
        json_files = [str(p) for p in paths if p.suffix == ".json"]
        yaml_files = [str(p) for p in paths if p.suffix != ".json"]
        one, one_yaml = json_files[0], yaml_files[0]
        changed = [*json_files[:3], *yaml_files[:2]]
        bare, version, one_file, one_yaml_file, one_configured = timed(
            [sys.executable, "-c", "pass"],
            [*lint_command, "--version"],
            [*lint_command, one],
            [*lint_command, one_yaml],
            [*lint_command, one],
            runs=args.runs,
            cwds=[None, None, None, None, configured],
        )
        tree_commands = [
            [*lint_command, "--quiet", str(tree)],
            [*lint_command, "--quiet", "--jobs", "1", str(tree)],
            [*floor, str(tree)],
        ]
        if check_jsonschema:
            schema = [check_jsonschema, "--schemafile", str(SCHEMA)]
            tree_commands.append([*schema, *map(str, paths)])
        whole, whole_alone, floor_tree, *schema_time = timed(*tree_commands, runs=3)
        schema_only = schema_time[0] if schema_time else float("nan")
        json_alone, json_floor = timed(
            [*lint_command, "-q", "--jobs", "1", *json_files],
            [*floor, *json_files],
            runs=5,
        )
        yaml_alone, yaml_floor = timed(
            [*lint_command, "-q", "--jobs", "1", *yaml_files],
            [*floor, *yaml_files],
            runs=5,
        )
        five, five_floor = timed(
            [*lint_command, *changed], [*floor, *changed], runs=args.runs
        )
        rate = templates_per_second(paths, seconds=3)
        invalid = invalid_cost(paths, seconds=2)
        peaks = measure_peaks(Path(scratch), lint_command, (20_000, args.big))
        os.chdir(ROOT)  # out of the folder about to be removed
    growth, flatness = flatness_lines(peaks, args.big)
    lines = [
        f"machine: {os.cpu_count()} cores, Python {sys.version.split()[0]};"
        f" {time.strftime('%Y-%m-%d')}; bare python start-up {bare * 1000:.1f} ms",
        f"--version {version * 1000:.1f} ms; one JSON file {one_file * 1000:.1f} ms"
        f" ({one_file / bare:.2f}x bare); one YAML file {one_yaml_file * 1000:.1f} ms"
        f" ({one_yaml_file / bare:.2f}x bare); one JSON file beside a configuration"
        f" file {one_configured * 1000:.1f} ms ({one_configured / bare:.2f}x bare)",
        f"tree of {args.files:,} files: {whole:.2f} s ({whole_alone:.2f} s with --jobs 1);"
        f" floor {floor_tree:.2f} s; check-jsonschema {schema_only:.2f} s",
        f"  JSON only ({len(json_files):,}): {json_alone:.2f} s, floor {json_floor:.2f} s"
        f" ({json_alone / json_floor:.2f}x)",
        f"  YAML only ({len(yaml_files):,}): {yaml_alone:.2f} s, floor {yaml_floor:.2f} s"
        f" ({yaml_alone / yaml_floor:.2f}x)",
        f"pre-commit, 5 files: {five * 1000:.1f} ms, floor {five_floor * 1000:.1f} ms"
        f" ({five / five_floor:.2f}x)",
        *(
            f"peak memory at {size:,} files: {alone:.1f} MB with --jobs 1,"
            f" {shared:.1f} MB with workers (the largest process)"
            for size, (alone, shared) in peaks.items()
        ),
        *growth,
        f"lint(): {rate:,.0f} valid templates/s; an invalid one costs {invalid:.2f}x",
        "",
        report(
            "--version / bare python", version / bare, TARGETS["version"], float.__le__
        ),
        report(
            "one JSON file / bare python",
            one_file / bare,
            TARGETS["one_file"],
            float.__le__,
        ),
        report(
            "JSON tree (--jobs 1) / floor",
            json_alone / json_floor,
            TARGETS["tree_vs_floor"],
            float.__le__,
        ),
        report(
            "YAML tree (--jobs 1) / floor",
            yaml_alone / yaml_floor,
            TARGETS["tree_vs_floor"],
            float.__le__,
        ),
        report(
            "tree / check-jsonschema",
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
            "invalid / valid template, in-process",
            invalid,
            TARGETS["invalid_vs_valid"],
            float.__le__,
        ),
        *(
            report(
                f"peak MB at {size:,} files, --jobs 1",
                alone,
                TARGETS["big_peak_mb"],
                float.__le__,
            )
            for size, (alone, _) in peaks.items()
            if size == args.big
        ),
        *flatness,
    ]
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
