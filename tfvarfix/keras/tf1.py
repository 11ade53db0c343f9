"""TF1 graph semantics for the interpreter: variable scopes, `get_variable`, layers, RNN functions and cells,
optimizer slots, graphs.

Every variable a TF1 API creates is registered, under its full scoped name, in the graph it is created in (the
default graph, or the one a `with g.as_default():` or `with tf.Session(graph=g):` block names;
`reset_default_graph()` starts a new one). A creation under a name the graph certainly holds already, with no
reuse in force, is a `Collision`: graph mode raises `ValueError: Variable rnn/lstm_cell/kernel already exists,
disallowed`. Because the interpreter follows the program, "twice" covers every shape: two calls in one scope,
a helper called twice, a loop pass.

Names are made as TF makes them. A named scope (`variable_scope("enc")`, the `rnn` scope of `dynamic_rnn`, a
named `tf.layers.dense`) is used as is; a default-named one (`variable_scope(None, default_name="block")`, an
unnamed `tf.layers.dense`, a cell's own `lstm_cell` scope, an optimizer's slot scope `w/Adam`) takes the first
of `name`, `name_1`, ... that was not opened in the current scope, where the counts of the scopes opened under
a named scope start again from zero when that scope is left (TF's `close_variable_subscopes`). So two unnamed
dense layers in one block are `dense` and `dense_1`, but the same function run twice under a fixed
`variable_scope("generator")` makes `generator/dense` both times, and collides.

Measured on TF 2.21 + tf_keras (graph mode):
- two RNN calls whose cells have one variable name, in one scope, collide (`rnn/lstm_cell/kernel`,
  `rnn/gru_cell/gates/kernel`, `rnn/multi_rnn_cell/cell_0/gru_cell/gates/kernel`); an LSTMCell and a GRUCell
  in one scope do not; a cell object used twice creates its variables once and shares them;
- two fresh cells called directly (`cell(x, state)`) get `lstm_cell` and `lstm_cell_1` in one block, but
  `s/lstm_cell` twice when each is called in its own `with variable_scope("s")`, and collide; a cell's `name=`
  is only a default name (`top`, `top_1`) while `tf.layers.dense(name=)` is a fixed one; a `MultiRNNCell`
  called directly keeps `multi_rnn_cell` (two in one block collide on `multi_rnn_cell/cell_0/lstm_cell/kernel`);
  cells and `tf.layers` made in `keras_style_scope()` name their variables as Keras does and never collide;
- unnamed `tf.compat.v1.layers.dense` calls are uniquified (`dense`, `dense_1`) within one scope block, named
  ones collide; `layers.dropout(name=)` twice creates nothing; `batch_normalization` first makes `gamma`;
- an optimizer's slots are `<variable>/Adam` and `<variable>/Adam_1` (`Momentum`, `RMSProp`...); a second
  optimizer makes `Adam_2`, `Adam_3`, unless a scope enclosing the variable was entered (and left) in between,
  which resets the count: then it collides on `<variable>/Adam/`, AUTO_REUSE or not. GradientDescent makes none;
- in eager mode `get_variable` twice creates two variables and raises nothing; `tf.Variable` names are
  uniquified in graph mode.
"""

from __future__ import annotations

import enum
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

import libcst as cst

from tfvarfix.semantics.events import (
    BesideLayer,
    Collision,
    Created,
    Ctx,
    CtxKind,
    Event,
    Missing,
    ReuseMismatch,
    SharedCell,
)
from tfvarfix.semantics.heap import EMPTY_ENTRIES, Entries, maybe_absent, present
from tfvarfix.semantics.values import (
    AV,
    NONE,
    TOP,
    TRUE,
    Args,
    FuncObj,
    KerasObj,
    LayerObj,
    ListObj,
    ModuleRef,
    Obj,
    TensorObj,
    TupleObj,
    VarObj,
    const,
)

if TYPE_CHECKING:
    from tfvarfix.keras.transfer import KerasSemantics

Shape = tuple[int | None, ...]

V1 = "tf.compat.v1."
# RNN function -> (default scope, directions, index of `scope` among the positional arguments, cell arguments)
RNN_FUNCTIONS: dict[str, tuple[str, tuple[str, ...], int, tuple[str, ...]]] = {
    "dynamic_rnn": ("rnn", ("",), 8, ("cell",)),
    "static_rnn": ("rnn", ("",), 5, ("cell",)),
    "bidirectional_dynamic_rnn": ("bidirectional_rnn", ("fw", "bw"), 10, ("cell_fw", "cell_bw")),
    "static_bidirectional_rnn": ("bidirectional_rnn", ("fw", "bw"), 7, ("cell_fw", "cell_bw")),
}
CELL_NAMES = {
    "LSTMCell": "lstm_cell",
    "BasicLSTMCell": "basic_lstm_cell",
    "GRUCell": "gru_cell",
    "BasicRNNCell": "basic_rnn_cell",
    "MultiRNNCell": "multi_rnn_cell",
}
# The first variable a cell makes, under its own scope (what TF names when it collides).
CELL_FIRST_VARIABLE = {
    "LSTMCell": "kernel",
    "BasicLSTMCell": "kernel",
    "BasicRNNCell": "kernel",
    "GRUCell": "gates/kernel",
}
WRAPPERS = frozenset({"DropoutWrapper", "ResidualWrapper", "DeviceWrapper"})
# `tf.compat.v1.layers` functions that make variables: their default scope name and first variable.
LAYER_FUNCTIONS = {
    "dense": "kernel",
    "conv1d": "kernel",
    "conv2d": "kernel",
    "conv3d": "kernel",
    "conv2d_transpose": "kernel",
    "conv3d_transpose": "kernel",
    "separable_conv1d": "depthwise_kernel",
    "separable_conv2d": "depthwise_kernel",
    "batch_normalization": "gamma",
}
# the variables each layer function makes, beside the first one
LAYER_WEIGHTS = {
    **{short: ("kernel", "bias") for short in ("dense", "conv1d", "conv2d", "conv3d", "conv2d_transpose")},
    "conv3d_transpose": ("kernel", "bias"),
    "separable_conv1d": ("depthwise_kernel", "pointwise_kernel", "bias"),
    "separable_conv2d": ("depthwise_kernel", "pointwise_kernel", "bias"),
    "batch_normalization": ("gamma", "beta", "moving_mean", "moving_variance"),
}
# `tf.compat.v1.layers` classes and the function each one backs (its default scope name).
LAYER_CLASSES = {
    "Dense": "dense",
    "Conv1D": "conv1d",
    "Conv2D": "conv2d",
    "Conv3D": "conv3d",
    "Conv2DTranspose": "conv2d_transpose",
    "Conv3DTranspose": "conv3d_transpose",
    "SeparableConv1D": "separable_conv1d",
    "SeparableConv2D": "separable_conv2d",
    "BatchNormalization": "batch_normalization",
}
# optimizer class -> (default name, slots per variable, index of `name` among the positional arguments)
OPTIMIZER_SLOTS = {
    "AdamOptimizer": ("Adam", 2, 5),
    "MomentumOptimizer": ("Momentum", 1, 3),
    "RMSPropOptimizer": ("RMSProp", 2, 6),
    "AdagradOptimizer": ("Adagrad", 1, 3),
    "AdadeltaOptimizer": ("Adadelta", 2, 4),
    "GradientDescentOptimizer": ("GradientDescent", 0, 2),
}
# Inside it TF1 layers and cells made there name their variables as Keras layers do (unique per graph): no
# variable scope, so no collision (the TF API page's answer to two models whose cells collide).
KERAS_STYLE_SCOPE = V1 + "layers.experimental.keras_style_scope"
GRAPH_MARKERS = frozenset(
    V1 + n
    for n in (
        "disable_eager_execution",
        "disable_v2_behavior",
        "placeholder",
        "Session",
        "InteractiveSession",
        "get_default_graph",
        "global_variables_initializer",
    )
)
# Namespaces of TF whose functions, called and not followed, make no variable of the `get_variable` store (ops,
# initializers, losses, summaries, ...), and the functions there that may (control flow runs the functions it is
# given; `get_or_create_global_step` is in `train`, which is not listed): any other call the analysis does not
# follow may have made variables, and the graph's contents are no longer known exactly.
_OP_NAMESPACES = frozenset(
    {"", "nn.", "math.", "image.", "random.", "linalg.", "signal.", "strings.", "sparse.", "dtypes.", "initializers.",
     "losses.", "summary.", "io.", "data.", "debugging.", "bitwise.", "config.", "errors.", "test.", "logging."}
)  # fmt: skip
_STORE_MAKERS = frozenset(
    {"get_variable", "get_local_variable", "make_template", "while_loop", "cond", "case", "switch_case", "map_fn",
     "scan", "foldl", "foldr", "py_func", "py_function", "numpy_function", "custom_gradient", "recompute_grad",
     "function", "import_graph_def", "wrap_function", "create_partitioned_variables", "get_or_create_global_step",
     "create_global_step", "vectorized_map"}
)  # fmt: skip
# `tf.compat.v1.layers` functions that make no variable
_NO_VARIABLE_LAYERS = frozenset(
    {"dropout", "flatten", "max_pooling1d", "max_pooling2d", "max_pooling3d", "average_pooling1d",
     "average_pooling2d", "average_pooling3d"}
)  # fmt: skip
_SCOPE_POSITIONAL = ("name_or_scope", "default_name", "values", "initializer", "regularizer", "caching_device",
                     "partitioner", "custom_getter", "reuse")  # fmt: skip
