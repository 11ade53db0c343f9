"""TensorFlow and Keras behaviour, by canonical name, for the abstract interpreter.

What a layer constructor makes, what `Sequential`, `.add`, `keras.Model(inputs, outputs)`, `get_layer`,
`.layers` (the InputLayer first in a functional model), `build`, `fit` and a layer call do to the models and
layers they touch, which weights a layer owns and where (`lstm.cell.kernel`, from the layer-weight table),
what `tf.Variable`, `add_weight`, `assign`, `set_weights`, `get_weights` and `K.set_value` do, how a
`tf.function` traces (twice: the retrace is where a variable made on every call shows), and how a Keras layer of
the program is called (`build` once, then `call`). TF1 graph semantics are in `keras.tf1`; arrays in
`keras.arrays`. Everything is recorded as `semantics.events` for the rules.
"""

from __future__ import annotations

import posixpath
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import nullcontext

import libcst as cst

from tfvarfix.keras import arrays, autonames
from tfvarfix.keras.autonames import AutoNamed, AutoNames, PathObj, SavedLayer, SavedModel
from tfvarfix.keras.names import MODEL_CLASSES, STATELESS_LAYERS, TF_FUNCTION, VARIABLE_CONSTRUCTORS
from tfvarfix.keras.spec import Flavor, WeightSpec
from tfvarfix.keras.table import LAYER_ALIASES, all_specs, layer_spec
from tfvarfix.keras.tf1 import V1 as V1_PREFIX
from tfvarfix.keras.tf1 import makes_no_store_variable
from tfvarfix.semantics.events import (
    Attribute,
    Created,
    Ctx,
    CtxKind,
    Duplicate,
    Escapes,
    Holds,
    InputMismatch,
    LambdaCall,
    MethodCall,
    Tracked,
    UnknownCall,
    UntrackedLayer,
    VariableInTrace,
    WeightCount,
    WeightWrite,
)
from tfvarfix.semantics.heap import HeapView, Items, State, held_values, present
from tfvarfix.semantics.interp import MethodRef, Semantics
from tfvarfix.semantics.values import (
    AV,
    BOTTOM,
    FALSE,
    NONE,
    NOTHING,
    TOP,
    TRUE,
    ApplicationLayers,
    Args,
    AttrNode,
    BoundMethod,
    ClassObj,
    Const,
    Content,
    DictObj,
    FuncObj,
    InstanceObj,
    KerasObj,
    LayerObj,
    ListObj,
    ModelKind,
    ModelObj,
    ModuleRef,
    Obj,
    PartObj,
    SuperObj,
    TensorObj,
    TfFunction,
    TupleObj,
    VarObj,
    WeightRef,
    const,
)
from tfvarfix.semantics.walker import descendants

# Attributes that lead from a layer to the layer or cell that owns the weights, and the weight attributes.
NAVIGATION = frozenset({"cell", "forward_layer", "backward_layer", "layer"})
# The attributes a bare Keras 3 `Layer()` sets on itself that can hold what a program puts there: the `.keras`
# saver skips every attribute of a bare layer (`saving_lib.get_attr_skipset`), so layers kept only there are not
# saved (measured, Keras 3.15.1: `self._layers = [Dense(16), ...]` in a Layer subclass trains, then reloads with
# fresh weights; `_convert_input_args` likewise; `_tracker` is not tracked at all; `_metrics`, `_losses`,
# `_seed_generators` and the variable lists make `fit` raise first).
SAVER_SKIPPED_ATTRIBUTES = frozenset({"_layers", "_convert_input_args"})
WEIGHT_ATTRIBUTES = frozenset(
    {
        "kernel",
        "recurrent_kernel",
        "bias",
        "embeddings",
        "gamma",
        "beta",
        "moving_mean",
        "moving_variance",
        "depthwise_kernel",
        "pointwise_kernel",
        "alpha",
    }
)
_HOLDERS = (LayerObj, ModelObj, InstanceObj, ListObj, TupleObj, DictObj)  # what can hold a layer
_OWN_PACKAGES = ("keras.", "tf.", "tf_keras.", "tensorflow.")  # calls whose results the analysis models
_ESCAPE_WALK = 64  # objects an escape walks, at most, for the layers it reaches
_OWN_WEIGHTS = "<own weights>"  # the heap field of a program layer that made a weight with `add_weight`
_TRAINABLE_SET = "<trainable set>"  # the heap field of a layer or model that keeps `x.trainable = flag`

WEIGHT_LISTS = frozenset(
    {"weights", "trainable_weights", "non_trainable_weights", "variables", "trainable_variables"}
)
BUILDING = frozenset(
    {
        "fit", "predict", "evaluate", "train_on_batch", "predict_on_batch", "test_on_batch", "fit_generator",
        "predict_generator", "evaluate_generator",
    }
)  # fmt: skip
_WEIGHTLESS = frozenset(
    {
        "InputLayer", "Concatenate", "Add", "Subtract", "Multiply", "Average", "Maximum", "Minimum", "Dot", "Flatten",
        "Reshape", "Permute", "RepeatVector", "Lambda", "Dropout", "SpatialDropout1D", "SpatialDropout2D",
        "GaussianNoise", "GaussianDropout", "AlphaDropout", "Activation", "ReLU", "LeakyReLU", "ELU", "Softmax",
        "Rescaling", "Masking", "Cropping1D", "Cropping2D", "ZeroPadding1D", "ZeroPadding2D", "UpSampling1D",
        "UpSampling2D", "MaxPooling1D", "MaxPooling2D", "AveragePooling1D", "AveragePooling2D", "GlobalMaxPooling1D",
        "GlobalMaxPooling2D", "GlobalAveragePooling1D", "GlobalAveragePooling2D", "ActivityRegularization",
    }
)  # fmt: skip
_VARIABLE_METHODS = frozenset(
    {"assign", "assign_add", "assign_sub", "numpy", "read_value", "value", "scatter_nd_update", "set_value"}
)
_INSTANCE_METHODS = frozenset(
    {
        "add_weight",
        "add_variable",
        "build",
        "get_layer",
        "__init__",
        "compile",
        "save",
        "load_weights",
        "__call__",
        "get_weights",
        "set_weights",
    }
)
_NO_LAYER_RECEIVERS = (
    LayerObj, ModelObj, VarObj, TensorObj, KerasObj, PartObj, PathObj, ListObj, DictObj, TupleObj, Const,
)  # fmt: skip


def _no_store_method(obj: Obj, name: str) -> bool:
    """Whether a method of `obj` the analysis does not follow certainly makes no TF1 `get_variable` variable: a
    tensor's, a container's, a Keras layer's or model's; a TF1 layer object's or cell's, but the ones that build
    it (`apply`, `build`, `call`)."""
    if isinstance(obj, (TensorObj, VarObj, Const, ListObj, DictObj, TupleObj, PathObj, ModelObj, PartObj)):
        return True
    if isinstance(obj, (LayerObj, KerasObj)):
        return name not in ("apply", "build", "call", "__call__") or not obj.cls.startswith(V1_PREFIX)
    return isinstance(obj, InstanceObj) and obj.cls.keras_base is not None


_FILL_OF: dict[str, float] = {"zeros": 0.0, "ones": 1.0}  # deterministic initializers, by lower-case name
TRAINING = frozenset({"fit", "train_on_batch", "fit_generator"})
# What Keras' own methods of an optimizer call next on it (`self.<name>`, so a program class's override runs),
# by target (Keras 3.15: `apply_gradients` -> `apply` -> `build` when unbuilt, then `update_step` per variable;
# tf_keras 2.21: `minimize` -> `apply_gradients` -> `build` -> `_update_step` -> `update_step`). `None`: this
# method builds the optimizer and runs its step. The first key is what `fit`'s default train step calls.
_OPTIMIZER_CALLS: dict[Flavor, dict[str, str | None]] = {
    Flavor.KERAS3: {"apply_gradients": "apply", "apply": None},
    Flavor.TF_KERAS: {"minimize": "apply_gradients", "apply_gradients": None},
}
# Positional arguments Keras passes to each (tensors the analysis does not know).
_OPTIMIZER_ARITY = {"apply_gradients": 1, "apply": 2, "minimize": 2, "build": 1, "_update_step": 2}
CHECKPOINT = "keras.callbacks.ModelCheckpoint"
CHECKPOINT_SAVE = "keras.callbacks.ModelCheckpoint:save"  # the save a checkpoint callback makes during `fit`
# TensorFlow's object-based checkpoints: `tf.train.Checkpoint(**objects)` and `CheckpointManager(checkpoint, ...)`.
TF_CHECKPOINTS = frozenset({"tf.train.Checkpoint", "tf.train.CheckpointManager"})
_BACKEND_VARIABLES = frozenset({"keras.backend.ones", "keras.backend.zeros", "keras.backend.eye"})
_MODEL_SAVES = frozenset({"keras.saving.save_model", "keras.models.save_model", CHECKPOINT_SAVE})
_NOT_LAYERS = frozenset({"Layer", "InputSpec", "deserialize", "serialize", "get", "Input"})
_PASS_THROUGH = frozenset(
    {
        "Dropout", "BatchNormalization", "LayerNormalization", "Activation", "ReLU", "GaussianNoise",
        "SpatialDropout1D", "Masking", "ActivityRegularization", "LeakyReLU", "PReLU", "ELU", "Softmax",
        "UnitNormalization", "GaussianDropout", "AlphaDropout", "GroupNormalization",
    }
)  # fmt: skip
# Layers that keep the channel (last) dimension under the default `channels_last` format.
_CHANNELS_KEPT = frozenset(
    f"{kind}{rank}D"
    for rank in (1, 2, 3)
    for kind in ("MaxPooling", "AveragePooling", "GlobalMaxPooling", "GlobalAveragePooling", "UpSampling",
                 "ZeroPadding", "Cropping", "SpatialDropout")
)  # fmt: skip
def _output_width(layer: LayerObj, width: int | None) -> int | None:
    """The last dimension of the layer's output for an input of last dimension `width` (None: unknown)."""
    out = output_dim(layer)
    if out is not None:
        return out
    if layer.short in _PASS_THROUGH:
        return width
    if layer.short in _CHANNELS_KEPT:
        data_format = layer.args.get("data_format")
        if data_format.is_bottom or data_format.const() == "channels_last":
            return width
    return None


_UNITS_OUT = frozenset({"Dense", "LSTM", "GRU", "SimpleRNN", "LSTMCell", "GRUCell", "SimpleRNNCell"})
_FILTERS_OUT = frozenset(
    {"Conv1D", "Conv2D", "Conv3D", "Conv1DTranspose", "Conv2DTranspose", "Conv3DTranspose", "SeparableConv1D",
     "SeparableConv2D", "ConvLSTM1D", "ConvLSTM2D", "ConvLSTM3D"}
)  # fmt: skip
# Keras classes that own variables as soon as they are made (metrics) or when first used (optimizers).
# The lower-case names of Keras's initializers, regularizers and constraints: aliases of classes (measured on
# Keras 3.15: `keras.regularizers.l2 is keras.regularizers.L2`).
_CLASS_ALIASES = {
    alias: "".join(part.capitalize() for part in alias.split("_"))  # l1_l2 -> L1L2, glorot_uniform -> GlorotUniform
    for alias in (
        "l1", "l2", "l1_l2", "orthogonal_regularizer", "constant", "glorot_normal", "glorot_uniform",
        "he_normal", "he_uniform", "identity", "lecun_normal", "lecun_uniform", "ones", "orthogonal",
        "random_normal", "random_uniform", "truncated_normal", "variance_scaling", "zeros", "max_norm",
        "min_max_norm", "non_neg", "unit_norm",
    )
}  # fmt: skip

_OWN_VARIABLES = ("keras.metrics.", "keras.optimizers.", "tf.compat.v1.train.")
_HIERARCHY: dict[str, tuple[str, ...]] = {
    "keras.layers.RNN": ("LSTM", "GRU", "SimpleRNN", "ConvLSTM1D", "ConvLSTM2D", "ConvLSTM3D"),
    "keras.layers.Wrapper": ("Bidirectional", "TimeDistributed"),
    "keras.layers.Conv": ("Conv1D", "Conv2D", "Conv3D", "Conv1DTranspose", "Conv2DTranspose", "Conv3DTranspose",
                          "SeparableConv1D", "SeparableConv2D", "DepthwiseConv1D", "DepthwiseConv2D"),
}  # fmt: skip


# ================================================================================== class relations
def class_of(obj: Obj) -> str | None:
    if isinstance(obj, LayerObj):
        return obj.cls
    if isinstance(obj, ModelObj):
        return "keras.Sequential" if obj.kind is ModelKind.SEQUENTIAL else "keras.Model"
    if isinstance(obj, VarObj):
        return "tf.Variable"
    if isinstance(obj, TensorObj):
        return "tf.Tensor"
    return None


def keras_isinstance(mine: str, name: str) -> bool | None:
    """Whether an object of canonical class `mine` is an instance of `name`; None when that is not known."""
    if mine == name:
        return True
    if name == "keras.layers.Layer":
        return mine.startswith("keras.layers.") or mine in MODEL_CLASSES
    if name == "keras.Model":
        return mine in MODEL_CLASSES
    if name in _HIERARCHY and mine.startswith("keras.layers."):
        return mine.rsplit(".", 1)[-1] in _HIERARCHY[name]
    if name.startswith("keras.layers.") and mine.startswith("keras.layers."):
        return False
    if name.startswith("builtins.") and mine.startswith(("keras.", "tf.")):
        return False
    if name in ("tf.Variable", "keras.Variable") and mine.startswith("keras."):
        return False
    return None


def output_dim(layer: LayerObj) -> int | None:
    short = layer.short
    key = "units" if short in _UNITS_OUT else "filters" if short in _FILTERS_OUT else None
    if short == "Embedding":
        key = "output_dim"
    if key is None:
        if short == "Bidirectional" and layer.wrapped is not None:
            inner = output_dim(layer.wrapped)
            mode = layer.config("merge_mode").const()
            if inner is not None and (not layer.args.given("merge_mode") or mode == "concat"):
                return 2 * inner
        if short == "TimeDistributed" and layer.wrapped is not None:
            return output_dim(layer.wrapped)
        return None
    value = layer.config(key).const()
    if value is NOTHING and short == "Embedding" and len(layer.args.positional) > 1:
        value = layer.args.positional[1].const()
    return value if isinstance(value, int) and not isinstance(value, bool) else None


# Layers whose weights are made only when a keyword is not given (measured, Keras 3.15 and tf_keras 2.21:
# `Normalization(mean=m, variance=v)` holds no weights, `Normalization()` holds mean, variance and count).
_WEIGHTS_UNLESS_GIVEN = {"Normalization": "mean"}


def present_weights(layer: LayerObj) -> list[WeightSpec] | None:
    """The weights the layer owns, in `get_weights()` order; None when a `present_if` switch is unknown."""
    if layer.spec is None or layer.spec.wrapper:
        return None
    unless = _WEIGHTS_UNLESS_GIVEN.get(layer.spec.cls)
    given = layer.config(unless) if unless is not None else BOTTOM
    if not given.is_bottom:
        if given.objs is None:
            return None  # given, and maybe None
        nones = [isinstance(o, Const) and o.value is None for o in given.objs]
        if not any(nones):
            return []
        if not all(nones):
            return None
    out: list[WeightSpec] = []
    defaults = layer.spec.default_config
    for weight in layer.spec.weights:
        if weight.present_if is not None:
            given = layer.config(weight.present_if)
            flag = given.const() if not given.is_bottom else defaults.get(weight.present_if, True)
            if not isinstance(flag, bool):
                return None
            if not flag:
                continue
        out.append(weight)
    return out


def layer_config(layer: LayerObj) -> dict[str, object]:
    """The layer's config as far as it is known statically: defaults, then what was given (an argument whose
    value is not known removes the default)."""
    config: dict[str, object] = dict(layer.spec.default_config) if layer.spec is not None else {}
    for keyword, known in layer.known.items():
        if known is NOTHING:
            config.pop(keyword, None)
        else:
            config[keyword] = known
    return config


def known_config(
    args: Args, positional: tuple[str, ...], constant: Callable[[AV], object]
) -> dict[str, object]:
    out: dict[str, object] = {}
    for index, value in enumerate(args.positional):
        if index < len(positional):
            out[positional[index]] = constant(value)
    for keyword, value in args.keywords.items():
        out[keyword] = constant(value)
    return out


class TfState(Obj):
    """The process-wide TensorFlow state: the default graph, whether eager execution is off."""

    __slots__ = ()
    KIND = "tf"


