from __future__ import annotations

import re
from collections.abc import Iterator

import libcst as cst

from tfvarfix.codegen import snake, unique_name
from tfvarfix.rule import AddModuleCode, Finding, FixPlan, InsertAfter, InsertBefore, Remove, Replace, Rule
from tfvarfix.semantics.evaluate import dotted_name
from tfvarfix.semantics.events import CtxKind, VariableInTrace
from tfvarfix.semantics.facts import Facts, reachable, reads_only_constants
from tfvarfix.semantics.heap import present
from tfvarfix.semantics.scoping import target_names
from tfvarfix.semantics.values import AV, ClassObj, FuncObj, KerasObj, LayerObj, ModelObj, Obj, VarObj
from tfvarfix.semantics.walker import children, descendants, read_names, single_assign, sole_assignment
from tfvarfix.types import FixAvailability, FixSafety, VerifyCheck

#: Keywords of `tf.Variable` under which `v.assign(<initial value>)` gives the variable its initial value again.
_KEEPS_ITS_VALUE = frozenset(
    {"trainable", "name", "dtype", "shape", "validate_shape", "synchronization", "aggregation"}
)


_SINGLETON_ERROR = "`ValueError: tf.function only supports singleton tf.Variables created on the first call`"
_RETURNS_MODEL_ERROR = (
    "`TypeError: To be compatible with tf.function, Python functions must return zero or more Tensors` (it "
    "returns a Keras model)"
)