_PLAIN_SCOPE = re.compile(r"^[\w/.-]*$")


def _fits(shape: object, name: str, layer: KerasObj) -> bool:
    """Whether a variable of `shape` could be the layer's weight `name`: a dense kernel's last dimension and a
    bias's only one are its `units`, when both are known."""
    from tfvarfix.keras.arrays import int_tuple

    dims = int_tuple(shape)
    if not layer.cls.endswith(".dense"):
        return True
    units = layer.args.first("units", 1).const()
    if dims is None or not isinstance(units, int) or name not in ("kernel", "bias"):
        return True
    if name == "bias":
        return len(dims) == 1 and dims[0] in (None, units)
    return len(dims) >= 2 and dims[-1] in (None, units)


class Reuse(enum.Enum):
    """The reuse in force where a variable is made."""

    NO = "no"  # create; raise when the name exists
    YES = "yes"  # reuse=True / reuse_variables(): never create
    AUTO = "auto"  # reuse=AUTO_REUSE: create when absent
    UNKNOWN = "unknown"


def combine(outer: Reuse, own: Reuse) -> Reuse:
    """TF's `reuse = own or outer`: a scope inherits reuse and cannot turn it off."""
    if own in (Reuse.YES, Reuse.AUTO):
        return own
    if own is Reuse.NO:
        return outer
    return Reuse.UNKNOWN


class Mark(Obj):
    """A variable registered in a graph: the event that created it, whether it is trainable, and its shape as
    far as it is known (`None` for a dimension not known)."""

    __slots__ = ("event", "shape", "trainable")
    KIND = "mark"

    def __init__(self, event: Event, trainable: bool | None = True, shape: Shape | None = None) -> None:
        super().__init__(None)  # `serial` is creation order: the earliest of several marks is the first creation
        self.event = event
        self.trainable = trainable
        self.shape = shape


def incompatible(asked: Shape | None, held: Shape | None) -> bool:
    """TF's `not shape.is_compatible_with(found)` where both are known: another rank, or a dimension known in
    both that differs."""
    if asked is None or held is None:
        return False
    if len(asked) != len(held):
        return True
    return any(a is not None and h is not None and a != h for a, h in zip(asked, held, strict=True))


def first_shape(short: str, args: Args, offset: int) -> Shape | None:
    """The shape of the first variable a TF1 layer makes, as far as its arguments tell: a dense kernel is
    `(?, units)`, a convolution's `(*kernel_size, ?, filters)`. `offset`: 1 for the layer functions, whose
    first argument is the input, 0 for the classes."""
    if args.star:
        return None
    if short == "dense":
        units = args.first("units", offset).const()
        return (None, units) if isinstance(units, int) and not isinstance(units, bool) else None
    rank = {"conv1d": 1, "conv2d": 2, "conv3d": 3}.get(short)
    if rank is None:
        return None
    filters = args.first("filters", offset).const()
    size = args.first("kernel_size", offset + 1).const()
    if not _integer(filters):
        return None
    assert isinstance(filters, int)
    if _integer(size):
        assert isinstance(size, int)
        dims: tuple[int | None, ...] = (size,) * rank
    elif isinstance(size, tuple) and len(size) == rank and all(_integer(d) for d in size):
        dims = tuple(int(d) for d in size)
    else:
        dims = (None,) * rank
    return (*dims, None, filters)


def makes_no_store_variable(canonical: str) -> bool:
    """Whether a TF function, called and not followed, certainly makes no `get_variable` variable (`tf.reshape`,
    `tf.nn.relu`, `tf.random_normal`; not `tf.contrib.layers.fully_connected`, `tf.while_loop`)."""
    for root in (V1, "tf.compat.v2.", "tf."):
        if canonical.startswith(root):
            rest = canonical[len(root) :]
            break
    else:
        return False
    namespace, _, short = rest.rpartition(".")
    return (
        (namespace + "." if namespace else "") in _OP_NAMESPACES
        and short not in _STORE_MAKERS
        and "rnn" not in short
    )


