"""Run a fixture program under real TensorFlow/Keras in a fresh interpreter and report what happened.

The program runs as `__main__`; then `probe` (Python source) runs with the program's globals as `ns` and may put
JSON-able facts into `out`. The first line of any exception the program raised is in `error`.
"""

from __future__ import annotations

import importlib.util
import json
import os
import subprocess
import sys
import textwrap
from dataclasses import dataclass
from pathlib import Path

import pytest

_MARK = "@@TFVARFIX-RESULT@@"
_DRIVER = textwrap.dedent(
    """
    import json, runpy, sys, traceback
    path, probe = sys.argv[1], sys.argv[2]
    result = {"error": None, "error_type": None, "error_text": None, "out": {}}
    ns = {}
    try:
        ns = runpy.run_path(path, run_name="__main__")
    except BaseException as error:  # the bug under test, usually
        text = str(error)
        result["error_type"] = type(error).__name__
        result["error_text"] = text
        result["error"] = type(error).__name__ + ": " + (text.strip().splitlines() or [""])[0]
        result["traceback"] = traceback.format_exc()[-3000:]
    if probe:
        exec(probe, {"ns": ns, "out": result["out"], "result": result})
    print(MARK + json.dumps(result, default=repr))
    """
).replace("MARK", repr(_MARK))


@dataclass(frozen=True)
class RunResult:
    error: str | None
    error_type: str | None
    error_text: str | None
    out: dict[str, object]
    stdout: str
    stderr: str


def require_tensorflow() -> None:
    """Skip locally when TensorFlow is absent; in CI its absence is a failure."""
    if importlib.util.find_spec("tensorflow") is None or importlib.util.find_spec("keras") is None:
        if os.environ.get("CI"):
            pytest.fail("TensorFlow/Keras must be installed in CI (pip install -e '.[test]')")
        pytest.skip("TensorFlow/Keras not installed")


def run_program(
    path: Path, probe: str = "", *, legacy: bool = False, backend: str = "tensorflow", timeout: float = 600
) -> RunResult:
    require_tensorflow()
    env = dict(os.environ)
    env.update(
        TF_CPP_MIN_LOG_LEVEL="3",
        CUDA_VISIBLE_DEVICES="",
        KERAS_BACKEND=backend,
        PYTHONHASHSEED="0",
        TF_ENABLE_ONEDNN_OPTS="0",
        PYTHONWARNINGS="ignore",
    )
    if legacy:
        env["TF_USE_LEGACY_KERAS"] = "1"
    else:
        env.pop("TF_USE_LEGACY_KERAS", None)
    proc = subprocess.run(
        [sys.executable, "-c", _DRIVER, str(path), textwrap.dedent(probe)],
        capture_output=True,
        text=True,
        env=env,
        timeout=timeout,
        cwd=path.parent,
    )
    for line in reversed(proc.stdout.splitlines()):
        if line.startswith(_MARK):
            data = json.loads(line[len(_MARK) :])
            return RunResult(
                data["error"], data["error_type"], data["error_text"], data["out"], proc.stdout, proc.stderr
            )
    raise AssertionError(f"the program did not report (exit {proc.returncode}):\n{proc.stderr[-4000:]}")


# A probe that calls every `case_*` of the program: `out[name]` is {"ok": True, "value": <its JSON-able result or
# None>} or {"ok": False, "error": "<ExceptionType>: <message>"}.
RUN_CASES = """
import json
for name, case in sorted(ns.items()):
    if name.startswith("case_"):
        try:
            value = case()
            try:
                json.dumps(value)
            except (TypeError, ValueError):
                value = None
            out[name] = {"ok": True, "value": value}
        except Exception as error:
            out[name] = {"ok": False, "error": type(error).__name__ + ": " + str(error)}
"""
