"""Run a fixture program under real TensorFlow/Keras in a fresh interpreter and report what happened.

The program runs as `__main__`; then `probe` (Python source) runs with the program's globals as `ns` and may put
JSON-able facts into `out`. The first line of any exception the program raised is in `error`.

A fresh interpreter per program costs an import of TensorFlow and Keras each time (seconds, most of a runtime
test). So a program runs in a child forked from a "zygote": a process per test worker and configuration
(Keras 3 or tf_keras, backend) that has imported TensorFlow and Keras and done nothing else, so each child
starts as a fresh interpreter would be after those imports, and shares nothing with the other programs. A
program that sets environment variables itself (they may steer what an import does) runs in its own fresh
interpreter as before (one that only sets `TF_USE_LEGACY_KERAS=1` at its top runs in the tf_keras zygote),
and so does every program with TFVARFIX_RUNTIME_FORK=0.
"""

from __future__ import annotations

import atexit
import importlib.util
import json
import os
import re
import subprocess
import sys
import tempfile
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


# The zygote: reads one request per line ({"path", "probe", "out", "err", "timeout"}), forks a child that runs the
# driver with its stdout and stderr sent to the files named, and answers {"exit": code} (None: killed on timeout).
_ZYGOTE = textwrap.dedent(
    """
    import json, os, signal, sys, time
    import tensorflow, keras  # what every program imports; nothing of them runs before the fork
    if os.environ.get("TF_USE_LEGACY_KERAS") == "1":
        import tf_keras
    DRIVER = sys.argv[1]
    def script(path):
        # as `python path` runs it: its folder first on sys.path, an uncaught exception printed, exit status 1
        import runpy, traceback
        sys.argv = [path]
        sys.path[0] = os.path.dirname(path)
        try:
            runpy.run_path(path, run_name="__main__")
        except SystemExit as error:
            if error.code is None or isinstance(error.code, int):
                return error.code or 0
            print(error.code, file=sys.stderr)
            return 1
        except BaseException:
            traceback.print_exc()
            return 1
        return 0

    for line in sys.stdin:
        request = json.loads(line)
        pid = os.fork()
        if pid == 0:
            code = 1
            try:
                os.setpgid(0, 0)
                out = os.open(request["out"], os.O_WRONLY | os.O_CREAT | os.O_TRUNC)
                err = os.open(request["err"], os.O_WRONLY | os.O_CREAT | os.O_TRUNC)
                os.dup2(out, 1)
                os.dup2(err, 2)
                os.chdir(request["cwd"])
                if request["probe"] is None:
                    code = script(request["path"])
                else:
                    sys.argv = ["-c", request["path"], request["probe"]]
                    exec(compile(DRIVER, "<driver>", "exec"), {"__name__": "__driver__"})
                    code = 0
            finally:
                sys.stdout.flush()
                sys.stderr.flush()
                os._exit(code)
        deadline = time.monotonic() + request["timeout"]
        code = None
        while True:
            done, status = os.waitpid(pid, os.WNOHANG)
            if done:
                code = os.waitstatus_to_exitcode(status)
                break
            if time.monotonic() > deadline:
                os.killpg(pid, signal.SIGKILL)
                os.waitpid(pid, 0)
                break
            time.sleep(0.005)
        print(json.dumps({"exit": code}), flush=True)
    """
)
_ZYGOTES: dict[tuple[bool, str], subprocess.Popen[str]] = {}
_STEERS_IMPORTS = ("environ", "putenv", "KERAS_BACKEND", "TF_USE_LEGACY_KERAS")


def tf_env(legacy: bool, backend: str) -> dict[str, str]:
    """The environment a program runs in: quiet, on the CPU, hash seeds fixed, Keras 3 or tf_keras, a backend."""
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
    return env


