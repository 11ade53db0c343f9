"""The verify worker: runs user programs in this (separate) interpreter and writes what they built.

Started by `tfvarfix.verify.runner` as `python child.py` (so tfvarfix itself is never imported here). It imports
the backend once, reports `ready` with the device it sees, then serves requests, one JSON line each on stdin:
`{"source": path, "out": folder, "seed": int, "entries": [...], "intend": {key: [value, weight, index]}}`.
For each it resets Keras state and the seeds, runs the program as `__main__` with its own stdout and stderr
redirected to files, calls the entries, collects models, layers, variables and arrays, and writes
`result.json` plus `arrays.npz` into `out`. Replies go to the protocol descriptor, never to stdout.
Only the standard library and numpy are imported at the top: everything else after the environment is set.
"""

from __future__ import annotations

import builtins
import contextlib
import fnmatch
import importlib
import json
import os
import random
import sys
import time
import traceback
import types
from pathlib import Path
from typing import Any

import numpy as np

BACKEND = os.environ.get("KERAS_BACKEND", "tensorflow")
PROTOCOL_FD = int(os.environ.get("TFVARFIX_VERIFY_FD", "1"))
RECORDS: list[tuple[str, str, Any]] = []  # (key, entry, object or copied array)
CURRENT_ENTRY = [""]
SNAPSHOTS: list[np.ndarray | None] = []  # per record: a variable's value when the expression produced it
GRAPHS_MADE = [0, 0]  # tf.Graph objects made in this run, and the count when the current entry began
CURRENT_SEED = [0]  # the seed every new tf.Graph gets (graph-level seed), see `_graph_seeds`
SEEDING: list[str] = []  # what `_graph_seeds` patched, reported in `ready`


def _record(key: str, value: Any) -> Any:
    """`__tfvarfix_intend__`: note what an intended-value expression produced, and return it unchanged."""
    kept: Any = value
    snapshot: np.ndarray | None = None
    if not _is_variable(value) and not _is_layer(value) and not _is_initializer(value):
        try:
            kept = np.array(np.asarray(value), copy=True)
        except Exception:
            kept = value
    if _is_variable(value):
        with contextlib.suppress(Exception):
            snapshot = np.array(_numpy(value), copy=True)  # its value right after the statement
    RECORDS.append((key, CURRENT_ENTRY[0], kept))
    SNAPSHOTS.append(snapshot)
    return value


def _keras() -> Any:
    if os.environ.get("TF_USE_LEGACY_KERAS") == "1":
        tf_keras = importlib.import_module("tf_keras")

        return tf_keras
    keras = importlib.import_module("keras")

    return keras


def _is_variable(value: Any) -> bool:
    name = type(value).__name__
    return "Variable" in name and hasattr(value, "shape") and hasattr(value, "dtype")


def _is_layer(value: Any) -> bool:
    for module in ("keras", "tf_keras"):
        loaded = sys.modules.get(module)
        layer = getattr(getattr(loaded, "layers", None), "Layer", None)
        if isinstance(layer, type) and isinstance(value, layer):
            return True
    return False


def _is_initializer(value: Any) -> bool:
    for module in ("keras", "tf_keras"):
        loaded = sys.modules.get(module)
        base = getattr(getattr(loaded, "initializers", None), "Initializer", None)
        if isinstance(base, type) and isinstance(value, base):
            return True
    return False


def _numpy(value: Any) -> np.ndarray:
    """`value` as a numeric numpy array; raises for what has no value here (a graph-mode tensor or variable, whose
    object array np.savez could only pickle: "cannot pickle 'SymbolicTensor'")."""
    array: np.ndarray | None = None
    if hasattr(value, "numpy"):
        try:
            array = np.asarray(value.numpy())
        except Exception:
            array = None
    if array is None and "keras" in sys.modules and os.environ.get("TF_USE_LEGACY_KERAS") != "1":
        try:
            keras = importlib.import_module("keras")

            array = np.asarray(keras.ops.convert_to_numpy(value))
        except Exception:
            array = None
    if array is None:
        array = np.asarray(value)
    if array.dtype.kind not in "biufc":
        raise TypeError(f"{type(value).__name__} has no numeric value here (graph mode needs a session)")
    return array


def _weight_path(variable: Any) -> str:
    path = getattr(variable, "path", None)
    if isinstance(path, str) and path:
        return path
    name = str(getattr(variable, "name", "variable"))
    return name[:-2] if name.endswith(":0") else name


