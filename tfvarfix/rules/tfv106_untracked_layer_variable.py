from __future__ import annotations

from collections.abc import Iterator

import libcst as cst

from tfvarfix.codegen import string, unique_name
from tfvarfix.keras.spec import Flavor
from tfvarfix.keras.transfer import present_weights
from tfvarfix.rule import AddImport, Finding, FixPlan, InsertBefore, Intended, NodeEdit, Replace, Rule, agreed
from tfvarfix.semantics.events import Created, Ctx, CtxKind, Holds, LambdaCall, MethodCall, UntrackedLayer
from tfvarfix.semantics.facts import Facts, reachable, reads_only_constants, scopes, version_fallback
from tfvarfix.semantics.heap import present
from tfvarfix.semantics.values import (
    AV,
    FuncObj,
    InstanceObj,
    LayerObj,
    ModelObj,
    ModuleRef,
    TensorObj,
    VarObj,
)
from tfvarfix.semantics.walker import contains_call, descendants, sole_assignment
from tfvarfix.types import FixAvailability, FixSafety, VerifyCheck

_UNTRACKED = frozenset({"tf.Variable", "tf.compat.v1.Variable"})
_KEPT = frozenset({"initial_value", "name", "dtype", "trainable", "shape"})
_FILLS = ("zeros", "ones")
_LOST = ", never trained and not saved by `model.save`"
# A variable made with `trainable=False` was never meant to train: what it loses is its place in the layer's
# weights and in the saved model (neural-structured-learning's kg_hyp_emb: `self.gamma = tf.Variable(...,
# trainable=False)`, measured on Keras 3.15: `model.weights` leaves it out).
_NOT_SAVED = " (not in `non_trainable_weights` either) and not saved by `model.save`"


def _made_untrainable(call: cst.Call) -> bool:
    """`tf.Variable(..., trainable=False)`, written so."""
    return any(
        a.keyword is not None
        and a.keyword.value == "trainable"
        and isinstance(a.value, cst.Name)
        and a.value.value == "False"
        for a in call.args
    )