# ================================================================================= the semantics
class KerasSemantics(Semantics):
    WORDS = frozenset(
        {
            *NAVIGATION, *WEIGHT_ATTRIBUTES, *WEIGHT_LISTS, *BUILDING,
            "layers", "Sequential", "Model", "Input", "InputLayer", "get_layer", "add", "compile", "build",
            "Variable", "variable", "add_weight", "add_variable", "assign", "assign_add", "assign_sub", "set_value",
            "set_weights", "get_weights", "tensor_scatter_nd_update", "scatter_nd_update", "numpy",
            "function", "initializers", "Constant", "optimizers", "metrics", "apply_gradients", "minimize",
            "variable_scope", "get_variable", "get_variable_scope", "reuse_variables", "dynamic_rnn", "static_rnn",
            "bidirectional_dynamic_rnn", "static_bidirectional_rnn", "rnn_cell", "MultiRNNCell", "LSTMCell",
            "GRUCell", "BasicLSTMCell", "BasicRNNCell", "DropoutWrapper", "reset_default_graph", "Graph",
            "as_default", "Session", "placeholder", "dense", "conv2d", "save", "save_model", "applications",
            "assertRaises", "assertRaisesRegex", "raises", "call", "__call__", "Layer", "load_model",
        }
    ) | frozenset(name for flavor in Flavor for name in all_specs(flavor))  # fmt: skip

    def __init__(self, flavor: Flavor) -> None:
        from tfvarfix.keras.tf1 import Tf1

        self.flavor = flavor
        self.tf = TfState()
        self.tf1 = Tf1(self)
        self._weights: dict[tuple[int, tuple[str, ...]], VarObj] = {}
        self._bound_functions: dict[tuple[int, int], TfFunction] = {}
        self._optimizer_steps: dict[tuple[int, int], TfFunction] = {}  # (model, optimizer) -> fit's train step
        self._duplicate_pairs: set[tuple[int, int, int]] = set()
        self._called: dict[int, int] = {}  # id(layer) -> the order of its first call
        self.layers: list[LayerObj] = []
        self.namespaces: dict[ClassObj, Mapping[str, object]] = {}  # each class body's names when it was made
        self.written: set[WeightRef] = set()  # the layer weights some write has reached so far
        self.autonames = AutoNames(self.tf, flavor)
        self.auto_named: dict[int, tuple[Obj, str]] = {}  # id(layer) -> (layer, the name Keras gave it)
        self._loaded: set[int] = set()  # ids of the layers of loaded models (kept alive by `auto_named`)
        self._known_call: Args | None = None  # the last unfollowed call's arguments, known to make no layer
        self._no_store_call: Args | None = None  # ... known to make no TF1 `get_variable` variable
        self._tf1_answered: cst.Call | None = None  # the last call the TF1 semantics answered
        self.escaped = Escapes()  # what reached code not followed, in the whole run (see `UnknownCall`)
        self.tracked = Tracked()  # the layers and models something tracks, in the whole run (see `LambdaCall`)
        # Keras 3's tracking of a program layer's containers (`container_store`): id(list or dict) -> the layer
        # whose tracker wraps it (an attribute's value), or that holds it unwrapped (added to a wrapped one).
        self._wrapped: dict[int, InstanceObj] = {}
        self._held: dict[int, InstanceObj] = {}
        # id(layer) -> (layer, construction node, how many arrays `weights=` gave it): checked at its build
        self._initial_counts: dict[int, tuple[LayerObj, cst.Call, int]] = {}

    # ------------------------------------------------------------------------------------ helpers
    @property
    def state(self) -> State:
        return self.interp.state

    def created(self, obj: Obj, node: cst.CSTNode, keep_view: bool = False, args: Args | None = None) -> None:
        self.interp.record(Created, node, obj=obj, args=args, view=self.interp.view() if keep_view else None)
        self.makes_variables(obj, node)

    def makes_variables(self, obj: Obj, node: cst.CSTNode, certainly: bool = False) -> None:
        """`obj` makes variables at `node`: in a tf.function retrace, or in `call()` of a layer, that fails.
        `certainly`: it does, whatever its kind (a `keras.applications` model, built with its weights)."""
        ctx = self.interp.ctx
        trace = ctx.find(CtxKind.TF_FUNCTION)
        owns = (
            certainly
            or isinstance(obj, (VarObj, LayerObj))
            or (isinstance(obj, KerasObj) and obj.cls.startswith(_OWN_VARIABLES))
            or (isinstance(obj, InstanceObj) and obj.cls.is_layer)
        )
        if isinstance(obj, LayerObj) and obj.cls.startswith("tf.compat.v1."):
            owns = False
        if isinstance(obj, LayerObj) and not certainly and obj.cls.startswith("keras.layers."):
            owns = obj.cls.rsplit(".", 1)[-1] not in STATELESS_LAYERS  # Flatten made per trace makes no variable
        if not owns:
            return
        layer_call = ctx.find(CtxKind.LAYER_CALL)
        inner = (
            trace if layer_call is None or (trace is not None and _inside(trace, layer_call)) else layer_call
        )
        if inner is None or (inner is trace and trace.data == 1):
            return
        method = ctx.find(CtxKind.METHOD)
        if method is not None and _inside(method, inner):
            return  # made by a layer being constructed or built there: that construction is what is reported
        self.interp.record(VariableInTrace, node, obj=obj)

    def built(self, obj: Obj) -> AV:
        found = self.state.value(obj, "built")
        return present(found) if found is not None else FALSE

    def method_call(self, callee: str, receiver: AV, args: Args, node: cst.Call, result: AV) -> AV:
        self.interp.record(
            MethodCall, node, callee=callee, receiver=receiver, args=args, result=result, view=self._save_view(callee)
        )
        return result

    def _save_view(self, callee: str, obj: Obj | None = None) -> HeapView | None:
        """The heap at a save of a whole model (few in a program): what the saved model holds is read there; also
        at a `tf.train.Checkpoint`'s `write`, which saves what it holds as `save` does."""
        if callee in _MODEL_SAVES or callee.endswith(".save"):
            return self.state.view()
        if callee == ".write" and isinstance(obj, KerasObj) and obj.cls == "tf.train.Checkpoint":
            return self.state.view()
        return None

    def weight_var(self, layer: LayerObj, path: tuple[str, ...]) -> VarObj | None:
        spec = layer.spec.weight_at(path) if layer.spec is not None else None
        if spec is None:
            return None
        key = (id(layer), path)
        found = self._weights.get(key)
        if found is None:
            found = VarObj(None, "", weight=WeightRef(layer, spec, path), name=spec.name)
            self._weights[key] = found
        return found

    # ======================================================================================= calls
    def call(self, ref: ModuleRef, args: Args, node: cst.Call) -> AV | None:
        name = ref.canonical
        result = self._call(name, ref, args, node)
        no_store = autonames.safe_callee(name) or makes_no_store_variable(name) or name.startswith("keras.")
        if result is None:
            self._no_store_call = args if no_store else None
        elif not no_store and self._tf1_answered is not node and name not in VARIABLE_CONSTRUCTORS:
            self.tf1.opaque(args)  # answered, but not followed as TF1: it may have made TF1 variables
        if result is None and autonames.safe_callee(name) and args is not Args.EMPTY:
            self._known_call = args  # `os.path.join(...)`: code we do not follow, but it makes no layer
        if result is None and not name.startswith(_OWN_PACKAGES):
            self.interp.record(UnknownCall, node, callee=name, escaped=self.escaped)
        if result is not None and (name.startswith(("keras.", "tf.")) or name in ("pytest.raises",)):
            self.interp.record(
                MethodCall, node, callee=name, receiver=BOTTOM, args=args, result=result, view=self._save_view(name)
            )
        return result

    def _call(self, name: str, ref: ModuleRef, args: Args, node: cst.Call) -> AV | None:
        if name.startswith("keras.layers."):
            short = name[len("keras.layers.") :]
            if short in ("Input", "InputLayer"):
                return self.input_tensor(args, node)
            if short[:1].isupper() and short not in _NOT_LAYERS and "." not in short:
                return self.new_layer(node, name, args)
            if short[:1].islower():
                self._symbolic_op(always=True)  # `layers.concatenate(...)` makes a `Concatenate` layer
                return self.symbolic(args, node)
            return None
        if name == "keras.Input":
            return self.input_tensor(args, node)
        if name == "keras.Sequential":
            return self.sequential(node, args)
        if name == "keras.Model":
            return self.functional(node, args)
        if name.startswith("keras.applications.") and name.rsplit(".", 1)[-1][:1].isupper():
            return self.application(name.rsplit(".", 1)[-1], node, args)
        if name in VARIABLE_CONSTRUCTORS:
            return self.variable(name, node, args)
        if name in TF_FUNCTION:
            func = args.first("func", 0)
            if func.is_bottom:
                return AV.of(ModuleRef("tensorflow.function"))  # `tf.function(jit_compile=True)`: a decorator
            wrapper = TfFunction(node, func)
            for f in func:
                if isinstance(f, FuncObj) and self.interp.decorated.get(id(f.node)) == AV.of(f):
                    # `b_fn = tf.function(b)`: if nothing calls `b_fn`, `b` is traced as a tf.function entry.
                    self.interp.decorated[id(f.node)] = AV.of(wrapper)
            return AV.of(wrapper)
        if (name == "tf.compat.v1.reset_default_graph" and self.flavor is Flavor.TF_KERAS) or name.startswith(
            ("tf.compat.v1.layers.", "tf.compat.v1.nn.rnn_cell.")
        ):
            self.autonames.forget(self.state)  # tf_keras counts names per graph; TF1 layers and cells are named too
        if name.startswith("tf.compat.v1.") or name in ("tf.Graph", "tf.compat.v1.Session"):
            found = self.tf1.call(name, args, node)
            if found is not None:
                self._tf1_answered = node
                return found
        if name == "keras.backend.cast_to_floatx" and len(args.positional) == 1:
            number = args.positional[0].const()
            if isinstance(number, (int, float)) and not isinstance(number, bool):
                return const(float(number))  # `np.asarray(x, dtype=floatx())` of a number: its value
        if name in _BACKEND_VARIABLES and self.flavor is Flavor.TF_KERAS:
            backend_var = self._backend_variable(name, args, node)
            if backend_var is not None:
                return backend_var
        if name == "keras.backend.set_value" and len(args.positional) == 2:
            self.write_weight(args.positional[0], args.positional[1], None, "set_value", node)
            return NONE
        if name in ("keras.backend.get_value", "keras.ops.convert_to_numpy") and len(args.positional) == 1:
            var = args.positional[0].single()
            if isinstance(var, VarObj) and var.weight is not None:
                return AV.of(self.copy_of(var.weight, node))
        if name == "tf.tensor_scatter_nd_update" and len(args.positional) == 3:
            return self.scatter(args, node)
        if name.startswith(
            ("keras.initializers.", "keras.regularizers.", "keras.constraints.", "keras.losses.")
        ):
            short = name.rsplit(".", 1)[-1]
            if short in _CLASS_ALIASES:  # `regularizers.l2(...)` is the class `L2` (Keras 3.15 and tf_keras)
                name = f"{name.rsplit('.', 1)[0]}.{_CLASS_ALIASES[short]}"
                short = _CLASS_ALIASES[short]
            if short[:1].isupper():
                obj = KerasObj(node, name, args)
                if name == "keras.initializers.Constant":
                    obj.shape = arrays.shape_of(args.first("value", 0), self.interp)
                return AV.of(obj)
            return None
        if name.startswith(_OWN_VARIABLES) and name.rsplit(".", 1)[-1][:1].isupper():
            obj = KerasObj(node, name, args)
            self.created(obj, node)
            return AV.of(obj)
        if name in ("numpy.random.default_rng", "numpy.random.RandomState", "numpy.random.Generator"):
            return AV.of(KerasObj(node, "numpy.random.Generator", args))
        if name == "pytest.raises" or name.endswith("testing.assert_raises"):
            return AV.of(KerasObj(node, "pytest.raises", args))
        if name in autonames.CLEAR_SESSION:
            self.autonames.reset(self.state, self.interp.ctx, node)
            return NONE
        if name in ("keras.utils.set_random_seed", "tf.random.set_seed"):
            return NONE
        if name in ("keras.models.load_model", "keras.saving.load_model"):
            return self.load_model(args, node)  # recorded: custom objects must survive them (TFV202)
        if name in ("keras.models.save_model", "keras.saving.save_model"):
            self.save_model(args.first("model", 0), args.first("filepath", 1))
            return TOP
        if name == "os.path.join":
            parts = [part.const() for part in args.positional]
            if parts and not args.star and not args.keywords and all(isinstance(p, str) for p in parts):
                # Constant parts join to one known string (POSIX separators: a path is compared with another
                # made the same way, and keeps its file name's ending): `os.path.join("h5.models", "nmt.h5")`
                # at the save and at the load are one file.
                return const(posixpath.join(*(str(p) for p in parts)))
            return AV.of(PathObj(node))  # one unknown string: a load of it reads what a save of it wrote
        if name in ("tf.name_scope", "tf.device", "tf.GradientTape", "tf.init_scope", "keras.name_scope"):
            return AV.of(KerasObj(node, name, args))
        if name in TF_CHECKPOINTS:
            return AV.of(KerasObj(node, name, args))  # its `save`/`write` writes the objects it was given (TFV202)
        if name == CHECKPOINT:
            return AV.of(KerasObj(node, name, args))  # a save of the model when `fit` runs it
        made = arrays.create(name, args, node, self.interp) or arrays.graph_op(name, args, node, self.interp)
        if made is not None:
            return AV.of(made)
        if name.startswith(("tf.", "keras.ops.", "keras.backend.", "keras.activations.", "numpy.")):
            return self.symbolic(args, node, unknown=True)
        return None

    def input_tensor(self, args: Args, node: cst.Call) -> AV:
        shape = self.interp.dims(args.first("shape", 0))
        batch = self.interp.dims(args.get("batch_shape")) or self.interp.dims(args.get("batch_input_shape"))
        full = batch if batch is not None else ((None, *shape) if shape is not None else None)
        layer = LayerObj(node, "keras.layers.InputLayer", None, args, _name(args), self.interp.in_loop)
        self.state.set(layer, "built", TRUE)
        return AV.of(TensorObj(node, shape=full, producer=layer, symbolic=True))

    def symbolic(self, args: Args, node: cst.Call, unknown: bool = False) -> AV:
        values = (*args.positional, *args.keywords.values())
        tensors = [t for t in _tensors(self.interp, values)]
        symbolic = [t for t in tensors if t.symbolic]
        if symbolic or any(v.is_top for v in values):
            self._symbolic_op()  # on a symbolic tensor (or one that may be), Keras 3 makes a named Operation
        if not symbolic and unknown:
            return AV.of(TensorObj(node)) if tensors else TOP
        groups = tuple(g for g in _tensor_groups(self.interp, values) if all(t.symbolic for t in g))
        return AV.of(TensorObj(node, inputs=tuple(symbolic), symbolic=bool(symbolic), groups=groups))

    # ================================================================================== auto names
    def _auto_name(self, obj: Obj, cls_name: str, args: Args, node: cst.Call) -> None:
        """Count the auto name Keras gives `obj` when no name is given, and keep it for the duplicate checks."""
        given = args.get("name")
        key = autonames.snake(cls_name, self.flavor)
        if not given.is_bottom and given != NONE:
            if not isinstance(given.const(), str):
                self.autonames.forget(self.state, key)  # it may be None (an auto name) or a name
            return
        ctx = self.interp.ctx
        if (self.flavor is Flavor.TF_KERAS and ctx.find(CtxKind.GRAPH) is not None) or any(
            c.kind in (CtxKind.TF_FUNCTION, CtxKind.REPEAT)
            or (c.kind is CtxKind.LOOP and isinstance(c.data, int) and c.data < 0)
            for c in ctx.chain()
        ):
            # tf_keras counts per graph; a pass of a loop of unknown count, or a trace, may be any of several.
            self.autonames.forget(self.state, key)
            return
        name = self.autonames.take(self.state, self.interp.ctx, key)
        if name is None or not isinstance(obj, (LayerObj, ModelObj)):
            return
        self.auto_named[id(obj)] = (obj, name)
        self.interp.record(AutoNamed, node, obj=obj, name=name, reset=self.autonames.reset_node(self.state))

    def _symbolic_op(self, always: bool = False) -> None:
        """An op on a symbolic tensor: in Keras 3 an Operation named like a layer class (`add`) is made."""
        if always or self.flavor is not Flavor.TF_KERAS:
            for key in autonames.OP_LAYER_KEYS:
                self.autonames.forget(self.state, key)

    def opaque_call(self, args: Args) -> None:
        """A call the interpreter does not follow: it may make layers (and write files), unless it is one of
        the calls known to make none."""
        known, self._known_call = self._known_call, None  # it escapes right after it is answered: once
        no_store, self._no_store_call = self._no_store_call, None
        if args is not no_store:
            self.tf1.opaque(args)  # it may have made TF1 variables: the graph's contents are not known exactly
        if args is known:
            return
        self.autonames.forget(self.state)
        self.autonames.forget_files(self.state)

    def known_name(self, obj: Obj) -> str | None:
        return self.layer_name(obj) if isinstance(obj, (LayerObj, ModelObj)) else None

    def layer_name(self, obj: Obj) -> str | None:
        """The name a layer has: given, or Keras's auto name when it is known; as renamed since, where it was
        (`layer.name = ...`: the new name if known, else None)."""
        renamed = self.state.value(obj, "renamed")
        if renamed is not None:
            known = renamed.const()
            return known if isinstance(known, str) else None
        name = _name_of(self, obj)
        if name is None:
            found = self.auto_named.get(id(obj))
            if found is not None and found[0] is obj:
                return found[1]
        return name

    def _layer_name_site(self, obj: Obj) -> cst.CSTNode | None:
        """Where a duplicate of this layer's name is reported: its `name=`, or where Keras named it. Never a
        loaded layer's: no code of the program wrote its name (the `load_model` call is not where to rename)."""
        where = _name_site(obj)
        if where is None:
            found = self.auto_named.get(id(obj))
            if found is not None and found[0] is obj and id(obj) not in self._loaded:
                return obj.site
        return where

    def save_model(self, model: AV, path: AV) -> None:
        """`model.save(path)`: the file holds the model's layers with their names (when all are known)."""
        obj = model.single()
        saved: SavedModel | None = None
        if isinstance(obj, ModelObj) and obj.site is not None:
            items = self.state.items(obj)
            layers: list[SavedLayer] = []
            for value in items.exact or ():
                layer = value.single()
                if isinstance(layer, TensorObj):
                    continue  # a Sequential's Input
                if not isinstance(layer, LayerObj) or layer.cls == "keras.layers.InputLayer":
                    layers = []
                    break
                layers.append(SavedLayer(layer.cls, self.layer_name(layer)))
            if items.exact is not None and (layers or not items.exact):
                saved = SavedModel(obj.site, obj.kind, tuple(layers), self.layer_name(obj))
        self.autonames.save(self.state, path, saved)

    def load_model(self, args: Args, node: cst.Call) -> AV:
        """`load_model(path)` of a file this program saved: a built model whose layers have the saved names
        (their weights are the file's, unknown here). Any other file: unknown."""
        saved = self.autonames.saved(self.state, args.first("filepath", 0))
        if saved is None or not isinstance(saved.kind, ModelKind) or saved.kind is not ModelKind.SEQUENTIAL:
            return TOP
        model = ModelObj(node, saved.kind, None, Args.EMPTY)
        if saved.name is not None:  # named as the model saved (consuming no count: measured)
            self.auto_named[id(model)] = (model, saved.name)
            self._loaded.add(id(model))
            self.interp.record(AutoNamed, node, obj=model, name=saved.name, loaded=node)
        members: list[AV] = []
        for layer in saved.layers:
            copy = LayerObj(node, layer.cls, None, Args.EMPTY, None, self.interp.in_loop)
            self.state.set(copy, "built", TRUE)
            members.append(AV.of(copy))
            if layer.name is not None:
                self.auto_named[id(copy)] = (copy, layer.name)
                self._loaded.add(id(copy))
                self.interp.record(AutoNamed, node, obj=copy, name=layer.name, loaded=node)
        self.state.set(model, "items", Items(tuple(members)))
        self.state.set(model, "built", TRUE)
        return AV.of(model)

    # ====================================================================================== layers
    def new_layer(self, node: cst.Call, cls: str, args: Args) -> AV:
        spec = layer_spec(cls, self.flavor)
        layer = LayerObj(node, cls, spec, args, _name(args), self.interp.in_loop)
        layer.known = known_config(args, spec.positional if spec is not None else (), self.interp.constant)
        if layer.short in ("Bidirectional", "TimeDistributed"):
            inner = args.first("layer", 0).single()
            if isinstance(inner, LayerObj):
                layer.wrapped = inner
                inner.wrapper = layer
            backward = args.get("backward_layer").single()
            if isinstance(backward, LayerObj):
                self.state.set(layer, "backward", AV.of(backward))  # used as it is: built with the wrapper
        elif layer.short == "RNN":
            cell = args.first("cell", 0).single()
            if isinstance(cell, LayerObj):
                layer.wrapped = cell  # `RNN(cell).cell is cell`
                cell.wrapper = layer
        self.state.set(layer, "built", FALSE)
        self.layers.append(layer)
        self.created(layer, node)
        self._auto_name(layer, LAYER_ALIASES.get(layer.short, layer.short), args, node)
        if args.given("weights"):
            self._set_weights(layer, args.get("weights"), node, how="weights")  # checked when it is built
        return AV.of(layer)

    def instance_of(self, classes: tuple[object, ...], node: cst.BaseExpression) -> AV | None:
        if len(classes) != 1 or not isinstance(classes[0], str):
            return None
        cls = classes[0]
        spec = layer_spec(cls, self.flavor)
        if spec is None:
            return None
        layer = LayerObj(node, cls, spec, Args((), {}, {}, True), None, self.interp.in_loop)
        layer.synthetic = True
        self.state.set(layer, "built", TOP)
        return AV.of(layer)

    def _run_lambda(self, layer: LayerObj, args: Args, node: cst.Call | None) -> None:
        """`Lambda(f)(x)`: Keras calls `f` on every forward pass, as a layer's `call()` (what it makes there is
        made again on each call, and in `fit`'s traced step). Also a Lambda a Sequential holds, when the model
        is built (`build_model`) and on each run of it (`_call_program_layers`)."""
        function = layer.args.first("function", 0).single()
        if not isinstance(function, FuncObj):
            return
        repeat = self.state.value(layer, "called") is not None
        self.state.set(layer, "called", TRUE)
        interp = self.interp
        with (
            interp.context(CtxKind.REPEAT, node, 2) if repeat else nullcontext(),
            interp.context(CtxKind.LAYER_CALL, function.node, layer),
        ):
            interp.invoke(function, Args((args.first("inputs", 0),), {}, {}, False), node, None)

    def _check_input(self, layer: LayerObj, dim: int, node: cst.Call) -> None:
        """A layer certainly built for inputs of another last dimension, whose weights depend on it."""
        from tfvarfix.keras.table import weight_shape

        built_for = layer.input_dim
        if built_for is None or built_for == dim or layer.spec is None or layer.synthetic:
            return
        if self.state.value(layer, "built") != TRUE:
            return  # built on another path, or not known to be built here
        config = layer_config(layer)
        if any(
            (before := weight_shape(layer.spec, w, config, built_for)) is not None
            and (after := weight_shape(layer.spec, w, config, dim)) is not None
            and before != after
            for w in layer.spec.weights
        ):
            self.interp.record(InputMismatch, node, layer=layer, built_for=built_for, given=dim)

    def build_layer(self, layer: LayerObj, input_dim: int | None, called: bool = True) -> None:
        """`called`: built by a call (of the layer, or of its model), which is where tf_keras writes `weights=`;
        a direct `layer.build(shape)` makes the weights and never writes them."""
        if called and self.state.value(layer, "built") == FALSE and layer.wrapper is None:
            self._check_initial_count(layer)
        self.state.set(layer, "built", TRUE)
        if input_dim is not None and layer.input_dim is None:
            layer.input_dim = input_dim
        if layer.wrapped is not None and layer.short in ("TimeDistributed", "RNN"):
            self.build_layer(layer.wrapped, input_dim)
        backward = self.state.value(layer, "backward")
        for obj in backward or ():
            if isinstance(obj, LayerObj):
                self.build_layer(obj, input_dim)

    def called(self, obj: Obj) -> None:
        """Remember the order in which layers are first called (a functional model's order among equals)."""
        if id(obj) not in self._called:
            self._called[id(obj)] = len(self._called) + 1

    def call_layer(self, layer: LayerObj, args: Args, node: cst.Call) -> AV:
        tensors = list(_tensors(self.interp, [args.first("inputs", 0)]))
        dim = tensors[0].shape[-1] if tensors and tensors[0].shape else None
        if len(tensors) == 1 and isinstance(dim, int):
            self._check_input(layer, dim, node)
        self.called(layer)
        self.build_layer(layer, dim)
        if layer.short == "Lambda":
            self._run_lambda(layer, args, node)
        out = _output_width(layer, dim)
        symbolic = any(t.symbolic for t in tensors) or not tensors
        return AV.of(
            TensorObj(
                node,
                producer=layer,
                inputs=tuple(tensors),
                shape=(None, out) if out else None,
                symbolic=symbolic,
                groups=_tensor_groups(self.interp, [args.first("inputs", 0)]),
            )
        )

    def call_object(self, obj: Obj, args: Args, node: cst.Call) -> AV | None:
        if isinstance(obj, LayerObj) and obj.cls.startswith("tf.compat.v1.nn.rnn_cell."):
            return self.method_call("__call__", AV.of(obj), args, node, self.tf1.cell_call(obj, args, node))
        if isinstance(obj, (LayerObj, ModelObj)):
            self._lambda_call(obj, node)
        if isinstance(obj, LayerObj):
            return self.method_call("__call__", AV.of(obj), args, node, self.call_layer(obj, args, node))
        if isinstance(obj, ModelObj):
            self.build_model(obj, None)
            self.called(obj)
            tensors = list(_tensors(self.interp, [args.first("inputs", 0)]))
            symbolic = any(t.symbolic for t in tensors)
            # `model(x)` runs each of the model's layers on `x`: a program layer's `call()` runs again (scrabble-
            # gan#7: a NonLocalBlock whose `call()` makes its Conv2D layers, in a functional generator called on
            # each step of an eager training loop).
            self._call_program_layers(obj, _symbolic_args() if symbolic else _eager_args(), node)
            return self.method_call(
                "__call__",
                AV.of(obj),
                args,
                node,
                AV.of(
                    TensorObj(
                        node,
                        producer=obj,
                        inputs=tuple(tensors),
                        symbolic=symbolic,
                        groups=_tensor_groups(self.interp, [args.first("inputs", 0)]),
                    )
                ),
            )
        if isinstance(obj, TfFunction):
            return self.trace(obj, args, node)
        if isinstance(obj, InstanceObj) and obj.cls.is_layer:
            return self.call_instance(obj, args, node)
        if isinstance(obj, KerasObj):
            if obj.cls.startswith("tf.compat.v1.layers."):
                return self.tf1.layer_object_call(obj, args, node)
            if obj.cls.startswith("keras.initializers."):
                shape = self.interp.dims(args.first("shape", 0))
                return AV.of(TensorObj(node, shape=shape))
            return AV.of(TensorObj(node))
        return None

    def _lambda_call(self, obj: LayerObj | ModelObj, node: cst.Call) -> None:
        """A layer or model called: inside a `Lambda`'s function, where it was not made, nothing tracks it (a
        `LambdaCall`); elsewhere, the graph that call builds holds it."""
        lam = next(
            (
                c
                for c in self.interp.ctx.chain()
                if c.kind is CtxKind.LAYER_CALL
                and isinstance(c.data, LayerObj)
                and c.data.cls == "keras.layers.Lambda"
            ),
            None,
        )
        if lam is None:
            caller = next((c.data for c in self.interp.ctx.chain() if c.kind is CtxKind.LAYER_CALL), None)
            if caller is None:
                self.tracked.objs.add(id(obj))
                self.tracked.saved.add(id(obj))
            elif isinstance(caller, InstanceObj):
                self.tracked.calls.add((id(caller), id(obj)))  # called by the program layer's own call
            return
        self.interp.record(LambdaCall, node, obj=obj, lam=lam.data, tracked=self.tracked, escaped=self.escaped)

    def _track(self, value: AV, depth: int = 0, saved: bool = True) -> None:
        """Everything `value` may be or hold (in lists and tuples, two levels down) is tracked (and, unless
        `saved` is False, saved with it)."""
        if value.is_top or depth > 2:
            return
        for obj in value:
            if isinstance(obj, (LayerObj, ModelObj, InstanceObj)):
                self.tracked.objs.add(id(obj))
                if saved:
                    self.tracked.saved.add(id(obj))
            elif isinstance(obj, (ListObj, TupleObj)):
                items = self.state.items(obj).exact if isinstance(obj, ListObj) else obj.items
                for item in items if items is not None else (self.state.items(obj).merged,):
                    self._track(item, depth + 1, saved)

    def _wrap(self, value: AV, owner: InstanceObj, wrapped: bool, depth: int = 0) -> None:
        """Keras 3's `Tracker.track(value)` of the program layer `owner`, for its containers: a list or dict (in a
        tuple, list or dict, as deep) that an attribute is set to is wrapped (a `TrackedList`/`TrackedDict`, which
        tracks what is added to it later); one only added to a wrapped container is kept as it is (`wrapped`
        False): `TrackedList.append` tracks what the list holds then and stores the plain list (measured, Keras
        3.15.1: the layers appended to it afterwards are not in the model's weights)."""
        if value.is_top or depth > 3:
            return
        for obj in value:
            if isinstance(obj, (ListObj, DictObj)):
                if wrapped:
                    self._wrapped[id(obj)] = owner
                    self.tracked.containers.add(id(obj))
                else:
                    self._held.setdefault(id(obj), owner)
            if isinstance(obj, (ListObj, DictObj, TupleObj)):
                for item in _container_values(self.interp, obj):
                    self._wrap(item, owner, wrapped, depth + 1)

    def container_store(self, obj: ListObj | DictObj, how: str, value: AV, node: cst.CSTNode) -> None:
        """A value put into a list or dict that a program layer's tracker wrapped (its layers are tracked,
        `TrackedList.append`/`insert`/`extend`, `TrackedDict.__setitem__`/`update`; but not an item set by index
        in a `TrackedList`, which has no `__setitem__`: measured, Keras 3.15.1), or into one the layer holds
        unwrapped (nothing tracks what goes in: an `UntrackedLayer`)."""
        if self.flavor is Flavor.TF_KERAS:
            return  # tf_keras wraps an appended list too (measured, tf_keras 2.21: the nested layers train)
        owner = self._wrapped.get(id(obj))
        spread = how in ("extend", "update")
        items = self._stored_items(value) if spread else value
        if owner is not None and not (how == "setitem" and isinstance(obj, ListObj)):
            self._track(items)
            self._wrap(items, owner, spread)  # `extend`/`update` wrap the containers they add
            return
        holder = owner if owner is not None else self._held.get(id(obj))
        if holder is None:
            return
        self._wrap(items, holder, False)
        for layer in items if not items.is_top else ():
            if isinstance(layer, LayerObj):
                self.interp.record(
                    UntrackedLayer,
                    node,
                    obj=layer,
                    owner=holder,
                    how="nested",
                    container=obj if owner is None else None,  # an item set by index in a wrapped list
                    tracked=self.tracked,
                    escaped=self.escaped,
                )

    def _stored_items(self, value: AV) -> AV:
        """The items that `extend(value)` or `update(value)` adds (TOP when not known)."""
        out: list[AV] = []
        for obj in value if not value.is_top else ():
            if not isinstance(obj, (ListObj, DictObj, TupleObj)):
                return TOP
            out.extend(_container_values(self.interp, obj))
        return AV.union(out) if out and not value.is_top else TOP

    def call_instance(
        self, instance: InstanceObj, args: Args, node: cst.Call | None, method: str = "call", own: bool = True
    ) -> AV:
        """`layer(x)` for a Keras layer or model of the program: `build` once, then `call`; or the class's own
        `__call__` where it overrides Keras' (unless `own` is False: `super().__call__(x)` in it)."""
        interp = self.interp
        override = self.dunder_call(instance) if own and method == "call" else None
        if override is not None:
            # Python runs the override, not Keras' `Layer.__call__`: no `build`, no call context of Keras', and
            # its result is whatever it returns (the output of the layers it calls, which a functional graph
            # then holds). `super().__call__(x)` in it runs Keras' (`build`, then `call`).
            self.called(instance)
            repeat = self.state.value(instance, "called") is not None
            with (
                interp.context(CtxKind.REPEAT, node, 2) if repeat else nullcontext(),
                interp.context(CtxKind.LAYER_CALL, override.node, instance),
            ):
                out = interp.invoke(override, args, node, AV.of(instance))
            self.state.set(instance, "called", TRUE)
            return out
        tensors = list(_tensors(interp, [args.first("inputs", 0)]))
        self.called(instance)
        by_call = self.built(instance).const() is not True and self.builds_by_call(instance)
        if self.built(instance).const() is not True:
            build = interp.class_attribute(instance.cls, "build")
            func = build.single() if build is not None else None
            if isinstance(func, FuncObj) and func.owner is not None:
                shape = tensors[0].shape if tensors else None
                shape_arg = arrays.shape_value(shape) if shape is not None else TOP
                with interp.context(CtxKind.METHOD, func.node, (instance, "build")):
                    interp.invoke(func, Args((shape_arg,), {}, {}, False), node, AV.of(instance))
                self.built_by(instance)
            self.state.set(instance, "built", TRUE)
        found = interp.class_attribute(instance.cls, method)
        func = found.single() if found is not None else None
        result: AV = TOP
        repeat = self.state.value(instance, "called") is not None
        self.state.set(instance, "called", TRUE)
        with interp.context(CtxKind.REPEAT, node, 2) if repeat else nullcontext():
            if isinstance(func, FuncObj) and func.owner is not None:
                if by_call:
                    # Keras 3's default build runs `call()` once, where state may be made, and then the call
                    # itself runs (measured, Keras 3.15: a Model without `build` holding an unbuilt Dense runs
                    # its `call` twice on its first eager call, three times under `predict` or `fit`).
                    with (
                        interp.context(CtxKind.LAYER_CALL, func.node, instance),
                        interp.context(CtxKind.METHOD, func.node, (instance, "build")),
                    ):
                        interp.invoke(func, args, node, AV.of(instance))
                with interp.context(CtxKind.LAYER_CALL, func.node, instance):
                    result = interp.invoke(func, args, node, AV.of(instance))
            elif isinstance(func, TfFunction):
                with interp.context(CtxKind.LAYER_CALL, func.site, instance):
                    result = self.trace(self._bind_tf_function(func, instance), args, node)
        # The output is the layer's, whatever made it inside `call()`: a functional graph holds this layer, not
        # the sublayers it calls.
        symbolic = any(t.symbolic for t in tensors)
        inner = result.single()
        shape = inner.shape if isinstance(inner, TensorObj) else None
        groups = _tensor_groups(interp, [args.first("inputs", 0)])
        return AV.of(
            TensorObj(
                node, producer=instance, inputs=tuple(tensors), symbolic=symbolic, shape=shape, groups=groups
            )
        )

    def dunder_call(self, instance: InstanceObj) -> FuncObj | None:
        """The `__call__` a layer class of the program defines (keras-attention's `Attention`), overriding
        Keras' `Layer.__call__`."""
        found = self.interp.class_attribute(instance.cls, "__call__")
        func = found.single() if found is not None else None
        if isinstance(func, FuncObj) and func.owner is not None and isinstance(func.node, cst.FunctionDef):
            return func
        return None

    def trace(self, function: TfFunction, args: Args, node: cst.Call | None) -> AV:
        """A tf.function call. The first call traces the body, then traces it again to check that no variable
        is made twice (that retrace is where a variable made on every call fails); a later call with the same
        Python objects runs the graph (no Python runs); one with new ones (a fresh model or optimizer) retraces,
        and a variable made then fails too."""
        interp = self.interp
        signature = _signature(args)
        done = self.state.value(function, "result")
        if done is not None:
            known = self.state.get(function, "signature")
            if known == signature or signature is None:
                return done
            traces: tuple[int, ...] = (3,)
        else:
            traces = (1, 2)
        result: AV = TOP
        for trace in traces:
            with interp.context(CtxKind.TF_FUNCTION, function.site, trace):
                result = interp.call(function.func, args, node)
            if interp.state.dead:
                break
        self.state.set(function, "result", result)
        self.state.set(function, "signature", signature)
        return result

    def bind_function(self, function: TfFunction, receiver: Obj) -> Obj:
        return self._bind_tf_function(function, receiver)

    def trace_entry(self, function: TfFunction, receiver: AV | None) -> None:
        target = function
        if receiver is not None and receiver.single() is not None:
            target = self._bind_tf_function(function, receiver.single())  # type: ignore[arg-type]
        self.trace(target, Args((), {}, {}, True), None)

    def built_when_program_builds(self, instance: InstanceObj) -> bool:
        # Measured: after `net.build([1, 1])`, Keras 3.15 sets `net.built` and a later `net(x)` does not build again;
        # tf_keras 2.x leaves `built` False when the program's `build` does not call `super().build()`, and its first
        # call builds again.
        return self.flavor is Flavor.KERAS3

    def builds_by_call(self, instance: InstanceObj) -> bool:
        # Keras 3's default `Layer.build` runs `call()` once when a sublayer is still unbuilt
        # (`might_have_unbuilt_state`); state made in that run is allowed. A program `build` replaces it.
        if self.flavor is not Flavor.KERAS3 or not instance.cls.is_layer:
            return False
        if any(isinstance(k.node, cst.ClassDef) and _defines(k.node, "build") for k in instance.cls.mro()):
            return False
        return any(self.built(layer).const() is not True for layer in self._tracked_layers(instance))

    def owns(self, obj: Obj) -> bool:
        return isinstance(obj, (TfFunction, LayerObj, ModelObj, VarObj, KerasObj)) or (
            isinstance(obj, InstanceObj) and obj.cls.keras_base is not None
        )

    def _bind_tf_function(self, function: TfFunction, receiver: Obj) -> TfFunction:
        key = (id(function), id(receiver))
        found = self._bound_functions.get(key)
        if found is None:
            funcs = [BoundMethod(f, receiver) if isinstance(f, FuncObj) else f for f in function.func]
            found = TfFunction(function.site, AV(frozenset(funcs)) if not function.func.is_top else TOP)
            self._bound_functions[key] = found
        return found

    # ====================================================================================== models
    def sequential(self, node: cst.Call, args: Args) -> AV:
        model = ModelObj(node, ModelKind.SEQUENTIAL, _name(args), args)
        # An unnamed Sequential counts `sequential` as layers count theirs (measured, Keras 3 and tf_keras:
        # `sequential`, `sequential_1`, a named one consumes no count, `clear_session()` resets). Functional
        # models' counter is not followed (a Sequential built from an input makes functional models inside).
        self._auto_name(model, "Sequential", args, node)
        self.state.set(model, "items", Items(()))
        self.state.set(model, "built", FALSE)
        self.created(model, node)
        given = args.first("layers", 0)
        if not given.is_bottom and given != NONE:
            # A list of layers is read item by item whatever its length (a VGG has 20): no loop body is
            # unrolled here, so the loop bound does not apply.
            items = self.interp.iteration(given, limit=_MAX_LAYERS)
            if isinstance(items, list):
                for item in items:
                    self.add(model, item, node)
            else:
                self._add_unknown(model, items, node)
        return AV.of(model)

    def _add_unknown(self, model: ModelObj, items: AV, node: cst.Call) -> None:
        layers = [o for o in items if isinstance(o, LayerObj)]
        by_name: dict[str, list[LayerObj]] = {}
        for layer in layers:
            if layer.name is not None and _name_site(layer) is not None:
                by_name.setdefault(layer.name, []).append(layer)
        for group in by_name.values():
            sites = {id(g.site) for g in group}
            if len(group) >= 2 and len(sites) < len(group):
                self.interp.record(
                    Duplicate,
                    _name_site(group[1]) or node,
                    first=group[0],
                    second=group[1],
                    name=group[1].name,
                    where="sequential",
                    model=model,
                    looped=True,
                )
        self._track(items)
        self.state.set(model, "items", Items(None, items))

    def add(self, model: ModelObj, item: AV, node: cst.Call) -> None:
        state = self.state
        items = state.items(model)
        obj = item.single()
        if (
            isinstance(obj, TensorObj)
            and obj.symbolic
            and isinstance(obj.producer, LayerObj)
            and obj.producer.cls == "keras.layers.InputLayer"
        ):
            if items.exact == ():
                state.set(
                    model,
                    "input_dim",
                    const(obj.shape[-1]) if obj.shape and obj.shape[-1] is not None else TOP,
                )
                self.build_model(model, None)
            return
        layered = obj if isinstance(obj, (LayerObj, ModelObj, InstanceObj)) else None
        self._track(item)
        if layered and items.exact is not None and self._check_duplicate(model, items.exact, layered, node):
            return  # Keras raises before the layer is added
        if items.exact is not None:
            state.set(model, "items", Items((*items.exact, item)))
        else:
            state.set(model, "items", Items(None, items.merged.join(item)))
        if isinstance(obj, LayerObj) and items.exact == ():
            declared = _declared_input_dim(obj)
            if declared is not NOTHING:
                state.set(model, "input_dim", const(declared) if isinstance(declared, int) else TOP)
                self.build_model(model, None)
                return
        if self.built(model).const() is True:
            self.build_model(model, None)

    def _check_duplicate(self, model: ModelObj, existing: tuple[AV, ...], layer: Obj, node: cst.Call) -> bool:
        name = self.layer_name(layer)
        where = self._layer_name_site(layer)
        if name is None or where is None:
            return False
        for value in existing:
            other = value.single()
            if other is not None and other is not layer and self.layer_name(other) == name:
                looped = other.site is layer.site
                self.interp.record(
                    Duplicate,
                    where,
                    first=other,
                    second=layer,
                    name=name,
                    where="sequential",
                    model=model,
                    looped=looped,
                )
                return True
        return False

    def build_model(self, model: ModelObj, input_dim: int | None) -> None:
        state = self.state
        state.set(model, "built", TRUE)
        if input_dim is not None:
            state.set(model, "input_dim", const(input_dim))
        known = state.value(model, "input_dim")
        dim = known.const() if known is not None else NOTHING
        dim_value = dim if isinstance(dim, int) else None
        items = state.items(model)
        if items.exact is None:
            for obj in items.merged:
                if isinstance(obj, LayerObj):
                    state.set(obj, "built", TRUE)
            return
        for value in items.exact:
            layer = value.single()
            if isinstance(layer, LayerObj):
                if dim_value is None:
                    declared = _declared_input_dim(layer)
                    dim_value = declared if isinstance(declared, int) else None
                self.build_layer(layer, dim_value)
                if layer.short == "Lambda" and self.state.value(layer, "called") is None:
                    # Keras builds a Sequential by calling each layer on a symbolic input: a Lambda's function
                    # runs here (measured, Keras 3.15 and tf_keras: a Lambda that makes a Dense, added after an
                    # `Input`, raises in `fit`; tf_keras at the build itself).
                    self._run_lambda(layer, _symbolic_args(), None)
                dim_value = _output_width(layer, dim_value)
            elif isinstance(layer, InstanceObj):
                if self.built(layer).const() is not True and (
                    self.dunder_call(layer) is None or self.state.value(layer, "called") is None
                ):
                    # Keras builds a model by calling each layer on a symbolic input: a program layer's
                    # `build` and `call()` run here (its own `__call__` where it has one, once: the graph
                    # holds what that made).
                    with (
                        self.interp.context(CtxKind.SEQUENTIAL_BUILD, None, model)
                        if model.kind is ModelKind.SEQUENTIAL
                        else nullcontext()
                    ):
                        self.call_instance(layer, _symbolic_args(), None)
                self.state.set(layer, "built", TRUE)
                dim_value = None
            else:
                for obj in value:
                    if isinstance(obj, LayerObj):
                        state.set(obj, "built", TRUE)
                dim_value = None

    def functional(self, node: cst.Call, args: Args) -> AV | None:
        outputs = args.first("outputs", 1)
        if outputs.is_bottom:
            return None
        inputs = args.first("inputs", 0)
        inputs_layers: list[LayerObj] = []
        complete = not outputs.is_top
        pending = list(_tensors(self.interp, [outputs]))
        if not pending:
            complete = False
        # Keras orders a functional model's layers by depth (the longest path to an output), deepest first,
        # after its InputLayers; layers of one depth in the order they were called.
        order = _consumers_first(pending, _GRAPH_LIMIT)
        if order is None:
            order, complete = [], False
        level: dict[int, int] = {id(t): 0 for t in pending}
        depth: dict[int, int] = {}
        layers: dict[int, Obj] = {}
        for tensor in order:
            here = level.get(id(tensor), 0)
            producer = tensor.producer
            if isinstance(producer, LayerObj) and producer.cls == "keras.layers.InputLayer":
                if producer not in inputs_layers:
                    inputs_layers.append(producer)
            elif producer is not None:
                layers.setdefault(id(producer), producer)
                depth[id(producer)] = max(depth.get(id(producer), -1), here)
            elif tensor.symbolic and not tensor.inputs:
                complete = False
            if producer is None and not tensor.symbolic:
                complete = False
            step = here + 1 if producer is not None else here
            for source in tensor.inputs:
                if level.get(id(source), -1) < step:
                    level[id(source)] = step
        found: list[Obj] = list(layers.values())
        for tensor in _tensors(self.interp, [inputs]):
            if isinstance(tensor.producer, LayerObj) and tensor.producer not in inputs_layers:
                inputs_layers.append(tensor.producer)
        ordered = sorted(found, key=lambda o: (-depth.get(id(o), 0), self._called.get(id(o), 0)))
        # After `if include_top: x = A(name="n")(x) else: x = B(name="n")(x)` the graph holds A or B, not
        # both: only layers every alternative holds make the layer list exact or a name a duplicate.
        groups = _tensor_groups(self.interp, [outputs])
        if all(len(g) == 1 for g in groups) and all(len(g) == 1 for t in order for g in t.groups):
            certain = set(layers)  # no alternatives anywhere: every layer of the graph is certain
        else:
            certain = _certain_layers(groups)
        if any(id(layer) not in certain for layer in ordered):
            complete = False
        model = ModelObj(node, ModelKind.FUNCTIONAL, _name(args), args)
        self.autonames.forget(self.state, "functional" if self.flavor is Flavor.KERAS3 else "model")
        members = [*inputs_layers, *ordered]
        self.state.set(
            model,
            "items",
            Items(tuple(AV.of(m) for m in members))
            if complete
            else Items(None, AV.union([AV.of(m) for m in members]) if members else TOP),
        )
        self.state.set(model, "built", TRUE)
        self.state.set(model, "outputs", outputs)  # `model.output`: the tensors it was built to, layers and all
        self.state.set(model, "inputs", inputs)
        self.created(model, node)
        by_name: dict[str, Obj] = {}
        certain.update(id(layer) for layer in inputs_layers)  # Keras checks its inputs' names too
        for layer in members:
            name, where = self.layer_name(layer), self._layer_name_site(layer)
            if id(layer) in self._loaded and name is not None and id(layer) in certain:
                by_name.setdefault(name, layer)  # a loaded layer's name: reported where a later layer repeats it
            elif name is not None and where is not None and id(layer) in certain:
                first = by_name.get(name)
                if first is not None and first is not layer:
                    self.interp.record(
                        Duplicate,
                        where,
                        first=first,
                        second=layer,
                        name=name,
                        where="functional",
                        model=model,
                        looped=first.site is layer.site,
                    )
                else:
                    by_name[name] = layer
        return AV.of(model)

    def application(self, short: str, node: cst.Call, args: Args) -> AV:
        """`keras.applications.X(...)`: a built functional model, named `name=` or the application's own name."""
        from tfvarfix.keras.applications import KERAS3_INNER_NAMES, KERAS3_NAMES

        name = _name(args)
        if name is None and not args.given("name") and self.flavor is Flavor.KERAS3:
            name = KERAS3_NAMES.get(short)
        model = ModelObj(node, ModelKind.FUNCTIONAL, name, args)
        self.autonames.forget(self.state)  # it makes layers of its own, not all named
        self.state.set(model, "items", Items(None, TOP))
        self.state.set(model, "built", TRUE)
        inner = KERAS3_INNER_NAMES.get(short) if self.flavor is Flavor.KERAS3 else None
        if inner is not None:
            # `model.input` / `model.output`: an outer functional model built from them holds this application's
            # inner layers, flattened. They stand here as one part named by the inner name the application always
            # gives (two applications' parts collide as their layers do), between an input no known layer makes
            # (so the outer model's layer list stays unknown) and the output.
            entry = TensorObj(node, symbolic=True)
            part = ApplicationLayers(node, ModelKind.FUNCTIONAL, inner, Args.EMPTY)
            self.state.set(part, "items", Items(None, TOP))
            self.state.set(part, "built", TRUE)
            self.interp.record(Created, node, obj=part, args=None, view=None)  # made where the application is
            self.state.set(model, "inputs", AV.of(entry))
            self.state.set(model, "outputs", AV.of(TensorObj(node, symbolic=True, producer=part, inputs=(entry,))))
            self.state.set(model, "inner", AV.of(part))
        self.created(model, node)
        self.makes_variables(model, node, certainly=True)  # its weights exist once it returns
        return AV.of(model)

    def _inner_layers_reached(self, model: ModelObj) -> None:
        """An application's layers are reached (`.layers`, `get_layer`): the program may rename them (keras#7412:
        `for layer in backbone.layers: layer._name = ...`), so the name its inner layers hold is no longer known."""
        inner = self.state.value(model, "inner")
        part = inner.single() if inner is not None else None
        if isinstance(part, ApplicationLayers):
            self.state.set(part, "renamed", TOP)

    def model_layers(self, model: ModelObj, node: cst.CSTNode) -> AV:
        """`model.layers`: a new list, the model's layers at this point (a functional model's InputLayer first)."""
        self._inner_layers_reached(model)
        items = self.state.items(model)
        copy = ListObj(node)
        if model.kind is ModelKind.SEQUENTIAL and items.exact is not None:
            kept = tuple(v for v in items.exact if not any(isinstance(o, TensorObj) for o in v))
            self.state.set(copy, "items", Items(kept))
        else:
            self.state.set(copy, "items", items)
        return AV.of(copy)

    def model_weights(self, model: ModelObj, node: cst.CSTNode, trainable: bool = False) -> AV:
        """`model.weights`: each layer's weights, layer by layer, when every layer and its weights are known.
        `trainable`: `model.trainable_weights` (or `trainable_variables`), the same in the same order less the
        weights that do not train (`moving_mean`...) and those of a layer made or set `trainable=False`
        (measured, Keras 3.15 and tf_keras 2.21); unknown when a layer's or the model's flag is not known."""
        items = self.state.items(model)
        out = ListObj(node)
        found: list[AV] = []
        known = items.exact is not None and self.built(model).const() is True
        if trainable and self._trains(model) is not True:
            known = False
        for value in items.exact if known and items.exact is not None else (TOP,):
            layer = value.single()
            weights = (
                present_weights(layer) if isinstance(layer, LayerObj) and layer.spec is not None else None
            )
            if isinstance(layer, LayerObj) and layer.spec is None and layer.short in _WEIGHTLESS:
                weights = []
            trains = self._trains(layer) if trainable and isinstance(layer, LayerObj) else True
            if weights is None or not isinstance(layer, LayerObj) or trains is None:
                self.state.set(out, "items", Items(None, TOP))
                return AV.of(out)
            if trainable:
                weights = [w for w in weights if w.trainable and trains]
            found.extend(AV.of(v) for w in weights if (v := self.weight_var(layer, w.path)) is not None)
        self.state.set(out, "items", Items(tuple(found)))
        return AV.of(out)

    def _trains(self, obj: LayerObj | ModelObj) -> bool | None:
        """The layer's (or model's) `trainable` flag: as last set (`layer.trainable = False`), else as made
        (`trainable=False`), else True; None when not known."""
        stored = self.state.value(obj, _TRAINABLE_SET)
        if stored is not None:
            flag = stored.const()
            return flag if isinstance(flag, bool) else None
        if isinstance(obj, ModelObj):
            return True
        given = obj.config("trainable")
        if given.is_bottom:
            return True
        flag = given.const()
        return flag if isinstance(flag, bool) else None

    def get_layer(self, members: Items, args: Args) -> AV:
        name = args.first("name", 0)
        index = args.get("index")
        key = name.const()
        if isinstance(key, str):
            if members.exact is None:
                matches = [
                    o
                    for o in members.merged
                    if isinstance(o, (LayerObj, ModelObj, InstanceObj)) and _name_of(self, o) == key
                ]
                return AV.of(*matches) if len(matches) == 1 and not members.merged.is_top else TOP
            found = [v for v in members.exact if any(_name_of(self, o) == key for o in v)]
            if len(found) == 1 and found[0].single() is not None:
                return found[0]
            return TOP
        position = index.const()
        if (
            isinstance(position, int)
            and members.exact is not None
            and -len(members.exact) <= position < len(members.exact)
        ):
            return members.exact[position]
        return TOP

    # ==================================================================================== variables
    def _backend_variable(self, name: str, args: Args, node: cst.Call) -> AV | None:
        """tf_keras's `K.eye(n)` is a variable, and so are `K.ones(shape)` and `K.zeros(shape)` of a shape of known
        positive sizes (its source: `variable(tf.ones(...))` when every dimension is true); None when not known."""
        if name == "keras.backend.eye":
            size = self.interp.constant(args.first("size", 0))
            shape: tuple[int | None, ...] | None = (size, size) if isinstance(size, int) and size > 0 else None
        else:
            dims = self.interp.dims(args.first("shape", 0))
            if not dims or not all(isinstance(d, int) and d > 0 for d in dims):
                return None
            shape = tuple(dims)
        var = VarObj(node, name, name=None, name_node=None, initial=TOP, initial_node=None, shape=shape)
        self.created(var, node, keep_view=False)
        return AV.of(var)

    def variable(self, ctor: str, node: cst.Call, args: Args) -> AV:
        if ctor == "keras.Variable":
            initial = args.first("initializer", 0)
            initial_node = args.first_node("initializer", 0)
        else:
            initial = args.first("initial_value", 0)
            initial_node = args.first_node("initial_value", 0)
        name_value = args.get("name")
        name = name_value.const()
        shape = arrays.shape_of(initial, self.interp) if not initial.is_bottom else None
        if shape is None:
            shape = self.interp.dims(args.get("shape"))
        var = VarObj(
            node,
            ctor,
            name=name if isinstance(name, str) else None,
            name_node=args.node_of("name"),
            initial=initial,
            initial_node=initial_node,
            shape=shape,
        )
        self.created(var, node, keep_view=var.name is not None)
        return AV.of(var)

    def add_weight(self, owner: Obj, args: Args, node: cst.Call) -> AV:
        name = args.get("name").const()
        if args.positional and isinstance(args.positional[0].const(), str) and self.flavor is Flavor.TF_KERAS:
            name = args.positional[0].const()
        shape = self.interp.dims(args.get("shape"))
        var = VarObj(
            node,
            "add_weight",
            name=name if isinstance(name, str) else None,
            name_node=args.node_of("name"),
            initial=args.get("initializer"),
            shape=shape,
        )
        self.created(var, node)
        return AV.of(var)

    def write_weight(
        self, target: AV, value: AV, index: tuple[object, ...] | None, how: str, node: cst.Call
    ) -> None:
        """Something is written into a weight: record it when the target is certainly one layer weight."""
        obj = target.single()
        weight: WeightRef | None = None
        if isinstance(obj, VarObj) and obj.weight is not None:
            weight = obj.weight
        elif (
            isinstance(obj, TensorObj)
            and obj.source is not None
            and self.state.value(obj, "view") is not None
        ):
            weight = obj.source
            view = self.state.value(obj, "view")
            index = arrays.index_of(view) if view is not None else None
            if index is None:
                return
        if weight is None:
            return
        statements: tuple[cst.CSTNode, ...] = ()
        edits = self._edits_of(value, weight)
        if edits is not None:
            statements = edits[1]
        self._record_write(weight, value, index, how, node, statements)
        if edits is not None:
            for edit_index, edit_value in edits[0]:
                self._record_write(weight, edit_value, edit_index, how + ":edit", node, statements)

    def _edits_of(
        self, value: AV, weight: WeightRef
    ) -> tuple[list[tuple[tuple[object, ...], AV]], tuple[cst.CSTNode, ...]] | None:
        """The element edits a copy of `weight` carries (a round trip), with the statements that made them."""
        obj = value.single()
        if not isinstance(obj, TensorObj) or obj.source != weight:
            return None
        edits = self.state.get(obj, "edits")
        if not isinstance(edits, tuple):
            return None
        out: list[tuple[tuple[object, ...], AV]] = []
        statements: list[cst.CSTNode] = []
        made = self.state.get(obj, "made")
        if isinstance(made, cst.CSTNode):
            statements.append(made)
        for entry in edits:
            if not isinstance(entry, tuple) or len(entry) != 3:
                return None
            index, item, statement = entry
            out.append((index, item))
            statements.append(statement)
        return out, tuple(statements)

    def _record_write(
        self,
        weight: WeightRef,
        value: AV,
        index: tuple[object, ...] | None,
        how: str,
        node: cst.Call,
        statements: tuple[cst.CSTNode, ...],
        item: int | None = None,
    ) -> None:
        layer = weight.layer
        built = self.built(layer).const() is True
        trained = self._trained(layer)
        shape = arrays.shape_of(value, self.interp)
        source = value.single()
        if shape is None and isinstance(source, VarObj):  # another variable, or another layer's weight
            shape = source.shape if source.weight is None else _weight_shape(source.weight)
        self.written.add(weight)
        self.interp.record(
            WeightWrite,
            node,
            weight=weight,
            value=value,
            index=index,
            how=how,
            built=built,
            trained=trained,
            statements=statements,
            shape=shape,
            item=item,
            view=self.interp.view(),
        )

    def _trained(self, layer: LayerObj) -> bool:
        found = self.state.value(layer, "trained")
        return found is not None and found != FALSE

    def scatter(self, args: Args, node: cst.Call) -> AV:
        source = args.positional[0].single()
        indices, updates = self.interp.constant(args.positional[1]), self.interp.constant(args.positional[2])
        weight = source.weight if isinstance(source, VarObj) else None
        tensor = TensorObj(node, shape=source.shape if isinstance(source, VarObj) else None, source=weight)
        if (
            weight is not None
            and isinstance(indices, tuple)
            and isinstance(updates, tuple)
            and len(indices) == len(updates)
        ):
            edits = []
            for index, value in zip(indices, updates, strict=True):
                if not isinstance(index, tuple) or not isinstance(value, (int, float)):
                    return AV.of(tensor)
                edits.append((index, const(value), self.interp.chain[-1] if self.interp.chain else node))
            self.state.set(tensor, "edits", tuple(edits))
        return AV.of(tensor)

    def _initial_content(self, weight: WeightRef) -> Content | None:
        """What the weight holds while it still has its initial values (never written, never trained here): the
        initializer's one value (`zeros`, `ones`, `Constant(0.1)`), or "initial" (values drawn at construction)."""
        layer = weight.layer
        if layer.synthetic or self._trained(layer):
            return None
        if weight in self.written:
            return None
        keyword = weight.spec.initializer
        given = layer.config(keyword) if keyword is not None else TOP
        fill: object = None
        if given.is_bottom:
            fill = _FILL_OF.get((weight.spec.default_initializer or "").lower())
        else:
            init = given.single()
            if isinstance(init, Const) and isinstance(init.value, str):
                fill = _FILL_OF.get(init.value.lower())
            elif isinstance(init, KerasObj) and init.cls.startswith("keras.initializers."):
                short = init.cls.rsplit(".", 1)[-1].lower()
                fill = _FILL_OF.get(short)
                if short == "constant":
                    fill = self.interp.constant(init.args.first("value", 0))
        forget = weight.spec.name == "bias" and layer.short in (
            "LSTM",
            "LSTMCell",
            "ConvLSTM1D",
            "ConvLSTM2D",
            "ConvLSTM3D",
        )
        if forget and layer.known.get("unit_forget_bias", True) is not False:
            fill = None  # the forget gate's slice is ones
        if isinstance(fill, (int, float)) and not isinstance(fill, bool):
            return Content("full", fill=fill)
        return Content("initial", weight=weight)

    def copy_of(self, weight: WeightRef, node: cst.CSTNode) -> TensorObj:
        shape = _weight_shape(weight)
        copy = TensorObj(
            node,
            shape=shape if shape and all(d is not None for d in shape) else None,
            source=weight,
            content=self._initial_content(weight),
        )
        self.state.set(copy, "edits", ())
        if self.interp.chain:
            self.state.set(copy, "made", self.interp.chain[-1])
        return copy

    # ===================================================================================== methods
    def method(self, obj: Obj, name: str, args: Args, node: cst.Call) -> AV | None:
        result = self._method(obj, name, args, node)
        if result is None:
            self._no_store_call = args if _no_store_method(obj, name) else None
        if (
            result is None
            and args is not Args.EMPTY
            and (isinstance(obj, _NO_LAYER_RECEIVERS) or (isinstance(obj, InstanceObj) and obj.cls.keras_base))
        ):
            self._known_call = args  # a method of a Keras object or a container we do not follow: no layer
        if result is None and name == "add_loss" and (
            isinstance(obj, (LayerObj, ModelObj)) or (isinstance(obj, InstanceObj) and obj.cls.is_layer)
        ):
            result = NONE  # Keras keeps what it is given (a callable is called when the losses are read)
        if result is not None:
            self.interp.record(
                MethodCall,
                node,
                callee="." + name,
                receiver=AV.of(obj),
                args=args,
                result=result,
                view=self._save_view("." + name, obj),
            )
        return result

    def _method(self, obj: Obj, name: str, args: Args, node: cst.Call) -> AV | None:
        if isinstance(obj, LayerObj):
            return self._layer_method(obj, name, args, node)
        if isinstance(obj, ModelObj):
            return self._model_method(obj, name, args, node)
        if isinstance(obj, VarObj):
            return self._variable_method(obj, name, args, node)
        if isinstance(obj, TensorObj):
            if name == "assign" and obj.source is not None and args.positional:
                self.write_weight(AV.of(obj), args.positional[0], None, "assign", node)
                return NONE
            if name in ("numpy", "copy", "astype"):
                return AV.of(obj)
            if name == "get_shape" and not args.positional and not args.keywords:
                return arrays.shape_value(obj.shape)  # a TensorShape: the tuple of its sizes (`as_list()` too)
            if name in arrays.REARRANGING and not obj.symbolic:
                # The same numbers in another shape: still known at construction (`np.eye(3).flatten()`).
                shape = arrays.rearranged(name, obj.shape, args, self.interp)
                return AV.of(TensorObj(node, shape=shape, content=arrays.combined([obj.content])))
            if name in arrays.REDUCING and not obj.symbolic:
                # `a.sum(axis=1)`: the axis goes (MatchZoo#629's row norms, `np.sqrt((m * m).sum(axis=1))`).
                return AV.of(TensorObj(node, shape=arrays.reduced(obj.shape, args, self.interp)))
            return AV.of(TensorObj(node, symbolic=obj.symbolic))
        if isinstance(obj, (InstanceObj, SuperObj)):
            return self._instance_method(obj, name, args, node)
        if isinstance(obj, KerasObj):
            if obj.cls == "numpy.random.Generator":
                if name in ("rand", "randn", "random_sample"):
                    return AV.of(
                        TensorObj(
                            node,
                            shape=arrays.int_tuple(tuple(self.interp.constant(a) for a in args.positional)),
                        )
                    )
                return AV.of(TensorObj(node, shape=self.interp.dims(args.get("size"))))
            if obj.cls == "tf.compat.v1.train.ExponentialMovingAverage" and name == "apply":
                self.tf1.apply_moving_average(obj, args, node)
            if obj.cls.startswith(_OWN_VARIABLES) and name in (
                "apply_gradients",
                "minimize",
                "build",
                "apply",
            ):
                if self.state.value(obj, "built") is None:
                    # An optimizer makes its slot variables when it is first applied.
                    self.state.set(obj, "built", TRUE)
                    self.makes_variables(obj, node)
                    if obj.cls.startswith("tf.compat.v1.train."):
                        self.tf1.apply_optimizer(obj, name, args, node)  # its slot variables, by name
                return NONE
            if obj.cls.startswith("tf.compat.v1.") or obj.cls == "tf.Graph":
                return self.tf1.method(obj, name, args, node)
            if name == "assertRaises":
                return None
            return TOP
        if isinstance(obj, PartObj):
            return TOP
        return None

    def _layer_method(self, layer: LayerObj, name: str, args: Args, node: cst.Call) -> AV | None:
        if name == "build":
            shape = self.interp.dims(args.first("input_shape", 0))
            self.build_layer(layer, shape[-1] if shape else None, called=False)
            return NONE
        if name == "adapt":  # a preprocessing layer builds on the data it adapts to (Normalization: its weights)
            shape = arrays.shape_of(args.first("data", 0), self.interp)
            self.build_layer(layer, shape[-1] if shape else None, called=False)
            return NONE
        if name in ("__call__", "call"):
            return self.call_layer(layer, args, node)
        if name == "get_weights":
            weights = present_weights(layer)
            copy = ListObj(node)
            if weights is None:
                self.state.set(copy, "items", Items(None, TOP))
            else:
                made = [AV.of(self.copy_of(WeightRef(layer, w, w.path), node)) for w in weights]
                self.state.set(copy, "items", Items(tuple(made)))
            return AV.of(copy)
        if name == "set_weights" and args.positional:
            self._set_weights(layer, args.positional[0], node)
            return NONE
        if name in ("add_weight", "add_variable"):
            return self.add_weight(layer, args, node)
        return TOP

    def _check_initial_count(self, layer: LayerObj) -> None:
        """A tf_keras layer given `weights=[...]` writes the list with `set_weights` when it is built (not when a
        wrapper builds it: `TimeDistributed` and `Bidirectional` never write it), so a list of another length than
        the weights it holds raises there (keras#1671: `Dense(3, weights=[kernel])`, which also holds a bias; a
        direct `layer.build(shape)` does not write the list):
        `ValueError: You called set_weights(weights) on layer "dense" with a weight list of length 1, but the layer
        was expecting 2 weights` (measured, tf_keras 2.21). Keras 3 takes `weights=` only on `Embedding`."""
        pending = self._initial_counts.get(id(layer))
        weights = present_weights(layer)
        if pending is None or weights is None or layer.spec is None or pending[2] == len(weights):
            return
        absent = tuple((w.name, w.present_if) for w in layer.spec.weights if w not in weights and w.present_if)
        self.interp.record(
            WeightCount,
            pending[1],
            layer=layer,
            given=pending[2],
            held=tuple(w.name for w in weights),
            absent=absent,
            how="weights",
        )

    def _set_weights(self, layer: LayerObj, value: AV, node: cst.Call, how: str = "set_weights") -> None:
        weights = present_weights(layer)
        if how == "weights" and self.flavor is Flavor.TF_KERAS:
            items = self.interp.iteration(value)
            if isinstance(items, list):
                self._initial_counts[id(layer)] = (layer, node, len(items))
        if how == "set_weights" and weights is not None and layer.spec is not None:
            items = self.interp.iteration(value)
            if isinstance(items, list) and len(items) != len(weights) and self.built(layer).const() is True:
                absent = tuple(
                    (w.name, w.present_if) for w in layer.spec.weights if w not in weights and w.present_if
                )
                self.interp.record(
                    WeightCount,
                    node,
                    layer=layer,
                    given=len(items),
                    held=tuple(w.name for w in weights),
                    absent=absent,
                )
        self._write_weight_list(
            [(layer, w) for w in weights] if weights is not None else None, value, node, how
        )

    def _model_set_weights(self, model: ModelObj, value: AV, node: cst.Call) -> None:
        """`model.set_weights(list)`: the items go to the layers' weights in layer order. Only for a built model
        of known layers without non-trainable weights (tf_keras orders those after every trainable one)."""
        items = self.state.items(model).exact
        pairs: list[tuple[LayerObj, WeightSpec]] | None = []
        for item in items if items is not None and self.built(model).const() is True else [TOP]:
            one = item.single()
            weights = present_weights(one) if isinstance(one, LayerObj) else None
            if (
                not isinstance(one, LayerObj)
                or weights is None
                or pairs is None
                or any(not w.trainable for w in weights)
            ):
                pairs = None
                break
            pairs += [(one, w) for w in weights]
        self._write_weight_list(pairs, value, node, "set_weights")

    def _write_weight_list(
        self, weights: list[tuple[LayerObj, WeightSpec]] | None, value: AV, node: cst.Call, how: str
    ) -> None:
        items = self.interp.iteration(value)
        if weights is None or not isinstance(items, list) or len(items) != len(weights):
            if value.single() is not None:
                self.interp.escape(value)
            return
        for position, ((layer, spec), item) in enumerate(zip(weights, items, strict=True)):
            ref = WeightRef(layer, spec, spec.path)
            edits = self._edits_of(item, ref)
            if edits is not None:
                for index, edit in edits[0]:
                    self._record_write(ref, edit, index, how + ":edit", node, edits[1], position)
                continue
            self._record_write(ref, item, None, how, node, (), position)

    def _model_method(self, model: ModelObj, name: str, args: Args, node: cst.Call) -> AV | None:
        state = self.state
        if name == "add" and model.kind is ModelKind.SEQUENTIAL:
            self.add(model, args.first("layer", 0), node)
            return NONE
        if name == "pop":
            items = state.items(model)
            if items.exact:
                state.set(model, "items", Items(items.exact[:-1]))
            return TOP
        if name == "get_layer":
            self._inner_layers_reached(model)
            return self.get_layer(state.items(model), args)
        if name == "set_weights" and args.positional:
            self._model_set_weights(model, args.positional[0], node)
            return NONE
        if name == "build":
            shape = self.interp.dims(args.first("input_shape", 0))
            self.build_model(model, shape[-1] if shape and shape[-1] is not None else None)
            return NONE
        if name == "save":
            self.save_model(AV.of(model), args.first("filepath", 0))
        if name in TRAINING and args.given("callbacks"):
            self.autonames.forget_files(self.state)  # a checkpoint callback may write any file
            self._checkpoints(model, args.get("callbacks"), node)
        if name in BUILDING or name == "__call__":
            self.build_model(model, None)
            if name in TRAINING:
                self._mark_trained(model)
                self._trace_regularizers(self.state.items(model).every, node)
                self._train_optimizer(model, node)
            if name != "__call__":
                self._trace_compiled(model, node)
                self._run_callbacks(model, name, args, node)
                # `fit`/`predict` call every layer again, in a tf.function: a program layer's `call()` runs.
                self._call_program_layers(model, _symbolic_args(), node)
            return TOP
        if name == "compile":
            self._compile(model, args, node)
            return NONE
        if name == "load_weights":  # the weights now come from a file, not the initializers (TFV201)
            self._mark_trained(model)
            return NONE
        if name == "get_weights":
            return TOP
        return TOP

    def _call_program_layers(self, model: ModelObj, args: Args, node: cst.Call) -> None:
        """A run of `model` over a tensor: each layer of the program that the model certainly holds is called,
        and each `Lambda`'s function runs again (what it makes is made on a later call)."""
        for value in self.state.items(model).exact or ():
            layer = value.single()
            if isinstance(layer, InstanceObj) and layer.cls.is_layer:
                override = self.dunder_call(layer)
                if override is not None and not _calls_super(override.node):
                    # Its own `__call__`, which never enters Keras' own, ran when the model was built: the
                    # graph holds the layers it called, and a run of the model runs those (measured, Keras
                    # 3.15 and tf_keras 2.21: keras-attention's `Attention.__call__` runs once).
                    continue
                self.call_instance(layer, args, node)
            elif isinstance(layer, LayerObj) and layer.short == "Lambda":
                self._run_lambda(layer, args, node)

    def _checkpoints(self, model: ModelObj, callbacks: AV, node: cst.Call) -> None:
        """`fit(callbacks=[ModelCheckpoint(path)])`: with `save_weights_only` False (the default) the callback
        saves the whole model, config included, as `model.save(path)` would (hlamba28's siamese network, maxvit#6:
        `NotImplementedError: ... must override get_config()` raised from the callback at the first epoch end).
        Recorded at the `fit` as a call of `CHECKPOINT_SAVE`, a save TFV202 counts."""
        items = self.interp.iteration(callbacks)
        for item in items if isinstance(items, list) else [items]:
            for obj in item:
                if not isinstance(obj, KerasObj) or obj.cls != CHECKPOINT:
                    continue
                weights_only = obj.args.first("save_weights_only", 4)
                if not weights_only.is_bottom and weights_only.const() is not False:
                    continue  # weights only (or not known): no config is written
                path = obj.args.first("filepath", 0)
                if isinstance(path.const(), str) and "{" not in str(path.const()):
                    self.save_model(AV.of(model), path)  # one file: a later load_model of it reads this save
                self.interp.record(
                    MethodCall,
                    node,
                    callee=CHECKPOINT_SAVE,
                    receiver=AV.of(model),
                    args=obj.args,
                    result=NONE,
                    view=self.state.view(),
                )

    def _run_callbacks(self, model: ModelObj, method: str, args: Args, node: cst.Call) -> None:
        """`model.fit(callbacks=[...])` (and `evaluate`, `predict`): Keras hands each callback the model
        (`callback.model`) and calls its hooks. The `on_*` methods a program's callback class defines run here,
        in the order Keras calls them, with `self.model` bound to this model (as entries they would not know it)."""
        hooks = _CALLBACK_HOOKS.get(method)
        value = args.get("callbacks")
        if hooks is None or value.is_bottom:
            return
        interp = self.interp
        items = interp.iteration(value)
        for item in items if isinstance(items, list) else [items]:
            for obj in item:
                if not isinstance(obj, InstanceObj) or not _is_callback(obj.cls):
                    continue
                self.state.set(obj, "model", AV.of(model))
                for hook in hooks:
                    found = interp.class_attribute(obj.cls, hook)
                    func = found.single() if found is not None else None
                    if isinstance(func, FuncObj) and func.owner is not None:
                        interp.invoke(func, Args((), {}, {}, True), node, AV.of(obj))

    def _compile(self, model: Obj, args: Args, node: cst.Call) -> None:
        """Remember the program's own loss and metric functions: `fit` traces them in its tf.function."""
        functions: list[Obj] = []
        for keyword in ("loss", "metrics", "optimizer"):
            value = args.get(keyword)
            if keyword == "loss" and value.is_bottom and args.positional[1:2]:
                value = args.positional[1]
            items = (
                self.interp.iteration(value)
                if any(isinstance(o, (ListObj, TupleObj, DictObj)) for o in value)
                else [value]
            )
            for item in items if isinstance(items, list) else [items]:
                functions.extend(o for o in item if isinstance(o, (FuncObj, BoundMethod)))
            if keyword == "optimizer":
                self.state.set(model, "optimizer", value)
        if args.given("run_eagerly"):  # `fit` then runs its train step without a tf.function
            self.state.set(model, "run_eagerly", args.get("run_eagerly"))
        if functions:
            traced = [TfFunction(_function_node(f), AV.of(f)) for f in functions]
            self.state.set(model, "compiled", AV.of(*traced))

    def _trace_regularizers(self, layers: Iterable[Obj], node: cst.Call) -> None:
        """`fit` computes the model's weight regularization losses in its traced train step: a regularizer object
        of a program class given to a built-in layer (`kernel_regularizer=LastLayerReg(...)`) has its `__call__`
        run there, on the weight (simec#4: tf_keras's `K.ones(...)` in it makes a variable, refused there)."""
        for layer in layers:
            if not isinstance(layer, LayerObj):
                continue
            for keyword, value in layer.args.keywords.items():
                if not keyword.endswith("_regularizer") or keyword == "activity_regularizer" or value.is_top:
                    continue
                for obj in value:
                    if not isinstance(obj, InstanceObj):
                        continue
                    found = self.interp.class_attribute(obj.cls, "__call__")
                    func = found.single() if found is not None else None
                    if isinstance(func, FuncObj) and func.owner is not None:
                        self.trace(
                            self._bind_tf_function(TfFunction(func.node, AV.of(func)), obj),
                            Args((TOP,), {}, {}, False),
                            node,
                        )

    def _train_optimizer(self, model: Obj, node: cst.Call) -> None:
        """`fit`/`train_on_batch` apply the gradients in their traced train step: an optimizer of a program class
        given to `compile` runs there as Keras calls it (`apply_gradients`, then its `build` on first use and its
        `update_step`). Measured, Keras 3.15: `build` runs inside the first trace, `update_step` on both traces
        (a `tf.Variable` made in `update_step` is refused: `ValueError: tf.function only supports singleton
        tf.Variables created on the first call`); tf_keras 2.21 alike (its `build` runs eagerly, in
        `init_scope`). `evaluate` and `predict` do not run the optimizer."""
        eagerly = self.state.value(model, "run_eagerly")
        if eagerly is not None and present(eagerly).const() is not False:
            return  # `compile(run_eagerly=True)` (or `model.run_eagerly = True`): nothing is traced (measured)
        value = self.state.value(model, "optimizer")
        for obj in present(value) if value is not None else ():
            if not isinstance(obj, InstanceObj) or not _program_optimizer(obj.cls):
                continue
            entry = next(iter(_OPTIMIZER_CALLS[self.flavor]))
            site = self._optimizer_site(obj, entry)
            if site is None:
                continue  # no method of the program runs there
            key = (id(model), id(obj))
            function = self._optimizer_steps.get(key)
            if function is None:
                found = self.interp.class_attribute(obj.cls, entry)
                func = found.single() if found is not None else None
                bound = BoundMethod(func, obj) if isinstance(func, FuncObj) and func.owner else MethodRef(obj, entry)
                function = self._optimizer_steps[key] = TfFunction(site, AV.of(bound))
            self.trace(function, Args((TOP,) * _OPTIMIZER_ARITY[entry], {}, {}, False), node)

    def _optimizer_site(self, optimizer: InstanceObj, name: str | None) -> cst.FunctionDef | None:
        """The first method of the program that Keras' call of `name` on `optimizer` enters (it names the trace)."""
        calls = _OPTIMIZER_CALLS[self.flavor]
        while name is not None:
            found = self.interp.class_attribute(optimizer.cls, name)
            func = found.single() if found is not None else None
            if _program_method(func):
                assert isinstance(func, FuncObj)
                return func.node if isinstance(func.node, cst.FunctionDef) else None
            name = calls.get(name)
        for step in ("_update_step", "update_step") if self.flavor is Flavor.TF_KERAS else ("update_step",):
            found = self.interp.class_attribute(optimizer.cls, step)
            func = found.single() if found is not None else None
            if _program_method(func):
                assert isinstance(func, FuncObj)
                return func.node if isinstance(func.node, cst.FunctionDef) else None
        return None

    def _optimizer_method(self, optimizer: InstanceObj, name: str, node: cst.Call) -> AV:
        """Keras' own `name` (`apply_gradients`, `apply`, `minimize`) of an optimizer of a program class: it calls
        the next method on the optimizer (a program override runs), and the last builds the optimizer when it is
        not built (the program's `build`: variables made there are made once, allowed in a trace) and runs its
        step (`update_step`; tf_keras: `_update_step`, which calls `update_step`), where the program makes what
        it makes on every application of the gradients."""
        then = _OPTIMIZER_CALLS[self.flavor][name]
        if then is not None:
            self._send_optimizer(optimizer, then, node)
            return NONE
        if self.built(optimizer).const() is not True:
            self._send_optimizer(optimizer, "build", node)
            self.state.set(optimizer, "built", TRUE)
        step = "update_step"
        if self.flavor is Flavor.TF_KERAS and _program_method(self._optimizer_member(optimizer, "_update_step")):
            step = "_update_step"
        self._send_optimizer(optimizer, step, node)
        return NONE

    def _optimizer_member(self, optimizer: InstanceObj, name: str) -> Obj | None:
        found = self.interp.class_attribute(optimizer.cls, name)
        return found.single() if found is not None else None

    def _send_optimizer(self, optimizer: InstanceObj, name: str, node: cst.Call) -> None:
        """`self.<name>(...)` inside Keras' optimizer code: the program's method runs, if the class defines it."""
        func = self._optimizer_member(optimizer, name)
        if _program_method(func):
            assert isinstance(func, FuncObj)
            arity = _OPTIMIZER_ARITY.get(name, 3 if self.flavor is Flavor.KERAS3 else 2)  # update_step
            args = Args((TOP,) * arity, {}, {}, False)
            if name == "build":
                with self.interp.context(CtxKind.METHOD, func.node, (optimizer, "build")):
                    self.interp.invoke(func, args, node, AV.of(optimizer))
            else:
                self.interp.invoke(func, args, node, AV.of(optimizer))
        elif name in _OPTIMIZER_CALLS[self.flavor]:
            self._optimizer_method(optimizer, name, node)

    def _trace_compiled(self, model: Obj, node: cst.Call) -> None:
        compiled = self.state.value(model, "compiled")
        for function in compiled or ():
            if isinstance(function, TfFunction):
                self.trace(function, Args((TOP, TOP), {}, {}, False), node)

    def _mark_trained(self, model: Obj) -> None:
        items = self.state.items(model)
        for obj in items.every:
            if isinstance(obj, (LayerObj, InstanceObj)):
                self.state.set(obj, "trained", TRUE)
        for obj in self._tracked_layers(model) if isinstance(model, InstanceObj) else ():
            self.state.set(obj, "trained", TRUE)

    def _variable_method(self, var: VarObj, name: str, args: Args, node: cst.Call) -> AV | None:
        if name == "assign" and args.positional:
            self.write_weight(AV.of(var), args.positional[0], None, "assign", node)
            return AV.of(var)
        if name == "set_value" and args.positional:  # no variable has it: AttributeError
            self.write_weight(AV.of(var), args.positional[0], None, "variable.set_value", node)
            return NONE
        if name in ("assign_add", "assign_sub", "scatter_nd_update", "scatter_update"):
            self.write_weight(AV.of(var), TOP, None, name, node)
            return AV.of(var)
        if name in ("numpy", "read_value", "value", "__array__"):
            if var.weight is not None:
                return AV.of(self.copy_of(var.weight, node))
            return AV.of(TensorObj(node, shape=var.shape))
        return TOP

    def _instance_method(
        self, obj: InstanceObj | SuperObj, name: str, args: Args, node: cst.Call
    ) -> AV | None:
        instance = obj.instance if isinstance(obj, SuperObj) else obj
        cls = instance.cls if isinstance(instance, InstanceObj) else None
        if name.startswith("assertRaises"):
            return self._assert_raises(name, args, node)
        if isinstance(instance, InstanceObj) and _program_optimizer(cls) and name in _OPTIMIZER_CALLS[self.flavor]:
            return self._optimizer_method(instance, name, node)
        if cls is None or cls.keras_base is None:
            return None
        if name == "__init__":
            given = args.get("name").const()
            if isinstance(given, str):
                self.state.set(instance, "name", const(given))
            if isinstance(instance, InstanceObj):
                self._base_layer(instance, args, node)
            return NONE
        if name in ("add_weight", "add_variable"):
            if isinstance(instance, InstanceObj):
                self.state.set(instance, _OWN_WEIGHTS, TRUE)  # its weight list then holds one of unknown place
            return self.add_weight(instance, args, node)
        if name in ("get_weights", "set_weights") and isinstance(obj, InstanceObj):
            return self._program_weights_method(obj, name, args, node)
        if name == "build":
            self.state.set(instance, "built", TRUE)
            return NONE
        if name == "get_layer" and isinstance(instance, InstanceObj):
            tracked = self._tracked_layers(instance)
            return self.get_layer(Items(tuple(AV.of(t) for t in tracked)), args)
        if name == "compile" and isinstance(instance, InstanceObj):
            self._compile(instance, args, node)
            return NONE
        if name == "save":  # serializes the instance's config (TFV202)
            return NONE
        if name == "load_weights" and isinstance(instance, InstanceObj):  # weights from a file (TFV201)
            self._mark_trained(instance)
            return NONE
        if name in BUILDING or name == "__call__":
            if isinstance(instance, InstanceObj):
                if name != "__call__":
                    self._trace_compiled(instance, node)
                if name in TRAINING:
                    step = self.interp.class_attribute(instance.cls, "train_step")
                    func = step.single() if step is not None else None
                    if isinstance(func, FuncObj) and func.owner is not None:
                        self.trace(
                            self._bind_tf_function(TfFunction(func.node, AV.of(func)), instance),
                            Args((TOP,), {}, {}, False),
                            node,
                        )
                    else:  # Keras' own train step applies the gradients with the compiled optimizer
                        self._train_optimizer(instance, node)
                    self._mark_trained(instance)
                if name == "__call__":  # `super().__call__(x)` in the class's own: Keras' runs `call`
                    return self.call_instance(instance, Args((TOP,), {}, {}, False), node, own=False)
                # `fit`/`predict`/`evaluate` build the model by a call if it is not built, then trace `call()`
                # in their tf.function: what `call()` makes, it makes again there (measured, Keras 3.15: a
                # subclassed Model's `call` runs 3 times under `fit`, `predict` or `evaluate` when unbuilt, once
                # when an eager call built it).
                if self.built(instance).const() is not True:
                    self.call_instance(instance, Args((TOP,), {}, {}, False), node)
                self.call_instance(instance, Args((TOP,), {}, {}, False), node)
            return TOP
        return None

    def _program_weights_method(self, instance: InstanceObj, name: str, args: Args, node: cst.Call) -> AV:
        """`get_weights()`/`set_weights(list)` of a program layer or subclassed model: the weights of the built-in
        layers it tracks (`program_weights`). `set_weights` compares the count, then each array's shape with its
        weight, as Keras does for the whole list (measured, Keras 3.15 and tf_keras 2.21: `ValueError: Layer bert
        weight shape (50, 8) is not compatible with provided weight shape (30, 8).`)."""
        pairs = self.program_weights(instance)
        if name == "get_weights":
            copy = ListObj(node)
            if pairs is None:
                self.state.set(copy, "items", Items(None, TOP))
            else:
                made = [AV.of(self.copy_of(WeightRef(layer, w, w.path), node)) for layer, w in pairs]
                self.state.set(copy, "items", Items(tuple(made)))
            return AV.of(copy)
        if not args.positional:
            return TOP
        value = args.positional[0]
        items = self.interp.iteration(value)
        if pairs is not None and isinstance(items, list) and len(items) != len(pairs):
            self.interp.record(
                WeightCount,
                node,
                layer=instance,
                given=len(items),
                held=tuple(w.name for _, w in pairs),
            )
        self._write_weight_list(pairs, value, node, "set_weights")
        return NONE

    def program_weights(self, instance: InstanceObj, depth: int = 0) -> list[tuple[LayerObj, WeightSpec]] | None:
        """The weights a program layer (or subclassed model) holds, in `get_weights()` order: those of the layers
        it tracks, in the order its attributes were first assigned (lists in their order), each layer's own in
        its order (measured, Keras 3.15 and tf_keras 2.21: `self.d2 = Dense(3)` then `self.d1 = Dense(5)` give
        d2's kernel and bias first, whichever is built first). Known only where every tracked layer is a built
        built-in layer of known weights or such a program layer, and nothing else it holds may own a weight: no
        `add_weight` of its own (Keras 3 lists those first, tf_keras models last), no variable, model or object
        of unknown kind, no base class the analysis does not know. In tf_keras, trainable weights come before
        non-trainable ones over the whole tree (a frozen first layer moves last), so there only lists of
        trainable weights of trainable layers are known."""
        cls = instance.cls
        if depth > 4 or not cls.is_layer or cls.keras_base not in ("keras.layers.Layer", "keras.Model"):
            return None
        if any(c.unknown_base for c in cls.mro()):
            return None
        if self.state.value(instance, _OWN_WEIGHTS) is not None:
            return None
        if self.state.value(instance, "__base_layer__") is not None:
            return None
        layers: list[Obj] = []
        pending = [(v, False) for v in self.state.fields(instance).values() if isinstance(v, AV)]
        while pending:
            value, inside = pending.pop(0)
            if value.objs is None:
                return None
            if all(isinstance(o, (Const, FuncObj, ClassObj, ModuleRef, TensorObj)) for o in value.objs):
                continue  # holds no weight
            one = value.single()
            if isinstance(one, (ListObj, TupleObj)):
                elements = one.items if isinstance(one, TupleObj) else self.state.items(one).exact
                if elements is None or inside:
                    return None  # a list in a list: Keras 3 misses what is added to it later (TFV106)
                pending[0:0] = [(e, True) for e in elements]
            elif isinstance(one, LayerObj) or (isinstance(one, InstanceObj) and one.cls.is_layer):
                if one not in layers:
                    layers.append(one)
            elif isinstance(one, InstanceObj) and one.cls.keras_base is None and not one.cls.unknown_base:
                continue  # a plain object of the program: Keras does not track what it holds
            else:
                return None
        out: list[tuple[LayerObj, WeightSpec]] = []
        for layer in layers:
            if self.built(layer).const() is not True:
                return None  # an unbuilt layer holds no weights yet
            if isinstance(layer, InstanceObj):
                inner = self.program_weights(layer, depth + 1)
                if inner is None:
                    return None
                out += inner
                continue
            assert isinstance(layer, LayerObj)
            if self._holds_none(layer, "weights"):
                continue
            weights = present_weights(layer)
            if weights is None:
                return None
            if self.flavor is Flavor.TF_KERAS and (
                any(not w.trainable for w in weights) or self._trains(layer) is not True
            ):
                return None
            out += [(layer, w) for w in weights]
        if self.flavor is Flavor.TF_KERAS and self.state.value(instance, "trainable") is not None:
            return None  # `self.trainable = ...`: frozen or not, the order is not known
        return out

    def _assert_raises(self, name: str, args: Args, node: cst.Call) -> AV:
        names = tuple(_exception_names(args.first("expected_exception", 0)))
        at = 2 if "Regex" in name else 1  # assertRaisesRegex(exception, regex, callable, ...)
        if len(args.positional) > at:
            func = args.positional[at]
            rest = Args(
                args.positional[at + 1 :],
                {k: v for k, v in args.keywords.items() if k != "msg"},
                {},
                args.star,
            )
            with self.interp.context(CtxKind.EXPECTED, node, names):
                self.interp.call(func, rest, node)
            return NONE
        return AV.of(KerasObj(node, "pytest.raises", args))

    def _skipped_by_save(self, instance: InstanceObj, attr: str) -> bool:
        """Whether Keras 3's `.keras` saver skips `attr` of the program layer: it walks a layer's attributes but
        those a bare `Layer()` has (`saving_lib.get_attr_skipset`); a model saves its sublayers through `layers`
        (measured, Keras 3.15.1: a `Layer` subclass's `self._layers = [Dense...]` trains and reloads with fresh
        weights; the same in a `Model` subclass, or named `_custom_layers`, round-trips)."""
        return (
            self.flavor is not Flavor.TF_KERAS
            and attr in SAVER_SKIPPED_ATTRIBUTES
            and instance.cls.is_layer
            and not instance.cls.is_model
        )

    def _held_layers(self, value: AV) -> list[LayerObj]:
        """The built-in layers `value` is, or holds in a list or tuple (one level down)."""
        out: list[LayerObj] = []
        for obj in value if not value.is_top else ():
            if isinstance(obj, LayerObj):
                out.append(obj)
            elif isinstance(obj, (ListObj, TupleObj)):
                out.extend(o for o in _container_items(self.interp, obj) if isinstance(o, LayerObj))
        return out

    def _tracked_layers(self, instance: InstanceObj) -> list[Obj]:
        out: list[Obj] = []
        for value in self.state.fields(instance).values():
            if not isinstance(value, AV):
                continue
            for obj in present(value):
                if isinstance(obj, (LayerObj, ModelObj)) or (
                    isinstance(obj, InstanceObj) and obj.cls.is_layer
                ):
                    if obj not in out and value.single() is not None:
                        out.append(obj)
                elif isinstance(obj, (ListObj, TupleObj, DictObj)) and value.single() is not None:
                    for inner in _container_items(self.interp, obj):
                        if isinstance(inner, (LayerObj, ModelObj, InstanceObj)) and inner not in out:
                            out.append(inner)
        return out

    def _holds_none(self, layer: LayerObj, attr: str) -> bool:
        """A built-in layer that owns no weight (`InputLayer`, pooling, `Dropout`): its weight lists are `[]`, built
        or not; `variables` too, but for Keras 3's random layers, which hold their seed generator's state
        (measured, both Kerases)."""
        if layer.spec is not None or layer.short not in _WEIGHTLESS:
            return False
        return (
            attr != "variables"
            or layer.short in STATELESS_LAYERS
            or layer.short == "InputLayer"
            or self.flavor is Flavor.TF_KERAS
        )

    # ==================================================================================== attributes
    def attribute(self, obj: Obj, attr: str, node: AttrNode) -> AV | None:
        if isinstance(obj, (LayerObj, PartObj)):
            return self._layer_attribute(obj, attr, node)
        if isinstance(obj, ModelObj):
            if attr == "layers":
                return self.model_layers(obj, node)
            if attr == "name":
                return const(obj.name) if obj.name is not None else TOP
            if attr == "built":
                return self.built(obj)
            if attr in ("input", "output", "inputs", "outputs"):
                return self._model_tensors(obj, attr)
            if attr in ("weights", "variables"):
                return self.model_weights(obj, node)
            if attr in ("trainable_weights", "trainable_variables"):
                return self.model_weights(obj, node, trainable=True)
            if attr in WEIGHT_LISTS:
                return TOP
            return AV.of(MethodRef(obj, attr))
        if isinstance(obj, VarObj):
            if attr == "name" and obj.name is not None:
                return const(obj.name)
            if attr == "shape" and obj.shape is not None:
                return arrays.shape_value(obj.shape)
            if attr == "shape" and obj.weight is not None and obj.weight.layer.spec is not None:
                return arrays.shape_value(_weight_shape(obj.weight))
            if attr in _VARIABLE_METHODS:
                return AV.of(MethodRef(obj, attr))
            return TOP
        if isinstance(obj, TensorObj):
            if attr == "shape":
                return arrays.shape_value(obj.shape)
            if attr in ("assign", "numpy", "copy", "astype", "T", "get_shape") or attr in arrays.REARRANGING:
                return AV.of(MethodRef(obj, attr))
            if attr in arrays.REDUCING and not obj.symbolic:
                return AV.of(MethodRef(obj, attr))
            return TOP
        if isinstance(obj, KerasObj):
            return AV.of(MethodRef(obj, attr))
        if isinstance(obj, (InstanceObj, SuperObj)):
            return self._instance_attribute(obj, attr, node)
        if isinstance(obj, TfFunction) and attr in ("__wrapped__", "python_function"):
            return obj.func
        return None

    def _model_tensors(self, model: ModelObj, attr: str) -> AV:
        """A functional model's `output`/`input` (the one tensor it was built with) or `outputs`/`inputs` (the
        list): an outer model built from them holds the inner model's layers, flattened (keras-resnet#50)."""
        given = self.state.value(model, "outputs" if attr.startswith("output") else "inputs")
        one = given.single() if given is not None else None
        if attr in ("output", "input") and isinstance(one, TensorObj):
            return AV.of(one)
        if attr in ("outputs", "inputs") and isinstance(one, (ListObj, TupleObj)):
            return AV.of(one)
        return TOP

    def _base_layer(self, instance: InstanceObj, args: Args, node: cst.Call) -> None:
        """A program class that derives from a built-in layer (`class P(keras.layers.TimeDistributed)`): the
        built-in layer its `super().__init__(...)` makes, which owns the built-in weights and attributes."""
        base = instance.cls.keras_base or ""
        if base in ("keras.layers.Wrapper", "keras.layers.TimeDistributed", "keras.layers.Bidirectional"):
            inner = args.first("layer", 0)
            if not inner.is_bottom:
                self.state.set(instance, "layer", inner)
        spec = layer_spec(base, self.flavor)
        if spec is None:
            return
        layer = LayerObj(node, base, spec, args, _name(args), self.interp.in_loop)
        layer.known = known_config(args, spec.positional, self.interp.constant)
        if layer.short in ("Bidirectional", "TimeDistributed"):
            inner_layer = args.first("layer", 0).single()
            if isinstance(inner_layer, LayerObj):
                layer.wrapped = inner_layer
                inner_layer.wrapper = layer
        self.state.set(layer, "built", FALSE)
        self.state.set(instance, "__base_layer__", AV.of(layer))

    def _instance_attribute(self, obj: InstanceObj | SuperObj, attr: str, node: AttrNode) -> AV | None:
        instance = obj.instance if isinstance(obj, SuperObj) else obj
        cls = instance.cls if isinstance(instance, InstanceObj) else None
        if attr.startswith("assertRaises"):
            return AV.of(MethodRef(obj, attr))
        if _program_optimizer(cls) and attr in _OPTIMIZER_CALLS[self.flavor]:
            return AV.of(MethodRef(obj, attr))
        if cls is None or cls.keras_base is None:
            return None
        base = self.state.value(instance, "__base_layer__")
        shadow = base.single() if base is not None else None
        if isinstance(shadow, LayerObj) and (attr in WEIGHT_ATTRIBUTES or attr in NAVIGATION):
            if self.built(instance).const() is True:
                self.state.set(shadow, "built", TRUE)
            return self._layer_attribute(shadow, attr, node)
        if attr == "built":
            return self.built(instance)
        if attr == "name":
            found = self.state.value(instance, "name")
            return present(found) if found is not None else TOP
        if attr == "layers" and isinstance(instance, InstanceObj):
            tracked = self._tracked_layers(instance)
            out = ListObj(None)
            self.state.set(out, "items", Items(tuple(AV.of(t) for t in tracked)))
            return AV.of(out)
        if attr in _INSTANCE_METHODS or attr in BUILDING:
            return AV.of(MethodRef(obj, attr))
        return None

    def _layer_attribute(self, obj: LayerObj | PartObj, attr: str, node: AttrNode) -> AV | None:
        layer, path = (obj, ()) if isinstance(obj, LayerObj) else (obj.layer, obj.path)
        full = (*path, attr)
        if attr in NAVIGATION or attr in WEIGHT_ATTRIBUTES:
            result = self._navigate(layer, path, attr)
            self.interp.record(
                Attribute,
                node,
                base=AV.of(obj),
                attr=attr,
                store=False,
                value=result,
                built=self.built(layer),
            )
            return result
        if path:
            return TOP
        if attr == "name":
            renamed = self.state.value(layer, "renamed")
            if renamed is not None:
                return renamed
            name = self.layer_name(layer)  # given, or the auto name Keras gave it when that is known
            return const(name) if name is not None else TOP
        if attr == "__class__":
            return AV.of(ModuleRef(layer.cls))
        if attr == "built":
            return self.built(layer)
        if attr in WEIGHT_LISTS:
            # A layer holds its weights once built: before, `weights` and `variables` are `[]` (measured, both
            # Kerases), so `for v in layer.variables: v.assign(...)` does nothing there, and raises nothing.
            built = self.built(layer).const()
            weights = [] if built is False or self._holds_none(layer, attr) else present_weights(layer)
            out = ListObj(node)
            if weights is None:
                self.state.set(out, "items", Items(None, TOP))
            else:
                found = [self.weight_var(layer, w.path) for w in weights]
                self.state.set(out, "items", Items(tuple(AV.of(v) for v in found if v is not None)))
            return AV.of(out)
        if layer.spec is not None and attr in layer.spec.default_config:
            value = layer.config(attr)
            return value if not value.is_bottom else const(layer.spec.default_config[attr])
        if attr in (
            "build",
            "get_weights",
            "set_weights",
            "add_weight",
            "count_params",
            "get_config",
            "__call__",
            "call",
            "compute_output_shape",
            "add_loss",
            "adapt",
        ):
            return AV.of(MethodRef(layer, attr))
        if attr in ("zero_state", "get_initial_state") and layer.cls.startswith(V1_PREFIX + "nn.rnn_cell."):
            return AV.of(MethodRef(layer, attr))  # a TF1 cell's initial state: it makes no variable
        del full
        return TOP

    def _navigate(self, layer: LayerObj, path: tuple[str, ...], attr: str) -> AV:
        full = (*path, attr)
        if attr in WEIGHT_ATTRIBUTES:
            var = self.weight_var(layer, full)
            return AV.of(var) if var is not None else TOP
        short = layer.short
        if attr == "layer" and short == "TimeDistributed" and not path and layer.wrapped is not None:
            return AV.of(layer.wrapped)
        if attr in ("forward_layer", "backward_layer") and short == "Bidirectional" and not path:
            return AV.of(PartObj(layer, full))
        if (
            attr == "cell"
            and layer.spec is not None
            and any(w.path[: len(full)] == full for w in layer.spec.weights)
        ):
            return AV.of(PartObj(layer, full))
        if attr == "cell" and short == "RNN" and not path and layer.wrapped is not None:
            return AV.of(layer.wrapped)
        if attr == "backward_layer" and short == "Bidirectional" and not path:
            backward = self.state.value(layer, "backward")
            if backward is not None:
                return AV(backward.objs)
        return TOP

    def attribute_of_unknown(self, attr: str, node: AttrNode) -> AV | None:
        if attr in WEIGHT_ATTRIBUTES or attr in NAVIGATION:
            self.interp.record(Attribute, node, base=TOP, attr=attr, store=False, value=TOP, built=TOP)
        return None

    def store_attribute(self, obj: Obj, attr: str, value: AV, node: AttrNode) -> bool:
        if isinstance(obj, InstanceObj):
            skipped = self._skipped_by_save(obj, attr)
            self._track(value, saved=not skipped)  # `self.encoder = encoder`: a layer or model of the program tracks it
            if obj.cls.is_layer and self.flavor is not Flavor.TF_KERAS:
                self._wrap(value, obj, True)
                for layer in self._held_layers(value) if skipped else ():
                    self.interp.record(
                        UntrackedLayer,
                        node,
                        obj=layer,
                        owner=obj,
                        how="reserved",
                        attr=attr,
                        tracked=self.tracked,
                        escaped=self.escaped,
                    )
        if isinstance(obj, (LayerObj, ModelObj)) and attr == "trainable":
            # `layer.trainable = False`: what `model.trainable_weights` holds from then on. Joined with an earlier
            # store (a store in one arm or one pass of a loop leaves the flag unknown).
            old = self.state.value(obj, _TRAINABLE_SET)
            self.state.set(obj, _TRAINABLE_SET, value.join(old) if old is not None else value)
            return False
        if isinstance(obj, (ModelObj, InstanceObj)) and attr == "run_eagerly":
            # `model.run_eagerly = True`: `fit` runs its train step without a tf.function (`_train_optimizer`).
            old = self.state.value(obj, "run_eagerly")
            self.state.set(obj, "run_eagerly", value.join(old) if old is not None else value)
            return True
        if isinstance(obj, LayerObj) and attr == "name":
            # `layer.name = "ensemble_1_" + layer.name`: the name a model built later sees (innvestigate#238).
            renamed = value.const()
            self.state.set(obj, "renamed", const(renamed) if isinstance(renamed, str) else TOP)
            return True
        if isinstance(obj, (LayerObj, PartObj)) and (attr in WEIGHT_ATTRIBUTES or attr in NAVIGATION):
            layer = obj if isinstance(obj, LayerObj) else obj.layer
            self.interp.record(
                Attribute, node, base=AV.of(obj), attr=attr, store=True, value=value, built=self.built(layer)
            )
            return True
        keras_instance = isinstance(obj, InstanceObj) and obj.cls.keras_base is not None
        if isinstance(obj, InstanceObj) and keras_instance and attr in WEIGHT_ATTRIBUTES:
            # `self.kernel = projection(self.kernel)` in a subclass of a built-in layer: the store meets the
            # built-in's attribute (Keras 3's `Dense.kernel` is a property without a setter, so it raises;
            # measured, a Dense and a Conv2D subclass, in `call` and in `build`), unless a class of the program
            # defines that attribute itself. Reads already resolve through the built-in part.
            found = self.state.value(obj, "__base_layer__")
            shadow = found.single() if found is not None else None
            if isinstance(shadow, LayerObj) and self.interp.class_attribute(obj.cls, attr) is None:
                if self.built(obj).const() is True:
                    self.state.set(shadow, "built", TRUE)
                self.interp.record(
                    Attribute,
                    node,
                    base=AV.of(shadow),
                    attr=attr,
                    store=True,
                    value=value,
                    built=self.built(shadow),
                    owner=obj.cls.name,
                )
                return False
        if keras_instance and any(isinstance(o, (VarObj, LayerObj, ModelObj)) for o in value):
            self.interp.record(
                Attribute, node, base=AV.of(obj), attr=attr, store=True, value=value, built=self.built(obj)
            )
        return False

    # ============================================================================== subscripts, misc
    def subscript(self, obj: Obj, index: AV, node: cst.Subscript) -> AV | None:
        if isinstance(obj, VarObj) and obj.weight is not None:
            view = TensorObj(node, source=obj.weight)
            self.state.set(view, "view", index)
            return AV.of(view)
        if isinstance(obj, TensorObj):
            shape = None if obj.symbolic else arrays.indexed_shape(obj.shape, index, self.interp)
            return AV.of(TensorObj(node, symbolic=obj.symbolic, shape=shape))
        return None

    def store_subscript(self, obj: Obj, index: AV, value: AV, node: cst.Subscript) -> bool:
        if isinstance(obj, TensorObj) and obj.source is not None:
            edits = self.state.get(obj, "edits")
            key = arrays.index_of(index)
            if isinstance(edits, tuple) and key is not None:
                statement = self.interp.chain[-1] if self.interp.chain else node
                self.state.set(obj, "edits", (*edits, (key, value, statement)))
            else:
                self.state.set(obj, "edits", None)
            return True
        return False

    def enter(self, obj: Obj, node: cst.WithItem) -> tuple[AV, Ctx | None] | None:
        if not isinstance(obj, KerasObj):
            return None
        if obj.cls == "pytest.raises":
            names = tuple(_exception_names(obj.args.first("expected_exception", 0)))
            return TOP, Ctx(CtxKind.EXPECTED, obj.site, names, None)
        if obj.cls.startswith("tf.compat.v1.") or obj.cls in ("tf.Graph", "graph_context"):
            return self.tf1.enter(obj, node)
        return AV.of(obj), None

    def exit(self, obj: Obj, node: cst.WithItem) -> None:
        if isinstance(obj, KerasObj):
            self.tf1.exit(obj, node)

    def escape(self, value: AV) -> None:
        for obj in value:
            if isinstance(obj, TensorObj) and obj.source is not None:
                self.state.set(obj, "edits", None)
        self._may_be_built(value)
        self._escaped(value)

    def _escaped(self, value: AV) -> None:
        """Note what `value` hands to code not followed: the objects it reaches through instances and
        containers."""
        pending = list(value)
        escaped = self.escaped
        while pending:
            obj = pending.pop()
            if id(obj) in escaped.objs:
                continue
            escaped.objs[id(obj)] = obj
            if isinstance(obj, (InstanceObj, ListObj, TupleObj, DictObj, LayerObj, ModelObj)):
                values = obj.items if isinstance(obj, TupleObj) else held_values(self.state.fields(obj))
                pending += (o for value in values for o in value)

    def _may_be_built(self, value: AV) -> None:
        """`value` reaches code not followed (`agent = Agent(net)`, `build_it(layer)`): a layer or model it
        holds, directly or through instances and containers, may be built there; not certainly unbuilt after."""
        pending = [o for o in value if isinstance(o, _HOLDERS)]
        seen: set[int] = set()
        while pending and len(seen) < _ESCAPE_WALK:
            obj = pending.pop()
            if id(obj) in seen:
                continue
            seen.add(id(obj))
            flag = self.state.value(obj, "built") if isinstance(obj, (LayerObj, ModelObj, InstanceObj)) else None
            if flag is not None and present(flag).const() is False:
                self.state.set(obj, "built", TOP)
            values = obj.items if isinstance(obj, TupleObj) else held_values(self.state.fields(obj))
            pending += (o for value in values for o in value if isinstance(o, _HOLDERS))

    def binary(
        self, op: cst.BaseBinaryOp, left: AV, right: AV, node: cst.BinaryOperation | None
    ) -> AV | None:
        if left.is_top or right.is_top or any(isinstance(o, TensorObj) and o.symbolic for o in (*left, *right)):
            self._symbolic_op()
        made = arrays.arithmetic(left, right, node, op)
        return AV.of(made) if made is not None else None

    def class_created(self, cls: ClassObj) -> None:
        self.namespaces[cls] = self.state.snapshot(cls.namespace)

    def instance_created(self, instance: InstanceObj, args: Args, node: cst.Call | None) -> None:
        if instance.cls.keras_base is not None:
            # Keras names it from its class unless it passes a name: which, the interpreter does not follow.
            self.autonames.forget(self.state, autonames.snake(instance.cls.name, self.flavor))
            self.state.set(instance, "built", FALSE)
            if node is not None:
                self.created(instance, node, args=args)

    def holdings(self, instance: InstanceObj, method: str) -> None:
        """Record the variables a layer of the program holds in its attributes after `method`."""
        for attr, value in self.state.fields(instance).items():
            if not isinstance(value, AV):
                continue
            for obj in present(value):
                if isinstance(obj, VarObj) and obj.site is not None and obj.weight is None:
                    self.interp.record(
                        Holds, obj.site, instance=instance, attr=attr, variable=obj, method=method
                    )
                elif isinstance(obj, (ListObj, TupleObj, DictObj)):
                    for inner in _container_values(self.interp, obj):
                        for held in inner:
                            if isinstance(held, VarObj) and held.site is not None and held.weight is None:
                                self.interp.record(
                                    Holds,
                                    held.site,
                                    instance=instance,
                                    attr=attr,
                                    variable=held,
                                    method=method,
                                    direct=False,
                                )

    def built_by(self, instance: InstanceObj) -> None:
        if instance.cls.is_layer:
            self.holdings(instance, "build")
            self._duplicate_sublayers(instance)

    def instance_ready(self, instance: InstanceObj, node: cst.Call | None) -> None:
        if not instance.cls.is_layer:
            return
        self.holdings(instance, "__init__")
        self._duplicate_sublayers(instance)

    def _duplicate_sublayers(self, instance: InstanceObj) -> None:
        """Two sublayers of one program layer with one name (made in `__init__`, or in `build`): Keras gives
        both weight sets one path. Each pair is recorded once."""
        by_name: dict[str, LayerObj] = {}
        for layer in self._tracked_layers(instance):
            where = _name_site(layer) if isinstance(layer, LayerObj) else None
            if not isinstance(layer, LayerObj) or layer.name is None or where is None:
                continue
            first = by_name.get(layer.name)
            pair = (id(instance), id(first), id(layer))
            if first is not None and first is not layer:
                if pair in self._duplicate_pairs:
                    continue
                self._duplicate_pairs.add(pair)
                self.interp.record(
                    Duplicate,
                    where,
                    first=first,
                    second=layer,
                    name=layer.name,
                    where="subclassed",
                    model=instance,
                    looped=first.site is layer.site,
                )
            else:
                by_name[layer.name] = layer

    def has_attribute(self, obj: Obj, attr: str) -> bool | None:
        if isinstance(obj, (LayerObj, PartObj)) and (attr in WEIGHT_ATTRIBUTES or attr in NAVIGATION):
            layer, path = (obj, ()) if isinstance(obj, LayerObj) else (obj.layer, obj.path)
            if layer.spec is None:
                return None
            return not self._navigate(layer, path, attr).is_top
        if (
            isinstance(obj, LayerObj)
            and obj.spec is not None
            and obj.spec.cls in _KEEPS_CONFIG_ATTRIBUTES
            and attr in obj.spec.default_config
            and (attr.endswith(("_regularizer", "_constraint", "_initializer")) or attr in _CONFIG_ATTRIBUTES)
        ):
            return True  # `getattr(lstm, "kernel_regularizer", None)`: the layer's (an RNN forwards its cell's)
        return None

    def iterate(self, obj: Obj) -> list[AV] | AV | None:
        if isinstance(obj, TensorObj):
            if obj.symbolic:
                # One output of a layer with several (`out, state = GRU(..., return_state=True)(x)`, a program
                # layer whose `call` returns a tuple): computed from the layer's output, so a functional graph
                # built on it still holds that layer.
                return AV.of(TensorObj(None, symbolic=True, inputs=(obj,)))
            if not obj.shape:
                return AV.of(TensorObj(None))
            # A numpy array iterates over its rows (`list(np.zeros((4, 64)))`: four arrays of shape (64,)).
            row = AV.of(TensorObj(None, shape=obj.shape[1:]))
            count = obj.shape[0]
            return [row] * count if count is not None and count <= _ROWS else row
        return None


