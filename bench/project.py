"""Whole-project analysis: its cost over checking each file alone, a cached re-run, and memory.

    python bench/project.py                          # tf-models-official (1,250 files), one run of each
    python bench/project.py --corpus keras --runs 3

The corpus (a wheel from PyPI, see bench/run.py) is copied whole, its package structure kept so that its imports
resolve, into a work folder outside any checkout. Each measurement is `tfvarfix check` in its own process:
- `alone`: `follow-imports = false`, each file checked by itself (the sum of the per-file analyses);
- `project`: `follow-imports = true` (the default), each file with the project modules it imports;
- `cached`: the same as `project` again over a warm result cache (nothing changed);
- `one edit`: the cached run after one module that others import was edited (what it re-checks).
Runs are interleaved; medians of wall time, CPU time and peak RSS come from wait4 (bench/run.py's `measure`).
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from run import CORPORA, Measured, ensure_corpus, measure  # noqa: E402


def _config(tree: Path, follow: bool) -> Path:
    config = tree.parent / f"tfvarfix-{'project' if follow else 'alone'}.toml"
    config.write_text(f"follow-imports = {'true' if follow else 'false'}\n", encoding="utf-8")
    return config


def _command(tree: Path, config: Path, cache: bool) -> list[str]:
    command = [
        sys.executable,
        "-m",
        "tfvarfix",
        "check",
        str(tree),
        "--config",
        str(config),
        "-q",
        "--exit-zero",
    ]
    return [*command, "-j", "1"] + ([] if cache else ["--no-cache"])


def _most_imported(tree: Path) -> Path:
    """The module whose name most other files of the tree mention in an import line (to edit it)."""
    files = sorted(tree.rglob("*.py"))
    texts = [f.read_text(encoding="utf-8", errors="replace") for f in files]
    best, count = files[0], -1
    for path in files:
        if path.name == "__init__.py":
            continue
        dotted = ".".join(path.relative_to(tree).with_suffix("").parts)
        mentions = sum(f"import {path.stem}" in t or f"{dotted} import" in t for t in texts)
        if mentions > count:
            best, count = path, mentions
    return best


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--corpus", default="tf-models-official", choices=sorted(CORPORA))
    parser.add_argument("--runs", type=int, default=1)
    parser.add_argument("--cache", type=Path, default=HERE / "corpus", help="where corpora are kept")
    parser.add_argument("--work", type=Path, default=Path(tempfile.gettempdir()) / "tfvarfix-bench-project")
    args = parser.parse_args()

    source = ensure_corpus(args.corpus, args.cache)
    shutil.rmtree(args.work, ignore_errors=True)
    tree = args.work / "tree"
    shutil.copytree(source, tree, ignore=shutil.ignore_patterns(".complete"))
    files = len(list(tree.rglob("*.py")))
    alone, project = _config(tree, False), _config(tree, True)
    edited = _most_imported(tree)
    rows: dict[str, list[Measured]] = {"alone": [], "project": [], "cached": [], "one edit": []}
    for _ in range(args.runs):
        rows["alone"].append(measure("alone", _command(tree, alone, False), args.work))
        rows["project"].append(measure("project", _command(tree, project, False), args.work))
        for folder in (tree, args.work):  # wherever the run keeps it (the configuration's folder)
            shutil.rmtree(folder / ".tfvarfix_cache", ignore_errors=True)
        measure("fill the cache", _command(tree, project, True), args.work)
        rows["cached"].append(measure("cached", _command(tree, project, True), args.work))
        with edited.open("a", encoding="utf-8") as out:
            out.write("\n# edited by bench/project.py\n")
        rows["one edit"].append(measure("one edit", _command(tree, project, True), args.work))
    base = statistics.median(m.wall for m in rows["alone"])
    print(f"{args.corpus}: {files} files, {args.runs} run(s) each; edited: {edited.relative_to(tree)}")
    print(f"{'mode':<10} {'wall s':>8} {'cpu s':>8} {'rss MB':>8} {'x alone':>8}")
    for label, measured in rows.items():
        wall = statistics.median(m.wall for m in measured)
        cpu = statistics.median(m.cpu for m in measured)
        rss = statistics.median(m.rss_mb for m in measured)
        print(f"{label:<10} {wall:8.2f} {cpu:8.2f} {rss:8.1f} {wall / base:8.3f}")


if __name__ == "__main__":
    main()