class UntrackedLayerVariable(Rule):
    """
    ## What it does
    Finds `self.w = tf.Variable(...)` in the `__init__` or `build` of a Keras 3 `Layer` or `Model` subclass;
    and a `tf.Variable` made outside any layer that the function of a `Lambda` layer reads
    (`Lambda(lambda x: tf.matmul(x, B))`, tensorflow#30587; not one made with `trainable=False`; no fix);
    a layer with weights or a model, made outside a `Lambda`'s function and called inside it
    (`Lambda(lambda x: encoder(x))`, keras#11744), that the model holds no other way (not also called on a
    tensor of the graph, added to a `Sequential`, stored on an instance of the program, or handed to code the
    analysis does not follow; no fix: calling it on the tensor directly changes the model's layers and names);
    and, in `__init__` or `build`, a `tf.Variable` or `keras.Variable` handed straight to an op whose tensor the
    attribute keeps (`self.means = ops.expand_dims(keras.Variable(m), 1)`, keras#4401): no attribute holds the
    variable, so even a Keras variable is not tracked.
    And a built-in layer with weights that a layer of the program calls in its `call()` but holds only where
    Keras 3's tracker does not look: in a plain list or dict added, before the layer went in, to one of its
    tracked lists or dicts (`block = []; self.blocks.append(block); block.append(Dense(...))`, keras#20598), or
    set by index in a tracked list (`self.denses[i] = Dense(...)`): not in the model's weights, never trained;
    or only in `self._layers` of a `Layer` subclass, an attribute of Keras's own `Layer` that the `.keras` saver
    skips (keras#20260): trained, but not saved. Not a list filled before it is added, a nested list assigned
    whole, dicts and tuples of layers, a `Sequential`, or `_layers` of a `Model` subclass (all tracked and
    saved, measured with Keras 3.15.1); no fix.
    Modules that target tf_keras (`import tf_keras`, `TF_USE_LEGACY_KERAS`) are not reported, nor is a
    `tf.Variable` in the `except AttributeError:` (or `ImportError`, `NameError`) handler of a version switch
    (`try: self.w = keras.Variable(...)`): that handler runs only where the try body's API is missing.

    ## Why is this bad?
    Keras 3 tracks only its own variables. A `tf.Variable` held in a layer attribute is not in `layer.weights`
    or `trainable_weights`, so `fit` never updates it and `model.save` does not store it; the only sign is the
    warning `The model does not have any trainable weights.` tf_keras tracked the same code, so a model that
    trained under TensorFlow 2.15 silently stops training its own parameters after the upgrade to Keras 3.

    ## Example
    ```python
    import tensorflow as tf

    class Scale(tf.keras.layers.Layer):
        def build(self, input_shape):
            self.w = tf.Variable(tf.ones((4,)))

        def call(self, x):
            return x * self.w
    ```

    ## Use instead
    ```python
    import tensorflow as tf

    class Scale(tf.keras.layers.Layer):
        def build(self, input_shape):
            self.w = self.add_weight(name="w", shape=(4,), initializer="ones")

        def call(self, x):
            return x * self.w
    ```

    ## Fix safety
    Unsafe: the variable becomes a tracked weight, so `fit` trains it and saving stores it, which is what the
    author meant and a change of behaviour. The fix keeps the shape (the `shape=` argument, the static value,
    the value's `shape`, the shape argument of `tf.zeros`/`tf.random.normal`..., `()` for `float(...)`), the
    initial value (`"zeros"`/`"ones"`, or `keras.initializers.Constant(value)`), the given `dtype` and
    `trainable`. A tensor whose shape cannot be written out (`tf.Variable(w_init([n_in, n_out]))`, drawn by
    a function of the program) is computed first, where it was, as `weight_initial = w_init(...)`, and given
    whole: `add_weight(shape=tuple(weight_initial.shape), initializer=lambda shape, dtype=None:
    weight_initial, dtype=weight_initial.dtype)`, so the weight starts from the same draw in the same dtype (an
    int64 index stays int64: keras#18461's Swin position index); withheld when the value is not a tensor in
    every run (a Python number or list: no `.shape`). When the layer builds inside another layer's `call()`
    (Keras traces that call in a scratch graph, and a tensor made there cannot start a weight: the original
    raises `could not be lifted out of a tf.function`), that line runs in `with tf.init_scope():`, which makes
    it eagerly and changes nothing outside a trace. The weight is named after the attribute unless the
    variable had a name without `/` (a name
    computed per instance, `name=name`, is kept as written); one made per pass of a loop or comprehension
    without a known name gets Keras's own numbered name. A `tf.Variable` of an inferred non-float32 dtype gets
    the layer's dtype unless `dtype=` was given.

    A value a Keras initializer draws (`tf.Variable(keras.initializers.GlorotNormal()(shape=(1,),
    dtype=tf.float32))`, tensorflow#39540) is drawn by the weight itself: `add_weight(shape=(1,),
    initializer=keras.initializers.GlorotNormal(), dtype=tf.float32)`, the initializer, shape and dtype as
    written (a seeded initializer draws the same values; measured, Keras 3.15). Only when the initializer is made
    of literals and imports, the shape and dtype call nothing, and the variable has no `shape=`/`dtype=` of its
    own; a draw the value goes on to change (`init(shape) * 0.1`) is computed first, as above. With no dtype in
    the draw, the weight takes the layer's (`float32` but for a layer made with another). A layer the program
    builds itself (`net.build([1, 1])`) is built as when its first call builds it.

    Offered where the variable is made in a method of the layer's class: `__init__`, `build`, a helper method
    they call (`self._make_state()`, an initializer method that returns the variable), a loop there that puts
    one variable per pass in a list, or a comprehension. Withheld when the same code also runs outside the
    layer's `__init__`/`build` (a `reset_state()` called on the built layer: `add_weight` there raises), when
    a loop rebinds one attribute (`add_weight` would track every pass's weight where the layer kept the last),
    and when the shape or initial value cannot be written where the variable is made.

    A copy of one of the layer's own weights (`self.copy = tf.Variable(self.kernel)`) is not made a new
    trainable weight. When only penalties read it (`add_loss(...)` arguments, or a method named for a loss,
    penalty or regularizer), the fix reads the weight itself (`self.copy = self.kernel`), so the penalty
    regularizes the kernel as the author meant; a new trainable weight would train the copy towards zero and
    leave the kernel unregularized. When a statement reads the copy beside the weight (a penalty towards the
    starting value, `square(self.kernel - self.start)`) or the layer updates it (`assign`, a running
    average), the copy becomes a weight with `trainable=False`: tracked and saved, and still not trained,
    as in Keras 3 today. A copy only penalties read, made with `trainable=True`, gets no fix.

    A variable handed straight to an op (`self.means = ops.expand_dims(keras.Variable(m), 1)`, keras#4401) is
    kept by the attribute itself, `self.means = keras.Variable(m)` (a `keras.Variable` an attribute holds is
    tracked), and the op moves to where the tensor was used: each `self.means` read in the class's methods
    becomes `ops.expand_dims(self.means, 1)`, with the op's other arguments as written. Not for a `tf.Variable`
    (an attribute holding it would still not be tracked; no fix there). Unsafe, as above: the weight is now
    trained and saved, and the op runs on each call, on the current value, where the original used the tensor
    made once at the build (the same outputs until the weight changes: measured, Keras 3.15). Offered only when
    the variable is the op's first argument, the other arguments read only literals and imports, and the
    attribute is read nowhere but as `self.means` in the class's own methods (not outside the class, not in a
    function nested in a method) and never written again.

    ## Numerical equivalence
    `intended`: `verify` checks that the weight starts with the variable's initial value and is now among the
    model's trainable weights. The fix made in `tf.init_scope()` is checked as `repairs`: the original raises
    `could not be lifted out of a tf.function`, the rewrite runs.

    ## References
    - [Keras: making new layers and models via
      subclassing](https://keras.io/guides/making_new_layers_and_models_via_subclassing/)
    - [Layer.add_weight](https://keras.io/api/layers/base_layer/#addweight-method)
    """

    CODE = "TFV106"
    NAME = "untracked-layer-variable"
    MESSAGE = (
        "`{made}` in `{cls}.{method}` is not tracked by Keras 3: it is not in "
        "`weights`{lost}{advice}"
    )
    FIX_TITLE = "Use `self.add_weight(...)`"
    FIX_AVAILABILITY = FixAvailability.SOMETIMES
    FIX_SAFETY = FixSafety.UNSAFE
    VERIFY = VerifyCheck.INTENDED

    def check(self, facts: Facts) -> Iterator[Finding]:
        if facts.flavor is Flavor.TF_KERAS:
            return
        made: dict[int, Created] = {}
        outside: set[int] = set()  # where a variable is made outside a layer's `__init__`/`build`
        for created in facts.of(Created):
            made[id(created.obj)] = created
            if not created.ctx.has(CtxKind.METHOD):
                outside.add(id(created.node))
        for node, events in facts.grouped(Holds):
            live = [e for e in events if reachable(e) and e.variable.ctor in _UNTRACKED]
            if not live or len(live) != len(events) or not isinstance(node, cst.Call):
                continue
            if version_fallback(facts, node):
                continue  # tf_keras's branch of a version switch: tf_keras tracks a tf.Variable
            if not all(isinstance(e.instance, InstanceObj) and e.instance.cls.is_layer for e in live):
                continue
            # The message reads one context, the first by class and attribute whatever the order of analysis;
            # the fix must be the same in every context (a parameter 2 in one call and unknown in another).
            event = min(live, key=lambda e: (_class_name(e.instance), e.method, e.attr, e.direct))
            instance = event.instance
            assert isinstance(instance, InstanceObj)
            target = f"self.{event.attr}" if event.direct else f"self.{event.attr}[...]"
            value = event.variable.initial_node
            copied = value if value is not None and _copies_a_weight(event.variable) else None
            fix = agreed(
                self._fix(facts, creation, e, node, e.instance.cls.node, id(node) in outside)
                if (creation := made.get(id(e.variable))) is not None and isinstance(e.instance, InstanceObj)
                else None
                for e in live
            )
            yield self.finding(
                node,
                fix=fix,
                made=f"{target} = {event.variable.ctor}(...)",
                cls=instance.cls.name,
                method=event.method,
                lost=_NOT_SAVED if _made_untrainable(node) else _LOST,
                advice=_COPY_ADVICE.format(source=facts.code_for(copied))
                if copied is not None
                else "; use `self.add_weight(...)`",
            )
        yield from self._lambda_captures(facts)
        yield from self._lambda_layers(facts)
        yield from self._wrapped_variables(facts)
        yield from self._untracked_layers(facts)

    def _untracked_layers(self, facts: Facts) -> Iterator[Finding]:
        """A built-in layer with weights that a Keras 3 layer of the program holds and calls in its `call()`, kept
        only where Keras 3 does not see it (`UntrackedLayer`). "nested" (keras#20598): put into a plain list or
        dict that was added, still without it, to one of the layer's tracked lists or dicts (`block = [];
        self.blocks.append(block); block.append(Dense(...))`), or set by index in a tracked list
        (`self.denses[i] = Dense(...)`): `TrackedList.append` tracks the layers the list holds then and stores
        the plain list, so nothing tracks what is added to it later (measured, Keras 3.15.1: the model has 0
        weights, `fit` warns `The model does not have any trainable weights.`; tf_keras 2.21 tracks them).
        "reserved" (keras#20260): kept only in an attribute of Keras's own `Layer` (`self._layers = [...]`) in a
        Layer subclass: trained, but the `.keras` saver skips the attribute (the reloaded model predicts from
        fresh weights). Silent when the layer is also held another way (another attribute, a `Sequential`, the
        graph of a functional model), is handed to code the analysis does not follow, or has no weights."""
        for node, events in facts.grouped(UntrackedLayer):
            live = [e for e in events if reachable(e)]
            if not live or len(live) != len(events) or len({e.how for e in live}) != 1:
                continue
            if not all(self._untracked(e) for e in live):
                continue
            if not any((id(e.owner), id(e.obj)) in e.tracked.calls for e in live):
                continue  # not called by the layer's own call: maybe used some other way
            event = min(live, key=lambda e: (_class_name(e.owner), e.attr))
            owner = event.owner
            assert isinstance(owner, InstanceObj)
            # The kinds only: how many layers a context puts there depends on the order the entries run.
            kinds = " or ".join(f"`{k}`" for k in sorted({e.obj.short for e in live if isinstance(e.obj, LayerObj)}))
            what = f"a {kinds} layer"
            if event.how == "nested":
                message = (
                    f"`{facts.inline_code(node)}` puts {what} in a list or dict that `{owner.cls.name}` holds "
                    "but Keras 3 does not track: a plain list added to a tracked list (or dict) is stored as it "
                    "is, and the layers added to it afterwards (or set by index in a tracked list) are not "
                    "tracked, so their weights are not in the model's weights: `fit` never trains them and "
                    "`model.save` does not save them; fill the inner list before adding it, or assign the "
                    "whole nested list to the attribute at the end"
                )
            else:
                message = (
                    f"`self.{event.attr}` of `{owner.cls.name}` holds {what} with weights, and `{event.attr}` is an "
                    "attribute of Keras 3's own `Layer`: it trains, but `model.save` skips that attribute, "
                    "so its weights are not saved and the reloaded model predicts from fresh weights; use a name "
                    f"of your own (`self._custom{event.attr}`)"
                )
            yield Finding(node=node, message=message, code=self.CODE)

    @staticmethod
    def _untracked(event: UntrackedLayer) -> bool:
        layer, owner, tracked = event.obj, event.owner, event.tracked
        if not isinstance(layer, LayerObj) or not isinstance(owner, InstanceObj) or not present_weights(layer):
            return False  # no weights (Dropout, Activation), or not known to have any
        if id(layer) in event.escaped.objs or id(owner) in event.escaped.objs:
            return False
        if event.how == "nested":
            container = event.container
            if container is not None and (id(container) in tracked.containers or id(container) in event.escaped.objs):
                return False
            return id(layer) not in tracked.objs
        return id(layer) not in tracked.saved

    def _lambda_layers(self, facts: Facts) -> Iterator[Finding]:
        """keras#11744: a layer or model with weights, made outside a `Lambda`'s function and called inside it
        (`Lambda(lambda x: encoder(x), name="encoder_out")`), in Keras 3 code. A Lambda tracks nothing its
        function calls: unless the model holds it another way (called on a tensor of the graph directly, added
        to a `Sequential`, stored on a layer of the program), its weights are not the model's, `fit` never
        trains them and `model.save` does not save them (measured, Keras 3.15: the encoder's LSTM kernel is not
        in `model.trainable_weights` and keeps its value through `fit`)."""
        made = {id(e.obj): e for e in facts.of(Created)}
        for node, events in facts.grouped(LambdaCall):
            live = [e for e in events if reachable(e)]
            if not live or len(live) != len(events):
                continue
            event = live[0]
            obj = event.obj
            if any(id(e.obj) in e.tracked.objs or id(e.obj) in e.escaped.objs for e in live):
                continue
            if any(e.obj is not obj for e in live):
                continue
            creation = made.get(id(obj))
            if creation is None or creation.ctx.has(CtxKind.LAYER_CALL):
                continue  # made by the function itself, on each call (a hazard of its own), or not seen made
            if isinstance(obj, LayerObj) and not present_weights(obj):
                continue  # no weights (Dropout, Activation), or not known to have any
            if not isinstance(obj, (LayerObj, ModelObj)):
                continue
            lam = event.lam
            where = f"`Lambda` layer `{lam.name}`" if isinstance(lam, LayerObj) and lam.name else "a `Lambda` layer"
            if isinstance(obj, ModelObj):
                what = f"the {obj.kind.value} model" + (f" `{obj.name}`" if obj.name else "")
            else:
                what = f"the `{obj.short}` layer" + (f" `{obj.name}`" if obj.name else "")
            yield Finding(
                node=node,
                message=(
                    f"`{facts.inline_code(node)}` calls {what} inside the function of {where}: a Lambda tracks "
                    "nothing its function calls, so Keras 3 leaves its weights out of the model's weights, `fit` "
                    "never trains them and `model.save` does not save them; call it on the tensor directly (it "
                    "then is a layer of the model), or make the Lambda a custom layer that holds it"
                ),
                code=self.CODE,
            )

    def _wrapped_variables(self, facts: Facts) -> Iterator[Finding]:
        """keras#4401: `self.means = ops.expand_dims(keras.Variable(v), 1)` in a Keras 3 layer's `__init__` or
        `build`. The variable is a temporary handed straight to a TF/Keras op, and the attribute holds the op's
        tensor, so no attribute holds the variable and the layer tracks nothing, whether it is a `tf.Variable` or
        a `keras.Variable` (measured, Keras 3.15.1: the layer's `weights` is `[]` after `fit`, and the means never
        move). The fix keeps the variable in the attribute and applies the op where it is read."""
        layer_classes = {id(i.cls.node): i.cls for i in facts.made(InstanceObj) if i.cls.is_layer}
        if not layer_classes:
            return
        ops = {id(e.node): e for e in facts.of(MethodCall) if e.callee.startswith(("keras.ops.", "tf."))}
        for node, events in facts.grouped(Created):
            made = [e for e in events if isinstance(e.obj, VarObj) and reachable(e)]
            if not made or len(made) != len(events) or not isinstance(node, cst.Call):
                continue
            ctors = {e.obj.ctor for e in made if isinstance(e.obj, VarObj)}
            if len(ctors) != 1 or not ctors <= _UNTRACKED | {"keras.Variable"}:
                continue
            chain = facts.ancestors(node)
            # node <- Arg <- Call (the op) <- Assign `self.x = op(...)` in `__init__`/`build` of a layer class
            if len(chain) < 3 or not isinstance(chain[-1], cst.Arg) or not isinstance(chain[-2], cst.Call):
                continue
            outer, statement = chain[-2], chain[-3]
            op = ops.get(id(outer))
            if op is None or "Variable" in op.callee or not isinstance(statement, cst.Assign):
                continue
            if statement.value is not outer or len(statement.targets) != 1:
                continue
            target = statement.targets[0].target
            if not (isinstance(target, cst.Attribute) and isinstance(target.value, cst.Name)):
                continue
            method = next((a for a in reversed(chain) if isinstance(a, cst.FunctionDef)), None)
            klass = next((a for a in reversed(chain) if isinstance(a, cst.ClassDef)), None)
            if method is None or klass is None or method.name.value not in ("__init__", "build"):
                continue
            if method not in klass.body.body or not method.params.params:
                continue
            if target.value.value != method.params.params[0].name.value or id(klass) not in layer_classes:
                continue
            attr = f"{target.value.value}.{target.attr.value}"
            op_code = facts.code_for(outer.func)
            yield self.finding(
                node,
                fix=self._unwrap_fix(facts, made[0], node, outer, target, klass),
                made=f"{attr} = {op_code}({ctors.pop()}(...), ...)",
                cls=klass.name.value,
                method=method.name.value,
                lost=_LOST,
                advice=(
                    f"; `{attr}` holds the tensor `{op_code}` makes from the variable, and no attribute holds "
                    f"the variable: make it with `self.add_weight(...)` and apply `{op_code}` in `call`"
                ),
            )

    def _unwrap_fix(
        self,
        facts: Facts,
        creation: Created,
        node: cst.Call,
        op: cst.Call,
        target: cst.Attribute,
        klass: cst.ClassDef,
    ) -> FixPlan | None:
        """keras#4401: `self.means = ops.expand_dims(keras.Variable(m), 1)` becomes `self.means = keras.Variable(m)`,
        which the layer tracks, and each read of `self.means` in the class's methods becomes `ops.expand_dims(
        self.means, 1)`: the op moves to where the tensor is used, on the variable. Only when the op's other
        arguments read only literals and imports, and `self.means` is read nowhere but as `<self>.means` in the
        class's own methods (not in nested functions, not written again)."""
        variable = creation.obj
        if not isinstance(variable, VarObj) or variable.ctor != "keras.Variable":
            return None  # a tf.Variable the attribute holds is still not tracked: that is the plain case's fix
        if not op.args or op.args[0].value is not node or op.args[0].keyword is not None:
            return None
        rest = list(op.args[1:])
        if any(a.star for a in rest) or not all(reads_only_constants(facts, creation, a.value) for a in rest):
            return None
        name = target.attr.value
        reads: list[tuple[cst.Attribute, str]] = []
        for found in descendants(facts.module):
            if not (isinstance(found, cst.Attribute) and found.attr.value == name) or found is target:
                continue
            path = facts.ancestors(found)
            functions = [a for a in path if isinstance(a, (cst.FunctionDef, cst.Lambda))]
            if len(functions) != 1 or not isinstance(functions[0], cst.FunctionDef):
                return None  # read outside the class's methods, or in a function nested in one
            method = functions[0]
            if not any(m is method for m in klass.body.body) or not method.params.params:
                return None
            owner = method.params.params[0].name.value
            if not (isinstance(found.value, cst.Name) and found.value.value == owner):
                return None
            if _written(path, found):
                return None  # written again: what it holds would not be the variable alone
            reads.append((found, owner))
        if not reads:
            return None
        code = facts.code_for
        extra = "".join(f", {code(a)}" for a in rest)
        edits: list[NodeEdit] = [Replace(op, code(node))]
        edits += [Replace(read, f"{code(op.func)}({owner}.{name}{extra})") for read, owner in reads]
        return self.fix(
            *edits,
            title=f"Keep the variable in `{code(target)}` and apply `{code(op.func)}` where it is read",
            intended=(Intended(node),),  # the weight the attribute now holds starts from the variable's value
        )

    def _lambda_captures(self, facts: Facts) -> Iterator[Finding]:
        """tensorflow#30587: a `tf.Variable` made outside any layer and read by the function of a `Lambda` layer
        (`Lambda(lambda x: tf.matmul(x, B))`) in Keras 3 code. A Lambda tracks no variables: `B` is not in the
        model's weights, `fit` never trains it and `model.save` does not save it (measured, Keras 3.15.1: the
        model has 0 trainable weights and B keeps its value after `fit`). A variable made with
        `trainable=False` is left alone (a constant table the author may mean to keep out of training)."""
        captured: dict[int, str] = {}
        for call in facts.of(MethodCall):
            if not reachable(call) or call.args is None:
                continue
            lam = next(
                (
                    c.data
                    for c in call.ctx.chain()
                    if c.kind is CtxKind.LAYER_CALL
                    and isinstance(c.data, LayerObj)
                    and c.data.cls == "keras.layers.Lambda"
                ),
                None,
            )
            if lam is None:
                continue
            for value in (*call.args.positional, *call.args.keywords.values()):
                obj = value.single()
                if isinstance(obj, VarObj) and obj.weight is None and obj.ctor in _UNTRACKED:
                    captured.setdefault(id(obj), f"`Lambda` layer `{lam.name}`" if lam.name else "a `Lambda` layer")
        if not captured:
            return
        for node, events in facts.grouped(Created):
            live = [e for e in events if reachable(e)]
            if not live or len(live) != len(events) or not isinstance(node, cst.Call):
                continue
            variable = live[0].obj
            if not isinstance(variable, VarObj) or id(variable) not in captured:
                continue
            if any(e.ctx.has(CtxKind.LAYER_CALL) or e.ctx.has(CtxKind.METHOD) for e in live):
                continue  # made in a layer's call (TFV402's) or its __init__/build (reported above)
            if any(a.keyword is not None and a.keyword.value == "trainable" for a in node.args):
                continue
            yield Finding(
                node=node,
                message=(
                    f"`{variable.ctor}(...)` is read by the function of {captured[id(variable)]}: "
                    "a Lambda tracks no variables, so Keras 3 leaves it out of the model's weights, `fit` never "
                    "trains it and `model.save` does not save it; make it a weight of a custom layer "
                    "(`self.add_weight(...)` in `build`)"
                ),
                code=self.CODE,
            )

    def _fix(
        self,
        facts: Facts,
        creation: Created,
        event: Holds,
        node: cst.Call,
        cls: cst.ClassDef,
        also_outside: bool,
    ) -> FixPlan | None:
        variable = event.variable
        statement = creation.statement
        target = sole_assignment(statement, node)
        owner = None if also_outside else _owner(facts, creation, event, node, cls)
        if owner is None:
            return None
        in_loop = _loop_in_method(creation.ctx, event.method)
        # In a loop, `self.w = tf.Variable(...)` keeps the last variable, where `add_weight` would track one
        # per pass; a variable a loop or comprehension puts in a list is one weight per pass, as meant.
        direct = isinstance(target, cst.Attribute) and isinstance(target.value, cst.Name)
        if in_loop and event.direct:
            return None
        value = variable.initial_node
        keywords = {a.keyword.value: a.value for a in node.args if a.keyword is not None}
        if value is None or set(keywords) - _KEPT or len(node.args) - len(keywords) > 1:
            return None
        code = facts.code_for
        title: str | None = None
        trainable = keywords.get("trainable")
        frozen = isinstance(trainable, cst.Name) and trainable.value == "False"
        if _copies_a_weight(variable):
            if not (direct and isinstance(target, cst.Attribute)):
                return None
            # `self.copy = tf.Variable(self.kernel)`: a copy of one of the layer's own weights.
            use = _uses(cls, target.attr.value, code(value), node)
            if use == "penalty" and trainable is None:
                # Only a penalty reads it: the author meant to regularize the weight itself. A new trainable
                # weight would train the copy towards zero and leave the weight unregularized.
                return self.fix(
                    Replace(node, code(value)),
                    title=f"Read the layer's own weight `{code(value)}` instead of an untracked copy of it",
                    intended=(
                        Intended(node),
                    ),  # the attribute is now the weight, which holds the copy's value
                )
            if use in ("beside", "written") and trainable is None:
                # A frozen reference point (`square(self.kernel - self.start)`) or a state the layer updates
                # itself (a running average): a weight, but not one for the optimizer, as in Keras 3 today.
                keywords["trainable"] = cst.Name("False")
                title = "Use `self.add_weight(..., trainable=False)`: a copy the optimizer must not train"
            elif use == "penalty" and not frozen:
                return None  # `trainable=True` given: intent cannot be told
        drawn = _drawn(facts, creation, value) if not {"shape", "dtype"} & set(keywords) else None
        if drawn is not None:
            # `tf.Variable(keras.initializers.GlorotNormal()(shape=(1,), dtype=tf.float32))` (tensorflow#39540):
            # the initializer draws the value, so it can draw the weight, with the same shape and dtype.
            drawn_shape, drawer, drawn_dtype = drawn
            weight = [f"shape={drawn_shape}", f"initializer={drawer}"]
            if drawn_dtype is not None:
                weight.append(f"dtype={drawn_dtype}")
            weight_name = _name(facts, variable, keywords.get("name"), event.attr, in_loop)
            if weight_name is not None:
                weight.insert(0, f"name={weight_name}")
            if "trainable" in keywords:
                weight.append(f"trainable={code(keywords['trainable'])}")
            replace = Replace(node, f"{owner}.add_weight({', '.join(weight)})", wrap=True)
            return self.fix(replace, title=title, intended=(Intended(node),))
        given = keywords.get("shape")
        if given is not None and not _local_scopes(given) and not contains_call(given):
            shape: str | None = code(given)
        else:
            shape = None if given is not None else self._shape(facts, creation, variable, value)
        if shape is None:
            if not direct or in_loop or not isinstance(statement, cst.SimpleStatementLine):
                return None
            return self._computed_first(facts, creation, event, node, owner, keywords, value, statement, in_loop)
        namespace, needs_import = facts.keras_namespace()
        initializer = self._fill(facts, creation, value)
        if initializer is None:
            if not namespace:
                return None
            initializer = f"{namespace}.initializers.Constant({code(value)})"
        arguments = [f"shape={shape}", f"initializer={initializer}"]
        name = _name(facts, variable, keywords.get("name"), event.attr, in_loop)
        if name is not None:
            arguments.insert(0, f"name={name}")
        arguments += [f"{k}={code(keywords[k])}" for k in ("dtype", "trainable") if k in keywords]
        edits: list[NodeEdit] = [Replace(node, f"{owner}.add_weight({', '.join(arguments)})", wrap=True)]
        if needs_import and "Constant(" in initializer:
            edits.append(AddImport("keras"))
        return self.fix(*edits, title=title, intended=(Intended(node),))

    def _computed_first(
        self,
        facts: Facts,
        creation: Created,
        event: Holds,
        node: cst.Call,
        owner: str,
        keywords: dict[str, cst.BaseExpression],
        value: cst.BaseExpression,
        statement: cst.SimpleStatementLine,
        in_loop: bool,
    ) -> FixPlan | None:
        """A value whose shape cannot be written (`tf.Variable(w_init([n_in, n_out]))`, made by a function of
        the program): computed first, where it was, and handed to `add_weight` whole, `shape=tuple(v.shape)`,
        `initializer=lambda shape, dtype=None: v`; the weight starts from the very value the variable did.
        Only for a value that is a tensor in every run the analysis followed (a Python number or list has no
        `.shape`; its dtype would be the layer's, not the variable's)."""
        initial = event.variable.initial
        if initial.is_bottom or initial.objs is None or not all(isinstance(o, TensorObj) for o in initial):
            return None
        local = f"{event.attr}_initial"
        if facts.word_count(local):
            local = unique_name(local, lambda c: facts.word_count(c) > 0)
        arguments = [f"shape=tuple({local}.shape)", f"initializer=lambda shape, dtype=None: {local}"]
        name = _name(facts, event.variable, keywords.get("name"), event.attr, in_loop)
        if name is not None:
            arguments.insert(0, f"name={name}")
        if "dtype" not in keywords:  # the variable took the value's dtype (an int64 index): the weight must too
            arguments.append(f"dtype={local}.dtype")
        arguments += [f"{k}={facts.code_for(keywords[k])}" for k in ("dtype", "trainable") if k in keywords]
        computed = f"{local} = {facts.code_for(value)}"
        traced = _traced(facts, creation)
        if traced:
            # The layer builds while Keras traces the call of a layer that holds it: the value would be a
            # tensor of that scratch graph, which no weight can start from (keras#18461; the original raises
            # "could not be lifted out of a `tf.function`" for the same reason). Computed in `tf.init_scope()`
            # it is an eager tensor, as `tf.Variable` meant to make it; outside a trace the scope changes nothing.
            spelling = _tf_name(facts)
            if spelling is None:
                return None
            computed = f"with {spelling}.init_scope():\n{facts.module.default_indent}{computed}"
        checks = VerifyCheck.REPAIRS if traced else None
        return self.fix(
            InsertBefore(statement, computed),
            Replace(node, f"{owner}.add_weight({', '.join(arguments)})", wrap=True),
            title=f"Use `{owner}.add_weight(...)` with the value computed first",
            checks=checks,
            intended=() if traced else (Intended(node),),
        )

    def _shape(
        self, facts: Facts, creation: Created, variable: VarObj, value: cst.BaseExpression
    ) -> str | None:
        argument = _shape_argument(facts, creation, value)
        if (
            isinstance(argument, (cst.Tuple, cst.List))
            and not _local_scopes(argument)
            and not contains_call(argument)
        ):
            return facts.code_for(argument)  # `tf.ones((units,))`: the code's own shape, right in every context
        static = variable.shape
        # A literal shape only when every context that makes the variable here makes it so, from constants.
        contexts = [e for e in facts.of(Created) if e.node is creation.node and isinstance(e.obj, VarObj)]
        if (
            static is not None
            and all(d is not None for d in static)
            and all(isinstance(e.obj, VarObj) and e.obj.shape == static for e in contexts)
            and all(reads_only_constants(facts, e, value) for e in contexts)
        ):
            return "(" + ", ".join(str(d) for d in static) + ("," if len(static) == 1 else "") + ")"
        if isinstance(value, (cst.Integer, cst.Float)) or (
            isinstance(value, cst.UnaryOperation) and isinstance(value.expression, (cst.Integer, cst.Float))
        ):
            return "()"
        if (
            isinstance(value, cst.Call)
            and isinstance(value.func, cst.Name)
            and value.func.value in ("float", "int")
            and all(value.func.value not in env for env in scopes(facts, creation))
        ):
            return "()"  # `float(...)`: a Python number, a scalar whatever it reads
        if isinstance(value, (cst.Name, cst.Attribute)) and _arrays_everywhere(facts, creation):
            return f"{facts.code_for(value)}.shape"
        if argument is not None and not _local_scopes(argument) and not contains_call(argument):
            return facts.code_for(argument)
        return None

    def _fill(self, facts: Facts, creation: Created, value: cst.BaseExpression) -> str | None:
        """`"zeros"`/`"ones"` for `tf.zeros(shape)`/`tf.ones(shape)`."""
        if (
            not isinstance(value, cst.Call)
            or len(value.args) != 1
            or not isinstance(value.func, cst.Attribute)
        ):
            return None
        fill = value.func.attr.value
        return string(facts, fill) if fill in _FILLS and _library(facts, creation, value.func) else None