def _device() -> str:
    if BACKEND == "jax":
        jax = importlib.import_module("jax")

        return "gpu" if any(d.platform == "gpu" for d in jax.devices()) else "cpu"
    if BACKEND == "torch":
        torch = importlib.import_module("torch")

        return "gpu" if torch.cuda.is_available() else "cpu"
    tf = importlib.import_module("tensorflow")

    return "gpu" if tf.config.list_physical_devices("GPU") else "cpu"


def _seed(seed: int) -> None:
    CURRENT_SEED[0] = seed
    random.seed(seed)
    np.random.seed(seed)
    keras = _keras()
    keras.utils.set_random_seed(seed)


def _reset(seed: int) -> None:
    keras = _keras()
    with contextlib.suppress(Exception):
        keras.backend.clear_session()
    _seed(seed)


def _deterministic_ops() -> None:
    if BACKEND != "tensorflow" or os.environ.get("TFVARFIX_VERIFY_OP_DETERMINISM") == "0":
        return
    tf = importlib.import_module("tensorflow")

    with contextlib.suppress(Exception):
        tf.config.experimental.enable_op_determinism()
        SEEDING.append("op determinism")


def _graph_seeds() -> None:
    """Seed what op determinism would otherwise refuse. Every new `tf.Graph` (`disable_eager_execution`,
    `reset_default_graph`, `with tf.Graph().as_default()`) gets the graph-level seed, so unseeded graph-mode random
    ops draw the same numbers in both runs instead of raising "Random ops require a seed"; a program's own
    `set_random_seed` still wins. `tf.random.Generator.from_non_deterministic_state()` (which raises under op
    determinism) becomes `from_seed(seed)`."""
    if BACKEND != "tensorflow":
        return
    tf = importlib.import_module("tensorflow")
    ops = importlib.import_module("tensorflow.python.framework.ops")
    graph_init = ops.Graph.__init__

    def seeded_init(self: Any, *args: Any, **kwargs: Any) -> None:
        graph_init(self, *args, **kwargs)
        GRAPHS_MADE[0] += 1
        with contextlib.suppress(Exception):
            self.seed = CURRENT_SEED[0]

    ops.Graph.__init__ = seeded_init
    with contextlib.suppress(Exception):
        ops.get_default_graph().seed = CURRENT_SEED[0]
    SEEDING.append("graph-level seed on every tf.Graph")
    generator = tf.random.Generator

    def from_non_deterministic_state(alg: Any = None) -> Any:
        return generator.from_seed(CURRENT_SEED[0], alg=alg)

    generator.from_non_deterministic_state = staticmethod(from_non_deterministic_state)
    SEEDING.append("Generator.from_non_deterministic_state -> from_seed")


def _stable_op_seeds() -> None:
    """In TF1 graph mode, an unseeded random op's seed comes from its name scope (`scope/dense/kernel/Initializer`
    and a count within it), not from how many random ops the graph made before it: a fix that removes or adds one
    variable then leaves every other variable's initial value as it was, so the two runs' values can be compared
    by name. Inside a tf.function of an eager program nothing changes."""
    if BACKEND != "tensorflow":
        return
    import weakref
    import zlib

    random_seed = importlib.import_module("tensorflow.python.framework.random_seed")
    ops = importlib.import_module("tensorflow.python.framework.ops")
    original = random_seed.get_seed
    counts: weakref.WeakKeyDictionary[Any, dict[str, int]] = weakref.WeakKeyDictionary()

    def get_seed(op_seed: Any) -> Any:
        if op_seed is None:
            try:
                graph = ops.get_default_graph()
                if not ops.executing_eagerly_outside_functions() and graph.seed is not None:
                    scope = graph.get_name_scope()
                    seen = counts.setdefault(graph, {})
                    n = seen.get(scope, 0)
                    seen[scope] = n + 1
                    op_seed = zlib.crc32(f"{scope}#{n}".encode()) & 0x7FFFFFFF
            except Exception:
                pass
        return original(op_seed)

    setattr(random_seed, "get_seed", get_seed)  # noqa: B010
    SEEDING.append("graph-mode op seeds from name scopes")


# (entry, graph, variable values) per session
SESSION_VALUES: list[tuple[str, Any, dict[str, np.ndarray]]] = []
LIVE_SESSIONS: list[Any] = []  # weak references to the sessions the program opened
SNAPPING = [False]


