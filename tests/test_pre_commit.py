"""The hooks in .pre-commit-hooks.yaml, run by real pre-commit against this repository."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
BAD = "import tensorflow as tf\nlstm = tf.keras.layers.LSTM(4)\nlstm.build((None, 3, 5))\nk = lstm.kernel\n"


def _git(repo: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True)


def _try_repo(repo: Path, hook: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "pre_commit", "try-repo", str(ROOT), hook, "--all-files", "--color", "never"],
        cwd=repo,
        capture_output=True,
        text=True,
        env=env,
        timeout=900,
    )


def test_check_hook_fails_then_fix_hook_fixes(tmp_path: Path) -> None:
    if shutil.which("git") is None:
        pytest.fail("git is required for the pre-commit test")
    repo = tmp_path / "user-repo"
    repo.mkdir()
    _git(repo, "init", "-q")
    _git(repo, "config", "user.email", "t@example.com")
    _git(repo, "config", "user.name", "t")
    (repo / "model.py").write_text(BAD)
    _git(repo, "add", "model.py")
    env = dict(
        os.environ, PRE_COMMIT_HOME=str(tmp_path / "pre-commit-home"), PIP_DISABLE_PIP_VERSION_CHECK="1"
    )

    check = _try_repo(repo, "tfvarfix", env)
    assert check.returncode == 1, check.stdout + check.stderr
    assert "TFV103" in check.stdout and "Failed" in check.stdout

    fix = _try_repo(repo, "tfvarfix-fix", env)
    assert fix.returncode == 1, fix.stdout + fix.stderr  # pre-commit fails a hook that modified files
    assert (repo / "model.py").read_text() == BAD.replace("lstm.kernel", "lstm.cell.kernel")

    again = _try_repo(repo, "tfvarfix", env)
    assert again.returncode == 0, again.stdout + again.stderr
    assert "Passed" in again.stdout