def _loop_in_method(ctx: Ctx, method: str) -> bool:
    """A loop runs the creation again within one run of the layer's `method` (`__init__`/`build`) or a helper
    it calls: one attribute then keeps the last of several variables. Loops of the code that makes the layers
    (a stage loop that builds one layer per pass) make one variable per layer, as meant."""
    for link in ctx.chain():
        if link.kind is CtxKind.LOOP:
            return True
        if link.kind is CtxKind.CALL and isinstance(link.data, FuncObj) and link.data.name == method:
            return False
    return False


def _class_name(instance: object) -> str:
    return instance.cls.name if isinstance(instance, InstanceObj) else ""


def _traced(facts: Facts, creation: Created) -> bool:
    """Whether the variable is made, some time, while a layer's `call()` runs: a layer of the program built
    by its first call inside another layer's `call()`, which Keras traces in a scratch graph to learn its
    output."""
    return any(event.node is creation.node and event.ctx.has(CtxKind.LAYER_CALL) for event in facts.of(Created))


def _tf_name(facts: Facts) -> str | None:
    """The module's name for `tensorflow` (or `tensorflow.compat.v1`, which has `init_scope` too)."""
    return next(
        (n for n in facts.module_names if facts.imported(n) in ("tensorflow", "tensorflow.compat.v1")), None
    )


