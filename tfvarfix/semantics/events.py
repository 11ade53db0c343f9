"""What the interpreter saw happen, where, and in which context: the records that rules read.

Each event carries its node, the dynamic context it happened in (`Ctx`: the chain of calls, loop passes,
`tf.function` traces, `Layer.call`, TF1 variable scopes, graphs and expected-failure blocks around it), the
frame it happened in, the frame's variables at that point (a snapshot, for fixes that name things as they are
bound there) and the statements around it. One node reached in several contexts (a helper called twice, a loop
body run twice) yields one event per context; `facts.Facts` answers the must-questions over them.
"""

from __future__ import annotations

import enum
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field

import libcst as cst

from tfvarfix.semantics.values import AV, Args, FrameObj, FuncObj, Obj, VarObj, WeightRef


class CtxKind(enum.Enum):
    CALL = "call"  # a call of a function of the program (data: the FuncObj)
    LOOP = "loop"  # one pass of a loop or comprehension (data: the pass, 0-based; -1 a pass of unknown count)
    TF_FUNCTION = "tf_function"  # a trace of a tf.function (data: 1 the first trace, 2 its check retrace, 3 a
    # retrace for new arguments: only the first trace may make variables)
    LAYER_CALL = "layer_call"  # `call()` of a Keras layer of the program (data: the instance)
    METHOD = "method"  # `__init__`/`build` of a Keras layer of the program (data: (instance, method name))
    SCOPE = "scope"  # a TF1 variable_scope (data: the scope object)
    GRAPH = "graph"  # `with graph.as_default()` (data: the graph object)
    EXPECTED = "expected"  # an expected failure: pytest.raises, assertRaises (data: exception names)
    HANDLED = "handled"  # a try body whose handlers catch these exceptions (data: exception names)
    ENTRY = "entry"  # a function no code of the module calls, analysed with unknown arguments
    REPEAT = "repeat"  # a later call of a Keras layer of the program (the first one has built it)
    SEQUENTIAL_BUILD = "sequential_build"  # a `Sequential` calling a layer of the program on a symbolic input to
    # build its graph (data: the model)


@dataclass(frozen=True, eq=False)
class Ctx:
    """A link of the dynamic context chain, innermost first."""

    kind: CtxKind | None
    node: cst.CSTNode | None
    data: object
    parent: Ctx | None

    def chain(self) -> Iterator[Ctx]:
        ctx: Ctx | None = self
        while ctx is not None and ctx.kind is not None:
            yield ctx
            ctx = ctx.parent

    def find(self, kind: CtxKind) -> Ctx | None:
        return next((c for c in self.chain() if c.kind is kind), None)

    def has(self, kind: CtxKind) -> bool:
        return self.find(kind) is not None

    def calls(self) -> tuple[cst.CSTNode, ...]:
        """The call sites from the outermost frame in, with loop passes: the calling context as nodes."""
        return tuple(reversed([c.node for c in self.chain() if c.kind in (CtxKind.CALL,) and c.node]))

    @property
    def in_loop(self) -> bool:
        return self.has(CtxKind.LOOP)

    def catches(self, exception: str) -> bool:
        """Whether an exception of this name raised here is expected or handled by an enclosing block."""
        for ctx in self.chain():
            if ctx.kind in (CtxKind.EXPECTED, CtxKind.HANDLED):
                names = ctx.data if isinstance(ctx.data, tuple) else ()
                if exception in names or "Exception" in names or "BaseException" in names or "" in names:
                    return True
        return False

    @property
    def expected_failure(self) -> bool:
        return self.has(CtxKind.EXPECTED)


ROOT = Ctx(None, None, None, None)


@dataclass(eq=False)
class Event:
    node: cst.CSTNode
    ctx: Ctx
    frame: FrameObj
    env: Mapping[str, object]  # the frame's variables at this point (never changed later)
    chain: tuple[cst.CSTNode, ...]  # the statements of the frame that hold the node, outermost first
    view: Mapping[Obj, Mapping[str, object]] | None = field(default=None, kw_only=True)  # the heap, if kept
    # False inside an arm of a test whose outcome is not known (or an except handler): it may not run.
    certain: bool = field(default=True, kw_only=True)
    # True inside the arm where a test found missing an object that may exist (`if variables: ... else:` of a
    # value that may be None or a variable): the code's fallback, which runs or not by which objects exist.
    fallback: bool = field(default=False, kw_only=True)
    callers: tuple[FrameObj, ...] = field(default=(), kw_only=True)  # the calling frames, when `view` is kept
    # Where the analysed module led here, when the node is in another module of the project: the call of it
    # that ran that module's code (None: the node is the analysed module's own).
    anchor: cst.CSTNode | None = field(default=None, kw_only=True)

    @property
    def statement(self) -> cst.CSTNode:
        return self.chain[-1] if self.chain else self.frame.node

    @property
    def function(self) -> cst.FunctionDef | None:
        node = self.frame.node
        return node if isinstance(node, cst.FunctionDef) else None


@dataclass(eq=False)
class Created(Event):
    """An object made at `node`: a layer, model, variable, cell, Keras object or instance of a program class
    (with its constructor's arguments)."""

    obj: Obj = field(default=None)  # type: ignore[assignment]
    args: Args | None = None


