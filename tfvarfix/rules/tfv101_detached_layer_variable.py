from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterator

import libcst as cst

from tfvarfix.keras.names import VARIABLE_CONSTRUCTORS
from tfvarfix.rule import AddImport, Finding, FixPlan, InsertAfter, Intended, NodeEdit, Remove, Replace, Rule
from tfvarfix.semantics.model import ModuleFacts, VariableFact
from tfvarfix.semantics.weights import (
    Owner,
    WeightCollector,
    conflict,
    keras_namespace,
    layer_access,
    layer_config,
    movable,
    variable_weight,
    weight_facts,
    weight_shape,
)
from tfvarfix.types import FixAvailability, FixSafety, VerifyCheck


class DetachedLayerVariable(Rule):
    """
    ## What it does
    Finds `tf.Variable`, `keras.Variable` and `tf.compat.v1.Variable` created with a name that names a weight
    a layer of the same code owns: `'my_lstm/kernel'`, `'my_lstm/lstm_cell/kernel:0'`,
    `f'{lstm.name}/kernel'`, `'sequential/my_lstm/lstm_cell/kernel'`, next to `LSTM(64, name='my_lstm')`.

    ## Why is this bad?
    A variable's name does not connect it to anything. In eager TensorFlow 2 the constructor raises nothing,
    even when the name is exactly the layer's (`my_lstm/lstm_cell/kernel`): it makes a second, detached
    variable that the model never reads, trains or saves, while the author believes the layer's weight was
    set. (Keras 3's own `keras.Variable` refuses the name with `ValueError: Argument `name` must be a string
    and cannot contain character `/`.`.) A layer's weight is set through the layer: `.assign` after build, an
    initializer before.

    ## Example
    ```python
    import numpy as np
    import tensorflow as tf

    model = tf.keras.Sequential([tf.keras.Input((3, 4)), tf.keras.layers.LSTM(2, name="my_lstm")])
    my_lstm_kernel = tf.Variable(np.ones((4, 8), "float32"), name="my_lstm/kernel")
    ```

    ## Use instead
    ```python
    import numpy as np
    import tensorflow as tf

    model = tf.keras.Sequential([tf.keras.Input((3, 4)), tf.keras.layers.LSTM(2, name="my_lstm")])
    my_lstm_kernel = model.get_layer('my_lstm').cell.kernel
    my_lstm_kernel.assign(np.ones((4, 8), "float32"))
    ```

    ## Fix safety
    Unsafe: it changes the model's weights to what the author meant. When the layer is built at that
    statement, the variable's symbol is bound to the layer's weight (`model.get_layer('my_lstm').cell.kernel`,
    the path from the layer-weight table) and the value is assigned to it. When the layer is not built yet and
    the value reads only imported modules, the value moves into the layer's initializer keyword
    (`kernel_initializer=keras.initializers.Constant(value)`) and the unused variable goes. No fix when the
    layer cannot be reached by name, when the variable's symbol is used elsewhere before build, or when the
    shapes cannot fit (TFV102 reports those).

    ## Numerical equivalence
    `intended`: `verify` checks that the rewritten model's weight equals the value the original gave the
    detached variable. A Constant initializer replaces a random one, so in Keras 3 later layers draw other
    random numbers.

    ## References
    - [tf.Variable](https://www.tensorflow.org/api_docs/python/tf/Variable)
    - [Keras layer weights](https://keras.io/api/layers/base_layer/#getweights-method)
    """

    CODE = "TFV101"
    NAME = "detached-layer-variable"
    MESSAGE = (
        "`{constructor}` named `{name}` creates a new variable that layer `{layer}` never uses; "
        "set the layer's weight `{path}` instead"
    )
    FIX_TITLE = "Set the layer's weight instead"
    FIX_AVAILABILITY = FixAvailability.SOMETIMES
    FIX_SAFETY = FixSafety.UNSAFE
    VERIFY = VerifyCheck.INTENDED
    COLLECTORS = (WeightCollector,)

    def check(self, facts: ModuleFacts) -> Iterator[Finding]:
        for variable in facts.variables:
            if variable.constructor not in VARIABLE_CONSTRUCTORS or variable.name is None:
                continue
            owners = variable_weight(facts, variable)
            if len(owners) != 1:
                continue
            owner = owners[0]
            yield self.finding(
                variable.node,
                fix=intending(self._fix(facts, variable, owner), Intended(variable.node)),
                constructor=variable.constructor,
                name=variable.name,
                layer=owner.layer.name,
                path=".".join(owner.path),
            )

    def _fix(self, facts: ModuleFacts, variable: VariableFact, owner: Owner) -> FixPlan | None:
        layer, value = owner.layer, variable.initial_value
        statement = variable.statement
        if value is None or not isinstance(statement, cst.SimpleStatementLine) or len(statement.body) != 1:
            return None
        if any(
            a.keyword is not None and a.keyword.value not in ("name", "initial_value", "trainable")
            for a in variable.node.args
        ):
            return None
        shape = weight_facts(facts).variable_shapes.get(id(variable.node))
        expected = weight_shape(layer, owner.weight, layer_config(facts, layer))
        if shape is not None and expected is not None and conflict(shape, expected):
            return None
        small = statement.body[0]
        target = None
        if isinstance(small, cst.Assign) and small.value is variable.node and len(small.targets) == 1:
            if not isinstance(small.targets[0].target, cst.Name):
                return None
            target = small.targets[0].target.value
        elif not (isinstance(small, cst.Expr) and small.value is variable.node):
            return None
        code = facts.module.code_for_node(value)
        if layer.built_before(variable.scope, variable.order):
            access = layer_access(layer, variable.scope)
            if access is None:
                return None
            weight = f"{access}.{'.'.join(owner.path)}"
            if target is None:
                return self.fix(Replace(variable.node, f"{weight}.assign({code})"))
            return self.fix(
                Replace(small, f"{target} = {weight}"), InsertAfter(statement, f"{target}.assign({code})")
            )
        return self._initializer_fix(facts, variable, owner, code, target)

    def _initializer_fix(
        self, facts: ModuleFacts, variable: VariableFact, owner: Owner, code: str, target: str | None
    ) -> FixPlan | None:
        layer, keyword = owner.layer, owner.weight.initializer
        unbuilt = (
            layer.scope is variable.scope
            and layer.order < variable.order
            and all(scope is variable.scope and order > variable.order for scope, order in layer.builds)
        )
        if not unbuilt or keyword is None or keyword in layer.keywords or owner.path != owner.weight.path:
            return None
        assert variable.initial_value is not None
        if not movable(variable.initial_value, variable.scope):
            return None
        if target is not None and len(re.findall(rf"(?<![\w.]){re.escape(target)}\b", facts.code)) > 1:
            return None  # the detached variable is read later: what should it be before build?
        namespace, needs_import = keras_namespace(facts)
        if not namespace:
            return None
        argument = cst.Arg(
            keyword=cst.Name(keyword),
            value=cst.parse_expression(f"{namespace}.initializers.Constant({code})"),
            equal=cst.AssignEqual(cst.SimpleWhitespace(""), cst.SimpleWhitespace("")),
        )
        args = list(layer.node.args)
        if args and args[-1].comma == cst.MaybeSentinel.DEFAULT:
            args[-1] = args[-1].with_changes(comma=cst.Comma(whitespace_after=cst.SimpleWhitespace(" ")))
        edits: list[NodeEdit] = [
            Replace(layer.node, layer.node.with_changes(args=[*args, argument])),
            Remove(variable.statement),
        ]
        if needs_import:
            edits.append(AddImport("keras"))
        return self.fix(*edits, title=f"Give the value to `{keyword}`")


def intending(plan: FixPlan | None, intended: Intended) -> FixPlan | None:
    """The plan, with the detached variable as the value its fix must give the weight (for `verify`)."""
    return None if plan is None else dataclasses.replace(plan, intended=(intended,))
