#!/usr/bin/env python3
"""Generate `tfvarfix/keras/_weights.py`: the weights each built-in Keras layer owns, as measured.

    python scripts/gen_weight_table.py            # (re)write the module
    python scripts/gen_weight_table.py --check    # exit 1 with a diff when the committed module is stale

Keras 3 and tf_keras (`TF_USE_LEGACY_KERAS=1`) each run in a subprocess of their own (`--worker FLAVOR`),
which builds every layer in `LAYERS` on small eager inputs and prints what it found as JSON; the parent
renders both into the module. Measured, per layer and per Keras:

* the weights, in `layer.weights` order (checked against `get_weights()`), short names and trainability;
* `path`: the attribute chain from the layer to each variable, breadth-first over the instance attributes
  and properties, following sub-layers, checked with `is`. The shortest chain wins, public names before
  private ones, so K3 `Dense.kernel` (a property over `_kernel`) is `("kernel",)`;
* `variable_path`: K3 `.path`, or the tf_keras `.name` without `:0`, minus the leading layer name. A
  wrapper's inner layer gets a sentinel name, written as `{inner}` (`forward_{inner}/lstm_cell/kernel`);
* `initializer`: the `*_initializer` keyword that sets the weight (one build with every such keyword set to
  a distinct `Constant`), and `default_initializer`, the class of its default (from `get_config()`);
* `present_if`: the keyword that removes the weight when set to False (every keyword whose default is True
  is tried) or to None (`bias_axes`, declared per layer in `absent_probes`);
* `defaults` and `positional`, from the constructor signature; `recurrent`: every weight is on `.cell`.

Shapes are human knowledge, declared below as formulas (`tfvarfix.keras.table.evaluate_shape`), and are
verified: each layer is built with two configs and two input dims, and every formula must reproduce every
real shape through `evaluate_shape` itself, given the config a reader of the source would see (signature
defaults plus the arguments written). A formula that does not, or a weight without one, stops the
generator. Two names are not config keys: `value_input_dim` (the last dimension of MultiHeadAttention's
`value`, and of `key`, which defaults to it) and, in `shape_assumes` only, `input_rank` (the input's rank
counting the batch axis). `shape_assumes` lists the config values a formula holds for (GRU's bias is
`(2, 3*units)` only with `reset_after=True`); every verification build must satisfy them.
For wrappers (Bidirectional, TimeDistributed) the configs, formulas, initializers and `present_if` are those
of the wrapped layer (LSTM, Dense); `defaults` and `positional` are the wrapper's own.
"""

from __future__ import annotations

import argparse
import difflib
import inspect
import json
import math
import os
import subprocess
import sys
import warnings
from collections import deque
from collections.abc import Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
TARGET = ROOT / "tfvarfix" / "keras" / "_weights.py"
FLAVORS = ("keras3", "tf_keras")
_MARK = "@@GEN-WEIGHT-TABLE@@"
_LAYER_NAME = "probe"
_INNER_NAME = "INNERPROBE"

Shape = tuple[str, ...]
Config = tuple[tuple[object, ...], dict[str, object]]


@dataclass(frozen=True)
class Decl:
    """A layer to measure.

    `configs`: two (args, kwargs) to build it with (for a wrapper: the wrapped layer's). `inputs`: the kind
    of input it is called on (see `_inputs`), built with each of `dims` as the last dimension. `shapes` maps
    a weight, named by the tail of its variable_path (`"kernel"`, `"query/kernel"`; alternatives joined by
    `|`; `*` for any), to its formula; the longest matching key wins. `assumes` does the same for
    `shape_assumes`.
    """

    cls: str
    inputs: str
    configs: tuple[Config, Config]
    shapes: Mapping[str, Shape]
    assumes: Mapping[str, tuple[tuple[str, object], ...]] = field(default_factory=dict)
    inner: str | None = None
    dims: tuple[int, int] = (4, 6)
    absent_probes: Mapping[str, object] = field(default_factory=dict)
    tensor_input_dim: bool = True  # False: the formulas' `input_dim` is the config key (Embedding)


