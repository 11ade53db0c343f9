"""The verify runner leaves nothing behind and gives the program its own folder (issue 14, runner): real
TensorFlow, CPU."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.runtime.harness import require_tensorflow
from tfvarfix.verify import Options, Pool, verify_text

pytestmark = pytest.mark.tensorflow

BUG = "l = tf.keras.layers.LSTM(2)\nl(tf.zeros((1, 2, 3)))\nk = l.kernel\n"

SPAWNS = (
    "import subprocess, sys\nimport tensorflow as tf\n"
    "p = subprocess.Popen([sys.executable, '-c', 'import time; time.sleep(300)'], start_new_session=True)\n"
    "open(PIDS, 'a').write(f'{p.pid}\\n')\n" + BUG
)
EXITS_HARD = (
    "import os, subprocess, sys\nimport tensorflow as tf\n"
    + BUG
    + "p = subprocess.Popen([sys.executable, '-c', 'import time; time.sleep(300)'])\n"
    "open(PIDS, 'a').write(f'{p.pid}\\n')\nos._exit(0)\n"
)
AUTOGRAPH = (
    "import tensorflow as tf\n\n\n@tf.function\ndef f(x):\n    if tf.reduce_sum(x) > 0:\n        x = x * 2\n"
    "    return x\n\n\ny = f(tf.ones([2]))\n" + BUG
)
SIBLINGS = (
    "import tensorflow as tf\nfrom helper import UNITS\nscale = float(open('data.txt').read())\n"
    "l = tf.keras.layers.LSTM(UNITS)\nl(tf.zeros((1, 2, 3)) + scale)\nk = l.kernel\n"
)


@pytest.fixture(scope="module")
def pool() -> Iterator[Pool]:
    require_tensorflow()
    with Pool() as warm:
        yield warm


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return False
    return state != "Z"


def _pids(text: str) -> list[int]:
    return [int(line) for line in text.split() if line.isdigit()]


def _with_pids(text: str, folder: Path) -> str:
    """`text` writing the pids it starts to folder/pids (printing them would differ between the runs)."""
    return f"PIDS = {str(folder / 'pids')!r}\n" + text


def test_a_child_in_its_own_session_does_not_outlive_the_run(pool: Pool, tmp_path: Path) -> None:
    verification = verify_text(_with_pids(SPAWNS, tmp_path), "spawns.py", Options(), pool)
    assert verification.status == "verified", [f.reason for f in verification.fixes]
    pids = _pids((tmp_path / "pids").read_text())
    assert len(pids) == 2
    time.sleep(0.5)
    assert not [pid for pid in pids if _alive(pid)]


def test_os_exit_is_a_crash_and_its_children_end(pool: Pool, tmp_path: Path) -> None:
    started = time.perf_counter()
    verification = verify_text(_with_pids(EXITS_HARD, tmp_path), "exits.py", Options(timeout=60), pool)
    assert time.perf_counter() - started < 50  # not reported as a timeout
    assert verification.rewritten is not None and verification.rewritten.status == "crashed"
    pids = _pids((tmp_path / "pids").read_text())
    assert len(pids) == 1
    time.sleep(0.5)
    assert not _alive(pids[0])


def test_no_temp_files_are_left(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    require_tensorflow()
    scratch = tmp_path / "tmp"
    scratch.mkdir()
    monkeypatch.setenv("TMPDIR", str(scratch))
    import tempfile

    monkeypatch.setattr(tempfile, "tempdir", str(scratch))
    with Pool() as own:
        verification = verify_text(AUTOGRAPH, "graph.py", Options(), own)
    assert verification.status == "verified", [f.reason for f in verification.fixes]
    assert list(scratch.iterdir()) == []


def test_the_programs_folder_is_importable_and_readable(pool: Pool, tmp_path: Path) -> None:
    (tmp_path / "helper.py").write_text("UNITS = 3\n")
    (tmp_path / "data.txt").write_text("1.5\n")
    program = tmp_path / "p.py"
    program.write_text(SIBLINGS)
    before = {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in tmp_path.iterdir()}
    verification = verify_text(SIBLINGS, str(program), Options(), pool)
    assert verification.status == "verified", [f.reason for f in verification.fixes]
    assert verification.original is not None and "AttributeError" in (verification.original.error or "")
    after = {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in tmp_path.iterdir() if p.is_file()}
    assert after == before  # nothing written next to the original (no __pycache__ either)


def test_gpu_without_a_gpu_is_refused_up_front(tmp_path: Path) -> None:
    require_tensorflow()
    (tmp_path / "clean.py").write_text("import tensorflow as tf\nx = 1\n")  # no fixes at all
    done = subprocess.run(
        [sys.executable, "-m", "tfvarfix", "verify", "clean.py", "--device", "gpu"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        timeout=600,
        env={**os.environ, "CUDA_VISIBLE_DEVICES": ""},
    )
    assert done.returncode == 2, done.stderr
    assert done.stderr.count("\n") == 1 and "no GPU is visible" in done.stderr, done.stderr