class VariableInTfFunction(Rule):
    """
    ## What it does
    Finds `tf.Variable(...)` (or `keras.Variable`) created unconditionally in the body of a `tf.function`: a
    function decorated with `@tf.function` (with or without arguments, `jit_compile=True` included) or wrapped
    by `tf.function(f)`. The guarded lazy creation that TensorFlow documents for a `tf.function` on a
    `tf.Module` (`if self.v is None: self.v = tf.Variable(...)`) is not reported. Creations in `call()` of a
    Keras layer are TFV402's. A layer, model, metric or optimizer made there owns variables too; a built-in
    layer that owns none (`Flatten`, `Reshape`, pooling, activation, padding and merge layers; measured, see
    scripts/measure_layer_state.py) is not reported, but `Dropout` and the other random layers are: each owns a
    seed generator's state variable. `fit` traces its train step too: the program's loss and metric functions
    and, on each weight a built-in layer regularizes, the `__call__` of a regularizer object of a program class
    (simec#4). An optimizer of a program class (a `keras.optimizers.Optimizer` subclass) runs where Keras runs
    it: `fit` and `train_on_batch` (not `evaluate` or `predict`, nor under `run_eagerly=True`), and
    `apply_gradients` in a custom loop's `tf.function`, call its `apply_gradients` (tf_keras: `minimize`), then
    its `build` once and its `update_step` in the trace, so a `tf.Variable` made in `update_step` (or in an
    `apply_gradients` override) is reported; one made in `build`, or lazily, is made once, which TF allows
    (measured, Keras 3.15 and tf_keras 2.21: NoteDance/optimizers#2's fp32 copy in `update_step` raises the
    error below in `fit`; Keras 3 runs `build` in the first trace, tf_keras eagerly). In tf_keras, `K.eye(n)`,
    and `K.ones(shape)`/`K.zeros(shape)` of known positive sizes, are variables (tf_keras's backend makes them
    with `variable(...)`; measured, refused in `fit`).

    ## Why is this bad?
    A `tf.function` traces its body into a graph and may retrace it; a variable made on every call would be a
    new variable each time, so TensorFlow refuses it on the first call: `ValueError: tf.function only supports
    singleton tf.Variables created on the first call. Make sure the tf.Variable is only created once or
    created outside tf.function. See https://www.tensorflow.org/guide/function#creating_tfvariables for more
    information.` (TF 2.21, Keras 3 and tf_keras alike).

    ## Example
    ```python
    import tensorflow as tf


    @tf.function
    def scaled(x):
        scale = tf.Variable(2.0)
        return scale * x
    ```

    ## Use instead
    ```python
    import tensorflow as tf

    scale = tf.Variable(2.0)


    @tf.function
    def scaled(x):
        scale.assign(2.0)
        return scale * x
    ```
    (Drop the `assign` where the variable is meant to keep its value from one call to the next.)

    ## Fix safety
    For a module-level function whose variable is assigned to a local name, the fix makes that variable once,
    at module level after the imports, and puts `name.assign(<initial value>)` where it used to be made: each
    call starts from the initial value as before, so an accumulator (`total.assign_add(x)`) still sums one
    call's values, not every call's. It is unsafe: the variable is created at import time and outlives the
    calls (a checkpoint or `tf.Module` no longer sees a fresh one). It is offered only when the initial value
    and the other arguments read only literals and imported modules, the keywords are among `trainable`,
    `name`, `dtype`, `shape`, `validate_shape`, `synchronization`, `aggregation` (under which assigning the
    initial value restores it), the name is bound once in the function and free at module level, and no other
    function's fix in the file takes the same name. Methods do not get this fix (one module-level variable
    would be shared by every instance); they get one per instance, below. An optimizer made in such a
    function (`opt = Adam(1e-3)`, or inline `Adam(0.5).minimize(...)`) is made once at module level instead
    (`adam` for the inline one), with no reset: its slots and step count must live across calls, as the author
    meant (the original cannot run). Unsafe for the same reasons.

    Other shapes get other fixes, each unsafe (the original cannot run, so nothing it computed is kept but the
    first call's values): a `tf.function` *method* making `v = tf.Variable(init)` gets `self.v` made once per
    instance at the end of the class's `__init__` (under a name the class does not use), and `v = self.v;
    v.assign(init)` where it was made, under the same conditions on `init` and the keywords as above. One
    that makes `self.w = tf.Variable(init)` gets it made once per instance the same way: at the end of
    `__init__` when `init` and the other arguments read only literals, imports and attributes `__init__` sets
    (`tf.zeros([self.n_features, 1])`), else, when they also read a parameter's static shape (`x.shape[-1]`),
    on the first call under `if self.w is None:` (TensorFlow's guide gives this form; TF 2.21 traces it
    once and runs), with `self.w = None` at the end of `__init__`; and `self.w.assign(init)` where it was made,
    so each call starts from the initial value as the fresh variable did. Withheld when the class sets the
    attribute anywhere else (or may by name: `setattr`), when `init` reads a parameter's value or a local (a
    variable made from a tensor of the call), or a keyword that `assign` does not restore. A
    variable that is only read after it is made (arithmetic, indexing, arguments of TF/Keras functions that do
    not write: `weights = K.variable(w)` then `y * weights`) becomes a constant of the same dtype
    (`K.constant(w)`, `tf.constant(w)`; only `dtype=`/`name=` keywords): made per call as before, without state
    (not when a method takes it, `tape.gradient(y, w)`: a constant has no gradient there).
    A decorated function that returns the variable it makes is a factory meant to hand out one per call: the
    fix drops `@tf.function` (only when the function is its only decorator and every mention of its name is a
    call). So does one that returns a Keras model it builds, bound once to the returned name (a model factory
    decorated to silence a retracing warning, Attention-Based-Aspect-Extraction#21: a tf.function cannot return
    a model, and the first call raises `TypeError: To be compatible with tf.function, Python functions must
    return zero or more Tensors`); the model is then built eagerly, once per call. A metric made in a
    module-level function that a tf.function runs (`Mean()(values)`, or `m =
    Mean()`) is made once at module level and `reset_state()` where it was made, so each call still measures
    its own values, not a running mean. An optimizer passed to a `tf.function` that reaches it on a retrace
    (`optimizer.apply_gradients(zip(grads, model.trainable_variables))` with a new optimizer per trial, the
    list read there or bound once to a local name: tensorflow#42000) is built before the call, outside the
    trace: `optimizer.build(model.trainable_variables)`, with the names the caller passes; Keras makes the same
    zero slots there, so the steps compute what they would have (a call in a loop builds again, which Keras 3
    and tf_keras skip for a built optimizer: measured). A model
    or layer built in a module-level function that a tf.function runs (a perceptual loss that builds its VGG,
    `vgg = VGG16(...)`, then `features = Model(vgg.input, ...)`, `features.trainable = False`) is built once:
    its statement and the ones right after it that set it up move to module level, just before the function,
    and the function reads what they made; unsafe (its weights now live across calls and exist at import).
    Withheld when a moved statement reads a parameter, a local, or a module name bound only after the
    function, when a moved name stands elsewhere in the module (comments included), or when nothing left in
    the function reads what moves. Built so in a method of a program class (a loss object's method given to
    `compile`, SRGAN's `VGG_LOSS.vgg_loss`, plaidml#379), the statements move to the end of the class's
    `__init__` instead (a loop that only sets attributes of the layers it iterates, `for l in vgg.layers:
    l.trainable = False`, moves with them), what the method reads afterwards is kept as `self.<name>` (a name
    the class does not use), and the method starts from `<name> = self.<name>`: built once per instance;
    unsafe for the same reasons. Withheld when a moved statement reads a parameter of the method, one of its
    other locals, or an attribute `__init__` does not set, or binds a name `__init__` uses. A layer made and
    called inline in a statement of such a function's own
    body (`return keras.layers.Dense(10)(x)`, tensorflow#36504) is made once as a module-level `dense` (a
    name the module does not use) and the function calls it: its first call builds the weights, on the first
    trace, which TensorFlow allows; unsafe for the same reasons. Withheld when its arguments read more than
    literals and imports (`Dense(units)`), and in a loop, a comprehension or a branch (one layer would then
    stand for several, or for one that may not be made). Anything
    else (a parameter in the initial value of a hoist, a keyword that `assign` does not restore, a variable
    written and returned, arguments passed as expressions) is reported without a fix: made once and reset,
    made once and kept, or made outside the function are different programs, and which one is meant cannot be
    told from the code.

    ## Numerical equivalence
    `repairs`: the original raises the `ValueError` on its first call; the rewrite runs and returns what the
    original's body computes on a first call.

    ## References
    - [Better performance with tf.function: creating
      tf.Variables](https://www.tensorflow.org/guide/function#creating_tfvariables)
    - [tf.function](https://www.tensorflow.org/api_docs/python/tf/function)
    """

    CODE = "TFV401"
    NAME = "variable-in-tf-function"
    MESSAGE = (
        "{what} of the tf.function `{function}`: TensorFlow raises {error}"
    )
    FIX_TITLE = "Create the variable once, at module level"
    FIX_AVAILABILITY = FixAvailability.SOMETIMES
    FIX_SAFETY = FixSafety.UNSAFE
    VERIFY = VerifyCheck.REPAIRS

    def check(self, facts: Facts) -> Iterator[Finding]:
        # An optimizer made in the trace is reported where it is made, not again where it makes its slots.
        made_here = {id(e.obj) for e in facts.of(VariableInTrace) if e.node is e.obj.site}
        hoisted: set[str] = set()  # module-level names the fixes of this file take: one variable per name
        for node, events in facts.grouped(VariableInTrace):
            if any(e.node is not e.obj.site and id(e.obj) in made_here for e in events):
                continue
            mine = [e for e in events if e.ctx.has(CtxKind.TF_FUNCTION) and not _in_layer_call(e)]
            # Made again on a path that certainly runs (a guard that may hold is a lazy creation, which TF allows).
            live = [e for e in mine if reachable(e) and e.certain]
            if not live or len(live) != len(mine):
                continue
            event = min(live, key=lambda e: _trace_rank(facts, e, node))
            trace = event.ctx.find(CtxKind.TF_FUNCTION)
            assert trace is not None
            function = _function_name(facts, trace.node)
            what = _what(event.obj, node, facts, retrace=trace.data == 3)
            fix: FixPlan | None = None
            error = _SINGLETON_ERROR
            if all(e.obj.__class__ is VarObj for e in live):
                fix = (
                    self._factory_fix(facts, event, node, trace.node)
                    or self._fix(facts, event, node, hoisted)
                    or self._method_fix(facts, event, node)
                    or self._attribute_fix(facts, event, node)
                    or self._constant_fix(facts, event, node)
                )
            elif all(_optimizer(e.obj) for e in live):
                if event.node is event.obj.site:
                    fix = self._optimizer_fix(facts, event, node, hoisted)
                else:
                    fix = self._build_fix(facts, event, node)
            elif all(_metric(e.obj) for e in live) and event.node is event.obj.site:
                fix = self._metric_fix(facts, event, node, hoisted)
            elif all(isinstance(e.obj, (ModelObj, LayerObj)) for e in live) and event.node is event.obj.site:
                fix = self._model_factory_fix(facts, trace.node)
                if fix is not None:  # the first trace ends by returning a model, before any retrace
                    error = _RETURNS_MODEL_ERROR
                fix = (
                    fix
                    or self._model_fix(facts, event, node, hoisted)
                    or self._method_model_fix(facts, event, node)
                    or self._inline_layer_fix(facts, event, node, hoisted)
                )
            yield self.finding(node, fix=fix, what=what, function=function, error=error)

    def _fix(
        self, facts: Facts, event: VariableInTrace, node: cst.CSTNode, hoisted: set[str]
    ) -> FixPlan | None:
        """`v = tf.Variable(init)` in a module-level function: made once at module level, and given its initial
        value again where it used to be made (so each call still starts from it)."""
        function = _module_function(event, node)
        if function is None or not isinstance(node, cst.Call):
            return None
        line = event.chain[0]
        target = sole_assignment(line, node)
        variable = event.obj
        if (
            not isinstance(target, cst.Name)
            or not isinstance(variable, VarObj)
            or variable.initial_node is None
        ):
            return None
        assert isinstance(line, cst.SimpleStatementLine)  # sole_assignment found `target = node` on it
        assign = line.body[0]
        if (
            target.value in facts.module_names
            or target.value in hoisted
            or _bindings(function, target.value) != 1
        ):
            return None  # the name is taken at module level, or by another function's hoisted variable
        positional = [a for a in node.args if a.keyword is None]
        keywords = {a.keyword.value for a in node.args if a.keyword is not None}
        if len(positional) != 1 or node.args[0] is not positional[0]:
            return None
        if any(a.star for a in node.args) or not keywords <= _KEEPS_ITS_VALUE:
            return (
                None  # `initial_value=`, or a keyword that may change what `assign` of the initial value does
            )
        if not all(reads_only_constants(facts, event, a.value, module_level=True) for a in node.args):
            return None
        if not reads_only_constants(facts, event, node.func, module_level=True):
            return None
        initial = facts.code_for(variable.initial_node)
        hoisted.add(target.value)
        return self.fix(
            Replace(assign, f"{target.value}.assign({initial})"),
            AddModuleCode(f"tfv401:{function.name.value}:{target.value}", facts.code_for(assign)),
        )

    def _factory_fix(
        self, facts: Facts, event: VariableInTrace, node: cst.CSTNode, traced: cst.CSTNode | None
    ) -> FixPlan | None:
        """A `@tf.function` that returns the variable it makes is a factory meant to hand out a new one per call
        (`w = tf.Variable(...); return w`): it cannot be a tf.function, and the fix drops the decorator."""
        function = event.function
        if function is None or traced is not function or not isinstance(node, cst.Call):
            return None
        decorators = [d for d in function.decorators if _is_tf_function(facts, d.decorator)]
        if len(decorators) != 1 or len(function.decorators) != 1:
            return None
        target = sole_assignment(event.chain[0], node) if event.chain else None
        returned = {id(node)} | ({target.value} if isinstance(target, cst.Name) else set())
        if not any(_returns(function, r) for r in returned):
            return None
        name = function.name.value
        mentions, called = facts.name_uses(name)
        if mentions != called + 1:  # its own def's name aside, every mention calls it
            return None  # `f.get_concrete_function()` or another use of the tf.function itself
        return self.fix(
            Remove(decorators[0]),
            title=f"Drop `@tf.function` from `{name}`: it hands out a new variable on every call",
        )

    def _model_factory_fix(self, facts: Facts, traced: cst.CSTNode | None) -> FixPlan | None:
        """A `@tf.function` that returns a Keras model (a factory that builds and compiles it,
        Attention-Based-Aspect-Extraction#21) cannot run at all: TensorFlow raises `TypeError: To be compatible
        with tf.function, Python functions must return zero or more Tensors` at the end of the first trace. It
        is a model factory, not a step; the fix drops the decorator, so the model is built eagerly, once per
        call, as the body says."""
        if not isinstance(traced, cst.FunctionDef) or len(traced.decorators) != 1:
            return None
        decorator = traced.decorators[0]
        if not _is_tf_function(facts, decorator.decorator):
            return None
        returns = [
            n
            for n in descendants(traced.body)
            if isinstance(n, cst.Return) and not _nested(traced, n)
        ]
        if not returns or not all(isinstance(r.value, cst.Name) for r in returns):
            return None
        names = {r.value.value for r in returns if isinstance(r.value, cst.Name)}
        if any(_bindings(traced, name) != 1 for name in names):
            return None  # bound once: what any point after its binding sees is what is returned
        seen = {name: False for name in names}
        for event in facts.events:
            if event.function is not traced:
                continue
            for name in names:
                value = event.env.get(name)
                if value is None:
                    continue
                if not isinstance(value, AV) or present(value).objs is None:
                    return None
                objs = present(value).objs or frozenset()
                if not objs or not all(isinstance(o, ModelObj) for o in objs):
                    return None
                seen[name] = True
        if not all(seen.values()):
            return None
        name = traced.name.value
        mentions, called = facts.name_uses(name)
        if mentions != called + 1:  # its own def's name aside, every mention calls it
            return None
        return self.fix(
            Remove(decorator),
            title=f"Drop `@tf.function` from `{name}`: it builds and returns a Keras model, which a tf.function "
            "cannot return",
        )

    def _method_fix(self, facts: Facts, event: VariableInTrace, node: cst.CSTNode) -> FixPlan | None:
        """`v = tf.Variable(init)` in a `tf.function` method: made once per instance at the end of `__init__`
        (`self.v`), and given its initial value again where it used to be made."""
        traced = _traced_method(event, node)
        if traced is None:
            return None
        function, owner, node = traced
        line = event.chain[0]
        target = sole_assignment(line, node)
        variable = event.obj
        if (
            not isinstance(target, cst.Name)
            or not isinstance(variable, VarObj)
            or variable.initial_node is None
        ):
            return None
        if _bindings(function, target.value) != 1 or not _resettable(facts, event, node):
            return None
        init = next(
            (
                s
                for s in owner.node.body.body
                if isinstance(s, cst.FunctionDef) and s.name.value == "__init__"
            ),
            None,
        )
        if init is None or not isinstance(init.body, cst.IndentedBlock) or not init.body.body:
            return None
        last = init.body.body[-1]
        if isinstance(last, cst.SimpleStatementLine) and any(isinstance(b, cst.Return) for b in last.body):
            return None
        assert isinstance(line, cst.SimpleStatementLine)
        assign = line.body[0]
        taken = _class_words(owner.node)
        attr = target.value if target.value not in taken else unique_name(target.value, taken.__contains__)
        initial = facts.code_for(variable.initial_node)
        return self.fix(
            InsertAfter(last, f"self.{attr} = {facts.code_for(node)}"),
            Replace(assign, f"{target.value} = self.{attr}"),
            InsertAfter(line, f"{target.value}.assign({initial})"),
            title=f"Create the variable once per instance, as `self.{attr}` in `__init__`",
        )

    def _attribute_fix(self, facts: Facts, event: VariableInTrace, node: cst.CSTNode) -> FixPlan | None:
        """`self.w = tf.Variable(init)` in a `tf.function` method: made once per instance, and given its initial
        value again where it used to be made (`self.w.assign(init)`), so each call starts from it as before.
        At the end of `__init__` when `init` reads only literals, imports and attributes `__init__` sets; when
        it also reads the static shape of a parameter (`x.shape[-1]`), lazily where it was made (`if self.w is
        None:`, the tf.function-safe form TensorFlow's guide gives), with `self.w = None` in `__init__`."""
        traced = _traced_method(event, node)
        if traced is None:
            return None
        function, owner, node = traced
        params = [*function.params.posonly_params, *function.params.params]
        if not params:
            return None
        me = params[0].name.value
        line = event.chain[0]
        target = sole_assignment(line, node)
        variable = event.obj
        if not (
            isinstance(target, cst.Attribute)
            and isinstance(target.value, cst.Name)
            and target.value.value == me
            and isinstance(variable, VarObj)
            and variable.initial_node is not None
            and isinstance(line, cst.SimpleStatementLine)
        ):
            return None
        attr = target.attr.value
        cls = owner.node
        if _stores(cls, attr) != 1:
            return None  # the attribute is set elsewhere too: which value a read sees would change
        init = next(
            (s for s in cls.body.body if isinstance(s, cst.FunctionDef) and s.name.value == "__init__"), None
        )
        if init is None or not isinstance(init.body, cst.IndentedBlock) or not init.body.body:
            return None
        init_params = [*init.params.posonly_params, *init.params.params]
        if not init_params or init_params[0].name.value != me:
            return None
        last = init.body.body[-1]
        if isinstance(last, cst.SimpleStatementLine) and any(isinstance(b, cst.Return) for b in last.body):
            return None
        positional = [a for a in node.args if a.keyword is None]
        keywords = {a.keyword.value for a in node.args if a.keyword is not None}
        if len(positional) != 1 or node.args[0] is not positional[0]:
            return None
        if any(a.star for a in node.args) or not keywords <= _KEEPS_ITS_VALUE:
            return None
        if not reads_only_constants(facts, event, node.func, module_level=True):
            return None
        known = _init_attributes(init, me)
        names = {p.name.value for p in params[1:]}
        lazy = False
        for arg in node.args:
            reads = _reads_for_init(facts, event, arg.value, me, known, names)
            if reads is None:
                return None
            lazy = lazy or reads
        assign = line.body[0]
        initial = facts.code_for(variable.initial_node)
        made = facts.code_for(assign)
        reset = f"{me}.{attr}.assign({initial})"
        if not lazy:
            return self.fix(
                InsertAfter(last, made),
                Replace(assign, reset),
                title=f"Create the variable once per instance, as `{me}.{attr}` in `__init__`",
            )
        indent = facts.module.default_indent
        return self.fix(
            InsertAfter(last, f"{me}.{attr} = None"),
            InsertBefore(line, f"if {me}.{attr} is None:\n{indent}{made}"),
            Replace(assign, reset),
            title=f"Create the variable once per instance, on the first call (`if {me}.{attr} is None:`)",
        )

    def _constant_fix(self, facts: Facts, event: VariableInTrace, node: cst.CSTNode) -> FixPlan | None:
        """A variable made on every call and only read there (`weights = K.variable(w)`, then arithmetic on it)
        holds a constant: `K.constant(w)` / `tf.constant(w)` computes the same (same dtype), makes no state."""
        function = event.function
        variable = event.obj
        if function is None or not isinstance(node, cst.Call) or not isinstance(variable, VarObj):
            return None
        if not isinstance(node.func, cst.Attribute) or len(event.chain) != 1:
            return None
        attr = node.func.attr.value
        if not (attr == "variable" or (attr == "Variable" and variable.ctor == "tf.Variable")):
            return None
        if any(a.star for a in node.args) or not {a.keyword.value for a in node.args if a.keyword} <= {
            "dtype",
            "name",
        }:
            return None
        if sum(1 for a in node.args if a.keyword is None) != 1 or node.args[0].keyword is not None:
            return None
        line = event.chain[0]
        target = sole_assignment(line, node)
        if not isinstance(target, cst.Name) or not _only_read_after(facts, function, line, target.value):
            return None
        new = node.func.with_changes(attr=cst.Name("constant"))
        return self.fix(
            Replace(node.func, new),
            title=f"Make `{target.value}` a constant: it is only read",
        )

    def _metric_fix(
        self, facts: Facts, event: VariableInTrace, node: cst.CSTNode, hoisted: set[str]
    ) -> FixPlan | None:
        """A metric made in a module-level function that a tf.function runs (`Accuracy()(y, p)`, or `m =
        Accuracy()`): made once at module level, and reset where it used to be made, so that each call still
        measures that call's values alone."""
        found = _hoistable(facts, event, node, hoisted)
        if found is None:
            return None
        function, line, name = found
        if name is not None:
            assert isinstance(line, cst.SimpleStatementLine)
            hoisted.add(name)
            return self.fix(
                Replace(line.body[0], f"{name}.reset_state()"),
                AddModuleCode(f"tfv401:{function.name.value}:{name}", facts.code_for(line.body[0])),
                title=f"Make the metric `{name}` once, at module level, and reset it on each call",
            )
        if not any(isinstance(n, cst.Call) and n.func is node for n in descendants(line)):
            return None  # only a metric called where it is made: `Accuracy()(y_true, y_pred)`
        name = _free_name(facts, function, node, hoisted, "metric")
        return self.fix(
            Replace(node, cst.Name(name)),
            InsertBefore(line, f"{name}.reset_state()"),
            AddModuleCode(f"tfv401:{function.name.value}:{name}", f"{name} = {facts.code_for(node)}"),
            title=f"Make the metric once, as module-level `{name}`, and reset it on each call",
        )

    def _model_fix(
        self, facts: Facts, event: VariableInTrace, node: cst.CSTNode, hoisted: set[str]
    ) -> FixPlan | None:
        """A model or layer built in a module-level function that a tf.function runs (a perceptual loss that
        builds its VGG: `vgg = VGG16(...)`, `features = Model(vgg.input, ...)`, `features.trainable = False`) is
        built once, before the function: its statement and the ones after it that only set it up move to
        module level, and the function reads what they made. Its weights then live across calls, as a model's
        must (the original cannot run at all)."""
        function = _module_function(event, node)
        line = event.chain[0] if event.chain else None
        if function is None or line is None or _setup_target(line, []) is None:
            return (
                None  # made in a statement `name = ...` of the function's own body (`Sequential([Dense(3)])`)
            )
        body = function.body
        statements = list(body.body) if isinstance(body, cst.IndentedBlock) else []
        at = next((i for i, s in enumerate(statements) if s is line), None)
        if at is None:
            return None
        if any(read_names(s) & _bound(s) for s in statements[:at]):
            return None
        before = _bound_before(facts.module, function)
        locals_ = _local_names(function)
        made: list[str] = []
        moved: list[cst.SimpleStatementLine] = []
        for statement in statements[at:]:
            name = _setup_target(statement, made)
            if name is None or not isinstance(statement, cst.SimpleStatementLine):
                break
            reads = read_names(statement)
            if any(r not in made and (r in locals_ or r not in before) for r in reads):
                break
            if name not in made:
                mentions = len(re.findall(rf"(?<![\w.]){re.escape(name)}\b", facts.code_for(function)))
                if name in before or name in hoisted or _bindings(function, name) != 1:
                    break
                if facts.word_count(name) != mentions:
                    break  # the name stands elsewhere in the module: a new global would meet it
                made.append(name)
            moved.append(statement)
        if not moved or len(moved) == len(statements) or line is not moved[0]:
            return None
        if not any(read_names(s) & set(made) for s in statements[at + len(moved) :]):
            return None  # nothing after reads what moves
        hoisted.update(made)
        anchor: cst.CSTNode = function.decorators[0] if function.decorators else function
        code = "\n".join(facts.code_for(s.with_changes(leading_lines=())).rstrip("\n") for s in moved)
        # Two blank lines between the moved statements and the function (a whitespace-only line is written as
        # a blank one, and keeps the blank lines before it from being stripped).
        return self.fix(
            *(Remove(s) for s in moved),
            InsertBefore(anchor, code + "\n\n "),
            title=f"Build `{made[0]}` once, before `{function.name.value}`, at module level",
        )

    def _method_model_fix(self, facts: Facts, event: VariableInTrace, node: cst.CSTNode) -> FixPlan | None:
        """A model built in a method that a tf.function runs (a loss object's `vgg_loss`, given to `compile`,
        that builds VGG19, freezes its layers in a loop and cuts a sub-model: SRGAN, plaidml#379) is built once
        per instance, at the end of `__init__`: its statement and the ones after it that only set it up (`x =
        ...`, `x.attr = ...`, `for l in x.layers: l.attr = ...`) move there, reading only imports, module names
        and attributes `__init__` sets; what the method reads of them afterwards it takes from `self`."""
        traced = _traced_method(event, node)
        line = event.chain[0] if event.chain else None
        if traced is None or line is None or _setup_target(line, []) is None:
            return None
        function, owner, _ = traced
        params = function.params.params
        if not params or not isinstance(function.body, cst.IndentedBlock):
            return None
        me = params[0].name.value
        init = next(
            (s for s in owner.node.body.body if isinstance(s, cst.FunctionDef) and s.name.value == "__init__"),
            None,
        )
        if init is None or not isinstance(init.body, cst.IndentedBlock) or not init.body.body:
            return None
        init_params = init.params.params
        if not init_params or init_params[0].name.value != me:
            return None
        last = init.body.body[-1]
        if isinstance(last, cst.SimpleStatementLine) and any(isinstance(b, cst.Return) for b in last.body):
            return None
        statements = list(function.body.body)
        at = next((i for i, st in enumerate(statements) if st is line), None)
        if at is None:
            return None
        known = _init_attributes(init, me)
        method_locals = _local_names(function)
        init_names = _local_names(init)
        modules = set(facts.module_names)
        made: list[str] = []
        moved: list[cst.BaseStatement] = []

        def readable(statement: cst.CSTNode, extra: set[str]) -> bool:
            for name in read_names(statement):
                if name in made or name in extra:
                    continue
                if name == me or name in method_locals or name not in modules:
                    return False
            return all(
                a in known
                for a in (
                    n.attr.value
                    for n in descendants(statement)
                    if isinstance(n, cst.Attribute) and isinstance(n.value, cst.Name) and n.value.value == me
                )
            )

        for statement in statements[at:]:
            if isinstance(statement, cst.For):
                if not _freezing_loop(statement, made) or not readable(statement, set(_bound(statement))):
                    break
                if any(name in init_names or _bindings(function, name) != 1 for name in _bound(statement)):
                    break
                moved.append(statement)
                continue
            name = _setup_target(statement, made)
            if name is None or not isinstance(statement, cst.SimpleStatementLine):
                break
            if not readable(statement, {me}):
                break
            if name not in made:
                if name in init_names or _bindings(function, name) != 1:
                    break
                made.append(name)
            moved.append(statement)
        if not moved or len(moved) == len(statements) or line is not moved[0]:
            return None
        rest = statements[at + len(moved) :]
        wanted = [name for name in made if any(name in read_names(st) for st in rest)]
        if not wanted:
            return None  # nothing after reads what moves
        taken = _class_words(owner.node)
        attrs: dict[str, str] = {}
        for name in wanted:
            attrs[name] = name if name not in taken else unique_name(name, taken.__contains__)
            taken.add(attrs[name])
        code = "\n".join(facts.code_for(st.with_changes(leading_lines=())).rstrip("\n") for st in moved)
        kept = "\n".join(f"{me}.{attrs[name]} = {name}" for name in wanted)
        reads = "\n".join(f"{name} = {me}.{attrs[name]}" for name in wanted)
        return self.fix(
            InsertAfter(last, f"{code}\n{kept}"),
            InsertBefore(moved[0], reads),
            *(Remove(st) for st in moved),
            title=f"Build `{made[0]}` once per instance, at the end of `__init__`",
        )

    def _inline_layer_fix(
        self, facts: Facts, event: VariableInTrace, node: cst.CSTNode, hoisted: set[str]
    ) -> FixPlan | None:
        """A layer made and called inline in a module-level function that a tf.function runs
        (`return keras.layers.Dense(10)(x)`, tensorflow#36504) is made once, as a module-level `dense`, and the
        function calls that one: its first call builds the weights, on the first trace, as TensorFlow allows.
        Its weights then live across calls, as a layer's must (the original cannot run at all)."""
        path = facts.ancestors(node)
        called = path[-1] if path else None
        if not isinstance(event.obj, LayerObj) or not (isinstance(called, cst.Call) and called.func is node):
            return None  # only the layer called where it is made (`Dense(3)(x)`), not one put in a list
        found = _hoistable(facts, event, node, hoisted)
        if found is None or found[2] is not None:
            return None  # bound to a name: `_model_fix`'s statement move, or nothing
        function = found[0]
        name = _free_name(facts, function, node, hoisted, "layer")
        return self.fix(
            Replace(node, cst.Name(name)),
            AddModuleCode(f"tfv401:{function.name.value}:{name}", f"{name} = {facts.code_for(node)}"),
            title=f"Make the layer once, as module-level `{name}`",
        )

    def _build_fix(self, facts: Facts, event: VariableInTrace, node: cst.CSTNode) -> FixPlan | None:
        """`optimizer.apply_gradients(zip(grads, model.trainable_variables))` in a tf.function that a new
        optimizer reaches on a retrace: the optimizer's variables are made before the call, outside the trace
        (`optimizer.build(model.trainable_variables)`), as Keras documents; apply_gradients then makes none."""
        call = event.ctx.find(CtxKind.CALL)
        trace = event.ctx.find(CtxKind.TF_FUNCTION)
        function = event.function
        if call is None or trace is None or function is None or not isinstance(call.node, cst.Call):
            return None
        if not any(c is trace for c in call.chain()) or not isinstance(node, cst.Call):
            return None  # the call of the tf.function itself, from the program
        if not (isinstance(node.func, cst.Attribute) and node.func.attr.value == "apply_gradients"):
            return None
        pairs = node.args[0].value if len(node.args) == 1 and node.args[0].keyword is None else None
        if not (
            isinstance(pairs, cst.Call)
            and isinstance(pairs.func, cst.Name)
            and pairs.func.value == "zip"
            and len(pairs.args) == 2
            and not any(a.keyword or a.star for a in pairs.args)
        ):
            return None
        variables = _variables_read(function, pairs.args[1].value)
        if not (
            isinstance(variables, cst.Attribute)
            and variables.attr.value in ("trainable_variables", "trainable_weights")
            and isinstance(variables.value, cst.Name)
            and isinstance(node.func.value, cst.Name)
        ):
            return None
        model = _argument(function, call.node, variables.value.value)
        optimizer = _argument(function, call.node, node.func.value.value)
        if model is None or optimizer is None:
            return None
        statement = _statement_of(facts.module, call.node)
        if statement is None:
            return None
        return self.fix(
            InsertBefore(statement, f"{optimizer}.build({model}.{variables.attr.value})"),
            title=f"Build `{optimizer}` before the call, outside the tf.function",
        )

    def _optimizer_fix(
        self, facts: Facts, event: VariableInTrace, node: cst.CSTNode, hoisted: set[str]
    ) -> FixPlan | None:
        """An optimizer made in a module-level `tf.function` is made once, at module level: `opt = Adam(...)`
        moves there, and an inline `Adam(0.5).minimize(...)` reads a module-level `adam` made once. Its slots
        and step count then live across calls, as an optimizer's must (the original cannot run at all)."""
        found = _hoistable(facts, event, node, hoisted)
        if found is None:
            return None
        function, line, name = found
        if name is not None:
            assert isinstance(line, cst.SimpleStatementLine)
            hoisted.add(name)
            return self.fix(
                Remove(line),
                AddModuleCode(f"tfv401:{function.name.value}:{name}", facts.code_for(line.body[0])),
                title=f"Make `{name}` once, at module level",
            )
        name = _free_name(facts, function, node, hoisted, "optimizer")
        return self.fix(
            Replace(node, cst.Name(name)),
            AddModuleCode(f"tfv401:{function.name.value}:{name}", f"{name} = {facts.code_for(node)}"),
            title=f"Make the optimizer once, as module-level `{name}`",
        )


