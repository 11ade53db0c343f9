"""The layer-weight table: which weights each built-in Keras layer owns, where they live, their shapes.

The data is generated (`scripts/gen_weight_table.py` builds every layer in the installed Keras and tf_keras)
into `tfvarfix/keras/_weights.py`; this module gives it a typed face. Nothing here imports Keras.

Shapes are tuples of dimension formulas over the layer's config and `input_dim` (the input's last dimension):
`("input_dim", "4*units")`. A formula starting with `*` splats a tuple (`"*kernel_size"`).
"""

from __future__ import annotations

import ast
import re
from collections.abc import Mapping

from tfvarfix.keras.spec import Flavor, LayerSpec, WeightSpec

__all__ = [
    "LAYER_ALIASES",
    "RECURRENT_LAYERS",
    "RECURRENT_WEIGHTS",
    "Flavor",
    "LayerSpec",
    "WeightSpec",
    "all_specs",
    "evaluate_shape",
    "layer_spec",
    "spatial_rank",
    "weight_shape",
]


# The class an alias of `keras.layers` names (measured: `keras.layers.MaxPool2D is keras.layers.MaxPooling2D`):
# the same layer, named by Keras after the class.
LAYER_ALIASES = {
    "Convolution1D": "Conv1D", "Convolution1DTranspose": "Conv1DTranspose", "Convolution2D": "Conv2D",
    "Convolution2DTranspose": "Conv2DTranspose", "Convolution3D": "Conv3D",
    "Convolution3DTranspose": "Conv3DTranspose", "SeparableConvolution1D": "SeparableConv1D",
    "SeparableConvolution2D": "SeparableConv2D", "AvgPool1D": "AveragePooling1D", "AvgPool2D": "AveragePooling2D",
    "AvgPool3D": "AveragePooling3D", "GlobalAvgPool1D": "GlobalAveragePooling1D",
    "GlobalAvgPool2D": "GlobalAveragePooling2D", "GlobalAvgPool3D": "GlobalAveragePooling3D",
    "GlobalMaxPool1D": "GlobalMaxPooling1D", "GlobalMaxPool2D": "GlobalMaxPooling2D",
    "GlobalMaxPool3D": "GlobalMaxPooling3D", "MaxPool1D": "MaxPooling1D", "MaxPool2D": "MaxPooling2D",
    "MaxPool3D": "MaxPooling3D", "GroupQueryAttention": "GroupedQueryAttention",
}  # fmt: skip


def layer_spec(canonical_class: str, flavor: Flavor = Flavor.KERAS3) -> LayerSpec | None:
    """The spec of a canonical layer class name (`keras.layers.LSTM`, or an alias of one such as
    `keras.layers.Convolution2D`), or None when it is not in the table."""
    if not canonical_class.startswith("keras.layers."):
        return None
    from tfvarfix.keras import _weights

    table: Mapping[str, LayerSpec] = _weights.KERAS3 if flavor is Flavor.KERAS3 else _weights.TF_KERAS
    short = canonical_class[len("keras.layers.") :]
    return table.get(LAYER_ALIASES.get(short, short))


def all_specs(flavor: Flavor = Flavor.KERAS3) -> Mapping[str, LayerSpec]:
    from tfvarfix.keras import _weights

    return _weights.KERAS3 if flavor is Flavor.KERAS3 else _weights.TF_KERAS


RECURRENT_LAYERS = frozenset({"LSTM", "GRU", "SimpleRNN", "ConvLSTM1D", "ConvLSTM2D", "ConvLSTM3D"})
# Layers whose `unit_forget_bias=True` (the default) writes ones into the forget gate's slice of the bias.
FORGET_GATE_LAYERS = frozenset({"LSTM", "LSTMCell", "ConvLSTM1D", "ConvLSTM2D", "ConvLSTM3D"})
RECURRENT_WEIGHTS = frozenset({"kernel", "recurrent_kernel", "bias"})


def spatial_rank(cls: str) -> int | None:
    """How many spatial dimensions an int `kernel_size` stands for: Conv2D -> 2, ConvLSTM1D -> 1."""
    match = re.search(r"([123])D$", cls)
    return int(match.group(1)) if match else None


def weight_shape(
    spec: LayerSpec, weight: WeightSpec, config: Mapping[str, object], input_dim: int | None
) -> tuple[int | None, ...] | None:
    """A weight's shape from a layer's statically known config, with None for the dimensions that are not known.

    None when even the rank is unknown, or when the config leaves the assumptions the formula holds under
    (`shape_assumes`: GRU's bias is `(2, 3*units)` only with `reset_after=True`). `input_dim` is the input's last
    dimension, except for layers whose own config has an `input_dim` (Embedding's vocabulary size).
    """
    defaults = spec.default_config
    for key, assumed in weight.shape_assumes:
        if config.get(key, defaults.get(key)) != assumed:
            return None
    env: dict[str, object] = {k: v for k, v in {**defaults, **config}.items() if v is not None}
    if input_dim is not None and "input_dim" not in spec.positional:
        env["input_dim"] = input_dim
    rank = spatial_rank(spec.cls)
    dims: list[int | None] = []
    for formula in weight.shape:
        if formula.startswith("*"):
            value = _eval_formula(formula[1:], env)
            if isinstance(value, int) and not isinstance(value, bool):
                if rank is None:
                    return None
                value = (value,) * rank
            if not isinstance(value, tuple):
                return None
            dims.extend(v if isinstance(v, int) and not isinstance(v, bool) else None for v in value)
            continue
        value = _eval_formula(formula, env)
        dims.append(value if isinstance(value, int) and not isinstance(value, bool) else None)
    return tuple(dims)


def evaluate_shape(
    shape: tuple[str, ...], config: Mapping[str, object], input_dim: int | None
) -> tuple[int, ...] | None:
    """Evaluate a shape formula with literal config values; None when something is not known statically."""
    env: dict[str, object] = dict(config)
    if input_dim is not None:
        env["input_dim"] = input_dim
    dims: list[int] = []
    for formula in shape:
        splat = formula.startswith("*")
        value = _eval_formula(formula[1:] if splat else formula, env)
        if value is None:
            return None
        if splat:
            if isinstance(value, int):
                value = (value,)
            if not isinstance(value, tuple) or not all(isinstance(v, int) for v in value):
                return None
            dims.extend(value)
        elif isinstance(value, int) and not isinstance(value, bool):
            dims.append(value)
        else:
            return None
    return tuple(dims)


def _eval_formula(formula: str, env: Mapping[str, object]) -> object | None:
    try:
        tree = ast.parse(formula, mode="eval")
    except SyntaxError:
        return None
    return _eval_node(tree.body, env)


def _eval_node(node: ast.expr, env: Mapping[str, object]) -> object | None:
    if isinstance(node, ast.Constant) and isinstance(node.value, int):
        return node.value
    if isinstance(node, ast.Name):
        return env.get(node.id)
    if isinstance(node, ast.BinOp):
        left, right = _eval_node(node.left, env), _eval_node(node.right, env)
        if not isinstance(left, int) or not isinstance(right, int):
            return None
        if isinstance(node.op, ast.Mult):
            return left * right
        if isinstance(node.op, ast.Add):
            return left + right
        if isinstance(node.op, ast.Sub):
            return left - right
        if isinstance(node.op, ast.FloorDiv) and right:
            return left // right
        return None
    return None