def _c(*args: object, **kwargs: object) -> Config:
    return args, kwargs


_CONV = {"kernel": ("*kernel_size", "input_dim//groups", "filters"), "bias": ("filters",)}
_CONV_T = {"kernel": ("*kernel_size", "filters", "input_dim"), "bias": ("filters",)}
_DEPTHWISE = {
    "kernel|depthwise_kernel": ("*kernel_size", "input_dim", "depth_multiplier"),
    "bias": ("input_dim*depth_multiplier",),
}
DEFAULT = "<signature default>"  # in `assumes`: whatever the constructor's default is in that Keras
_CHANNELS_LAST: tuple[tuple[str, object], ...] = (("data_format", DEFAULT),)
_ALL_CHANNELS_LAST = {"*": _CHANNELS_LAST}


def _separable(rank: int) -> dict[str, Shape]:
    ones = ("1",) * rank
    return {
        "depthwise_kernel": ("*kernel_size", "input_dim", "depth_multiplier"),
        "pointwise_kernel": (*ones, "input_dim*depth_multiplier", "filters"),
        "bias": ("filters",),
    }


def _rnn(width: str, bias: Shape | None = None) -> dict[str, Shape]:
    return {"kernel": ("input_dim", width), "recurrent_kernel": ("units", width), "bias": bias or (width,)}


_CONV_LSTM = {
    "kernel": ("*kernel_size", "input_dim", "4*filters"),
    "recurrent_kernel": ("*kernel_size", "filters", "4*filters"),
    "bias": ("4*filters",),
}
_GRU_ASSUMES: dict[str, tuple[tuple[str, object], ...]] = {"bias": (("reset_after", True),)}
_LAST_AXIS: dict[str, tuple[tuple[str, object], ...]] = {
    "gamma|beta|moving_mean|moving_variance": (("axis", -1),)
}
_NORM = {"gamma|beta|moving_mean|moving_variance": ("input_dim",)}

