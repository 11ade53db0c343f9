from __future__ import annotations

import keyword
import re
from collections.abc import Iterator
from dataclasses import dataclass, field

import libcst as cst

from tfvarfix.codegen import realigned, snake, unique_name, with_keywords
from tfvarfix.keras.spec import Flavor
from tfvarfix.rule import (
    AddModuleCode,
    Finding,
    FixPlan,
    InsertAfter,
    InsertBefore,
    NodeEdit,
    Remove,
    Replace,
    Rule,
)
from tfvarfix.semantics.events import CtxKind, VariableInTrace
from tfvarfix.semantics.facts import Facts, reachable
from tfvarfix.semantics.heap import present
from tfvarfix.semantics.values import (
    AV,
    ClassObj,
    FuncObj,
    InstanceObj,
    KerasObj,
    LayerObj,
    ModuleRef,
    VarObj,
)
from tfvarfix.semantics.walker import children, descendants, read_names, sole_assignment
from tfvarfix.types import FixAvailability, FixSafety, VerifyCheck


class WeightCreatedInCall(Rule):
    """
    ## What it does
    Finds state created inside `call()` of a Keras `Layer` or `Model` subclass: a layer constructed there
    (bound to `self.x`, also lazily under `if self.x is None:`, or a local layer that has weights,
    `Dense(1)(x)`), `self.add_weight(...)`, and `tf.Variable`/`keras.Variable`; also a variable, or a layer
    with weights, made by the function given to `keras.layers.Lambda` (Keras runs it as the Lambda's `call()`,
    and a Lambda tracks no state), reported without a fix except for a lambda that only wraps a value as a
    variable (Mask R-CNN's `Lambda(lambda x: tf.Variable(anchors))`, a constant put into a functional model).
    That holds for a Lambda called on a tensor and for one a `Sequential` holds (`model.add(Lambda(f))`, or in
    the list given to it), whose function Keras runs when it builds the model (on an `Input`, at `build`, or at
    the first `fit`/`predict`) and again in the traced step (keras-applications#168: a helper building a
    sub-model of `Bidirectional(LSTM)` inside the Lambda); and under tf_keras too, which refuses such state on
    the Lambda's first call.
    Also a layer with weights made (and not kept on `self`) in the `__call__` a layer class overrides instead of
    `call` (keras-attention#56's `Attention`): Python runs it in place of Keras' `Layer.__call__`, so nothing
    makes that layer the class's own; reported when the override runs again on later calls (a subclassed
    model's `call()` calling it, traced by `fit`), and under Keras 3 when a `Sequential` holds the layer (it
    runs the override once, to build its graph). A functional model's graph tracks the layers it holds (no
    claim there, nor under tf_keras, whose `Sequential` tracks them too), and a `__call__` that runs Keras'
    own through `super().__call__` is `call()` as above.
    Not reported: state made only on the "missing" arm of a test of an object `build` may have made
    (`if self.table is None:` / `if not self.variables:` where `build` fills them): whether that arm runs after
    the build depends on what `build` made, which is not known (neural-structured-learning's CARLS embedding
    makes its state in `build` and trains). Nor code expected to fail (`pytest.raises`, `assertRaises`).

    ## Why is this bad?
    `call()` runs on every forward pass and is traced by `fit`. Under `fit` (jit or not) the first call fails:
    `ValueError: tf.function only supports singleton tf.Variables created on the first call. Make sure the
    tf.Variable is only created once or created outside tf.function.` Eagerly, a local layer's weights are
    made anew each call and never trained (`The model does not have any trainable weights.`). Keras 3 refuses
    `self.d = Dense(1)` in `call()` in every mode, and the lazy `if self.d is None:` form too: `ValueError:
    You cannot add new elements of state (variables or sub-layers) to a layer that is already built. All state
    must be created in the `__init__()` method or in the `build()` method.` (tf_keras accepted the lazy form).
    In a Lambda's function, Keras 3 raises the singleton `ValueError` in `fit`/`predict` (eagerly the state is
    made anew on each call and never trained); tf_keras raises on the Lambda's first call, eagerly, in a
    functional model and in a Sequential's build alike, for `tf.Variable`, `K.variable` and a layer with weights
    made there (a Dense): `ValueError: The following Variables were created within a Lambda layer (lambda) but
    are not tracked by said layer` (a `tf.Variable` of a tensor made in the function, `tf.ones(...)`, built into
    a functional model, raises `could not be lifted out of a tf.function` first). A layer made in an overriding
    `__call__`: a Keras 3 `Sequential` (with an `Input` or built by `fit`) uses it but tracks only the layers
    added to it, so it is not in `model.trainable_weights` and `fit` never changes its kernel; called from a
    subclassed model's `call()`, `fit` raises the singleton `ValueError` (Keras 3 and tf_keras); eagerly each
    call makes a new one. Measured, Keras 3.15.1 and tf_keras 2.21.

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
    is now one that trains. A weight made by `self.w = self.add_weight(...)` in `call()` from the inputs'
    shape (`shape=(inputs.shape[-1], self.units)`, or through a local, `in_dim = inputs.shape[-1]`) moves into
    a new `build(input_shape)`, which Keras calls once with the first inputs' shape: every such statement of
    `call()`, in order, with the locals they read recomputed there (`inputs.shape` written `input_shape`);
    unsafe for the same reasons. A weight bound to a local (`kernel = self.add_weight(...)`) moves the same
    way to `self.kernel` (the local's name unless the class or Keras uses it), and `kernel = self.kernel`
    stays where it was made. Weights made per pass of `for i in range(self.layers_num):` (a count `__init__`
    sets, or a literal), bound to locals, become list attributes filled in `build` (`self.kernels = [...
    for i in range(self.layers_num)]` for one weight per pass; the loop kept, with one `append` each, for
    several, so the weights keep the order the loop made them in), and the loop reads `kernel =
    self.kernels[i]` (a `for _ in` loop is given an index name `call()` does not use, `i`). Where the class
    has its own `build`, the lines go at its end (after its
    `super().build(...)`, written with its shape parameter's name). All of `call()`'s `add_weight` calls move
    or none does (one left behind would still raise). Withheld when a statement reads the inputs other than
    through their shape, a local computed otherwise, an attribute `__init__` does not set, when the inputs
    are rebound in `call()`, a local is bound twice, the count is a parameter of `call()` (the number of
    weights would depend on the call: it belongs in `__init__`, and the calls change with it), a weight is
    made under an `if` or in a nested loop, or the class's `build` returns early or binds a name the moved
    lines bind. Other constructions that read the inputs or local variables are reported without a fix. In a
    class without its own `__init__`, weights and layers whose arguments read only literals and imports move
    into `build` the same way. A layer made and called on the spot (`Dense(self.units)(x)`)
    becomes `self.dense(x)`, made once at the end of `__init__` under a name the class does not use yet; also
    unsafe, for the same reasons. When its arguments read the inputs' shape (`channels = inputs.shape[-1]`,
    `Conv2D(channels // 8, 1)(x)`; in tf_keras also `inputs.get_shape()`, scrabble-gan#7), it is made in
    `build(input_shape)` instead, as `self.<its name=>` (or its class in snake case), with the locals it reads
    recomputed there, by the same rules as a weight's, and together with them: a statement of `call()`'s own
    body, not one under an `if` or in a loop. Made so on each pass of a loop of `call()`'s own body over a count
    `__init__` sets or a literal (`for _ in range(self.depth): x = Dense(self.units)(x)`), it becomes a list
    made once at the end of `__init__`, `self.denses = [Dense(self.units) for _ in range(self.depth)]`, and
    the pass calls its own, `self.denses[i](x)` (a `for _ in` loop is given an index name `call()` does not
    use, `i`). Made so in a plain method of the class that such a loop calls once per pass (a DenseNet block's
    `y = BottleNeck(...)(x)` in `_make_layer`, Basic_CNNs_TensorFlow2#13), the list is made the same way,
    the method gets a last parameter (`bottle_neck`) and calls it, and the loop passes each pass's own
    (`self._make_layer(x, bottle_neck=self.bottle_necks[i])`); only when the method is named nowhere else
    and its parameters are plain ones without defaults. Withheld for nested loops, a construction that reads
    the loop's index or a local, and a count only `call()` knows. A variable bound to a local
    (`seen = tf.Variable(0.0)`, `r = K.variable(v)`), in a statement of its own in `call()`, becomes
    `self.seen`, made once at the end of `__init__` (the local's name unless the class or Keras uses it as an
    attribute), and `seen = self.seen; seen.assign(0.0)`
    where it was made: each call starts from the initial value as the original's fresh variable did, so a
    counter still counts one call (drop the `assign` where it is meant to count across calls). Offered when the
    initial value reads only literals, imports and attributes `__init__` sets, and the keywords are among those
    under which `assign` restores the value (`trainable`, `name`, `dtype`, `shape`...); unsafe: the layer now
    tracks the variable (checkpoints, `weights` of a Keras 3 layer made by `K.variable`). A variable whose
    initial value reads the inputs (its shape belongs in `build`) is reported without a fix. A layer added
    in `call()` to a model that `__init__` makes (`self.model.add(Conv2D(4, 3))`, with `self.model =
    Sequential()` in `__init__`) has the run of `self.model.add(...)` statements around it moved, in order, to
    the end of `__init__`: the model is assembled once instead of growing on every call. Unsafe for the same
    reasons; withheld when an added layer reads the inputs, a local, or an attribute `__init__` does not set,
    or when the run is the whole of `call()`.

    A `Lambda` given `lambda x: tf.Variable(value)`, where the value does not read the input and calls nothing
    (a name, an attribute, a subscript), and the `Lambda` call has no argument but the lambda and `name=`
    (Mask R-CNN#2412's anchors), becomes a generated `ConstantLayer(value, name=...)` (added once after the
    imports, a subclass of the module's `Layer` whose `call` returns `tf.constant(self.value)`). Unsafe: the
    value is read when the layer is made, once, where the lambda read it on each call (Mask R-CNN's read the
    name after it was rebound to the Lambda's own output, so `predict` raised `A KerasTensor cannot be used as
    input to a TensorFlow function`; measured, Keras 3.15.1: the rewrite predicts the anchors), and the
    layer gives a constant where the original made a fresh, never-trained variable. Withheld in a module that
    saves a model (the generated layer has no `get_config`: TFV202).

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
    MESSAGE = "{what} is created in `{cls}.{method}()`, {when}: {consequence}"
    FIX_TITLE = "Create it once, in `__init__`"
    FIX_AVAILABILITY = FixAvailability.SOMETIMES
    FIX_SAFETY = FixSafety.UNSAFE
    VERIFY = VerifyCheck.REPAIRS

    def check(self, facts: Facts) -> Iterator[Finding]:
        self._taken: dict[int, set[str]] = {}  # per class: attribute names a fix may not use
        self._builds: dict[int, FixPlan | None] = {}  # per `call()`: the one plan that gives it a `build`
        self._given: dict[int, set[str]] = {}  # per class: attribute names fixes gave
        # per `call()`: the layers (that own weights) made and called on the spot there, which a `build` plan
        # may make once instead; and the ones the plan made
        self._made: dict[int, set[int]] = {}
        self._built: dict[int, set[int]] = {}
        for node, events in facts.grouped(VariableInTrace):
            event = events[0]
            function = event.function
            statement = event.chain[-1] if event.chain else None
            if (
                function is not None
                and isinstance(node, cst.Call)
                and statement is not None
                and _makes_weights(event.obj)
                and _self_target(event, node) is None
                and _called_where_made(statement, node)
            ):
                self._made.setdefault(id(function), set()).add(id(node))
        for node, events in facts.grouped(VariableInTrace):
            mine = [e for e in events if _in_layer_call(e)]
            live = [e for e in mine if reachable(e)]
            if not live or len(live) != len(mine):
                continue
            # Made only where an object that may already exist was found missing (`if variables: ... else:
            # tf.Variable(...)` of a value a dict filled in `build` gives): whether that runs after the build
            # depends on which objects `build` made, which the analysis cannot tell (no claim).
            live = [e for e in live if not e.fallback]
            if not live:
                continue
            event = live[0]
            call = event.ctx.find(CtxKind.LAYER_CALL)
            instance = call.data if call is not None else None
            if isinstance(instance, LayerObj) and instance.short == "Lambda":
                # Before the tf_keras test below: tf_keras refuses variables made in a Lambda's function on
                # its first call already.
                finding = self._in_lambda(facts, node, live)
                if finding is not None:
                    yield finding
                continue
            # Made again on a later call, on a path that certainly runs: not a lazy, guarded creation.
            every_call = any(e.ctx.has(CtxKind.REPEAT) and e.certain for e in live)
            if facts.flavor is Flavor.TF_KERAS and not every_call:
                continue  # tf_keras accepts a layer made once, lazily, on the first call
            if not isinstance(instance, InstanceObj) or not _made_for(event, instance):
                continue
            obj = event.obj
            target = _self_target(event, node)
            if isinstance(obj, (LayerObj, InstanceObj)) and target is None and not _makes_weights(obj):
                continue  # a local layer not known to own weights (Flatten, Activation, one that only computes)
            if isinstance(obj, LayerObj):
                what = f"Layer `{obj.short}`"
            elif isinstance(obj, InstanceObj):
                what = f"Layer `{obj.cls.name}`"
            elif isinstance(obj, VarObj):
                what = f"Variable `{obj.ctor or 'add_weight'}`"
            elif isinstance(obj, KerasObj):
                what = f"`{obj.cls.rsplit('.', 1)[-1]}`, which owns variables,"
            else:
                continue
            again = any(e.ctx.has(CtxKind.REPEAT) for e in live)  # made on a later call too (on some path)
            kept = target is not None or (not again and _kept_by(event, instance))
            if _in_own_dunder_call(event):
                finding = self._in_dunder_call(facts, node, live, what, instance, kept, every_call)
                if finding is not None:
                    yield finding
                continue
            if (kept or _is_add_weight(node)) and facts.flavor is not Flavor.TF_KERAS:
                consequence = (
                    "Keras 3 raises `You cannot add new elements of state`, and `fit` raises `tf.function only "
                    "supports singleton tf.Variables`"
                )
            else:
                consequence = (
                    "`fit` raises `tf.function only supports singleton tf.Variables`, and eagerly its weights "
                    "are never trained"
                )
            when = "on every call" if every_call or (target is None and again) else "on the first call, after the build"
            fix = self._fix(facts, event, node, target, instance)
            if fix is None and _is_add_weight(node):
                # What is left to the author: where the weights' count or shapes come from (LightCTR#5's
                # `call(inputs, layers_num=3)`: the number of weights would depend on the call).
                consequence += (
                    "; create them once in `build(input_shape)`: a count or shape that only `call()`'s "
                    "arguments give must become an argument of `__init__` first"
                )
            yield self.finding(
                node,
                fix=fix,
                what=what,
                cls=instance.cls.name,
                method="call",
                when=when,
                consequence=consequence,
            )

    def _in_dunder_call(
        self,
        facts: Facts,
        node: cst.CSTNode,
        live: list[VariableInTrace],
        what: str,
        instance: InstanceObj,
        kept: bool,
        every_call: bool,
    ) -> Finding | None:
        """A layer made (and not kept on `self`) in the class's own `__call__`, which Python runs instead of
        Keras' `Layer.__call__` (keras-attention#56): nothing makes the layer the class's. Run again on each
        call (a subclassed model's `call()` calling it, traced by `fit`), it is made anew each time; run once by
        a Keras 3 `Sequential` building its graph, the graph uses it but the `Sequential` tracks only the layers
        added to it. A functional model tracks the layers of its graph, and so does a tf_keras `Sequential`
        (measured, Keras 3.15.1 and tf_keras 2.21): no claim there, nor for a layer kept on `self`."""
        if kept or not isinstance(live[0].obj, (LayerObj, InstanceObj)):
            return None
        if every_call:
            when = "on every call"
            consequence = (
                "`fit` raises `tf.function only supports singleton tf.Variables`, and eagerly its weights are "
                "made anew on each call and never trained"
            )
        elif facts.flavor is not Flavor.TF_KERAS and all(e.ctx.has(CtxKind.SEQUENTIAL_BUILD) for e in live):
            when = "once, when the `Sequential` builds its graph"
            consequence = (
                "the model uses its weights, but Keras 3's `Sequential` tracks only the layers added to it: "
                "they are not in `model.trainable_weights`, and `fit` never trains them; make it once, in "
                "`__init__`"
            )
        else:
            return None
        return self.finding(
            node, fix=None, what=what, cls=instance.cls.name, method="__call__", when=when, consequence=consequence
        )

    def _in_lambda(self, facts: Facts, node: cst.CSTNode, live: list[VariableInTrace]) -> Finding | None:
        """A variable (or a layer with weights) made by the function given to `Lambda`: Keras runs it on every
        forward pass, and a Lambda tracks no state."""
        if not all(e.certain for e in live):
            return None  # a guarded, lazy creation: made once
        obj = live[0].obj
        if isinstance(obj, VarObj):
            what = f"Variable `{obj.ctor or 'tf.Variable'}`"
        elif isinstance(obj, LayerObj) and obj.spec is not None and obj.spec.weights:
            what = f"Layer `{obj.short}`"
        else:
            return None
        if facts.flavor is Flavor.TF_KERAS:
            # Measured, tf_keras 2.21: `tf.Variable`, `K.variable` and a Dense made in the function, in a
            # functional model, a Sequential (at its build) and eagerly.
            raised = (
                "tf_keras raises `The following Variables were created within a Lambda layer ... but are not "
                "tracked by said layer` on the Lambda's first call"
            )
        else:
            raised = "`fit` raises `tf.function only supports singleton tf.Variables`"
        return self.finding(
            node,
            fix=self._constant_layer_fix(facts, node) if isinstance(obj, VarObj) else None,
            what=what + " (in the function given to `Lambda`)",
            cls="Lambda",
            method="call",
            when="on every call",
            consequence=(
                raised + ", and a Lambda tracks no weights: they are never trained or saved; "
                + (
                    "to train them, write a layer that makes them in `build`; for a fixed value, use a constant "
                    "(`tf.constant`) made outside the function"
                    if isinstance(obj, VarObj)
                    else "write a layer that makes them in `build`"
                )
            ),
        )

    def _constant_layer_fix(self, facts: Facts, node: cst.CSTNode) -> FixPlan | None:
        """Mask R-CNN's "hack to get around Keras's bad support for constants",
        `KL.Lambda(lambda x: tf.Variable(anchors), name="anchors")(input_image)`: a lambda that only wraps a value
        it does not compute from its input. The value goes to a generated `ConstantLayer`, made with it where
        the Lambda was (`ConstantLayer(anchors, name="anchors")(input_image)`), whose `call` gives it as a
        constant: made once, and read when the layer is made, not when it runs (Mask R-CNN's lambda read
        `anchors` after the name was rebound to the Lambda's own output)."""
        trail = facts.ancestors(node)
        if len(trail) < 3 or not isinstance(node, cst.Call) or len(node.args) != 1 or node.args[0].keyword:
            return None
        function, arg, layer = trail[-1], trail[-2], trail[-3]
        if not (isinstance(function, cst.Lambda) and function.body is node and isinstance(arg, cst.Arg)):
            return None
        if not isinstance(layer, cst.Call) or arg is not layer.args[0] or arg.keyword is not None:
            return None
        if any(a.keyword is None or a.keyword.value != "name" for a in layer.args[1:]):
            return None  # `output_shape`, `arguments`, `mask`: the Lambda's other behaviour stays a Lambda's
        value = node.args[0].value
        params = {p.name.value for p in function.params.params}
        if any(isinstance(n, (cst.Call, cst.Lambda, cst.Await, cst.Yield)) for n in descendants(value)):
            return None  # computing it when the layer is made, once, may not be what each call computed
        if read_names(value) & params:
            return None  # it reads the input: not a constant
        callee, base = facts.code_for(node.func), facts.code_for(layer.func)
        head = callee.rsplit(".", 1)[0] if callee.endswith(".Variable") else None
        if head is None or facts.imported(head.split(".", 1)[0]) not in ("tensorflow", "tensorflow.compat.v1"):
            return None
        if not base.endswith(".Lambda") or any(word in facts.source for word in (".save(", "save_model")):
            return None  # a saved model would need the layer's config (TFV202)
        name = "ConstantLayer" if facts.word_count("ConstantLayer") == 0 else None
        if name is None:
            return None
        indent = facts.module.default_indent
        code = "\n".join(
            [
                f"class {name}({base[: -len('Lambda')]}Layer):",
                f'{indent}"""Gives the value it was made with, whatever its input: a constant in a functional '
                'model."""',
                "",
                f"{indent}def __init__(self, value, **kwargs):",
                f"{indent * 2}super().__init__(**kwargs)",
                f"{indent * 2}self.value = value",
                "",
                f"{indent}def call(self, inputs):",
                f"{indent * 2}return {head}.constant(self.value)",
            ]
        )
        call = layer.with_changes(
            func=cst.Name(name), args=[layer.args[0].with_changes(value=value), *layer.args[1:]]
        )
        return self.fix(
            Replace(layer, call),
            AddModuleCode(f"tfv402:{name}", code),
            title=f"Give the value to a `{name}`, made once with it",
        )

    def _fix(
        self,
        facts: Facts,
        event: VariableInTrace,
        node: cst.CSTNode,
        target: str | None,
        instance: InstanceObj,
    ) -> FixPlan | None:
        function = event.function
        if function is not None and function.name.value != "call" and target is None:
            return self._helper_pass_fix(facts, event, node, instance)
        if function is None or function.name.value != "call":
            return None
        if target is None:
            if isinstance(event.obj, VarObj) and _is_add_weight(node):
                return self._build_fix(
                    facts, function, instance
                )  # `kernel = self.add_weight(...)`, in a loop too
            if isinstance(event.obj, VarObj):
                return self._variable_fix(facts, event, node, instance)
            return self._local_fix(facts, event, node, instance) or self._added_fix(
                facts, event, node, instance
            )
        found = _movable_into_init(facts, event, node, instance)
        if found is None:
            return self._build_fix(facts, function, instance)
        body = function.body
        if not isinstance(body, cst.IndentedBlock) or len(body.body) < 2:
            return None
        moved = event.chain[0]
        statement = event.chain[-1]
        if not isinstance(statement, cst.SimpleStatementLine):
            return None
        code = facts.code_for(statement.body[0])
        return self.fix(Remove(moved), InsertAfter(found.body.body[-1], code))

    def _build_fix(self, facts: Facts, function: cst.FunctionDef, instance: InstanceObj) -> FixPlan | None:
        """`self.w = self.add_weight(shape=(in_dim, self.units), ...)` in `call()`, with `in_dim =
        inputs.shape[-1]` before it: the weights belong in `build(input_shape)`, which Keras calls once with the
        shape of the first call's inputs. Every such statement of `call()` moves, in order, into a new
        `build`, with the locals they read recomputed there from `input_shape` (`inputs.shape` becomes
        `input_shape`). One plan for all of them: each finding of the run carries it, the engine applies it once."""
        if id(function) in self._builds:
            return self._builds[id(function)]
        plan = _plan_build(facts, function, instance, self._made.get(id(function), set()))
        fix = None
        if plan is not None:
            self._built[id(function)] = plan.made
            edits: list[NodeEdit] = [Remove(statement) for statement in plan.removed]
            edits.extend(Replace(node, code) for node, code in plan.replaced)
            if plan.build is None:
                indent = facts.module.default_indent
                # Continuation lines are written relative to the block, as the first: all get the indent.
                body = "\n".join(
                    f"{indent}{line}" if line.strip() else "" for entry in plan.lines for line in entry.split("\n")
                )
                # The leading " " line becomes the blank line between the methods.
                edits.append(InsertBefore(function, f"def build(self, input_shape):\n{body}\n "))
                title = f"Create the {plan.what} once, in `build(input_shape)`"
            else:
                assert isinstance(plan.build.body, cst.IndentedBlock)
                edits.append(InsertAfter(plan.build.body.body[-1], "\n".join(plan.lines)))
                title = f"Create the {plan.what} once, at the end of `build`"
            fix = self.fix(*edits, title=title)
        self._builds[id(function)] = fix
        return fix

    def _variable_fix(
        self, facts: Facts, event: VariableInTrace, node: cst.CSTNode, instance: InstanceObj
    ) -> FixPlan | None:
        """`v = tf.Variable(init)` (or `K.variable(init)`) in `call()`: `self.v` made once at the end of
        `__init__`, and `v = self.v; v.assign(init)` where it was made, so each call starts from the initial
        value as before (a counter made per call still counts one call)."""
        variable = event.obj
        function = event.function
        if (
            not isinstance(variable, VarObj)
            or variable.initial_node is None
            or not isinstance(node, cst.Call)
        ):
            return None
        if function is None or len(event.chain) != 1 or not isinstance(node.func, cst.Attribute):
            return None
        if node.func.attr.value not in ("Variable", "variable") or variable.ctor not in (
            "tf.Variable",
            "keras.Variable",
        ):
            return None
        if variable.ctor == "keras.Variable" and node.func.attr.value != "variable":
            return None  # keras.Variable(initializer, ...): its first argument may be an initializer
        line = event.chain[0]
        target = sole_assignment(line, node)
        if not isinstance(target, cst.Name) or _bindings(function, target.value) != 1:
            return None
        positional = [a for a in node.args if a.keyword is None]
        keywords = {a.keyword.value for a in node.args if a.keyword is not None}
        if len(positional) != 1 or node.args[0] is not positional[0] or any(a.star for a in node.args):
            return None
        if not keywords <= _KEEPS_ITS_VALUE:
            return None
        found = _movable_into_init(facts, event, node, instance)
        if found is None:
            return None
        taken = self._taken.setdefault(id(instance.cls.node), _class_words(facts, instance))
        given = self._given.setdefault(id(instance.cls.node), set())
        # A local's name is free as an attribute; not one the class or Keras uses, or another fix gave.
        attrs = _attributes(instance.cls.node) | _LAYER_ATTRIBUTES | given
        name = target.value
        if name in attrs:
            name = unique_name(name, lambda c: c in taken or c in attrs)
        taken.add(name)
        given.add(name)
        assert isinstance(line, cst.SimpleStatementLine)
        return self.fix(
            InsertAfter(found.body.body[-1], f"self.{name} = {facts.code_for(node)}"),
            Replace(line.body[0], f"{target.value} = self.{name}"),
            InsertAfter(line, f"{target.value}.assign({facts.code_for(variable.initial_node)})"),
            title=f"Make the variable once, as `self.{name}` in `__init__`, and reset it on each call",
        )

    def _local_fix(
        self, facts: Facts, event: VariableInTrace, node: cst.CSTNode, instance: InstanceObj
    ) -> FixPlan | None:
        """`Dense(self.units)(inputs)` in `call()` becomes `self.dense(inputs)`, the layer made once at the end
        of `__init__`: when it is called right where it is made, outside any loop of `call()`, and its
        arguments read only literals, imports and attributes `__init__` sets."""
        obj = event.obj
        if not isinstance(obj, (LayerObj, InstanceObj)) or not isinstance(node, cst.Call):
            return None
        statement = event.chain[-1] if event.chain else None
        if statement is None or not _called_where_made(statement, node):
            return None
        loops = 0
        for link in event.ctx.chain():
            if link.kind is CtxKind.LAYER_CALL:
                break
            loops += link.kind is CtxKind.LOOP
        found = _movable_into_init(facts, event, node, instance)
        if found is None:
            # Sized by the inputs (`Conv2D(num_channels // 8, 1)(x)` with `num_channels` from `x`'s shape):
            # the layer belongs in `build(input_shape)`, with the locals it reads computed there.
            function = event.function
            if loops or function is None or function.name.value != "call":
                return None
            fix = self._build_fix(facts, function, instance)
            return fix if id(node) in self._built.get(id(function), set()) else None
        taken = self._taken.setdefault(id(instance.cls.node), _class_words(facts, instance))
        base = snake(obj.short if isinstance(obj, LayerObj) else obj.cls.name)
        if loops:
            return self._per_pass_fix(facts, event, node, found, instance, _plural(base)) if loops == 1 else None
        name = base if base not in taken else unique_name(base, taken.__contains__)
        taken.add(name)
        self._given.setdefault(id(instance.cls.node), set()).add(name)
        return self.fix(
            Replace(node, cst.parse_expression(f"self.{name}")),
            InsertAfter(found.body.body[-1], f"self.{name} = {facts.code_for(node)}"),
            title=f"Make the layer once, as `self.{name}` in `__init__`",
        )

    def _per_pass_fix(
        self,
        facts: Facts,
        event: VariableInTrace,
        node: cst.Call,
        init: cst.FunctionDef,
        instance: InstanceObj,
        base: str,
    ) -> FixPlan | None:
        """`for i in range(self.depth): x = Dense(self.units)(x)` in `call()`: one layer per pass, made once
        in `__init__` as a list, `self.denses = [Dense(self.units) for _ in range(self.depth)]`, and the pass
        calls its own, `self.denses[i](x)` (a `for _ in` loop is given an index name `call()` does not use).
        Only for a loop of `call()`'s own body over a count `__init__` sets (or a literal), with the
        construction in a statement of the loop's own body."""
        function = event.function
        if function is None or len(event.chain) != 2 or not isinstance(event.chain[0], cst.For):
            return None
        loop = event.chain[0]
        body = function.body
        if not isinstance(body, cst.IndentedBlock) or not any(st is loop for st in body.body):
            return None
        if not isinstance(loop.body, cst.IndentedBlock) or not any(st is event.chain[1] for st in loop.body.body):
            return None
        known = _self_assignments(init)
        counted = _weight_loop(facts, loop, function, known, set(facts.module_names))
        if counted is None:
            return None
        index, count = counted
        target = loop.target
        assert isinstance(target, cst.Name)  # `_weight_loop` checked it
        taken = self._taken.setdefault(id(instance.cls.node), _class_words(facts, instance))
        name = base if base not in taken else unique_name(base, taken.__contains__)
        taken.add(name)
        self._given.setdefault(id(instance.cls.node), set()).add(name)
        edits: list[Replace] = []
        if target.value != index:
            edits.append(Replace(target, index))
        return self.fix(
            *edits,
            Replace(node, cst.parse_expression(f"self.{name}[{index}]")),
            InsertAfter(init.body.body[-1], f"self.{name} = [{facts.code_for(node)} for _ in {count}]"),
            title=f"Make one layer per pass once, as the list `self.{name}` in `__init__`",
        )

    def _helper_pass_fix(
        self, facts: Facts, event: VariableInTrace, node: cst.CSTNode, instance: InstanceObj
    ) -> FixPlan | None:
        """A method of the class that makes and calls a layer (`y = BottleNeck(...)(x)` in `_make_layer`),
        called once per pass of a loop of `call()` over a count `__init__` sets (Basic_CNNs_TensorFlow2#13): the
        layers are made once in `__init__` as a list, `self.bottle_necks = [BottleNeck(...) for _ in
        range(self.num_layers)]`, the loop passes each pass's own to the method (`bottle_neck=
        self.bottle_necks[i]`), and the method calls the one it is given."""
        obj = event.obj
        helper = event.function
        if not isinstance(obj, (LayerObj, InstanceObj)) or not isinstance(node, cst.Call) or helper is None:
            return None
        cls = instance.cls.node
        if not any(st is helper for st in cls.body.body) or helper.decorators:
            return None  # a plain method of the layer's own class
        if len(event.chain) != 1 or not _called_where_made(event.chain[0], node):
            return None
        links = []
        for link in event.ctx.chain():
            if link.kind is CtxKind.LAYER_CALL:
                break
            if link.kind in (CtxKind.LOOP, CtxKind.CALL) and not isinstance(link.node, (cst.FunctionDef, type(None))):
                links.append(link)  # (the call of `call()` itself has no call node)
        if [link.kind for link in links] != [CtxKind.CALL, CtxKind.LOOP]:
            return None  # called straight from one loop of `call()`, nothing between
        site, loop = links[0].node, links[1].node
        call = next(
            (st for st in cls.body.body if isinstance(st, cst.FunctionDef) and st.name.value == "call"), None
        )
        if not isinstance(site, cst.Call) or not isinstance(loop, cst.For) or call is None:
            return None
        if not isinstance(call.body, cst.IndentedBlock) or not any(st is loop for st in call.body.body):
            return None
        if not isinstance(loop.body, cst.IndentedBlock) or not any(
            any(n is site for n in descendants(st)) for st in loop.body.body
        ):
            return None
        name = helper.name.value
        if not (
            isinstance(site.func, cst.Attribute)
            and isinstance(site.func.value, cst.Name)
            and site.func.value.value == "self"
            and site.func.attr.value == name
            and len(re.findall(rf"(?<!\w){re.escape(name)}\b", facts.source)) == 2  # its `def`, this call
            and not any(a.star for a in site.args)
        ):
            return None
        params = helper.params
        if params.star_arg is not cst.MaybeSentinel.DEFAULT or params.star_kwarg is not None:
            return None
        if params.kwonly_params or params.posonly_params or any(p.default is not None for p in params.params):
            return None  # a new last parameter must be a plain one
        init = _movable_into_init(facts, event, node, instance)
        if init is None:
            return None
        counted = _weight_loop(facts, loop, call, _self_assignments(init), set(facts.module_names))
        if counted is None:
            return None
        index, count = counted
        target = loop.target
        assert isinstance(target, cst.Name)  # `_weight_loop` checked it
        taken = self._taken.setdefault(id(cls), _class_words(facts, instance))
        single = snake(obj.short if isinstance(obj, LayerObj) else obj.cls.name)
        words = {n.value for n in descendants(helper) if isinstance(n, cst.Name)}
        parameter = single if single not in words else unique_name(single, words.__contains__)
        base = _plural(single)
        attribute = base if base not in taken else unique_name(base, taken.__contains__)
        taken.add(attribute)
        self._given.setdefault(id(cls), set()).add(attribute)
        last = params.params[-1]
        edits: list[Replace | InsertAfter] = []
        if target.value != index:
            edits.append(Replace(target, index))
        edits += [
            Replace(last.name, f"{last.name.value}, {parameter}"),
            Replace(node, parameter),
            Replace(site, with_keywords(site, {parameter: f"self.{attribute}[{index}]"})),
            InsertAfter(init.body.body[-1], f"self.{attribute} = [{facts.code_for(node)} for _ in {count}]"),
        ]
        return self.fix(
            *edits,
            title=f"Make one layer per pass once, as the list `self.{attribute}` in `__init__`, and pass "
            f"`{name}` its own",
        )

    def _added_fix(
        self, facts: Facts, event: VariableInTrace, node: cst.CSTNode, instance: InstanceObj
    ) -> FixPlan | None:
        """`self.model.add(Conv2D(4, 3))` in `call()`, where `__init__` makes `self.model = Sequential()`: every
        call adds more layers. The run of `self.model.add(...)` statements that holds it moves, in order, to the
        end of `__init__`, so the model is assembled once."""
        function = event.function
        line = event.chain[0] if len(event.chain) == 1 else None
        holder = _added_to(line, node) if line is not None else None
        if function is None or holder is None or not isinstance(function.body, cst.IndentedBlock):
            return None
        found = _init_of(facts, instance)
        if found is None or not isinstance(found.body, cst.IndentedBlock) or not found.body.body:
            return None
        assigned = _self_assignments(found)
        if holder not in assigned:
            return None
        statements = list(function.body.body)
        at = next(i for i, s in enumerate(statements) if s is line)
        start, end = at, at + 1
        while start > 0 and _added_to(statements[start - 1], None) == holder:
            start -= 1
        while end < len(statements) and _added_to(statements[end], None) == holder:
            end += 1
        run = statements[start:end]
        if end == len(statements):
            return None  # `call()` would be left without a body
        for statement in run:
            assert isinstance(statement, cst.SimpleStatementLine)
            call = statement.body[0]
            assert isinstance(call, cst.Expr) and isinstance(call.value, cst.Call)
            added = call.value.args[0].value
            if _reads_locals(event, call.value) or any(a not in assigned for a in _self_reads(added)):
                return None
        code = "\n".join(facts.code_for(s.with_changes(leading_lines=())).rstrip("\n") for s in run)
        return self.fix(
            *(Remove(s) for s in run),
            InsertAfter(found.body.body[-1], code),
            title=f"Add the layers to `self.{holder}` once, in `__init__`",
        )


def _added_to(statement: cst.CSTNode, node: cst.CSTNode | None) -> str | None:
    """`model` for a statement `self.model.add(<one argument>)` (whose argument is `node`, when given)."""
    if not isinstance(statement, cst.SimpleStatementLine) or len(statement.body) != 1:
        return None
    small = statement.body[0]
    call = small.value if isinstance(small, cst.Expr) else None
    if not isinstance(call, cst.Call) or len(call.args) != 1 or call.args[0].keyword or call.args[0].star:
        return None
    func = call.func
    if not (
        isinstance(func, cst.Attribute) and func.attr.value == "add" and isinstance(func.value, cst.Attribute)
    ):
        return None
    owner = func.value
    if not (isinstance(owner.value, cst.Name) and owner.value.value == "self"):
        return None
    if node is not None and call.args[0].value is not node:
        return None
    return owner.attr.value


#: Keywords of a variable under which `v.assign(<initial value>)` gives it its initial value again.
_KEEPS_ITS_VALUE = frozenset(
    {"trainable", "name", "dtype", "shape", "validate_shape", "synchronization", "aggregation"}
)

#: Attributes every Keras layer or model has: a new attribute must not shadow one.
_LAYER_ATTRIBUTES = frozenset(
    {
        "activity_regularizer", "built", "compute_dtype", "dtype", "dtype_policy", "dynamic", "inbound_nodes",
        "input", "input_spec", "inputs", "layers", "losses", "metrics", "name", "non_trainable_variables",
        "non_trainable_weights", "optimizer", "output", "outputs", "path", "state", "states", "stateful",
        "submodules", "supports_masking", "trainable", "trainable_variables", "trainable_weights", "updates",
        "variable_dtype", "variables", "weights", "loss", "history", "distribute_strategy", "run_eagerly",
    }
)  # fmt: skip


_SHAPE_BUILTINS = frozenset({"int", "len", "tuple", "list", "max", "min"})


@dataclass
class _BuildPlan:
    """What `_build_fix` does: the lines that make the weights (unindented), where they go (a new `build`
    before `call()`, or the end of the class's own `build`), and the edits in `call()`."""

    lines: list[str] = field(default_factory=list)
    removed: list[cst.SimpleStatementLine] = field(default_factory=list)
    replaced: list[tuple[cst.CSTNode, str]] = field(default_factory=list)
    build: cst.FunctionDef | None = None
    made: set[int] = field(default_factory=set)  # the layer constructions made in `build` instead

    @property
    def what(self) -> str:
        """What moves, for the fix's title."""
        weights = any(".add_weight(" in line for line in self.lines)
        return "weights and layers" if weights and self.made else "layers" if self.made else "weights"


def _plan_build(
    facts: Facts, function: cst.FunctionDef, instance: InstanceObj, on_the_spot: set[int]
) -> _BuildPlan | None:
    """The plan of `_build_fix`, or None. Every `self.add_weight(...)` of `call()` must move, or none does (a
    weight left behind would still raise). A layer of `on_the_spot` (constructions that own weights, called where they
    are made) in a statement of `call()`'s own body moves when its arguments read only what `build` has: it is
    made as `self.<its name=, or its class>` there, and `call()` calls that."""
    from tfvarfix.semantics.scoping import target_names

    cls = instance.cls.node
    builds = [s for s in cls.body.body if isinstance(s, cst.FunctionDef) and s.name.value == "build"]
    params = function.params.params
    if len(params) < 2 or params[0].name.value != "self" or not isinstance(function.body, cst.IndentedBlock):
        return None
    inputs = params[1].name.value
    init = _init_of(facts, instance)
    if (init is not None and not isinstance(init.body, cst.IndentedBlock)) or _bindings(function, inputs) != 0:
        return None  # (inputs rebound in `call()`: `inputs.shape` is not the first inputs' shape there)
    plan = _BuildPlan()
    shape_name = "input_shape"
    build_words: set[str] = set()
    known = _self_assignments(init) if init is not None else set()
    if builds:
        build = builds[0]
        build_params = build.params.params
        if (
            len(builds) != 1
            or build.decorators
            or not isinstance(build.body, cst.IndentedBlock)
            or len(build_params) != 2
            or build_params[0].name.value != "self"
            or any(
                isinstance(n, (cst.Return, cst.Yield, cst.Global, cst.Nonlocal)) for n in descendants(build)
            )
        ):
            return None
        plan.build = build
        shape_name = build_params[1].name.value
        from tfvarfix.semantics.scoping import scope_info

        build_words = set(scope_info(build).words)
        known |= _self_assignments(build)
    modules = set(facts.module_names)
    taken = _class_words(facts, instance)
    attrs = _attributes(cls) | _LAYER_ATTRIBUTES
    locals_: dict[str, str] = {}  # a local of `call()` -> its code in `build`, over the shape
    reads: dict[str, set[str]] = {}  # a local of `locals_` -> the others its line reads
    moved: set[int] = set()  # the `self.add_weight(...)` calls the plan makes in `build`

    def weight(small: cst.BaseSmallStatement, extra: set[str]) -> cst.Call | None:
        """The `self.add_weight(...)` call of `<target> = self.add_weight(...)`, when its arguments read only
        what `build` has (the shape, the locals computed from it, imports, attributes known there)."""
        if not isinstance(small, cst.Assign) or len(small.targets) != 1:
            return None
        value = small.value
        if not (
            isinstance(value, cst.Call)
            and isinstance(value.func, cst.Attribute)
            and isinstance(value.func.value, cst.Name)
            and value.func.value.value == "self"
            and value.func.attr.value == "add_weight"
        ):
            return None
        return value if buildable(value, extra) else None

    def buildable(value: cst.Call, extra: set[str]) -> bool:
        """The call's arguments read only what `build` has."""
        swapped = _swap_input_shape(value, inputs, shape_name, facts.flavor)
        names = read_names(swapped)
        allowed = set(locals_) | modules | _SHAPE_BUILTINS | extra | {"self", shape_name}
        return names <= allowed and all(a in known or a == "add_weight" for a in _self_reads(value))

    def code(value: cst.Call) -> str:
        """The call as `build` writes it; the locals it reads are computed there first."""
        swapped = _swap_input_shape(value, inputs, shape_name, facts.flavor)
        names = read_names(swapped)
        for name in locals_:
            if name in names:
                need(name)
        return facts.module.code_for_node(swapped)

    def need(name: str) -> None:
        """The line that computes the local `name` in `build`, after the lines of the locals it reads."""
        line = locals_[name]
        if line in plan.lines:
            return
        for other in sorted(reads[name]):
            need(other)
        plan.lines.append(line)

    def attribute(base: str) -> str:
        name = base if base not in attrs else unique_name(base, lambda c: c in taken or c in attrs)
        attrs.add(name)
        taken.add(name)
        return name

    for statement in function.body.body:
        if isinstance(statement, cst.For):
            loop = _weight_loop(facts, statement, function, known, modules)
            if loop is None:
                continue
            index, count = loop
            made: list[tuple[cst.Assign, cst.Call, str]] = []
            for inner in statement.body.body:
                if not isinstance(inner, cst.SimpleStatementLine) or len(inner.body) != 1:
                    continue
                inner_small = inner.body[0]
                made_here = weight(inner_small, {index})
                if made_here is None:
                    continue
                assert isinstance(inner_small, cst.Assign)
                bound = inner_small.targets[0].target
                if not isinstance(bound, cst.Name) or _bindings(function, bound.value) != 1:
                    return None  # `self.w = ...` per pass, or a local bound elsewhere too
                made.append((inner_small, made_here, bound.value))
            if not made:
                continue
            lists = [attribute(_plural(local)) for _, _, local in made]
            calls = [code(value) for _, value, _ in made]  # the locals they read first, in order
            if len(made) == 1:
                plan.lines.append(f"self.{lists[0]} = [{calls[0]} for {index} in {count}]")
            else:
                plan.lines.extend(f"self.{name} = []" for name in lists)
                plan.lines.append(f"for {index} in {count}:")
                indent = facts.module.default_indent
                plan.lines.extend(
                    f"{indent}self.{name}.append({call})" for name, call in zip(lists, calls, strict=True)
                )
            for (assign, call, local), name in zip(made, lists, strict=True):
                moved.add(id(call))
                plan.replaced.append((assign, f"{local} = self.{name}[{index}]"))
            if isinstance(statement.target, cst.Name) and statement.target.value != index:
                plan.replaced.append((statement.target, index))  # `for _ in` reads its pass now
            continue
        if not isinstance(statement, cst.SimpleStatementLine) or len(statement.body) != 1:
            continue
        small = statement.body[0]
        for layer in descendants(small):
            if isinstance(layer, cst.Call) and id(layer) in on_the_spot and buildable(layer, set()):
                name = attribute(_layer_attribute(layer))
                made_code = _moved(facts, small, layer, code(layer), f"self.{name} = ")
                plan.lines.append(f"self.{name} = {made_code}")
                plan.replaced.append((layer, f"self.{name}"))
                plan.made.add(id(layer))
        if not isinstance(small, cst.Assign) or len(small.targets) != 1:
            continue
        target, value = small.targets[0].target, small.value
        found = weight(small, set())
        if found is None:
            computed = target_names(target) if isinstance(target, (cst.Name, cst.Tuple, cst.List)) else []
            if computed and all(_bindings(function, name) == 1 for name in computed):
                shape = _over_input_shape(
                    facts, value, inputs, set(locals_), modules | _SHAPE_BUILTINS | {"self"}, shape_name
                )
                if shape is not None and all(a in known for a in _self_reads(value)):
                    line = f"{facts.module.code_for_node(target)} = {shape}"
                    for name in computed:  # `h, w, c = inputs.shape[1:]`: one line computes all three
                        locals_[name] = line
                        reads[name] = read_names(value) & (set(locals_) - set(computed))
            continue
        if isinstance(target, cst.Name):
            if _bindings(function, target.value) != 1:
                return None
            name = attribute(target.value)
            plan.lines.append(f"self.{name} = {code(found)}")
            plan.replaced.append((small, f"{target.value} = self.{name}"))
        elif (
            isinstance(target, cst.Attribute)
            and isinstance(target.value, cst.Name)
            and target.value.value == "self"
        ):
            plan.lines.append(f"self.{target.attr.value} = {code(found)}")
            plan.removed.append(statement)
            known.add(target.attr.value)
        else:
            return None
        moved.add(id(found))
    every = [
        n
        for n in descendants(function.body)
        if isinstance(n, cst.Call)
        and isinstance(n.func, cst.Attribute)
        and n.func.attr.value in ("add_weight", "add_variable")
    ]
    if not (moved or plan.made) or any(id(n) not in moved for n in every):
        return None
    if plan.build is not None:
        ours = {
            name.strip()
            for line in plan.lines
            if " = " in line and not line.startswith(" ")
            for name in line.split(" = ", 1)[0].split(",")
        }
        if any(name in build_words for name in ours if "." not in name):
            return None  # a local of ours would rebind one of the author's `build`
    if len(plan.replaced) + len(plan.removed) == len(function.body.body) and not plan.replaced:
        return None  # `call()` would be left without a body
    return plan


def _is_add_weight(node: cst.CSTNode) -> bool:
    """`self.add_weight(...)`."""
    return (
        isinstance(node, cst.Call)
        and isinstance(node.func, cst.Attribute)
        and isinstance(node.func.value, cst.Name)
        and node.func.value.value == "self"
        and node.func.attr.value == "add_weight"
    )


def _weight_loop(
    facts: Facts, loop: cst.For, function: cst.FunctionDef, known: set[str], modules: set[str]
) -> tuple[str, str] | None:
    """(the loop's index, `range(...)` as code) for `for i in range(n):` whose count `build` can compute (it
    reads literals, imports and attributes `__init__` sets), with `i` bound only there; None otherwise. For
    `for _ in ...` the index is a name `call()` does not use (`i`), which the loop is then given."""
    from tfvarfix.semantics.scoping import scope_info

    if loop.orelse is not None or loop.asynchronous is not None or not isinstance(loop.target, cst.Name):
        return None
    index = loop.target.value
    iterated = loop.iter
    if not (
        isinstance(iterated, cst.Call)
        and isinstance(iterated.func, cst.Name)
        and iterated.func.value == "range"
    ):
        return None
    if _bindings(function, index) != 1 or not isinstance(loop.body, cst.IndentedBlock):
        return None
    if index == "_":
        target = loop.target
        if any(isinstance(n, cst.Name) and n.value == "_" and n is not target for n in descendants(loop)):
            return None  # `_` is read in the loop: it cannot be renamed
        words = set(scope_info(function).words) | modules
        index = "i" if "i" not in words else unique_name("i", words.__contains__)
    if not read_names(iterated) <= modules | _SHAPE_BUILTINS | {"self", "range"}:
        return None
    if any(a not in known for a in _self_reads(iterated)):
        return None
    return index, facts.module.code_for_node(iterated)


def _plural(name: str) -> str:
    """`kernels` for `kernel`, `biases` for `bias`: the list attribute that holds one weight per pass."""
    if name.endswith(("s", "x", "z", "ch", "sh")):
        return name + "es"
    if name.endswith("y") and len(name) > 1 and name[-2] not in "aeiou":
        return name[:-1] + "ies"
    return name + "s"


def _swap_input_shape(
    value: cst.BaseExpression, inputs: str, shape: str = "input_shape", flavor: Flavor | None = None
) -> cst.BaseExpression:
    """`value` with every `<inputs>.shape` written `input_shape` (what `build` is given; `shape` names it). In
    tf_keras, whose `build` is given a `TensorShape`, `<inputs>.get_shape()` too (Keras 3 gives a tuple, which
    has no `as_list()`: there it stays, and the inputs it reads withhold the move)."""

    def inputs_attribute(node: cst.BaseExpression, attr: str) -> bool:
        return (
            isinstance(node, cst.Attribute)
            and isinstance(node.value, cst.Name)
            and node.value.value == inputs
            and node.attr.value == attr
        )

    class Swap(cst.CSTTransformer):
        def leave_Attribute(self, original: cst.Attribute, updated: cst.Attribute) -> cst.BaseExpression:
            if inputs_attribute(original, "shape"):
                return cst.Name(shape)
            return updated

        def leave_Call(self, original: cst.Call, updated: cst.Call) -> cst.BaseExpression:
            if flavor is Flavor.TF_KERAS and not original.args and inputs_attribute(original.func, "get_shape"):
                return cst.Name(shape)
            return updated

    new = value.visit(Swap())
    assert isinstance(new, cst.BaseExpression)
    return new


def _over_input_shape(
    facts: Facts, value: cst.BaseExpression, inputs: str, shaped: set[str], known: set[str], shape: str
) -> str | None:
    """`value` with `<inputs>.shape` as `input_shape`, when it reads the inputs only through their shape and
    otherwise only names in `known` and the locals already computed from the shape (`shaped`); None otherwise
    (or when it reads neither the inputs' shape nor such a local)."""
    new = _swap_input_shape(value, inputs, shape, facts.flavor)
    names = read_names(new)
    if (new.deep_equals(value) and not names & shaped) or not names <= known | shaped | {shape}:
        return None
    return facts.module.code_for_node(new)


def _moved(facts: Facts, statement: cst.CSTNode, node: cst.CSTNode, code: str, prefix: str) -> str:
    """`code` (`node`'s, as its new place writes it) for a line `<prefix><code>` at the indentation `statement`
    had: continuation lines aligned with its bracket stay aligned."""
    first = facts.code_for(statement).split("\n", 1)[0]
    head = facts.code_for(node).split("\n", 1)[0]
    column = first.find(head)
    return code if column < 0 else realigned(code, column, len(prefix))


def _makes_weights(obj: object) -> bool:
    """A built-in layer known to own weights, or a layer of the program that makes some."""
    if isinstance(obj, LayerObj):
        return obj.spec is not None and bool(obj.spec.weights)
    return isinstance(obj, InstanceObj) and _owns_weights(obj.cls)


def _layer_attribute(construction: cst.Call) -> str:
    """The attribute a layer made in `build` gets: its literal `name=` when that is an identifier
    (`conv2d_theta`), else its class in snake case (`conv2d`)."""
    for arg in construction.args:
        if arg.keyword is not None and arg.keyword.value == "name" and isinstance(arg.value, cst.SimpleString):
            text = arg.value.evaluated_value
            if isinstance(text, str) and text.isidentifier() and not keyword.iskeyword(text):
                return text
    func = construction.func
    short = func.attr.value if isinstance(func, cst.Attribute) else func.value if isinstance(func, cst.Name) else ""
    return snake(short) or "layer"


def _attributes(cls: cst.ClassDef) -> set[str]:
    """The attributes the class's code reads or sets, and the names its body binds."""
    out = {n.attr.value for n in descendants(cls) if isinstance(n, cst.Attribute)}
    out.update(s.name.value for s in cls.body.body if isinstance(s, (cst.FunctionDef, cst.ClassDef)))
    return out


def _bindings(function: cst.FunctionDef, name: str) -> int:
    """How many targets in the function bind `name`."""
    from tfvarfix.semantics.scoping import target_names

    count = 0
    for node in descendants(function.body):
        if isinstance(node, (cst.Global, cst.Nonlocal)):
            return 99
        targets: list[cst.BaseExpression] = []
        if isinstance(node, cst.Assign):
            targets = [t.target for t in node.targets]
        elif isinstance(node, (cst.AugAssign, cst.AnnAssign, cst.For)):
            targets = [node.target]
        count += sum(1 for t in targets for bound in target_names(t) if bound == name)
    return count


def _movable_into_init(
    facts: Facts, event: VariableInTrace, node: cst.CSTNode, instance: InstanceObj
) -> cst.FunctionDef | None:
    """The class's `__init__`, when the construction at `node` can run at its end: its arguments read only
    literals, imports and attributes that `__init__` sets."""
    found = _init_of(facts, instance)
    if found is None or not isinstance(found.body, cst.IndentedBlock) or not found.body.body:
        return None
    if _reads_locals(event, node):
        return None
    assigned = _self_assignments(found)
    if any(attr not in assigned for attr in _self_reads(node)):
        return None
    return found


def _called_where_made(statement: cst.CSTNode, node: cst.Call) -> bool:
    """`node` is the callee of a call in `statement`: `Dense(4)(x)`."""
    return any(isinstance(n, cst.Call) and n.func is node for n in descendants(statement))


def _class_words(facts: Facts, instance: InstanceObj) -> set[str]:
    """Every name and attribute the class's body mentions: a new attribute must be none of them."""
    from tfvarfix.semantics.scoping import scope_info

    return set(scope_info(instance.cls.node).words) | {
        w for statement in instance.cls.node.body.body for w in scope_info(statement).words
    }


def _made_for(event: VariableInTrace, instance: InstanceObj) -> bool:
    """The creation belongs to the layer: made in one of its methods or in a plain helper, not in a method of
    another object (a wrapped module keeps its own variables)."""
    frame = event.ctx.find(CtxKind.CALL)
    func = frame.data if frame is not None else None
    owner = func.owner if isinstance(func, FuncObj) else None
    return owner is None or owner in instance.cls.mro() or owner.is_layer


def _owns_weights(cls: ClassObj) -> bool:
    """Whether a layer class of the program makes weights: it derives from a built-in layer that has some, or a
    method of it mentions a variable, `add_weight` or a built-in layer that has weights."""
    from tfvarfix.keras.table import all_specs
    from tfvarfix.semantics.scoping import scope_info

    for klass in cls.mro():
        base = klass.keras_base or ""
        spec = all_specs().get(base.rsplit(".", 1)[-1]) if base.startswith("keras.layers.") else None
        if spec is not None and spec.weights:
            return True
        for statement in klass.node.body.body:
            if isinstance(statement, cst.FunctionDef):
                words = scope_info(statement).words
                if words & _MAKES_WEIGHTS or any(
                    spec.weights for name, spec in all_specs().items() if name in words
                ):
                    return True
    return False


_MAKES_WEIGHTS = frozenset({"add_weight", "add_variable", "Variable", "variable", "get_variable"})


def _kept_by(event: VariableInTrace, instance: InstanceObj) -> bool:
    """The object made is stored on the layer: `self.x = <it>` or `self.x[key] = <it>`, in `call()` or in a
    method of the layer it runs (`self._proj[name] = Dense(...)` in `_init_trackables`), where Keras 3 tracks it
    (a dict or list attribute of a layer is a tracked container)."""
    frame = event.ctx.find(CtxKind.CALL)
    func = frame.data if frame is not None else None
    owner = func.owner if isinstance(func, FuncObj) else None
    if not event.chain or owner is None or owner not in instance.cls.mro():
        return False
    target: cst.BaseExpression | None = sole_assignment(event.chain[-1], event.node)
    while isinstance(target, cst.Subscript):
        target = target.value
    return (
        isinstance(target, cst.Attribute) and isinstance(target.value, cst.Name) and target.value.value == "self"
    )


def _in_own_dunder_call(event: VariableInTrace) -> bool:
    """Made in the `__call__` a layer class of the program defines (not in a `call()` its `super().__call__`
    runs)."""
    layer = event.ctx.find(CtxKind.LAYER_CALL)
    return layer is not None and isinstance(layer.node, cst.FunctionDef) and layer.node.name.value == "__call__"


def _in_layer_call(event: VariableInTrace) -> bool:
    """Made in `call()` of a Keras layer (and not in a tf.function that call() runs)."""
    layer = event.ctx.find(CtxKind.LAYER_CALL)
    if layer is None:
        return False
    trace = event.ctx.find(CtxKind.TF_FUNCTION)
    return trace is None or any(c is trace for c in layer.chain())  # the layer call runs inside the trace


def _self_target(event: VariableInTrace, node: cst.CSTNode) -> str | None:
    """`x` when the creation is `self.x = <it>` alone, or alone under `if self.x is None:`."""
    chain = event.chain
    if not chain or event.function is None:
        return None
    target = sole_assignment(chain[-1], node)
    if not (isinstance(target, cst.Attribute) and isinstance(target.value, cst.Name)):
        return None
    if target.value.value != "self":
        return None
    if len(chain) == 1:
        return target.attr.value
    guard = chain[0]
    if len(chain) == 2 and isinstance(guard, cst.If) and guard.orelse is None and len(guard.body.body) == 1:
        test = guard.test
        if isinstance(test, cst.Comparison) and len(test.comparisons) == 1:
            left, op = test.left, test.comparisons[0]
            if (
                isinstance(op.operator, cst.Is)
                and isinstance(op.comparator, cst.Name)
                and op.comparator.value == "None"
                and isinstance(left, cst.Attribute)
                and isinstance(left.value, cst.Name)
                and left.value.value == "self"
                and left.attr.value == target.attr.value
            ):
                return target.attr.value
    return None


def _init_of(facts: Facts, instance: InstanceObj) -> cst.FunctionDef | None:
    for statement in instance.cls.node.body.body:
        if isinstance(statement, cst.FunctionDef) and statement.name.value == "__init__":
            return statement
    return None


def _self_assignments(init: cst.FunctionDef) -> set[str]:
    out: set[str] = set()
    for line in init.body.body:
        if isinstance(line, cst.SimpleStatementLine):
            for small in line.body:
                if isinstance(small, cst.Assign):
                    for t in small.targets:
                        if isinstance(t.target, cst.Attribute) and isinstance(t.target.value, cst.Name):
                            out.add(t.target.attr.value)
    return out


def _self_reads(node: cst.CSTNode) -> list[str]:
    out: list[str] = []
    stack: list[cst.CSTNode] = [node]
    while stack:
        current = stack.pop()
        if (
            isinstance(current, cst.Attribute)
            and isinstance(current.value, cst.Name)
            and current.value.value == "self"
        ):
            out.append(current.attr.value)
            continue
        stack.extend(children(current))
    return out


def _reads_locals(event: VariableInTrace, node: cst.CSTNode) -> bool:
    """Whether the creation's arguments read a local of `call()` (its inputs, a local variable), or a name
    that is not an import."""
    if not isinstance(node, cst.Call):
        return True
    stack: list[cst.CSTNode] = [a.value for a in node.args]
    while stack:
        current = stack.pop()
        if isinstance(current, cst.Attribute):
            if isinstance(current.value, cst.Name) and current.value.value == "self":
                continue
            stack.append(current.value)
            continue
        if isinstance(current, (cst.Lambda, cst.ListComp, cst.GeneratorExp, cst.DictComp, cst.SetComp)):
            return True
        if isinstance(current, cst.Name):
            if current.value in ("None", "True", "False"):
                continue
            if current.value in event.env:
                return True
            continue
        stack.extend(children(current))
    return False


_ = (AV, FuncObj, ModuleRef, present)