def _session_values(session: Any) -> None:
    """Note the values of the session's graph's global variables (those initialized), before the session closes."""
    if SNAPPING[0]:
        return
    SNAPPING[0] = True
    try:
        graph = session.graph
        variables = list(graph.get_collection("variables"))
        if not variables:
            return
        try:
            pairs = list(zip(variables, session.run(variables), strict=True))
        except Exception:  # some are not initialized: one at a time
            pairs = []
            for variable in variables:
                with contextlib.suppress(Exception):
                    pairs.append((variable, session.run(variable)))
        values = {}
        for variable, value in pairs:
            array = np.asarray(value)
            if array.dtype.kind in "biuf" and array.size <= 10_000_000:
                values[_weight_path(variable)] = np.array(array, copy=True)
        if values:
            SESSION_VALUES.append((CURRENT_ENTRY[0], graph, values))
    except Exception:
        pass
    finally:
        SNAPPING[0] = False


def _sessions() -> None:
    """Every TF1 session notes its variables' values as it closes (`with tf.Session() as s:` ends before verify
    collects); one still open is read when the run is collected."""
    if BACKEND != "tensorflow":
        return
    import weakref

    session_module = importlib.import_module("tensorflow.python.client.session")
    base = session_module.BaseSession
    init, close = base.__init__, base.close

    def tracked_init(self: Any, *args: Any, **kwargs: Any) -> None:
        init(self, *args, **kwargs)
        with contextlib.suppress(Exception):
            LIVE_SESSIONS.append(weakref.ref(self))

    def noting_close(self: Any) -> None:
        if getattr(self, "_session", None) and not getattr(self, "_closed", True):
            _session_values(self)
        close(self)

    base.__init__ = tracked_init
    base.close = noting_close
    SEEDING.append("TF1 sessions' variables read as they close")


def _session_snapshot(graph: Any, entry: str) -> dict[str, np.ndarray]:
    """The values of `graph`'s variables in the program's sessions of this entry (the module's for the module),
    the latest last; sessions still open are read now."""
    for ref in list(LIVE_SESSIONS):
        session = ref()
        if session is not None and session.graph is graph and not getattr(session, "_closed", True):
            _session_values(session)
    values: dict[str, np.ndarray] = {}
    for owner, seen, noted in SESSION_VALUES:
        if seen is graph and owner == entry:
            values.update(noted)
    return values


def _initial_values(graph: Any) -> dict[str, np.ndarray]:
    """The initial values of `graph`'s variables, from a fresh session that runs their initializers (op seeds come
    from name scopes, see `_stable_op_seeds`): what a graph built before an error is compared by."""
    tf = importlib.import_module("tensorflow")
    values: dict[str, np.ndarray] = {}
    SNAPPING[0] = True
    try:
        variables = list(graph.get_collection("variables"))
        if not variables or graph.finalized:
            return {}
        with graph.as_default(), tf.compat.v1.Session(graph=graph) as session:
            session.run(tf.compat.v1.variables_initializer(variables))
            for variable, value in zip(variables, session.run(variables), strict=True):
                array = np.asarray(value)
                if array.dtype.kind in "biuf" and array.size <= 10_000_000:
                    values[_weight_path(variable)] = np.array(array, copy=True)
    except Exception:
        return {}
    finally:
        SNAPPING[0] = False
    return values


def _eager() -> bool:
    if BACKEND != "tensorflow":
        return True
    tf = importlib.import_module("tensorflow")

    return bool(tf.executing_eagerly())


