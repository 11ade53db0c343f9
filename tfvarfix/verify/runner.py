"""Workers: interpreter subprocesses that import the backend once and run programs on request.

A worker is `python child.py` in its own process group, with the backend, device visibility and Keras flavour
fixed by its environment. Between programs it clears the Keras session and reseeds; a worker whose program
hung (killed with its group), crashed, or left TensorFlow in graph mode is retired and the next program gets a
fresh one. `cold=True` gives every program a fresh worker (what the warm-equals-cold test compares against).
"""

from __future__ import annotations

import contextlib
import json
import os
import select
import signal
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

CHILD = Path(__file__).with_name("child.py")
START_TIMEOUT = 300.0


class WorkerError(Exception):
    """The worker could not start (backend missing, no GPU when one was asked for)."""


@dataclass(frozen=True)
class Environment:
    backend: str = "tensorflow"  # tensorflow | jax | torch
    device: str = "cpu"  # cpu | gpu | auto
    legacy_keras: bool = False  # TF_USE_LEGACY_KERAS=1: tf.keras is tf_keras

    def variables(self) -> dict[str, str]:
        env = dict(os.environ)
        env.update(
            KERAS_BACKEND=self.backend,
            TF_CPP_MIN_LOG_LEVEL="3",
            PYTHONHASHSEED="0",
            TF_DETERMINISTIC_OPS="1",
            TF_ENABLE_ONEDNN_OPTS="0",
            PYTHONWARNINGS="ignore",
            PYTHONUNBUFFERED="1",
        )
        if self.device == "cpu":
            env["CUDA_VISIBLE_DEVICES"] = ""
            env["JAX_PLATFORMS"] = "cpu"
        if self.legacy_keras:
            env["TF_USE_LEGACY_KERAS"] = "1"
        else:
            env.pop("TF_USE_LEGACY_KERAS", None)
        return env

    def describe(self, versions: dict[str, str], seeding: list[str]) -> str:
        """`tf_keras 2.21.0 on tensorflow 2.21.0, cpu; op determinism, graph-level seed on every tf.Graph`."""
        if self.backend != "tensorflow":
            keras = f"Keras {versions.get('keras', '?')} on {self.backend} {versions.get(self.backend, '?')}"
        elif self.legacy_keras:
            keras = (
                f"tf_keras {versions.get('tf_keras', '?')} on tensorflow {versions.get('tensorflow', '?')}"
            )
        else:
            keras = f"Keras {versions.get('keras', '?')} on tensorflow {versions.get('tensorflow', '?')}"
        return f"{keras}, {self.device}" + (f"; {', '.join(seeding)}" if seeding else "")


@dataclass
class RunOutcome:
    """One program's run: `status` is ok (the program ran; it may have raised), timeout, crashed or internal."""

    status: str
    seconds: float
    result: dict[str, Any] = field(default_factory=dict)
    arrays: dict[str, Any] = field(default_factory=dict)
    stdout: str = ""
    stderr: str = ""
    message: str = ""
    device: str = ""
    worker_start_s: float = 0.0  # the start-up this run paid for (0 on a warm worker)
    environment: str = ""  # Environment.describe of the worker that ran it