# Layers that keep these config arguments as attributes of the same name (an RNN layer forwards its cell's),
# measured with `hasattr` on Keras 3.15 and tf_keras 2.21; not MultiHeadAttention (it keeps `_kernel_initializer`).
_KEEPS_CONFIG_ATTRIBUTES = frozenset(
    {
        "Dense", "Conv1D", "Conv2D", "Conv2DTranspose", "DepthwiseConv2D", "SeparableConv2D", "LSTM", "GRU",
        "SimpleRNN", "ConvLSTM2D", "LSTMCell", "GRUCell", "Embedding", "BatchNormalization", "LayerNormalization",
        "PReLU",
    }
)  # fmt: skip
_CONFIG_ATTRIBUTES = frozenset({"activation", "units", "filters"})
_ROWS = 64  # a numpy array of at most this many rows iterates over them one by one


# ============================================================================================ helpers
def _signature(args: Args) -> frozenset[int] | None:
    """What a tf.function's trace is keyed on, as far as it matters here: the Python objects (not tensors or
    constants) passed in, by identity. Unknown arguments (perhaps tensors) are left out."""
    found: set[int] = set()
    for value in (*args.positional, *args.keywords.values()):
        for obj in value:
            if not isinstance(obj, (TensorObj, Const, TupleObj)):
                found.add(id(obj))
    return frozenset(found)