LAYERS: tuple[Decl, ...] = (
    Decl("Dense", "vector", (_c(3), _c(5)), {"kernel": ("input_dim", "units"), "bias": ("units",)}),
    Decl(
        "EinsumDense",
        "vector",
        (_c("ab,bc->ac", output_shape=3, bias_axes="c"), _c("ab,bc->ac", output_shape=(5,), bias_axes="c")),
        {"kernel": ("input_dim", "*output_shape"), "bias": ("*output_shape",)},
        assumes={"kernel|bias": (("equation", "ab,bc->ac"),)},
        absent_probes={"bias_axes": None},
    ),
    Decl("Conv1D", "conv1d", (_c(4, (3,)), _c(6, (2,), groups=2)), _CONV, _ALL_CHANNELS_LAST),
    Decl("Conv2D", "conv2d", (_c(4, (3, 3)), _c(6, (2, 3), groups=2)), _CONV, _ALL_CHANNELS_LAST),
    Decl("Conv3D", "conv3d", (_c(4, (3, 3, 3)), _c(6, (2, 3, 1), groups=2)), _CONV, _ALL_CHANNELS_LAST),
    Decl("Conv1DTranspose", "conv1d", (_c(4, (3,)), _c(5, (2,))), _CONV_T, _ALL_CHANNELS_LAST),
    Decl("Conv2DTranspose", "conv2d", (_c(4, (3, 3)), _c(5, (2, 3))), _CONV_T, _ALL_CHANNELS_LAST),
    Decl("Conv3DTranspose", "conv3d", (_c(4, (3, 3, 3)), _c(5, (2, 3, 1))), _CONV_T, _ALL_CHANNELS_LAST),
    Decl(
        "DepthwiseConv1D", "conv1d", (_c((3,)), _c((2,), depth_multiplier=2)), _DEPTHWISE, _ALL_CHANNELS_LAST
    ),
    Decl(
        "DepthwiseConv2D",
        "conv2d",
        (_c((3, 3)), _c((2, 3), depth_multiplier=2)),
        _DEPTHWISE,
        _ALL_CHANNELS_LAST,
    ),
    Decl(
        "SeparableConv1D",
        "conv1d",
        (_c(4, (3,)), _c(5, (2,), depth_multiplier=2)),
        _separable(1),
        _ALL_CHANNELS_LAST,
    ),
    Decl(
        "SeparableConv2D",
        "conv2d",
        (_c(4, (3, 3)), _c(5, (2, 3), depth_multiplier=2)),
        _separable(2),
        _ALL_CHANNELS_LAST,
    ),
    Decl(
        "Embedding",
        "tokens",
        (_c(10, 3), _c(7, 5)),
        {"embeddings": ("input_dim", "output_dim")},
        tensor_input_dim=False,
    ),
    Decl("LSTM", "sequence", (_c(3), _c(5)), _rnn("4*units")),
    Decl("GRU", "sequence", (_c(3), _c(5)), _rnn("3*units", ("2", "3*units")), _GRU_ASSUMES),
    Decl("SimpleRNN", "sequence", (_c(3), _c(5)), _rnn("units")),
    Decl("LSTMCell", "cell", (_c(3), _c(5)), _rnn("4*units")),
    Decl("GRUCell", "cell", (_c(3), _c(5)), _rnn("3*units", ("2", "3*units")), _GRU_ASSUMES),
    Decl("SimpleRNNCell", "cell", (_c(3), _c(5)), _rnn("units")),
    Decl("ConvLSTM1D", "convlstm1d", (_c(3, (3,)), _c(5, (2,))), _CONV_LSTM, _ALL_CHANNELS_LAST),
    Decl("ConvLSTM2D", "convlstm2d", (_c(3, (3, 3)), _c(5, (2, 3))), _CONV_LSTM, _ALL_CHANNELS_LAST),
    Decl("ConvLSTM3D", "convlstm3d", (_c(3, (3, 3, 3)), _c(5, (2, 3, 1))), _CONV_LSTM, _ALL_CHANNELS_LAST),
    Decl("Bidirectional", "sequence", (_c(3), _c(5)), _rnn("4*units"), inner="LSTM"),
    Decl(
        "TimeDistributed",
        "sequence",
        (_c(3), _c(5)),
        {"kernel": ("input_dim", "units"), "bias": ("units",)},
        inner="Dense",
    ),
    Decl("BatchNormalization", "vector", (_c(), _c(momentum=0.9)), _NORM, _LAST_AXIS),
    Decl("LayerNormalization", "vector", (_c(), _c(epsilon=0.01)), _NORM, _LAST_AXIS),
    Decl("GroupNormalization", "vector", (_c(groups=2), _c(groups=1)), _NORM, _LAST_AXIS),
    # Its weights are made in build only when `mean` and `variance` are not given (then they are constants).
    Decl(
        "Normalization",
        "vector",
        (_c(), _c(axis=-1)),
        {"mean|variance": ("input_dim",), "count": ()},
        {"mean|variance": (("axis", -1),)},
    ),
    Decl(
        "MultiHeadAttention",
        "attention",
        (_c(2, 3), _c(3, 2)),
        {
            "query/kernel": ("input_dim", "num_heads", "key_dim"),
            "query/bias": ("num_heads", "key_dim"),
            "key/kernel": ("value_input_dim", "num_heads", "key_dim"),
            "key/bias": ("num_heads", "key_dim"),
            "value/kernel": ("value_input_dim", "num_heads", "key_dim"),
            "value/bias": ("num_heads", "key_dim"),
            "attention_output/kernel": ("num_heads", "key_dim", "input_dim"),
            "attention_output/bias": ("input_dim",),
        },
        {
            "value/kernel|value/bias": (("value_dim", None),),
            "attention_output/kernel": (("value_dim", None), ("output_shape", None)),
            "attention_output/bias": (("output_shape", None),),
        },
    ),
    Decl(
        "PReLU",
        "vector",
        (_c(), _c(alpha_initializer="ones")),
        {"alpha": ("input_dim",)},
        {"alpha": (("shared_axes", None), ("input_rank", 2))},
    ),
)


