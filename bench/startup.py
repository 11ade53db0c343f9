"""Whole-process start-up of `tfvarfix check`: what a pre-commit hook or an editor's save pays per run.

    python bench/startup.py                  # 15 interleaved runs of each command
    python bench/startup.py --runs 31

Three runs a user makes often, each a fresh process (`python -m tfvarfix check FILE -q --exit-zero` in a scratch
project with its own cache):
- `no TF/Keras`: a file that never mentions TensorFlow or Keras (answered without a parse);
- `cache hit`: a TF/Keras file already checked, unchanged (answered from the result cache, without a parse);
- `cold small TF file`: testdata/TFV103/bad.py with `--no-cache` (parse, analysis, rules, output).
Each is measured twice, on a copy of the package made for the run (found first on `PYTHONPATH`):
- `bytecode`: the copy compiled first (`compileall`), as `pip install` leaves a package;
- `source`: no bytecode and `PYTHONDONTWRITEBYTECODE=1`, as an editable checkout runs in CI and in this
  repository's venv: every module is compiled from source on every start.
Floors, measured the same way: `python -c pass`, and `python -c "import libcst"` (the parse needs libcst; its
import builds some 300 node classes). Commands are run round-robin (one of each per round) so that a change in
the machine's load falls on all of them alike; medians and the spread are in milliseconds of wall time.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def _package_copy(root: Path, compiled: bool) -> Path:
    site = root / ("bytecode" if compiled else "source")
    shutil.copytree(REPO / "tfvarfix", site / "tfvarfix", ignore=shutil.ignore_patterns("__pycache__"))
    if compiled:
        subprocess.run([sys.executable, "-m", "compileall", "-q", str(site / "tfvarfix")], check=True)
    return site


def _project(root: Path) -> Path:
    project = root / "project"
    project.mkdir()
    (project / "pyproject.toml").write_text("[tool.tfvarfix]\n", encoding="utf-8")
    (project / "plain.py").write_text("def add(a, b):\n    return a + b\n", encoding="utf-8")
    shutil.copy(REPO / "testdata" / "TFV103" / "bad.py", project / "model.py")
    return project


def _time(command: list[str], cwd: Path, env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run(command, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="tfvarfix-startup-") as scratch:
        root = Path(scratch)
        project = _project(root)
        sites = {"bytecode": _package_copy(root, True), "source": _package_copy(root, False)}
        base = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PYTHONDONTWRITEBYTECODE")}
        commands: dict[str, tuple[list[str], dict[str, str]]] = {
            "python -c pass": ([sys.executable, "-c", "pass"], base),
            "python -c 'import libcst'": ([sys.executable, "-c", "import libcst"], base),
        }
        check = [sys.executable, "-m", "tfvarfix", "check", "-q", "--exit-zero"]
        for kind, site in sites.items():
            env = {**base, "PYTHONPATH": str(site)}
            if kind == "source":
                env["PYTHONDONTWRITEBYTECODE"] = "1"
            subprocess.run([*check, "model.py"], cwd=project, env=env, check=False, capture_output=True)  # fills
            commands[f"no TF/Keras ({kind})"] = ([*check, "plain.py"], env)
            commands[f"cache hit ({kind})"] = ([*check, "model.py"], env)
            commands[f"cold small TF file ({kind})"] = ([*check, "model.py", "--no-cache"], env)
        times: dict[str, list[float]] = {name: [] for name in commands}
        for _ in range(args.runs):
            for name, (command, env) in commands.items():
                times[name].append(_time(command, project, env))
    load = os.getloadavg()[0]
    print(f"{args.runs} interleaved runs each; load average {load:.2f}; {os.cpu_count()} cores\n")
    print("| run | median ms | min | max |")
    print("|---|---:|---:|---:|")
    for name, samples in times.items():
        ms = [s * 1000 for s in samples]
        print(f"| {name} | {statistics.median(ms):.0f} | {min(ms):.0f} | {max(ms):.0f} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
