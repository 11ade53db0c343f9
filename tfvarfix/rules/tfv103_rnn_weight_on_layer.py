from __future__ import annotations

from collections.abc import Iterator

import libcst as cst

from tfvarfix.keras.table import RECURRENT_WEIGHTS
from tfvarfix.rule import Finding, Replace, Rule
from tfvarfix.semantics.model import LayerFact, ModuleFacts, WeightRef
from tfvarfix.types import FixAvailability, FixSafety, VerifyCheck


class RnnWeightOnLayer(Rule):
    """
    ## What it does
    Finds `.kernel`, `.recurrent_kernel` and `.bias` read or written on a recurrent layer (`LSTM`, `GRU`,
    `SimpleRNN`, `ConvLSTM2D`) instead of on its cell, and wrong weight paths through `Bidirectional` and
    `TimeDistributed`: on a name bound to the layer, on `model.get_layer('name')`, on `model.layers[i]`.

    ## Why is this bad?
    Keras 3 and tf_keras keep a recurrent layer's weights on its cell: `lstm.kernel` raises
    `AttributeError: 'LSTM' object has no attribute 'kernel'` (Keras 1 and 2 had the attribute, so old answers and
    articles still show it). `Bidirectional` has no `cell` and no `kernel`: its weights live on `forward_layer` and
    `backward_layer`, which are copies of the layer it wraps, so the wrapped layer object itself is never built.
    `TimeDistributed` keeps its weights on `.layer`.

    ## Example
    ```python
    import tensorflow as tf

    lstm_layer = tf.keras.layers.LSTM(64, name="my_lstm")
    _ = lstm_layer(tf.zeros((32, 10, 1)))
    kernel = lstm_layer.kernel
    ```

    ## Use instead
    ```python
    import tensorflow as tf

    lstm_layer = tf.keras.layers.LSTM(64, name="my_lstm")
    _ = lstm_layer(tf.zeros((32, 10, 1)))
    kernel = lstm_layer.cell.kernel
    ```

    ## Fix safety
    Inserting `.cell` (or `.layer` for `TimeDistributed`) is safe: the original raises `AttributeError` on that
    line, and the rewrite reads the only weight of that name the layer has. A path through `Bidirectional` without
    a direction, or through the layer object a `Bidirectional` wrapped, has two candidates (forward and backward);
    it is reported without a fix.

    ## Numerical equivalence
    `repairs`: `verify` runs the original, which raises the `AttributeError`, and the rewrite, which runs and
    builds the same model.

    ## References
    - [Keras LSTM layer](https://keras.io/api/layers/recurrent_layers/lstm/)
    - [Keras Bidirectional wrapper](https://keras.io/api/layers/recurrent_layers/bidirectional/)
    """

    CODE = "TFV103"
    NAME = "rnn-weight-on-layer"
    MESSAGE = "`{expr}` raises AttributeError: {reason}; use `{fixed}`"
    FIX_TITLE = "Insert `.cell`"
    FIX_AVAILABILITY = FixAvailability.SOMETIMES
    FIX_SAFETY = FixSafety.SAFE
    VERIFY = VerifyCheck.REPAIRS

    def check(self, facts: ModuleFacts) -> Iterator[Finding]:
        for ref in facts.weight_refs:
            finding = self._check_ref(facts.module, ref)
            if finding is not None:
                yield finding

    def _check_ref(self, module: cst.Module, ref: WeightRef) -> Finding | None:
        layer, path = ref.layer, ref.path
        weight = path[-1]
        if weight not in RECURRENT_WEIGHTS or layer.spec is None:
            return None
        expr = module.code_for_node(ref.node)
        base = module.code_for_node(ref.layer_node)
        short = layer.short_class
        if layer.wrapper is not None and layer.wrapper.short_class == "Bidirectional" and _recurrent(layer):
            # The wrapped layer object is copied, never built: reading its weights is always wrong.
            return self.finding(
                ref.node,
                expr=expr,
                reason=f"Bidirectional copies the {short} it wraps, so `{base}` is never built",
                fixed=f"<bidirectional>.forward_layer.cell.{weight}` or `<bidirectional>.backward_layer.cell.{weight}",
            )
        if _recurrent(layer) and path == (weight,):
            return self._insert(ref, "cell", expr, f"{short} keeps its weights on `.cell`")
        if short == "Bidirectional" and layer.wrapped is not None and _recurrent(layer.wrapped):
            inner = layer.wrapped.short_class
            if len(path) >= 2 and path[0] in ("forward_layer", "backward_layer") and path[1] != "cell":
                return self._insert(
                    ref, "cell", expr, f"the {inner} in `{path[0]}` keeps its weights on `.cell`", at=1
                )
            if path[0] not in ("forward_layer", "backward_layer"):
                return self.finding(
                    ref.node,
                    expr=expr,
                    reason="Bidirectional keeps its weights on `forward_layer` and `backward_layer`",
                    fixed=f"{base}.forward_layer.cell.{weight}` or `{base}.backward_layer.cell.{weight}",
                )
        if short == "TimeDistributed" and layer.wrapped is not None and path[0] != "layer":
            wrapped = layer.wrapped
            if _recurrent(wrapped):
                return None  # TimeDistributed over an RNN is rare enough that we do not guess its path
            if wrapped.spec is not None and wrapped.spec.weight(weight) is not None and path == (weight,):
                return self._insert(ref, "layer", expr, "TimeDistributed keeps its weights on `.layer`")
        return None

    def _insert(self, ref: WeightRef, segment: str, expr: str, reason: str, at: int = 0) -> Finding:
        """Insert `.segment` after the first `at` attributes that follow the layer expression."""
        target: cst.BaseExpression = ref.node
        chain: list[cst.Attribute] = []
        while isinstance(target, cst.Attribute) and target is not ref.layer_node:
            chain.append(target)
            target = target.value
        chain.reverse()  # chain[0] is the attribute right after the layer expression
        anchor = chain[at]
        new = anchor.with_changes(value=cst.Attribute(value=anchor.value, attr=cst.Name(segment)))
        fixed_path = [*ref.path[:at], segment, *ref.path[at:]]
        fixed = f"{cst.Module([]).code_for_node(ref.layer_node)}.{'.'.join(fixed_path)}"
        return self.finding(
            ref.node,
            fix=self.fix(Replace(anchor, new), title=f"Insert `.{segment}`"),
            expr=expr,
            reason=reason,
            fixed=fixed,
        )


def _recurrent(layer: LayerFact) -> bool:
    return layer.spec is not None and layer.spec.recurrent
