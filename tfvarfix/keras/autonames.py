"""Keras's auto names: the name an unnamed layer gets, per-session counters, `clear_session()`, and the names a
model loaded from a file the program saved keeps.

Measured on Keras 3.15 and tf_keras 2.21 (TF 2.21): an unnamed layer is named from a counter per snake-case
class name (`Dense` -> `dense`, `dense_1`, `dense_2`; `BatchNormalization` -> `batch_normalization`, `Conv2D` ->
`conv2d`, `LSTM` -> `lstm`, `ReLU` -> `re_lu`). A layer named explicitly (`name="dense"`, `name="dense_7"`)
consumes no count. Models count too (`sequential`; a functional `Model` is `functional` in Keras 3, `model` in
tf_keras; a program class `MyNet` is `my_net`). In Keras 3 an op on a symbolic tensor (`x + 1`, `ops.add`) is an
Operation named the same way (`add`), so it consumes the counter of the layer class of that name (`Add`).
`keras.backend.clear_session()` (`keras.utils.clear_session`, `tf.keras.backend.clear_session`) resets every
counter. `load_model` gives the loaded layers the names saved with them and consumes no count.

The counters live in the interpreter's state (a field of the process-wide `TfState` per key), so that branches
join them and a loop of unknown count leaves them unknown. Where a count cannot be known (code the interpreter
does not follow, a function analysed as an entry, an `if` that makes a layer on one arm) the name is unknown,
never a guess. Saved models are kept in the state by file too (a literal path, or the one value an
`os.path.join(...)` evaluation made).
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import libcst as cst

from tfvarfix.keras.spec import Flavor
from tfvarfix.semantics.events import Ctx, CtxKind, Event
from tfvarfix.semantics.values import AV, TOP, Absent, Const, Obj, const

if TYPE_CHECKING:
    from tfvarfix.semantics.facts import Facts
    from tfvarfix.semantics.heap import State

# Keras 3 Operation classes whose snake-case name is also a layer class's (measured: every Operation subclass of
# keras.src.ops against keras.layers): an op on a symbolic tensor consumes that layer counter.
OP_LAYER_KEYS = frozenset(
    {
        "add", "average", "concatenate", "dot", "elu", "maximum", "minimum", "multiply", "reshape", "softmax",
        "subtract",
    }
)  # fmt: skip
CLEAR_SESSION = frozenset({"keras.backend.clear_session", "keras.utils.clear_session"})
# Top-level modules whose functions make no Keras layer: calling them leaves the counters known.
SAFE_ROOTS = frozenset(
    {
        "os", "sys", "tempfile", "numpy", "math", "random", "json", "pathlib", "time", "shutil", "logging",
        "pickle", "collections", "itertools", "functools", "re", "matplotlib", "pandas", "warnings", "typing",
        "argparse", "copy", "glob", "datetime", "pprint", "csv", "io", "string", "gc", "sklearn", "scipy",
        "h5py", "PIL", "urllib", "zipfile", "tarfile", "subprocess", "platform", "uuid", "hashlib", "struct",
        "statistics", "operator", "abc", "dataclasses", "enum", "contextlib", "textwrap", "traceback", "inspect",
        "seaborn", "tqdm", "absl", "IPython",
    }
)  # fmt: skip
SAFE_KERAS = (
    "keras.utils.to_categorical",
    "keras.utils.plot_model",
    "keras.datasets.",
    "keras.utils.get_file",
)
_PREFIX = "uid:"
_ALL = "uid:*"
_SESSION = "uid:session"
_RESET = "uid:reset"
_SAVED = "saved:"


def snake(name: str, flavor: Flavor) -> str:
    """Keras's snake case of a class name (`BatchNormalization` -> `batch_normalization`)."""
    if flavor is not Flavor.TF_KERAS:
        name = re.sub(r"\W+", "", name)
    name = re.sub("(.)([A-Z][a-z]+)", r"\1_\2", name)
    name = re.sub("([a-z])([A-Z])", r"\1_\2", name).lower()
    if flavor is Flavor.TF_KERAS and name.startswith("_"):
        return "private" + name
    return name


