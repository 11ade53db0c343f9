from __future__ import annotations

from collections.abc import Iterator

import libcst as cst

from tfvarfix.keras.spec import Flavor
from tfvarfix.rule import AddImport, Finding, FixPlan, Intended, NodeEdit, Replace, Rule
from tfvarfix.semantics.events import Created, Holds
from tfvarfix.semantics.facts import Facts, reachable, reads_only_constants, scopes
from tfvarfix.semantics.heap import present
from tfvarfix.semantics.values import AV, InstanceObj, ModuleRef, TensorObj, VarObj
from tfvarfix.semantics.walker import contains_call, descendants, sole_assignment
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

    def check(self, facts: Facts) -> Iterator[Finding]:
        if facts.flavor is Flavor.TF_KERAS:
            return
        made = {id(e.obj): e for e in facts.of(Created)}
        for node, events in facts.grouped(Holds):
            live = [e for e in events if reachable(e) and e.variable.ctor in _UNTRACKED]
            if not live or len(live) != len(events) or not isinstance(node, cst.Call):
                continue
            event = live[0]
            instance = event.instance
            if not isinstance(instance, InstanceObj) or not instance.cls.is_layer:
                continue
            creation = made.get(id(event.variable))
            target = f"self.{event.attr}" if event.direct else f"self.{event.attr}[...]"
            fix = None
            if creation is not None:
                fix = self._fix(facts, creation, node, event.variable)
            yield self.finding(
                node,
                fix=fix,
                target=target,
                constructor=event.variable.ctor,
                cls=instance.cls.name,
                method=event.method,
            )

    def _fix(self, facts: Facts, creation: Created, node: cst.Call, variable: VarObj) -> FixPlan | None:
        function = creation.function
        statement = creation.statement
        if function is None or function.name.value not in ("__init__", "build") or creation.ctx.in_loop:
            return None
        target = sole_assignment(statement, node)
        if not (isinstance(target, cst.Attribute) and isinstance(target.value, cst.Name)):
            return None
        value = variable.initial_node
        keywords = {a.keyword.value: a.value for a in node.args if a.keyword is not None}
        if value is None or set(keywords) - _KEPT or len(node.args) - len(keywords) > 1:
            return None
        code = facts.code_for
        shape = self._shape(facts, creation, variable, value)
        if shape is None:
            return None
        namespace, needs_import = facts.keras_namespace()
        initializer = self._fill(facts, creation, value)
        if initializer is None:
            if not namespace:
                return None
            initializer = f"{namespace}.initializers.Constant({code(value)})"
        name = variable.name if variable.name and "/" not in variable.name else target.attr.value
        arguments = [f"name={name!r}", f"shape={shape}", f"initializer={initializer}"]
        arguments += [f"{k}={code(keywords[k])}" for k in ("dtype", "trainable") if k in keywords]
        owner = code(target.value)
        edits: list[NodeEdit] = [Replace(node, f"{owner}.add_weight({', '.join(arguments)})")]
        if needs_import and "Constant(" in initializer:
            edits.append(AddImport("keras"))
        return self.fix(*edits, intended=(Intended(node),))

    def _shape(
        self, facts: Facts, creation: Created, variable: VarObj, value: cst.BaseExpression
    ) -> str | None:
        static = variable.shape
        if (
            static is not None
            and all(d is not None for d in static)
            and reads_only_constants(facts, creation, value)
        ):
            return "(" + ", ".join(str(d) for d in static) + ("," if len(static) == 1 else "") + ")"
        if isinstance(value, (cst.Integer, cst.Float)) or (
            isinstance(value, cst.UnaryOperation) and isinstance(value.expression, (cst.Integer, cst.Float))
        ):
            return "()"
        if isinstance(value, (cst.Name, cst.Attribute)) and _arrays_everywhere(facts, creation):
            return f"{facts.code_for(value)}.shape"
        argument = _shape_argument(facts, creation, value)
        if argument is not None and not _local_scopes(argument) and not contains_call(argument):
            return facts.code_for(argument)
        return None

    def _fill(self, facts: Facts, creation: Created, value: cst.BaseExpression) -> str | None:
        """`"zeros"`/`"ones"` for `tf.zeros(shape)`/`tf.ones(shape)`."""
        if (
            not isinstance(value, cst.Call)
            or len(value.args) != 1
            or not isinstance(value.func, cst.Attribute)
        ):
            return None
        return _FILLS.get(value.func.attr.value) if _library(facts, creation, value.func) else None


def _library(facts: Facts, creation: Created, func: cst.BaseExpression) -> str | None:
    """`tensorflow` or `numpy` when the call's dotted head is bound to that module."""
    while isinstance(func, cst.Attribute):
        func = func.value
    if not isinstance(func, cst.Name):
        return None
    for env in scopes(facts, creation):
        if func.value in env:
            value = env[func.value]
            obj = present(value).single() if isinstance(value, AV) else None
            if isinstance(obj, ModuleRef) and obj.dotted in ("tensorflow", "numpy"):
                return obj.dotted
            return None
    dotted = facts.imported(func.value)
    return dotted if dotted in ("tensorflow", "numpy") else None


def _arrays_everywhere(facts: Facts, creation: Created) -> bool:
    """Whether, every time the variable is made, its initial value is known to be an array (which has a
    `.shape`): `init.shape` of a float or a list raises."""
    for event in facts.of(Created):
        if event.node is creation.node and isinstance(event.obj, VarObj):
            initial = event.obj.initial
            if initial.is_top or initial.is_bottom or not all(isinstance(o, (TensorObj, VarObj)) for o in initial):
                return False
    return True


def _local_scopes(node: cst.CSTNode) -> bool:
    return any(
        isinstance(n, (cst.Lambda, cst.ListComp, cst.GeneratorExp, cst.DictComp, cst.SetComp))
        for n in descendants(node)
    )


def _shape_argument(facts: Facts, creation: Created, value: cst.BaseExpression) -> cst.BaseExpression | None:
    if not isinstance(value, cst.Call) or not isinstance(value.func, cst.Attribute):
        return None
    library, attr = _library(facts, creation, value.func), value.func.attr.value
    if not (
        (library == "tensorflow" and attr in ("zeros", "ones", "normal", "uniform", "truncated_normal"))
        or (library == "numpy" and attr in ("zeros", "ones"))
    ):
        return None
    for arg in value.args:
        if arg.keyword is None or arg.keyword.value == "shape":
            return arg.value
    return None
