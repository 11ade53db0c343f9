"""Canonical names for TensorFlow and Keras APIs.

Every import style resolves to one dotted name: `tf.keras.layers.LSTM`, `tensorflow.keras.layers.LSTM`,
`keras.layers.LSTM`, `tf_keras.layers.LSTM` and `keras.src.layers.rnn.lstm.LSTM` are all `keras.layers.LSTM`.
TensorFlow names start with `tf.`; TF1 APIs are `tf.compat.v1.*` however they were reached
(`import tensorflow.compat.v1 as tf; tf.variable_scope` and TF1-era `tf.variable_scope` alike).
"""

from __future__ import annotations

from functools import lru_cache

# Prefixes under which the Keras API lives, longest first.
_KERAS_PREFIXES = (
    "tensorflow.compat.v2.keras.",
    "tensorflow.compat.v1.keras.",
    "tensorflow.python.keras.",
    "tensorflow.keras.",
    "tf_keras.src.",
    "tf_keras.",
    "keras.api._v2.keras.",
    "keras.api.",
    "keras.src.",
    "keras._tf_keras.keras.",
    "keras.",
)

# Submodules whose public members are re-exported as `keras.layers.X`, `keras.initializers.X`, ...
_KERAS_FAMILIES = (
    "layers",
    "initializers",
    "constraints",
    "regularizers",
    "optimizers",
    "losses",
    "metrics",
    "callbacks",
    "activations",
    "saving",
    "utils",
    "backend",
    "random",
    "ops",
    "models",
)

_KERAS_TOP = {
    "models.Sequential": "Sequential",
    "models.Model": "Model",
    "engine.sequential.Sequential": "Sequential",
    "engine.training.Model": "Model",
    "engine.functional.Functional": "Model",
    "engine.base_layer.Layer": "layers.Layer",
    "engine.input_layer.Input": "Input",
    "layers.Input": "Input",
    "layers.InputLayer": "layers.InputLayer",
    "Variable": "Variable",
    "Sequential": "Sequential",
    "Model": "Model",
    "Input": "Input",
    "Layer": "layers.Layer",
    "Initializer": "initializers.Initializer",
    "utils.register_keras_serializable": "saving.register_keras_serializable",
    "utils.set_random_seed": "utils.set_random_seed",
    "backend.set_value": "backend.set_value",
    "backend.variable": "Variable",
}

# TF1 APIs that TF1-era code reaches as `tf.X`; they are `tf.compat.v1.X`.
_TF1_ONLY = (
    "variable_scope",
    "get_variable",
    "get_variable_scope",
    "AUTO_REUSE",
    "placeholder",
    "Session",
    "InteractiveSession",
    "reset_default_graph",
    "get_default_graph",
    "global_variables_initializer",
    "trainable_variables",
    "global_variables",
    "layers",
    "contrib",
    "nn.rnn_cell",
    "nn.dynamic_rnn",
    "nn.bidirectional_dynamic_rnn",
    "nn.static_rnn",
    "nn.static_bidirectional_rnn",
    "train.AdamOptimizer",
    "train.GradientDescentOptimizer",
    "train.Saver",
    "disable_eager_execution",
    "disable_v2_behavior",
    "make_template",
)

_CONTRIB_RNN = "tf.compat.v1.contrib.rnn."


@lru_cache(maxsize=4096)
def canonical(dotted: str) -> str:
    """The canonical name of a fully qualified dotted name (as resolved from imports)."""
    if dotted == "tensorflow" or dotted == "tf":
        return "tf"
    for prefix in _KERAS_PREFIXES:
        if dotted.startswith(prefix) or dotted + "." == prefix:
            return _canonical_keras(dotted[len(prefix) :])
    if dotted in ("keras", "tf_keras", "tensorflow.keras"):
        return "keras"
    if dotted.startswith("tensorflow.compat.v2."):
        dotted = "tensorflow." + dotted[len("tensorflow.compat.v2.") :]
    if dotted.startswith("tensorflow.compat.v1."):
        return "tf.compat.v1." + _tf1_tail(dotted[len("tensorflow.compat.v1.") :])
    if dotted in ("tensorflow.compat.v1", "tensorflow.compat.v2"):
        return "tf.compat." + dotted.rsplit(".", 1)[1]
    if dotted.startswith("tensorflow."):
        tail = dotted[len("tensorflow.") :]
        for tf1 in _TF1_ONLY:
            if tail == tf1 or tail.startswith(tf1 + "."):
                return "tf.compat.v1." + _tf1_tail(tail)
        return "tf." + tail
    return dotted


def _tf1_tail(tail: str) -> str:
    # tf.contrib.rnn.LSTMCell and tf.nn.rnn_cell.LSTMCell are one class.
    if tail.startswith("contrib.rnn."):
        return "nn.rnn_cell." + tail[len("contrib.rnn.") :]
    return tail