def _hoistable(
    facts: Facts, event: VariableInTrace, node: cst.CSTNode, hoisted: set[str]
) -> tuple[cst.FunctionDef, cst.CSTNode, str | None] | None:
    """What a hoist of the object made at `node` to module level needs: the module-level function that makes it,
    the statement that does, and the local name it is bound to (None for an object made inline). None when its
    arguments read more than literals and imports, its name is taken at module level (or by another hoist), or
    the name is bound elsewhere in the function, or it is bound to something else than a plain name."""
    function = _module_function(event, node)
    if function is None or not isinstance(node, cst.Call):
        return None
    if any(a.star for a in node.args) or not all(
        reads_only_constants(facts, event, a.value, module_level=True) for a in node.args
    ):
        return None
    if not reads_only_constants(facts, event, node.func, module_level=True):
        return None
    line = event.chain[0]
    target = sole_assignment(line, node)
    if target is None:
        return function, line, None
    if not isinstance(target, cst.Name):
        return None
    name = target.value
    if name in facts.module_names or name in hoisted or _bindings(function, name) != 1:
        return None
    return function, line, name


def _free_name(
    facts: Facts, function: cst.FunctionDef, node: cst.CSTNode, hoisted: set[str], default: str
) -> str:
    """A module-level name for an object made inline (`Adam(0.5).minimize(...)` -> `adam`), that no name of the
    module, of the function or of another hoist takes; recorded in `hoisted`."""
    taken = {*facts.module_names, *hoisted, *_local_names(function)}
    func = node.func if isinstance(node, cst.Call) else None
    name = snake(func.attr.value if isinstance(func, cst.Attribute) else default)
    if name in taken or facts.word_count(name) > 0:
        name = unique_name(name, lambda c: c in taken or facts.word_count(c) > 0)
    hoisted.add(name)
    return name