def _owner(facts: Facts, creation: Created, event: Holds, node: cst.Call, cls: cst.ClassDef) -> str | None:
    """The name the layer has where the variable is made: the `self` of a method of the layer's class that
    makes it (`build`, `__init__` or a helper they call). The caller has checked that every time it is made is
    within a layer's `__init__` or `build` (a helper run again on the built layer would add a weight to it)."""
    method = next((a for a in reversed(facts.ancestors(node)) if isinstance(a, cst.FunctionDef)), None)
    if method is None or method not in cls.body.body or not method.params.params:
        return None
    owner = method.params.params[0].name.value
    if creation.function is method:
        bound = creation.env.get(owner)
        return owner if isinstance(bound, AV) and present(bound).single() is event.instance else None
    # A comprehension in the method the layer holds the variable at the end of (its frame has no `self`).
    is_comprehension = isinstance(creation.frame.node, (cst.ListComp, cst.GeneratorExp, cst.DictComp))
    return owner if is_comprehension and method.name.value == event.method else None


def _name(
    facts: Facts, variable: VarObj, given: cst.BaseExpression | None, attr: str, in_loop: bool
) -> str | None:
    """The weight's name: the variable's own (a literal as written; an expression, computed per instance or
    per pass, kept as written) unless it holds `/`, which `add_weight` refuses; else the attribute's name, or
    none in a loop (Keras numbers the weights it names itself)."""
    known = variable.name
    if known is not None and "/" in known:
        return None if in_loop else string(facts, attr)
    if given is not None and not isinstance(given, cst.SimpleString):
        return facts.code_for(given)  # computed where it was: the same in every context, known here or not
    if known:
        return string(facts, known)
    return None if in_loop else string(facts, attr)