# ---------------------------------------------------------------------------------------------- collect
class Collector:
    def __init__(self) -> None:
        self.arrays: dict[str, np.ndarray] = {}
        self.objects: list[dict[str, Any]] = []
        self.seen: set[int] = set()
        self.path_of: dict[int, str] = {}  # id(variable) -> weight path, for intended records
        self.roundtrip = False  # save and load every model (rules whose bug shows only then)
        # the program's own classes and functions, the loader's custom objects
        self.custom: dict[str, Any] = {}

    def add(self, label: str, entry: str, value: Any, depth: int = 0) -> None:
        if depth > 3 or id(value) in self.seen:
            return
        if isinstance(value, (types.ModuleType, type, types.FunctionType, types.BuiltinFunctionType)):
            return
        if _is_layer(value):
            self.seen.add(id(value))
            self._layer(label, entry, value)
        elif _is_variable(value):
            self.seen.add(id(value))
            self._variable(label, entry, value)
        elif isinstance(value, (list, tuple)):
            for i, item in enumerate(value):
                self.add(f"{label}[{i}]", entry, item, depth + 1)
        elif isinstance(value, dict):
            for key, item in value.items():
                if isinstance(key, str):
                    self.add(f"{label}[{key!r}]", entry, item, depth + 1)
        elif isinstance(value, (bool, int, float, np.ndarray, np.generic)) or type(value).__name__ in (
            "EagerTensor",
            "Tensor",
            "ArrayImpl",
        ):
            try:
                array = _numpy(value)
            except Exception:
                return
            if array.dtype.kind in "biuf" and array.size <= 10_000_000:
                key = f"v/{label}"
                self.arrays[key] = array
                self.objects.append({"label": label, "entry": entry, "kind": "value", "array": key})

    def graph(self, entry: str) -> None:
        """In graph mode, the default graph's global variables by name and shape (their values need a session
        the program may have closed): what a TF1 program built, for the checks that compare names."""
        if _eager():
            return
        tf = importlib.import_module("tensorflow")
        try:
            variables = tf.compat.v1.global_variables()
        except Exception:
            return
        graph = tf.compat.v1.get_default_graph()
        values, held = _initial_values(graph), _session_snapshot(graph, entry)
        weights, session = [], []
        for variable in variables:
            try:
                shape = [int(d) if d is not None else -1 for d in variable.shape.as_list()]
            except Exception:
                shape = []
            path = _weight_path(variable)
            weight: dict[str, Any] = {"path": path, "shape": shape, "note": "graph mode"}
            if path in values and list(values[path].shape) == shape:
                key = f"g/{entry}/{path}"
                self.arrays[key] = values[path]
                weight = {"path": path, "shape": shape, "array": key}
            weights.append(weight)
            if path in held and list(held[path].shape) == shape:
                key = f"s/{entry}/{path}"
                self.arrays[key] = held[path]
                session.append({"path": path, "shape": shape, "array": key})
        if weights:  # `graphs`: how many graphs the module or the entry made (`reset_default_graph`)
            made = GRAPHS_MADE[0] - (GRAPHS_MADE[1] if entry else 0)
            self.objects.append(
                {"label": "<graph>", "entry": entry, "kind": "graph", "weights": weights, "graphs": made}
            )
        if session:  # the values the program's own session left (trained, assigned)
            self.objects.append({"label": "<session>", "entry": entry, "kind": "session", "weights": session})

    def _variable(self, label: str, entry: str, variable: Any) -> None:
        path = _weight_path(variable)
        item: dict[str, Any] = {"label": label, "entry": entry, "kind": "variable", "weights": []}
        try:
            key = f"w/{label}/{path}"
            self.arrays[key] = _numpy(variable)
            item["weights"].append({"path": path, "array": key})
        except Exception as error:  # a graph-mode variable has no value without a session
            item["weights"].append({"path": path, "shape": list(variable.shape), "note": _first(error)})
        self.objects.append(item)

    def _layer(self, label: str, entry: str, layer: Any) -> None:
        item: dict[str, Any] = {
            "label": label,
            "entry": entry,
            "kind": "model" if hasattr(layer, "compile") else "layer",
            "class": type(layer).__name__,
            "built": bool(getattr(layer, "built", False)),
            "weights": [],
        }
        counts: dict[str, int] = {}
        for variable in list(getattr(layer, "weights", [])):
            path = _weight_path(variable)
            counts[path] = counts.get(path, 0) + 1
            if counts[path] > 1:
                path = f"{path}#{counts[path]}"
            self.path_of.setdefault(id(variable), path)
            key = f"w/{label}/{path}"
            try:
                self.arrays[key] = _numpy(variable)
                item["weights"].append({"path": path, "array": key})
            except Exception as error:
                item["weights"].append({"path": path, "note": _first(error)})
        try:
            output = _outputs(layer)
        except Exception as error:
            item["output_note"] = _first(error)
        else:
            if output is None:
                item["output_note"] = "no input spec"
            else:
                inputs, outputs = output
                item["inputs"] = [list(a.shape) for a in inputs]
                item["outputs"] = []
                for i, array in enumerate(outputs):
                    key = f"o/{label}/{i}"
                    self.arrays[key] = array
                    item["outputs"].append(key)
        if self.roundtrip and item["kind"] == "model":
            item["roundtrip_error"] = _roundtrip(layer, self.custom)
        self.objects.append(item)


