"""Run every real-world reproduction under real TensorFlow and check the outcome its header claims."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.realworld.corpus import Case, case_files, parse_case, program_env

pytestmark = pytest.mark.tensorflow

_BUG = "TFVARFIX-BUG"




def _final_exception(stderr: str) -> str:
    """The exception line (and message after it) of the last traceback in stderr."""
    lines = stderr.splitlines()
    starts = [i for i, line in enumerate(lines) if line.startswith("Traceback (most recent call last):")]
    if not starts:
        return ""
    rest = lines[starts[-1] + 1 :]
    for i, line in enumerate(rest):
        # Python 3.11 may print column-0 caret lines (`^^^^`, `~~~^~~~`) under the source lines of a frame.
        if line and not line[0].isspace() and not _carets(line):
            return "\n".join(rest[i:])
    return ""


def _carets(line: str) -> bool:
    """A traceback's position marker line: only `^`, `~` and spaces."""
    return not line.strip(" ^~")


@pytest.mark.parametrize("path", case_files(), ids=lambda path: path.stem)
def test_program_shows_its_runtime(path: Path, tmp_path: Path) -> None:
    pytest.importorskip("tensorflow")
    case: Case = parse_case(path)
    proc = subprocess.run(
        [sys.executable, str(path)],
        cwd=tmp_path,
        env=program_env(),
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    report = f"exit {proc.returncode}\n--- stdout ---\n{proc.stdout[-3000:]}\n--- stderr ---\n{proc.stderr[-3000:]}"
    if case.runtime_kind == "raises":
        assert proc.returncode != 0, report
        final = _final_exception(proc.stderr)
        head = final.split("\n", 1)[0]
        kind = head.split(":", 1)[0].strip()
        assert kind.rsplit(".", 1)[-1] == case.exception, f"expected {case.exception}, got {head!r}\n{report}"
        assert case.runtime_text in final, f"{case.runtime_text!r} not in the message\n{report}"
    elif case.runtime_kind == "silent":
        assert proc.returncode == 0, report
        assert _BUG in proc.stdout, report
    else:
        assert proc.returncode == 0, report
        assert _BUG not in proc.stdout, report