def _setup_target(statement: cst.CSTNode, made: list[str]) -> str | None:
    """`x` for `x = <expr>` (a new name), or for `x.attr = <expr>` with `x` made before: a statement that sets
    up what a hoist moves."""
    small = single_assign(statement)
    if small is None:
        return None
    target = small.targets[0].target
    if isinstance(target, cst.Name):
        return target.value
    if (
        isinstance(target, cst.Attribute)
        and isinstance(target.value, cst.Name)
        and target.value.value in made
    ):
        return target.value.value
    return None


def _freezing_loop(loop: cst.For, made: list[str]) -> bool:
    """`for l in <made>.layers: l.trainable = False`: a loop over what a hoist moves whose body only sets
    attributes of its own target."""
    if loop.orelse is not None or loop.asynchronous is not None or not isinstance(loop.target, cst.Name):
        return False
    if not read_names(loop.iter) or not read_names(loop.iter) <= set(made):
        return False
    target = loop.target.value
    if not isinstance(loop.body, cst.IndentedBlock):
        return False
    for statement in loop.body.body:
        small = single_assign(statement)
        if small is None:
            return False
        bound = small.targets[0].target
        if not (isinstance(bound, cst.Attribute) and isinstance(bound.value, cst.Name) and bound.value.value == target):
            return False
    return True