def _roundtrip(model: Any, custom: dict[str, Any] | None = None) -> dict[str, Any] | None:
    """Save the model to `.keras` and load it back in this process, with the program's own classes and functions
    as custom objects (as a program that loads its own model passes them); the error, or None."""
    import tempfile

    flavors = [c.__module__.split(".", 1)[0] for c in type(model).__mro__]
    flavor = next((f for f in flavors if f in ("keras", "tf_keras")), "")
    keras = importlib.import_module(flavor) if flavor else _keras()  # the loader of the model's own Keras
    with tempfile.TemporaryDirectory() as folder:
        path = str(Path(folder) / "model.keras")
        try:
            model.save(path)
            keras.models.load_model(path, custom_objects=dict(custom or {}))
        except Exception as error:
            inner = error
            while inner.__cause__ is not None or inner.__context__ is not None:
                inner = inner.__cause__ or inner.__context__  # type: ignore[assignment]
            text = str(error) + "\n" + str(inner)
            trace = "".join(traceback.format_exception(error))[-4000:]
            return {
                "type": type(inner).__name__,
                "message": text[:4000],
                "stage": "save/load",
                "traceback": trace,
            }
    return None


def _input_shapes(layer: Any) -> list[tuple[tuple[int | None, ...], str]] | None:
    inputs = None
    try:
        inputs = getattr(layer, "inputs", None)
    except Exception:
        inputs = None
    if inputs:
        return [(tuple(t.shape), str(getattr(t.dtype, "name", t.dtype))) for t in inputs]
    shapes = getattr(layer, "_build_shapes_dict", None)
    if isinstance(shapes, dict) and len(shapes) == 1:
        shape = next(iter(shapes.values()))
        if isinstance(shape, (tuple, list)) and all(d is None or isinstance(d, int) for d in shape):
            return [(tuple(shape), "float32")]
    shape = getattr(layer, "_build_input_shape", None)
    if shape is not None:
        try:
            dims = tuple(None if d is None else int(d) for d in shape)
        except Exception:
            return None
        return [(dims, "float32")]
    return None


def _outputs(layer: Any) -> tuple[list[np.ndarray], list[np.ndarray]] | None:
    """The layer's outputs on inputs made from its input spec with a fixed-seed generator."""
    if not getattr(layer, "built", False) or not _eager():
        return None
    spec = _input_shapes(layer)
    if not spec:
        return None
    rng = np.random.default_rng(1234)
    arrays = []
    for shape, dtype in spec:
        concrete = tuple(2 if i == 0 and d is None else (3 if d is None else d) for i, d in enumerate(shape))
        if "int" in dtype:
            arrays.append(rng.integers(0, 2, size=concrete).astype(dtype))
        else:
            arrays.append(
                rng.standard_normal(concrete).astype(dtype if dtype.startswith("float") else "float32")
            )
    try:
        result = layer(arrays if len(arrays) > 1 else arrays[0], training=False)
    except TypeError:
        result = layer(arrays if len(arrays) > 1 else arrays[0])
    flat = (
        result
        if isinstance(result, (list, tuple))
        else (list(result.values()) if isinstance(result, dict) else [result])
    )
    return arrays, [_numpy(r) for r in flat]


def _first(error: BaseException) -> str:
    lines = str(error).strip().splitlines()
    return f"{type(error).__name__}: {lines[0] if lines else ''}"[:500]


def _error(error: BaseException, source: str = "") -> dict[str, Any]:
    """What the program raised; `line`: the last line of `source` the traceback passed through (where the
    program itself stood when it failed)."""
    line = top = None
    frame = error.__traceback__
    while frame is not None:
        if frame.tb_frame.f_code.co_filename == source:
            line = frame.tb_lineno
            if top is None and frame.tb_frame.f_code.co_name == "<module>":
                top = frame.tb_lineno  # the module-level statement that was running
        frame = frame.tb_next
    if isinstance(error, SystemExit):
        code = error.code
        return {
            "type": "SystemExit",
            "message": str(code),
            "exit_code": 0 if code is None else (code if isinstance(code, int) else 1),
            "line": line,
            "top_line": top,
        }
    return {
        "type": type(error).__name__,
        "message": str(error)[:4000],
        "traceback": traceback.format_exc()[-4000:],
        "line": line,
        "top_line": top,
    }


