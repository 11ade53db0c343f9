"""The quick path (`tfvarfix.quick`): a run of cache hits and files that never mention TF/Keras is answered
without libcst, the rules or typer, exactly as the full command line answers it; anything else falls back."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.fixtures import TESTDATA

HEAVY = ("libcst", "typer", "tfvarfix.rules", "tfvarfix.engine", "tfvarfix.cli")
PROBE = """
import contextlib, io, json, sys
from tfvarfix.quick import answer
out = io.StringIO()
with contextlib.redirect_stdout(out):
    code = answer(sys.argv[1:])
heavy = sorted(m for m in {heavy!r} if m in sys.modules)
print(json.dumps({{"code": code, "out": out.getvalue(), "heavy": heavy}}))
"""


def _quick(project: Path, *args: str) -> dict[str, object]:
    probe = PROBE.format(heavy=HEAVY)
    done = subprocess.run(
        [sys.executable, "-c", probe, *args], capture_output=True, text=True, cwd=project, check=True
    )
    result: dict[str, object] = json.loads(done.stdout.splitlines()[-1])
    return result


def _full(project: Path, *args: str) -> subprocess.CompletedProcess[str]:
    probe = "import sys; from tfvarfix.cli import main; main(sys.argv[1:])"
    return subprocess.run([sys.executable, "-c", probe, *args], capture_output=True, text=True, cwd=project)


@pytest.fixture
def project(tmp_path: Path) -> Path:
    shutil.copy(TESTDATA / "TFV103" / "bad.py", tmp_path / "model.py")
    (tmp_path / "plain.py").write_text("x = 1\n", encoding="utf-8")
    (tmp_path / "pyproject.toml").write_text("[tool.tfvarfix]\n", encoding="utf-8")
    return tmp_path


def test_files_without_tensorflow_need_no_parse(project: Path) -> None:
    result = _quick(project, "check", "plain.py")
    assert result["code"] == 0 and result["heavy"] == []
    assert result["out"] == _full(project, "check", "plain.py").stdout


@pytest.mark.parametrize("fmt", ["full", "json"])
def test_a_file_that_must_be_parsed_is_checked_here_without_the_command_line(project: Path, fmt: str) -> None:
    quick = _quick(project, "check", ".", "--no-cache", "--output-format", fmt)
    full = _full(project, "check", ".", "--no-cache", "--output-format", fmt)
    assert (quick["code"], quick["out"]) == (full.returncode, full.stdout)
    assert "TFV103" in full.stdout
    assert "typer" not in quick["heavy"] and "tfvarfix.cli" not in quick["heavy"]
    assert "tfvarfix.rules" in quick["heavy"]  # it did check the file


def test_a_miss_fills_the_cache_the_next_run_reads(project: Path) -> None:
    first = _quick(project, "model.py")
    assert first["code"] == 1 and "tfvarfix.rules" in first["heavy"]
    second = _quick(project, "model.py")
    assert second["heavy"] == [] and (second["code"], second["out"]) == (first["code"], first["out"])


@pytest.mark.parametrize("fmt", ["full", "concise", "json", "sarif", "github"])
def test_cache_hits_are_answered_as_the_full_command_line_answers(project: Path, fmt: str) -> None:
    full = _full(project, "check", ".", "--output-format", fmt)  # fills the cache
    assert full.returncode == 1
    quick = _quick(project, "check", ".", "--output-format", fmt)
    assert quick["heavy"] == []
    assert (quick["code"], quick["out"]) == (full.returncode, full.stdout)


def test_quiet_and_exit_zero(project: Path) -> None:
    _full(project, ".")
    full = _full(project, ".", "-q", "--exit-zero")
    quick = _quick(project, ".", "-q", "--exit-zero")
    assert (quick["code"], quick["out"]) == (full.returncode, full.stdout) == (0, full.stdout)
    assert "TFV103" in full.stdout


@pytest.mark.parametrize(
    "args",
    [
        ["check", ".", "--fix"],
        ["check", ".", "--select", "TFV1"],
        ["check", "-"],
        ["rule", "TFV101"],
        ["check", ".", "--output-format", "xml"],
        ["check", "missing.py"],
    ],
)
def test_other_runs_fall_back(project: Path, args: list[str]) -> None:
    _full(project, ".")
    assert _quick(project, *args) == {"code": None, "out": "", "heavy": []}


def test_no_cache_parses_every_file_with_tensorflow(project: Path) -> None:
    _full(project, ".")
    assert "tfvarfix.rules" in _quick(project, ".", "--no-cache")["heavy"]
    assert _quick(project, "plain.py", "--no-cache")["heavy"] == []


def test_an_edited_file_is_a_miss(project: Path) -> None:
    _full(project, ".")
    with (project / "model.py").open("a", encoding="utf-8") as out:
        out.write("\n# edited\n")
    edited = _quick(project, ".")
    assert "tfvarfix.rules" in edited["heavy"]
    assert (edited["code"], edited["out"]) == (_full(project, ".").returncode, _full(project, ".").stdout)


def test_a_configuration_error_falls_back(project: Path) -> None:
    _full(project, ".")
    (project / "pyproject.toml").write_text("[tool.tfvarfix]\nselect = 3\n", encoding="utf-8")
    assert _quick(project, ".")["code"] is None
    assert _full(project, ".").returncode == 2