class Worker:
    def __init__(self, env: Environment) -> None:
        self.env = env
        import tempfile

        self.read_fd, write_fd = os.pipe()
        self.eof = False
        self.tmp = tempfile.mkdtemp(prefix="tfvarfix-worker-")  # the worker's $TMPDIR, removed on close
        started = time.perf_counter()
        self.process = subprocess.Popen(
            [sys.executable, str(CHILD)],
            stdin=subprocess.PIPE,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            env={**env.variables(), "TFVARFIX_VERIFY_FD": str(write_fd), "TMPDIR": self.tmp},
            pass_fds=(write_fd,),
            start_new_session=True,
            text=True,
        )
        os.close(write_fd)
        self.buffer = b""
        line = self._read_line(START_TIMEOUT)
        self.start_s = time.perf_counter() - started
        if line is None:
            stderr = self._stderr()
            self.close()
            last = next((line for line in reversed(stderr.splitlines()) if line.strip()), "no output")
            raise WorkerError(f"the verify worker did not start: {last.strip()[:300]}")
        ready = json.loads(line)
        if not ready.get("ready"):
            self.close()
            raise WorkerError(f"the verify worker could not import the backend: {ready.get('error')}")
        self.device: str = ready["device"]
        self.import_s: float = float(ready["import_s"])
        self.versions: dict[str, str] = ready.get("versions", {})
        self.seeding: list[str] = list(ready.get("seeding", []))
        self.description = env.describe(self.versions, self.seeding)
        if env.device == "gpu" and self.device != "gpu":
            self.close()
            raise WorkerError(f"--device gpu: no GPU is visible to the {env.backend} backend")
        self.runs = 0

    def _stderr(self) -> str:
        try:
            if self.process.poll() is None:
                return ""
            assert self.process.stderr is not None
            return self.process.stderr.read() or ""
        except Exception:
            return ""

    def _read_line(self, timeout: float) -> str | None:
        deadline = time.monotonic() + timeout
        while b"\n" not in self.buffer:
            left = deadline - time.monotonic()
            if left <= 0:
                return None
            ready, _, _ = select.select([self.read_fd], [], [], left)
            if not ready:
                return None
            chunk = os.read(self.read_fd, 65536)
            if not chunk:
                self.eof = True  # every writer is gone: the worker died
                return None
            self.buffer += chunk
        line, _, self.buffer = self.buffer.partition(b"\n")
        return line.decode("utf-8", "replace")

    def run(self, request: dict[str, Any], timeout: float) -> RunOutcome:
        import numpy as np

        out = Path(request["out"])
        started = time.perf_counter()
        assert self.process.stdin is not None
        try:
            self.process.stdin.write(json.dumps(request) + "\n")
            self.process.stdin.flush()
        except OSError as error:
            return RunOutcome("crashed", 0.0, message=f"the worker is gone ({error})")
        line = self._read_line(timeout)
        seconds = time.perf_counter() - started
        self.runs += 1
        stdout = _read(out / "stdout.txt")
        stderr = _read(out / "stderr.txt")
        if line is None:
            if self.eof:
                with contextlib.suppress(subprocess.TimeoutExpired):
                    self.process.wait(10)  # the reaper ends what the program left, then exits
            if self.process.poll() is None:
                self.close()
                return RunOutcome(
                    "timeout", seconds, stdout=stdout, stderr=stderr, message=f"timed out after {timeout:g} s"
                )
            code = self.process.wait()
            self.close()
            return RunOutcome(
                "crashed", seconds, stdout=stdout, stderr=stderr, message=f"the interpreter exited ({code})"
            )
        reply = json.loads(line)
        if not reply.get("done"):
            return RunOutcome(
                "internal", seconds, stdout=stdout, stderr=stderr, message=str(reply.get("error"))
            )
        result = json.loads((out / "result.json").read_text(encoding="utf-8"))
        with np.load(out / "arrays.npz") as data:
            arrays = {key: data[key] for key in data.files}
        return RunOutcome("ok", seconds, result, arrays, stdout, stderr, device=self.device)

    @property
    def alive(self) -> bool:
        return self.process.poll() is None

    def close(self) -> None:
        """End the worker and everything it started: SIGTERM asks the reaper (child.py) to end the worker and all
        that came back to it; its process group is killed if it has not exited within 5 s."""
        import shutil

        if self.process.poll() is None:
            with contextlib.suppress(OSError):
                self.process.terminate()
            try:
                self.process.wait(5)
            except subprocess.TimeoutExpired:
                try:
                    os.killpg(self.process.pid, signal.SIGKILL)
                except (ProcessLookupError, PermissionError):
                    self.process.kill()
        self.process.wait()
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(self.process.pid, signal.SIGKILL)  # what is left in the group, where no reaper ran
        shutil.rmtree(self.tmp, ignore_errors=True)
        for stream in (self.process.stdin, self.process.stderr):
            if stream is not None:
                with contextlib.suppress(OSError):
                    stream.close()
        with contextlib.suppress(OSError):
            os.close(self.read_fd)


def _read(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return ""


class Pool:
    """One warm worker per environment; programs run one after another on it."""

    def __init__(self, cold: bool = False) -> None:
        self.cold = cold
        self.workers: dict[Environment, Worker] = {}
        self.start_s = 0.0  # total worker start-up paid (interpreter + backend import)
        self.import_s = 0.0  # of which the backend's import, measured in the worker
        self.starts = 0

    def worker(self, env: Environment) -> Worker:
        worker = self.workers.get(env)
        if worker is None or not worker.alive:
            worker = Worker(env)
            self.workers[env] = worker
            self.start_s += worker.start_s
            self.import_s += worker.import_s
            self.starts += 1
        return worker

    def run(self, env: Environment, request: dict[str, Any], timeout: float) -> RunOutcome:
        fresh = env not in self.workers or not self.workers[env].alive
        worker = self.worker(env)
        outcome = worker.run(request, timeout)
        outcome.worker_start_s = worker.start_s if fresh else 0.0
        outcome.environment = worker.description
        if self.cold or outcome.status != "ok" or not outcome.result.get("eager_after", True):
            worker.close()  # graph mode cannot be undone; a hung or broken worker is not reused
            self.workers.pop(env, None)
        return outcome

    def close(self) -> None:
        for worker in self.workers.values():
            worker.close()
        self.workers.clear()

    def __enter__(self) -> Pool:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
