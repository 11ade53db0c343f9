"""Run every real-world reproduction under real TensorFlow and check the outcome its header claims."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.realworld.corpus import Case, assert_runtime, case_files, parse_case, run_case

pytestmark = pytest.mark.tensorflow


@pytest.mark.parametrize("path", case_files(), ids=lambda path: path.stem)
def test_program_shows_its_runtime(path: Path, tmp_path: Path) -> None:
    pytest.importorskip("tensorflow")
    case: Case = parse_case(path)
    proc = run_case(path, tmp_path)
    assert_runtime(case, proc)
