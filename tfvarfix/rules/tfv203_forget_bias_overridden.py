from __future__ import annotations

from collections.abc import Iterator

import libcst as cst

from tfvarfix.codegen import with_keywords
from tfvarfix.keras.table import FORGET_GATE_LAYERS
from tfvarfix.rule import Finding, FixPlan, Intended, Replace, Rule
from tfvarfix.semantics.events import Created
from tfvarfix.semantics.facts import Facts, reachable
from tfvarfix.semantics.values import AV, Const, InstanceObj, KerasObj, LayerObj
from tfvarfix.types import FixAvailability, FixSafety, Severity, VerifyCheck

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
    `bias[60:70] == [.25, .25, .25, .25, 1, 1, 1, 1, 1, 1]`, in Keras 3 and in tf_keras. A warning: a
    constant for the other gates beside the forget gate's ones may be what the author meant.

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
    SEVERITY = Severity.WARNING  # a constant bias may be meant for the other gates only

    def check(self, facts: Facts) -> Iterator[Finding]:
        for node, events in facts.grouped(Created):
            layers = [e.obj for e in events if isinstance(e.obj, LayerObj) and reachable(e)]
            if not layers or not isinstance(node, cst.Call):
                continue
            verdicts = [_overridden(layer) for layer in layers]
            if False in verdicts or True not in verdicts:
                continue  # fine in some context, or never shown to be overridden
            layer = layers[0]
            spec = layer.spec.positional if layer.spec is not None else ()
            arg = layer.args.arg_of("bias_initializer", spec)
            made = layer.args.get("bias_initializer", spec).single()
            shown = arg.value if arg is not None else made.site if made is not None else None  # `**options`
            fix = self._fix(layer, node) if all(v is True for v in verdicts) else None
            text = facts.code_for(shown) if shown is not None else "bias_initializer"
            yield self.finding(arg or node, fix=fix, initializer=text)

    def _fix(self, layer: LayerObj, call: cst.Call) -> FixPlan | None:
        spec = layer.spec.positional if layer.spec is not None else ()
        given = layer.args.arg_of("unit_forget_bias", spec)
        if given is not None:
            edit = Replace(given.value, cst.Name("False"))
        elif layer.args.given("unit_forget_bias", spec):
            return None  # from `**kwargs`: no argument to change
        else:
            edit = Replace(call, with_keywords(call, {"unit_forget_bias": "False"}), wrap=True)
        cell = "" if layer.short == "LSTMCell" else "cell."
        return self.fix(edit, intended=(Intended(call, value=f"{cell}bias_initializer", weight=f"{cell}bias"),))


def _overridden(layer: LayerObj) -> bool | None:
    """True when the layer's forget gate certainly overrides its bias initializer, False when it certainly does
    not, None when that is not known."""
    if layer.synthetic or not layer.cls.startswith("keras.layers.") or layer.short not in FORGET_GATE_LAYERS:
        return False
    spec = layer.spec.positional if layer.spec is not None else ()
    initializer = layer.args.get("bias_initializer", spec)
    if initializer.is_bottom:
        return False
    switches = [_switch(layer.args.get(k, spec)) for k in ("unit_forget_bias", "use_bias")]
    if False in switches:
        return False
    slice_kept = _same_slice(initializer)
    if slice_kept is None or None in switches:
        return None
    return not slice_kept


def _switch(value: AV) -> bool | None:
    """A boolean config keyword that defaults to True: absent or True is on."""
    if value.is_bottom:
        return True
    known = value.const()
    return known if isinstance(known, bool) else None


def _same_slice(value: AV) -> bool | None:
    """Whether the initializer's forget-gate slice is what `unit_forget_bias` writes anyway; None when unknown."""
    init = value.single()
    if isinstance(init, Const) and isinstance(init.value, str):
        return init.value.lower() in _SAME_SLICE
    if isinstance(init, KerasObj) and init.cls.startswith("keras.initializers."):
        short = init.cls.rsplit(".", 1)[-1].lower()
        if short in _SAME_SLICE:
            return not init.args.positional and not init.args.keywords
        if short == "constant":
            fill = init.args.first("value", 0).const()
            return fill in (1, 1.0) and not isinstance(fill, bool)
        return False
    if isinstance(init, InstanceObj) and init.cls.is_serializable_object:
        return False
    return None