class GenerationError(Exception):
    """A measurement that contradicts a declaration, or a layer that cannot be measured."""


# ------------------------------------------------------------------------------------------------ worker side
def _match(table: Mapping[str, Any], variable_path: str) -> str | None:
    """The key of `table` whose alternative is the longest `/`-suffix of `variable_path`; `*` matches any."""
    segments = variable_path.split("/")
    best: tuple[int, str] | None = (0, "*") if "*" in table else None
    for key in table:
        for alternative in key.split("|"):
            if alternative == "*":
                continue
            parts = alternative.split("/")
            if segments[-len(parts) :] == parts and (best is None or len(parts) > best[0]):
                if best is not None and len(parts) == best[0] and best[1] != key:
                    raise GenerationError(
                        f"ambiguous formula keys {best[1]!r} and {key!r} for {variable_path}"
                    )
                best = (len(parts), key)
    return best[1] if best else None


def _simple_literal(value: object) -> bool:
    if value is None or isinstance(value, bool | int | str):
        return True
    if isinstance(value, float):
        return math.isfinite(value)
    if isinstance(value, tuple):
        return all(_simple_literal(v) for v in value)
    return False


def _jsonable(value: object) -> object:
    """Tuples become {"tuple": [...]} so the parent can tell them from lists."""
    if isinstance(value, tuple):
        return {"tuple": [_jsonable(v) for v in value]}
    return value


def _unjson(value: object) -> object:
    if isinstance(value, dict):
        return tuple(_unjson(v) for v in value["tuple"])
    return value