@dataclass(eq=False)
class Attribute(Event):
    """A weight or navigation attribute read or written on a value: `x.kernel`, `x.cell`, `x.kernel = v`."""

    base: AV = field(default=None)  # type: ignore[assignment]
    attr: str = ""
    store: bool = False
    value: AV = field(default=None)  # type: ignore[assignment]  # the stored value, or what the read gave
    built: AV = field(default=None)  # type: ignore[assignment]  # the layer's built flag at this point
    # On `self` of a program class derived from a built-in layer: that class's name (`base` is its built-in
    # part, whose attribute the store meets).
    owner: str = ""


@dataclass(eq=False)
class MethodCall(Event):
    """A call of a TF/Keras function or of a method of a TF/Keras object: `callee` is canonical
    (`keras.layers.LSTM`, `tf.compat.v1.get_variable`) or `.method` for methods; `receiver` for methods."""

    callee: str = ""
    receiver: AV = field(default=None)  # type: ignore[assignment]
    args: Args = field(default=None)  # type: ignore[assignment]
    result: AV = field(default=None)  # type: ignore[assignment]


class Escapes:
    """What reached code the analysis does not follow, in the whole run (one object a run, shared by every
    `UnknownCall`, so complete once the run ends): the objects handed to it (call arguments and what they hold,
    the program's functions and classes among them)."""

    __slots__ = ("objs",)

    def __init__(self) -> None:
        self.objs: dict[int, Obj] = {}


class Tracked:
    """The layers and models something tracks, in the whole run (one object a run, complete once it ends): added
    to a `Sequential`, called outside a `Lambda`'s function (a layer of the graph that call builds), or stored on
    an instance of a program class. `saved`: those of them held so that `model.save` writes them (not only in an
    attribute Keras's saver skips, see `UntrackedLayer`); `containers`: the lists and dicts Keras 3's tracker of a
    program layer wraps; `calls`: (id(program layer), id(layer)) for a layer called inside that layer's call."""

    __slots__ = ("calls", "containers", "objs", "saved")

    def __init__(self) -> None:
        self.objs: set[int] = set()
        self.saved: set[int] = set()
        self.containers: set[int] = set()
        self.calls: set[tuple[int, int]] = set()


@dataclass(eq=False)
class UntrackedLayer(Event):
    """A layer a program layer (`owner`) holds where Keras 3 does not see it: `how` is "nested" (put into a plain
    list or dict that the owner holds but its tracker never wrapped: one added to a tracked list or dict, or set by
    index in a tracked list; `container`) or "reserved" (stored in `attr`, an attribute of Keras's own `Layer`,
    which `model.save` skips). `tracked` and `escaped` say, at the end of the run, whether it is held another way
    and whether the owner's call calls it."""

    obj: Obj = field(default=None)  # type: ignore[assignment]
    owner: Obj = field(default=None)  # type: ignore[assignment]
    how: str = ""
    attr: str = ""
    container: Obj | None = None
    tracked: Tracked = field(default=None)  # type: ignore[assignment]
    escaped: Escapes = field(default=None)  # type: ignore[assignment]


@dataclass(eq=False)
class LambdaCall(Event):
    """A layer or model made outside a `Lambda`'s function and called inside it (`Lambda(lambda x: encoder(x))`):
    nothing tracks it there. `tracked` and `escaped` say, at the end of the run, whether something else does, or
    whether it reached code the analysis does not follow."""

    obj: Obj = field(default=None)  # type: ignore[assignment]
    lam: Obj = field(default=None)  # type: ignore[assignment]
    tracked: Tracked = field(default=None)  # type: ignore[assignment]
    escaped: Escapes = field(default=None)  # type: ignore[assignment]


@dataclass(eq=False)
class UnknownCall(Event):
    """A call of a name from outside the program that nothing follows (`efficientnet.EfficientNetV2(...)` of
    another package): its result is unknown here, and it can hold only what `escaped` says reached such code."""

    callee: str = ""
    escaped: Escapes = field(default=None)  # type: ignore[assignment]


@dataclass(eq=False)
class UserCall(Event):
    """A call of a function of the program, inlined."""

    func: FuncObj = field(default=None)  # type: ignore[assignment]


@dataclass(eq=False)
class WeightWrite(Event):
    """A layer weight given a value after the layer was made: assign, sliced assign, scatter update, set_value,
    set_weights, or an edited `get_weights()` copy set back. `index` None writes the whole weight; `value` is what
    was written (a tensor whose `content` is known when made from constants); `how` says which API."""

    weight: WeightRef = field(default=None)  # type: ignore[assignment]
    value: AV = field(default=None)  # type: ignore[assignment]
    index: tuple[object, ...] | None = None
    how: str = ""
    built: bool = False  # the layer was certainly built at this point
    trained: bool = False  # a model holding the layer may have been trained before this point
    statements: tuple[cst.CSTNode, ...] = ()  # every statement of the edit (round trips span several)
    shape: tuple[int | None, ...] | None = None  # the static shape of `value`
    item: int | None = None  # for set_weights: the position of the value in the list