@dataclass(eq=False)
class AutoNamed(Event):
    """A layer whose name no code gave: Keras's auto name from its class's counter (`reset`: the
    `clear_session()` call the count started from, when one did), or the name a loaded model's layer kept
    (`loaded`: the `load_model` call)."""

    obj: Obj = field(default=None)  # type: ignore[assignment]
    name: str = ""
    reset: cst.CSTNode | None = None
    loaded: cst.CSTNode | None = None


class PathObj(Obj):
    """The string one evaluation of a path-building call made (`os.path.join(tempfile.mkdtemp(), "a.keras")`):
    unknown, but the same object is the same string."""

    __slots__ = ()
    KIND = "path"

    def describe(self) -> str:
        return "a path"


@dataclass(frozen=True)
class SavedLayer:
    cls: str
    name: str | None  # None: not known


class SavedModel(Obj):
    """What `model.save(path)` wrote: the model's kind, its name when known, and its layers' classes and names,
    in order."""

    __slots__ = ("kind", "layers", "name")
    KIND = "saved"

    def __init__(
        self, site: cst.CSTNode, kind: object, layers: tuple[SavedLayer, ...], name: str | None = None
    ) -> None:
        super().__init__(site)
        self.kind = kind
        self.layers = layers
        self.name = name


class AutoNames:
    """The counters and the saved files, kept as fields of `holder` (the process-wide TF state object)."""

    def __init__(self, holder: Obj, flavor: Flavor) -> None:
        self.holder = holder
        self.flavor = flavor
        self.sessions: list[Ctx] = []  # the entries that reset the counters (kept alive: ids stay unique)
        self.resets: list[cst.CSTNode] = []  # the clear_session() calls

    # ------------------------------------------------------------------------------------ counters
    def _session(self, ctx: Ctx) -> int:
        entry = ctx.find(CtxKind.ENTRY)
        if entry is None:
            return -1
        for index, known in enumerate(self.sessions):
            if known is entry:
                return index
        self.sessions.append(entry)
        return len(self.sessions) - 1

    def _known_session(self, state: State, ctx: Ctx) -> bool:
        """Whether the counters are known where the code runs: at module level from the program's start, in a
        function analysed as an entry (which may run at any time) only after a clear_session() in it."""
        found = state.value(self.holder, _SESSION)
        mine = self._session(ctx)
        if found is None:
            return mine == -1
        return _single_int(found) == mine

    def count(self, state: State, ctx: Ctx, key: str) -> int | None:
        """How many auto names of `key` the session has given, when known."""
        if not self._known_session(state, ctx):
            return None
        base = state.value(self.holder, _ALL)
        found = state.value(self.holder, _PREFIX + key)
        values: set[int] = set()
        for value in (found,) if found is not None else ():
            if value.objs is None:
                return None
            for obj in value.objs:
                if isinstance(obj, Absent):
                    got = _ints(base)
                    if got is None:
                        return None
                    values |= got
                elif isinstance(obj, Const) and type(obj.value) is int:
                    values.add(obj.value)
                else:
                    return None
        if found is None:
            got = _ints(base)
            if got is None:
                return None
            values = got
        return values.pop() if len(values) == 1 else None

    def take(self, state: State, ctx: Ctx, key: str, zero_based: bool = True) -> str | None:
        """The auto name the next unnamed object of `key` gets (None: not known); counts it."""
        number = self.count(state, ctx, key)
        state.set(self.holder, _PREFIX + key, const(number + 1) if number is not None else TOP)
        if number is None:
            return None
        if not zero_based:
            return f"{key}_{number + 1}"
        return f"{key}_{number}" if number else key

    def forget(self, state: State, key: str | None = None) -> None:
        """The count of `key` (every count, for None) is no longer known."""
        if key is not None:
            state.set(self.holder, _PREFIX + key, TOP)
            return
        for name in list(state.fields(self.holder)):
            if name.startswith(_PREFIX):
                state.set(self.holder, name, TOP)
        state.set(self.holder, _ALL, TOP)

    def reset(self, state: State, ctx: Ctx, node: cst.CSTNode) -> None:
        """`clear_session()`: every count starts again from zero."""
        for name in list(state.fields(self.holder)):
            if name.startswith(_PREFIX):
                state.set(self.holder, name, const(0))
        state.set(self.holder, _ALL, const(0))
        state.set(self.holder, _SESSION, const(self._session(ctx)))
        self.resets.append(node)
        state.set(self.holder, _RESET, const(len(self.resets) - 1))

    def reset_node(self, state: State) -> cst.CSTNode | None:
        """The clear_session() call the counts started from, when one is known."""
        found = state.value(self.holder, _RESET)
        index = _single_int(found) if found is not None else None
        return self.resets[index] if index is not None and 0 <= index < len(self.resets) else None

    # --------------------------------------------------------------------------------- saved files
    def save(self, state: State, path: AV, saved: SavedModel | None) -> None:
        """A model written to `path`: a later load of that path reads it. Any other known file may be the same
        one (a path made at run time), except two different literal paths."""
        key = path_key(path)
        literal = _literal(path)
        for name in list(state.fields(self.holder)):
            if not name.startswith(_SAVED) or name == key:
                continue
            other = name[len(_SAVED) :]
            if literal is not None and other.startswith("'") and _norm(other[1:]) != _norm(literal):
                continue
            state.set(self.holder, name, TOP)
        if key is not None:
            state.set(self.holder, key, AV.of(saved) if saved is not None else TOP)

    def forget_files(self, state: State) -> None:
        for name in list(state.fields(self.holder)):
            if name.startswith(_SAVED):
                state.set(self.holder, name, TOP)

    def saved(self, state: State, path: AV) -> SavedModel | None:
        key = path_key(path)
        if key is None:
            return None
        found = state.value(self.holder, key)
        obj = found.single() if found is not None else None
        return obj if isinstance(obj, SavedModel) else None