# ------------------------------------------------------------------------------------------------- run
def run(request: dict[str, Any]) -> dict[str, Any]:
    source: str = request["source"]
    folder: str = request["out"]
    seed: int = int(request.get("seed", 0))
    started = time.perf_counter()
    RECORDS.clear()
    SNAPSHOTS.clear()
    SESSION_VALUES.clear()
    LIVE_SESSIONS.clear()
    GRAPHS_MADE[:] = [0, 0]
    CURRENT_ENTRY[0] = ""
    _reset(seed)
    result: dict[str, Any] = {"module_error": None, "entries": {}, "objects": [], "records": []}
    module = types.ModuleType("__main__")
    module.__file__ = source
    namespace = module.__dict__
    old_main, old_path, old_cwd = sys.modules.get("__main__"), list(sys.path), Path.cwd()
    old_environ = dict(os.environ)  # restored after the program: the next file must not inherit what it set
    import tempfile

    old_tempdir = tempfile.tempdir
    scratch = Path(folder) / "tmp"  # the program's $TMPDIR (autograph's temp files): removed with `out`
    scratch.mkdir(exist_ok=True)
    os.environ["TMPDIR"] = tempfile.tempdir = str(scratch)
    before = set(sys.modules)
    sys.modules["__main__"] = module
    here = str(Path(source).parent)
    sys.path.insert(0, here)
    os.chdir(here)
    collector = Collector()
    collector.roundtrip = bool(request.get("roundtrip"))
    try:
        with open(source, encoding="utf-8") as handle:
            code = compile(handle.read(), source, "exec")
        eager = bool(request.get("eager_functions")) and BACKEND == "tensorflow"
        if eager:  # the reference run of a per-call hoist: every tf.function runs its Python body each call
            importlib.import_module("tensorflow").config.run_functions_eagerly(True)
        try:
            exec(code, namespace)
        except BaseException as error:  # the user's program, whatever it raises
            result["module_error"] = _error(error, source)
        collector.custom = {
            name: value
            for name, value in namespace.items()
            if isinstance(value, (type, types.FunctionType))
            and getattr(value, "__module__", "") == "__main__"
        }
        for name, value in list(namespace.items()):
            if not name.startswith("_"):
                collector.add(name, "", value)
        collector.graph("")
        entries = _entries(namespace, request.get("entries") or [], source)
        result["entry_names"] = entries
        repeat = max(1, int(request.get("repeat", 1)))
        for name in entries:
            _seed(seed)
            CURRENT_ENTRY[0] = name
            GRAPHS_MADE[1] = GRAPHS_MADE[0]
            for call in range(1, repeat + 1):  # later calls: what state kept from the first one changes
                try:
                    value = namespace[name]()
                except BaseException as error:
                    if call == 1:
                        result["entries"][name] = {"error": _error(error, source)}
                    break
                if call == 1:
                    result["entries"][name] = {"error": None}
                collector.add(name if call == 1 else f"{name}#{call}", name, value)
            collector.graph(name)
        CURRENT_ENTRY[0] = ""
        result["records"] = _records(collector, request.get("intend") or {})
    finally:
        if eager:
            importlib.import_module("tensorflow").config.run_functions_eagerly(False)
        sys.modules["__main__"] = old_main  # type: ignore[assignment]
        sys.path[:] = old_path
        os.chdir(old_cwd)
        os.environ.clear()
        os.environ.update(old_environ)
        tempfile.tempdir = old_tempdir
        for name in set(sys.modules) - before:
            file = getattr(sys.modules[name], "__file__", None) or ""
            if file.startswith(here):
                del sys.modules[name]
    result["objects"] = collector.objects
    result["eager_after"] = _eager()
    result["seconds"] = time.perf_counter() - started
    np.savez(Path(folder) / "arrays.npz", **collector.arrays)  # type: ignore[arg-type]
    with (Path(folder) / "result.json").open("w", encoding="utf-8") as handle:
        json.dump(result, handle, default=repr)
    return {"done": True, "seconds": result["seconds"], "eager_after": result["eager_after"]}


