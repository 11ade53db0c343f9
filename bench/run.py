"""Benchmark tfvarfix against libcst's parse floor, libcst's metadata, Fixit and ruff on real TF/Keras code.

    python bench/run.py --max-files 400            # a sample of every corpus: a few minutes on 2 cores
    python bench/run.py --corpus keras --max-files 0   # one whole corpus

The corpora are wheels of pinned versions downloaded from PyPI at run time (`pip download --no-deps`) and unpacked
under bench/corpus/ (git-ignored; never committed). Every tool runs on the same files, copied into a work folder
outside any git checkout. Each measurement is its own process; wall time, CPU time (user + sys, its children
included) and peak memory (max RSS of the process or of its largest child, from wait4) come from the OS.
See bench/README.md.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import zipfile
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
CORPORA = {
    "keras": ("keras", "3.15.1"),
    "tf-keras": ("tf-keras", "2.21.0"),
    "tf-models-official": ("tf-models-official", "2.20.0"),
    "tensor2tensor": ("tensor2tensor", "1.15.7"),
    "tensorflow-probability": ("tensorflow-probability", "0.25.0"),
}
FIXIT = "fixit==2.2.1"


# ---------------------------------------------------------------------------------------------- corpus
def ensure_corpus(name: str, cache: Path) -> Path:
    """The unpacked wheel of corpus `name` (downloaded and unpacked on first use)."""
    package, version = CORPORA[name]
    target = cache / f"{package}-{version}"
    if (target / ".complete").exists():
        return target
    dist = cache / "_dist"
    dist.mkdir(parents=True, exist_ok=True)
    stem = package.replace("-", "_")
    wheels = [w for w in dist.glob("*.whl") if w.name.lower().startswith(f"{stem}-{version}-")]
    if not wheels:
        print(f"downloading {package}=={version} from PyPI", file=sys.stderr)
        subprocess.run(
            [sys.executable, "-m", "pip", "download", "--no-deps", "--only-binary=:all:", "-q", "-d", str(dist),
             f"{package}=={version}"],
            check=True,
        )  # fmt: skip
        wheels = [w for w in dist.glob("*.whl") if w.name.lower().startswith(f"{stem}-{version}-")]
    shutil.rmtree(target, ignore_errors=True)
    with zipfile.ZipFile(wheels[0]) as archive:
        for member in archive.namelist():
            if member.endswith(".py"):
                archive.extract(member, target)
    (target / ".complete").write_text("")
    return target


def select_files(names: list[str], cache: Path, max_files: int) -> list[tuple[str, Path, Path]]:
    """(corpus, root, file) for an even, deterministic sample of `max_files` over the corpora (0: all)."""
    found: list[tuple[str, Path, list[Path]]] = []
    for name in names:
        root = ensure_corpus(name, cache)
        found.append((name, root, sorted(root.rglob("*.py"))))
    total = sum(len(files) for _, _, files in found)
    chosen: list[tuple[str, Path, Path]] = []
    for name, root, files in found:
        share = len(files) if max_files <= 0 or max_files >= total else round(max_files * len(files) / total)
        share = min(len(files), share)
        step = len(files) / share if share else 0
        chosen.extend((name, root, files[int(i * step)]) for i in range(share))
    return chosen


def build_work_tree(chosen: list[tuple[str, Path, Path]], work: Path) -> list[Path]:
    """Copy the sample, flattened per corpus (so no tool's default excludes apply), into `work`/files."""
    tree = work / "files"
    shutil.rmtree(tree, ignore_errors=True)
    out: list[Path] = []
    for name, root, path in chosen:
        flat = "__".join(path.relative_to(root).parts)
        target = tree / name / flat
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, target)
        out.append(target)
    return out


# ------------------------------------------------------------------------------------------ measuring
@dataclass
class Measured:
    label: str
    wall: float
    cpu: float
    rss_mb: float
    note: str = ""


def measure(
    label: str, command: list[str], cwd: Path, note: str = "", env: dict[str, str] | None = None
) -> Measured:
    """Run `command` once; wall time, CPU of it and its children, and peak RSS, from wait4."""
    start = time.perf_counter()
    process = subprocess.Popen(
        command, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env={**os.environ, **(env or {})}
    )
    assert process.stderr is not None
    errors = process.stderr.read()
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode not in (0, 1):
        tail = errors.decode(errors="replace")[-2000:]
        raise SystemExit(f"{label}: {' '.join(command)} exited {process.returncode}\n{tail}")
    return Measured(label, wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, note)


def internal(mode: str, listing: Path) -> list[str]:
    return [sys.executable, str(Path(__file__).resolve()), f"_{mode}", str(listing)]


def _floor(paths: list[Path], metadata: bool) -> None:
    import libcst as cst

    failed = 0
    for path in paths:
        try:
            module = cst.parse_module(path.read_bytes())
        except Exception:
            failed += 1
            continue
        if metadata:
            from libcst.metadata import MetadataWrapper, QualifiedNameProvider, ScopeProvider

            MetadataWrapper(module, unsafe_skip_copy=True).resolve_many(
                [ScopeProvider, QualifiedNameProvider]
            )
    print(json.dumps({"failed": failed}))


