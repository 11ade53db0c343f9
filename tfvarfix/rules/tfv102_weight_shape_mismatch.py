from __future__ import annotations

from collections.abc import Iterator

import libcst as cst

from tfvarfix.keras.names import VARIABLE_CONSTRUCTORS
from tfvarfix.keras.table import WeightSpec
from tfvarfix.rule import Finding, Rule
from tfvarfix.semantics.model import LayerFact, ModuleFacts
from tfvarfix.semantics.weights import (
    Shape,
    WeightCollector,
    broadcast_conflict,
    conflict,
    formula,
    layer_config,
    present_weights,
    show,
    variable_weight,
    weight_facts,
    weight_shape,
)
from tfvarfix.types import FixAvailability


class WeightShapeMismatch(Rule):
    """
    ## What it does
    Finds a value whose static shape cannot fit the layer weight it is given to: a variable named after the
    weight (TFV101), `<weight>.assign(value)`, `layer.set_weights([...])`, or a
    `keras.initializers.Constant(value)` given as the layer's initializer. The weight's shape comes from the
    layer-weight table (`LSTM` kernel: `(input_dim, 4*units)`); a dimension that depends on something unknown
    (often `input_dim`) is left open, and the other dimensions must still agree.

    ## Why is this bad?
    The value can never become the weight. `assign` raises `ValueError: The shape of the target variable and
    the shape of the target value in `variable.assign(value)` must match. variable.shape=(100, 256), Received:
    value.shape=(100, 64).`; `set_weights` raises `ValueError: Layer dense weight shape (4, 3) is not
    compatible with provided weight shape (5, 3).`; a `Constant` initializer fails at build with
    `InvalidArgumentError: Incompatible shapes: [100,64] vs. [100,256]`. A detached variable (TFV101) raises
    nothing at all, which hides the second mistake behind the first: an `LSTM(64)` kernel has `4*64 = 256`
    columns.

    ## Example
    ```python
    import tensorflow as tf

    lstm = tf.keras.layers.LSTM(64, name="my_lstm")
    lstm(tf.zeros((1, 5, 100)))
    lstm.cell.kernel.assign(tf.random.normal([100, 64]))
    ```

    ## Use instead
    ```python
    import tensorflow as tf

    lstm = tf.keras.layers.LSTM(64, name="my_lstm")
    lstm(tf.zeros((1, 5, 100)))
    lstm.cell.kernel.assign(tf.random.normal([100, 256]))
    ```

    ## Fix safety
    There is no fix: which of the two shapes is wrong is the author's decision. The message gives both shapes
    and the weight's formula.

    ## Numerical equivalence
    Not applicable: no fix.

    ## References
    - [Keras LSTM layer](https://keras.io/api/layers/recurrent_layers/lstm/)
    - [tf.Variable.assign](https://www.tensorflow.org/api_docs/python/tf/Variable#assign)
    """

    CODE = "TFV102"
    NAME = "weight-shape-mismatch"
    MESSAGE = "{what} of shape {shape} cannot fit the {weight} of layer `{layer}`: {expected} = {formula}"
    FIX_AVAILABILITY = FixAvailability.NEVER
    COLLECTORS = (WeightCollector,)

    def check(self, facts: ModuleFacts) -> Iterator[Finding]:
        found = weight_facts(facts)
        for variable in facts.variables:
            shape = found.variable_shapes.get(id(variable.node))
            if variable.constructor in VARIABLE_CONSTRUCTORS and shape is not None:
                owners = variable_weight(facts, variable)
                if len(owners) == 1:
                    yield from self._compare(
                        facts,
                        variable.node,
                        "The detached variable",
                        shape,
                        owners[0].layer,
                        owners[0].weight,
                    )
        refs = {id(ref.node): ref for ref in facts.weight_refs}
        for assign in found.assigns:
            ref = refs.get(id(assign.target))
            if ref is None or assign.shape is None or ref.layer.spec is None:
                continue
            weight = ref.layer.spec.weight_at(ref.path)
            if weight is not None:
                yield from self._compare(
                    facts, assign.node, "The assigned value", assign.shape, ref.layer, weight
                )
        for call in found.set_weights:
            weights = present_weights(call.layer, layer_config(facts, call.layer))
            if weights is None or len(weights) != len(call.shapes):
                continue
            for weight, shape, item in zip(weights, call.shapes, call.items, strict=True):
                if shape is not None:
                    yield from self._compare(facts, item, "`set_weights` item", shape, call.layer, weight)
        for layer in facts.layers:
            for keyword in layer.keywords:
                entry = found.initializer_shapes.get((id(layer.node), keyword))
                matching = [w for w in (layer.spec.weights if layer.spec else ()) if w.initializer == keyword]
                if entry is not None and len(matching) == 1:
                    yield from self._compare(
                        facts,
                        entry[0],
                        "The Constant initializer's value",
                        entry[1],
                        layer,
                        matching[0],
                        broadcast=True,
                    )

    def _compare(
        self,
        facts: ModuleFacts,
        node: cst.CSTNode,
        what: str,
        shape: Shape,
        layer: LayerFact,
        weight: WeightSpec,
        broadcast: bool = False,
    ) -> Iterator[Finding]:
        expected = weight_shape(layer, weight, layer_config(facts, layer))
        if expected is None or not (broadcast_conflict if broadcast else conflict)(shape, expected):
            return
        yield self.finding(
            node,
            what=what,
            shape=show(shape),
            weight=weight.name,
            layer=layer.name or layer.short_class,
            expected=show(expected),
            formula=formula(weight),
        )