_COPY_ADVICE = (
    "; it copies the layer's weight `{source}`: read that weight itself (a penalty on the copy regularizes "
    "nothing), or make the copy a weight with `trainable=False`"
)
_ASSIGNS = ("assign", "scatter")
_PENALTY_WORDS = ("loss", "penalty", "regulari")


def _copies_a_weight(variable: VarObj) -> bool:
    """Whether the variable's initial value is, wherever it is made, a tracked weight (an `add_weight` result
    or a built-in layer's own weight)."""
    initial = variable.initial
    if initial.is_top or initial.is_bottom:
        return False
    return all(isinstance(o, VarObj) and (o.weight is not None or o.ctor == "add_weight") for o in initial)


def _uses(cls: cst.ClassDef, attr: str, source: str, made: cst.CSTNode) -> str:
    """How the class uses `self.<attr>` apart from binding it: "written" (bound again, or `.assign...`ed),
    "beside" (a statement reads it with `source`, the weight it copies: a frozen reference point such as an
    L2-SP penalty `square(self.kernel - self.copy)`), "penalty" (read only in `add_loss(...)` arguments or
    in a method named for a loss, penalty or regularizer), else "read"."""
    found = {"assigned": False, "beside": False, "elsewhere": False}
    bindings = 0

    def is_self_attr(node: cst.CSTNode) -> bool:
        return (
            isinstance(node, cst.Attribute)
            and node.attr.value == attr
            and isinstance(node.value, cst.Name)
            and node.value.value == "self"
        )

    def visit(node: cst.CSTNode, penalty: bool, statement: cst.CSTNode | None) -> None:
        if isinstance(node, cst.FunctionDef):
            penalty = any(w in node.name.value.lower() for w in _PENALTY_WORDS)
        if isinstance(node, (cst.SimpleStatementLine, cst.BaseCompoundStatement)):
            statement = node
        if isinstance(node, (cst.Assign, cst.AugAssign, cst.AnnAssign)):
            targets = [t.target for t in node.targets] if isinstance(node, cst.Assign) else [node.target]
            if any(is_self_attr(t) for t in targets):
                nonlocal bindings
                bindings += 1  # the reported binding included
                if node.value is made:
                    return
        if isinstance(node, cst.Call) and isinstance(node.func, cst.Attribute):
            if is_self_attr(node.func.value) and node.func.attr.value.startswith(_ASSIGNS):
                found["assigned"] = True
            if node.func.attr.value == "add_loss":
                for child in node.children:
                    visit(child, True, statement)
                return
        if is_self_attr(node) and statement is not None:
            if any(_code(n) == source for n in descendants(statement) if isinstance(n, cst.Attribute)):
                found["beside"] = True
            if not penalty:
                found["elsewhere"] = True
        for child in node.children:
            visit(child, penalty, statement)

    visit(cls, False, None)
    if found["assigned"] or bindings > 1:
        return "written"
    if found["beside"]:
        return "beside"
    return "read" if found["elsewhere"] else "penalty"