def _fixit_one_process(paths: list[Path]) -> None:
    from fixit.api import fixit_paths

    for _ in fixit_paths(paths, parallel=False):
        pass


def _prefilter(paths: list[Path]) -> None:
    """A file that never mentions TF/Keras: the cost of `check_file` on it against libcst's parse of it."""
    import libcst as cst

    from tfvarfix import api

    with tempfile.TemporaryDirectory() as folder:
        copies = []
        for index, path in enumerate(paths):
            text = path.read_text(encoding="utf-8", errors="replace")
            text = text.replace("tensorflow", "tensorflaw").replace("keras", "kerax")
            copy = Path(folder) / f"{index}.py"
            copy.write_text(text, encoding="utf-8")
            copies.append(copy)
        codes = api.all_codes()
        start = time.process_time()
        for copy in copies:
            result = api.check_file(copy, codes)
            assert result.status.value == "skipped", result
        checked = time.process_time() - start
        start = time.process_time()
        for copy in copies:
            with contextlib.suppress(Exception):
                cst.parse_module(copy.read_bytes())
        parsed = time.process_time() - start
    print(json.dumps({"check_s": checked, "parse_s": parsed}))


def median_process(command: list[str], cwd: Path, runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(command, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def ensure_fixit(venv: Path) -> Path:
    python = venv / "bin" / "python"
    if not python.exists():
        print(f"installing {FIXIT} into {venv}", file=sys.stderr)
        subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
        subprocess.run([str(python), "-m", "pip", "install", "-q", FIXIT], check=True)
    return python


# ---------------------------------------------------------------------------------------------- report
def table(rows: list[Measured], floor: Measured, files: int, lines: int) -> str:
    out = [
        "| run | wall s | CPU s | files/s | lines/s | x floor (wall) | x floor (CPU) | peak RSS MB | note |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---|",
    ]
    for row in rows:
        out.append(
            f"| {row.label} | {row.wall:.2f} | {row.cpu:.2f} | {files / row.wall:,.0f} | {lines / row.wall:,.0f} "
            f"| {row.wall / floor.wall:.2f} | {row.cpu / floor.cpu:.2f} | {row.rss_mb:,.0f} | {row.note} |"
        )
    return "\n".join(out)


def main() -> None:
    if len(sys.argv) == 3 and sys.argv[1].startswith("_"):
        paths = [Path(p) for p in Path(sys.argv[2]).read_text().splitlines()]
        mode = sys.argv[1]
        if mode in ("_floor", "_metadata"):
            _floor(paths, metadata=mode == "_metadata")
        elif mode == "_fixit":
            _fixit_one_process(paths)
        elif mode == "_prefilter":
            _prefilter(paths)
        return

    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--corpus", default=",".join(CORPORA), help="comma-separated: " + ", ".join(CORPORA))
    parser.add_argument(
        "--max-files", type=int, default=400, help="an even sample of this many files (0: all)"
    )
    parser.add_argument("--cache", type=Path, default=HERE / "corpus", help="where corpora are kept")
    parser.add_argument("--work", type=Path, default=Path(tempfile.gettempdir()) / "tfvarfix-bench")
    parser.add_argument("--skip", default="", help="comma-separated: metadata, fixit, ruff, scaling, single")
    parser.add_argument("--single-runs", type=int, default=15, help="runs of the one-file check (median)")
    args = parser.parse_args()
    names = [n.strip() for n in args.corpus.split(",") if n.strip()]
    unknown = [n for n in names if n not in CORPORA]
    if unknown:
        parser.error(f"unknown corpus {unknown}; choose from {', '.join(CORPORA)}")
    skip = {s.strip() for s in args.skip.split(",") if s.strip()}

    # An installed package has its bytecode compiled; an editable checkout under PYTHONDONTWRITEBYTECODE has not,
    # and would pay compiling tfvarfix on every start. Compile it once, as `pip install` does.
    import tfvarfix

    subprocess.run(
        [sys.executable, "-m", "compileall", "-q", str(Path(tfvarfix.__file__).parent)], check=False
    )
    cache = args.cache.resolve()
    work = args.work.resolve()
    work.mkdir(parents=True, exist_ok=True)
    chosen = select_files(names, cache, args.max_files)
    paths = build_work_tree(chosen, work)
    tree = work / "files"
    listing = work / "files.txt"
    listing.write_text("\n".join(str(p) for p in paths))
    lines = sum(p.read_bytes().count(b"\n") for p in paths)
    mentions = sum(1 for p in paths if b"tensorflow" in p.read_bytes() or b"keras" in p.read_bytes())
    tfvarfix = [
        sys.executable,
        "-m",
        "tfvarfix",
        "check",
        str(tree),
        "--exit-zero",
        "-q",
        "--output-format",
        "concise",
    ]
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    load_before = os.getloadavg()

    rows: list[Measured] = []
    print(f"{len(paths)} files ({mentions} mention TF/Keras), {lines:,} lines, from {', '.join(names)}; "
          f"{cores} cores; load average {load_before[0]:.2f}", file=sys.stderr)  # fmt: skip
    floor = measure("libcst parse (floor), 1 process", internal("floor", listing), work)
    rows.append(floor)
    if "metadata" not in skip:
        rows.append(
            measure("libcst parse + Scope + QualifiedName, 1 process", internal("metadata", listing), work)
        )
    shutil.rmtree(work / ".tfvarfix_cache", ignore_errors=True)
    one = measure("tfvarfix check, all rules, --jobs 1", [*tfvarfix, "--jobs", "1", "--no-cache"], work)
    rows.append(one)
    many = measure(
        f"tfvarfix check, --jobs 0 ({cores} cores)", [*tfvarfix, "--jobs", "0", "--no-cache"], work
    )
    rows.append(many)
    cold = measure("tfvarfix check, cache cold (filling)", [*tfvarfix, "--jobs", "0"], work)
    rows.append(cold)
    warm = measure("tfvarfix check, cache warm", [*tfvarfix, "--jobs", "0"], work)
    rows.append(warm)
    if "fixit" not in skip:
        python = ensure_fixit(cache / ".venv-fixit")
        fixit_cli = python.parent / "fixit"
        rows.append(
            measure("Fixit 2.2.1 lint, default rules, all cores", [str(fixit_cli), "lint", str(tree)], work)
        )
        fixit_one = [str(python), *internal("fixit", listing)[1:]]
        rows.append(measure("Fixit 2.2.1, default rules, 1 process", fixit_one, work))
    if "ruff" not in skip:
        ruff = shutil.which("ruff") or "ruff"
        base = [ruff, "check", "--isolated", "--no-cache", "--exit-zero", "--quiet", str(tree)]
        rows.append(measure("ruff check (default rules)", base, work, "native; all cores"))
        rows.append(measure("ruff check --select ALL", [*base, "--select", "ALL"], work, "native; all cores"))

    print(f"\n## {len(paths)} files, {lines:,} lines ({', '.join(names)}; --max-files {args.max_files})\n")
    print(table(rows, floor, len(paths), lines))
    print("\n## Targets\n")
    print(f"- analysis, 1 process / floor: {one.wall / floor.wall:.2f}x wall, {one.cpu / floor.cpu:.2f}x CPU "
          "(target <= 1.5x)")  # fmt: skip
    print(f"- --jobs 1 / --jobs 0: {one.wall / many.wall:.2f}x faster (target >= 1.7x on 2 cores)")
    print(f"- warm / cold: {warm.wall / cold.wall:.1%} of the cold run with the cache, "
          f"{warm.wall / many.wall:.1%} of --no-cache (target < 10%)")  # fmt: skip
    prefilter = subprocess.run(internal("prefilter", listing), capture_output=True, text=True, check=True)
    costs = json.loads(prefilter.stdout)
    print(f"- a file that never mentions TF/Keras: {costs['check_s'] / costs['parse_s']:.2%} of its parse "
          f"({costs['check_s']:.3f} s against {costs['parse_s']:.2f} s for {len(paths)} files; "
          "target < 5%)")  # fmt: skip
    if "single" not in skip:
        candidates = sorted((p.stat().st_size, p) for p in paths if b"keras" in p.read_bytes())
        single = candidates[len(candidates) // 2][1]
        startup = median_process([sys.executable, "-c", "pass"], work, args.single_runs)
        command = shutil.which("tfvarfix") or sys.executable
        prefix = [command] if command != sys.executable else [sys.executable, "-m", "tfvarfix"]
        one_file = median_process(
            [*prefix, "check", str(single), "--no-cache", "--exit-zero"], work, args.single_runs
        )
        print(f"- `tfvarfix check one_file.py` ({single.stat().st_size:,} bytes, median of {args.single_runs}, no "
              f"cache): {one_file:.3f} s whole process (bare `python -c pass`: {startup:.3f} s; target well "
              "under 0.25 s)")  # fmt: skip
    if "scaling" not in skip:
        largest = max(paths, key=lambda p: p.stat().st_size)
        alone = measure(
            "largest", [*tfvarfix[:4], str(largest), *tfvarfix[5:], "--jobs", "1", "--no-cache"], work
        )
        print(f"- peak memory, --jobs 1: {one.rss_mb:,.0f} MB for all {len(paths)} files, {alone.rss_mb:,.0f} MB "
              f"for the largest file alone ({largest.stat().st_size:,} bytes) "
              "(target: flat in the number of files)")  # fmt: skip
    load_after = os.getloadavg()
    print(f"\nload average before/after: {load_before[0]:.2f} / {load_after[0]:.2f} on {cores} cores "
          "(other work on the machine skews wall times; CPU times are steadier)")  # fmt: skip


if __name__ == "__main__":
    main()
