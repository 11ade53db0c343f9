"""Weight ownership facts: static shapes of values, the weights a variable's name points at, values given.

`WeightCollector` runs in the facts walk (a rule lists it in COLLECTORS) and stores a `WeightFacts` in
`facts.extra["weights"]`. Shapes are partial: a dimension the analysis cannot know is None, and a shape whose
rank is unknown is None as a whole. Two shapes conflict only when that is proven (`conflict`,
`broadcast_conflict`).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

import libcst as cst

from tfvarfix.keras.table import Flavor, WeightSpec
from tfvarfix.keras.table import weight_shape as table_weight_shape
from tfvarfix.semantics.evaluate import literal_value
from tfvarfix.semantics.model import (
    Constant,
    Imported,
    LayerFact,
    LayerValue,
    ModelValue,
    ModuleFacts,
    Scope,
    ScopeKind,
    TensorValue,
    VariableFact,
)

Shape = tuple[int | None, ...]
KEY = "weights"

_SHAPED = frozenset(
    {
        "zeros",
        "ones",
        "empty",
        "normal",
        "uniform",
        "truncated_normal",
        "random_normal",
        "random_uniform",
        "standard_normal",
        "fill",
        "full",
    }
)
_SIZE_KEYWORD = frozenset({"normal", "uniform", "standard_normal"})  # numpy.random: shape is `size=`
_LITERAL_ARRAYS = frozenset(
    {
        "tf.constant",
        "tf.convert_to_tensor",
        "numpy.array",
        "numpy.asarray",
        "keras.ops.array",
        "keras.ops.convert_to_tensor",
    }
)
_DIMS_AS_ARGS = frozenset({"numpy.random.rand", "numpy.random.randn"})
_TF1_STYLE = re.compile(r":\d+$")


@dataclass(eq=False)
class AssignFact:
    """`<expr>.assign(value)`; `target` is the receiver expression (a weight reference when it is one)."""

    node: cst.Call
    target: cst.BaseExpression
    value: cst.BaseExpression
    shape: Shape | None
    scope: Scope
    order: int


@dataclass(eq=False)
class SetWeightsFact:
    """`layer.set_weights([a, b])` with a literal list: the shape of each item."""

    node: cst.Call
    layer: LayerFact
    shapes: tuple[Shape | None, ...]
    items: tuple[cst.BaseExpression, ...]


@dataclass(eq=False)
class WeightFacts:
    flavor: Flavor = Flavor.KERAS3
    variable_shapes: dict[int, Shape] = field(
        default_factory=dict
    )  # id(VariableFact.node) -> initial value shape
    config: dict[int, dict[str, object]] = field(default_factory=dict)  # id(LayerFact.node) -> literal config
    initializer_shapes: dict[tuple[int, str], tuple[cst.Call, Shape]] = field(default_factory=dict)
    assigns: list[AssignFact] = field(default_factory=list)
    set_weights: list[SetWeightsFact] = field(default_factory=list)
    rhs_shapes: dict[int, Shape] = field(default_factory=dict)  # id(Assign value) -> shape, for weight stores


def weight_facts(facts: ModuleFacts) -> WeightFacts:
    found = facts.extra.get(KEY)
    return found if isinstance(found, WeightFacts) else WeightFacts()


class WeightCollector:
    """Collects, in the facts walk, what the core facts do not keep: static shapes where they are used."""

    def __init__(self, builder: object) -> None:
        from tfvarfix.semantics.builder import FactsBuilder

        assert isinstance(builder, FactsBuilder)
        self.builder = builder
        self.facts = WeightFacts(flavor=builder.flavor)
        builder.facts.extra[KEY] = self.facts
        self._shapes: dict[tuple[int, str], Shape] = {}

    # ------------------------------------------------------------------------------------ names
    def leave_Assign(self, node: cst.Assign) -> None:
        shape = self.shape_of(node.value)
        stable = not self.builder.frame.branches and not self.builder.in_loop
        scope = id(self.builder.scope)
        for target in node.targets:
            if isinstance(target.target, cst.Name):
                key = (scope, target.target.value)
                if shape is not None and stable:
                    self._shapes[key] = shape
                else:
                    self._shapes.pop(key, None)
            elif isinstance(target.target, cst.Attribute) and shape is not None:
                self.facts.rhs_shapes[id(node.value)] = shape

    # ------------------------------------------------------------------------------------ calls
    def leave_Call(self, node: cst.Call) -> None:
        facts = self.builder.facts
        if facts.variables and facts.variables[-1].node is node:
            variable = facts.variables[-1]
            if variable.initial_value is not None:
                shape = self.shape_of(variable.initial_value)
                if shape is not None:
                    self.facts.variable_shapes[id(node)] = shape
            return
        if facts.layers and facts.layers[-1].node is node:
            self._layer_config(facts.layers[-1])
            return
        func = node.func
        if not isinstance(func, cst.Attribute) or not node.args:
            return
        method = func.attr.value
        if method == "assign" and node.args[0].keyword is None:
            value = node.args[0].value
            self.facts.assigns.append(
                AssignFact(
                    node, func.value, value, self.shape_of(value), self.builder.scope, self.builder.order
                )
            )
        elif method == "set_weights" and isinstance(node.args[0].value, cst.List):
            receiver = self.builder.evaluate(func.value)
            if isinstance(receiver, LayerValue):
                items = tuple(e.value for e in node.args[0].value.elements)
                shapes = tuple(self.shape_of(item) for item in items)
                self.facts.set_weights.append(SetWeightsFact(node, receiver.layer, shapes, items))

    def _layer_config(self, layer: LayerFact) -> None:
        config: dict[str, object] = {}
        if layer.spec is not None:
            config.update(layer.spec.default_config)
            for index, arg in enumerate(layer.positional):
                if index < len(layer.spec.positional):
                    config[layer.spec.positional[index]] = self._literal(arg.value)
        for keyword, arg in layer.keywords.items():
            config[keyword] = self._literal(arg.value)
            if (
                keyword.endswith("_initializer")
                and isinstance(arg.value, cst.Call)
                and arg.value.args
                and self.builder.canonical_of(arg.value.func) == "keras.initializers.Constant"
            ):
                shape = self.shape_of(arg.value.args[0].value)
                if shape is not None:
                    self.facts.initializer_shapes[(id(layer.node), keyword)] = (arg.value, shape)
        self.facts.config[id(layer.node)] = config

    def _literal(self, expr: cst.BaseExpression) -> object | None:
        def lookup(e: cst.BaseExpression) -> object | None:
            value = self.builder.evaluate(e)
            return value.value if isinstance(value, Constant) else None

        return literal_value(expr, lookup)

    # ------------------------------------------------------------------------------------ shapes
    def shape_of(self, expr: cst.BaseExpression) -> Shape | None:
        """The static shape of a value: array/tensor creations, literal arrays, names bound to them."""
        if isinstance(expr, cst.Name):
            scope = self.builder.scope
            owner = scope if expr.value in scope.bindings else self.builder.facts.scopes[0]
            known = self._shapes.get((id(owner), expr.value))
            if known is not None:
                return known
            value = self.builder.evaluate(expr)
            # Only a creation (`tf.zeros(...)`) has a trustworthy static shape.
            if not isinstance(value, TensorValue) or value.layer is not None or value.inputs:
                return None
            if value.is_input:
                return None
            shape = value.shape
            return shape if shape and all(d is not None for d in shape) else None
        if not isinstance(expr, cst.Call):
            return None
        name = self.builder.canonical_of(expr.func)
        if name is None:
            return None
        if name in ("tf.Variable", "keras.Variable", "tf.compat.v1.Variable") and expr.args:
            return self.shape_of(expr.args[0].value) if expr.args[0].keyword is None else None
        if name in _LITERAL_ARRAYS:
            if not expr.args or expr.args[0].keyword is not None:
                return None
            for arg in expr.args[1:]:
                if arg.keyword is not None and arg.keyword.value == "shape":
                    return _int_tuple(self._literal(arg.value))
            return literal_shape(expr.args[0].value)
        if name in _DIMS_AS_ARGS:
            dims = tuple(self._literal(a.value) for a in expr.args)
            return _int_tuple(dims)
        short = name.rsplit(".", 1)[-1]
        if short not in _SHAPED or not name.startswith(("tf.", "keras.", "numpy.")):
            return None
        wanted = (
            ("size",) if name.startswith("numpy.random.") and short in _SIZE_KEYWORD else ("shape", "dims")
        )
        for arg in expr.args:
            if arg.keyword is not None and arg.keyword.value in wanted:
                return _int_tuple(self._literal(arg.value))
        if "size" in wanted:
            return None
        first = expr.args[0] if expr.args and expr.args[0].keyword is None else None
        return _int_tuple(self._literal(first.value)) if first is not None else None


def _int_tuple(value: object) -> Shape | None:
    if isinstance(value, int) and not isinstance(value, bool):
        return (value,)
    if isinstance(value, tuple) and all(isinstance(v, int) and not isinstance(v, bool) for v in value):
        return value
    return None


def literal_shape(expr: cst.BaseExpression) -> Shape | None:
    """The shape of a nested list/tuple literal of numbers: `[[1, 2], [3, 4]]` -> (2, 2)."""
    if isinstance(expr, (cst.Integer, cst.Float)):
        return ()
    if isinstance(expr, cst.UnaryOperation):
        return literal_shape(expr.expression)
    if not isinstance(expr, (cst.List, cst.Tuple)) or not expr.elements:
        return None
    inner = [literal_shape(e.value) for e in expr.elements]
    if any(s is None for s in inner) or len(set(inner)) != 1:
        return None
    first = inner[0]
    assert first is not None
    return (len(expr.elements), *first)


# ---------------------------------------------------------------------------------------- weights
def present_weights(layer: LayerFact, config: dict[str, object]) -> list[WeightSpec] | None:
    """The weights the layer owns, in `get_weights()` order; None when a `present_if` keyword is unknown."""
    if layer.spec is None:
        return None
    out: list[WeightSpec] = []
    for weight in layer.spec.weights:
        if weight.present_if is not None:
            flag = config.get(weight.present_if, True)
            if not isinstance(flag, bool):
                return None
            if flag is False:
                continue
        out.append(weight)
    return out


def weight_shape(layer: LayerFact, weight: WeightSpec, config: dict[str, object]) -> Shape | None:
    """The weight's shape with unknown dimensions as None; None when even its rank is unknown."""
    if layer.spec is None:
        return None
    return table_weight_shape(layer.spec, weight, config, layer.input_dim)


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


