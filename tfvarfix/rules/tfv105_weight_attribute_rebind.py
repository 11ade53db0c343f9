from __future__ import annotations

from collections.abc import Iterator

import libcst as cst

from tfvarfix.keras.names import VARIABLE_CONSTRUCTORS
from tfvarfix.keras.spec import Flavor, WeightSpec
from tfvarfix.keras.weights import conflict, weight_shape
from tfvarfix.rule import Finding, FixPlan, Intended, Replace, Rule
from tfvarfix.semantics.events import Attribute, MethodCall
from tfvarfix.semantics.facts import Facts, reachable
from tfvarfix.semantics.values import KerasObj, LayerObj, Obj, PartObj, TensorObj, VarObj
from tfvarfix.types import FixAvailability, FixSafety, VerifyCheck

_PROPERTIES = frozenset(
    {
        ("Dense", "kernel"),
        ("EinsumDense", "kernel"),
        ("Conv1D", "kernel"),
        ("Conv2D", "kernel"),
        ("Conv3D", "kernel"),
        ("Embedding", "embeddings"),
    }
)
_KEPT = frozenset({"initial_value", "name", "trainable"})
_KERAS_VARIABLES = frozenset({"keras.Variable", "add_weight"})
_TF_VARIABLES = frozenset({"tf.Variable", "tf.compat.v1.Variable"})


