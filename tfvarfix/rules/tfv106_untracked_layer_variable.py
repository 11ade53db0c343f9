from __future__ import annotations

from collections.abc import Iterator

import libcst as cst

from tfvarfix.keras.table import Flavor
from tfvarfix.rule import AddImport, Finding, FixPlan, Intended, NodeEdit, Replace, Rule
from tfvarfix.semantics.model import Imported, ModuleFacts, ScopeKind, VariableFact
from tfvarfix.semantics.walker import contains_call
from tfvarfix.semantics.weights import WeightCollector, keras_namespace, names_in, weight_facts
from tfvarfix.types import FixAvailability, FixSafety, VerifyCheck

_UNTRACKED = frozenset({"tf.Variable", "tf.compat.v1.Variable"})
_KEPT = frozenset({"initial_value", "name", "dtype", "trainable"})
_FILLS = {"zeros": '"zeros"', "ones": '"ones"'}


class UntrackedLayerVariable(Rule):
    """
    ## What it does
    Finds `self.w = tf.Variable(...)` in the `__init__` or `build` of a Keras 3 `Layer` or `Model` subclass.
    Modules that target tf_keras (`import tf_keras`, `TF_USE_LEGACY_KERAS`) are not reported.

    ## Why is this bad?
    Keras 3 tracks only its own variables. A `tf.Variable` held in a layer attribute is not in `layer.weights`
    or `trainable_weights`, so `fit` never updates it and `model.save` does not store it; the only sign is the
    warning `The model does not have any trainable weights.` tf_keras tracked the same code, so a model that
    trained under TensorFlow 2.15 silently stops training its own parameters after the upgrade to Keras 3.

    ## Example
    ```python
    import tensorflow as tf

    class Scale(tf.keras.layers.Layer):
        def build(self, input_shape):
            self.w = tf.Variable(tf.ones((4,)))

        def call(self, x):
            return x * self.w
    ```

    ## Use instead
    ```python
    import tensorflow as tf

    class Scale(tf.keras.layers.Layer):
        def build(self, input_shape):
            self.w = self.add_weight(name="w", shape=(4,), initializer="ones")

        def call(self, x):
            return x * self.w
    ```

    ## Fix safety
    Unsafe: the variable becomes a tracked weight, so `fit` trains it and saving stores it, which is what the
    author meant and a change of behaviour. The fix keeps the shape (from the static value, the value's
    `shape`, or the shape argument of `tf.zeros`/`tf.random.normal`...), the initial value
    (`"zeros"`/`"ones"`, or `keras.initializers.Constant(value)`), the given `dtype` and `trainable`. The
    weight is named after the attribute unless the variable had a name without `/`. A `tf.Variable` of an
    inferred non-float32 dtype gets the layer's dtype unless `dtype=` was given.

    ## Numerical equivalence
    `intended`: `verify` checks that the weight starts with the variable's initial value and is now among the
    model's trainable weights.

    ## References
    - [Keras: making new layers and models via
      subclassing](https://keras.io/guides/making_new_layers_and_models_via_subclassing/)
    - [Layer.add_weight](https://keras.io/api/layers/base_layer/#addweight-method)
    """

    CODE = "TFV106"
    NAME = "untracked-layer-variable"
    MESSAGE = (
        "`{target} = {constructor}(...)` in `{cls}.{method}` is not tracked by Keras 3: it is not in "
        "`weights`, never trained and not saved by `model.save`; use `self.add_weight(...)`"
    )
    FIX_TITLE = "Use `self.add_weight(...)`"
    FIX_AVAILABILITY = FixAvailability.SOMETIMES
    FIX_SAFETY = FixSafety.UNSAFE
    VERIFY = VerifyCheck.INTENDED
    COLLECTORS = (WeightCollector,)

    def check(self, facts: ModuleFacts) -> Iterator[Finding]:
        if facts.mentions_legacy_keras or weight_facts(facts).flavor is Flavor.TF_KERAS:
            return
        for variable in facts.variables:
            scope = variable.scope
            cls = scope.class_fact
            if variable.constructor not in _UNTRACKED or cls is None or not cls.is_layer or variable.in_loop:
                continue
            if scope.kind is not ScopeKind.FUNCTION or scope.name not in ("__init__", "build"):
                continue
            statement = variable.statement
            if not isinstance(statement, cst.SimpleStatementLine) or len(statement.body) != 1:
                continue
            small = statement.body[0]
            if not (
                isinstance(small, cst.Assign) and small.value is variable.node and len(small.targets) == 1
            ):
                continue
            target = small.targets[0].target
            if not (isinstance(target, cst.Attribute) and isinstance(target.value, cst.Name)):
                continue
            if not any(s == f"{target.value.value}.{target.attr.value}" for s in variable.symbols):
                continue
            yield self.finding(
                variable.node,
                fix=self._fix(facts, variable, target),
                target=f"{target.value.value}.{target.attr.value}",
                constructor=variable.constructor,
                cls=cls.name,
                method=scope.name,
            )

    def _fix(self, facts: ModuleFacts, variable: VariableFact, target: cst.Attribute) -> FixPlan | None:
        value = variable.initial_value
        keywords = {a.keyword.value: a.value for a in variable.node.args if a.keyword is not None}
        if value is None or set(keywords) - _KEPT or len(variable.node.args) - len(keywords) > 1:
            return None
        code = facts.module.code_for_node
        shape = self._shape(facts, variable, value)
        if shape is None:
            return None
        namespace, needs_import = keras_namespace(facts)
        initializer = self._fill(facts, variable, value)
        if initializer is None:
            if not namespace:
                return None
            initializer = f"{namespace}.initializers.Constant({code(value)})"
        name = variable.name if variable.name and "/" not in variable.name else target.attr.value
        arguments = [f"name={name!r}", f"shape={shape}", f"initializer={initializer}"]
        arguments += [f"{k}={code(keywords[k])}" for k in ("dtype", "trainable") if k in keywords]
        owner = facts.module.code_for_node(target.value)
        edits: list[NodeEdit] = [Replace(variable.node, f"{owner}.add_weight({', '.join(arguments)})")]
        if needs_import and "Constant(" in initializer:
            edits.append(AddImport("keras"))
        return self.fix(*edits, intended=(Intended(variable.node),))

    def _shape(self, facts: ModuleFacts, variable: VariableFact, value: cst.BaseExpression) -> str | None:
        static = weight_facts(facts).variable_shapes.get(id(variable.node))
        if static is not None:
            return "(" + ", ".join(str(d) for d in static) + ("," if len(static) == 1 else "") + ")"
        if isinstance(value, (cst.Integer, cst.Float)) or (
            isinstance(value, cst.UnaryOperation) and isinstance(value.expression, (cst.Integer, cst.Float))
        ):
            return "()"
        if isinstance(value, (cst.Name, cst.Attribute)):
            return f"{facts.module.code_for_node(value)}.shape"
        argument = _shape_argument(variable, value)
        if (
            argument is not None
            and "<comprehension>" not in set(names_in(argument))
            and not contains_call(argument)
        ):
            return facts.module.code_for_node(argument)
        return None

    def _fill(self, facts: ModuleFacts, variable: VariableFact, value: cst.BaseExpression) -> str | None:
        """`"zeros"`/`"ones"` for `tf.zeros(shape)`/`tf.ones(shape)`."""
        if (
            not isinstance(value, cst.Call)
            or len(value.args) != 1
            or not isinstance(value.func, cst.Attribute)
        ):
            return None
        return _FILLS.get(value.func.attr.value) if _library(variable, value.func) else None


def _library(variable: VariableFact, func: cst.BaseExpression) -> str | None:
    """`tensorflow` or `numpy` when the call's dotted head is bound to that module."""
    while isinstance(func, cst.Attribute):
        func = func.value
    bound = variable.scope.lookup(func.value) if isinstance(func, cst.Name) else None
    if isinstance(bound, Imported) and bound.dotted in ("tensorflow", "numpy"):
        return bound.dotted
    return None


def _shape_argument(variable: VariableFact, value: cst.BaseExpression) -> cst.BaseExpression | None:
    if not isinstance(value, cst.Call) or not isinstance(value.func, cst.Attribute):
        return None
    library, attr = _library(variable, value.func), value.func.attr.value
    if not (
        (library == "tensorflow" and attr in ("zeros", "ones", "normal", "uniform", "truncated_normal"))
        or (library == "numpy" and attr in ("zeros", "ones"))
    ):
        return None
    for arg in value.args:
        if arg.keyword is None or arg.keyword.value == "shape":
            return arg.value
    return None