def _bound(statement: cst.CSTNode) -> set[str]:
    targets: list[cst.BaseExpression] = []
    for node in descendants(statement):
        if isinstance(node, cst.Assign):
            targets.extend(t.target for t in node.targets)
        elif isinstance(node, (cst.AugAssign, cst.AnnAssign, cst.For)):
            targets.append(node.target)
    return {name for t in targets for name in target_names(t)}


def _bound_before(module: cst.Module, function: cst.FunctionDef) -> set[str]:
    """The names the module's top-level statements bind before `function`'s definition: what code moved to
    just before it may read."""
    out: set[str] = set()
    for statement in module.body:
        if statement is function:
            return out
        if isinstance(statement, (cst.FunctionDef, cst.ClassDef)):
            out.add(statement.name.value)
        elif isinstance(statement, cst.SimpleStatementLine):
            for small in statement.body:
                if isinstance(small, (cst.Import, cst.ImportFrom)) and not isinstance(
                    small.names, cst.ImportStar
                ):
                    for alias in small.names:
                        named = alias.asname.name if alias.asname is not None else alias.name
                        head = _head(named) if isinstance(named, cst.BaseExpression) else None
                        if head is not None:
                            out.add(head)
                else:
                    out |= _bound(small)
    return set()  # not a top-level function