def _weight_shape(weight: WeightRef) -> tuple[int | None, ...] | None:
    """A layer weight's shape from the layer's configuration (unknown dimensions as None)."""
    from tfvarfix.keras.table import weight_shape

    layer = weight.layer
    if layer.spec is None:
        return None
    return weight_shape(layer.spec, weight.spec, layer_config(layer), layer.input_dim)


_TRAIN_HOOKS = ("on_train_begin", "on_epoch_begin", "on_train_batch_begin", "on_batch_begin",
                "on_train_batch_end", "on_batch_end", "on_epoch_end", "on_train_end")  # fmt: skip
_CALLBACK_HOOKS = {
    "fit": _TRAIN_HOOKS,
    "fit_generator": _TRAIN_HOOKS,
    "evaluate": ("on_test_begin", "on_test_batch_begin", "on_test_batch_end", "on_test_end"),
    "predict": ("on_predict_begin", "on_predict_batch_begin", "on_predict_batch_end", "on_predict_end"),
}


def _program_optimizer(cls: ClassObj | None) -> bool:
    """A class of the program derived from a Keras optimizer (`OPTIMIZER_BASES`)."""
    return cls is not None and cls.optimizer_base is not None


def _program_method(func: Obj | None) -> bool:
    return isinstance(func, FuncObj) and func.owner is not None


