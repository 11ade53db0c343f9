"""The facts pass: one walk over a module that resolves imports and follows layers, models and variables.

It resolves names itself (no libcst ScopeProvider/QualifiedNameProvider: they cost nine times the parse) and
stays conservative: a name bound differently on two paths, a parameter, a loop target become `UNKNOWN`, and
nothing is claimed about them.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

import libcst as cst

from tfvarfix.keras.names import LAYER_BASES, OBJECT_BASES, VARIABLE_CONSTRUCTORS
from tfvarfix.keras.table import Flavor, layer_spec
from tfvarfix.semantics.evaluate import Resolver, dotted_name, literal_value
from tfvarfix.semantics.model import (
    UNKNOWN,
    CallFact,
    ClassFact,
    ClassValue,
    Constant,
    FunctionValue,
    Imported,
    InstanceValue,
    LayerFact,
    LayerValue,
    ListValue,
    ModelFact,
    ModelKind,
    ModelValue,
    ModuleFacts,
    RefContext,
    Scope,
    ScopeKind,
    TensorValue,
    Value,
    VariableFact,
    VariableValue,
    WeightRef,
    WeightValue,
)
from tfvarfix.semantics.walker import Walk

# Attributes that lead from a layer to the layer or cell that owns the weights.
NAVIGATION = frozenset({"cell", "forward_layer", "backward_layer", "layer"})
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
BUILDING_METHODS = frozenset(
    {"build", "fit", "predict", "evaluate", "train_on_batch", "predict_on_batch", "test_on_batch", "__call__"}
)
_NOT_LAYERS = frozenset({"Layer", "InputSpec", "deserialize", "serialize", "get"})
_PASS_THROUGH = frozenset(
    {
        "Dropout",
        "BatchNormalization",
        "LayerNormalization",
        "Activation",
        "ReLU",
        "GaussianNoise",
        "SpatialDropout1D",
        "Masking",
        "ActivityRegularization",
        "LeakyReLU",
        "PReLU",
        "ELU",
        "Softmax",
        "UnitNormalization",
    }
)
_UNITS_OUT = frozenset({"Dense", "LSTM", "GRU", "SimpleRNN"})
_FILTERS_OUT = frozenset({"Conv1D", "Conv2D", "Conv3D", "Conv2DTranspose", "SeparableConv2D", "ConvLSTM2D"})


@dataclass
class _Branch:
    """Names bound inside a compound statement whose body may not run, or runs on one path only."""

    before: dict[str, Value | None] = field(default_factory=dict)
    assigned: dict[str, list[Value]] = field(default_factory=dict)


@dataclass
class _Frame:
    scope: Scope
    order: int = 0
    statements: list[cst.CSTNode] = field(default_factory=list)
    loops: int = 0
    branches: list[_Branch] = field(default_factory=list)
    paths: list[tuple[int, int]] = field(default_factory=list)  # (id of an if/match, which arm) we are in


class FactsBuilder:
    """The core collector. Extensions (other collectors in the same walk) may read `scope`, `order`,
    `statement`, `in_loop` and call `evaluate` while the walk is on."""

    def __init__(self, module: cst.Module, flavor: Flavor = Flavor.KERAS3) -> None:
        self.flavor = flavor
        self.facts = ModuleFacts(module=module)
        root = Scope(ScopeKind.MODULE, "<module>", module, None)
        self.facts.scopes.append(root)
        self._frames: list[_Frame] = [_Frame(root)]
        self._values: dict[int, Value] = {}  # id(call node) -> value, for calls already left
        self._stores: set[int] = set()
        self._star_modules: list[str] = []
        self._arms: dict[int, tuple[int, int]] = {}

    # ---------------------------------------------------------------------------------------- state
    @property
    def frame(self) -> _Frame:
        return self._frames[-1]

    @property
    def scope(self) -> Scope:
        return self._frames[-1].scope

    @property
    def order(self) -> int:
        return self._frames[-1].order

    @property
    def statement(self) -> cst.CSTNode:
        statements = self._frames[-1].statements
        return statements[-1] if statements else self.facts.module

    @property
    def in_loop(self) -> bool:
        return self._frames[-1].loops > 0

    def bind(self, name: str, value: Value) -> None:
        frame = self.frame
        for branch in frame.branches:
            if name not in branch.before:
                branch.before[name] = frame.scope.bindings.get(name)
            branch.assigned.setdefault(name, []).append(value)
        frame.scope.bindings[name] = value

    # ------------------------------------------------------------------------------------ statements
    def _enter_statement(self, node: cst.CSTNode) -> None:
        frame = self.frame
        frame.order += 1
        frame.statements.append(node)

    def _leave_statement(self, node: cst.CSTNode) -> None:
        self.frame.statements.pop()

    visit_SimpleStatementLine = _enter_statement
    leave_SimpleStatementLine = _leave_statement

    def _enter_branching(self, node: cst.CSTNode) -> None:
        self._enter_statement(node)
        self.frame.branches.append(_Branch())

    def _leave_branching(self, node: cst.CSTNode) -> None:
        frame = self.frame
        branch = frame.branches.pop()
        for name, values in branch.assigned.items():
            before = branch.before.get(name)
            final = frame.scope.bindings.get(name)
            distinct = {id(v) for v in values}
            if len(distinct) > 1 or (before is not None and before is not final):
                self.bind(name, UNKNOWN)
        self._leave_statement(node)

    def visit_If(self, node: cst.If) -> None:
        self._enter_arm(node)
        self._enter_branching(node)
        self._arms[id(node.body)] = (id(node), 0)
        if node.orelse is not None:
            self._arms[id(node.orelse)] = (id(node), 1)

    def leave_If(self, node: cst.If) -> None:
        self._leave_branching(node)
        self._leave_arm(node)

    def visit_Match(self, node: cst.Match) -> None:
        self._enter_branching(node)
        for index, case in enumerate(node.cases):
            self._arms[id(case)] = (id(node), index)

    def _enter_arm(self, node: cst.CSTNode) -> None:
        arm = self._arms.get(id(node))
        if arm is not None:
            self.frame.paths.append(arm)

    def _leave_arm(self, node: cst.CSTNode) -> None:
        if id(node) in self._arms:
            self.frame.paths.pop()

    visit_IndentedBlock = _enter_arm
    leave_IndentedBlock = _leave_arm
    visit_SimpleStatementSuite = _enter_arm
    leave_SimpleStatementSuite = _leave_arm
    visit_Else = _enter_arm
    leave_Else = _leave_arm
    visit_MatchCase = _enter_arm
    leave_MatchCase = _leave_arm

    @property
    def arms(self) -> tuple[tuple[int, int], ...]:
        """Which arm of each enclosing if/match the walk is in: two facts on different arms exclude each other."""
        return tuple(self.frame.paths)

    visit_Try = _enter_branching
    leave_Try = _leave_branching
    visit_TryStar = _enter_branching
    leave_TryStar = _leave_branching
    leave_Match = _leave_branching

    def visit_For(self, node: cst.For) -> None:
        self._enter_branching(node)
        self.frame.loops += 1
        for name in _target_names(node.target):
            self.bind(name, UNKNOWN)

    def leave_For(self, node: cst.For) -> None:
        self.frame.loops -= 1
        self._leave_branching(node)

    def visit_While(self, node: cst.While) -> None:
        self._enter_branching(node)
        self.frame.loops += 1

    def leave_While(self, node: cst.While) -> None:
        self.frame.loops -= 1
        self._leave_branching(node)

    def visit_With(self, node: cst.With) -> None:
        self._enter_statement(node)
        for item in node.items:
            if item.asname is not None:
                for name in _target_names(item.asname.name):
                    self.bind(name, UNKNOWN)

    def leave_With(self, node: cst.With) -> None:
        self._leave_statement(node)

    def _enter_comprehension(self, node: cst.CSTNode) -> None:
        self.frame.loops += 1

    def _leave_comprehension(self, node: cst.CSTNode) -> None:
        self.frame.loops -= 1

    visit_ListComp = _enter_comprehension
    leave_ListComp = _leave_comprehension
    visit_SetComp = _enter_comprehension
    leave_SetComp = _leave_comprehension
    visit_GeneratorExp = _enter_comprehension
    leave_GeneratorExp = _leave_comprehension
    visit_DictComp = _enter_comprehension
    leave_DictComp = _leave_comprehension

    def visit_ExceptHandler(self, node: cst.ExceptHandler) -> None:
        if node.name is not None:
            for name in _target_names(node.name.name):
                self.bind(name, UNKNOWN)

    def visit_Lambda(self, node: cst.Lambda) -> bool:
        return False  # a lambda body runs later, if ever: nothing in it is followed

    # ------------------------------------------------------------------------------------ scopes
    def visit_FunctionDef(self, node: cst.FunctionDef) -> None:
        outer = self.scope
        self._enter_statement(node)
        decorators = tuple(
            c for d in node.decorators if (c := self.canonical_of(_decorator_callee(d.decorator)))
        )
        scope = Scope(ScopeKind.FUNCTION, node.name.value, node, outer, decorators=decorators)
        self.facts.scopes.append(scope)
        if outer.kind is ScopeKind.CLASS and outer.class_fact is not None:
            scope.class_fact = outer.class_fact
            outer.class_fact.methods[node.name.value] = node
        self.bind(node.name.value, FunctionValue(node, outer))
        self._frames.append(_Frame(scope))
        params = node.params
        positional = [*params.posonly_params, *params.params]
        for index, param in enumerate([*positional, *params.kwonly_params]):
            value: Value = UNKNOWN
            if index == 0 and scope.class_fact is not None and param in positional and not _is_static(node):
                value = InstanceValue(scope.class_fact)
            scope.bindings[param.name.value] = value
        for star in (params.star_arg, params.star_kwarg):
            if isinstance(star, cst.Param):
                scope.bindings[star.name.value] = UNKNOWN

    def leave_FunctionDef(self, node: cst.FunctionDef) -> None:
        self._frames.pop()
        self._leave_statement(node)

    def visit_ClassDef(self, node: cst.ClassDef) -> None:
        outer = self.scope
        self._enter_statement(node)
        bases = tuple(self.canonical_of(arg.value) or "" for arg in node.bases if arg.keyword is None)
        keras_base = next(
            (b for b in bases if b in LAYER_BASES or b in OBJECT_BASES or b.startswith("keras.layers.")), None
        )
        if keras_base is None:
            for arg in node.bases:
                base_value = self.evaluate(arg.value)
                if isinstance(base_value, ClassValue) and base_value.cls.keras_base is not None:
                    keras_base = base_value.cls.keras_base
        scope = Scope(ScopeKind.CLASS, node.name.value, node, outer)
        fact = ClassFact(node=node, name=node.name.value, scope=scope, keras_base=keras_base, bases=bases)
        scope.class_fact = fact
        self.facts.scopes.append(scope)
        self.facts.classes.append(fact)
        self.bind(node.name.value, ClassValue(fact))
        self._frames.append(_Frame(scope))

    def leave_ClassDef(self, node: cst.ClassDef) -> None:
        self._frames.pop()
        self._leave_statement(node)

    # ------------------------------------------------------------------------------------ imports
    def visit_Import(self, node: cst.Import) -> None:
        for alias in node.names:
            dotted = dotted_name(alias.name)
            if dotted is None:
                continue
            if alias.asname is not None and isinstance(alias.asname.name, cst.Name):
                self.bind(alias.asname.name.value, Imported(dotted))
            else:
                head = dotted.split(".", 1)[0]
                self.bind(head, Imported(head))
            if dotted.startswith("tf_keras") or dotted == "tensorflow.compat.v1":
                self.facts.mentions_legacy_keras = True

    def visit_ImportFrom(self, node: cst.ImportFrom) -> None:
        if node.relative or node.module is None:
            if isinstance(node.names, Sequence):
                for alias in node.names:
                    if isinstance(alias.name, cst.Name):
                        self.bind(_alias_name(alias), UNKNOWN)
            return
        module = dotted_name(node.module)
        if module is None:
            return
        if module.startswith("tf_keras"):
            self.facts.mentions_legacy_keras = True
        if isinstance(node.names, cst.ImportStar):
            self._star_modules.append(module)
            return
        for alias in node.names:
            name = dotted_name(alias.name)
            if name is not None:
                self.bind(_alias_name(alias), Imported(f"{module}.{name}"))

    # ------------------------------------------------------------------------------------ binding
    def visit_Assign(self, node: cst.Assign) -> None:
        for target in node.targets:
            self._mark_stores(target.target)

    def leave_Assign(self, node: cst.Assign) -> None:
        value = self.evaluate(node.value)
        for target in node.targets:
            self._assign(target.target, value)

    def visit_AnnAssign(self, node: cst.AnnAssign) -> None:
        self._mark_stores(node.target)

    def leave_AnnAssign(self, node: cst.AnnAssign) -> None:
        if node.value is not None:
            self._assign(node.target, self.evaluate(node.value))

    def visit_AugAssign(self, node: cst.AugAssign) -> None:
        self._mark_stores(node.target)

    def leave_AugAssign(self, node: cst.AugAssign) -> None:
        self._assign(node.target, UNKNOWN)

    def leave_NamedExpr(self, node: cst.NamedExpr) -> None:
        self._assign(node.target, self.evaluate(node.value))

    def visit_Del(self, node: cst.Del) -> None:
        for name in _target_names(node.target):
            self.frame.scope.bindings.pop(name, None)

    def visit_Global(self, node: cst.Global) -> None:
        for item in node.names:
            self.bind(item.name.value, UNKNOWN)

    visit_Nonlocal = visit_Global

    def _mark_stores(self, target: cst.BaseExpression) -> None:
        if isinstance(target, cst.Attribute):
            self._stores.add(id(target))
        elif isinstance(target, (cst.Tuple, cst.List)):
            for element in target.elements:
                self._mark_stores(element.value)

    def _assign(self, target: cst.BaseExpression, value: Value) -> None:
        if isinstance(target, cst.Name):
            self.bind(target.value, value)
            self._record_symbol(value, target.value)
        elif isinstance(target, (cst.Tuple, cst.List)):
            items: tuple[Value, ...] | None = None
            if isinstance(value, ListValue) and len(value.items) == len(target.elements):
                items = value.items
            for index, element in enumerate(target.elements):
                self._assign(element.value, items[index] if items is not None else UNKNOWN)
        elif isinstance(target, cst.Attribute) and isinstance(target.value, cst.Name):
            owner = self.scope.lookup(target.value.value)
            if isinstance(owner, InstanceValue):
                owner.cls.attributes[target.attr.value] = value
                self._record_symbol(value, f"{target.value.value}.{target.attr.value}")

    @staticmethod
    def _record_symbol(value: Value, symbol: str) -> None:
        if isinstance(value, LayerValue):
            value.layer.symbols.append(symbol)
        elif isinstance(value, ModelValue):
            value.model.symbols.append(symbol)
        elif isinstance(value, VariableValue):
            value.variable.symbols.append(symbol)

    # ------------------------------------------------------------------------------------ evaluation
    def set_value(self, node: cst.Call, value: Value) -> None:
        """Let an extension collector say, from its `leave_Call`, what a call it understands evaluates to."""
        self._values[id(node)] = value

    def canonical_of(self, expr: cst.BaseExpression | None) -> str | None:
        """The canonical TF/Keras name an expression refers to, if it refers to one."""
        if expr is None:
            return None
        value = self.evaluate(expr)
        return value.canonical if isinstance(value, Imported) else None

    def evaluate(self, expr: cst.BaseExpression) -> Value:
        """What `expr` evaluates to, as far as the facts gathered so far can tell."""
        if isinstance(expr, cst.Name):
            value = self.scope.lookup(expr.value)
            if value is not None:
                return value
            for module in self._star_modules:
                candidate = Imported(f"{module}.{expr.value}")
                if layer_spec(candidate.canonical, self.flavor) is not None:
                    return candidate
            return UNKNOWN
        if isinstance(expr, cst.Attribute):
            return self._evaluate_attribute(expr)
        if isinstance(expr, cst.Call):
            return self._values.get(id(expr), UNKNOWN)
        if isinstance(expr, (cst.List, cst.Tuple)):
            if any(isinstance(e, cst.StarredElement) for e in expr.elements):
                return UNKNOWN
            return ListValue(tuple(self.evaluate(e.value) for e in expr.elements))
        if isinstance(expr, cst.Subscript):
            return self._evaluate_subscript(expr)
        literal = literal_value(expr, self._constant_lookup)
        if literal is not None:
            return Constant(literal)
        if isinstance(expr, (cst.BinaryOperation, cst.UnaryOperation)):
            tensors = [v for v in (self.evaluate(e) for e in _operands(expr)) if isinstance(v, TensorValue)]
            if tensors:
                return TensorValue(None, tuple(tensors))
        return UNKNOWN

    def _constant_lookup(self, expr: cst.BaseExpression) -> object | None:
        """The constant a name or attribute holds (`UNITS`, `lstm.name`), for literal evaluation."""
        value = self.evaluate(expr)
        return value.value if isinstance(value, Constant) else None

    def _evaluate_attribute(self, expr: cst.Attribute) -> Value:
        base = self.evaluate(expr.value)
        attr = expr.attr.value
        if isinstance(base, Imported):
            return Imported(f"{base.dotted}.{attr}")
        if isinstance(base, InstanceValue):
            return base.cls.attributes.get(attr, UNKNOWN)
        if isinstance(base, ModelValue) and attr == "layers" and base.model.complete:
            return ListValue(tuple(LayerValue(layer) for layer in base.model.layers))
        if isinstance(base, LayerValue):
            if attr == "name" and base.layer.name is not None:
                return Constant(base.layer.name)
            if attr in ("forward_layer", "backward_layer", "layer") and base.layer.wrapped is not None:
                return UNKNOWN  # a copy made by the wrapper, not the inner layer object
        return UNKNOWN

    def _evaluate_subscript(self, expr: cst.Subscript) -> Value:
        base = self.evaluate(expr.value)
        if not isinstance(base, ListValue) or len(expr.slice) != 1:
            return UNKNOWN
        index = expr.slice[0].slice
        if isinstance(index, cst.Index):
            key = literal_value(index.value, self._constant_lookup)
            if (
                isinstance(key, int)
                and not isinstance(key, bool)
                and -len(base.items) <= key < len(base.items)
            ):
                return base.items[key]
        return UNKNOWN

    # ------------------------------------------------------------------------------------ calls
    def leave_Call(self, node: cst.Call) -> None:
        callee = self.evaluate(node.func)
        value: Value = UNKNOWN
        if isinstance(callee, Imported):
            value = self._call_imported(node, callee.canonical)
        elif isinstance(callee, ClassValue):
            value = self._construct_local(node, callee)
        elif isinstance(callee, LayerValue):
            value = self._call_layer(node, callee.layer)
        elif isinstance(callee, ModelValue):
            self._build_model(callee.model)
            value = TensorValue(None, ())
        elif isinstance(callee, InstanceValue) and callee.cls.is_model:
            value = TensorValue(None, ())
        elif isinstance(node.func, cst.Attribute):
            value = self._call_method(node, node.func)
        if value is not UNKNOWN:
            self._values[id(node)] = value

    def _call_imported(self, node: cst.Call, name: str) -> Value:
        self.facts.calls.append(CallFact(node, name, self.scope, self.order, self.statement))
        short = name.rsplit(".", 1)[-1]
        if name.startswith("keras.layers.") and short[:1].isupper() and short not in _NOT_LAYERS:
            if short == "InputLayer":
                return TensorValue(None, is_input=True, shape=_shape_argument(node, self._constant_lookup))
            return LayerValue(self._new_layer(node, name, None))
        if name == "keras.Input":
            return TensorValue(None, is_input=True, shape=_shape_argument(node, self._constant_lookup))
        if name == "keras.Sequential":
            return ModelValue(self._new_sequential(node))
        if name == "keras.Model":
            return self._new_functional(node)
        if name in VARIABLE_CONSTRUCTORS or name in ("tf.compat.v1.get_variable", "tf.get_variable"):
            return VariableValue(self._new_variable(node, name))
        if name.startswith(("tf.", "keras.")):
            tensors = [
                v
                for v in (self.evaluate(a.value) for a in node.args)
                if isinstance(v, (TensorValue, ListValue))
            ]
            inputs = tuple(_tensors(tensors))  # a shape tuple is a ListValue of constants, not a tensor
            if inputs:
                return TensorValue(None, inputs)
            shape = _creation_shape(name, node, self._constant_lookup)
            if shape is not None:
                return TensorValue(None, shape=shape)
        return UNKNOWN

    def _construct_local(self, node: cst.Call, callee: ClassValue) -> Value:
        cls = callee.cls
        if cls.is_model:
            model = ModelFact(ModelKind.SUBCLASSED, node, self.scope, self.order, cls=cls, layers=cls.layers)
            model.name = _string_keyword(node, "name", self._constant_lookup)
            self.facts.models.append(model)
            return ModelValue(model)
        if cls.is_layer:
            return LayerValue(self._new_layer(node, cls.name, cls))
        return InstanceValue(cls)

    def _new_layer(self, node: cst.Call, cls: str, local: ClassFact | None) -> LayerFact:
        keywords = {a.keyword.value: a for a in node.args if a.keyword is not None}
        positional = tuple(a for a in node.args if a.keyword is None and not a.star)
        layer = LayerFact(
            node=node,
            cls=cls,
            spec=layer_spec(cls, self.flavor) if local is None else None,
            scope=self.scope,
            order=self.order,
            statement=self.statement,
            keywords=keywords,
            positional=positional,
            in_loop=self.in_loop,
            local_class=local,
            arms=self.arms,
        )
        if "name" in keywords:
            layer.name_node = keywords["name"].value
            name = literal_value(layer.name_node, self._constant_lookup)
            layer.name = name if isinstance(name, str) else None
        if layer.spec is not None and layer.spec.wrapper:
            inner_expr = layer.argument("layer")
            inner = self.evaluate(inner_expr) if inner_expr is not None else None
            if isinstance(inner, LayerValue):
                layer.wrapped = inner.layer
                inner.layer.wrapper = layer
        self.facts.layers.append(layer)
        owner = self.scope.class_fact
        if owner is not None and self.scope.name == "__init__" and owner.is_layer:
            owner.layers.append(layer)
        return layer

    def _call_layer(self, node: cst.Call, layer: LayerFact) -> Value:
        self._build_layer(layer)
        inputs = tuple(_tensors(self.evaluate(a.value) for a in node.args if a.keyword is None))
        if inputs and layer.input_dim is None and inputs[0].shape:
            layer.input_dim = inputs[0].shape[-1]
        shape: tuple[int | None, ...] | None = None
        out = _output_dim(layer)
        if out is not None:
            shape = (None, out)
        return TensorValue(layer, inputs, shape=shape)

    def _build_layer(self, layer: LayerFact) -> None:
        layer.builds.append((self.scope, self.order))

    def _build_model(self, model: ModelFact) -> None:
        model.builds.append((self.scope, self.order))
        for layer in model.layers:
            self._build_layer(layer)

    def _new_sequential(self, node: cst.Call) -> ModelFact:
        model = ModelFact(ModelKind.SEQUENTIAL, node, self.scope, self.order)
        model.name = _string_keyword(node, "name", self._constant_lookup)
        layers_expr = next((a.value for a in node.args if a.keyword is None), None)
        if layers_expr is None and any(a.keyword and a.keyword.value == "layers" for a in node.args):
            layers_expr = next(a.value for a in node.args if a.keyword and a.keyword.value == "layers")
        self.facts.models.append(model)
        if layers_expr is not None:
            items = self.evaluate(layers_expr)
            if isinstance(items, ListValue):
                for item in items.items:
                    self._add_to_sequential(model, item)
            else:
                model.complete = False
        if model.builds:
            self._build_model(model)
        return model

    def _add_to_sequential(self, model: ModelFact, item: Value) -> None:
        if isinstance(item, TensorValue) and item.is_input:
            if not model.layers:
                model.starts_with_input = True
                model.builds.append((self.scope, self.order))
                self._propagate_dims(model, item.shape[-1] if item.shape else None)
            return
        if not isinstance(item, LayerValue):
            model.complete = False
            return
        layer = item.layer
        layer.model = model
        model.layers.append(layer)
        if len(model.layers) == 1:
            shape = _layer_input_shape(layer, self._constant_lookup)
            if shape is not None:
                model.starts_with_input = True
                model.builds.append((self.scope, self.order))
                self._propagate_dims(model, shape[-1] if shape else None)
        if model.builds:  # after an Input, or once built: each added layer is built and gets its input dim
            self._build_layer(layer)
            self._propagate_dims(model, None)

    def _propagate_dims(self, model: ModelFact, first: int | None) -> None:
        if first is not None and model.input_dim is None:
            model.input_dim = first  # an Input before any layer: remembered for the layers added later
        dim = first if first is not None else (model.layers[0].input_dim if model.layers else None)
        dim = dim if dim is not None else model.input_dim
        for layer in model.layers:
            if dim is not None and layer.input_dim is None:
                layer.input_dim = dim
            dim = (
                _output_dim(layer)
                if _output_dim(layer) is not None
                else (dim if layer.short_class in _PASS_THROUGH else None)
            )

    def _new_functional(self, node: cst.Call) -> Value:
        args = [a for a in node.args if a.keyword is None]
        keywords = {a.keyword.value: a.value for a in node.args if a.keyword is not None}
        outputs_expr = keywords.get("outputs") or (args[1].value if len(args) > 1 else None)
        if outputs_expr is None:
            return UNKNOWN
        model = ModelFact(ModelKind.FUNCTIONAL, node, self.scope, self.order)
        model.name = _string_keyword(node, "name", self._constant_lookup)
        seen: set[int] = set()
        pending = list(_tensors([self.evaluate(outputs_expr)]))
        if not pending:
            model.complete = False
        ordered: list[LayerFact] = []
        while pending:
            tensor = pending.pop()
            if id(tensor) in seen:
                continue
            seen.add(id(tensor))
            if tensor.layer is not None and tensor.layer not in ordered:
                ordered.append(tensor.layer)
            if tensor.layer is None and not tensor.is_input and not tensor.inputs:
                model.complete = False
            pending.extend(tensor.inputs)
        ordered.sort(key=lambda layer: layer.order)
        model.layers = ordered
        for layer in ordered:
            layer.model = layer.model or model
        model.builds.append((self.scope, self.order))
        self.facts.models.append(model)
        return ModelValue(model)

    def _new_variable(self, node: cst.Call, constructor: str) -> VariableFact:
        keywords = {a.keyword.value: a.value for a in node.args if a.keyword is not None}
        positional = [a.value for a in node.args if a.keyword is None and not a.star]
        variable = VariableFact(
            node=node,
            constructor=constructor,
            scope=self.scope,
            order=self.order,
            statement=self.statement,
            in_loop=self.in_loop,
        )
        if constructor in ("tf.compat.v1.get_variable", "tf.get_variable"):
            variable.name_node = keywords.get("name") or (positional[0] if positional else None)
            variable.initial_value = keywords.get("initializer")
        else:
            variable.name_node = keywords.get("name")
            variable.initial_value = keywords.get("initial_value") or (positional[0] if positional else None)
        if variable.name_node is not None:
            name = literal_value(variable.name_node, self._constant_lookup)
            variable.name = name if isinstance(name, str) else None
        self.facts.variables.append(variable)
        return variable

    def _call_method(self, node: cst.Call, func: cst.Attribute) -> Value:
        receiver = self.evaluate(func.value)
        method = func.attr.value
        if isinstance(receiver, (ModelValue, LayerValue, WeightValue, VariableValue, InstanceValue)):
            self.facts.calls.append(
                CallFact(node, "." + method, self.scope, self.order, self.statement, receiver=receiver)
            )
        if isinstance(receiver, ModelValue):
            model = receiver.model
            if method == "add" and model.kind is ModelKind.SEQUENTIAL and node.args:
                model.add_calls.append(node)
                self._add_to_sequential(model, self.evaluate(node.args[0].value))
            elif method in BUILDING_METHODS:
                self._build_model(model)
                if method == "build" and node.args and model.layers:
                    shape = literal_value(node.args[0].value, self._constant_lookup)
                    if isinstance(shape, tuple) and shape and isinstance(shape[-1], int):
                        self._propagate_dims(model, shape[-1])
            elif method == "get_layer":
                return self._get_layer(model, node)
        elif isinstance(receiver, LayerValue) and method == "build":
            self._build_layer(receiver.layer)
            shape = literal_value(node.args[0].value, self._constant_lookup) if node.args else None
            if (
                isinstance(shape, tuple)
                and shape
                and isinstance(shape[-1], int)
                and not receiver.layer.input_dim
            ):
                receiver.layer.input_dim = shape[-1]
        elif isinstance(receiver, InstanceValue) and method == "add_weight":
            return VariableValue(self._new_variable(node, "add_weight"))
        return UNKNOWN

    def _get_layer(self, model: ModelFact, node: cst.Call) -> Value:
        if not node.args:
            return UNKNOWN
        first = node.args[0]
        key = literal_value(first.value, self._constant_lookup)
        keyword = first.keyword.value if first.keyword is not None else "name"
        if keyword == "name" and isinstance(key, str):
            layer = model.find_layer(key)
            return LayerValue(layer) if layer is not None else UNKNOWN
        if (
            keyword == "index"
            and isinstance(key, int)
            and model.complete
            and model.kind is ModelKind.SEQUENTIAL
            and 0 <= key < len(model.layers)
        ):
            return LayerValue(model.layers[key])
        return UNKNOWN

    # ------------------------------------------------------------------------------------ weights
    def leave_Attribute(self, node: cst.Attribute) -> None:
        attr = node.attr.value
        if attr not in WEIGHT_ATTRIBUTES:
            return
        path = [attr]
        base: cst.BaseExpression = node.value
        while isinstance(base, cst.Attribute) and base.attr.value in NAVIGATION:
            path.insert(0, base.attr.value)
            base = base.value
        value = self.evaluate(base)
        if not isinstance(value, LayerValue):
            return
        context = RefContext.STORE if id(node) in self._stores else RefContext.LOAD
        ref = WeightRef(
            node=node,
            layer_node=base,
            layer=value.layer,
            path=tuple(path),
            context=context,
            scope=self.scope,
            order=self.order,
            statement=self.statement,
        )
        self.facts.weight_refs.append(ref)


# ---------------------------------------------------------------------------------------- helpers
def build_facts(
    module: cst.Module, flavor: Flavor = Flavor.KERAS3, extensions: Iterable[object] = ()
) -> ModuleFacts:
    """Run the facts pass (and any extension collectors, which receive the builder) over `module`."""
    builder = FactsBuilder(module, flavor)
    collectors: list[object] = [builder]
    for extension in extensions:
        collectors.append(extension(builder) if isinstance(extension, type) else extension)
    Walk(collectors).run(module)
    for collector in collectors[1:]:
        finish = getattr(collector, "finish", None)
        if finish is not None:
            finish(builder.facts)
    return builder.facts


def _alias_name(alias: cst.ImportAlias) -> str:
    if alias.asname is not None and isinstance(alias.asname.name, cst.Name):
        return alias.asname.name.value
    name = dotted_name(alias.name) or ""
    return name.split(".", 1)[0]


def _target_names(target: cst.BaseExpression) -> list[str]:
    if isinstance(target, cst.Name):
        return [target.value]
    if isinstance(target, (cst.Tuple, cst.List)):
        return [n for e in target.elements for n in _target_names(e.value)]
    if isinstance(target, cst.StarredElement):
        return _target_names(target.value)
    return []


def _decorator_callee(expr: cst.BaseExpression) -> cst.BaseExpression:
    return expr.func if isinstance(expr, cst.Call) else expr


def _is_static(node: cst.FunctionDef) -> bool:
    return any(
        isinstance(d.decorator, cst.Name) and d.decorator.value == "staticmethod" for d in node.decorators
    )


def _operands(expr: cst.BaseExpression) -> list[cst.BaseExpression]:
    if isinstance(expr, cst.BinaryOperation):
        return [expr.left, expr.right]
    if isinstance(expr, cst.UnaryOperation):
        return [expr.expression]
    return []


def _tensors(values: Iterable[Value]) -> Iterable[TensorValue]:
    for value in values:
        if isinstance(value, TensorValue):
            yield value
        elif isinstance(value, ListValue):
            yield from _tensors(value.items)


def _string_keyword(node: cst.Call, keyword: str, lookup: Resolver | None) -> str | None:
    for arg in node.args:
        if arg.keyword is not None and arg.keyword.value == keyword:
            value = literal_value(arg.value, lookup)
            return value if isinstance(value, str) else None
    return None


def _shape_argument(node: cst.Call, lookup: Resolver | None) -> tuple[int | None, ...] | None:
    for arg in node.args:
        if arg.keyword is None or arg.keyword.value in ("shape", "input_shape"):
            value = literal_value(arg.value, lookup)
            if isinstance(value, tuple) and all(v is None or isinstance(v, int) for v in value):
                return (None, *value)
            return None
    return None


def _layer_input_shape(layer: LayerFact, lookup: Resolver | None) -> tuple[int | None, ...] | None:
    for keyword in ("input_shape", "batch_input_shape", "input_dim"):
        expr = layer.keywords.get(keyword)
        if expr is None:
            continue
        value = literal_value(expr.value, lookup)
        if keyword == "input_dim" and isinstance(value, int):
            return (None, value)
        if isinstance(value, tuple):
            return value
        return ()
    return None


def _creation_shape(name: str, node: cst.Call, lookup: Resolver | None) -> tuple[int | None, ...] | None:
    """The static shape of `tf.zeros((2, 3))`, `tf.random.normal([32, 10, 1])`, `np.ones(...)` and friends."""
    short = name.rsplit(".", 1)[-1]
    if short not in ("zeros", "ones", "normal", "uniform", "truncated_normal", "fill", "random_normal"):
        return None
    first = next(
        (a.value for a in node.args if a.keyword is None or a.keyword.value in ("shape", "dims")), None
    )
    if first is None:
        return None
    value = literal_value(first, lookup)
    if isinstance(value, tuple) and all(isinstance(v, int) for v in value):
        return value
    return None


def _output_dim(layer: LayerFact) -> int | None:
    short = layer.short_class
    key = "units" if short in _UNITS_OUT else "filters" if short in _FILTERS_OUT else None
    if short == "Embedding":
        key = "output_dim"
    if key is None:
        if short == "Bidirectional" and layer.wrapped is not None:
            inner = _output_dim(layer.wrapped)
            mode = layer.keywords.get("merge_mode")
            if inner is not None and (mode is None or literal_value(mode.value, None) == "concat"):
                return 2 * inner
        if short == "TimeDistributed" and layer.wrapped is not None:
            return _output_dim(layer.wrapped)
        return None
    expr = layer.argument(key)
    if expr is None and short == "Embedding" and len(layer.positional) > 1:
        expr = layer.positional[1].value
    value = literal_value(expr, None) if expr is not None else None
    return value if isinstance(value, int) and not isinstance(value, bool) else None