class Worker:
    def __init__(self, flavor: str) -> None:
        os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
        warnings.simplefilter("ignore")
        import numpy as np
        import tensorflow as tf

        if flavor == "tf_keras":
            import tf_keras as keras
        else:
            import keras

        sys.path.insert(0, str(ROOT))
        from tfvarfix.keras.table import evaluate_shape

        self.flavor = flavor
        self.np = np
        self.tf = tf
        self.keras = keras
        self.evaluate_shape = evaluate_shape
        self.layer_base = keras.layers.Layer

    # ---------------------------------------------------------------- building
    def _class(self, name: str) -> Any:
        return getattr(self.keras.layers, name)

    def _construct(self, decl: Decl, config: Config, extra: Mapping[str, object] | None = None) -> Any:
        args, kwargs = config
        kwargs = {**kwargs, **(extra or {})}
        if decl.inner is not None:
            inner = self._class(decl.inner)(*args, name=_INNER_NAME, **kwargs)
            return self._class(decl.cls)(inner, name=_LAYER_NAME)
        return self._class(decl.cls)(*args, name=_LAYER_NAME, **kwargs)

    def _inputs(self, kind: str, dim: int, layer: Any) -> tuple[list[Any], dict[str, object]]:
        """The call arguments for an input of last dimension `dim`, and the pseudo config keys they imply."""
        tf = self.tf
        spatial = {"vector": (), "sequence": (3,), "conv1d": (7,), "conv2d": (7, 7), "conv3d": (5, 5, 5)}
        spatial |= {"convlstm1d": (2, 7), "convlstm2d": (2, 7, 7), "convlstm3d": (2, 5, 5, 5)}
        if kind in spatial:
            shape = (2, *spatial[kind], dim)
            return [tf.zeros(shape)], {"input_rank": len(shape)}
        if kind == "tokens":
            return [tf.zeros((2, dim), dtype="int32")], {"input_rank": 2}
        if kind == "cell":
            sizes = layer.state_size
            sizes = [sizes] if isinstance(sizes, int) else list(sizes)
            return [tf.zeros((2, dim)), [tf.zeros((2, s)) for s in sizes]], {"input_rank": 2}
        if kind == "attention":
            query, value = tf.zeros((2, 3, dim)), tf.zeros((2, 4, dim + 1))
            return [query, value], {"input_rank": 3, "value_input_dim": dim + 1}
        raise GenerationError(f"unknown input kind {kind!r}")

    def _build(
        self, decl: Decl, config: Config, dim: int, extra: Mapping[str, object] | None = None
    ) -> tuple[Any, dict[str, object]]:
        layer = self._construct(decl, config, extra)
        args, pseudo = self._inputs(decl.inputs, dim, layer)
        layer(*args)
        return layer, pseudo

    # ---------------------------------------------------------------- reading
    def _variable_path(self, variable: Any) -> str:
        full: str = variable.path if self.flavor == "keras3" else variable.name.removesuffix(":0")
        prefix = _LAYER_NAME + "/"
        if not full.startswith(prefix):
            raise GenerationError(f"variable {full!r} is not under the layer name {_LAYER_NAME!r}")
        return full[len(prefix) :].replace(_INNER_NAME, "{inner}")

    def _short_name(self, variable: Any) -> str:
        name: str = variable.name
        return name.rsplit("/", 1)[-1].removesuffix(":0")

    def _attribute_names(self, obj: Any) -> list[str]:
        names = set(vars(obj))
        for klass in type(obj).__mro__:
            names.update(k for k, v in vars(klass).items() if isinstance(v, property))
        names = {n for n in names if not n.startswith("__")}
        return sorted(names, key=lambda n: (n.startswith("_"), n))

    def _find_path(self, layer: Any, variable: Any, max_depth: int = 3) -> tuple[str, ...]:
        """The shortest attribute chain from `layer` to `variable`, public names first."""
        queue: deque[tuple[Any, tuple[str, ...]]] = deque([(layer, ())])
        seen = {id(layer)}
        while queue:
            obj, path = queue.popleft()
            children = []
            for name in self._attribute_names(obj):
                try:
                    value = getattr(obj, name)
                except Exception:
                    continue
                if value is variable:
                    return (*path, name)
                if isinstance(value, self.layer_base) and id(value) not in seen and len(path) + 1 < max_depth:
                    seen.add(id(value))
                    children.append((value, (*path, name)))
            queue.extend(children)
        raise GenerationError(f"no attribute chain reaches {self._variable_path(variable)}")

    def _weights(self, layer: Any) -> list[Any]:
        weights = list(layer.weights)
        arrays = layer.get_weights()
        if [tuple(a.shape) for a in arrays] != [tuple(w.shape) for w in weights]:
            raise GenerationError(f"{type(layer).__name__}: layer.weights and get_weights() disagree")
        return weights

    def _signature(self, cls_name: str) -> list[inspect.Parameter]:
        params = list(inspect.signature(self._class(cls_name).__init__).parameters.values())
        return [p for p in params[1:] if p.kind in (p.POSITIONAL_OR_KEYWORD, p.KEYWORD_ONLY)]

    def _reader_config(
        self, cls_name: str, config: Config, pseudo: Mapping[str, object]
    ) -> dict[str, object]:
        """What a reader of `Cls(*args, **kwargs)` knows: the signature defaults, then the arguments."""
        params = self._signature(cls_name)
        env: dict[str, object] = {p.name: (None if p.default is p.empty else p.default) for p in params}
        args, kwargs = config
        positional = [p.name for p in params if p.kind is p.POSITIONAL_OR_KEYWORD]
        env.update(zip(positional, args, strict=False))
        env.update(kwargs)
        env.update(pseudo)
        return env

    def _default_initializer(self, layer: Any, keyword: str) -> str | None:
        value = layer.get_config().get(keyword)
        if isinstance(value, dict):
            return str(value["class_name"])
        if value is None:
            return None
        return type(self.keras.initializers.get(value)).__name__

    # ---------------------------------------------------------------- measuring
    def measure(self, decl: Decl) -> dict[str, object]:
        weight_cls = decl.inner or decl.cls
        config_a = decl.configs[0]
        base, _ = self._build(decl, config_a, decl.dims[0])
        variables = self._weights(base)
        paths = [self._variable_path(v) for v in variables]
        if len(set(paths)) != len(paths):
            raise GenerationError(f"{decl.cls}: duplicate variable paths {paths}")
        signature_defaults = self._reader_config(weight_cls, ((), {}), {})
        specs: list[dict[str, Any]] = []
        for variable, variable_path in zip(variables, paths, strict=True):
            key = _match(decl.shapes, variable_path)
            if key is None:
                raise GenerationError(f"{decl.cls}: no shape formula for weight {variable_path}")
            assume_key = _match(decl.assumes, variable_path)
            assumes = decl.assumes.get(assume_key or "", ())
            assumes = tuple((k, signature_defaults[k] if v == DEFAULT else v) for k, v in assumes)
            specs.append(
                {
                    "name": self._short_name(variable),
                    "path": list(self._find_path(base, variable)),
                    "shape": list(decl.shapes[key]),
                    "shape_assumes": [[k, _jsonable(v)] for k, v in assumes],
                    "trainable": bool(variable.trainable),
                    "variable_path": variable_path,
                }
            )
        self._verify_shapes(decl, specs, paths)
        self._discover_initializers(decl, base, specs)
        self._discover_present_if(decl, specs, paths)
        params = self._signature(decl.cls)
        defaults: list[list[object]] = []
        for p in params:
            default = None if p.default is p.empty else p.default
            if _simple_literal(default):
                defaults.append([p.name, _jsonable(default)])
        positional: list[str] = []
        for p in params:
            if p.kind is not p.POSITIONAL_OR_KEYWORD or p.default is not p.empty:
                break
            positional.append(p.name)
        recurrent = bool(specs) and all(s["path"][0] == "cell" for s in specs)
        return {
            "cls": decl.cls,
            "weights": specs,
            "defaults": defaults,
            "positional": positional,
            "recurrent": recurrent,
            "wrapper": decl.inner is not None,
            "weight_class": weight_cls,
        }

    def _verify_shapes(self, decl: Decl, specs: list[dict[str, Any]], paths: list[str]) -> None:
        weight_cls = decl.inner or decl.cls
        seen: dict[str, set[tuple[int, ...]]] = {p: set() for p in paths}
        for config in decl.configs:
            for dim in decl.dims:
                layer, pseudo = self._build(decl, config, dim)
                variables = self._weights(layer)
                got = [self._variable_path(v) for v in variables]
                if got != paths:
                    raise GenerationError(f"{decl.cls}{config}: weights {got} differ from {paths}")
                env = self._reader_config(weight_cls, config, pseudo)
                input_dim = dim if decl.tensor_input_dim else None
                for spec, variable in zip(specs, variables, strict=True):
                    real = tuple(int(d) for d in variable.shape)
                    for keyword, value in spec["shape_assumes"]:
                        if env.get(keyword) != _unjson(value):
                            raise GenerationError(
                                f"{decl.cls}{config}: verification config breaks the assumption "
                                f"{keyword}={_unjson(value)!r} of {spec['variable_path']}"
                            )
                    shape = tuple(spec["shape"])
                    formula = self.evaluate_shape(shape, env, input_dim)
                    if formula != real:
                        raise GenerationError(
                            f"{decl.cls}{config} on input dim {dim}: {spec['variable_path']} has shape "
                            f"{real}, but the formula {shape} gives {formula}"
                        )
                    seen[str(spec["variable_path"])].add(real)
        for path, shapes in seen.items():
            if len(shapes) < 2 and shapes != {()}:  # a scalar (Normalization's count) is one shape everywhere
                raise GenerationError(
                    f"{decl.cls}: the probes give {path} only the shape {shapes}; vary them"
                )

    def _discover_initializers(self, decl: Decl, base: Any, specs: list[dict[str, Any]]) -> None:
        np = self.np
        weight_cls = decl.inner or decl.cls
        keywords = [p.name for p in self._signature(weight_cls) if p.name.endswith("_initializer")]
        constants = {k: 2.0 + 3 * i for i, k in enumerate(keywords)}
        extra = {k: self.keras.initializers.Constant(v) for k, v in constants.items()}
        layer, _ = self._build(decl, decl.configs[0], decl.dims[0], extra)
        variables = self._weights(layer)
        for array, variable in zip(layer.get_weights(), variables, strict=True):
            if not np.array_equal(array, np.asarray(variable)):
                raise GenerationError(f"{decl.cls}: layer.weights order differs from get_weights()")
        inner = base
        if decl.inner is not None:  # the wrapped layer's config (Bidirectional copies it into forward_layer)
            inner = base.forward_layer if hasattr(base, "forward_layer") else base.layer
        for spec, variable in zip(specs, variables, strict=True):
            if not keywords:  # a layer that takes no initializer (Normalization): its weights have none
                spec["initializer"] = spec["default_initializer"] = None
                continue
            values = np.asarray(variable)
            share = {k: float(np.mean(np.isclose(values, v))) for k, v in constants.items()}
            winners = [k for k, s in share.items() if s >= 0.5]
            if len(winners) != 1:
                raise GenerationError(
                    f"{decl.cls}: cannot tell which initializer sets {spec['variable_path']}"
                )
            spec["initializer"] = winners[0]
            spec["default_initializer"] = self._default_initializer(inner, winners[0])

    def _discover_present_if(self, decl: Decl, specs: list[dict[str, Any]], paths: list[str]) -> None:
        weight_cls = decl.inner or decl.cls
        probes: dict[str, object] = {p.name: False for p in self._signature(weight_cls) if p.default is True}
        probes.update(decl.absent_probes)
        for spec in specs:
            spec["present_if"] = None
        for keyword, value in probes.items():
            layer, _ = self._build(decl, decl.configs[0], decl.dims[0], {keyword: value})
            present = {self._variable_path(v) for v in layer.weights}
            for spec in specs:
                if spec["variable_path"] not in present:
                    if spec["present_if"] is not None:
                        raise GenerationError(
                            f"{decl.cls}: both {spec['present_if']} and {keyword} "
                            f"remove {spec['variable_path']}"
                        )
                    spec["present_if"] = keyword

    def run(self) -> dict[str, object]:
        layers = {decl.cls: self.measure(decl) for decl in LAYERS}
        return {"flavor": self.flavor, "version": self.keras.__version__, "layers": layers}