def path_key(path: AV) -> str | None:
    literal = _literal(path)
    if literal is not None:
        return _SAVED + "'" + literal
    obj = path.single()
    if isinstance(obj, PathObj):
        return f"{_SAVED}#{obj.serial}"
    return None


def _literal(path: AV) -> str | None:
    obj = path.single()
    if isinstance(obj, Const) and isinstance(obj.value, str):
        return obj.value
    return None


def _norm(path: str) -> str:
    return os.path.normpath(path)


def _ints(value: AV | None) -> set[int] | None:
    if value is None:
        return {0}
    if value.objs is None:
        return None
    out: set[int] = set()
    for obj in value.objs:
        if isinstance(obj, Absent):
            out.add(0)
        elif isinstance(obj, Const) and type(obj.value) is int:
            out.add(obj.value)
        else:
            return None
    return out


def _single_int(value: AV) -> int | None:
    obj = value.single()
    return obj.value if isinstance(obj, Const) and type(obj.value) is int else None


def safe_callee(canonical: str) -> bool:
    """A function of a module that makes no Keras layer (`os.path.join`, `np.random.rand`)."""
    if canonical.startswith(SAFE_KERAS):
        return True
    return canonical.split(".", 1)[0] in SAFE_ROOTS


def reason(facts: Facts, first: Obj, second: Obj) -> str:
    """Why two layers share a name when one of them is Keras's auto name or a loaded layer's, for TFV104's
    message ("" when both names were written)."""
    events = facts.of(AutoNamed)
    if not events:
        return ""
    by_obj = {id(e.obj): e for e in events}
    made = [by_obj[id(o)] for o in (second, first) if id(o) in by_obj]
    if not made:
        return ""
    from tfvarfix.positions import node_ranges

    ranges = node_ranges(facts.module)

    def line(node: cst.CSTNode | None) -> str:
        found = ranges.get(node) if node is not None else None
        return f" at line {found.start.line}" if found is not None else ""

    parts: list[str] = []
    for event in made:
        model = getattr(event.obj, "KIND", "") == "model"
        if event.loaded is not None and model:
            parts.append(f"the model loaded{line(event.loaded)} keeps the name `{event.name}` it was saved with")
        elif event.loaded is not None:
            parts.append(
                f"the model loaded{line(event.loaded)} keeps its layer `{event.name}` under the saved name"
            )
        else:
            again = (
                f", given again after clear_session(){line(event.reset)} reset the counters"
                if event.reset
                else ""
            )
            parts.append(
                f"`{event.name}` is Keras's auto name for the unnamed {'model' if model else 'layer'}"
                f"{line(event.node)}{again}"
            )
    return " (" + "; ".join(dict.fromkeys(parts)) + ")"


def auto_names(facts: Facts) -> set[str]:
    """Every name Keras gave an unnamed layer, or a loaded layer kept (a new name must avoid them)."""
    return {e.name for e in facts.of(AutoNamed)}
