"""Run every real-world reproduction under real TensorFlow and check the outcome its header claims."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.realworld.corpus import Case, assert_runtime, case_files, parse_case, program_env

pytestmark = pytest.mark.tensorflow


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
    assert_runtime(case, proc)
