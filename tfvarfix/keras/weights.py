"""Layer weights by name and by shape: which weight a variable name points at, what shape a weight has, and
whether a value's shape provably cannot fit it. Shapes are partial: an unknown dimension is None, and two shapes
conflict only when that is proven.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from tfvarfix.keras.names import VARIABLE_CONSTRUCTORS
from tfvarfix.keras.spec import WeightSpec
from tfvarfix.keras.table import weight_shape as table_weight_shape
from tfvarfix.keras.transfer import layer_config
from tfvarfix.semantics.events import Created, WeightWrite
from tfvarfix.semantics.facts import Facts, reachable, visible
from tfvarfix.semantics.values import LayerObj, TensorObj, VarObj

Shape = tuple[int | None, ...]
_TF1_STYLE = re.compile(r":\d+$")
# Constructors whose `name=` never connects the variable to a Keras layer's weight.
DETACHING = VARIABLE_CONSTRUCTORS | {"tf.compat.v1.get_variable"}


@dataclass(frozen=True)
class Owner:
    """A layer weight that a variable name points at; `path` is the attribute chain from `layer`."""

    layer: LayerObj
    weight: WeightSpec
    path: tuple[str, ...]


def _weights_under(layer: LayerObj) -> Iterator[tuple[str, WeightSpec, tuple[str, ...]]]:
    """(variable path under the layer's name, weight, attribute path) for the weights a layer owns."""
    if layer.spec is None:
        return
    for weight in layer.spec.weights:
        yield weight.variable_path or weight.name, weight, weight.path
        if weight.variable_path and weight.variable_path != weight.name:
            yield weight.name, weight, weight.path  # `my_lstm/kernel`: the name people believe it has
    inner = layer.wrapped
    if inner is None or inner.spec is None:
        return
    if layer.short == "TimeDistributed":
        for sub, weight, path in _weights_under(inner):
            if inner.name is not None:
                yield f"{inner.name}/{sub}", weight, ("layer", *path)
    elif layer.short == "Bidirectional" and inner.name is not None:
        for direction in ("forward", "backward"):
            for sub, weight, path in _weights_under(inner):
                yield f"{direction}_{inner.name}/{sub}", weight, (f"{direction}_layer", *path)


def owners_of(name: str, layers: Iterable[LayerObj]) -> list[Owner]:
    """The layer weights a variable name (`my_lstm/kernel`, `seq/my_lstm/lstm_cell/kernel:0`) points at."""
    name = _TF1_STYLE.sub("", name)
    parts = name.split("/")
    if len(parts) < 2:
        return []
    found: list[Owner] = []
    for layer in layers:
        if layer.name is None or layer.spec is None or layer.name not in parts[:-1] or layer.synthetic:
            continue
        if layer.wrapper is not None and layer.wrapper.short == "Bidirectional":
            continue  # a copy is what gets built
        for index, part in enumerate(parts[:-1]):
            if part != layer.name:
                continue
            rest = "/".join(parts[index + 1 :])
            for sub, weight, path in _weights_under(layer):
                if sub == rest and all(o.layer is not layer or o.path != path for o in found):
                    found.append(Owner(layer, weight, path))
    return found


def detached(facts: Facts, events: list[Created]) -> tuple[VarObj, Owner] | None:
    """The layer weight that the variable made at one node (in every context that makes it) is named after,
    when that names exactly one weight of the layers visible there."""
    live = [e for e in events if isinstance(e.obj, VarObj) and reachable(e)]
    if not live or len(live) != len(events):
        return None
    variables = [e.obj for e in live if isinstance(e.obj, VarObj)]
    if any(v.ctor not in DETACHING or v.name is None for v in variables):
        return None
    named = facts.layers_named()
    found: list[list[Owner]] = []
    for event, variable in zip(live, variables, strict=True):
        assert variable.name is not None
        parts = set(_TF1_STYLE.sub("", variable.name).split("/")[:-1])
        if not any(part in named for part in parts):
            return None  # no layer of the program has a name the variable's mentions
        layers = [o for o in visible(facts, event) if isinstance(o, LayerObj) and o.cls.startswith("keras.")]
        found.append(owners_of(variable.name, layers))
    # Every context names exactly one weight (a loop over a checkpoint's names may name a different one each pass).
    if any(len(owners) != 1 for owners in found):
        return None
    for variable, owners in zip(variables, found, strict=True):
        if _copies(variable, owners[0]) or _written_into(facts, variable, owners[0]):
            return None  # a shadow copy of the weight (an EMA), or staged and then assigned into it
    # The contexts may name different weights (a helper called for `enc`, then for `dec`): the one reported is
    # the first by name, whatever order the contexts were analysed in.
    chosen = min(
        range(len(variables)),
        key=lambda i: (variables[i].name or "", found[i][0].layer.name or "", found[i][0].path),
    )
    return variables[chosen], found[chosen][0]


def _copies(variable: VarObj, owner: Owner) -> bool:
    """The variable starts from the owner weight's own value: a copy kept beside it on purpose."""
    for obj in variable.initial:
        weight = obj.weight if isinstance(obj, VarObj) else obj.source if isinstance(obj, TensorObj) else None
        if weight is not None and weight.layer is owner.layer and weight.path == owner.path:
            return True
    return False


def _written_into(facts: Facts, variable: VarObj, owner: Owner) -> bool:
    """The variable's value is later written into the owner weight (`layer.kernel.assign(staged)`)."""
    return any(
        variable in write.value and write.weight.layer is owner.layer and write.weight.path == owner.path
        for write in facts.of(WeightWrite)
        if write.value.objs is not None
    )


def weight_shape(layer: LayerObj, weight: WeightSpec) -> Shape | None:
    """The weight's shape with unknown dimensions as None; None when even its rank is unknown."""
    if layer.spec is None:
        return None
    return table_weight_shape(layer.spec, weight, layer_config(layer), layer.input_dim)


def conflict(value: Shape, expected: Shape) -> bool:
    """Whether a value of shape `value` provably cannot be assigned to a weight of shape `expected`."""
    if len(value) != len(expected):
        return True
    return any(v is not None and e is not None and v != e for v, e in zip(value, expected, strict=True))


def broadcast_conflict(value: Shape, expected: Shape) -> bool:
    """Whether `value` provably cannot broadcast to `expected` (Keras 3 `Constant` multiplies by ones)."""
    if len(value) > len(expected):
        return True
    for v, e in zip(reversed(value), reversed(expected), strict=False):
        if v is not None and e is not None and v != 1 and v != e:
            return True
    return False


def constant_conflict(value: Shape, expected: Shape) -> bool:
    """Whether tf_keras's `Constant(value)` provably cannot make a weight of shape `expected`: its `__call__` is
    `tf.constant(value, shape=shape)`, which reshapes a value of as many elements and fills one of a single
    element, and raises otherwise (measured, TF 2.21 + tf_keras: `Constant(np.array([1., -1.]))` for a `(2, 1)`
    kernel gives `[[1.], [-1.]]`; `(3,)` for `(2, 3)` raises `TypeError: Eager execution of tf.constant with
    unsupported shape`, where Keras 3 broadcasts it)."""
    if any(d is None for d in value) or any(d is None for d in expected):
        return False
    count = 1
    for d in value:
        count *= d  # type: ignore[operator]
    needed = 1
    for d in expected:
        needed *= d  # type: ignore[operator]
    return count not in (1, needed)


def show(shape: Shape) -> str:
    dims = ["?" if d is None else str(d) for d in shape]
    return "(" + ", ".join(dims) + ("," if len(dims) == 1 else "") + ")"


def formula(weight: WeightSpec) -> str:
    return "(" + ", ".join(weight.shape) + ("," if len(weight.shape) == 1 else "") + ")"
