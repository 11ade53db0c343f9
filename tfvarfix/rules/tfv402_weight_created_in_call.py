from __future__ import annotations

from collections.abc import Iterator

import libcst as cst

from tfvarfix.rule import Finding, FixPlan, InsertAfter, Remove, Rule
from tfvarfix.semantics.lifecycle import (
    Creation,
    CreationSites,
    lifecycle_facts,
    self_assignments,
    self_target,
)
from tfvarfix.semantics.model import LayerFact, ModuleFacts
from tfvarfix.types import FixAvailability, FixSafety, VerifyCheck


class WeightCreatedInCall(Rule):
    """
    ## What it does
    Finds state created inside `call()` of a Keras `Layer` or `Model` subclass: a layer constructed there
    (bound to `self.x`, also lazily under `if self.x is None:`, or a local layer that has weights,
    `Dense(1)(x)`), `self.add_weight(...)`, and `tf.Variable`/`keras.Variable`.

    ## Why is this bad?
    `call()` runs on every forward pass and is traced by `fit`. Under `fit` (jit or not) the first call fails:
    `ValueError: tf.function only supports singleton tf.Variables created on the first call. Make sure the
    tf.Variable is only created once or created outside tf.function.` Eagerly, a local layer's weights are
    made anew each call and never trained (`The model does not have any trainable weights.`). Keras 3 refuses
    `self.d = Dense(1)` in `call()` in every mode, and the lazy `if self.d is None:` form too: `ValueError:
    You cannot add new elements of state (variables or sub-layers) to a layer that is already built. All state
    must be created in the `__init__()` method or in the `build()` method.` (tf_keras accepted the lazy form).

    ## Example
    ```python
    import keras


    class Head(keras.layers.Layer):
        def __init__(self, units):
            super().__init__()
            self.units = units

        def call(self, x):
            self.proj = keras.layers.Dense(self.units)
            return self.proj(x)
    ```

    ## Use instead
    ```python
    import keras


    class Head(keras.layers.Layer):
        def __init__(self, units):
            super().__init__()
            self.units = units
            self.proj = keras.layers.Dense(self.units)

        def call(self, x):
            return self.proj(x)
    ```

    ## Fix safety
    For `self.x = <layer or variable>(...)` in `call()`, alone or under `if self.x is None:`, whose arguments
    read only literals, imports and attributes that `__init__` sets, the fix moves the assignment to the end
    of `__init__`. It is unsafe: the layer or variable now exists before the first call (it appears in the
    layer's tracked state, checkpoints and `summary()`), and where the original made a new one per call there
    is now one that trains. A construction that reads the inputs (their shape belongs in
    `build(input_shape)`), local layers and variables, and classes without their own `__init__` are reported
    without a fix.

    ## Numerical equivalence
    `repairs`: Keras 3 raises in the original and runs the rewrite; under `fit` the original raises the
    singleton `ValueError` and the rewrite trains the layer's weights.

    ## References
    - [Making new layers and models via
      subclassing](https://keras.io/guides/making_new_layers_and_models_via_subclassing/)
    - [tf.function: creating tf.Variables](https://www.tensorflow.org/guide/function#creating_tfvariables)
    """

    CODE = "TFV402"
    NAME = "weight-created-in-call"
    MESSAGE = "{what} is created in `{cls}.call()`, on every call: {consequence}"
    FIX_TITLE = "Create it once, in `__init__`"
    FIX_AVAILABILITY = FixAvailability.SOMETIMES
    FIX_SAFETY = FixSafety.UNSAFE
    VERIFY = VerifyCheck.REPAIRS
    COLLECTORS = (CreationSites,)

    def check(self, facts: ModuleFacts) -> Iterator[Finding]:
        for creation in lifecycle_facts(facts).creations:
            scope = creation.scope
            cls = scope.class_fact
            if scope.name != "call" or cls is None or not cls.is_layer:
                continue
            target = self_target(creation)
            fact = creation.fact
            if isinstance(fact, LayerFact):
                if target is None and (fact.spec is None or not fact.spec.weights):
                    continue  # a local layer not known to own weights (Flatten, Activation)
                what = f"Layer `{fact.short_class}`"
            else:
                what = f"Variable `{fact.constructor}`"
            consequence = (
                "Keras 3 raises `You cannot add new elements of state`, and `fit` raises `tf.function only "
                "supports singleton tf.Variables`"
                if target is not None
                else "`fit` raises `tf.function only supports singleton tf.Variables`, and eagerly its "
                "weights "
                "are never trained"
            )
            yield self.finding(
                creation.node,
                fix=self._fix(facts, creation, target),
                what=what,
                cls=cls.name,
                consequence=consequence,
            )

    def _fix(self, facts: ModuleFacts, creation: Creation, target: str | None) -> FixPlan | None:
        cls = creation.scope.class_fact
        if target is None or cls is None or creation.reads_locals or "__init__" not in cls.methods:
            return None
        init = cls.methods["__init__"]
        if not isinstance(init.body, cst.IndentedBlock) or not init.body.body:
            return None
        assigned = self_assignments(init)
        if any(attr not in assigned for attr in creation.self_reads):
            return None
        call_body = creation.scope.node.body  # type: ignore[attr-defined]
        moved = creation.chain[0]
        if len(call_body.body) < 2:
            return None
        statement = creation.chain[-1]
        code = facts.module.code_for_node(statement.body[0])  # type: ignore[attr-defined]
        return self.fix(Remove(moved), InsertAfter(init.body.body[-1], code))