def _is_callback(cls: ClassObj) -> bool:
    """A program class deriving (directly or through program classes) from `keras.callbacks.Callback`."""
    return any(
        isinstance(base, ModuleRef) and base.canonical == "keras.callbacks.Callback"
        for klass in cls.mro()
        for base in klass.bases
    )


def _calls_super(function: cst.CSTNode) -> bool:
    """Whether the function's body names `super` (a `__call__` that runs Keras' own through it)."""
    return any(isinstance(n, cst.Name) and n.value == "super" for n in descendants(function))


def _symbolic_args() -> Args:
    return Args((AV.of(TensorObj(None, symbolic=True)),), {}, {}, False)


def _eager_args() -> Args:
    return Args((AV.of(TensorObj(None)),), {}, {}, False)


def _defines(node: cst.ClassDef, name: str) -> bool:
    return any(isinstance(s, cst.FunctionDef) and s.name.value == name for s in node.body.body)


def _inside(inner: Ctx, outer: Ctx) -> bool:
    """Whether context link `inner` lies inside `outer` (outer is one of its ancestors)."""
    return any(c is outer for c in inner.chain())


def _name(args: Args) -> str | None:
    value = args.get("name").const()
    return value if isinstance(value, str) else None


def _name_of(semantics: KerasSemantics, obj: Obj) -> str | None:
    if isinstance(obj, (LayerObj, ModelObj)):
        return obj.name
    if isinstance(obj, InstanceObj):
        found = semantics.state.value(obj, "name")
        value = present(found).const() if found is not None else NOTHING
        return value if isinstance(value, str) else None
    return None