def show(shape: Shape) -> str:
    dims = ["?" if d is None else str(d) for d in shape]
    return "(" + ", ".join(dims) + ("," if len(dims) == 1 else "") + ")"


def formula(weight: WeightSpec) -> str:
    return "(" + ", ".join(weight.shape) + ("," if len(weight.shape) == 1 else "") + ")"


# ----------------------------------------------------------------------------------- name matching
@dataclass(frozen=True)
class Owner:
    """A layer weight that a variable name points at; `path` is the attribute chain from `layer`."""

    layer: LayerFact
    weight: WeightSpec
    path: tuple[str, ...]


def visible_layers(facts: ModuleFacts, scope: Scope) -> list[LayerFact]:
    """Layers made in `scope` or in an enclosing function or module scope."""
    chain: list[Scope] = []
    current: Scope | None = scope
    while current is not None:
        if current is scope or current.kind is not ScopeKind.CLASS:
            chain.append(current)
        current = current.parent
    return facts.layers_in_any(chain)


def _weights_under(layer: LayerFact) -> Iterator[tuple[str, WeightSpec, tuple[str, ...]]]:
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
    if layer.short_class == "TimeDistributed":
        for sub, weight, path in _weights_under(inner):
            if inner.name is not None:
                yield f"{inner.name}/{sub}", weight, ("layer", *path)
    elif layer.short_class == "Bidirectional" and inner.name is not None:
        for direction in ("forward", "backward"):
            for sub, weight, path in _weights_under(inner):
                yield f"{direction}_{inner.name}/{sub}", weight, (f"{direction}_layer", *path)