def _worker_main(flavor: str) -> int:
    try:
        result = Worker(flavor).run()
    except GenerationError as error:
        print(f"gen_weight_table ({flavor}): {error}", file=sys.stderr)
        return 2
    print(_MARK + json.dumps(result, sort_keys=True))
    return 0


# ------------------------------------------------------------------------------------------------ parent side
def _run_worker(flavor: str) -> dict[str, Any]:
    env = dict(os.environ)
    env.update(
        TF_CPP_MIN_LOG_LEVEL="3",
        CUDA_VISIBLE_DEVICES="",
        KERAS_BACKEND="tensorflow",
        PYTHONHASHSEED="0",
        TF_ENABLE_ONEDNN_OPTS="0",
        PYTHONWARNINGS="ignore",
    )
    if flavor == "tf_keras":
        env["TF_USE_LEGACY_KERAS"] = "1"
    else:
        env.pop("TF_USE_LEGACY_KERAS", None)
    proc = subprocess.run(
        [sys.executable, str(Path(__file__).resolve()), "--worker", flavor],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        timeout=600,
        check=False,
    )
    lines = [line for line in proc.stdout.splitlines() if line.startswith(_MARK)]
    if proc.returncode != 0 or not lines:
        errors = proc.stderr.strip().splitlines()
        tail = "\n".join([e for e in errors if e.startswith("gen_weight_table")] or errors[-30:])
        raise SystemExit(f"gen_weight_table: the {flavor} worker failed (exit {proc.returncode}):\n{tail}")
    result: dict[str, Any] = json.loads(lines[-1][len(_MARK) :])
    return result