def _head(name: cst.BaseExpression) -> str | None:
    """`a` for the `a.b.c` of `import a.b.c`."""
    while isinstance(name, cst.Attribute):
        name = name.value
    return name.value if isinstance(name, cst.Name) else None


def _module_function(event: VariableInTrace, node: cst.CSTNode) -> cst.FunctionDef | None:
    """The module-level function (not a method: one module-level object would be shared by every instance)
    whose own body makes the object at `node` in a statement of its own, which a hoist may move."""
    function = event.function
    call = event.ctx.find(CtxKind.CALL)
    func = call.data if call is not None else None
    if function is None or event.frame.parent is not None or not isinstance(node, cst.Call):
        return None
    if len(event.chain) != 1 or not isinstance(func, FuncObj) or func.owner is not None:
        return None
    return function


def _metric(obj: Obj) -> bool:
    return isinstance(obj, KerasObj) and obj.cls.startswith("keras.metrics.") and obj.cls[14:15].isupper()


def _is_tf_function(facts: Facts, expr: cst.BaseExpression) -> bool:
    """`@tf.function` or `@tf.function(...)`, with `tf` an import of tensorflow."""
    if isinstance(expr, cst.Call):
        expr = expr.func
    text = dotted_name(expr)
    if text is None or not text.endswith(".function") or text.count(".") != 1:
        return False
    return facts.imported(text.split(".", 1)[0]) == "tensorflow"


