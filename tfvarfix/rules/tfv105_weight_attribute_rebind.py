from __future__ import annotations

from collections.abc import Iterator

import libcst as cst

from tfvarfix.keras.names import VARIABLE_CONSTRUCTORS
from tfvarfix.keras.table import Flavor
from tfvarfix.rule import Finding, Intended, Replace, Rule
from tfvarfix.semantics.model import ModuleFacts, VariableFact, WeightRef
from tfvarfix.semantics.weights import WeightCollector, conflict, layer_config, weight_facts, weight_shape
from tfvarfix.types import FixAvailability, FixSafety, VerifyCheck

# Keras 3 weight attributes that are read-only properties (backed by `_kernel`, `_embeddings`).
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


class WeightAttributeRebind(Rule):
    """
    ## What it does
    Finds a built layer's weight attribute rebound to a new variable or array: `layer.cell.kernel =
    tf.Variable(...)`, `dense.bias = tf.Variable(...)`, `model.get_layer('x').cell.kernel = np.ones(...)`.
    Modules that target tf_keras are not reported.

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
    meant. Offered when the value's shape is not provably different from the weight's (TFV102's formula) and
    the new variable has no options `assign` cannot keep (`dtype`, constraints).

    ## Numerical equivalence
    `intended`: `verify` checks that the layer's tracked weight holds the value the original tried to give it.

    ## References
    - [Keras layer weights](https://keras.io/api/layers/base_layer/#weights-property)
    - [tf.Variable.assign](https://www.tensorflow.org/api_docs/python/tf/Variable#assign)
    """

    CODE = "TFV105"
    NAME = "weight-attribute-rebind"
    MESSAGE = "Rebinding `{expr}` on a built {cls} {consequence}; assign the value to the weight instead"
    FIX_TITLE = "Assign to the existing weight"
    FIX_AVAILABILITY = FixAvailability.SOMETIMES
    FIX_SAFETY = FixSafety.UNSAFE
    VERIFY = VerifyCheck.INTENDED
    COLLECTORS = (WeightCollector,)

    def check(self, facts: ModuleFacts) -> Iterator[Finding]:
        found = weight_facts(facts)
        if facts.mentions_legacy_keras or found.flavor is Flavor.TF_KERAS:
            return
        variables = {id(v.node): v for v in facts.variables}
        for ref in facts.weight_refs:
            finding = self._check_ref(facts, ref, variables)
            if finding is not None:
                yield finding

    def _check_ref(
        self, facts: ModuleFacts, ref: WeightRef, variables: dict[int, VariableFact]
    ) -> Finding | None:
        layer = ref.layer
        weight = layer.spec.weight_at(ref.path) if layer.spec is not None else None
        statement = ref.statement
        if weight is None or not layer.built_before(ref.scope, ref.order):
            return None
        if not isinstance(statement, cst.SimpleStatementLine) or len(statement.body) != 1:
            return None
        small = statement.body[0]
        if not (
            isinstance(small, cst.Assign) and len(small.targets) == 1 and small.targets[0].target is ref.node
        ):
            return None
        found = weight_facts(facts)
        variable = variables.get(id(small.value))
        value: cst.BaseExpression | None = small.value
        shape = found.rhs_shapes.get(id(small.value))
        if variable is not None:
            if variable.constructor not in VARIABLE_CONSTRUCTORS:
                return None
            shape = found.variable_shapes.get(id(variable.node))
            value = variable.initial_value
            if any(a.keyword is not None and a.keyword.value not in _KEPT for a in variable.node.args):
                value = None
        elif shape is None:
            return None  # a tensor or another layer's weight: sharing may be meant
        expected = weight_shape(layer, weight, layer_config(facts, layer))
        fix = None
        if value is not None and not (
            shape is not None and expected is not None and conflict(shape, expected)
        ):
            code = facts.module.code_for_node
            fix = self.fix(
                Replace(small, f"{code(ref.node)}.assign({code(value)})"), intended=(Intended(small.value),)
            )
        if (layer.short_class, weight.name) in _PROPERTIES and ref.path == (weight.name,):
            error = f"property '{weight.name}' of '{layer.short_class}' object has no setter"
            consequence = f"raises `AttributeError: {error}`"
        else:
            consequence = "leaves the old variable in `weights`: the new one is never trained or saved"
        return self.finding(
            ref.node,
            fix=fix,
            expr=facts.module.code_for_node(ref.node),
            cls=layer.short_class,
            consequence=consequence,
        )