def _forked(
    path: Path, probe: str | None, legacy: bool, backend: str, timeout: float, cwd: Path | None = None
) -> tuple[int, str, str]:
    """(exit code, stdout, stderr) of the driver (or, with `probe` None, of the program run as a script) in a
    child of the zygote for this configuration, in `cwd` (the program's folder by default)."""
    zygote = _ZYGOTES.get((legacy, backend))
    if zygote is None or zygote.poll() is not None:
        zygote = subprocess.Popen(
            [sys.executable, "-c", _ZYGOTE, _DRIVER],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            text=True,
            env=tf_env(legacy, backend),
        )
        _ZYGOTES[(legacy, backend)] = zygote
    assert zygote.stdin is not None and zygote.stdout is not None
    with tempfile.TemporaryDirectory(prefix="tfvarfix-run-") as scratch:
        out, err = Path(scratch, "stdout"), Path(scratch, "stderr")
        request = {
            "path": str(path),
            "probe": probe,
            "cwd": str(cwd if cwd is not None else path.parent),
            "out": str(out),
            "err": str(err),
            "timeout": timeout,
        }
        zygote.stdin.write(json.dumps(request) + "\n")
        zygote.stdin.flush()
        answer = zygote.stdout.readline()
        if not answer:
            raise AssertionError(f"the zygote for legacy={legacy} backend={backend} died")
        code = json.loads(answer)["exit"]
        if code is None:
            raise subprocess.TimeoutExpired(str(path), timeout)
        read = {"encoding": "utf-8", "errors": "replace"}
        return code, out.read_text(**read) if out.exists() else "", err.read_text(**read) if err.exists() else ""


@atexit.register
def _stop_zygotes() -> None:
    for zygote in _ZYGOTES.values():
        if zygote.stdin is not None:
            zygote.stdin.close()
        try:
            zygote.wait(timeout=5)
        except subprocess.TimeoutExpired:
            zygote.kill()


def run_program(
    path: Path, probe: str = "", *, legacy: bool = False, backend: str = "tensorflow", timeout: float = 600
) -> RunResult:
    require_tensorflow()
    probe = textwrap.dedent(probe)
    zygote = _zygote_for(path, legacy)
    if zygote is not None:
        code, stdout, stderr = _forked(path.resolve(), probe, zygote, backend, timeout)
        return _result(stdout, stderr, code)
    env = tf_env(legacy, backend)
    proc = subprocess.run(
        [sys.executable, "-c", _DRIVER, str(path), probe],
        capture_output=True,
        text=True,
        env=env,
        timeout=timeout,
        cwd=path.parent,
    )
    return _result(proc.stdout, proc.stderr, proc.returncode)


_SETS_LEGACY = re.compile(r"""^os\.environ\[["']TF_USE_LEGACY_KERAS["']\] = ["']1["'][ \t]*(#.*)?$""", re.M)


def _zygote_for(path: Path, legacy: bool) -> bool | None:
    """The configuration (legacy or not) of the zygote that may run the program, or None: a fresh interpreter.
    A program that only sets `TF_USE_LEGACY_KERAS=1` at its top runs in the legacy zygote, which has it set."""
    if os.environ.get("TFVARFIX_RUNTIME_FORK", "1") == "0" or not hasattr(os, "fork"):
        return None
    text = path.read_text(encoding="utf-8")
    if not any(word in text for word in _STEERS_IMPORTS):
        return legacy
    rest = _SETS_LEGACY.sub("", text)
    if rest != text and not any(word in rest for word in _STEERS_IMPORTS):
        return True
    return None


def run_script(path: Path, cwd: Path, timeout: float = 300) -> subprocess.CompletedProcess[str]:
    """`python path` run from `cwd` on Keras 3 (the TensorFlow backend), as its own program: its exit status,
    stdout and stderr (an uncaught exception's traceback), from a child of the zygote where it can be."""
    zygote = _zygote_for(path, False)
    if zygote is not None:
        code, stdout, stderr = _forked(path.resolve(), None, zygote, "tensorflow", timeout, cwd)
        return subprocess.CompletedProcess([sys.executable, str(path)], code, stdout, stderr)
    return subprocess.run(
        [sys.executable, str(path)],
        cwd=cwd,
        env=tf_env(False, "tensorflow"),
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )


def _result(stdout: str, stderr: str, code: int | None) -> RunResult:
    for line in reversed(stdout.splitlines()):
        if line.startswith(_MARK):
            data = json.loads(line[len(_MARK) :])
            return RunResult(data["error"], data["error_type"], data["error_text"], data["out"], stdout, stderr)
    raise AssertionError(f"the program did not report (exit {code}):\n{stderr[-4000:]}")


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