def _returns(function: cst.FunctionDef, what: int | str) -> bool:
    """Whether the function returns the node with this id, or the name."""
    for n in descendants(function.body):
        if isinstance(n, (cst.FunctionDef, cst.ClassDef, cst.Lambda)):
            continue
        if isinstance(n, cst.Return) and n.value is not None:
            value = n.value
            if id(value) == what or (isinstance(value, cst.Name) and value.value == what):
                return True
    return False


_READS = (cst.BinaryOperation, cst.UnaryOperation, cst.Comparison, cst.ComparisonTarget)
_WRITES = ("assign", "scatter", "update", "set_value", "gradient", "watch")
_LIBRARIES = frozenset({"tensorflow", "keras", "tf_keras", "numpy"})


def _only_read_after(facts: Facts, function: cst.FunctionDef, line: cst.CSTNode, name: str) -> bool:
    """After `line` (a statement of the function's body), `name` is only read: an operand of arithmetic or a
    comparison, indexed, or an argument of a module's function that writes nothing (`K.sum(w)`); never
    rebound, returned, aliased, a method's receiver or read in a nested function."""
    body = function.body
    statements = list(body.body) if isinstance(body, cst.IndentedBlock) else []
    at = next((i for i, s in enumerate(statements) if s is line), None)
    if at is None:
        return False
    after = statements[at + 1 :]
    for statement in after:
        stack: list[tuple[cst.CSTNode, cst.CSTNode | None]] = [(statement, None)]
        while stack:
            current, parent = stack.pop()
            if isinstance(current, (cst.FunctionDef, cst.ClassDef, cst.Lambda)):
                if any(isinstance(n, cst.Name) and n.value == name for n in descendants(current)):
                    return False
                continue
            if isinstance(current, cst.Name) and current.value == name:
                if isinstance(parent, _READS) or (
                    isinstance(parent, cst.Subscript) and parent.value is current
                ):
                    continue
                if isinstance(parent, cst.Arg) and parent.keyword is not current:
                    continue  # checked at the call, below
                return False
            if isinstance(current, cst.Call):
                mentions = any(isinstance(a.value, cst.Name) and a.value.value == name for a in current.args)
                callee = dotted_name(current.func) or ""
                module = facts.imported(callee.split(".", 1)[0]) if "." in callee else None
                if mentions and (
                    module is None
                    or module.split(".", 1)[0] not in _LIBRARIES
                    or any(w in callee.rsplit(".", 1)[-1].lower() for w in _WRITES)
                ):
                    return False  # a function of the program, a method (`tape.gradient(loss, w)`), or a write
            stack.extend((child, current) for child in children(current))
    return True


def _resettable(facts: Facts, event: VariableInTrace, node: cst.Call) -> bool:
    """`tf.Variable(init, ...)` whose arguments read only literals and imported modules, and whose keywords
    keep what `assign(init)` restores."""
    positional = [a for a in node.args if a.keyword is None]
    keywords = {a.keyword.value for a in node.args if a.keyword is not None}
    if len(positional) != 1 or node.args[0] is not positional[0]:
        return False
    if any(a.star for a in node.args) or not keywords <= _KEEPS_ITS_VALUE:
        return False
    if not all(reads_only_constants(facts, event, a.value, module_level=True) for a in node.args):
        return False
    return reads_only_constants(facts, event, node.func, module_level=True)


def _stores(cls: cst.ClassDef, attr: str) -> int:
    """How many assignment targets in the class set an attribute of this name (on any object), or 99 when
    something may set it by name (`setattr`, `__dict__`)."""
    count = 0
    for node in descendants(cls):
        if isinstance(node, cst.Name) and node.value in ("setattr", "__dict__", "__setattr__"):
            return 99
        targets: list[cst.BaseExpression] = []
        if isinstance(node, cst.Assign):
            targets = [t.target for t in node.targets]
        elif isinstance(node, (cst.AugAssign, cst.AnnAssign, cst.For)):
            targets = [node.target]
        elif isinstance(node, cst.Attribute) and node.attr.value == "__dict__":
            return 99
        for target in targets:
            seen = {id(n): n for n in [target, *descendants(target)]}
            count += sum(1 for n in seen.values() if isinstance(n, cst.Attribute) and n.attr.value == attr)
    return count


def _init_attributes(init: cst.FunctionDef, me: str) -> set[str]:
    """The attributes `me.x = ...` statements of `__init__`'s own body set."""
    out: set[str] = set()
    for statement in init.body.body:
        if isinstance(statement, cst.SimpleStatementLine):
            for small in statement.body:
                if isinstance(small, (cst.Assign, cst.AnnAssign)):
                    targets = (
                        [t.target for t in small.targets] if isinstance(small, cst.Assign) else [small.target]
                    )
                    for t in targets:
                        if (
                            isinstance(t, cst.Attribute)
                            and isinstance(t.value, cst.Name)
                            and t.value.value == me
                        ):
                            out.add(t.attr.value)
    return out


def _reads_for_init(
    facts: Facts,
    event: VariableInTrace,
    expr: cst.BaseExpression,
    me: str,
    known: set[str],
    params: set[str],
) -> bool | None:
    """Whether `expr` may be computed at the end of `__init__` (False), needs the call but only a parameter's
    static shape (`x.shape`: True), or neither (None): it reads literals, imports, attributes `__init__` sets
    (`self.units`) and, for True, `<parameter>.shape`."""
    lazy = False
    stack: list[cst.CSTNode] = [expr]
    while stack:
        current = stack.pop()
        if isinstance(current, (cst.Lambda, cst.ListComp, cst.GeneratorExp, cst.DictComp, cst.SetComp)):
            return None
        if isinstance(current, cst.Arg):
            stack.append(current.value)
            continue
        if isinstance(current, cst.Attribute) and isinstance(current.value, cst.Name):
            owner = current.value.value
            if owner == me:
                if current.attr.value not in known:
                    return None
                continue
            if owner in params:
                if current.attr.value != "shape":
                    return None
                lazy = True
                continue
        if isinstance(current, cst.Attribute):
            stack.append(current.value)
            continue
        if isinstance(current, cst.Name):
            if current.value in ("None", "True", "False"):
                continue
            if current.value == me or current.value in params:
                return None
            if not reads_only_constants(facts, event, current, module_level=True):
                return None
            continue
        stack.extend(children(current))
    return lazy


def _class_words(cls: cst.ClassDef) -> set[str]:
    """The attributes the class's code reads or sets and the names its body binds: a new attribute must be none
    of them."""
    attrs = {n.attr.value for n in descendants(cls) if isinstance(n, cst.Attribute)}
    bound: set[str] = set()
    for statement in cls.body.body:
        if isinstance(statement, (cst.FunctionDef, cst.ClassDef)):
            bound.add(statement.name.value)
        elif isinstance(statement, cst.SimpleStatementLine):
            for small in statement.body:
                targets = [t.target for t in small.targets] if isinstance(small, cst.Assign) else []
                if isinstance(small, cst.AnnAssign):
                    targets = [small.target]
                bound.update(name for t in targets for name in target_names(t))
    return attrs | bound


