from __future__ import annotations

import re
from collections.abc import Iterator

import libcst as cst

from tfvarfix.rule import Finding, Rule
from tfvarfix.semantics import guards
from tfvarfix.semantics.model import ClassFact, LayerFact, ModuleFacts, ScopeKind
from tfvarfix.semantics.weights import WeightCollector, layer_config, present_weights, show, weight_shape
from tfvarfix.types import FixAvailability

FORGET_GATE_LAYERS = frozenset({"LSTM", "LSTMCell", "ConvLSTM1D", "ConvLSTM2D", "ConvLSTM3D"})
Use = tuple[LayerFact, str, tuple[int | None, ...]]


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
    COLLECTORS = (WeightCollector,)

    def check(self, facts: ModuleFacts) -> Iterator[Finding]:
        for cls in facts.classes:
            if not (cls.keras_base or "").startswith("keras.initializers."):
                continue
            guard = guards.guard_of(cls.methods.get("__call__"))
            uses = _uses(facts, cls) if guard is not None else None
            if guard is None or not uses:
                continue
            shadowed = "len" in facts.scopes[0].bindings
            results = [guards.evaluate(guard, shape, shadowed) for _, _, shape in uses]
            if any(r is None or r[0] for r in results):
                continue
            layer, weight, shape = uses[0]
            first = results[0]
            assert first is not None
            more = len(uses) - 1
            yield self.finding(
                guard.test,
                test=facts.module.code_for_node(guard.test),
                values=first[1],
                weight=weight,
                layer=layer.symbols[0] if layer.symbols else layer.short_class,
                shape=show(shape),
                more=f" and {more} other weight{'s' * (more > 1)}" if more else "",
            )


def _words(facts: ModuleFacts, name: str) -> int:
    return len(re.findall(rf"(?<!\w){re.escape(name)}(?!\w)", facts.code))


def _built_here(value: cst.BaseExpression, cls: ClassFact) -> bool:
    return isinstance(value, cst.Call) and isinstance(value.func, cst.Name) and value.func.value == cls.name


def _uses(facts: ModuleFacts, cls: ClassFact) -> list[Use] | None:
    """(layer, weight, shape) for every weight an instance of `cls` initializes; None when an instance or the
    class is used anywhere else, or a shape is not known."""
    bound: list[str] = []
    for scope in facts.scopes:
        node = scope.node
        if scope.kind is ScopeKind.CLASS or not isinstance(node, (cst.Module, cst.FunctionDef)):
            continue
        for statement in node.body if isinstance(node, cst.Module) else node.body.body:
            for small in statement.body if isinstance(statement, cst.SimpleStatementLine) else ():
                if (
                    isinstance(small, cst.Assign)
                    and _built_here(small.value, cls)
                    and len(small.targets) == 1
                ):
                    target = small.targets[0].target
                    bound.append(target.value if isinstance(target, cst.Name) else "")
    args: list[tuple[LayerFact, str]] = []
    inline = 0
    for layer in facts.layers:
        for keyword, arg in layer.keywords.items():
            value = arg.value
            if keyword.endswith("_initializer") and _built_here(value, cls):
                inline += 1
                args.append((layer, keyword))
            elif keyword.endswith("_initializer") and isinstance(value, cst.Name) and value.value in bound:
                args.append((layer, keyword))
    if "" in bound or _words(facts, cls.name) != 1 + inline + len(bound):
        return None
    for name in bound:
        passed = sum(1 for layer, k in args if getattr(layer.keywords[k].value, "value", None) == name)
        if _words(facts, name) != 1 + passed:
            return None
    uses: list[Use] = []
    for layer, keyword in args:
        found = _shapes(facts, layer, keyword)
        if found is None:
            return None
        uses.extend((layer, weight, shape) for weight, shape in found)
    return uses


def _shapes(
    facts: ModuleFacts, layer: LayerFact, keyword: str
) -> list[tuple[str, tuple[int | None, ...]]] | None:
    spec = layer.spec
    if spec is None or spec.wrapper or layer.wrapper is not None or layer.wrapped is not None:
        return None
    if not layer.cls.startswith("keras.layers.") or layer.short_class == "MultiHeadAttention":
        return None
    config = layer_config(facts, layer)
    forget = keyword == "bias_initializer" and layer.short_class in FORGET_GATE_LAYERS
    if forget and config.get("unit_forget_bias") is not False:
        return None  # Keras calls it with (units,) and (2 * units,)
    weights = [w for w in present_weights(layer, config) or () if w.initializer == keyword]
    shapes = [(w.name, weight_shape(layer, w, config)) for w in weights]
    if not shapes or any(shape is None for _, shape in shapes):
        return None
    return [(name, shape) for name, shape in shapes if shape is not None]
