from __future__ import annotations

import re
from collections.abc import Iterator

import libcst as cst

from tfvarfix.keras.table import WeightSpec
from tfvarfix.rule import (
    AddImport,
    AddModuleCode,
    Finding,
    FixPlan,
    Intended,
    NodeEdit,
    Remove,
    Replace,
    Rule,
)
from tfvarfix.semantics import initializers as init
from tfvarfix.semantics.edits import KEY, EditChain, EditCollector
from tfvarfix.semantics.model import LayerFact, LayerValue, ModelValue, ModuleFacts, RefContext
from tfvarfix.semantics.walker import contains_call
from tfvarfix.types import FixAvailability, FixSafety, VerifyCheck

TRAINING = frozenset({".fit", ".train_on_batch", ".fit_generator"})
READS = frozenset({".get_weights", ".predict", ".evaluate", ".save", ".save_weights", ".predict_on_batch"})


class PostBuildWeightEdit(Rule):
    """
    ## What it does
    Finds a built layer's weight overwritten, before any training, with values that were known when the layer
    was constructed: `layer.cell.kernel.assign(v)`, `kernel[0, 0].assign(v)`,
    `kernel.assign(tf.tensor_scatter_nd_update(kernel, idx, vals))`, `w = layer.get_weights();
    w[0][0, 0] = v; layer.set_weights(w)`, `layer.set_weights([np.zeros(...), ...])`,
    `K.set_value(layer.kernel, ...)` and the `k = kernel.numpy(); k[...] = v; kernel.assign(k)` round trip.
    Values computed from data, after training or from another model's weights are not this pattern and are not
    reported.

    ## Why is this bad?
    The value lives in a statement that must run after the build, and nowhere in the model: `model.save` keeps
    the edited numbers but not how they were made, a rebuilt or cloned model (`clone_model`, `from_config`, a
    new run with another input shape) starts from the plain initializer again, and the edit breaks when the
    statement moves before the build (`AttributeError: 'LSTMCell' object has no attribute 'kernel'`). An
    initializer says it where the weight is made.

    ## Example
    ```python
    import tensorflow as tf

    dense = tf.keras.layers.Dense(3, name="dense")
    _ = dense(tf.zeros((2, 4)))
    dense.kernel[0, 0].assign(0.5)
    ```

    ## Use instead
    ```python
    import numpy as np
    import tensorflow as tf


    @tf.keras.utils.register_keras_serializable(package="tfvarfix")
    class DenseKernelInitializer(tf.keras.initializers.Initializer):
        def __init__(self):
            self.base = tf.keras.initializers.GlorotUniform()

        def __call__(self, shape, dtype=None, **kwargs):
            kernel = np.array(self.base(shape, dtype=dtype, **kwargs))
            kernel[0, 0] = 0.5
            return kernel

        def get_config(self):
            return {}


    dense = tf.keras.layers.Dense(3, name="dense", kernel_initializer=DenseKernelInitializer())
    _ = dense(tf.zeros((2, 4)))
    ```

    ## Fix safety
    A whole-weight overwrite becomes `keras.initializers.Constant(v)`; a partial one becomes a generated
    initializer class, added once after the imports and registered with `register_keras_serializable`,
    that builds the original initializer (the explicit one, or the layer's default) in its `__init__` and then
    writes the edited elements. The edit statements are removed. The fix is safe where it provably gives the
    same weights. Keras 3 draws each initializer's seed from Python's `random` when it is constructed
    (tf_keras when it is first called), so the original initializer must still be constructed at the same
    point of the stream. That holds when it is deterministic (`zeros`, `ones`, `constant`), when its call is
    written in the layer's arguments, or when the edited weight is the first random one of the layer and no
    other argument calls anything. Replacing a random initializer by `Constant` removes a draw and shifts
    every later seed: unsafe. So is a fix where the weights were read between the build and the edit.

    ## Numerical equivalence
    `equivalent`: the original and the rewritten program, each run in a fresh process after
    `keras.utils.set_random_seed`, produce bit-identical weights (Keras 3 and tf_keras), and the rewritten
    model survives `model.save('m.keras')` and `keras.models.load_model`. tf_keras `.h5` files cannot load
    registered initializers (`ValueError: Unknown initializer`): use `.keras`.

    ## References
    - [Keras initializers](https://keras.io/api/layers/initializers/)
    - [Registering custom objects](https://keras.io/guides/serialization_and_saving/)
    """

    CODE = "TFV201"
    NAME = "post-build-weight-edit"
    MESSAGE = "`{weight}` is overwritten after the build with values known at construction; use `{keyword}`"
    FIX_TITLE = "Move the values into the layer's initializer"
    FIX_AVAILABILITY = FixAvailability.SOMETIMES
    FIX_SAFETY = FixSafety.UNSAFE
    VERIFY = VerifyCheck.EQUIVALENT
    COLLECTORS = (EditCollector,)

    def check(self, facts: ModuleFacts) -> Iterator[Finding]:
        chains: list[EditChain] = facts.extra.get(KEY, [])  # type: ignore[assignment]
        groups: dict[int, list[EditChain]] = {}
        for chain in chains:
            if _applies(facts, chain):
                groups.setdefault(id(chain.layer), []).append(chain)
        names: set[str] = set()
        for group in groups.values():
            plan = self._plan(facts, group, names)
            for chain in group:
                weights = list(dict.fromkeys(e.weight for e in chain.edits))
                yield self.finding(
                    chain.anchor,
                    fix=plan,
                    weight="`, `".join(w.name for w in weights),
                    keyword="`, `".join(f"{w.initializer}=..." for w in weights),
                )

    def _plan(self, facts: ModuleFacts, group: list[EditChain], names: set[str]) -> FixPlan | None:
        layer = group[0].layer
        prefix = init.keras_prefix(facts, layer)
        if prefix is None or layer.spec is None:
            return None
        edits: list[NodeEdit] = []
        keywords: dict[str, str] = {}
        safe = not any(_read_between(facts, chain) for chain in group)
        moved_draws = 0
        for weight in layer.spec.weights:
            mine = [e for chain in group for e in chain.edits if e.weight is weight]
            if not mine:
                continue
            original = init.base_initializer(
                facts.module, layer, weight.initializer or "", weight.default_initializer, prefix
            )
            if original is None or weight.initializer is None:
                return None
            last_full = max((i for i, e in enumerate(mine) if e.index is None), default=-1)
            base = (
                original.code
                if last_full < 0
                else f"{prefix}.initializers.Constant({mine[last_full].value!r})"
            )
            updates = [
                (init.index_text(e.index), e.value) for e in mine[last_full + 1 :] if e.index is not None
            ]
            if last_full >= 0 and not original.deterministic:
                safe = False  # the original's seed draw disappears
            if not updates:
                keywords[weight.initializer] = base
                continue
            if last_full < 0 and not original.deterministic and not original.explicit_call:
                moved_draws += 1
                safe = safe and _first_random(layer, weight, prefix, facts.module)
            numpy = init.numpy_alias(facts)
            if numpy is None:
                return None
            if numpy[1]:
                edits.append(AddImport("numpy", "np"))
            stem = layer.name or (layer.symbols[0].rsplit(".", 1)[-1] if layer.symbols else layer.short_class)
            name = _class_name(facts, stem, weight.name, names)
            names.add(name)
            about = f"`{original.kind}`, then the values once assigned to `{weight.name}` after the build."
            code = init.override_class(name, prefix, numpy[0], base, weight.name, updates, about)
            edits.append(AddModuleCode(f"tfv201:{name}", code))
            keywords[weight.initializer] = f"{name}()"
        others = [a for a in layer.node.args if a.keyword is None or a.keyword.value not in keywords]
        if moved_draws > 1 or (moved_draws and any(contains_call(a.value) for a in others)):
            safe = False
        edits.append(Replace(layer.node, init.with_keywords(layer.node, keywords)))
        edits.extend(Remove(s) for chain in group for s in chain.statements)
        if safe:
            return self.fix(*edits, safety=FixSafety.SAFE)
        # Unsafe: other weights may draw other random numbers, so only the edited elements are promised.
        intended = tuple(
            Intended(
                layer.node,
                value=".".join(e.weight.path),
                weight=".".join(e.weight.path),
                index=_index(e.index),
            )
            for chain in group
            for e in chain.edits
        )
        return self.fix(*edits, safety=FixSafety.UNSAFE, checks=VerifyCheck.INTENDED, intended=intended)