def _code(node: cst.CSTNode) -> str:
    return cst.Module(body=[]).code_for_node(node)


_DRAW_ARGS = ("shape", "dtype")


def _drawn(facts: Facts, creation: Created, value: cst.BaseExpression) -> tuple[str, str, str | None] | None:
    """For a value a Keras initializer draws, `keras.initializers.GlorotNormal(seed=1)(shape=(4, 2),
    dtype=tf.float32)` (positional or keyword), the shape, the initializer and the dtype (`None` when the draw
    names none) as written: `add_weight(shape=..., initializer=..., dtype=...)` draws the weight the same way.
    Only when the initializer is made of literals and imports, and the shape and dtype call nothing, so that
    reading them in another order changes nothing."""
    if not isinstance(value, cst.Call) or not isinstance(value.func, cst.Call):
        return None
    made = value.func
    path = _module_path(facts, creation, made.func)
    if path is None or not path.startswith(("keras.initializers.", "tensorflow.keras.initializers.")):
        return None
    if any(a.star for a in made.args) or not all(reads_only_constants(facts, creation, a.value) for a in made.args):
        return None
    drawn: dict[str, cst.BaseExpression] = {}
    for index, arg in enumerate(value.args):
        key = arg.keyword.value if arg.keyword is not None else (_DRAW_ARGS[index] if index < 2 else None)
        if arg.star or key not in _DRAW_ARGS or key in drawn:
            return None
        drawn[key] = arg.value
    if "shape" not in drawn or any(_local_scopes(v) or contains_call(v) for v in drawn.values()):
        return None
    code = facts.code_for
    dtype = drawn.get("dtype")
    return code(drawn["shape"]), code(made), None if dtype is None else code(dtype)


