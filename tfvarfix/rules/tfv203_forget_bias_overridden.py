from __future__ import annotations

from collections.abc import Iterator

import libcst as cst

from tfvarfix.rule import Finding, Intended, Replace, Rule
from tfvarfix.semantics import initializers as init
from tfvarfix.semantics.evaluate import literal_value
from tfvarfix.semantics.model import LayerFact, ModuleFacts
from tfvarfix.types import FixAvailability, FixSafety, VerifyCheck

FORGET_GATE_LAYERS = frozenset({"LSTM", "LSTMCell", "ConvLSTM1D", "ConvLSTM2D", "ConvLSTM3D"})
# Initializers whose forget-gate slice is what `unit_forget_bias` writes anyway (zeros is the default).
_SAME_SLICE = frozenset({"zeros", "ones"})


class ForgetBiasOverridden(Rule):
    """
    ## What it does
    Finds an `LSTM`, `LSTMCell` or `ConvLSTM1D/2D/3D` given a `bias_initializer` other than the default while
    `unit_forget_bias` is left at its default, `True`.

    ## Why is this bad?
    With `unit_forget_bias=True` Keras builds the bias from three calls: `bias_initializer((units,))`, then
    ones for the forget gate, then `bias_initializer((2 * units,))`. Whatever the initializer says, the
    forget-gate slice `bias[units:2 * units]` is 1.0. Seed article 2's
    `bias_initializer=ConstantInitializer(0.25)` with 64 units gives
    `bias[60:70] == [.25, .25, .25, .25, 1, 1, 1, 1, 1, 1]`, in Keras 3 and in tf_keras.

    ## Example
    ```python
    import tensorflow as tf

    lstm = tf.keras.layers.LSTM(8, bias_initializer=tf.keras.initializers.Constant(0.25))
    ```

    ## Use instead
    ```python
    import tensorflow as tf

    init = tf.keras.initializers.Constant(0.25)
    lstm = tf.keras.layers.LSTM(8, bias_initializer=init, unit_forget_bias=False)
    ```

    ## Fix safety
    Unsafe: `unit_forget_bias=False` gives the forget gate the initializer's value instead of 1.0, which
    changes the model (towards what the author wrote), and the initializer is then called once with shape
    `(4 * units,)` instead of twice with `(units,)` and `(2 * units,)`, so random initializers give other
    values. An explicit `unit_forget_bias=True` is reported too; `"zeros"` and `"ones"` are not (the slice is
    the same).

    ## Numerical equivalence
    `intended`: after the fix the whole bias, forget gate included, holds the initializer's value.

    ## References
    - [Keras LSTM layer, `unit_forget_bias`](https://keras.io/api/layers/recurrent_layers/lstm/)
    - [Jozefowicz et al., 2015: the forget-gate bias of 1](https://proceedings.mlr.press/v37/jozefowicz15.pdf)
    """

    CODE = "TFV203"
    NAME = "forget-bias-overridden"
    MESSAGE = (
        "`unit_forget_bias=True` overwrites the forget-gate slice of `{initializer}` with 1.0; "
        "set `unit_forget_bias=False` to keep the initializer's values"
    )
    FIX_TITLE = "Set `unit_forget_bias=False`"
    FIX_AVAILABILITY = FixAvailability.ALWAYS
    FIX_SAFETY = FixSafety.UNSAFE
    VERIFY = VerifyCheck.INTENDED

    def check(self, facts: ModuleFacts) -> Iterator[Finding]:
        for layer in facts.layers:
            arg = layer.keywords.get("bias_initializer")
            if (
                arg is None
                or not layer.cls.startswith("keras.layers.")
                or layer.short_class not in FORGET_GATE_LAYERS
            ):
                continue
            if not _switch_on(layer, "unit_forget_bias") or not _switch_on(layer, "use_bias"):
                continue
            if _same_slice(facts, arg.value):
                continue
            forget = layer.keywords.get("unit_forget_bias")
            if forget is not None:
                edit = Replace(forget.value, cst.Name("False"))
            else:
                edit = Replace(layer.node, init.with_keywords(layer.node, {"unit_forget_bias": "False"}))
            cell = "" if layer.short_class == "LSTMCell" else "cell."
            intended = Intended(layer.node, value=f"{cell}bias_initializer", weight=f"{cell}bias")
            yield self.finding(
                arg,
                fix=self.fix(edit, intended=(intended,)),
                initializer=facts.module.code_for_node(arg.value),
            )


def _switch_on(layer: LayerFact, keyword: str) -> bool:
    """True when the boolean config keyword is absent (both default to True) or literally True."""
    expr = layer.keywords.get(keyword)
    return expr is None or literal_value(expr.value, None) is True


def _same_slice(facts: ModuleFacts, expr: cst.BaseExpression) -> bool:
    value = literal_value(expr, None)
    if isinstance(value, str):
        return value.lower() in _SAME_SLICE
    if isinstance(expr, cst.Call):
        name = init.resolve(facts, expr.func) or ""
        short = init.snake(name.rsplit(".", 1)[-1]) if name.startswith("keras.initializers.") else ""
        if short in _SAME_SLICE and not expr.args:
            return True
        if (
            short == "constant"
            and len(expr.args) == 1
            and literal_value(expr.args[0].value, None) in (1, 1.0)
        ):
            return True
    return False