def _function_node(obj: Obj) -> cst.CSTNode | None:
    if isinstance(obj, FuncObj):
        return obj.node
    if isinstance(obj, BoundMethod):
        return obj.func.node
    return None


def _name_site(obj: Obj) -> cst.CSTNode | None:
    """Where a layer's name is given: its `name=` argument, the call that unpacks it from a `**` dict, or (for a
    layer whose class fixes the name, or a model an application builds) where it is made."""
    if isinstance(obj, LayerObj):
        if obj.name_node is None and obj.name is not None and "name" in obj.args.keywords:
            return obj.site  # given in `**config`: the call that unpacks it
        return obj.name_node
    if isinstance(obj, ModelObj):
        return obj.args.node_of("name") or obj.site
    if isinstance(obj, InstanceObj):
        return obj.site
    return None


def _declared_input_dim(layer: LayerObj) -> object:
    """The input dimension a layer declares (`input_shape=`, `input_dim=`): an int, None (unknown), or NOTHING."""
    for keyword in ("input_shape", "batch_input_shape", "input_dim"):
        value = layer.args.get(keyword)
        if value.is_bottom:
            continue
        known = layer.known.get(keyword, NOTHING)
        if keyword == "input_dim":
            return known if isinstance(known, int) else None
        shape = arrays.int_tuple(known)
        return shape[-1] if shape else None
    return NOTHING