def _literal(value: object) -> str:
    """Python source for a simple literal, in the style `ruff format` keeps (double quotes)."""
    if isinstance(value, str):
        return json.dumps(value)
    if isinstance(value, tuple):
        if len(value) == 1:
            return f"({_literal(value[0])},)"
        return "(" + ", ".join(_literal(v) for v in value) + ")"
    if value is None or isinstance(value, bool | int | float):
        return repr(value)
    raise TypeError(f"not a simple literal: {value!r}")


def _block(indent: str, items: Sequence[str]) -> str:
    """A tuple written one item a line (magic trailing comma), or `()`."""
    if not items:
        return "()"
    if len(items) == 1 and "\n" not in items[0]:
        return f"({items[0]},)"
    inner = "".join(f"{indent}    {item},\n" for item in items)
    return f"(\n{inner}{indent})"


def _render_weight(weight: Mapping[str, Any], indent: str) -> str:
    fields = [
        ("name", _literal(weight["name"])),
        ("path", _literal(tuple(weight["path"]))),
        ("shape", _literal(tuple(weight["shape"]))),
        ("initializer", _literal(weight["initializer"])),
        ("default_initializer", _literal(weight["default_initializer"])),
        ("trainable", _literal(weight["trainable"])),
        ("present_if", _literal(weight["present_if"])),
        ("variable_path", _literal(weight["variable_path"])),
    ]
    if weight["shape_assumes"]:
        assumes = tuple((k, _unjson(v)) for k, v in weight["shape_assumes"])
        fields.append(("shape_assumes", _literal(assumes)))
    body = "".join(f"{indent}    {key}={value},\n" for key, value in fields)
    return f"WeightSpec(\n{body}{indent})"