def _index(index: tuple[int | tuple[int | None, int | None], ...] | None) -> str:
    return "" if index is None else init.index_text(index)


def _applies(facts: ModuleFacts, chain: EditChain) -> bool:
    layer = chain.layer
    if layer.scope is not chain.scope or layer.in_loop or layer.arms or layer.wrapper is not None:
        return False
    if layer.local_class is not None or not layer.built_before(chain.scope, chain.order):
        return False
    for call in facts.calls:
        if call.callee in TRAINING and call.scope is chain.scope and call.order < chain.order:
            receiver = call.receiver
            if isinstance(receiver, LayerValue) and receiver.layer is layer:
                return False
            if isinstance(receiver, ModelValue) and receiver.model is layer.model:
                return False
    return True


def _read_between(facts: ModuleFacts, chain: EditChain) -> bool:
    start = min((o for s, o in chain.layer.builds if s is chain.scope), default=chain.order)
    inside = {id(s) for s in chain.statements}
    for ref in facts.weight_refs:
        mine = ref.layer is chain.layer and ref.context is RefContext.LOAD and ref.scope is chain.scope
        if mine and start <= ref.order <= chain.order and id(ref.statement) not in inside:
            return True
    for call in facts.calls:
        if call.callee in READS and call.scope is chain.scope and start <= call.order <= chain.order:
            receiver = call.receiver
            if id(call.statement) in inside:
                continue
            if isinstance(receiver, LayerValue) and receiver.layer is chain.layer:
                return True
            if isinstance(receiver, ModelValue) and receiver.model is chain.layer.model:
                return True
    return False


def _first_random(layer: LayerFact, weight: WeightSpec, prefix: str, module: cst.Module) -> bool:
    """Whether every weight initialized before `weight` is deterministic (so no seed is drawn first)."""
    for other in layer.spec.weights if layer.spec is not None else ():
        if other is weight:
            return True
        base = init.base_initializer(
            module, layer, other.initializer or "", other.default_initializer, prefix
        )
        if base is None or not base.deterministic:
            return False
    return False


def _class_name(facts: ModuleFacts, stem: str, weight: str, used: set[str]) -> str:
    words = [w for w in re.sub(r"\W", "_", f"{stem}_{weight}").split("_") if w]
    name = "".join(w[:1].upper() + w[1:] for w in words) + "Initializer"
    name = name if name[:1].isalpha() else f"Edited{name}"
    taken = facts.scopes[0].bindings
    candidate, n = name, 2
    while candidate in taken or candidate in used:
        candidate, n = f"{name}{n}", n + 1
    return candidate