def _integer(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def cell_root(cell: LayerObj) -> LayerObj:
    while cell.wrapped is not None:
        cell = cell.wrapped
    return cell


class Tf1:
    def __init__(self, semantics: KerasSemantics) -> None:
        self.k = semantics
        self._made: dict[int, tuple[Obj, Ctx]] = {}  # a graph -> the context it was made in

    @property
    def interp(self):  # type: ignore[no-untyped-def]
        return self.k.interp

    @property
    def state(self):  # type: ignore[no-untyped-def]
        return self.k.interp.state

    # ======================================================================================= calls
    def call(self, name: str, args: Args, node: cst.Call) -> AV | None:
        state = self.state
        tf = self.k.tf
        if name in (V1 + "disable_eager_execution", V1 + "disable_v2_behavior"):
            state.set(tf, "graph_mode", TRUE)
            return NONE
        if name == V1 + "variable_scope":
            return AV.of(KerasObj(node, name, args))
        if name == V1 + "get_variable_scope":
            return AV.of(self.current_scope())
        if name == V1 + "get_variable":
            return self.get_variable(args, node)
        if name == V1 + "placeholder":
            shape = self.interp.constant(args.first("shape", 1))
            from tfvarfix.keras.arrays import int_tuple

            return AV.of(TensorObj(node, shape=int_tuple(shape), symbolic=True))
        if name in (V1 + "Session", V1 + "InteractiveSession"):
            return AV.of(KerasObj(node, V1 + "Session", args))
        if name == V1 + "reset_default_graph":
            state.set(tf, "graph", AV.of(self.new_graph(node)))
            return NONE
        if name == V1 + "get_default_graph":
            return AV.of(self.graph())
        if name in ("tf.Graph", V1 + "Graph"):
            return AV.of(self.new_graph(node))
        if name == V1 + "make_template":
            return TOP
        if name == KERAS_STYLE_SCOPE:
            return AV.of(KerasObj(node, name, args))
        if name == V1 + "trainable_variables":
            return AV.of(KerasObj(node, name, args))
        short = name.rsplit(".", 1)[-1]
        if name.startswith(V1 + "nn.") and short in RNN_FUNCTIONS:
            return self.rnn_call(short, args, node)
        if name.startswith(V1 + "nn.rnn_cell."):
            return self.cell(short, name, args, node)
        if name.startswith(V1 + "layers.") and short.islower():
            return self.tf1_layer(name, args, node)
        if name.startswith(V1 + "layers.") and short in LAYER_CLASSES:
            return self.layer_object(name, args, node)
        if name.startswith(V1 + "train.") and short[:1].isupper():
            obj = KerasObj(node, name, args)
            return AV.of(obj)
        return None

    def method(self, obj: KerasObj, name: str, args: Args, node: cst.Call) -> AV | None:
        if obj.cls == "tf.Graph" and name == "as_default":
            return AV.of(KerasObj(node, "graph_context", Args((AV.of(obj),), {}, {}, False)))
        if obj.cls == V1 + "variable_scope" and name == "reuse_variables":
            self.state.set(obj, "reuse", TRUE)
            return NONE
        if obj.cls.startswith(V1 + "train.") and name == "compute_gradients":
            var_list = args.get("var_list", ("loss", "var_list"))
            return AV.of(KerasObj(node, "grads_and_vars", Args((var_list,), {}, {}, False)))
        return TOP

    def point(self, node: cst.CSTNode) -> Event:
        """An event for this point that is not recorded (what a graph's registry remembers of a creation)."""
        interp = self.interp
        env = self.state.snapshot(interp.frame)
        return Event(node=node, ctx=interp.ctx, frame=interp.frame, env=env, chain=tuple(interp.chain))

    # ===================================================================================== contexts
    def enter(self, obj: KerasObj, node: cst.WithItem) -> tuple[AV, Ctx | None]:
        if obj.cls == KERAS_STYLE_SCOPE:
            self.state.set(self.k.tf, "keras_style", self._keras_style_depth() + 1)
            return AV.of(obj), None
        if obj.cls == V1 + "variable_scope":
            self.enter_scope(obj)
            return AV.of(obj), Ctx(CtxKind.SCOPE, obj.site, obj, None)
        if obj.cls == "graph_context":
            graph = obj.args.positional[0]
            return graph, Ctx(CtxKind.GRAPH, obj.site, graph.single(), None)
        if obj.cls == V1 + "Session":
            # A session block makes its graph the default one (resetting the default graph there raises).
            graph = obj.args.get("graph")
            found = graph.single() if not graph.is_bottom and graph != NONE else self.graph()
            if found is not None:
                return AV.of(obj), Ctx(CtxKind.GRAPH, obj.site, found, None)
            return AV.of(obj), None
        return AV.of(obj), None

    def exit(self, obj: KerasObj, node: cst.WithItem) -> None:
        if obj.cls == V1 + "variable_scope":
            self.exit_scope(obj)
        elif obj.cls == KERAS_STYLE_SCOPE:
            self.state.set(self.k.tf, "keras_style", max(self._keras_style_depth() - 1, 0))

    def _keras_style_depth(self) -> int:
        depth = self.state.get(self.k.tf, "keras_style")
        return depth if isinstance(depth, int) else 0

    def keras_style(self, cell: LayerObj | None = None) -> bool:
        """Inside `keras_style_scope()` now, or (a cell) made inside one: TF1 layers and cells made there use
        Keras-style variable names, unique per graph, and make no variable scope of their own."""
        if cell is not None:
            return self.state.get(cell_root(cell), "keras_style") is True
        return self._keras_style_depth() > 0

    def enter_scope(self, scope: KerasObj) -> None:
        """Open a `variable_scope`: its full name, its reuse, and the scope counts of its graph."""
        state = self.state
        graph = self.graph()
        prefix, outer = self.here()
        args = scope.args
        own = self.reuse_of(args.get("reuse", _SCOPE_POSITIONAL)) if not args.star else Reuse.UNKNOWN
        first = args.first("name_or_scope", 0)
        inner = first.single()
        full: str | None = None
        kind = "unknown"
        reuse = Reuse.UNKNOWN
        if isinstance(inner, KerasObj) and inner.cls == V1 + "variable_scope":
            # Re-entering a scope object: its name, its reuse unless this call sets one; counts restored on exit.
            full = self.full_name(inner)
            kind = "object"
            reuse = own if own in (Reuse.YES, Reuse.AUTO) else Reuse.UNKNOWN
            if own is Reuse.NO:
                reuse = self.effective(inner)
        else:
            name = first.const()
            default = args.get("default_name", _SCOPE_POSITIONAL).const()
            if isinstance(name, str) and name:
                full = prefix + name if prefix is not None else None
                kind = "named"
            elif (first.is_bottom or first == NONE) and isinstance(default, str) and default:
                full = self.unique(graph, prefix, default)
                kind = "named"
            reuse = combine(outer, own)
        state.set(scope, "full", const(full) if full is not None else TOP)
        state.set(scope, "parent", const(prefix) if prefix is not None else TOP)
        state.set(scope, "entry", const(reuse.value))
        state.set(scope, "kind", const(kind if full is not None else "unknown"))
        state.set(scope, "graph", AV.of(graph))
        if full is not None:
            self.open_scope(graph, full)
        if kind == "object":
            state.set(scope, "saved", self.counts(graph))

    def exit_scope(self, scope: KerasObj) -> None:
        state = self.state
        found = state.value(scope, "graph")
        graph = found.single() if found is not None else None
        if graph is None:
            return
        kind = _const(state.value(scope, "kind"))
        full = _const(state.value(scope, "full"))
        if kind == "named" and isinstance(full, str):
            self.close_subscopes(graph, full)
        elif kind == "object":
            saved = state.get(scope, "saved")
            state.set(graph, "counts", saved if isinstance(saved, Entries) else Entries((), False, TOP))
        else:
            parent = _const(state.value(scope, "parent"))
            self.forget_counts(graph, parent if isinstance(parent, str) else None)

    # ======================================================================================= scopes
    def innermost_scope(self) -> KerasObj | None:
        """The innermost open `variable_scope` of the current graph (None: its root scope)."""
        for ctx in self.interp.ctx.chain():
            if ctx.kind is CtxKind.GRAPH:
                return None
            if ctx.kind is CtxKind.SCOPE and isinstance(ctx.data, KerasObj):
                return ctx.data
        return None

    def current_scope(self) -> KerasObj:
        found = self.innermost_scope()
        return found if found is not None else self.root_scope()

    def root_scope(self) -> KerasObj:
        graph = self.graph()
        found = self.state.value(graph, "root")
        obj = found.single() if found is not None else None
        if isinstance(obj, KerasObj):
            return obj
        made = KerasObj(None, V1 + "variable_scope", Args((), {}, {}, False))
        self.state.set(made, "full", const(""))
        self.state.set(made, "entry", const(Reuse.NO.value))
        self.state.set(graph, "root", AV.of(made))
        return made

    def full_name(self, scope: KerasObj) -> str | None:
        found = _const(self.state.value(scope, "full"))
        return found if isinstance(found, str) else None

    def effective(self, scope: KerasObj) -> Reuse:
        """The reuse in force in an open scope: as it was entered, or on after `reuse_variables()`."""
        flagged = self.state.value(scope, "reuse")
        entry = _const(self.state.value(scope, "entry"))
        base = Reuse(entry) if isinstance(entry, str) else Reuse.UNKNOWN
        if scope.site is None and base is Reuse.NO and self._framework_entry():
            # A method nothing in the module calls is called by a framework, perhaps under a reuse scope.
            base = Reuse.UNKNOWN
        if flagged is not None:
            if present(flagged) == TRUE and not maybe_absent(flagged):
                return Reuse.YES
            return Reuse.YES if base is Reuse.YES else Reuse.UNKNOWN
        return base

    def _framework_entry(self) -> bool:
        """Inside a method that no code of the module calls (an entry of a class): its caller is unknown."""
        outermost = None
        for link in self.interp.ctx.chain():
            if link.kind is CtxKind.ENTRY:
                return getattr(outermost, "owner", None) is not None
            if link.kind is CtxKind.CALL:
                outermost = link.data
        return False

    def here(self) -> tuple[str | None, Reuse]:
        """The scope prefix (`enc/dec/`, `""` at the root) of the current point and the reuse in force there."""
        scope = self.current_scope()
        full = self.full_name(scope)
        reuse = self.effective(scope)
        if full is None:
            return None, reuse
        return (f"{full}/" if full else ""), reuse

    def reuse_of(self, value: AV) -> Reuse:
        """A `reuse=` argument."""
        if value.is_bottom or value == NONE:
            return Reuse.NO
        if value.is_top:
            return Reuse.UNKNOWN
        if any(isinstance(o, ModuleRef) and o.canonical == V1 + "AUTO_REUSE" for o in value):
            return Reuse.AUTO if value.single() is not None else Reuse.UNKNOWN
        known = value.const()
        if known is True:
            return Reuse.YES
        if known is False:
            return Reuse.NO
        return Reuse.UNKNOWN

    # ====================================================================================== graphs
    def graph(self) -> Obj:
        found = self.interp.ctx.find(CtxKind.GRAPH)
        if found is not None and isinstance(found.data, Obj):
            return found.data
        current = self.state.value(self.k.tf, "graph")
        obj = current.single() if current is not None else None
        if obj is None:
            obj = self.new_graph(None)
            self.state.set(self.k.tf, "graph", AV.of(obj))
            if self._unknown_flag(self.k.tf):
                self._set_unknown(obj)  # code not followed ran before the default graph was first used
        return obj

    def new_graph(self, node: cst.CSTNode | None) -> KerasObj:
        """A graph, made with its (empty) tables of variables and scope counts: a path that creates nothing in it
        then joins with one that does as 'each name maybe made' (tensorflow/gan's get_or_create_eval_step, a
        get_variable in the arm of an `if` on the graph's EVAL_STEP collection, called twice), where a graph
        with no fields yet on one path would take the other path's tables as certain."""
        graph = KerasObj(node, "tf.Graph")
        self.state.set(graph, "vars", EMPTY_ENTRIES)
        self.state.set(graph, "counts", EMPTY_ENTRIES)
        self._made[id(graph)] = (graph, self.interp.ctx)
        return graph

    # =============================================================================== what is known
    def opaque(self, args: Args | None = None) -> None:
        """Code the analysis does not follow ran here (a call not followed, a variable made under a name not
        known): it may have made `get_variable` variables, so the contents of the default graph, of a graph
        block's and of a graph handed to it are no longer known exactly."""
        state = self.state
        current = state.value(self.k.tf, "graph")
        graphs: list[Obj] = []
        if current is None:
            self._set_unknown(self.k.tf)  # the default graph, made later, holds what this code made
        elif not current.is_top:
            graphs += (o for o in current if isinstance(o, KerasObj) and o.cls == "tf.Graph")
        block = self.interp.ctx.find(CtxKind.GRAPH)
        if block is not None and isinstance(block.data, Obj):
            graphs.append(block.data)
        for value in (*args.positional, *args.keywords.values()) if args is not None else ():
            if not value.is_top:
                graphs += (o for o in value if isinstance(o, KerasObj) and o.cls == "tf.Graph")
        for graph in graphs:
            self._set_unknown(graph)

    def _set_unknown(self, obj: Obj) -> None:
        if self.state.value(obj, "opaque") != TRUE:
            self.state.set(obj, "opaque", TRUE)

    def _unknown_flag(self, obj: Obj) -> bool:
        found = self.state.value(obj, "opaque")
        return found is not None and (found.is_top or not present(found).is_bottom)

    def known_exactly(self, graph: Obj, entries: Entries) -> bool:
        """Whether every `get_variable` variable the graph holds here was made by code the analysis followed,
        under a name it knows: no call it does not follow ran since the graph was made (or, for the default
        graph, since the program started), and, in a function analysed as an entry (whose callers and the graph
        they built are not known), the graph was made in that call (`reset_default_graph()`, `tf.Graph()`)."""
        if not entries.exact or self._unknown_flag(graph):
            return False
        ctx = self.interp.ctx
        if any(
            c.kind in (CtxKind.TF_FUNCTION, CtxKind.REPEAT) or (c.kind is CtxKind.LOOP and c.data == -1)
            for c in ctx.chain()
        ):
            return False  # a pass of a loop of unknown count (or a trace) may be any of several
        entry = ctx.find(CtxKind.ENTRY)
        if entry is None:
            return True
        made = self._made.get(id(graph))
        return (
            made is not None
            and made[0] is graph
            and isinstance(graph, KerasObj)
            and graph.site is not None  # not the default graph the entry's callers may have built in
            and any(c is entry for c in made[1].chain())
        )

    def counts(self, graph: Obj) -> Entries:
        found = self.state.get(graph, "counts")
        return found if isinstance(found, Entries) else EMPTY_ENTRIES

    def count(self, graph: Obj, key: str) -> int | None:
        """How often the scope `key` was opened (since its parent was last left); None when not known."""
        value = self.counts(graph).get(key)
        if value.is_top:
            return None
        if present(value).is_bottom:
            return 0
        if maybe_absent(value):
            return None
        known = value.const()
        return known if isinstance(known, int) else None

    def open_scope(self, graph: Obj, full: str) -> None:
        found = self.count(graph, full)
        self.state.set(
            graph, "counts", self.counts(graph).put(full, const(found + 1) if found is not None else TOP)
        )

    def close_subscopes(self, graph: Obj, full: str) -> None:
        counts = self.counts(graph)
        under = full + "/"
        items = tuple(
            (k, const(0) if isinstance(k, str) and k.startswith(under) else v) for k, v in counts.items
        )
        self.state.set(graph, "counts", Entries(items, counts.exact, counts.rest))

    def forget_counts(self, graph: Obj, parent: str | None) -> None:
        """A scope of unknown name was left: the counts under its parent are no longer known."""
        counts = self.counts(graph)
        items = tuple(
            (k, TOP if parent is None or (isinstance(k, str) and k.startswith(parent)) else v)
            for k, v in counts.items
        )
        self.state.set(graph, "counts", Entries(items, False, TOP))

    def unique(self, graph: Obj, prefix: str | None, base: str) -> str | None:
        """TF's `_get_unique_variable_scope`: the full name a default-named scope gets here."""
        if prefix is None:
            return None
        name = prefix + base
        found = self.count(graph, name)
        if found is None:
            return None
        if found == 0:
            return name
        for index in range(1, 100):
            found = self.count(graph, f"{name}_{index}")
            if found is None:
                return None
            if found == 0:
                return f"{name}_{index}"
        return None

    # ==================================================================================== variables
    def create(
        self,
        full: str,
        api: str,
        node: cst.CSTNode,
        event: Event,
        reuse: Reuse,
        trainable: bool | None = True,
        shape: Shape | None = None,
    ) -> None:
        """A variable `full` is made in the current graph: a collision when the graph certainly holds it and
        no reuse is in force; under reuse, a mismatch when the graph certainly holds it at another shape."""
        if self._tracks_tf1_variables():
            return  # each call gets back the variables of its first (per layer instance, by name)
        graph = self.graph()
        found = self.state.get(graph, "vars")
        entries = found if isinstance(found, Entries) else EMPTY_ENTRIES
        held = entries.get(full)
        certain = (
            not held.is_top and not held.is_bottom and not maybe_absent(held) and not present(held).is_bottom
        )
        absent = not held.is_top and present(held).is_bottom
        mark = AV.of(Mark(event, trainable, shape))
        if reuse is Reuse.NO:
            if certain:
                marks = sorted((o for o in held if isinstance(o, Mark)), key=lambda m: m.serial)
                # The same site made it before (a function run twice), else the earliest other site.
                same = [m for m in marks if m.event.node is node]
                first = (same or marks)[0].event if marks else None
                self.interp.record(Collision, node, name=full, first=first, api=api)
                # The program raises here: what this path makes of the variable later (an optimizer's slots
                # for it) is never made, so it is no second collision.
                collided = self.state.get(graph, "collided")
                self.state.set(graph, "collided", (*(collided if isinstance(collided, tuple) else ()), full))
                return
            new = mark
        elif reuse is Reuse.YES:
            if api == "slot" and absent:
                # An optimizer's slot under `reuse=True` (a `reuse_variables()` left on, which `reuse=False`
                # cannot undo): `get_variable` finds nothing to reuse and raises; the program stops here.
                self.interp.record(Missing, node, name=full)
                self.state.set(graph, "raised", True)
            elif absent and api != "slot" and self.absent_under_reuse(full, api, node, reuse):
                pass  # graph mode raises: the program stops here
            elif certain:
                self._share(full, api, node, held, shape)
            return
        elif reuse is Reuse.AUTO:
            if certain:
                self._share(full, api, node, held, shape)
                return
            new = mark if absent else (present(held).join(mark) if not present(held).is_top else mark)
        else:
            new = held.join(mark)
        self.state.set(graph, "vars", entries.put(full, new))

    def _share(self, full: str, api: str, node: cst.CSTNode, held: AV, shape: Shape | None) -> None:
        """Reuse of a variable the graph certainly holds: graph mode raises `Trying to share variable ...` when
        every creation of it there has a shape the one asked for cannot take."""
        marks = sorted((o for o in held if isinstance(o, Mark)), key=lambda m: m.serial)
        if shape is None or not marks or held.is_top or len(marks) != len(held.objs or ()):
            return
        if all(incompatible(shape, m.shape) for m in marks):
            first = marks[0]
            self.interp.record(
                ReuseMismatch, node, name=full, kind="shape", api=api, first=first.event, shape=shape,
                held=first.shape,
            )  # fmt: skip
            self.state.set(self.graph(), "raised", True)

    def absent_under_reuse(
        self, full: str, api: str, node: cst.CSTNode, reuse: Reuse, expected: str | None = None
    ) -> bool:
        """`full` asked for while `reuse=True` is in force, and the graph certainly lacks it: graph mode raises
        `ValueError: Variable <full> does not exist, or was not created with tf.get_variable(). Did you mean to set
        reuse=tf.AUTO_REUSE in VarScope?` (a first build under `reuse_variables()` or `variable_scope(...,
        reuse=True)`; measured, TF 2.21 + tf_keras). Claimed where the graph's contents are known exactly
        (`known_exactly`, and no layer or cell made variables under the same outer scope, whose other variables
        are not registered); or, `expected` given, for a layer whose default-named scope was uniquified
        (`memory_layer_1`), when the graph certainly holds the first layer's variable `expected`
        (`memory_layer/kernel`, the one the code means to share). Whether it raised."""
        if reuse is not Reuse.YES:
            return False
        graph = self.graph()
        entries = self.state.get(graph, "vars")
        if not isinstance(entries, Entries):
            return False
        wanted = entries.get(full)
        if wanted.is_top or not present(wanted).is_bottom:
            return False
        first: Event | None = None
        if expected is not None:
            there = entries.get(expected)
            if there.is_top or there.is_bottom or maybe_absent(there) or present(there).is_bottom:
                return False
            made = sorted((o for o in there if isinstance(o, Mark)), key=lambda m: m.serial)
            first = made[0].event if made else None
        elif (
            self.state.get(graph, "raised") is True  # the program raised before this point on this path
            or not self.known_exactly(graph, entries)
            or _partly_registered(full, entries)
        ):
            return False
        self.interp.record(
            ReuseMismatch, node, name=full, kind="absent", api=api, first=first, expected=expected or ""
        )
        self.state.set(graph, "raised", True)
        return True

    def _tracks_tf1_variables(self) -> bool:
        """Inside a method decorated `@tf.compat.v1.keras.utils.track_tf1_style_variables` (the TF2 migration
        guide's shim): the variables its TF1 code makes are the layer's, made on the first call and reused by
        name on every later one, so a second call makes nothing (measured, TF 2.21 + tf_keras: a shimmed
        layer called twice, eagerly and in a Model, holds one kernel)."""
        for link in self.interp.ctx.chain():
            func = link.data if link.kind is CtxKind.CALL else None
            if isinstance(func, FuncObj) and any(d.endswith("track_tf1_style_variables") for d in func.decorators):
                return True
        return False

    def get_variable(self, args: Args, node: cst.Call) -> AV:
        name = args.first("name", 0).const()
        from tfvarfix.keras.arrays import int_tuple

        var = VarObj(
            node,
            V1 + "get_variable",
            name=name if isinstance(name, str) else None,
            name_node=args.first_node("name", 0),
            initial=args.get("initializer"),
            shape=int_tuple(self.interp.constant(args.first("shape", 1))),
        )
        event = self.interp.record(Created, node, obj=var)
        prefix, reuse = self.here()
        if isinstance(name, str) and prefix is not None and not args.star:
            trainable = args.get(
                "trainable", ("name", "shape", "dtype", "initializer", "regularizer", "trainable")
            )
            known = trainable.const()
            flag = True if trainable.is_bottom or known is True else False if known is False else None
            self.beside_layer(prefix, name, reuse, args, node)
            self.create(prefix + name, "get_variable", node, event, reuse, flag, shape=var.shape)
        else:
            self.opaque()  # a variable under a name not known
        return AV.of(var)

    def beside_layer(self, prefix: str, name: str, reuse: Reuse, args: Args, node: cst.Call) -> None:
        """`get_variable("kernel")` in a scope where a `tf.layers.dense` just made `<scope>/dense/kernel`: the
        author asks for the layer's weight by a name that misses the layer's own scope, and gets a new one."""
        if "/" in name or reuse is Reuse.YES:
            return
        found = self.state.get(self.graph(), "vars")
        if not isinstance(found, Entries) or not found.exact:
            return
        if not present(found.get(prefix + name)).is_bottom:
            return  # the name is there already: reuse or a collision, not a new variable beside a layer
        layers: list[tuple[str, Event]] = []
        for key, held in found.items:
            if not isinstance(key, str) or not key.startswith(prefix):
                continue
            segments = key[len(prefix) :].split("/")
            marks = [m for m in held if isinstance(m, Mark)]
            made = marks[0].event if len(marks) == 1 else None
            if len(segments) != 2 or not isinstance(made, Created) or not isinstance(made.obj, KerasObj):
                continue
            short = made.obj.cls.rsplit(".", 1)[-1]
            shape = self.interp.constant(args.first("shape", 1))
            if name in LAYER_WEIGHTS.get(short, ()) and _fits(shape, name, made.obj):
                layers.append((prefix + segments[0], made))
        if len(layers) == 1:
            scope, made = layers[0]
            self.interp.record(
                BesideLayer, node, name=prefix + name, weight=f"{scope}/{name}", layer=made, reuse=reuse.value
            )

    def tf1_layer(self, name: str, args: Args, node: cst.Call) -> AV:
        short = name.rsplit(".", 1)[-1]
        event = self.interp.record(Created, node, obj=KerasObj(node, name, args))
        output = AV.of(TensorObj(node, symbolic=True))
        first = LAYER_FUNCTIONS.get(short)
        if self.keras_style() or (first is None and short in _NO_VARIABLE_LAYERS):
            return output
        if first is not None and short == "batch_normalization":
            first = _batch_norm_first(args)
        if first is None or args.star:
            self.opaque()  # variables under names not known
            return output
        given = args.get("name")
        own = self.reuse_of(args.get("reuse"))
        prefix, outer = self.here()
        graph = self.graph()
        layer_name = given.const()
        if isinstance(layer_name, str) and layer_name:
            full = prefix + layer_name if prefix is not None else None  # `_scope=name`: a fixed scope
        elif given.is_bottom or given == NONE:
            fixed = (
                own in (Reuse.YES, Reuse.AUTO) and prefix is not None
            )  # `_reuse`: a fixed scope, not a default
            full = prefix + short if fixed and prefix is not None else self.unique(graph, prefix, short)
        else:
            full = None
        if full is None:
            self.opaque()
            return output
        self.open_scope(graph, full)
        reuse = combine(outer, own)
        api = f"layers.{short}"
        base = f"{prefix}{short}"
        if (
            prefix is None
            or full == base
            or not self.absent_under_reuse(f"{full}/{first}", api, node, reuse, f"{base}/{first}")
        ):
            self.create(f"{full}/{first}", api, node, event, reuse, shape=first_shape(short, args, 1))
        self.close_subscopes(graph, full)
        return output

    def layer_object(self, name: str, args: Args, node: cst.Call) -> AV:
        """`tf.compat.v1.layers.Dense(...)`: a layer object, whose variables its first call makes."""
        obj = KerasObj(node, name, args)
        if self.keras_style():
            self.state.set(obj, "keras_style", True)
        return AV.of(obj)

    def layer_object_call(self, layer: KerasObj, args: Args, node: cst.Call) -> AV:
        """A TF1 layer object called: on its first call it opens `variable_scope(None, default_name=<its name
        or its class's>)` (TF's `_set_scope`: a second `Dense(name="memory_layer")` gets `memory_layer_1`)
        and makes its variables there under the reuse in force; later calls reuse them."""
        output = AV.of(TensorObj(node, symbolic=True))
        state = self.state
        built = state.get(layer, "tf1_built")
        state.set(layer, "tf1_built", True)
        short = LAYER_CLASSES.get(layer.cls.rsplit(".", 1)[-1], "")
        first = LAYER_FUNCTIONS.get(short)
        if built is not None or state.get(layer, "keras_style") is True:
            return output
        if first is not None and short == "batch_normalization":
            first = _batch_norm_first(layer.args)
        if first is None or layer.args.star:
            if not any(k in layer.cls for k in ("Dropout", "Flatten", "Pooling")):
                self.opaque()  # variables under names not known
            return output
        given = layer.args.get("name")
        base = given.const() if not (given.is_bottom or given == NONE) else short
        if not isinstance(base, str) or not base or not layer.args.get("_reuse").is_bottom:
            self.opaque()
            return output
        prefix, reuse = self.here()
        graph = self.graph()
        full = self.unique(graph, prefix, base)
        if full is None or prefix is None:
            self.opaque()
            return output
        self.open_scope(graph, full)
        api = f"layers.{layer.cls.rsplit('.', 1)[-1]}"
        if full == prefix + base or not self.absent_under_reuse(
            f"{full}/{first}", api, node, reuse, f"{prefix}{base}/{first}"
        ):
            self.create(f"{full}/{first}", api, node, self.point(node), reuse, shape=first_shape(short, layer.args, 0))
        self.close_subscopes(graph, full)
        return output

    # ========================================================================================= cells
    def cell(self, short: str, name: str, args: Args, node: cst.Call) -> AV:
        given = args.get("name").const()
        segment: str | None = CELL_NAMES.get(short)
        if isinstance(given, str):
            segment = given
        elif not args.get("name").is_bottom:
            segment = None
        cell = LayerObj(node, name, None, args, segment, self.interp.in_loop)
        self.state.touch(cell)  # a use on one path (`try`: the call that failed) is then only maybe made
        if self.keras_style():
            self.state.set(cell, "keras_style", True)
        if short in WRAPPERS:
            inner = args.first("cell", 0).single()
            if isinstance(inner, LayerObj):
                cell.wrapped = inner
                cell.name = inner.name if not isinstance(given, str) else given
        elif short == "MultiRNNCell":
            self.multi_cell(cell, args, node)
        elif short not in CELL_NAMES:
            cell.name = segment if isinstance(given, str) else None
        self.interp.record(Created, node, obj=cell)
        return AV.of(cell)

    def multi_cell(self, cell: LayerObj, args: Args, node: cst.Call) -> None:
        cells_value = args.first("cells", 0)
        expr = args.first_node("cells", 0)
        source = cells_value.single()
        items = self.interp.iteration(cells_value)
        repeated = self.state.value(source, "repeated") if isinstance(source, ListObj) else None
        if isinstance(items, AV):
            found = items.only(LayerObj)
            roots = {id(cell_root(o)): cell_root(o) for o in found} if found else {}
            if len(roots) == 1 and (repeated is not None or isinstance(expr, cst.ListComp)):
                root = next(iter(roots.values()))
                self.interp.record(
                    SharedCell, node, cell=root, where="for every layer of `MultiRNNCell`", expr=expr
                )
            return
        self.state.set(cell, "cells", AV.of(TupleObj(tuple(items))))
        seen: list[LayerObj] = []
        elements = expr.elements if isinstance(expr, (cst.List, cst.Tuple)) else None
        for index, value in enumerate(items):
            obj = value.single()
            if not isinstance(obj, LayerObj):
                continue
            root = cell_root(obj)
            if root in seen:
                where = (
                    "for every layer of `MultiRNNCell`"
                    if not elements
                    else "for two layers of `MultiRNNCell`"
                )
                target = elements[index].value if elements and index < len(elements) else expr
                self.interp.record(SharedCell, node, cell=root, where=where, expr=target)
                if not elements:
                    return
            else:
                seen.append(root)

    def cell_naming(self, cell: LayerObj) -> tuple[str, str] | None:
        """The default name of a cell's own scope and the path of its first variable under it."""
        root = cell_root(cell)
        if root.name is None:
            return None
        if root.short == "MultiRNNCell":
            found = self.state.value(root, "cells")
            cells = found.single() if found is not None else None
            first = cells.items[0].single() if isinstance(cells, TupleObj) and cells.items else None
            if not isinstance(first, LayerObj) or self.used(cell_root(first)) is not False:
                return None
            inner = self.cell_naming(first)
            return (root.name, f"cell_0/{inner[0]}/{inner[1]}") if inner is not None else None
        variable = CELL_FIRST_VARIABLE.get(root.short)
        return (root.name, variable) if variable is not None else None

    def used(self, root: LayerObj) -> bool | None:
        """Whether a cell has made its variables (True), certainly not (False), or perhaps (None)."""
        found = self.state.value(root, "used_by")
        if found is None:
            return False
        return None if maybe_absent(found) else True

    def mark_used(self, cell: LayerObj, node: cst.CSTNode, where: str | None = None) -> None:
        """The cell makes its variables at `node`, under the scope prefix `where` (None: not known)."""
        root = cell_root(cell)
        self.state.set(root, "used_by", AV.of(KerasObj(node, "rnn_use")))
        self.state.set(root, "used_in", const(where) if where is not None else TOP)
        if root.short == "MultiRNNCell":
            found = self.state.value(root, "cells")
            cells = found.single() if found is not None else None
            for item in cells.items if isinstance(cells, TupleObj) else ():
                inner = item.single()
                if isinstance(inner, LayerObj) and self.used(cell_root(inner)) is False:
                    self.mark_used(inner, node, where)

    def make_cell_variables(
        self,
        cell: LayerObj,
        naming: tuple[str, str] | None,
        prefix: str,
        reuse: Reuse,
        api: str,
        node: cst.CSTNode,
        event: Event,
    ) -> None:
        """A fresh cell makes its variables under `prefix` (its own scope is default-named there)."""
        if self.keras_style(cell):
            return
        if naming is None:
            self.opaque()  # variables under names not known
            return
        base, variable = naming
        root = cell_root(cell)
        own = self.reuse_of(root.args.get("reuse"))
        graph = self.graph()
        # A `MultiRNNCell` called directly keeps its default scope `multi_rnn_cell` (measured, TF 2.21 + tf_keras:
        # two of them called in one block both make `multi_rnn_cell/cell_0/lstm_cell/kernel` and collide, while
        # two LSTMCells get `lstm_cell` and `lstm_cell_1`).
        fixed = own in (Reuse.YES, Reuse.AUTO) or root.short == "MultiRNNCell"
        full = prefix + base if fixed else self.unique(graph, prefix, base)
        if full is None:
            self.opaque()
            return
        self.open_scope(graph, full)
        self.create(f"{full}/{variable}", api, node, event, combine(reuse, own))
        self.close_subscopes(graph, full)

    def cell_call(self, cell: LayerObj, args: Args, node: cst.Call) -> AV:
        """`cell(inputs, state)` called directly: a fresh cell makes its variables in the current scope."""
        output = AV.of(TupleObj((AV.of(TensorObj(node, symbolic=True)), TOP)))
        root = cell_root(cell)
        used = self.used(root)
        scope = args.get("scope", ("inputs", "state", "scope"))
        plain = not args.star and (scope.is_bottom or scope == NONE)
        prefix, reuse = self.here()
        if used is True and plain:
            self.called_again(root, prefix, reuse, node)
        if used is not False:
            if used is None:
                self.opaque()  # perhaps made here
            return output
        naming = self.cell_naming(cell)
        self.mark_used(cell, node, prefix if plain else None)
        if not plain:
            self.opaque()
            return output
        if prefix is not None:
            self.make_cell_variables(cell, naming, prefix, reuse, "cell", node, self.point(node))
        else:
            self.opaque()
        return output

    def called_again(self, root: LayerObj, prefix: str | None, reuse: Reuse, node: cst.Call) -> None:
        """A cell that has made its variables called directly again, at another site, inside a variable scope
        its variables are not under and outside any reuse scope (an encoder's cell called by a decoder in
        `variable_scope("decoder")`): it makes nothing there and runs on its first variables (measured, TF 2.21
        + tf_keras: only `rnn/gru_cell/...` exist; a wider decoder input raises `ValueError: Dimensions must be
        equal`). A first step peeled off a loop, in the scope of the loop, is meant to share and stays silent."""
        first = self.state.value(root, "used_by")
        site = first.single() if first is not None and not maybe_absent(first) else None
        made_in = _const(self.state.value(root, "used_in"))
        if (
            reuse is not Reuse.NO
            or not isinstance(site, KerasObj)
            or site.site is node
            or not isinstance(made_in, str)
            or not prefix
            or made_in.startswith(prefix)
        ):
            return
        where = "again, called directly in another variable scope outside any reuse scope"
        self.interp.record(SharedCell, node, cell=root, where=where, expr=None)

    def next_layer(self, root: LayerObj, here: str, expr: cst.BaseExpression | None, node: cst.Call) -> None:
        """One RNN call meeting a cell it already ran on a later pass of a loop whose passes are known (a stack of
        layers, `for i, (fw, bw) in enumerate(zip(cells_fw, cells_bw))` under `variable_scope("cell_%d" % i)`), in
        another variable scope outside any reuse scope: the cell makes nothing there and every layer runs on the
        first layer's variables (measured, TF 2.21 + tf_keras: only `.../cell_0/...` exist; a second layer wider
        than the first layer's input raises `ValueError: Dimensions must be equal`). A loop that runs one RNN on
        several inputs in one scope is meant to share and stays silent. Reported where a list repeats the cell
        (`[cell] * n`), if one does, else at the cell given to the call."""
        loop = self.interp.ctx.find(CtxKind.LOOP)
        made_in = _const(self.state.value(root, "used_in"))
        if loop is None or not isinstance(loop.data, int) or loop.data < 1:
            return  # not a pass known to follow the first one
        if not isinstance(made_in, str) or made_in == here:
            return
        listed = self.repeating_list(root)
        where = "for two layers built by a loop of RNN calls"
        self.interp.record(SharedCell, node, cell=root, where=where, expr=listed if listed is not None else expr)

    def repeating_list(self, root: LayerObj) -> cst.BaseExpression | None:
        """The one list expression (`[cell] * n`, `[cell for _ in range(n)]`, `[cell, cell]`) whose list holds
        the cell in two places, or a repeated list of it, if exactly one does."""
        found: list[cst.BaseExpression] = []
        for obj in self.state.objects():
            if not isinstance(obj, ListObj) or not isinstance(obj.site, (cst.BinaryOperation, cst.ListComp, cst.List)):
                continue
            items = self.state.items(obj)
            if items.exact is not None:
                roots = [cell_root(o) for value in items.exact for o in [value.single()] if isinstance(o, LayerObj)]
                if sum(1 for r in roots if r is root) < 2:
                    continue
            else:
                merged = items.merged.single()
                if not isinstance(merged, LayerObj) or cell_root(merged) is not root:
                    continue
                if self.state.value(obj, "repeated") is None and not isinstance(obj.site, cst.ListComp):
                    continue
            if obj.site not in found:
                found.append(obj.site)
        return found[0] if len(found) == 1 else None

    def rnn_call(self, function: str, args: Args, node: cst.Call) -> AV:
        default, directions, scope_index, cell_keywords = RNN_FUNCTIONS[function]
        output = AV.of(TensorObj(node, symbolic=True))
        pair = AV.of(TupleObj((output, output)))
        result = AV.of(TupleObj((pair if function.startswith("bidirectional") else output, TOP)))
        if args.star:
            self.opaque()
            return AV.of(TupleObj((output, TOP)))
        scope_value = args.get("scope")
        if scope_value.is_bottom and len(args.positional) > scope_index:
            scope_value = args.positional[scope_index]
        graph = self.graph()
        prefix, outer = self.here()
        scope_obj = scope_value.single()
        full: str | None = None
        kind = "named"
        reuse = outer
        if scope_value.is_bottom or scope_value == NONE:
            full = prefix + default if prefix is not None else None
        elif isinstance(scope_obj, KerasObj) and scope_obj.cls == V1 + "variable_scope":
            full, kind, reuse = self.full_name(scope_obj), "object", self.effective(scope_obj)
        else:
            known = scope_value.const()
            full = prefix + known if isinstance(known, str) and known and prefix is not None else None
        cells: list[tuple[LayerObj | None, cst.BaseExpression | None]] = []
        for index, keyword in enumerate(cell_keywords):
            value = args.first(keyword, index)
            obj = value.single()
            cells.append((obj if isinstance(obj, LayerObj) else None, args.first_node(keyword, index)))
        forward, backward = cells[0][0], cells[-1][0]
        shared = forward is not None and backward is not None and cell_root(forward) is cell_root(backward)
        if len(cells) == 2 and forward is not None and backward is not None and shared:
            where = "as the forward and the backward cell"
            self.interp.record(SharedCell, node, cell=cell_root(backward), where=where, expr=cells[1][1])
        event = self.interp.record(Created, node, obj=KerasObj(node, V1 + "nn." + function, args))
        saved = None
        if full is not None:
            self.open_scope(graph, full)
            saved = self.counts(graph)
        for (cell, expr), direction in zip(cells, directions, strict=False):
            if cell is None:
                self.opaque()  # a cell not known makes variables not known
                continue
            root = cell_root(cell)
            used = self.used(root)
            if used is True:
                first = self.state.value(root, "used_by")
                site = first.single() if first is not None else None
                if reuse is Reuse.NO and site is not None and site.site is not node:
                    where = "in two RNN calls outside any reuse scope"
                    self.interp.record(SharedCell, node, cell=root, where=where, expr=expr)
                elif reuse is Reuse.NO and site is not None and full is not None:
                    here = f"{full}/{direction}/" if direction else f"{full}/"
                    self.next_layer(root, here, expr, node)
                continue
            if used is None:
                self.opaque()
                continue
            naming = self.cell_naming(cell)
            prefix_made = (f"{full}/{direction}/" if direction else f"{full}/") if full is not None else None
            self.mark_used(cell, node, prefix_made)
            if full is None or prefix_made is None:
                self.opaque()
                continue
            where = prefix_made
            if direction:
                self.open_scope(graph, where[:-1])
            self.make_cell_variables(cell, naming, where, reuse, "rnn", node, event)
            if direction:
                self.close_subscopes(graph, where[:-1])
        if full is not None:
            if kind == "named":
                self.close_subscopes(graph, full)
            elif saved is not None:
                self.state.set(graph, "counts", saved)
        return result

    # ===================================================================================== optimizers
    def apply_optimizer(self, optimizer: KerasObj, method: str, args: Args, node: cst.Call) -> None:
        """The first `minimize`/`apply_gradients` of a TF1 optimizer makes its slots for the variables it
        trains: `<variable>/Adam`, `<variable>/Adam_1`, default-named in the current scope. Slots it may make
        under names not known leave the graph's contents not known exactly."""
        if not self._apply_optimizer(optimizer, method, args, node):
            self.opaque()

    def _apply_optimizer(self, optimizer: KerasObj, method: str, args: Args, node: cst.Call) -> bool:
        """Whether every slot the call makes is registered (or it makes none, or the program raised)."""
        spec = OPTIMIZER_SLOTS.get(optimizer.cls.rsplit(".", 1)[-1])
        if spec is not None and spec[1] == 0:
            return True
        if spec is None or optimizer.args.star or args.star:
            return False
        op_name, slots, name_index = spec
        given = optimizer.args.keywords.get("name")
        if given is None and len(optimizer.args.positional) > name_index:
            given = optimizer.args.positional[name_index]
        if given is not None:
            known = given.const()
            if not isinstance(known, str):
                return False
            op_name = known
        if method == "minimize":
            var_list = args.get("var_list", ("loss", "global_step", "var_list"))
        elif method == "apply_gradients":
            pairs = args.first("grads_and_vars", 0).single()
            if not isinstance(pairs, KerasObj) or pairs.cls != "grads_and_vars":
                return False
            var_list = pairs.args.positional[0]
        else:
            return False
        only: str | None = None
        if self.state.get(self.graph(), "raised") is True:
            return True  # the program raised before this point on this path
        if not (var_list.is_bottom or var_list == NONE):
            chosen = var_list.single()
            if (
                not isinstance(chosen, KerasObj)
                or chosen.cls != V1 + "trainable_variables"
                or chosen.args.star
            ):
                self._slots_under_reuse(op_name, node)
                return False
            scope = chosen.args.first("scope", 0)
            if not (scope.is_bottom or scope == NONE):
                known = scope.const()
                if not isinstance(known, str) or not _PLAIN_SCOPE.match(known):
                    return False
                only = known
        prefix, reuse = self.here()
        if prefix is None:
            return False
        graph = self.graph()
        found = self.state.get(graph, "vars")
        entries = found if isinstance(found, Entries) else EMPTY_ENTRIES
        event = self.point(node)
        collided = self.state.get(graph, "collided")
        complete = True
        for key, value in entries.items:
            if not isinstance(key, str) or (only is not None and not key.startswith(only)):
                continue
            if isinstance(collided, tuple) and key in collided:
                continue  # its creation raised on this path: the program never gets to its slots
            marks = value.only(Mark) if not maybe_absent(value) else None
            if not marks or not all(m.trainable is True for m in marks):
                complete = complete and marks is not None and all(m.trainable is False for m in marks)
                continue
            for _ in range(slots):
                full = self.unique(graph, prefix, f"{key}/{op_name}")
                if full is None:
                    complete = False
                    break
                self.open_scope(graph, full)
                self.create(full + "/", "slot", node, event, reuse, trainable=False)
                self.close_subscopes(graph, full)
                if self.state.get(graph, "raised") is True:
                    return True
        return complete and entries.exact

    def apply_moving_average(self, average: KerasObj, args: Args, node: cst.Call) -> None:
        """`ExponentialMovingAverage.apply(tensors)` makes one variable per averaged value with `get_variable`,
        `<op name>/ExponentialMovingAverage`, in the current variable scope. A computed tensor's op name is new
        to the graph (name scopes are made unique), so under `reuse=True` its average cannot exist yet and graph
        mode raises `Variable d_bn1/d_bn1_2/moments/Squeeze/ExponentialMovingAverage/ does not exist` (DCGAN's
        `batch_norm` class, called again in a discriminator shared by `reuse_variables()`; measured, TF 2.21).
        Only a list the analysis knows exactly, of tensors (no variables) not averaged before on this path, is
        judged: a variable's average, or one made by an earlier `apply`, may exist and be reused."""
        graph = self.graph()
        if args.star or average.args.star or self.state.get(graph, "raised") is True:
            self.opaque()
            return
        self.opaque()  # the averages it makes are not registered
        from tfvarfix.semantics.pybuiltins import items_of

        items = items_of(self.interp, args.first("var_list", 0).single())
        if not isinstance(items, list):
            return
        tensors = [item.single() for item in items]
        before = self.state.get(graph, "averaged")
        averaged = before if isinstance(before, tuple) else ()
        self.state.set(graph, "averaged", (*averaged, *(t for t in tensors if isinstance(t, TensorObj))))
        prefix, reuse = self.here()
        if prefix is None or reuse is not Reuse.YES or not tensors:
            return
        if not all(isinstance(t, TensorObj) and t not in averaged for t in tensors):
            return
        given = average.args.keywords.get("name")
        if given is None and len(average.args.positional) > 3:
            given = average.args.positional[3]
        op_name = "ExponentialMovingAverage" if given is None else given.const()
        if not isinstance(op_name, str):
            return
        self.interp.record(Missing, node, name="", op=op_name, average=True)
        self.state.set(graph, "raised", True)

    def _slots_under_reuse(self, op_name: str, node: cst.Call) -> None:
        """An optimizer given a `var_list` the analysis does not know (`[v for v in tvars if "d_" in v.name]`)
        under `reuse=True`: whatever it trains, its first slot cannot be created when no trainable variable of
        the graph has that slot yet (an empty list raises too: `No variables to optimize`)."""
        prefix, reuse = self.here()
        if prefix is None or reuse is not Reuse.YES:
            return
        graph = self.graph()
        found = self.state.get(graph, "vars")
        if not isinstance(found, Entries) or not found.exact:
            return
        keys = []
        for key, value in found.items:
            if not isinstance(key, str):
                return
            marks = value.only(Mark) if not maybe_absent(value) else None
            if marks and all(m.trainable is True for m in marks):
                keys.append(key)
        if not keys:
            return
        for key in keys:
            full = self.unique(graph, prefix, f"{key}/{op_name}")
            if full is None:
                return
            held = found.get(full + "/")
            if held.is_top or not present(held).is_bottom:
                return
        self.interp.record(Missing, node, name="", op=op_name)
        self.state.set(graph, "raised", True)


# ======================================================================================== queries
@dataclass(frozen=True)
class Rebuild:
    """How the second creation of a collision repeats the first: one site reached through two calls of the
    program's functions. `call` is the CALL link of the second creation to report (the later of two call sites
    of one function, or the call made on a loop pass); `loop` the LOOP link when the calls are one call site on
    two passes of a loop; `first_call` the matching link of the first creation."""

    call: Ctx
    loop: Ctx | None
    first_call: Ctx | None


def links(ctx: Ctx) -> list[Ctx]:
    """The context chain, outermost first."""
    return list(reversed(list(ctx.chain())))


def rebuild(collision: Collision) -> Rebuild | None:
    """The calls through which one creation site ran twice, for a collision whose two creations are one site in
    two activations of a function; None for two sites, or one site on two passes of a loop in one activation."""
    first = collision.first
    if first is None or first.node is not collision.node:
        return None
    a, b = links(first.ctx), links(collision.ctx)
    split = next((i for i, (x, y) in enumerate(zip(a, b, strict=False)) if x is not y), min(len(a), len(b)))
    calls_a = [c for c in a[split:] if c.kind is CtxKind.CALL and c.node is not None]
    calls_b = [c for c in b[split:] if c.kind is CtxKind.CALL and c.node is not None]
    if not calls_b or not calls_a:
        return None
    for x, y in zip(reversed(calls_a), reversed(calls_b), strict=False):
        if x.node is not y.node:
            return Rebuild(y, None, x)
    head = b[split] if split < len(b) else None
    if head is not None and head.kind is CtxKind.LOOP:
        return Rebuild(calls_b[0], head, calls_a[0])
    return None


def one_run(collision: Collision | ReuseMismatch) -> bool:
    """Whether the two creations are in one run of the program: a function nothing calls runs as an entry on
    the state the module left, and its creations are not claimed to collide with those of another run."""
    first = collision.first
    if first is None:
        return False
    entry = collision.ctx.find(CtxKind.ENTRY)
    return entry is None or any(c is entry for c in first.ctx.chain())


def graph_code(facts_graph_mode: bool, event: Event) -> bool:
    """Whether an event runs in graph mode: the module's TF1 graph code, or a graph block."""
    return facts_graph_mode or event.ctx.has(CtxKind.GRAPH)


def _const(value: AV | None) -> object:
    return value.const() if value is not None else None


def _partly_registered(full: str, entries: Entries) -> bool:
    """Whether a layer, a cell, an RNN call or an optimizer made variables under `full`'s outermost scope: the
    graph registers only the first variable each one makes (`dense/kernel`, not `dense/bias`)."""
    head = full.split("/", 1)[0]
    for key, value in entries.items:
        if not isinstance(key, str) or key.split("/", 1)[0] != head:
            continue
        if value.is_top:
            return True
        for mark in value.any(Mark):
            made = mark.event
            if not (isinstance(made, Created) and isinstance(made.obj, VarObj)):
                return True
    return False


def _batch_norm_first(args: Args) -> str | None:
    """The first variable `batch_normalization` makes: gamma, else beta, else the moving mean."""
    scale = args.get("scale")
    center = args.get("center")
    if scale.is_bottom or scale.const() is True:
        return "gamma"
    if scale.const() is not False:
        return None
    if center.is_bottom or center.const() is True:
        return "beta"
    return "moving_mean" if center.const() is False else None


__all__ = [
    "CELL_NAMES", "GRAPH_MARKERS", "RNN_FUNCTIONS", "Mark", "Rebuild", "Reuse", "Tf1", "cell_root", "combine",
    "graph_code", "links", "one_run", "rebuild",
]  # fmt: skip
