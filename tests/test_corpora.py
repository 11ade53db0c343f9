"""Real-world corpora: pinned releases of keras, tf-keras, tf-models-official, tensor2tensor,
tensorflow-probability, dm-sonnet, tflearn, tensorflow-addons, keras-hub and keras-cv, checked and fixed
(`--fix --unsafe-fixes --diff`, nothing written): no crash, no fix that fails to parse, every file accounted for.

The wheels are fetched once with `pip download --no-deps` into $TFVARFIX_CORPUS_DIR (default
~/.cache/tfvarfix-corpora), outside the repository, and unpacked there. By default a pinned deterministic
slice runs (every STRIDE-th file of each package, in sorted order); `TFVARFIX_CORPUS=full` runs every file
(`TFVARFIX_CORPUS=full python -m pytest -m corpus -n 2`). Without network access and without a filled cache
these tests fail: they never skip.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tarfile
import zipfile
from collections import Counter
from pathlib import Path

import libcst as cst
import pytest

from tfvarfix.api import FixMode, RunSettings, check_paths, plan

pytestmark = pytest.mark.corpus

CORPORA = {
    "keras": ("keras==3.15.1", "keras-3.15.1-py3-none-any.whl"),
    "tf-keras": ("tf-keras==2.21.0", "tf_keras-2.21.0-py3-none-any.whl"),
    "tf-models-official": ("tf-models-official==2.19.1", "tf_models_official-2.19.1-py2.py3-none-any.whl"),
    "tensor2tensor": ("tensor2tensor==1.15.7", "tensor2tensor-1.15.7-py2.py3-none-any.whl"),
    "tensorflow-probability": (
        "tensorflow-probability==0.25.0",
        "tensorflow_probability-0.25.0-py2.py3-none-any.whl",
    ),
    "dm-sonnet": ("dm-sonnet==2.0.2", "dm_sonnet-2.0.2-py3-none-any.whl"),
    "tflearn": ("tflearn==0.5.0", "tflearn-0.5.0.tar.gz"),
    "tensorflow-addons": (
        "tensorflow-addons==0.23.0",
        "tensorflow_addons-0.23.0-cp311-cp311-manylinux_2_17_x86_64.manylinux2014_x86_64.whl",
    ),
    "keras-hub": ("keras-hub==0.21.1", "keras_hub-0.21.1-py3-none-any.whl"),
    "keras-cv": ("keras-cv==0.9.0", "keras_cv-0.9.0-py3-none-any.whl"),
}
FULL = os.environ.get("TFVARFIX_CORPUS") == "full"
STRIDE = 25


def cache_dir() -> Path:
    return Path(os.environ.get("TFVARFIX_CORPUS_DIR", Path.home() / ".cache" / "tfvarfix-corpora"))


def unpacked(name: str) -> Path:
    """The package's sources, downloaded and unpacked once."""
    requirement, wheel = CORPORA[name]
    cache = cache_dir()
    cache.mkdir(parents=True, exist_ok=True)
    target = cache / "src" / name
    if (target / ".complete").exists():
        return target
    if not (cache / wheel).exists():
        subprocess.run(
            [sys.executable, "-m", "pip", "download", "--no-deps", "--no-build-isolation", "-q", "-d", str(cache),
             requirement],
            check=True,
            timeout=600,
        )  # fmt: skip
    if wheel.endswith(".tar.gz"):  # a source distribution (tflearn has no wheel)
        with tarfile.open(cache / wheel) as archive:
            members = [m for m in archive.getmembers() if m.isfile() and m.name.endswith(".py")]
            archive.extractall(target, members, filter="data")
    else:
        with zipfile.ZipFile(cache / wheel) as archive:
            archive.extractall(target, [n for n in archive.namelist() if n.endswith(".py")])
    (target / ".complete").write_text(requirement)
    return target


def selected(root: Path) -> list[Path]:
    files = sorted(p for p in root.rglob("*.py") if p.is_file())
    return files if FULL else files[::STRIDE]


def compiles(text: str) -> bool:
    try:
        compile(text, "<corpus>", "exec", dont_inherit=True)
    except (SyntaxError, ValueError):
        return False
    return True


@pytest.mark.parametrize("name", sorted(CORPORA))
def test_corpus_checks_and_fixes_without_failure(name: str) -> None:
    files = selected(unpacked(name))
    assert files
    mode = FixMode(apply=True, unsafe=True)  # --fix --unsafe-fixes --diff: computed, not written
    jobs = [job for path in files for job in plan([path], RunSettings(mode=mode))]
    assert [job.path for job in jobs] == files  # every file discovered once
    results = list(check_paths(jobs, mode))
    assert len(results) == len(files)  # every file accounted for
    codes = Counter(d.code for r in results for d in r.diagnostics)
    failures = [(r.path, d.message) for r in results for d in r.diagnostics if d.code in ("TFV003", "TFV004")]
    assert not failures, failures
    for result in results:
        if result.fixed_source is None:
            continue
        cst.parse_module(result.fixed_source)
        if result.source is not None and compiles(result.source):
            assert compiles(result.fixed_source), result.path
    print(f"{name}: {len(files)} files, findings {dict(sorted(codes.items()))}")


def test_corpus_through_the_cli() -> None:
    """`tfvarfix --fix --unsafe-fixes --diff` over one whole package: no traceback, a documented exit code."""
    root = unpacked("tensor2tensor")
    paths = [str(p) for p in selected(root)]
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "tfvarfix",
            "check",
            "--fix",
            "--unsafe-fixes",
            "--diff",
            "--statistics",
            *paths,
        ],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode in (0, 1), result.stderr
    assert "Traceback" not in result.stdout + result.stderr
    assert "internal error" not in result.stdout + result.stderr
