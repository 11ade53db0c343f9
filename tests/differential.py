"""Differential runs: an original program and its rewrite under real TensorFlow, and what differs between them.

`run_pairs` runs many programs per subprocess (one TensorFlow import for a batch): the originals in one child
and the rewrites in another, side by side, each program in a fresh namespace, in its own empty working folder,
after `keras.backend.clear_session()` and `keras.utils.set_random_seed(seed)` (tf_keras's too), with op
determinism on. For each run the child reports the program's error (type, first line of the message), what it
printed, every weight of every layer, model and variable its module globals hold (by global name and weight path,
as a digest of the exact bytes), and the outputs of every built model and layer on fixed inputs.

An original that raises `AttributeError: 'LSTM' object has no attribute 'kernel'` (TFV103's bug) runs a second
time with Keras 2's attributes restored (a recurrent layer's `kernel`, `recurrent_kernel` and `bias` read from its
cell, a `TimeDistributed`'s from its layer): what the program meant, and what the rewrite must match.

Nothing here is imported by tfvarfix; the module imports neither TensorFlow nor the programs.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import textwrap
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

MARK = "@@TFVARFIX-DIFF@@"
SEED = 1234
PROGRAM_TIMEOUT_S = 90

_CHILD = textwrap.dedent(
    r'''
    import contextlib, hashlib, io, json, os, re, signal, sys, tempfile
    import numpy as np
    import tensorflow as tf
    import keras
    import tf_keras

    jobs_file, seed, timeout, mark = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
    tf.config.experimental.enable_op_determinism()
    out = sys.stdout
    home = os.getcwd()
    KERAS2 = re.compile(r"has no attribute '(kernel|recurrent_kernel|bias)'")
    LAYERS = (keras.layers.Layer, tf_keras.layers.Layer)
    MODELS = (keras.Model, tf_keras.Model)


    class Timeout(BaseException):
        pass


    def on_alarm(signum, frame):
        raise Timeout(f"the program ran over {timeout} s")


    signal.signal(signal.SIGALRM, on_alarm)


    def reset():
        for module in (keras, tf_keras):
            module.backend.clear_session()
            module.saving.get_custom_objects().clear()
        with contextlib.suppress(Exception):
            from keras.src.saving import object_registration
            object_registration.GLOBAL_CUSTOM_NAMES.clear()
        with contextlib.suppress(Exception):
            from tf_keras.src.saving import object_registration as legacy
            legacy._GLOBAL_CUSTOM_NAMES.clear()
        tf.config.run_functions_eagerly(False)
        keras.utils.set_random_seed(seed)
        tf_keras.utils.set_random_seed(seed)


    def keras2():
        """Keras 2's attributes: a recurrent layer's weights read from its cell, a TimeDistributed's from its layer."""
        patched = []
        for module in (keras, tf_keras):
            for cls, inner in ((module.layers.RNN, "cell"), (module.layers.TimeDistributed, "layer")):
                def __getattr__(self, name, inner=inner):
                    if name in ("kernel", "recurrent_kernel", "bias"):
                        target = self.__dict__.get(inner)
                        if target is not None:
                            return getattr(target, name)
                    raise AttributeError(f"{type(self).__name__!r} object has no attribute {name!r}")
                cls.__getattr__ = __getattr__
                patched.append(cls)
        return lambda: [delattr(cls, "__getattr__") for cls in patched]


    def clean(text, folder):
        text = text.replace(folder, "<folder>")
        text = re.sub(r"0x[0-9a-fA-F]+", "0x?", text)
        return re.sub(r"\b\d+(\.\d+)?(ms|us|s)(/step)?\b", "<t>", text)


    def digest(value):
        array = np.asarray(value)
        summary = {"shape": list(array.shape), "dtype": str(array.dtype)}
        summary["sha"] = hashlib.sha256(repr(summary).encode() + np.ascontiguousarray(array).tobytes()).hexdigest()[:20]
        if array.dtype.kind in "fiub" and array.size:
            flat = array.astype("float64").ravel()
            summary["head"] = [round(float(x), 6) for x in flat[:4]]
            summary["sum"] = round(float(flat.sum()), 6)
        return summary


    def weight_key(variable):
        return str(getattr(variable, "path", None) or variable.name)


    def fixed_input(shape, dtype, embedding):
        shape = tuple(2 if s is None else int(s) for s in shape)
        size = int(np.prod(shape))
        if embedding or "int" in str(dtype):
            return (np.arange(size).reshape(shape) % 10).astype("int32")
        return np.linspace(-1.0, 1.0, size).reshape(shape).astype("float32")


    def input_shapes(layer):
        if isinstance(layer, MODELS):
            with contextlib.suppress(Exception):
                inputs = layer.inputs
                if inputs:
                    return [(tuple(i.shape), i.dtype) for i in inputs]
        shapes = getattr(layer, "_build_shapes_dict", None)  # Keras 3
        if isinstance(shapes, dict) and len(shapes) == 1:
            (shape,) = shapes.values()
            return [(tuple(shape), "float32")]
        shape = getattr(layer, "_build_input_shape", None)  # tf_keras
        if shape is not None:
            with contextlib.suppress(Exception):
                return [(tuple(tf.TensorShape(shape).as_list()), "float32")]
        return None


    def outputs(layer):
        if not getattr(layer, "built", False):
            return None
        shapes = input_shapes(layer)
        if not shapes:
            return None
        embedding = "Embedding" in type(layer).__name__
        arrays = [fixed_input(s, d, embedding) for s, d in shapes]
        try:
            result = layer(arrays if len(arrays) > 1 else arrays[0], training=False)
            return [digest(np.asarray(t)) for t in tf.nest.flatten(result)]
        except Exception as error:
            return {"error": type(error).__name__ + ": " + str(error).strip().split("\n")[0][:200]}


    def observe(ns):
        layers, variables = {}, {}
        owned = set()
        for name, value in sorted(ns.items()):
            if name.startswith("__") or isinstance(value, type):
                continue
            if isinstance(value, LAYERS):
                weights = list(value.weights)
                owned.update(id(w) for w in weights)
                layers[name] = {
                    "class": type(value).__name__,
                    "weights": [[weight_key(w), digest(w.numpy())] for w in weights],
                    "outputs": outputs(value),
                }
        for name, value in sorted(ns.items()):
            if isinstance(value, (tf.Variable, keras.Variable)) and id(value) not in owned:
                variables[name] = [weight_key(value), digest(value.numpy())]
        return layers, variables


    def describe(error, path):
        line = None
        tb = error.__traceback__
        while tb is not None:
            if tb.tb_frame.f_code.co_filename == path:
                line = tb.tb_lineno
            tb = tb.tb_next
        message = (str(error).strip().splitlines() or [""])[0][:300]
        return {"type": type(error).__name__, "message": message, "line": line}


    def run(path, shim):
        reset()
        folder = tempfile.mkdtemp(prefix="tfvarfix-diff-")
        os.chdir(folder)
        text = open(path, encoding="utf-8").read()
        ns = {"__name__": "__main__", "__file__": path, "__builtins__": __builtins__}
        buffer = io.StringIO()
        error = None
        undo = keras2() if shim else None
        signal.alarm(timeout)
        try:
            with contextlib.redirect_stdout(buffer):
                exec(compile(text, path, "exec"), ns)
        except (Exception, SystemExit, Timeout) as raised:
            error = describe(raised, path)
        finally:
            signal.alarm(0)
            if undo is not None:
                undo()
        signal.alarm(timeout)
        try:
            with contextlib.redirect_stdout(io.StringIO()):
                layers, variables = observe(ns)
        except (Exception, Timeout) as raised:
            layers, variables = {"<observe>": {"error": type(raised).__name__ + ": " + str(raised)[:200]}}, {}
        finally:
            signal.alarm(0)
        os.chdir(home)
        if error is not None:
            error["message"] = clean(error["message"], folder)
        return {
            "error": error,
            "stdout": clean(buffer.getvalue(), folder)[-20000:],
            "layers": layers,
            "variables": variables,
            "eager": tf.executing_eagerly(),
        }


    with open(jobs_file, encoding="utf-8") as handle:
        jobs = json.load(handle)
    for job in jobs:
        print(mark + json.dumps({"key": job["key"], "start": True}), file=out, flush=True)
        result = {"key": job["key"], "plain": run(job["path"], False)}
        plain_error = result["plain"]["error"]
        if job.get("keras2") and plain_error and plain_error["type"] == "AttributeError" and KERAS2.search(
            plain_error["message"]
        ):
            result["keras2"] = run(job["path"], True)
        print(mark + json.dumps(result), file=out, flush=True)
        if not result["plain"]["eager"]:
            break  # the program turned eager execution off: the next one needs a fresh process
    '''
)


@dataclass(frozen=True)
class Pair:
    """A program and its rewrite; `codes`: the rules whose fixes made the rewrite."""

    key: str
    original: str
    rewrite: str
    codes: tuple[str, ...] = ()


@dataclass
class Verdict:
    """`identical`: same error (none), prints, weights and outputs; `repaired`: the original raised the bug the
    fix repairs and the rewrite printed the same up to there; `different`: a change, listed in `diff`;
    `discarded`: the original raised for another reason (the rewrite raised the same)."""

    pair: Pair
    status: str
    diff: list[str] = field(default_factory=list)
    reference: str = "plain"  # which run of the original was compared: "plain" or "keras2"
    error: str | None = None  # what the original raised
    later: str | None = None  # what a repaired rewrite raised further on


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        TF_CPP_MIN_LOG_LEVEL="3",
        CUDA_VISIBLE_DEVICES="",
        KERAS_BACKEND="tensorflow",
        PYTHONHASHSEED="0",
        TF_ENABLE_ONEDNN_OPTS="0",
        PYTHONWARNINGS="ignore",
        OMP_NUM_THREADS="1",
        TF_NUM_INTEROP_THREADS="1",
        TF_NUM_INTRAOP_THREADS="1",
    )
    env.pop("TF_USE_LEGACY_KERAS", None)
    return env


def _start(jobs: list[dict[str, object]], folder: Path, name: str) -> tuple[subprocess.Popen[str], Path]:
    jobs_file = folder / f"{name}.json"
    jobs_file.write_text(json.dumps(jobs), encoding="utf-8")
    out = folder / f"{name}.out"
    with out.open("w", encoding="utf-8") as handle:
        proc = subprocess.Popen(
            [sys.executable, "-c", _CHILD, str(jobs_file), str(SEED), str(PROGRAM_TIMEOUT_S), MARK],
            stdout=handle,
            stderr=subprocess.DEVNULL,
            text=True,
            env=_env(),
            cwd=folder,
        )
    return proc, out


def _read(out: Path) -> tuple[dict[str, dict[str, Any]], str | None]:
    """The results a child reported, and the key of a program it started but did not finish."""
    results: dict[str, dict[str, Any]] = {}
    started: str | None = None
    for line in out.read_text(encoding="utf-8", errors="replace").splitlines():
        if not line.startswith(MARK):
            continue
        data = json.loads(line[len(MARK) :])
        if data.get("start"):
            started = data["key"]
        else:
            results[data["key"]] = data
            started = None
    return results, started


def _died(key: str) -> dict[str, Any]:
    error = {"type": "ChildDied", "message": "the interpreter running the program died", "line": None}
    return {"key": key, "plain": {"error": error, "stdout": "", "layers": {}, "variables": {}, "eager": True}}


def run_batches(sides: dict[str, list[tuple[str, str, bool]]], folder: Path) -> dict[str, dict[str, Any]]:
    """Run each side's programs (key, text, keras2 allowed) in its own child, the sides side by side; a child
    that dies is restarted after the program it was running (which is reported as `ChildDied`)."""
    paths: dict[str, Path] = {}
    for side, programs in sides.items():
        for key, text, _ in programs:
            path = folder / f"{side}-{key}.py"
            path.write_text(text, encoding="utf-8")
            paths[f"{side}:{key}"] = path
    results: dict[str, dict[str, Any]] = {}
    pending = {side: list(programs) for side, programs in sides.items()}
    round_ = 0
    while any(pending.values()):
        round_ += 1
        running = []
        for side, programs in pending.items():
            if programs:
                jobs: list[dict[str, object]] = [
                    {"key": f"{side}:{key}", "path": str(paths[f"{side}:{key}"]), "keras2": keras2}
                    for key, _, keras2 in programs
                ]
                running.append((side, *_start(jobs, folder, f"{side}-{round_}")))
        for side, proc, out in running:
            proc.wait()
            got, started = _read(out)
            results.update(got)
            if started is not None:
                results[started] = _died(started)
            pending[side] = [p for p in pending[side] if f"{side}:{p[0]}" not in results]
    return results


# ------------------------------------------------------------------------------------------ comparing
def _error_text(error: dict[str, Any] | None) -> str | None:
    return None if error is None else f"{error['type']}: {error['message']}"


def compare_runs(ref: dict[str, Any], new: dict[str, Any]) -> list[str]:
    """What differs between two runs: the error, what was printed, each global's weights and outputs."""
    diff: list[str] = []
    if _error_text(ref["error"]) != _error_text(new["error"]):
        diff.append(f"error: {_error_text(ref['error'])} -> {_error_text(new['error'])}")
    if ref["stdout"] != new["stdout"]:
        diff.append("printed:\n" + _text_diff(ref["stdout"], new["stdout"]))
    diff += _state_diff(
        ref, new, set(ref["layers"]) | set(new["layers"]), set(ref["variables"]) | set(new["variables"])
    )
    return diff


def _state_diff(ref: dict[str, Any], new: dict[str, Any], layers: set[str], variables: set[str]) -> list[str]:
    diff: list[str] = []
    for name in sorted(layers):
        a, b = ref["layers"].get(name), new["layers"].get(name)
        if a is None or b is None:
            diff.append(f"global {name!r}: {_what(a)} -> {_what(b)}")
            continue
        if a.get("error") or b.get("error"):
            if a != b:
                diff.append(f"global {name!r}: {a} -> {b}")
            continue
        wa, wb = dict(map(tuple, a["weights"])), dict(map(tuple, b["weights"]))
        if [k for k, _ in a["weights"]] != [k for k, _ in b["weights"]]:
            diff.append(
                f"{name}.weights paths: {[k for k, _ in a['weights']]} -> {[k for k, _ in b['weights']]}"
            )
        for path in sorted(set(wa) & set(wb)):
            if wa[path]["sha"] != wb[path]["sha"]:
                diff.append(f"{name} weight {path}: {_summary(wa[path])} -> {_summary(wb[path])}")
        if a["outputs"] != b["outputs"]:
            diff.append(
                f"{name} outputs on fixed inputs: {_outputs(a['outputs'])} -> {_outputs(b['outputs'])}"
            )
    for name in sorted(variables):
        va, vb = ref["variables"].get(name), new["variables"].get(name)
        if va is None or vb is None or va[0] != vb[0] or va[1]["sha"] != vb[1]["sha"]:
            diff.append(f"variable {name!r}: {_variable(va)} -> {_variable(vb)}")
    return diff


def _what(layer: dict[str, Any] | None) -> str:
    return "absent" if layer is None else f"a {layer.get('class', '?')}"


def _summary(d: dict[str, Any]) -> str:
    return f"{tuple(d['shape'])} {d['dtype']} head={d.get('head')} sum={d.get('sum')}"


def _outputs(outputs: Any) -> str:
    if isinstance(outputs, list):
        return "; ".join(_summary(d) for d in outputs)
    return str(outputs)


def _variable(v: list[Any] | None) -> str:
    return "absent" if v is None else f"{v[0]} {_summary(v[1])}"


def _text_diff(a: str, b: str) -> str:
    import difflib

    lines = list(
        difflib.unified_diff(a.splitlines(), b.splitlines(), "original", "rewrite", lineterm="", n=1)
    )
    return "\n".join(lines[:60])


def verdict(pair: Pair, original: dict[str, Any], rewrite: dict[str, Any]) -> Verdict:
    """Judge a pair from its runs (`original`/`rewrite`: the child's results for each)."""
    reference = "keras2" if "keras2" in original else "plain"
    ref, new = original[reference], rewrite["plain"]
    ref_error, new_error = _error_text(ref["error"]), _error_text(new["error"])
    if ref_error is None:
        diff = compare_runs(ref, new)
        return Verdict(pair, "different" if diff else "identical", diff, reference)
    if new_error == ref_error:
        return Verdict(pair, "discarded", [], reference, ref_error)
    # The original raised and the rewrite did not raise that: the fix repaired what raised. Until the original
    # raised, the rewrite must have done the same.
    if not new["stdout"].startswith(ref["stdout"]):
        diff = [
            "printed before the original raised "
            + ref_error
            + ":\n"
            + _text_diff(ref["stdout"], new["stdout"])
        ]
        return Verdict(pair, "different", diff, reference, ref_error)
    return Verdict(pair, "repaired", [], reference, ref_error, new_error)


def run_pairs(pairs: Sequence[Pair]) -> list[Verdict]:
    """Every pair's verdict; originals and rewrites each run in one child (more after a child dies)."""
    with tempfile.TemporaryDirectory(prefix="tfvarfix-diff-") as name:
        folder = Path(name)
        results = run_batches(
            {
                "original": [(p.key, p.original, True) for p in pairs],
                "rewrite": [(p.key, p.rewrite, False) for p in pairs],
            },
            folder,
        )
    return [verdict(p, results[f"original:{p.key}"], results[f"rewrite:{p.key}"]) for p in pairs]


def explain(v: Verdict) -> str:
    """A different pair: the program, the rewrite's diff, and what changed."""
    import difflib

    patch = "".join(
        difflib.unified_diff(
            v.pair.original.splitlines(keepends=True),
            v.pair.rewrite.splitlines(keepends=True),
            "original",
            "rewrite",
        )
    )
    return (
        f"=== {v.pair.key}: safe fixes {', '.join(v.pair.codes) or '-'} changed what the program computes"
        f" (compared with the original's {v.reference} run)\n--- program:\n{v.pair.original}\n--- fix:\n{patch}"
        "--- what changed:\n" + "\n".join(v.diff)
    )


# ------------------------------------------------------------------------------------------ programs
def draw_programs(strategy: Any, count: int, randomize: bool = False) -> list[str]:
    """`count` programs from a hypothesis strategy (deterministic unless `randomize`), without repeats."""
    from hypothesis import HealthCheck, given, settings

    drawn: list[str] = []

    @settings(
        max_examples=count,
        deadline=None,
        derandomize=not randomize,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(strategy)
    def collect(text: str) -> None:
        drawn.append(text)

    collect()
    return list(dict.fromkeys(drawn))


def safe_rewrite(text: str) -> tuple[str | None, tuple[str, ...]]:
    """The program after `tfvarfix check --fix` (safe fixes only, through the API), and the rules that fixed."""
    from tfvarfix.api import FixMode, check_source
    from tfvarfix.types import FixSafety

    result = check_source(text, "program.py", mode=FixMode(apply=True))
    unsafe = [d.code for d in result.applied_fixes if d.fix is None or d.fix.safety is not FixSafety.SAFE]
    assert not unsafe, f"--fix without --unsafe-fixes applied unsafe fixes {unsafe}:\n{text}"
    return result.fixed_source, tuple(sorted({d.code for d in result.applied_fixes}))


@dataclass
class Summary:
    generated: int = 0
    fixed: int = 0  # had safe fixes
    verdicts: list[Verdict] = field(default_factory=list)

    def count(self, status: str) -> int:
        return sum(v.status == status for v in self.verdicts)

    def codes(self, status: str) -> set[str]:
        return {c for v in self.verdicts if v.status == status for c in v.pair.codes}

    def lines(self) -> list[str]:
        ran = len(self.verdicts) - self.count("discarded")
        by_code: dict[str, list[int]] = {}
        for v in self.verdicts:
            for code in v.pair.codes:
                row = by_code.setdefault(code, [0, 0, 0, 0, 0])
                row[("identical", "repaired", "different", "discarded").index(v.status)] += 1
                row[4] += 1
        out = [
            f"programs generated:            {self.generated}",
            f"had safe fixes:                {self.fixed}",
            f"ran (the original ran, or raised only the bug the fix repairs): {ran}",
            f"discarded (the original raised for another reason; the rewrite the same): {self.count('discarded')}",
            f"identical (error, prints, weights by path, outputs on fixed inputs): {self.count('identical')}",
            f"repaired (the original raised the bug; the same prints up to there): {self.count('repaired')}"
            f" (the rewrite raised something else further on: {sum(v.later is not None for v in self.verdicts)})",
            f"different:                     {self.count('different')}",
            "per rule (identical / repaired / different / discarded of programs it fixed):",
        ]
        out += [
            f"  {code}: {r[0]} / {r[1]} / {r[2]} / {r[3]} of {r[4]}" for code, r in sorted(by_code.items())
        ]
        keras2 = sum(v.reference == "keras2" for v in self.verdicts)
        out.append(f"originals compared through their Keras 2 run (TFV103's bug): {keras2}")
        return out


def differential(programs: Sequence[str], extra: Sequence[Pair] = ()) -> tuple[Summary, list[Verdict]]:
    """Fix each program with the safe fixes, run the ones that changed and `extra` pairs, and judge them all."""
    summary = Summary(generated=len(programs))
    pairs: list[Pair] = []
    for i, text in enumerate(programs):
        rewrite, codes = safe_rewrite(text)
        if rewrite is not None:
            pairs.append(Pair(f"p{i:04d}", text, rewrite, codes))
    summary.fixed = len(pairs)
    verdicts = run_pairs([*pairs, *extra])
    summary.verdicts = verdicts[: len(pairs)]
    return summary, verdicts[len(pairs) :]