def _canonical_keras(tail: str) -> str:
    if tail in _KERAS_TOP:
        return "keras." + _KERAS_TOP[tail]
    head, _, rest = tail.partition(".")
    if head in _KERAS_FAMILIES and rest:
        # keras.src.layers.rnn.lstm.LSTM -> keras.layers.LSTM
        last = rest.rsplit(".", 1)[-1]
        if head == "models" and last in ("Sequential", "Model"):
            return "keras." + last
        if head == "utils" and last == "register_keras_serializable":
            return "keras.saving.register_keras_serializable"
        return f"keras.{head}.{last}"
    for dotted_tail, name in _KERAS_TOP.items():
        if tail.endswith("." + dotted_tail):
            return "keras." + name
    return "keras." + tail


def is_keras(name: str) -> bool:
    return name == "keras" or name.startswith("keras.")


def is_tf(name: str) -> bool:
    return name == "tf" or name.startswith("tf.")


LAYER_BASES = frozenset({"keras.layers.Layer", "keras.Model", "keras.Sequential", "keras.layers.RNN"})
# Keras optimizer classes a program may derive its own optimizer from (Keras 3 and tf_keras; not the legacy ones,
# whose methods differ, nor the learning-rate schedules).
OPTIMIZER_BASES = frozenset(
    f"keras.optimizers.{name}"
    for name in (
        "Optimizer", "BaseOptimizer", "SGD", "Adam", "AdamW", "RMSprop", "Adagrad", "Adadelta", "Adamax", "Nadam",
        "Ftrl", "Lion", "Lamb", "Adafactor", "Muon",
    )
)  # fmt: skip
# Bases of the other serializable custom objects a module may define (not layers).
OBJECT_BASES = frozenset(
    {"keras.initializers.Initializer", "keras.constraints.Constraint", "keras.regularizers.Regularizer"}
)
# The keys `get_config` of Keras's own initializers, regularizers and constraints returns (Keras 3.15, measured on
# a default instance of each); a program class deriving from one without a `get_config` of its own saves these,
# and loading calls `cls(**config)` with them.
_INITIALIZER_AXES = ("seed", "input_axes", "output_axes")
BUILTIN_OBJECT_CONFIGS: dict[str, tuple[str, ...]] = {
    "keras.initializers.Constant": ("value",),
    "keras.initializers.GlorotNormal": _INITIALIZER_AXES,
    "keras.initializers.GlorotUniform": _INITIALIZER_AXES,
    "keras.initializers.HeNormal": _INITIALIZER_AXES,
    "keras.initializers.HeUniform": _INITIALIZER_AXES,
    "keras.initializers.LecunNormal": _INITIALIZER_AXES,
    "keras.initializers.LecunUniform": _INITIALIZER_AXES,
    "keras.initializers.Identity": (),
    "keras.initializers.Ones": (),
    "keras.initializers.Zeros": (),
    "keras.initializers.Orthogonal": ("seed", "gain"),
    "keras.initializers.RandomNormal": ("seed", "mean", "stddev"),
    "keras.initializers.TruncatedNormal": ("seed", "mean", "stddev"),
    "keras.initializers.RandomUniform": ("seed", "minval", "maxval"),
    "keras.initializers.VarianceScaling": ("seed", "scale", "mode", "distribution", "input_axes", "output_axes"),
    "keras.regularizers.L1": ("l1",),
    "keras.regularizers.L2": ("l2",),
    "keras.regularizers.L1L2": ("l1", "l2"),
    "keras.regularizers.OrthogonalRegularizer": ("factor", "mode"),
    "keras.constraints.MaxNorm": ("max_value", "axis"),
    "keras.constraints.MinMaxNorm": ("min_value", "max_value", "rate", "axis"),
    "keras.constraints.NonNeg": (),
    "keras.constraints.UnitNorm": ("axis",),
}
MODEL_CLASSES = frozenset({"keras.Model", "keras.Sequential"})
VARIABLE_CONSTRUCTORS = frozenset({"tf.Variable", "keras.Variable", "tf.compat.v1.Variable"})
TF_FUNCTION = frozenset({"tf.function", "tf.compat.v1.function"})
# Built-in layers that own no variable at all, built or not (measured on Keras 3.15: `len(layer.variables) == 0`
# after a call; scripts/measure_layer_state.py). Not the random ones: Dropout, GaussianNoise, AlphaDropout and
# the Random* layers own a seed generator's state variable, and making one in a retraced tf.function raises.
STATELESS_LAYERS = frozenset(
    {
        "Flatten", "Reshape", "Permute", "RepeatVector", "Activation", "ReLU", "LeakyReLU", "ELU", "Softmax",
        "MaxPooling1D", "MaxPooling2D", "MaxPooling3D", "AveragePooling1D", "AveragePooling2D", "AveragePooling3D",
        "GlobalMaxPooling1D", "GlobalAveragePooling1D", "GlobalMaxPooling2D", "GlobalAveragePooling2D",
        "GlobalMaxPooling3D", "GlobalAveragePooling3D", "Cropping1D", "Cropping2D", "Cropping3D", "ZeroPadding1D",
        "ZeroPadding2D", "ZeroPadding3D", "UpSampling1D", "UpSampling2D", "UpSampling3D", "Identity", "Masking",
        "ActivityRegularization", "Rescaling", "Add", "Subtract", "Multiply", "Average", "Maximum", "Minimum",
        "Concatenate", "Dot",
    }
)  # fmt: skip