@dataclass(eq=False)
class WeightCount(Event):
    """`layer.set_weights(list)` on a built layer (or a tf_keras layer's `weights=[...]`, which its build writes with
    `set_weights`), with a list of another length than the weights the layer holds
    (`get_weights()` order: a `use_bias=False` Dense holds only its kernel, a BatchNormalization four): Keras raises
    `ValueError: ... with a weight list of length 2, but the layer was expecting 1 weights`."""

    layer: Obj = field(default=None)  # type: ignore[assignment]
    given: int = 0  # how many arrays the list holds
    held: tuple[str, ...] = ()  # the names of the weights the layer holds, in order
    absent: tuple[tuple[str, str], ...] = ()  # (weight, config switch) of the weights its config leaves out
    how: str = "set_weights"  # or "weights": a tf_keras layer's `weights=[...]`, written when it is built


@dataclass(eq=False)
class Duplicate(Event):
    """A layer added to a model (or made by a layer of the program) whose name another layer there has."""

    first: Obj = field(default=None)  # type: ignore[assignment]
    second: Obj = field(default=None)  # type: ignore[assignment]
    name: str = ""
    where: str = ""  # "sequential" | "functional" | "subclassed"
    model: Obj | None = None
    looped: bool = False  # the two layers come from one construction site run twice


@dataclass(eq=False)
class Collision(Event):
    """A TF1 variable created under a name the graph already holds, outside reuse: graph mode raises."""

    name: str = ""
    first: Event | None = None
    api: str = ""  # "get_variable" | "layers.dense" ... | "rnn"


@dataclass(eq=False)
class ReuseMismatch(Event):
    """A TF1 variable asked for while reuse is in force that graph mode cannot give: `shape`, the graph holds
    `name` at another shape (`ValueError: Trying to share variable attention/dense/kernel, but specified shape
    (8, 1) and found shape (32, 8)`: two unnamed `tf.layers.dense` with `reuse=True` both map to
    `attention/dense`); `absent`, a layer whose scope was uniquified (`memory_layer_1`, a second
    `tf.layers.Dense(name="memory_layer")`) asks for `name`, which was never made, while `expected` (the
    first layer's `memory_layer/kernel`) was (`ValueError: Variable main/memory_layer_1/kernel does not
    exist`)."""

    name: str = ""
    kind: str = ""  # "shape" | "absent"
    api: str = ""  # "get_variable" | "layers.dense" | "layers.Dense" ...
    first: Event | None = None  # the creation of the variable held (kind "shape"), or of `expected`
    shape: tuple[int | None, ...] | None = None  # asked for
    held: tuple[int | None, ...] | None = None  # in the graph
    expected: str = ""


@dataclass(eq=False)
class Missing(Event):
    """A TF1 variable an optimizer's `minimize`/`apply_gradients` must create for its slots (`w/Adam`) while
    `reuse=True` is in force and the graph certainly lacks it: graph mode raises `ValueError: Variable w/Adam/
    does not exist`. `name` is empty when the optimizer's `var_list` is not known (every variable it may train
    lacks its slot; `op` then names the slots' scope, `Momentum`). `average`: the variables an
    `ExponentialMovingAverage.apply` makes for the tensors it averages (`<op>/ExponentialMovingAverage`)."""

    name: str = ""
    op: str = ""
    average: bool = False


@dataclass(eq=False)
class InputMismatch(Event):
    """A built layer called on an input whose last dimension its weights cannot take (one layer applied to
    tensors of two widths): Keras raises `expected axis -1 of input shape to have value N`."""

    layer: Obj = field(default=None)  # type: ignore[assignment]
    built_for: int = 0  # the input's last dimension the layer was built for
    given: int = 0


@dataclass(eq=False)
class BesideLayer(Event):
    """A TF1 `get_variable` that makes `name` beside a `tf.layers` layer of its scope whose weight it is named
    after (`scope/kernel` next to `scope/dense/kernel`): a new variable, never the layer's."""

    name: str = ""
    weight: str = ""  # the layer weight's full name
    layer: Event | None = None  # the layer's creation
    reuse: str = ""  # the reuse in force: "auto", "no", "unknown"


@dataclass(eq=False)
class VariableInTrace(Event):
    """A variable made on the second trace of a tf.function, or in `call()` of a Keras layer."""

    obj: Obj = field(default=None)  # type: ignore[assignment]


@dataclass(eq=False)
class SharedCell(Event):
    """One TF1 RNN cell object used where several are meant."""

    cell: Obj = field(default=None)  # type: ignore[assignment]
    where: str = ""
    expr: cst.BaseExpression | None = None


@dataclass(eq=False)
class Holds(Event):
    """At the end of `__init__` or `build`, a Keras layer of the program holds a variable in an attribute
    (directly, or in a list, tuple or dict there). `node` is where the variable was made."""

    instance: Obj = field(default=None)  # type: ignore[assignment]
    attr: str = ""
    variable: VarObj = field(default=None)  # type: ignore[assignment]
    method: str = ""
    direct: bool = True  # the attribute holds the variable itself, not a container of it
