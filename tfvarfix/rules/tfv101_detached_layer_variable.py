from __future__ import annotations

import dataclasses
from collections.abc import Iterator

import libcst as cst

from tfvarfix.codegen import string
from tfvarfix.keras.names import VARIABLE_CONSTRUCTORS
from tfvarfix.keras.spec import Flavor
from tfvarfix.keras.weights import Owner, conflict, detached, weight_shape
from tfvarfix.rule import AddImport, Finding, FixPlan, InsertAfter, Intended, NodeEdit, Remove, Replace, Rule
from tfvarfix.semantics.events import BesideLayer, Created, MethodCall
from tfvarfix.semantics.facts import (
    Facts,
    access,
    certainly,
    heap_field,
    reachable,
    reads_only_constants,
    scopes,
)
from tfvarfix.semantics.values import AV, LayerObj, TensorObj, VarObj, upstream
from tfvarfix.semantics.walker import sole_assignment
from tfvarfix.types import FixAvailability, FixSafety, VerifyCheck


class DetachedLayerVariable(Rule):
    """
    ## What it does
    Finds `tf.Variable`, `keras.Variable` and `tf.compat.v1.Variable` created with a name that names a weight
    a layer of the same code owns: `'my_lstm/kernel'`, `'my_lstm/lstm_cell/kernel:0'`,
    `f'{lstm.name}/kernel'`, `'sequential/my_lstm/lstm_cell/kernel'`, next to `LSTM(64, name='my_lstm')`.
    In TF1 graph code, also `tf.get_variable("kernel")` in a `variable_scope` where a `tf.layers.dense` (or
    `conv2d`, `batch_normalization`...) just made `<scope>/dense/kernel`, with a shape that can be that
    weight's: the name misses the layer's own scope, so TF makes `<scope>/kernel` beside it. Also a weight added
    to a built-in layer from outside that nothing computes with: `conv.add_weight(shape=..., name="kernelA")`,
    its result dropped, or kept in a name that is only printed or compared by identity (keras#18893).

    ## Why is this bad?
    A variable's name does not connect it to anything. In eager TensorFlow 2 the constructor raises nothing,
    even when the name is exactly the layer's (`my_lstm/lstm_cell/kernel`): it makes a second, detached
    variable that the model never reads, trains or saves, while the author believes the layer's weight was
    set. (Keras 3's own `keras.Variable` refuses the name with `ValueError: Argument `name` must be a string
    and cannot contain character `/`.`.) A layer's weight is set through the layer: `.assign` after build, an
    initializer before. A weight added to a `Conv2D` from outside is tracked (it is in `weights`, trained and
    saved) but the layer's `call` reads only its own `kernel` and `bias`: zeroing it leaves the output as it
    was (run, Keras 3 and tf_keras). Reported only when nothing can compute with the added weight (its result
    dropped, or bound once to a name whose other mentions only print it or test `is`): a weight kept and read
    elsewhere (a learnable scale used in a loss) is not dead.

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
    shapes cannot fit (TFV102 reports those). TF1: under `reuse=AUTO_REUSE` the name becomes the layer's
    (`get_variable("dense/kernel")` returns the layer's own kernel); without reuse that would raise
    `already exists`, so there is no fix. `tf.compat.v1.get_variable("dense_1/kernel")` given only the name of
    a built Keras layer's weight (keras#4220: under `reuse=True` it raises `Variable dense_1/kernel does not
    exist`, since Keras layers keep their variables outside TF1's store) becomes that weight: `head.bias` where
    a name reaches the layer, else, in tf_keras graph code, for a weight of the layer itself,
    `[v for v in tf.global_variables() if v.name == "dense_1/kernel:0"][0]`. Unsafe (the original raises);
    offered only when the layer was certainly built there (a tensor it made is in scope); `verify` checks
    `repairs`.

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
    MESSAGE = "`{constructor}` named `{name}` {consequence}; use the layer's weight `{path}` instead"
    FIX_TITLE = "Set the layer's weight instead"
    FIX_AVAILABILITY = FixAvailability.SOMETIMES
    FIX_SAFETY = FixSafety.UNSAFE
    VERIFY = VerifyCheck.INTENDED

    def check(self, facts: Facts) -> Iterator[Finding]:
        for node, events in facts.grouped(Created):
            found = detached(facts, events)
            if found is None:
                continue
            if found[0].ctor == "keras.Variable" and any(e.ctx.catches("ValueError") for e in events):
                continue  # Keras 3 refuses the name, and the code expects it: a fallback follows
            variable, owner = found
            plan = None
            if len(events) == 1 and isinstance(node, cst.Call) and variable.ctor in VARIABLE_CONSTRUCTORS:
                plan = self._fix(facts, events[0], node, variable, owner)
            elif len(events) == 1 and isinstance(node, cst.Call) and variable.ctor == "tf.compat.v1.get_variable":
                plan = self._store_fix(facts, events[0], node, variable, owner)
            yield self.finding(
                node,
                fix=plan if variable.ctor == "tf.compat.v1.get_variable" else intending(plan, Intended(node)),
                constructor=variable.ctor,
                name=variable.name,
                consequence=_consequence(facts, variable, owner),
                path=".".join(owner.path),
            )

        yield from self._beside_tf1_layers(facts)
        yield from self._added_from_outside(facts)

    def _added_from_outside(self, facts: Facts) -> Iterator[Finding]:
        """`conv.add_weight(...)` on a built-in layer, its result dropped (keras#18893): the layer's `call` reads only
        its own weights, so the added one is tracked, trained and saved, and changes nothing."""
        for node, events in facts.grouped(MethodCall):
            live = [e for e in events if e.callee == ".add_weight" and reachable(e)]
            if not live or len(live) != len(events) or not isinstance(node, cst.Call):
                continue
            receivers = [o for e in live for o in (e.receiver if not e.receiver.is_top else [None])]
            layers = [o for o in receivers if isinstance(o, LayerObj)]
            if not layers or len(layers) != len(receivers) or len({o.cls for o in layers}) != 1:
                continue
            statement = live[0].statement
            discarded = (
                isinstance(statement, cst.SimpleStatementLine)
                and any(isinstance(small, cst.Expr) and small.value is node for small in statement.body)
            )
            if not discarded and not _kept_unused(facts, statement, node):
                continue  # the weight is kept and used (a learnable scale read in a loss, say): maybe not dead
            layer = layers[0]
            if layer.synthetic or not layer.cls.startswith("keras.layers.") or layer.spec is None:
                continue
            if not layer.spec.weights:
                continue
            given = live[0].args.get("name").const()
            name = given if isinstance(given, str) else "?"
            made = live[0].result.single()
            shape = made.shape if isinstance(made, VarObj) else None
            same = [w for w in layer.spec.weights if shape is not None and weight_shape(layer, w) == shape]
            own = same[0] if same else layer.spec.weights[0]
            callee = node.func
            yield self.finding(
                node,
                constructor=facts.code_for(callee),
                name=name,
                consequence=(
                    f"adds a weight that `{layer.short}`'s own `call` never reads: it is trained and saved, and "
                    f"changes nothing (set the layer's values with `{own.name}_initializer=`, or assign them "
                    "after build)"
                    if own.name in ("kernel", "bias", "embeddings", "gamma", "beta", "depthwise_kernel")
                    else f"adds a weight that `{layer.short}`'s own `call` never reads: it is trained and "
                    "saved, and changes nothing"
                ),
                path=".".join(own.path),
            )

    def _beside_tf1_layers(self, facts: Facts) -> Iterator[Finding]:
        """TF1: `get_variable("kernel")` in the scope of a `tf.layers.dense` that made `<scope>/dense/kernel`."""
        made = {id(node): [e for e in events if reachable(e)] for node, events in facts.grouped(Created)}
        for node, events in facts.grouped(BesideLayer):
            live = [e for e in events if reachable(e)]
            relative = {e.weight[len(e.name) - len(e.name.rsplit("/", 1)[-1]) :] for e in live}
            # In every context that makes the variable, beside a layer, asking for the same weight of it.
            if not live or len(live) != len(made.get(id(node), ())) or len(relative) != 1:
                continue
            # The message names one context's scope: the first by name, whatever order they were analysed in.
            event, asked = min(live, key=lambda e: (e.name, e.weight)), relative.pop()
            layer = event.weight.rsplit("/", 1)[0]
            fix = None
            name_node = node.args[0].value if isinstance(node, cst.Call) and node.args else None
            if all(e.reuse == "auto" for e in live) and isinstance(name_node, cst.SimpleString):
                fix = self.fix(
                    Replace(name_node, f"{name_node.prefix}{name_node.quote}{asked}{name_node.quote}"),
                    title=f"Ask for the layer's `{asked}`",
                )
            hint = (
                ""
                if fix is not None
                else " (ask for it under `reuse=AUTO_REUSE`, or read the layer object's)"
            )
            yield self.finding(
                node,
                fix=fix,
                constructor="tf.compat.v1.get_variable",
                name=event.name,
                consequence=f"creates a new variable beside layer `{layer}`, which never reads it{hint}",
                path=event.weight,
            )

    def _fix(
        self, facts: Facts, event: Created, node: cst.Call, variable: VarObj, owner: Owner
    ) -> FixPlan | None:
        layer, value = owner.layer, variable.initial_node
        statement = event.statement
        if value is None or not isinstance(statement, cst.SimpleStatementLine) or len(statement.body) != 1:
            return None
        if any(
            a.keyword is not None and a.keyword.value not in ("name", "initial_value", "trainable")
            for a in node.args
        ):
            return None
        trainable = next(
            (a.value for a in node.args if a.keyword is not None and a.keyword.value == "trainable"), None
        )
        if trainable is not None and not (isinstance(trainable, cst.Name) and trainable.value == "True"):
            return None  # the layer's weight trains: a non-trainable variable was not meant to be it
        expected = weight_shape(layer, owner.weight)
        if variable.shape is not None and expected is not None and conflict(variable.shape, expected):
            return None
        small = statement.body[0]
        target = None
        if isinstance(small, cst.Assign) and small.value is node and len(small.targets) == 1:
            if not isinstance(small.targets[0].target, cst.Name):
                return None
            target = small.targets[0].target.value
        elif not (isinstance(small, cst.Expr) and small.value is node):
            return None
        code = facts.code_for(value)
        built = heap_field(event, layer, "built")
        if certainly(built, True):
            reach = access(facts, event, layer)
            if reach is None:
                return None
            weight = f"{reach}.{'.'.join(owner.path)}"
            if target is None:
                return self.fix(Replace(node, f"{weight}.assign({code})"))
            return self.fix(
                Replace(small, f"{target} = {weight}"), InsertAfter(statement, f"{target}.assign({code})")
            )
        if certainly(built, False):
            return self._initializer_fix(facts, event, variable, owner, code, target)
        return None

    def _store_fix(
        self, facts: Facts, event: Created, node: cst.Call, variable: VarObj, owner: Owner
    ) -> FixPlan | None:
        """keras#4220: `tf.get_variable("dense_1/kernel")` asks TF1's variable store for a built Keras layer's
        weight, which the store never holds. The call becomes the weight itself: `<layer>.kernel` where a name
        reaches the layer, else, in tf_keras graph code, the layer's variable looked up by its graph name among
        `tf.global_variables()`."""
        keyword = node.args[0].keyword if len(node.args) == 1 else None
        if len(node.args) != 1 or (keyword is not None and keyword.value != "name"):
            return None  # a shape, an initializer: the call may mean a variable of its own
        layer = owner.layer
        if not certainly(heap_field(event, layer, "built"), True) and not _called(facts, event, layer):
            return None
        reach = access(facts, event, layer)
        if reach is not None:
            return self.fix(Replace(node, f"{reach}.{'.'.join(owner.path)}"), checks=VerifyCheck.REPAIRS)
        prefix = facts.tf1_prefix()
        asked = variable.name
        if (
            prefix is None
            or facts.flavor is not Flavor.TF_KERAS
            or layer.name is None
            or owner.path != (owner.weight.name,)
            or asked != f"{layer.name}/{owner.weight.name}"
        ):
            return None
        lookup = f"[v for v in {prefix}.global_variables() if v.name == {string(facts, asked + ':0')}][0]"
        return self.fix(
            Replace(node, lookup),
            title=f"Read the layer's variable `{asked}:0` from the graph",
            checks=VerifyCheck.REPAIRS,  # the original raises: there is no value to compare
        )

    def _initializer_fix(
        self, facts: Facts, event: Created, variable: VarObj, owner: Owner, code: str, target: str | None
    ) -> FixPlan | None:
        layer, keyword = owner.layer, owner.weight.initializer
        made = [e for e in facts.of(Created) if e.obj is layer]
        call = layer.call
        if len(made) != 1 or made[0].frame is not event.frame or call is None or layer.in_loop:
            return None
        if keyword is None or layer.args.given(keyword) or owner.path != owner.weight.path:
            return None
        assert variable.initial_node is not None
        if not reads_only_constants(facts, event, variable.initial_node):
            return None
        if target is not None and facts.word_count(target) > 1:
            return None  # the detached variable is read later: what should it be before build?
        namespace, needs_import = facts.keras_namespace()
        if not namespace:
            return None
        argument = cst.Arg(
            keyword=cst.Name(keyword),
            value=cst.parse_expression(f"{namespace}.initializers.Constant({code})"),
            equal=cst.AssignEqual(cst.SimpleWhitespace(""), cst.SimpleWhitespace("")),
        )
        args = list(call.args)
        if args and args[-1].comma == cst.MaybeSentinel.DEFAULT:
            args[-1] = args[-1].with_changes(comma=cst.Comma(whitespace_after=cst.SimpleWhitespace(" ")))
        edits: list[NodeEdit] = [
            Replace(call, call.with_changes(args=[*args, argument])),
            Remove(event.statement),
        ]
        if needs_import:
            edits.append(AddImport("keras"))
        return self.fix(*edits, title=f"Give the value to `{keyword}`")


def _consequence(facts: Facts, variable: VarObj, owner: Owner) -> str:
    layer = owner.layer.name
    made = facts.made_at(owner.layer.site)
    if variable.ctor == "tf.compat.v1.get_variable":
        return (
            f"does not reach the weight of layer `{layer}`{made}: Keras layers keep their variables outside TF1's "
            f"variable store, so with reuse it raises `ValueError: Variable {variable.name} does not exist` and "
            "without it makes a new, detached one"
        )
    if variable.ctor == "keras.Variable" and facts.flavor is Flavor.KERAS3 and "/" in (variable.name or ""):
        return (
            "raises `ValueError: Argument `name` must be a string and cannot contain character `/`` in Keras 3, "
            f"and a variable so named would still not be a weight of layer `{layer}`{made}"
        )
    return f"creates a new variable that layer `{layer}`{made} never uses"


def intending(plan: FixPlan | None, intended: Intended) -> FixPlan | None:
    """The plan, with the detached variable as the value its fix must give the weight (for `verify`)."""
    return None if plan is None else dataclasses.replace(plan, intended=(intended,))


_IDENTITY = (cst.Is, cst.IsNot)
_DESCRIBES = frozenset({"shape", "name", "dtype", "path", "trainable"})


def _kept_unused(facts: Facts, statement: cst.CSTNode, node: cst.Call) -> bool:
    """`w = conv.add_weight(...)` where `w` is bound once in the module and every other mention of it only tests
    identity (`conv.kernel is w`) or prints it (or its shape, name...): nothing can compute with the added weight
    (keras#18893, kept)."""
    target = sole_assignment(statement, node)
    if not isinstance(target, cst.Name):
        return False
    for mention in facts.names_of(target.value):
        if mention is target:
            continue
        trail = facts.ancestors(mention)
        while (  # `w.shape`, `w.name`: what it is, not what it holds
            trail
            and isinstance(trail[-1], cst.Attribute)
            and trail[-1].attr.value in _DESCRIBES
            and len(trail) > 1
            and isinstance(trail[-2], cst.Arg)
        ):
            trail = trail[:-1]
        parent = trail[-1] if trail else None
        if isinstance(parent, cst.ComparisonTarget) and isinstance(parent.operator, _IDENTITY):
            continue
        if isinstance(parent, cst.Comparison) and len(parent.comparisons) == 1 and isinstance(
            parent.comparisons[0].operator, _IDENTITY
        ):
            continue
        if (
            isinstance(parent, cst.Arg)
            and len(trail) > 1
            and isinstance(trail[-2], cst.Call)
            and isinstance(trail[-2].func, cst.Name)
            and trail[-2].func.value == "print"
            and facts.word_count("print") == facts.name_uses("print")[0]
        ):
            continue
        return False
    return True


def _called(facts: Facts, event: Created, layer: LayerObj) -> bool:
    """A tensor visible at the event's point was made by calling the layer (or is made from one that was): the
    layer is built."""
    visible = (
        o
        for env in scopes(facts, event)
        for value in env.values()
        if isinstance(value, AV) and not value.is_top
        for o in value
        if isinstance(o, TensorObj)
    )
    return any(tensor.producer is layer for tensor in upstream(visible, 5_000))