def _module_path(facts: Facts, creation: Created, func: cst.BaseExpression) -> str | None:
    """The dotted path of `tf.keras.initializers.GlorotNormal` with its head read as the module it is bound to
    (`tensorflow.keras.initializers.GlorotNormal`), or `None` when the head is not a module."""
    parts: list[str] = []
    while isinstance(func, cst.Attribute):
        parts.insert(0, func.attr.value)
        func = func.value
    if not isinstance(func, cst.Name) or not parts:
        return None
    dotted: str | None = None
    for env in scopes(facts, creation):
        if func.value in env:
            bound = env[func.value]
            obj = present(bound).single() if isinstance(bound, AV) else None
            dotted = obj.dotted if isinstance(obj, ModuleRef) else None
            break
    else:
        dotted = facts.imported(func.value)
    return None if dotted is None else ".".join([dotted, *parts])


def _library(facts: Facts, creation: Created, func: cst.BaseExpression) -> str | None:
    """`tensorflow` or `numpy` when the call's dotted head is bound to that module."""
    while isinstance(func, cst.Attribute):
        func = func.value
    if not isinstance(func, cst.Name):
        return None
    for env in scopes(facts, creation):
        if func.value in env:
            value = env[func.value]
            obj = present(value).single() if isinstance(value, AV) else None
            if isinstance(obj, ModuleRef) and obj.dotted in ("tensorflow", "numpy"):
                return obj.dotted
            return None
    dotted = facts.imported(func.value)
    return dotted if dotted in ("tensorflow", "numpy") else None


