from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import libcst as cst

from tfvarfix.keras.table import RECURRENT_WEIGHTS
from tfvarfix.rule import Finding, Replace, Rule
from tfvarfix.semantics.events import Attribute
from tfvarfix.semantics.facts import Facts, reachable
from tfvarfix.semantics.values import LayerObj, Obj, PartObj
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

    def check(self, facts: Facts) -> Iterator[Finding]:
        for node, events in facts.grouped(Attribute):
            if not isinstance(node, cst.Attribute) or node.attr.value not in RECURRENT_WEIGHTS:
                continue
            # A store sets a new attribute (the layer never reads it): TFV105's concern, not an AttributeError.
            live = [e for e in events if reachable(e) and not e.store and not e.ctx.catches("AttributeError")]
            verdicts = [
                _verdict(o, node.attr.value, e.built.const() is True)
                for e in live
                for o in (list[Obj | None](e.base) or [None])
            ]
            if not verdicts or any(v is _FINE for v in verdicts):
                continue
            wrong = [v for v in verdicts if isinstance(v, _Wrong)]
            if not wrong:
                continue
            first = wrong[0]
            # One fix for every context (`.cell` is right for an LSTM and a GRU alike), and not on a parameter of
            # a function other modules may call with other layers.
            certain = (
                len(wrong) == len(verdicts)
                and all(v.segment == first.segment for v in wrong)
                and not _through_parameter(live[0], node.value)
            )
            expr = facts.code_for(node)
            base = facts.code_for(node.value)
            fixed = first.fixed.format(base=base, weight=node.attr.value)
            fix = None
            if certain and first.segment:
                inserted = node.with_changes(
                    value=cst.Attribute(value=node.value, attr=cst.Name(first.segment))
                )
                fix = self.fix(Replace(node, inserted), title=f"Insert `.{first.segment}`")
            yield self.finding(node, fix=fix, expr=expr, reason=first.reason, fixed=fixed)


@dataclass(frozen=True)
class _Wrong:
    reason: str
    fixed: str  # what to write instead, with {base} and {weight}
    segment: str = ""  # the attribute to insert before the weight; "" when there are two candidates


_FINE = object()


def _verdict(obj: Obj | None, weight: str, built: bool) -> _Wrong | object | None:
    """Why reading `weight` on `obj` raises, `_FINE` when it does not, None when that is not known."""
    path: tuple[str, ...]
    if isinstance(obj, LayerObj):
        layer, path = obj, ()
    elif isinstance(obj, PartObj):
        layer, path = obj.layer, obj.path
    else:
        return None
    if layer.spec is None:
        return None
    short = layer.short
    if _copied(layer) and not built:
        return _Wrong(
            f"Bidirectional copies the layer it wraps, so this {short} is never built",
            "<bidirectional>.forward_layer.cell.{weight}` or `<bidirectional>.backward_layer.cell.{weight}",
        )
    if layer.spec.weight_at((*path, weight)) is not None:
        return _FINE
    if layer.spec.recurrent and not path:
        return _Wrong(f"{short} keeps its weights on `.cell`", "{base}.cell.{weight}", "cell")
    inner = layer.wrapped
    if short == "Bidirectional" and inner is not None and inner.spec is not None and inner.spec.recurrent:
        if path in (("forward_layer",), ("backward_layer",)):
            return _Wrong(
                f"the {inner.short} in `{path[0]}` keeps its weights on `.cell`",
                "{base}.cell.{weight}",
                "cell",
            )
        if not path:
            return _Wrong(
                "Bidirectional keeps its weights on `forward_layer` and `backward_layer`",
                "{base}.forward_layer.cell.{weight}` or `{base}.backward_layer.cell.{weight}",
            )
    if short == "TimeDistributed" and inner is not None and inner.spec is not None and not path:
        if inner.spec.recurrent:
            return None  # TimeDistributed over an RNN is rare enough that we do not guess its path
        if inner.spec.weight(weight) is not None:
            return _Wrong("TimeDistributed keeps its weights on `.layer`", "{base}.layer.{weight}", "layer")
    return _FINE if layer.spec.weights else None


def _copied(layer: LayerObj) -> bool:
    """A layer (or the cell of an RNN layer) that a Bidirectional wraps: the wrapper builds a copy instead."""
    current: LayerObj | None = layer
    while current is not None and current.wrapper is not None:
        if current.wrapper.short == "Bidirectional":
            return True
        current = current.wrapper if current.wrapper.short == "RNN" else None
    return False


def _through_parameter(event: Attribute, expr: cst.BaseExpression) -> bool:
    """Whether the expression starts from a parameter of the function it is in (`self` of a method aside)."""
    function = event.function
    while isinstance(expr, (cst.Attribute, cst.Subscript, cst.Call)):
        expr = expr.value if not isinstance(expr, cst.Call) else expr.func
    if function is None or not isinstance(expr, cst.Name):
        return False
    params = [*function.params.posonly_params, *function.params.params, *function.params.kwonly_params]
    names = [p.name.value for p in params]
    if names and names[0] in ("self", "cls") and expr.value == names[0]:
        return False
    return expr.value in names