def owners_of(name: str, layers: list[LayerFact]) -> list[Owner]:
    """The layer weights a variable name (`my_lstm/kernel`, `seq/my_lstm/lstm_cell/kernel:0`) points at."""
    name = _TF1_STYLE.sub("", name)
    parts = name.split("/")
    if len(parts) < 2:
        return []
    found: list[Owner] = []
    for layer in layers:
        if layer.name is None or layer.spec is None or layer.name not in parts[:-1]:
            continue
        if layer.wrapper is not None and layer.wrapper.short_class == "Bidirectional":
            continue  # a copy is what gets built
        for index, part in enumerate(parts[:-1]):
            if part != layer.name:
                continue
            rest = "/".join(parts[index + 1 :])
            for sub, weight, path in _weights_under(layer):
                if sub == rest and all(o.layer is not layer or o.path != path for o in found):
                    found.append(Owner(layer, weight, path))
    return found


# ----------------------------------------------------------------------------------- expressions
def layer_access(layer: LayerFact, scope: Scope) -> str | None:
    """Source text that reaches `layer` from `scope`: its name, or `model.get_layer('name')`."""
    for symbol in layer.symbols:
        if "." not in symbol:
            value = scope.lookup(symbol)
            if isinstance(value, LayerValue) and value.layer is layer:
                return symbol
    model = layer.model
    if model is None or layer.name is None or model.find_layer(layer.name) is not layer:
        return None
    for symbol in model.symbols:
        if "." not in symbol:
            value = scope.lookup(symbol)
            if isinstance(value, ModelValue) and value.model is model:
                return f"{symbol}.get_layer({layer.name!r})"
    return None