def _tensors(interp: object, values: object) -> Iterator[TensorObj]:
    from tfvarfix.semantics.interp import Interpreter

    assert isinstance(interp, Interpreter)
    stack = list(values)  # type: ignore[call-overload]
    seen = 0
    while stack and seen < 256:
        seen += 1
        value = stack.pop()
        for obj in value:
            if isinstance(obj, TensorObj):
                yield obj
            elif isinstance(obj, (TupleObj, ListObj, DictObj)):
                stack.extend(_container_values(interp, obj))


_MAX_LAYERS = 512  # layers of one Sequential list followed one by one
_GRAPH_LIMIT = 20_000  # tensors of one functional graph followed; a larger one is not known exactly


def _consumers_first(outputs: list[TensorObj], limit: int) -> list[TensorObj] | None:
    """Every tensor the outputs are computed from, each after all the tensors computed from it (a reverse
    topological order of the graph, iterative); None past `limit` tensors."""
    seen: set[int] = set()
    post: list[TensorObj] = []
    for root in outputs:
        if id(root) in seen:
            continue
        seen.add(id(root))
        stack: list[tuple[TensorObj, int]] = [(root, 0)]
        while stack:
            tensor, index = stack.pop()
            if index < len(tensor.inputs):
                stack.append((tensor, index + 1))
                source = tensor.inputs[index]
                if id(source) not in seen:
                    seen.add(id(source))
                    if len(seen) > limit:
                        return None
                    stack.append((source, 0))
            else:
                post.append(tensor)
    post.reverse()
    return post