def _arrays_everywhere(facts: Facts, creation: Created) -> bool:
    """Whether, every time the variable is made, its initial value is known to be an array (which has a
    `.shape`): `init.shape` of a float or a list raises."""
    for event in facts.of(Created):
        if event.node is creation.node and isinstance(event.obj, VarObj):
            initial = event.obj.initial
            if (
                initial.is_top
                or initial.is_bottom
                or not all(isinstance(o, (TensorObj, VarObj)) for o in initial)
            ):
                return False
    return True


def _local_scopes(node: cst.CSTNode) -> bool:
    return any(
        isinstance(n, (cst.Lambda, cst.ListComp, cst.GeneratorExp, cst.DictComp, cst.SetComp))
        for n in descendants(node)
    )


def _shape_argument(facts: Facts, creation: Created, value: cst.BaseExpression) -> cst.BaseExpression | None:
    if not isinstance(value, cst.Call) or not isinstance(value.func, cst.Attribute):
        return None
    library, attr = _library(facts, creation, value.func), value.func.attr.value
    if not (
        (library == "tensorflow" and attr in ("zeros", "ones", "normal", "uniform", "truncated_normal"))
        or (library == "numpy" and attr in ("zeros", "ones"))
    ):
        return None
    for arg in value.args:
        if arg.keyword is None or arg.keyword.value == "shape":
            return arg.value
    return None


def _written(path: list[cst.CSTNode], node: cst.CSTNode) -> bool:
    """Whether `node` (with its ancestors `path`, outermost first) stands in a target: of `=`, `+=`, an annotated
    assignment, `for`, `with ... as`, `:=` or `del`."""
    for parent, child in zip(path, [*path[1:], node], strict=True):
        if isinstance(parent, (cst.AssignTarget, cst.Del)):
            return True
        target = getattr(parent, "target", None) if isinstance(
            parent, (cst.AugAssign, cst.AnnAssign, cst.For, cst.CompFor, cst.NamedExpr)
        ) else None
        if target is child or (isinstance(parent, cst.AsName) and parent.name is child):
            return True
    return False