def names_in(expr: cst.CSTNode) -> Iterator[str]:
    """The bare names an expression reads (attribute heads included, attribute names not)."""
    stack: list[cst.CSTNode] = [expr]
    while stack:
        node = stack.pop()
        if isinstance(node, cst.Name):
            yield node.value
        elif isinstance(node, cst.Attribute):
            stack.append(node.value)
        elif isinstance(node, (cst.Lambda, cst.ListComp, cst.GeneratorExp, cst.DictComp, cst.SetComp)):
            yield "<comprehension>"
        else:
            from tfvarfix.semantics.walker import children

            stack.extend(children(node))


def movable(expr: cst.BaseExpression, scope: Scope) -> bool:
    """Whether `expr` reads only imported modules and constants, so it may move to an earlier statement."""
    for name in names_in(expr):
        if name in ("None", "True", "False"):
            continue
        value = scope.lookup(name)
        if not isinstance(value, (Imported, Constant)):
            return False
    return True


def keras_namespace(facts: ModuleFacts) -> tuple[str, bool]:
    """How module code reaches Keras (`keras`, `tf.keras`; "" when it cannot), and whether to import it."""
    bindings = facts.scopes[0].bindings
    for name, value in bindings.items():
        if isinstance(value, Imported) and value.dotted in ("keras", "tensorflow.keras"):
            return name, False
    for name, value in bindings.items():
        if isinstance(value, Imported) and value.dotted == "tensorflow":
            return f"{name}.keras", False
    if "keras" in bindings:
        return "", False
    return "keras", True


def variable_weight(facts: ModuleFacts, variable: VariableFact) -> list[Owner]:
    if variable.name is None:
        return []
    return owners_of(variable.name, visible_layers(facts, variable.scope))


def layer_config(facts: ModuleFacts, layer: LayerFact) -> dict[str, object]:
    return weight_facts(facts).config.get(id(layer.node), {})