def _argument(function: cst.FunctionDef, call: cst.Call, parameter: str) -> str | None:
    """The name passed for `parameter` at `call` (by position or keyword), when it is a plain name."""
    params = [*function.params.posonly_params, *function.params.params]
    names = [p.name.value for p in params]
    if any(a.star for a in call.args) or parameter not in names:
        return None
    value: cst.BaseExpression | None = next(
        (a.value for a in call.args if a.keyword is not None and a.keyword.value == parameter), None
    )
    if value is None:
        positional = [a for a in call.args if a.keyword is None]
        at = names.index(parameter)
        value = positional[at].value if at < len(positional) else None
    return value.value if isinstance(value, cst.Name) else None


def _statement_of(module: cst.Module, node: cst.CSTNode) -> cst.SimpleStatementLine | None:
    """The simple statement line that holds `node`."""
    stack: list[tuple[cst.CSTNode, cst.SimpleStatementLine | None]] = [(module, None)]
    while stack:
        current, line = stack.pop()
        if current is node:
            return line
        if isinstance(current, cst.SimpleStatementLine):
            line = current
        stack.extend((child, line) for child in children(current))
    return None


def _optimizer(obj: Obj) -> bool:
    return isinstance(obj, KerasObj) and obj.cls.startswith("keras.optimizers.") and obj.cls[17:18].isupper()


def _local_names(function: cst.FunctionDef) -> set[str]:
    from tfvarfix.semantics.scoping import scope_info

    return set(scope_info(function).locals)


def _in_layer_call(event: VariableInTrace) -> bool:
    """Made in `call()` of a Keras layer inside the trace: TFV402's."""
    trace = event.ctx.find(CtxKind.TF_FUNCTION)
    layer = event.ctx.find(CtxKind.LAYER_CALL)
    if layer is None or trace is None:
        return False
    return any(c is trace for c in layer.chain())


def _function_name(facts: Facts, node: cst.CSTNode | None) -> str:
    if isinstance(node, cst.FunctionDef):
        return node.name.value
    if isinstance(node, cst.Call) and node.args:
        return facts.code_for(node.args[0].value)
    return "<function>"


def _trace_rank(facts: Facts, event: VariableInTrace, node: cst.CSTNode) -> tuple[int, str]:
    """Which of the traces that make the variable a finding names, whatever order the entries ran in: the one
    whose function holds the creation (an optimizer's `update_step`, which `fit` and a custom loop both trace),
    else the first by name."""
    trace = event.ctx.find(CtxKind.TF_FUNCTION)
    site = trace.node if trace is not None else None
    holds = site is not None and any(a is site for a in facts.ancestors(node))
    return (0 if holds else 1, _function_name(facts, site))


def _what(obj: Obj, node: cst.CSTNode, facts: Facts, retrace: bool) -> str:
    when = "on a retrace for new arguments" if retrace else "on every call"
    if isinstance(obj, VarObj):
        return f"`{obj.ctor or 'add_weight'}` is created {when}"
    if isinstance(obj, KerasObj):
        short = obj.cls.rsplit(".", 1)[-1]
        if isinstance(node, cst.Call) and isinstance(node.func, cst.Attribute) and obj.site is not node:
            return f"`{facts.code_for(node.func)}` makes the variables of the `{short}` {when}"
        return f"`{short}`, which owns variables, is created {when}"
    if isinstance(obj, LayerObj):
        return f"Layer `{obj.short}`, whose weights are variables, is created {when}"
    if isinstance(obj, ModelObj) and isinstance(obj.site, cst.Call):
        return f"Model `{facts.code_for(obj.site.func)}`, whose weights are variables, is created {when}"
    return f"A variable is created {when}"


def _traced_method(
    event: VariableInTrace, node: cst.CSTNode
) -> tuple[cst.FunctionDef, ClassObj, cst.Call] | None:
    """The traced method whose body makes the variable by a call on one line (the method, its class, the call),
    when it is an ordinary method of a class of the program."""
    function = event.function
    call = event.ctx.find(CtxKind.CALL)
    func = call.data if call is not None else None
    if function is None or not isinstance(func, FuncObj) or func.owner is None or len(event.chain) != 1:
        return None
    if func.method_kind != "function" or not isinstance(node, cst.Call):
        return None
    return function, func.owner, node


def _nested(function: cst.FunctionDef, node: cst.CSTNode) -> bool:
    """Whether `node` stands in a function, class or lambda inside `function`'s body."""
    stack: list[tuple[cst.CSTNode, bool]] = [(function.body, False)]
    while stack:
        current, inside = stack.pop()
        if current is node:
            return inside
        inner = inside or isinstance(current, (cst.FunctionDef, cst.ClassDef, cst.Lambda))
        stack.extend((c, inner) for c in current.children)
    return False


def _variables_read(function: cst.FunctionDef, expr: cst.BaseExpression) -> cst.BaseExpression:
    """The `model.trainable_variables` that a local name of the tf.function stands for, when the function binds
    it once, by `name = model.trainable_variables` (or `trainable_weights`) with `model` a parameter it never
    rebinds (tensorflow#42000: `trainable_variables = model.trainable_variables`, then
    `optimizer.apply_gradients(zip(grads, trainable_variables))`); `expr` itself otherwise. The apply ran, so the
    name was bound by then, to that list of that model."""
    if not isinstance(expr, cst.Name) or _bindings(function, expr.value) != 1:
        return expr
    params = {p.name.value for p in function.params.params}
    if expr.value in params:
        return expr
    for node in descendants(function.body):
        small = node if isinstance(node, cst.Assign) else None
        if small is None or len(small.targets) != 1:
            continue
        target = small.targets[0].target
        if not (isinstance(target, cst.Name) and target.value == expr.value):
            continue
        value = small.value
        if (
            isinstance(value, cst.Attribute)
            and value.attr.value in ("trainable_variables", "trainable_weights")
            and isinstance(value.value, cst.Name)
            and value.value.value in params
            and _bindings(function, value.value.value) == 0
        ):
            return value
        return expr
    return expr


def _bindings(function: cst.FunctionDef, name: str) -> int:
    """How many statements of the function bind `name` (any other binding makes the hoist unsafe)."""
    count = 0
    stack: list[cst.CSTNode] = [function.body]
    while stack:
        node = stack.pop()
        if isinstance(node, (cst.Global, cst.Nonlocal)):
            return 99
        targets: list[cst.BaseExpression] = []
        if isinstance(node, cst.Assign):
            targets = [t.target for t in node.targets]
        elif isinstance(node, (cst.AugAssign, cst.AnnAssign, cst.For)):
            targets = [node.target]
        count += sum(1 for t in targets for bound in target_names(t) if bound == name)
        stack.extend(c for c in node.children if isinstance(c, cst.CSTNode))
    return count
