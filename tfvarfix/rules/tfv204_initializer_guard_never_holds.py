from __future__ import annotations

from collections.abc import Iterator

from tfvarfix.keras import guards
from tfvarfix.keras.table import FORGET_GATE_LAYERS
from tfvarfix.keras.transfer import present_weights
from tfvarfix.keras.weights import show, weight_shape
from tfvarfix.rule import Finding, Rule
from tfvarfix.semantics.events import Created, MethodCall, UserCall
from tfvarfix.semantics.facts import Facts
from tfvarfix.semantics.values import ClassObj, FuncObj, InstanceObj, LayerObj
from tfvarfix.types import FixAvailability

Use = tuple[LayerObj, str, tuple[int, ...]]


class InitializerGuardNeverHolds(Rule):
    """
    ## What it does
    Finds a custom `Initializer` whose `__call__` writes its value only under an `if` on the `shape` it is
    given, when that test is false for the shape of every weight the initializer is passed to in the module.

    ## Why is this bad?
    The initializer returns its base values and the special value is silently never written. Seed article 2's
    `CustomInitializer` tests `shape[1] == shape[0] * 4`; its LSTM gets 1 input feature and 64 units, so the
    kernel is `(1, 256)`, the test is `256 == 4`, and `kernel[0, 0]` stays the random glorot value (-0.0390 in
    Keras 3, 0.1090 in tf_keras) instead of 0.5. Nothing raises. Only straight-line code before the `if` is
    read (ints, `shape[i]`, `len(shape)`, `+ - * //`), and every use must have a fully known shape.

    ## Example
    ```python
    import tensorflow as tf


    class FirstGate(tf.keras.initializers.Initializer):
        def __call__(self, shape, dtype=None):
            values = tf.zeros(shape, dtype=dtype)
            if shape[1] == shape[0] * 4:
                values = values + 0.5
            return values


    layer = tf.keras.layers.LSTM(64, kernel_initializer=FirstGate(), use_bias=False)
    layer(tf.zeros((2, 10, 1)))
    ```

    ## Use instead
    ```python
    import tensorflow as tf


    class FirstGate(tf.keras.initializers.Initializer):
        def __call__(self, shape, dtype=None):
            values = tf.zeros(shape, dtype=dtype)
            if shape[1] % 4 == 0:
                values = values + 0.5
            return values


    layer = tf.keras.layers.LSTM(64, kernel_initializer=FirstGate(), use_bias=False)
    layer(tf.zeros((2, 10, 1)))
    ```

    ## Fix safety
    No fix: what the test should have been is the author's choice (the LSTM kernel is `(input_dim, 4 * units)`,
    so the seed meant `shape[1] % 4 == 0`, or no test at all).

    ## Numerical equivalence
    Not applicable: the rule only reports. Measured: with the guard false, `kernel[0, 0]` is the base value.

    ## References
    - [Keras custom initializers](https://keras.io/api/layers/initializers/#creating-custom-initializers)
    - [Keras LSTM layer, kernel shape](https://keras.io/api/layers/recurrent_layers/lstm/)
    """

    CODE = "TFV204"
    NAME = "initializer-guard-never-holds"
    MESSAGE = (
        "`{test}` is `{values}` for the {weight} of `{layer}` (shape {shape}){more}: "
        "the initializer never writes its value"
    )
    FIX_AVAILABILITY = FixAvailability.NEVER

    def check(self, facts: Facts) -> Iterator[Finding]:
        for cls in facts.classes:
            if not (cls.keras_base or "").startswith("keras.initializers.") or cls.unknown_base:
                continue
            found = facts.class_field(cls, "__call__")
            method = found.single() if found is not None else None
            guard = guards.guard_of(method) if isinstance(method, FuncObj) else None
            uses = _uses(facts, cls, method) if guard is not None else None
            if guard is None or not uses:
                continue
            shadowed = "len" in facts.module_names
            results = [guards.evaluate(guard, shape, shadowed) for _, _, shape in uses]
            if any(r is None or r[0] for r in results):
                continue
            layer, weight, shape = uses[0]
            first = results[0]
            assert first is not None
            more = len(uses) - 1
            yield self.finding(
                guard.test,
                test=facts.code_for(guard.test),
                values=first[1],
                weight=weight,
                layer=layer.name or layer.short,
                shape=show(shape),
                more=f" and {more} other weight{'s' * (more > 1)}" if more else "",
            )


def _uses(facts: Facts, cls: ClassObj, method: object) -> list[Use] | None:
    """(layer, weight, shape) for every weight an instance of `cls` initializes; None when an instance is called
    or used in any other way, or a shape is not fully known."""
    instances = {id(e.obj) for e in facts.of(Created) if isinstance(e.obj, InstanceObj) and e.obj.cls is cls}
    if not instances or any(e.func is method for e in facts.of(UserCall)):
        return None

    used: set[int] = set()
    uses: list[Use] = []
    for layer in facts.made(LayerObj):
        spec = layer.spec.positional if layer.spec is not None else ()
        given = {**dict(zip(spec, layer.args.positional, strict=False)), **layer.args.keywords}
        for keyword, value in given.items():
            if value.is_top or not any(id(o) in instances for o in value):
                continue
            if value.single() is None or not keyword.endswith("_initializer"):
                return None
            shapes = _shapes(layer, keyword)
            if shapes is None:
                return None
            used.add(id(value.single()))
            uses.extend((layer, name, shape) for name, shape in shapes)
    for call in facts.of(MethodCall):
        values = (*call.args.positional, *call.args.keywords.values())
        if not call.callee.startswith("keras.layers.") and any(id(o) in instances for v in values for o in v):
            return None  # given to something else that may call it
    return uses if used == instances else None


def _shapes(layer: LayerObj, keyword: str) -> list[tuple[str, tuple[int, ...]]] | None:
    spec = layer.spec
    if spec is None or spec.wrapper or layer.wrapper is not None or layer.wrapped is not None or layer.synthetic:
        return None
    if not layer.cls.startswith("keras.layers.") or layer.short == "MultiHeadAttention":
        return None
    forget = keyword == "bias_initializer" and layer.short in FORGET_GATE_LAYERS
    if forget and layer.known.get("unit_forget_bias", True) is not False:
        return None  # Keras calls it with (units,) and (2 * units,)
    weights = present_weights(layer)
    if weights is None:
        return None
    out: list[tuple[str, tuple[int, ...]]] = []
    for weight in weights:
        if weight.initializer != keyword:
            continue
        shape = weight_shape(layer, weight)
        if shape is None or any(d is None for d in shape):
            return None
        out.append((weight.name, tuple(d for d in shape if d is not None)))
    return out