def _entries(namespace: dict[str, Any], patterns: list[str], source: str) -> list[str]:
    """The module's own functions callable without arguments (every parameter has a default) whose names match
    a pattern (fnmatch), sorted."""
    names = []
    for name, value in namespace.items():
        code = getattr(value, "__code__", None)
        if code is None or code.co_filename != source:
            continue
        required = code.co_argcount - len(getattr(value, "__defaults__", None) or ())
        required += code.co_kwonlyargcount - len(getattr(value, "__kwdefaults__", None) or {})
        if any(fnmatch.fnmatchcase(name, pattern) for pattern in patterns) and required == 0:
            names.append(name)
    return sorted(names)


def _records(collector: Collector, intend: dict[str, list[str]]) -> list[dict[str, Any]]:
    """Resolve what `__tfvarfix_intend__` noted into arrays: the value each intended fix must give a weight."""
    out = []
    shapes = sorted({tuple(a.shape) for k, a in collector.arrays.items() if k.startswith("w/")})
    for n, (key, entry, obj) in enumerate(RECORDS):
        value_path, weight_path, index = intend.get(key, ["", "", ""])
        item: dict[str, Any] = {"key": key, "entry": entry, "n": n}
        try:
            if value_path == "@name":  # the weight a rewritten attribute read gives: its path, no value
                if _is_variable(obj):
                    item["weight"] = collector.path_of.get(id(obj), _weight_path(obj))
                    item["shape"] = [int(d) if d is not None else -1 for d in obj.shape]
                item["named"] = weight_path
                out.append(item)
                continue
            if value_path == "@elements":  # a list of arrays (set_weights' argument): one record each
                for i, element in enumerate(obj):
                    array_key = f"r/{n}/{i}"
                    collector.arrays[array_key] = _numpy(element)
                    out.append({**item, "arrays": [array_key], "element": i})
                continue
            if value_path == "@snapshot":  # the rewrite's replacement expression: its value at the time
                snapshot = SNAPSHOTS[n] if n < len(SNAPSHOTS) else None
                array = snapshot if snapshot is not None else _numpy(obj)
                collector.arrays[f"r/{n}"] = array
                item["arrays"] = [f"r/{n}"]
                out.append(item)
                continue
            value = _follow(obj, value_path)
            target = _follow(obj, weight_path) if weight_path else None
            if target is not None:
                item["weight"] = collector.path_of.get(id(target), _weight_path(target))
                item["shape"] = list(target.shape)
            if _is_initializer(value):
                for shape in [tuple(target.shape)] if target is not None else shapes:
                    array_key = f"r/{n}/{'x'.join(map(str, shape))}"
                    collector.arrays[array_key] = _numpy(value(shape, dtype="float32"))
                    item.setdefault("arrays", []).append(array_key)
            else:
                if not _is_variable(value) and weight_path == "" and _is_variable(obj):
                    value = obj
                snapshot = SNAPSHOTS[n] if n < len(SNAPSHOTS) else None
                # A variable the expression made: what it meant is the value it was made with, not what the
                # program assigned or loaded into it later (tensorflow#39540 assigns 3.0 to it).
                array = snapshot if value is obj and snapshot is not None else _numpy(value)
                if index:
                    array = np.asarray(eval(f"_a[{index}]", {"_a": array}))
                    item["index"] = index
                array_key = f"r/{n}"
                collector.arrays[array_key] = array
                item["arrays"] = [array_key]
        except Exception as error:
            item["note"] = _first(error)
        out.append(item)
    return out


def _follow(obj: Any, path: str) -> Any:
    for part in [p for p in path.split(".") if p]:
        obj = getattr(obj, part)
    return obj


def main() -> None:
    protocol = os.fdopen(PROTOCOL_FD, "w", buffering=1)
    started = time.perf_counter()
    builtins.__tfvarfix_intend__ = _record  # type: ignore[attr-defined]
    try:
        _keras()
        _deterministic_ops()
        _graph_seeds()
        _stable_op_seeds()
        _sessions()
        device = _device()
    except BaseException as error:
        protocol.write(json.dumps({"ready": False, "error": _first(error)}) + "\n")
        return
    versions = {}
    for name in ("tensorflow", "keras", "tf_keras", "jax", "torch"):
        module = sys.modules.get(name)
        if module is not None:
            versions[name] = str(getattr(module, "__version__", "?"))
    protocol.write(
        json.dumps(
            {
                "ready": True,
                "device": device,
                "import_s": time.perf_counter() - started,
                "versions": versions,
                "seeding": SEEDING,
            }
        )
        + "\n"
    )
    for line in sys.stdin:
        request = json.loads(line)
        out, err = request["out"] + "/stdout.txt", request["out"] + "/stderr.txt"
        sys.stdout.flush()
        sys.stderr.flush()
        saved = os.dup(1), os.dup(2)
        with open(out, "wb") as o, open(err, "wb") as e:
            os.dup2(o.fileno(), 1)
            os.dup2(e.fileno(), 2)
            try:
                reply = run(request)
            except BaseException as error:  # our own failure: report, keep serving
                reply = {"done": False, "error": _first(error), "traceback": traceback.format_exc()[-3000:]}
            finally:
                sys.stdout.flush()
                sys.stderr.flush()
                os.dup2(saved[0], 1)
                os.dup2(saved[1], 2)
                os.close(saved[0])
                os.close(saved[1])
        killed = _end_children()
        if killed:
            reply["killed_processes"] = killed
        protocol.write(json.dumps(reply, default=repr) + "\n")