def _render_layer(layer: Mapping[str, Any], indent: str) -> str:
    inner = indent + "    "
    weights = _block(inner, [_render_weight(w, inner + "    ") for w in layer["weights"]])
    defaults = _block(inner, [_literal((k, _unjson(v))) for k, v in layer["defaults"]])
    fields = [
        ("cls", _literal(layer["cls"])),
        ("weights", weights),
        ("defaults", defaults),
        ("positional", _literal(tuple(layer["positional"]))),
        ("recurrent", _literal(layer["recurrent"])),
        ("wrapper", _literal(layer["wrapper"])),
    ]
    body = "".join(f"{inner}{key}={value},\n" for key, value in fields)
    return f"LayerSpec(\n{body}{indent})"


def render(keras3: Mapping[str, Any], tf_keras: Mapping[str, Any]) -> str:
    out = [
        f"# Generated by scripts/gen_weight_table.py from keras {keras3['version']} / "
        f"tf_keras {tf_keras['version']}. Do not edit.\n",
        "from __future__ import annotations\n\n",
        "from tfvarfix.keras.spec import LayerSpec, WeightSpec\n",
    ]
    for name, result in (("KERAS3", keras3), ("TF_KERAS", tf_keras)):
        out.append(f"\n{name}: dict[str, LayerSpec] = {{\n")
        for cls in sorted(result["layers"]):
            out.append(f"    {_literal(cls)}: {_render_layer(result['layers'][cls], '    ')},\n")
        out.append("}\n")
    return "".join(out)


def generate() -> str:
    with ThreadPoolExecutor(max_workers=2) as pool:
        keras3, tf_keras = pool.map(_run_worker, FLAVORS)
    return render(keras3, tf_keras)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--check", action="store_true", help="exit 1 with a diff when the module is stale")
    parser.add_argument("--output", type=Path, default=TARGET, help=argparse.SUPPRESS)
    parser.add_argument("--worker", choices=FLAVORS, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.worker:
        return _worker_main(args.worker)
    text = generate()
    target: Path = args.output
    if args.check:
        current = target.read_text(encoding="utf-8") if target.exists() else ""
        if current == text:
            return 0
        diff = difflib.unified_diff(
            current.splitlines(keepends=True),
            text.splitlines(keepends=True),
            fromfile=f"{target} (committed)",
            tofile=f"{target} (generated)",
        )
        sys.stdout.writelines(diff)
        print(f"\n{target} is stale: run python scripts/gen_weight_table.py", file=sys.stderr)
        return 1
    target.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