class WeightAttributeRebind(Rule):
    """
    ## What it does
    Finds a built layer's weight attribute rebound to a new variable or array: `layer.cell.kernel =
    tf.Variable(...)`, `dense.bias = tf.Variable(...)`, `model.get_layer('x').cell.kernel = np.ones(...)`;
    and an unbuilt layer's given another layer's weight to share it (`copy.kernel = original.kernel`): a
    property such as `Dense.kernel` raises, and a plain one (`bias`) is replaced by the layer's own when it
    builds. Also, in a subclass of a built-in layer, `self.kernel = projection(self.kernel)` on the built-in's
    property weight (tensorflow#32210: a quantizer's `Dense` subclass projecting its kernel in `call()`), not
    where the subclass defines that attribute itself, nor the layer's own variable stored back. Modules that
    target tf_keras are not reported.

    ## Why is this bad?
    In Keras 3 the forward pass reads the new object, but `layer.weights`, the optimizer and `model.save` keep
    the old variable: nothing trains the new one, and loading restores the old values. No error is raised. For
    the kernels of `Dense`, `EinsumDense`, `Conv1D/2D/3D` and `Embedding.embeddings`, which are properties,
    Keras 3 raises `AttributeError: property 'kernel' of 'Dense' object has no setter`. tf_keras swapped the
    tracked weight, so code that worked there breaks on the upgrade.

    ## Example
    ```python
    import numpy as np
    import tensorflow as tf

    lstm = tf.keras.layers.LSTM(4)
    lstm(np.zeros((1, 2, 3), "float32"))
    lstm.cell.kernel = tf.Variable(np.ones((3, 16), "float32"))
    ```

    ## Use instead
    ```python
    import numpy as np
    import tensorflow as tf

    lstm = tf.keras.layers.LSTM(4)
    lstm(np.zeros((1, 2, 3), "float32"))
    lstm.cell.kernel.assign(np.ones((3, 16), "float32"))
    ```

    ## Fix safety
    Unsafe: the layer's tracked weight takes the value, so training and saving now see it, as the author
    meant. Offered on a built layer when the value's shape is not provably different from the weight's
    (TFV102's formula) and the new variable has no options `assign` cannot keep (`dtype`, constraints).

    When the value is another Keras variable (another layer's weight, an `add_weight` result, a
    `keras.Variable`: `conv_test.kernel = conv_train.kernel`), the fix copies its value with `assign` and
    says so in its title: the two stay separate variables and diverge once trained. Keras 3 cannot make a
    layer read another's variable; tying weights takes one layer called on both inputs, which the message
    offers. Withheld on an unbuilt layer (it has no weight to assign to yet: build it first), for a store that
    a loop makes on several layers, and for a value computed from the model (MAML's fast weights,
    `kernel - lr * grad`): `assign` would copy the value and cut the gradient the author means to keep; the
    message names `model.stateless_call(...)` for that.

    ## Numerical equivalence
    `intended`: `verify` checks that the layer's tracked weight holds the value the original tried to give it.

    ## References
    - [Keras layer weights](https://keras.io/api/layers/base_layer/#weights-property)
    - [tf.Variable.assign](https://www.tensorflow.org/api_docs/python/tf/Variable#assign)
    """

    CODE = "TFV105"
    NAME = "weight-attribute-rebind"
    MESSAGE = "Rebinding `{expr}` on {state} {cls} {consequence}; {advice}"
    FIX_TITLE = "Assign to the existing weight"
    FIX_AVAILABILITY = FixAvailability.SOMETIMES
    FIX_SAFETY = FixSafety.UNSAFE
    VERIFY = VerifyCheck.INTENDED

    def check(self, facts: Facts) -> Iterator[Finding]:
        if facts.flavor is Flavor.TF_KERAS:
            return
        drawn = _drawn(facts)
        for node, events in facts.grouped(Attribute):
            stores = [e for e in events if e.store and reachable(e)]
            if not stores or len(stores) != len(events) or not isinstance(node, cst.Attribute):
                continue
            targets = [_weight_of(e) for e in stores]
            first = targets[0]
            if first is None or any(
                t is None or (t[0].cls, t[1]) != (first[0].cls, first[1]) for t in targets
            ):
                continue
            # One layer: the same object, or the same one analysed twice (a `build` run on its own and from
            # a call); a store in a loop may reach several layers made at one site.
            one_layer = all(t is not None and t[0] is first[0] for t in targets) or (
                all(t is not None and t[0].site is first[0].site for t in targets)
                and not any(e.ctx.in_loop for e in stores)
            )
            layer, path = first
            weight = layer.spec.weight_at(path) if layer.spec is not None else None
            if weight is None:
                continue
            values = [e.value.single() for e in stores]
            value = values[0]
            if all(_own_weight(v, layer, path) for v in values):
                continue  # its own variable put back (`self.kernel = original_kernel`): Keras 3 takes it
            prop = (layer.short, weight.name) in _PROPERTIES and path == (weight.name,)
            # One store in a loop over layers makes a new variable per layer: compare where values are made.
            if any(not _same_site(v, value) for v in values) or (value is None and not prop):
                continue
            built = all(e.built.const() is True for e in stores)
            unbuilt = all(e.built.const() is False for e in stores)
            keras_variable = isinstance(value, VarObj) and (
                value.weight is not None or value.ctor in _KERAS_VARIABLES
            )
            raised = "ValueError" if keras_variable and built else "AttributeError" if prop else None
            if raised is not None and any(e.ctx.catches(raised) for e in stores):
                continue  # the code expects the error: a fallback for the other Keras follows
            if keras_variable and built:
                consequence = (
                    "raises `ValueError: You cannot add new elements of state (variables or sub-layers) to a layer "
                    "that is already built`"
                )
            elif prop and (not keras_variable or unbuilt):
                owner = stores[0].owner or layer.short
                error = f"property '{weight.name}' of '{owner}' object has no setter"
                consequence = f"raises `AttributeError: {error}`"
            elif keras_variable and unbuilt:
                # Before the build the layer keeps it as a plain attribute; `build` then makes its own weight
                # under that name, so the sharing the author meant is silently lost.
                consequence = (
                    f"is replaced when the layer builds: `{layer.short}` makes its own `{weight.name}` then and "
                    "never reads this one"
                )
            elif built and value is not None and _constant_value(value, drawn):
                consequence = "leaves the old variable in `weights`: the new one is never trained or saved"
            else:
                continue  # a computed tensor on a plain attribute: functional "fast weights" may be meant
            if stores[0].owner and not keras_variable:
                advice = (
                    "compute with the new value without storing it on the layer (in `call()`, pass it to the op "
                    "that reads the weight); `.assign(...)` would overwrite the trained weight"
                )
            elif unbuilt:
                advice = "build it first, then assign the value to its weight"
            elif keras_variable:
                advice = (
                    "to share one weight, call the same layer on both inputs; to copy the variable's current "
                    "value, assign it to the weight (`.assign(...)`)"
                )
            elif value is None or not _constant_value(value, drawn):
                advice = (
                    "assign the value to the weight (`.assign(...)` copies it, and cuts any gradient through "
                    "it); for fast weights that keep the gradient, run the model on the new values with "
                    "`model.stateless_call(...)`"
                )
            else:
                advice = "assign the value to the weight instead"
            yield self.finding(
                node,
                fix=self._fix(facts, stores[0], node, layer, weight, value)
                if value is not None and one_layer and not stores[0].owner
                else None,
                expr=facts.code_for(node),
                state="an unbuilt" if unbuilt else "a built",
                cls=f"{stores[0].owner} (a {layer.short} subclass)" if stores[0].owner else layer.short,
                consequence=consequence,
                advice=advice,
            )

    def _fix(
        self,
        facts: Facts,
        event: Attribute,
        node: cst.Attribute,
        layer: LayerObj,
        weight: WeightSpec,
        value: Obj,
    ) -> FixPlan | None:
        """`x.kernel = tf.Variable(v)` or `= <constant array>` -> `x.kernel.assign(v)`."""
        statement = event.statement
        if not isinstance(statement, cst.SimpleStatementLine) or len(statement.body) != 1:
            return None
        small = statement.body[0]
        if not (
            isinstance(small, cst.Assign) and len(small.targets) == 1 and small.targets[0].target is node
        ):
            return None
        replacement: cst.BaseExpression | None = None
        shape: tuple[int | None, ...] | None = None
        title: str | None = None
        if isinstance(value, VarObj) and value.weight is None and value.ctor in _TF_VARIABLES:
            shape, replacement = value.shape, value.initial_node
            call = value.site
            if isinstance(call, cst.Call) and any(
                a.keyword is not None and a.keyword.value not in _KEPT for a in call.args
            ):
                return None
        elif isinstance(value, TensorObj) and _constant_value(value, _drawn(facts)):
            shape, replacement = value.shape, small.value
        elif isinstance(value, VarObj) and (value.weight is not None or value.ctor in _KERAS_VARIABLES):
            # Another layer's weight, or one `add_weight` made: Keras 3 cannot make the layer read it. The
            # assign copies its value now; the two stay separate variables (tying them takes one layer).
            shape, replacement = value.shape, small.value
            title = (
                "Copy the variable's value into the layer's own weight (`assign`); they stay two variables"
            )
        if replacement is None or event.built.const() is not True:
            return None
        expected = weight_shape(layer, weight)
        if shape is not None and expected is not None and conflict(shape, expected):
            return None
        code = facts.code_for
        return self.fix(
            Replace(small, f"{code(node)}.assign({code(replacement)})"),
            title=title,
            intended=(Intended(small.value),),
        )