# --------------------------------------------------------------------------------------- process hygiene
PR_SET_PDEATHSIG = 1
PR_SET_CHILD_SUBREAPER = 36


def _prctl(option: int, value: int) -> bool:
    """prctl(2) through ctypes (Linux); False where it is not available."""
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        return int(libc.prctl(option, value, 0, 0, 0)) == 0
    except (OSError, AttributeError):
        return False


def _children() -> list[int]:
    """This process's children (zombies included), from /proc."""
    me, found = os.getpid(), set[int]()
    try:
        for task in Path(f"/proc/{me}/task").iterdir():
            found.update(int(pid) for pid in (task / "children").read_text(encoding="ascii").split())
        return sorted(found)
    except OSError:
        pass
    proc = Path("/proc")
    for entry in proc.iterdir() if proc.is_dir() else []:
        if entry.name.isdigit():
            try:
                fields = (
                    (entry / "stat").read_text(encoding="ascii", errors="replace").rsplit(")", 1)[1].split()
                )
                if int(fields[1]) == me:
                    found.add(int(entry.name))
            except (OSError, IndexError, ValueError):
                continue
    return sorted(found)


def _end_children(spare: int = 0, rounds: int = 200) -> int:
    """SIGKILL and reap every descendant. This process is a subreaper, so the grandchildren of a killed child
    (`start_new_session=True`, double forks) come back to it as children and go the same way. Returns how many
    processes were ended."""
    import signal

    ended = 0
    for _ in range(rounds):
        kids = [pid for pid in _children() if pid != spare]
        for pid in kids:
            with contextlib.suppress(OSError):
                os.kill(pid, signal.SIGKILL)
        reaped = 0
        while True:
            try:
                pid, _status = os.waitpid(-1, os.WNOHANG)
            except ChildProcessError:
                break
            if pid == 0:
                break
            if pid != spare:
                reaped += 1
        ended += reaped
        if not kids and not reaped:
            return ended
        time.sleep(0.005)
    return ended


def _reaper() -> None:
    """Split into a reaper and the worker. The reaper (this process, the one the runner started) is a subreaper:
    whatever the program leaves behind comes back to it when the worker dies (`os._exit`, a segfault, SIGKILL on a
    timeout); it then ends all of it and exits with the worker's status. SIGTERM from the runner ends the worker
    and everything under it. The worker returns from this function; the reaper never does."""
    import signal

    if not sys.platform.startswith("linux") or not _prctl(PR_SET_CHILD_SUBREAPER, 1):
        return
    reaper = os.getpid()
    worker = os.fork()
    if worker == 0:
        _prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
        if os.getppid() != reaper:  # the reaper died before the line above
            os._exit(1)
        _prctl(PR_SET_CHILD_SUBREAPER, 1)  # the program's orphans come to the worker, ended after each run
        return
    with contextlib.suppress(OSError):
        os.close(PROTOCOL_FD)
    with contextlib.suppress(OSError):
        os.close(0)

    def terminate(signum: int, frame: Any) -> None:
        with contextlib.suppress(OSError):
            os.kill(worker, signal.SIGKILL)

    signal.signal(signal.SIGTERM, terminate)
    status = 1
    while True:
        try:
            pid, raw = os.wait()
        except ChildProcessError:
            break
        if pid == worker:
            status = os.waitstatus_to_exitcode(raw)
            break
    _end_children()
    os._exit(status if status >= 0 else 128 - status)


if __name__ == "__main__":
    _reaper()
    main()
