"""`check --fix --verify` takes verify's environment options and says what it held back (issue 14, CLI)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.runtime.harness import require_tensorflow

BUG = "import tensorflow as tf\nl = tf.keras.layers.LSTM(2)\nl(tf.zeros((1, 2, 3)))\nk = l.kernel\n"
HELD = "import sys\nimport tensorflow as tf\nl = tf.keras.layers.LSTM(2)\nsys.exit(3)\nk = l.kernel\n"


def _tfvarfix(*args: str, cwd: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "tfvarfix", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        timeout=600,
        env=env,
    )


@pytest.mark.parametrize(
    "args",
    [
        ("--verify-entry", "case_*"),
        ("--fix", "--verify-entry", "case_*"),
        ("--fix", "--timeout", "5"),
        ("--fix", "--legacy-keras"),
        ("--fix", "--device", "cpu"),
    ],
)
def test_verify_options_without_verify_are_refused(tmp_path: Path, args: tuple[str, ...]) -> None:
    (tmp_path / "bug.py").write_text(BUG)
    done = _tfvarfix("check", *args, ".", cwd=tmp_path)
    assert done.returncode == 2
    assert done.stderr.count("\n") == 1 and "only go" in done.stderr and "with --fix --verify" in done.stderr
    assert (tmp_path / "bug.py").read_text() == BUG  # refused before anything was written


@pytest.mark.tensorflow
def test_the_summary_counts_what_was_written_and_held_back(tmp_path: Path) -> None:
    require_tensorflow()
    (tmp_path / "bug.py").write_text(BUG)
    (tmp_path / "held.py").write_text(HELD)
    done = _tfvarfix("check", "--fix", "--verify", "--timeout", "60", "--device", "cpu", ".", cwd=tmp_path)
    assert (tmp_path / "held.py").read_text() == HELD
    assert "l.cell.kernel" in (tmp_path / "bug.py").read_text()
    assert "Found 2 errors (1 fixed, 1 remaining)." in done.stdout
    assert "1 fix held back: verify did not prove it" in done.stdout
    assert "fixable with the --fix option" not in done.stdout, done.stdout
    assert "held.py:5:5: TFV103 fix held back: the module: the rewrite raised SystemExit: 3" in done.stderr


@pytest.mark.tensorflow
def test_check_fix_verify_refuses_a_missing_gpu(tmp_path: Path) -> None:
    require_tensorflow()
    (tmp_path / "bug.py").write_text(BUG)
    hidden = {**os.environ, "CUDA_VISIBLE_DEVICES": ""}  # no GPU, on any machine
    done = _tfvarfix("check", "--fix", "--verify", "--device", "gpu", ".", cwd=tmp_path, env=hidden)
    assert done.returncode == 2 and "no GPU is visible" in done.stderr
    assert done.stderr.count("\n") == 1
    assert (tmp_path / "bug.py").read_text() == BUG
