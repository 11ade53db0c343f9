from __future__ import annotations

from collections.abc import Iterator

import libcst as cst

from tfvarfix.rule import Finding, Replace, Rule
from tfvarfix.semantics.model import LayerFact, ModelFact, ModelKind, ModuleFacts, exclusive
from tfvarfix.types import FixAvailability, FixSafety, VerifyCheck

_CONSEQUENCE = {
    ModelKind.SEQUENTIAL: "Sequential raises ValueError when the layer is added",
    ModelKind.FUNCTIONAL: "keras.Model raises ValueError: the name is used 2 times",
    ModelKind.SUBCLASSED: "both weight sets get one path, and tf_keras cannot save them to .h5",
}


class DuplicateLayerName(Rule):
    """
    ## What it does
    Finds two layers with the same literal `name=` in one model: in a `Sequential` list or its `.add` calls, in a
    functional graph (the layers between the model's inputs and outputs), or among the layers a subclassed model
    makes in its `__init__`; and a layer with a constant name made in a loop or comprehension, whose copies
    cannot differ.

    ## Why is this bad?
    Keras identifies layers and their weights by name. `Sequential` raises `ValueError: All layers added to a
    Sequential model should have unique names` when the second layer is added, and `keras.Model(inputs, outputs)`
    raises `ValueError: The name "d" is used 2 times in the model`. A subclassed model never raises: both weight
    sets get the same path, `get_layer("d")` silently returns the first, and tf_keras fails to save `.h5` weights
    with `Unable to synchronously create group (name already exists)`.

    ## Example
    ```python
    import keras

    model = keras.Sequential([
        keras.Input((4,)),
        keras.layers.Dense(8, name="hidden"),
        keras.layers.Dense(8, name="hidden"),
    ])
    ```

    ## Use instead
    ```python
    import keras

    model = keras.Sequential([
        keras.Input((4,)),
        keras.layers.Dense(8, name="hidden"),
        keras.layers.Dense(8, name="hidden_1"),
    ])
    ```

    ## Fix safety
    The fix gives the later layers a unique suffix (`hidden_1`, `hidden_2`). It is unsafe: layer and weight names
    change, and with them checkpoint keys and anything that looks layers up by name. It is offered only when the
    name appears nowhere else in the module (no `get_layer("hidden")`, no other string `"hidden"`); a name made in
    a loop is reported without a fix.

    ## Numerical equivalence
    `repairs`: for Sequential and functional models the original raises the `ValueError` and the rewrite builds.
    For a subclassed model both build, and `verify` checks that the weights are the same values under new paths.

    ## References
    - [Keras Sequential model guide](https://keras.io/guides/sequential_model/)
    - [Keras functional API guide](https://keras.io/guides/functional_api/)
    """

    CODE = "TFV104"
    NAME = "duplicate-layer-name"
    MESSAGE = "Layer name `{name}` is used {count} times in {model}: {consequence}"
    FIX_TITLE = "Rename to a unique name"
    FIX_AVAILABILITY = FixAvailability.SOMETIMES
    FIX_SAFETY = FixSafety.UNSAFE
    VERIFY = VerifyCheck.REPAIRS

    def check(self, facts: ModuleFacts) -> Iterator[Finding]:
        for model in facts.models:
            if model.kind is not ModelKind.SUBCLASSED:
                yield from self._check_layers(facts, model.layers, model.kind, _describe(model))
        for cls in facts.classes:
            if cls.is_layer:
                yield from self._check_layers(
                    facts, cls.layers, ModelKind.SUBCLASSED, f"the layers `{cls.name}` makes"
                )

    def _check_layers(
        self, facts: ModuleFacts, members: list[LayerFact], kind: ModelKind, described: str
    ) -> Iterator[Finding]:
        by_name: dict[str, list[LayerFact]] = {}
        counted: set[int] = set()
        for layer in members:
            # One layer object added twice (`Sequential([d])`, then `.add(d)`) is no name clash: Keras
            # compares names only between distinct layers, and a rename could never separate it from itself.
            if layer.name is not None and layer.name_node is not None and id(layer) not in counted:
                counted.add(id(layer))
                by_name.setdefault(layer.name, []).append(layer)
        taken = {layer.name for layer in members if layer.name is not None}
        for name, layers in by_name.items():
            looped = [layer for layer in layers if layer.in_loop and _constant(layer.name_node)]
            clashing = [
                layer
                for i, layer in enumerate(layers)
                if any(not exclusive(layer.arms, other.arms) for other in layers[:i] + layers[i + 1 :])
            ]
            if len(clashing) < 2 and not looped:
                continue
            layers = clashing if len(clashing) >= 2 else looped
            count = "several" if looped else str(len(layers))
            consequence = _CONSEQUENCE[kind]
            for index, layer in enumerate(layers):
                if index == 0 and not layer.in_loop:
                    continue
                fix = None
                if not looped and layer.name_node is not None and _unreferenced(facts, name, len(layers)):
                    new_name = _unique(name, taken)
                    taken.add(new_name)
                    fix = self.fix(Replace(layer.name_node, _string_like(layer.name_node, new_name)))
                yield self.finding(
                    layer.name_node or layer.node,
                    fix=fix,
                    name=name,
                    count=count,
                    model=described,
                    consequence=consequence,
                )


def _describe(model: ModelFact) -> str:
    symbol = model.symbols[0] if model.symbols else None
    kind = "Sequential model" if model.kind is ModelKind.SEQUENTIAL else "functional model"
    return f"{kind} `{symbol}`" if symbol else f"one {kind}"


def _constant(node: cst.BaseExpression | None) -> bool:
    return isinstance(node, (cst.SimpleString, cst.ConcatenatedString))


def _unreferenced(facts: ModuleFacts, name: str, uses: int) -> bool:
    """True when the name's string appears only in the duplicate `name=` arguments themselves."""
    return facts.quoted_count(name) <= uses


def _unique(name: str, taken: set[str]) -> str:
    suffix = 1
    while f"{name}_{suffix}" in taken:
        suffix += 1
    return f"{name}_{suffix}"


def _string_like(node: cst.BaseExpression, value: str) -> str:
    quote = "'" if isinstance(node, cst.SimpleString) and node.value.lstrip("rRbBuU").startswith("'") else '"'
    return f"{quote}{value}{quote}"