def _tensor_groups(interp: object, values: Iterable[AV]) -> tuple[tuple[TensorObj, ...], ...]:
    """The tensors in `values` by certainty: each tensor that is certainly there is a group of one; the
    tensors under a value that is one of several objects form one group of alternatives (all of them, inside
    containers too)."""
    groups: list[tuple[TensorObj, ...]] = []
    stack = list(values)
    seen = 0
    while stack and seen < 256:
        seen += 1
        value = stack.pop()
        objs = list(value)
        if len(objs) > 1:
            alternatives = tuple(_tensors(interp, [value]))
            if alternatives:
                groups.append(alternatives)
            continue
        for obj in objs:
            if isinstance(obj, TensorObj):
                groups.append((obj,))
            elif isinstance(obj, (TupleObj, ListObj, DictObj)):
                stack.extend(_container_values(interp, obj))
    return tuple(groups)


def _certain_layers(outputs: tuple[tuple[TensorObj, ...], ...]) -> set[int]:
    """Ids of the layers every alternative of a functional graph holds: a tensor certainly holds its producer
    and what its certain inputs hold, and of a group of alternatives only what all of them hold."""
    memo: dict[int, frozenset[int]] = {}
    stack: list[TensorObj] = [t for group in outputs for t in group]
    steps = 0
    while stack and steps < 50_000:
        steps += 1
        tensor = stack[-1]
        if id(tensor) in memo:
            stack.pop()
            continue
        missing = [t for group in tensor.groups for t in group if id(t) not in memo]
        if missing:
            stack.extend(missing)
            continue
        stack.pop()
        held: set[int] = {id(tensor.producer)} if tensor.producer is not None else set()
        for group in tensor.groups:
            held |= frozenset.intersection(*(memo[id(t)] for t in group))
        memo[id(tensor)] = frozenset(held)
    if stack:
        return set()  # too big to tell: nothing is certain
    out: set[int] = set()
    for group in outputs:
        out |= frozenset.intersection(*(memo[id(t)] for t in group))
    return out


def _container_values(interp: object, obj: Obj) -> list[AV]:
    from tfvarfix.semantics.interp import Interpreter

    assert isinstance(interp, Interpreter)
    if isinstance(obj, TupleObj):
        return list(obj.items)
    if isinstance(obj, ListObj):
        items = interp.state.items(obj)
        return list(items.exact) if items.exact is not None else [items.merged]
    if isinstance(obj, DictObj):
        entries = interp.state.entries(obj)
        return [v for _, v in entries.items] + ([entries.rest] if not entries.exact else [])
    return []


def _container_items(interp: object, obj: Obj) -> list[Obj]:
    out: list[Obj] = []
    for value in _container_values(interp, obj):
        single = value.single()
        if single is not None:
            out.append(single)
    return out


def _exception_names(value: AV) -> Iterator[str]:
    for obj in value:
        if isinstance(obj, ModuleRef):
            yield obj.dotted.rsplit(".", 1)[-1]
        elif isinstance(obj, TupleObj):
            for item in obj.items:
                yield from _exception_names(item)
        elif isinstance(obj, ClassObj):
            yield obj.name
    if value.is_top:
        yield "Exception"


__all__ = ["KerasSemantics", "class_of", "keras_isinstance", "layer_config", "output_dim", "present_weights"]
_ = (Const, NONE)