def _constant_value(value: Obj, fresh: set[int] = frozenset()) -> bool:  # type: ignore[assignment]
    """A new variable, or an array made from constants (or drawn at random): a value meant to become the
    weight's, not one computed from the model's state."""
    if isinstance(value, VarObj):
        return value.weight is None and value.ctor in VARIABLE_CONSTRUCTORS
    return (
        isinstance(value, TensorObj)
        and value.shape is not None
        and value.source is None
        and not value.symbolic
        and (value.content is not None or id(value) in fresh)
    )


def _drawn(facts: Facts) -> set[int]:
    """Arrays made by a random generator call: fresh values, whatever they hold."""
    out: set[int] = set()
    for call in facts.of(MethodCall):
        if call.callee.startswith(("numpy.random.", "tf.random.", "keras.random.")) or (
            call.callee in (".normal", ".uniform", ".standard_normal", ".random", ".rand", ".randn")
            and any(isinstance(o, KerasObj) and o.cls == "numpy.random.Generator" for o in call.receiver)
        ):
            out.update(id(o) for o in call.result)
    return out


def _weight_of(event: Attribute) -> tuple[LayerObj, tuple[str, ...]] | None:
    obj = event.base.single()
    if isinstance(obj, LayerObj):
        return obj, (event.attr,)
    if isinstance(obj, PartObj):
        return obj.layer, (*obj.path, event.attr)
    return None


def _same_site(a: Obj | None, b: Obj | None) -> bool:
    return a is b or (a is not None and b is not None and type(a) is type(b) and a.site is b.site)


def _own_weight(value: Obj | None, layer: LayerObj, path: tuple[str, ...]) -> bool:
    """The layer's own weight at `path`: storing it back rebinds nothing."""
    return (
        isinstance(value, VarObj)
        and value.weight is not None
        and value.weight.layer is layer
        and tuple(value.weight.path) == path
    )
