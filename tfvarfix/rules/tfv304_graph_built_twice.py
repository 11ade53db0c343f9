from __future__ import annotations

import re
from collections.abc import Iterator

import libcst as cst

from tfvarfix.codegen import string, unique_name, with_keywords
from tfvarfix.keras.tf1 import OPTIMIZER_SLOTS, V1, Rebuild, graph_code, one_run, rebuild
from tfvarfix.rule import Finding, FixPlan, InsertBefore, Remove, Replace, Rule
from tfvarfix.rules.tfv301_repeated_rnn_scope import loop_index
from tfvarfix.semantics.events import Collision, Created, Ctx, CtxKind, Event, MethodCall, Missing, UserCall
from tfvarfix.semantics.facts import Facts, reachable
from tfvarfix.semantics.scoping import target_names
from tfvarfix.semantics.values import AV, FuncObj, KerasObj, ModuleRef, Obj, TensorObj, TupleObj, VarObj
from tfvarfix.types import FixAvailability, FixSafety, Rename, VerifyCheck

_SHARED = (
    "; the runs share tensors, so a fresh graph per run would break them: give each run its own `variable_scope`, "
    "or build them in one scope with `reuse=tf.compat.v1.AUTO_REUSE` to share the variables"
)
_CHOICES = (
    "; build each in a fresh graph if they are separate models, else give each its own `variable_scope`, or one "
    "scope with `reuse=tf.compat.v1.AUTO_REUSE` to share the variables"
)

def _tower_item(facts: Facts, item: cst.WithItem) -> bool:
    """`tf.device(...)`, or `tf.name_scope(...)` with a name that says "tower", of a TensorFlow module."""
    call = item.item
    if not isinstance(call, cst.Call) or not isinstance(call.func, cst.Attribute):
        return False
    head = call.func.value
    while isinstance(head, cst.Attribute):
        head = head.value
    if not isinstance(head, cst.Name) or not (facts.imported(head.value) or "").startswith("tensorflow"):
        return False
    if call.func.attr.value == "device":
        return True
    return call.func.attr.value == "name_scope" and "tower" in facts.code_for(call).lower()


_TWICE = (
    "; one pass of the loop also builds twice: give each build of a pass its own `variable_scope` (or one scope "
    "with `reuse=tf.compat.v1.AUTO_REUSE`), then start a fresh graph at the top of the loop body"
)


class GraphBuiltTwice(Rule):
    """
    ## What it does
    Finds a function of the module that creates TF1 variables under fixed names (`get_variable("w")`, an RNN
    call on a cell it constructs, a named `layers.dense`, or an unnamed one inside a fixed `variable_scope`),
    with no `reuse`, no graph of its own and no `reset_default_graph()`, called twice into one default graph:
    in a loop (a hyper-parameter sweep), or once for training and once for prediction. A rebuild under
    `reuse=AUTO_REUSE` is found too when its optimizer makes its slots again (`model/w/Adam/`). The finding is
    on the call that runs the build again. Also an optimizer's `minimize`/`apply_gradients` made while
    `reuse=True` is in force, where its slots do not exist yet: a `tf.get_variable_scope().reuse_variables()` that
    shared a network's second build stays on for the rest of its scope, and `reuse=False` cannot turn it off
    (jonbruner GAN#1, tensorflow#6220, RL-Chatbot#7: `Variable d_w1/Adam/ does not exist`); that finding is on
    the optimizer's call, with no fix. A scope named after the instance's class
    (`variable_scope(self.__class__.__name__.lower())`, `type(self).__name__`: ipazc/mtcnn's `Network`) is that
    class's name, so a second instance of one class builds `pnet/conv1/weights` again, while instances of two
    subclasses (`pnet/...`, `rnet/...`) do not collide. Likewise an `ExponentialMovingAverage.apply` on tensors
    of such a shared
    build (DCGAN-tensorflow's `batch_norm` class, text-to-image#13): the averages of the new call's moments are
    new variables, which `reuse=True` forbids (`Variable d_bn1/d_bn1_2/moments/Squeeze/ExponentialMovingAverage/
    does not exist`); the finding is on the `apply`, with no fix. A call in its own
    `with tf.Graph().as_default():`, under a distinct or reusing `variable_scope`, or after
    `reset_default_graph()` is not reported. The rule reads a file top
    to bottom once, and a notebook's code cells once each, in order, as one program: a graph built by a
    function called in cell 3 and again in cell 7 is found. Re-running a cell (the classic way to meet this
    error in Jupyter) leaves no trace in the saved notebook, so it cannot be seen there; `execution_count`
    only records a cell's last run.

    ## Why is this bad?
    The default graph outlives the function: the second build meets the first one's variables and stops with
    `ValueError: Variable rnn/lstm_cell/kernel already exists, disallowed. Did you mean to set reuse=True or
    reuse=tf.AUTO_REUSE in VarScope?` (TF 2.21 with tf_keras; with a `variable_scope("model")` inside the
    function, `Variable model/rnn/lstm_cell/kernel already exists`). Adding `AUTO_REUSE` hides it by making
    every run share the first run's variables, which is wrong for a sweep.

    ## Example
    ```python
    import tensorflow.compat.v1 as tf

    tf.disable_eager_execution()


    def build(learning_rate):
        x = tf.placeholder(tf.float32, [None, 3])
        w = tf.get_variable("w", [3, 1])
        loss = tf.reduce_mean(tf.matmul(x, w) ** 2)
        return tf.train.GradientDescentOptimizer(learning_rate).minimize(loss)


    for lr in [0.1, 0.01]:
        train_op = build(lr)
    ```

    ## Use instead
    ```python
    import tensorflow.compat.v1 as tf

    tf.disable_eager_execution()


    def build(learning_rate):
        x = tf.placeholder(tf.float32, [None, 3])
        w = tf.get_variable("w", [3, 1])
        loss = tf.reduce_mean(tf.matmul(x, w) ** 2)
        return tf.train.GradientDescentOptimizer(learning_rate).minimize(loss)


    for lr in [0.1, 0.01]:
        tf.reset_default_graph()
        train_op = build(lr)
    ```

    ## Fix safety
    The fix is offered for a sweep: a loop whose passes each build the graph afresh. It starts a fresh default
    graph at the top of the loop body, before anything of the pass is made, with
    `tf.compat.v1.reset_default_graph()` (spelled as the module spells its TF1 API). It is unsafe: tensors,
    sessions and savers of an earlier pass cannot be used with the new graph. It is not offered when the passes
    use tensors made before the loop or by another pass (a shared placeholder, the previous layer's output, the
    slices a loop takes from a tensor made before it, `for part in tf.split(batch, n)`),
    when a pass keeps graph objects in a container made before the loop that code after the loop reads
    (`ops.append(build(rate))`, then `tf.group(*ops)`: "must be from the same graph"; fetched values such as
    `losses[rate] = sess.run(loss)` are fine), when one pass itself builds twice (`dense(dense(x))` in the loop
    body: a fresh graph per pass would not repair it),
    when the loop runs inside a graph or `Session` block (resetting a graph in use raises) or the module uses an
    `InteractiveSession`.

    Where the passes share tensors, or the two builds are two calls, the code must say what was meant; five
    shapes do, and get an unsafe fix each: a function with a `reuse=False` parameter that it reads, called again
    without it, gets `reuse=True` at that call (it builds on the first build's variables); chained builds, `x =
    block(x)` (stacked layers), that reopen one fixed `variable_scope("block")` get `variable_scope(None,
    default_name="block")`, so each gets its own (`block`, `block_1`; the first keeps its names unless another
    `block` scope came first); a function that builds, runs a `Session` of its own and returns only fetched
    values (`return sess.run(...)`), storing nothing outside, has its body moved into `with
    tf.Graph().as_default():`, a separate graph per run that leaves the caller's alone (a method too, when it
    stores nothing on its object and reads no graph object made outside the call, such as `self.sess`; and one
    of another module of the project, rewritten in that module, when both files are checked); and a build in a loop
    whose arguments no pass changes (`out = dense(x)` with `x` made before the loop) is made once, before the
    loop. A sweep over settings, a `for` over literals or a `range` of them (`for z_dim in [2, 3]:`), whose
    passes share a placeholder or a `Session` made before the loop (scDREAMER#4), builds one model per setting:
    the pass's build statement (`model = Net(sess, z_dim)`) goes into `with
    tf.compat.v1.variable_scope(f"model_{i}"):`, named after what it is bound to and numbered by the loop
    (`enumerate` added where there is none), which renames its variables (`Encoder/w` -> `model_0/Encoder/w`;
    the title and `renames` say so). Not offered for a loop over tensors or objects (one network applied to
    several inputs may mean to share), for a build that is not a statement `name = build(...)` of the loop's
    own body, or where a name `model_0` is written elsewhere. Towers, a loop whose pass builds under `with
    tf.device(...)` or a `tf.name_scope(...)` whose name says `tower` (DIGITS#1739's multi-GPU trainer), are
    copies of one model, one per device, meant to share its variables (a name scope names a tower's ops, not
    its variables): the build statement goes into `with tf.compat.v1.variable_scope(
    tf.compat.v1.get_variable_scope(), reuse=tf.compat.v1.AUTO_REUSE):`, no name changes and the first pass
    makes the variables the others reuse; this comes before the fresh graph per pass, and is withheld when
    a tower makes an optimizer with slots: under the shared scope each tower's optimizer takes the first's
    slots (`net/w/Adam`, `net/w/Adam_1`; its own `beta1_power`) and its own `minimize`, so one training step
    would move the shared weights once per tower, where towers average their gradients into one update
    (measured, TF 2.21: two towers' `AdamOptimizer(0.1).minimize` build and run, sharing the slots, and one
    run of both steps takes `w` from 1.0 to 0.77, two Adam steps of about 0.1).
    Two calls where the code says what the second
    build is for get one more unsafe fix, on the second build only (a reset is never inserted between them).
    An evaluation or inference copy shares the first build's variables: the second call passes
    `is_training=False` (or `training`/`is_train`/`train`), or its result or the function it stands in is
    named for evaluation (`eval_model = ...`, `sample = ...`, `def prediction():`; words `eval`, `test`,
    `valid`, `infer`, `predict`, `sample`, `gen`... that the first build's names lack; a function holding both
    builds says nothing), or it is the same
    call on other input tensors (`encoder(context_x, context_y)`, then `encoder(target_x, target_y)`; or a
    tensor a TF call makes on the spot, `vgg_16(tf.image.flip_left_right(images))`, tensorflow#11333); the
    statement goes into `with tf.compat.v1.variable_scope(tf.compat.v1.get_variable_scope(),
    reuse=tf.compat.v1.AUTO_REUSE):`, which re-enters the current scope, so no name changes. An optimizer the
    second build makes (`AdamOptimizer(...).minimize` in a model's `__init__`, RetinexNet#4) then reuses the
    first's slot variables (`w/Adam`, `w/Adam_1`; measured, TF 2.21): running both training steps would update
    one set of moments twice, and the title says so. Withheld when what the second build returns is its
    training step (`return opt.minimize(loss)`): that is not an evaluation copy, whatever its name.
    A second model with weights of its own, because it rebinds the first's name in the same function
    (`model = TextRNN(config)` again, perhaps with another config) or is named as a target network
    (`target_q = q_net(obs)`), goes into `with tf.compat.v1.variable_scope("<name>"):` (`model_1` for a
    rebinding), which renames its variables (`w` -> `model_1/w`; the title and `renames` say so). Not offered
    for a statement with a multi-line string, with `*args` in either call, or for a second build in a loop.
    Otherwise (two builds whose names and arguments say nothing, two policies under one scope) no fix is
    offered, and the message says what the choices are: a fresh graph for separate models, a `variable_scope`
    per build, or one scope with `reuse=tf.compat.v1.AUTO_REUSE` to share the variables on purpose.

    ## Numerical equivalence
    `repairs`: the original raises the `ValueError` on the second build; the rewrite builds each graph afresh.

    ## References
    -
      [tf.compat.v1.reset_default_graph](https://www.tensorflow.org/api_docs/python/tf/compat/v1/reset_default_graph)
    - [tf.Graph.as_default](https://www.tensorflow.org/api_docs/python/tf/Graph#as_default)
    """

    CODE = "TFV304"
    NAME = "graph-built-twice"
    MESSAGE = (
        "`{function}()` creates `{variable}` and runs {how} into one default graph: the second run raises "
        "`ValueError: Variable {variable} already exists, disallowed`{advice}"
    )
    FIX_TITLE = "Reset the default graph before each build"
    FIX_AVAILABILITY = FixAvailability.SOMETIMES
    FIX_SAFETY = FixSafety.UNSAFE
    VERIFY = VerifyCheck.REPAIRS

    def check(self, facts: Facts) -> Iterator[Finding]:
        found: dict[int, list[tuple[Rebuild, Collision]]] = {}
        for event in facts.of(Collision):
            again = rebuild(event) if one_run(event) else None
            if again is not None:
                found.setdefault(id(again.call.node), []).append((again, event))
        uses = _Uses(facts) if found else None
        live = [pairs for pairs in found.values() if all(_live(facts, e) for _, e in pairs)]
        # Loops in which one pass itself builds twice (`h = dense(x); y = dense(h)` in a sweep's body): a
        # fresh graph per pass does not repair those, so the loop's fix waits for that finding to be resolved.
        within_a_pass = {
            id(c.node)
            for pairs in live
            if any(a.loop is None for a, _ in pairs)
            for c in pairs[0][0].call.chain()
            if c.kind is CtxKind.LOOP
        }
        for pairs in live:
            again, event = pairs[0]
            assert uses is not None and again.call.node is not None
            loops = [a.loop for a, _ in pairs if a.loop is not None]
            fix = None
            if loops and len(loops) == len(pairs):
                loop = max(loops, key=lambda c: len(list(c.chain())))
                shared = not uses.isolated(loop.node) or _escapes(facts, again, loop.node)
                twice = id(loop.node) in within_a_pass
                if not twice:  # towers, one per device, are meant to share one set of variables
                    fix = self._tower_fix(facts, again, loop)
                if fix is None and not shared and not twice:
                    fix = self._fix(facts, [e for _, e in pairs], again, loop)
                if fix is None and not twice:
                    fix = (
                        self._scope_fix(facts, pairs)
                        or self._hoist_fix(facts, again, loop)
                        or self._sweep_scope_fix(facts, again, loop, event.name)
                    )
                advice = "" if fix is not None else _SHARED if shared else _TWICE if twice else _CHOICES
                how = "on every pass of a loop"
            else:
                reaches = any(uses.reaches_out(a.call) for a, _ in pairs)
                fix = (
                    self._reuse_fix(facts, again)
                    or self._scope_fix(facts, pairs)
                    or (None if reaches else self._graph_fix(facts, again))
                    or self._intent_fix(facts, again, event.name)
                )
                advice = "" if fix is not None else _SHARED if reaches else _CHOICES
                how = "twice"
            yield self.finding(
                again.call.node,
                fix=fix,
                function=_function(again.call),
                variable=event.name,
                how=how,
                advice=advice,
            )
        yield from self._missing_slots(facts)

    def _missing_slots(self, facts: Facts) -> Iterator[Finding]:
        """An optimizer made while `reuse=True` is in force (the `reuse_variables()` that shared a network's
        second build, left on): its slot variables do not exist yet and cannot be created."""
        seen: set[int] = set()
        for event in facts.of(Missing):
            if id(event.node) in seen or not (
                reachable(event)
                and event.certain
                and not event.ctx.catches("ValueError")
                and graph_code(facts.graph_mode, event)
            ):
                continue
            seen.add(id(event.node))
            prefix = facts.tf1_prefix() or "tf.compat.v1"
            op = re.sub(r"_\d+$", "", event.name.rstrip("/").rsplit("/", 1)[-1]) if event.name else event.op
            slot = f", such as `{event.name}`" if event.name else ""
            if event.average:
                yield Finding(node=event.node, message=self._average_message(facts, event, prefix), code=self.CODE)
                continue
            message = (
                f"`{facts.inline_code(event.node)}` makes the optimizer's slot variables (`<variable>/{op}`{slot}) "
                "while `reuse=True` is in force (a `reuse_variables()` stays on for the rest of its scope, and "
                "`reuse=False` or `None` cannot turn it off): graph mode raises `ValueError: Variable "
                f"<variable>/{op}/ does not exist` on the first one; "
                f"share the second build under `with {prefix}.variable_scope({prefix}.get_variable_scope(), "
                f"reuse={prefix}.AUTO_REUSE):` instead of `reuse_variables()`, or make the optimizer in such a "
                "block, where its slots are created"
            )
            yield Finding(node=event.node, message=message, code=self.CODE)

    @staticmethod
    def _average_message(facts: Facts, event: Missing, prefix: str) -> str:
        return (
            f"`{facts.inline_code(event.node)}` makes a moving-average variable (`<tensor op>/{event.op}`) for each "
            "tensor it averages while `reuse=True` is in force (a `reuse_variables()` stays on for the rest of its "
            "scope); the tensors are new to the graph, so no such variable exists to reuse and graph mode raises "
            f"`ValueError: Variable <scope>/<op>/{event.op}/ does not exist`; share the second build under `with "
            f"{prefix}.variable_scope({prefix}.get_variable_scope(), reuse={prefix}.AUTO_REUSE):` instead of "
            "`reuse_variables()`, where the new averages are created (`reuse=False` cannot turn `reuse=True` off)"
        )

    def _reuse_fix(self, facts: Facts, again: Rebuild) -> FixPlan | None:
        """The function offers sharing itself (`def generator(z, reuse=False)`, reading `reuse`) and the second
        build does not ask for it: it gets `reuse=True`, and builds on the first build's variables."""
        func = again.call.data
        call = again.call.node
        if (
            not isinstance(func, FuncObj)
            or not isinstance(func.node, cst.FunctionDef)
            or not isinstance(call, cst.Call)
        ):
            return None
        function = func.node
        params = [*function.params.params, *function.params.kwonly_params]
        param = next((p for p in params if p.name.value == "reuse"), None)
        if param is None or not (
            isinstance(param.default, cst.Name) and param.default.value in ("False", "None")
        ):
            return None
        if any(a.star for a in call.args) or any(
            a.keyword is not None and a.keyword.value == "reuse" for a in call.args
        ):
            return None
        positional = [p.name.value for p in function.params.params]
        if func.owner is not None and positional:
            positional = positional[1:]
        if "reuse" in positional and positional.index("reuse") < sum(
            1 for a in call.args if a.keyword is None
        ):
            return None
        if not any(isinstance(n, cst.Name) and n.value == "reuse" for n in _walk(function.body)):
            return None
        return self.fix(
            Replace(call, with_keywords(call, {"reuse": "True"})),
            title=f"Pass `reuse=True`: build on the variables the first `{function.name.value}()` made",
        )

    def _intent_fix(self, facts: Facts, again: Rebuild, variable: str) -> FixPlan | None:
        """Two builds where the code says what the second is for. An evaluation or inference copy of the same
        model (the second call passes `is_training=False`; its result or function is named for evaluation,
        `eval_model`, `prediction()`; or it is the same call on other input tensors, as a network applied to a
        second input is) shares the first build's variables: the second build goes into `with
        variable_scope(get_variable_scope(), reuse=AUTO_REUSE):`, which keeps every name. A second model that
        needs weights of its own (it replaces the first under the same name, `model = TextRNN(config)` again,
        or is named as a target network, `target_policy = ...`) gets a scope of its own, named after it."""
        prefix = facts.tf1_prefix()
        call, first = again.call.node, again.first_call.node if again.first_call is not None else None
        if prefix is None or not isinstance(call, cst.Call) or not isinstance(first, cst.Call):
            return None
        events = {id(e.node): e for e in facts.of(UserCall) if e.node is call or e.node is first}
        second_event, first_event = events.get(id(call)), events.get(id(first))
        if second_event is None or first_event is None or not second_event.chain or not first_event.chain:
            return None
        line = second_event.chain[-1]
        if not isinstance(line, cst.SimpleStatementLine) or len(line.body) != 1:
            return None
        if any(a.star for a in (*call.args, *first.args)):
            return None
        if any(
            isinstance(n, (cst.SimpleString, cst.FormattedString)) and "\n" in facts.code_for(n)
            for n in _walk(line)
        ):
            return None  # a string over several lines would be re-indented
        share: bool | None = None
        flags = {
            a.keyword.value: facts.code_for(a.value)
            for a in call.args
            if a.keyword is not None and a.keyword.value in _TRAINING_FLAGS
        }
        before = {
            a.keyword.value: facts.code_for(a.value)
            for a in first.args
            if a.keyword is not None and a.keyword.value in _TRAINING_FLAGS
        }
        if any(v == "False" and before.get(k) != "False" for k, v in flags.items()):
            share = True  # an evaluation copy: `is_training=False`
        targets, first_targets = _targets(line), _targets(first_event.chain[-1])
        function = _enclosing_function(facts, call)
        if (
            share is None
            and targets
            and targets == first_targets
            and function is _enclosing_function(facts, first)
        ):
            share = False  # it replaces the first build under the same name: a model of its own
        # What the second build's names say that the first's do not (two builds in one `def test_...()` or two
        # `eval_*` results tell nothing apart).
        first_function = _enclosing_function(facts, first)
        own = function is not first_function
        words = {w for t in targets for w in _words(t)} | (
            set(_words(function.name.value)) if own and function is not None else set()
        )
        words -= {w for t in first_targets for w in _words(t)} | (
            set(_words(first_function.name.value)) if own and first_function is not None else set()
        )
        if share is None and "target" in words:
            share = False  # a target network keeps weights of its own
        elif share is None and words & _EVALUATION_WORDS:
            share = True
        if share is None and _same_but_inputs(first_event, second_event, first, call, facts):
            share = True  # the same network applied to other input tensors
        if share is None:
            return None
        slots = [
            e
            for e in facts.of(MethodCall)
            if OPTIMIZER_SLOTS.get(e.callee.rsplit(".", 1)[-1], ("", 0, 0))[1] > 0
            and any(c is again.call for c in e.ctx.chain())
        ]
        if share and any(_returns_step(e) for e in slots):
            return None  # what the second build gives is a training step: not an evaluation copy
        indent = facts.module.default_indent
        code = "; ".join(facts.code_for(s) for s in line.body).replace("\n", "\n" + indent)
        if share:
            opener = (
                f"with {prefix}.variable_scope({prefix}.get_variable_scope(), reuse={prefix}.AUTO_REUSE):"
            )
            shared = " and the first optimizer's slot variables" if slots else ""
            return self.fix(
                InsertBefore(line, opener),
                Replace(line, f"{indent}{code}"),
                title=f"Build `{facts.code_for(call.func)}(...)` again on the first build's variables{shared} "
                "(`reuse=AUTO_REUSE` around the second build)",
            )
        base = targets[0] if targets else _function(again.call)
        taken = facts.literal_count
        scope = (
            base
            if not (targets and targets == first_targets) and not taken(base)
            else unique_name(base, lambda c: taken(c) > 0)
        )
        opener = f"with {prefix}.variable_scope({string(facts, scope)}):"
        return self.fix(
            InsertBefore(line, opener),
            Replace(line, f"{indent}{code}"),
            title=f"Give the second build its own variable scope `{scope}` (its variables are renamed)",
            renames=(Rename("variable_scope", variable, f"{scope}/{variable}"),),
        )

    def _scope_fix(self, facts: Facts, pairs: list[tuple[Rebuild, Collision]]) -> FixPlan | None:
        """Chained builds (`x = block(x)`: the second takes the first's output, as stacked layers do) that
        reopen one fixed `variable_scope("block")`: each gets its own, `variable_scope(None,
        default_name="block")` (`block`, `block_1`, ...); the first keeps its names."""
        again, _ = pairs[0]
        call = again.call.node
        statement = next((e for e in facts.of(UserCall) if e.node is call), None)
        line = statement.chain[-1] if statement is not None and statement.chain else None
        if not isinstance(call, cst.Call) or not _chained(line, call):
            return None
        scopes: set[int] = set()
        found: cst.Call | None = None
        for _, event in pairs:
            scope = None
            for ctx in event.ctx.chain():
                if ctx is again.call or (ctx.kind is CtxKind.CALL and ctx.node is call):
                    break
                if ctx.kind is CtxKind.SCOPE and isinstance(ctx.node, cst.Call):
                    scope = ctx.node  # the outermost scope inside the call
            if scope is None or _fixed_scope_name(scope) is None:
                return None
            scopes.add(id(scope))
            found = scope
        if found is None or len(scopes) != 1:
            return None
        name = _fixed_scope_name(found)
        assert name is not None
        new = found.with_changes(
            args=[
                cst.Arg(cst.Name("None"), comma=cst.Comma(whitespace_after=cst.SimpleWhitespace(" "))),
                cst.Arg(
                    found.args[0].value,
                    keyword=cst.Name("default_name"),
                    equal=cst.AssignEqual(cst.SimpleWhitespace(""), cst.SimpleWhitespace("")),
                ),
            ]
        )
        return self.fix(
            Replace(found, new),
            title=f"Give each build its own scope: `{name}`, `{name}_1`, ...",
        )

    def _graph_fix(self, facts: Facts, again: Rebuild) -> FixPlan | None:
        """A function that builds a graph, runs its own session on it and returns only fetched values
        (`return sess.run(net.output, ...)`), called twice: each run is a separate model, and its body moves into
        `with tf.Graph().as_default():`, which leaves the caller's default graph alone. The same for a method that
        stores nothing on its object (what it reads of it that is graph-bound, `self.sess`, `self.x`, was made
        outside the call: `_Uses.reaches_out` withholds the fix then), and for a function or method of another
        module of the project, whose body is rewritten there."""
        func = again.call.data
        if not isinstance(func, FuncObj) or not isinstance(func.node, cst.FunctionDef):
            return None
        function = func.node
        there = facts.home(function)
        prefix = there.tf1_prefix() if there is not None else None
        body = function.body
        if there is None or prefix is None or not isinstance(body, cst.IndentedBlock) or not body.body:
            return None
        nodes = list(_walk(body))
        if not any(isinstance(n, cst.Call) and _callee(n) == "Session" for n in nodes):
            return None  # no session of its own: what it builds is for the caller's graph
        for node in nodes:
            if isinstance(node, (cst.Global, cst.Nonlocal, cst.Yield)):
                return None
            if isinstance(node, cst.Return) and node.value is not None and not _plain(node.value, set()):
                return None  # hands back a graph object, which belongs to the caller's graph
            if isinstance(node, cst.AssignTarget) and not isinstance(
                node.target, (cst.Name, cst.Tuple, cst.List)
            ):
                return None  # stores into an object or container of the caller
        if any(
            isinstance(c.node, cst.With) or c.kind is CtxKind.GRAPH
            for c in again.call.chain()
            if c is not again.call
        ):
            return None
        statements = list(body.body)
        keep = statements[:1] if statements and _is_docstring(statements[0]) else []
        moved = statements[len(keep) :]
        if not moved:
            return None
        graph = cst.With(
            items=[cst.WithItem(cst.parse_expression(f"{prefix}.Graph().as_default()"))],
            body=cst.IndentedBlock(body=moved),
        )
        new = function.with_changes(body=body.with_changes(body=[*keep, graph]), leading_lines=[])
        code = there.code_for(new).rstrip("\n")
        if func.owner is not None:  # a method: its lines after the first at the class body's indentation
            if any(
                isinstance(n, (cst.SimpleString, cst.FormattedString)) and "\n" in there.code_for(n)
                for n in nodes
            ):
                return None  # a multi-line string would take the indentation into its text
            indent = "".join(
                a.indent if a.indent is not None else there.module.default_indent
                for a in there.ancestors(function)
                if isinstance(a, cst.IndentedBlock)
            )
            first, *rest = code.split("\n")
            code = "\n".join([first, *(indent + line if line.strip() else line for line in rest)])
        return self.fix(
            Replace(function, code),
            title=f"Build each run of `{function.name.value}()` in a graph of its own",
        )

    def _hoist_fix(self, facts: Facts, again: Rebuild, loop: Ctx) -> FixPlan | None:
        """A build in a loop whose arguments do not change from pass to pass (`seg = net.inference(image_ph)`
        for every frame): it is made once, before the loop, and every pass uses it."""
        node = loop.node
        call = again.call.node
        if not isinstance(node, (cst.For, cst.While)) or not isinstance(node.body, cst.IndentedBlock):
            return None
        line = next((s for s in node.body.body if any(n is call for n in _walk(s))), None)
        if (
            not isinstance(line, cst.SimpleStatementLine)
            or len(line.body) != 1
            or not isinstance(call, cst.Call)
        ):
            return None
        assign = line.body[0]
        if not isinstance(assign, cst.Assign) or assign.value is not call:
            return None
        bound = _names(node.target) if isinstance(node, cst.For) else set()
        for n in _walk(node.body, into_functions=True):
            if isinstance(n, cst.AssignTarget):
                if n.target not in [t.target for t in assign.targets]:
                    bound |= _names(n.target) or {"<other>"}
            elif isinstance(n, (cst.AugAssign, cst.AnnAssign, cst.For, cst.WithItem)):
                target = (
                    n.target if not isinstance(n, cst.WithItem) else (n.asname.name if n.asname else None)
                )
                bound |= _names(target) if isinstance(target, cst.BaseExpression) else set()
        targets = {name for t in assign.targets for name in _names(t.target)}
        reads = {n.value for n in _walk(call, into_functions=True) if isinstance(n, cst.Name)}
        if not targets or reads & (bound | targets) or any(a.star for a in call.args):
            return None
        # An object the build reads that a pass changes (`cfg.step += 1`, `opts.update(...)`) is no invariant.
        inside = {id(n) for n in _walk(call, into_functions=True)}
        for n in _walk(node.body, into_functions=True):
            changed: cst.BaseExpression | None = None
            if isinstance(n, (cst.AssignTarget, cst.AugAssign, cst.AnnAssign)):
                changed = n.target
            elif isinstance(n, cst.Call) and id(n) not in inside and isinstance(n.func, cst.Attribute):
                changed = n.func.value
            while isinstance(changed, (cst.Attribute, cst.Subscript)):
                changed = changed.value
            if (
                isinstance(changed, cst.Name)
                and changed.value in reads
                and changed is not getattr(n, "target", None)
            ):
                return None
        if any(isinstance(n, (cst.Lambda, cst.NamedExpr, cst.Yield, cst.Await)) for n in _walk(call)):
            return None
        return self.fix(
            Remove(line),
            InsertBefore(node, facts.code_for(assign)),
            title="Build it once, before the loop",
        )

    def _tower_fix(self, facts: Facts, again: Rebuild, loop: Ctx) -> FixPlan | None:
        """Towers: a loop whose pass builds under `with tf.device(...)` or `with tf.name_scope("tower_%d" % i)`
        (DIGITS#1739's multi-GPU trainer, TensorFlow's cifar10_multi_gpu_train) runs one copy of the model per
        device on a slice of the batch, and the copies are meant to share one set of variables (a name scope
        names a tower's ops, not its variables): the build goes into `with variable_scope(get_variable_scope(),
        reuse=AUTO_REUSE):`, which keeps every name; the first pass makes the variables, the others reuse them."""
        prefix = facts.tf1_prefix()
        node, call = loop.node, again.call.node
        if prefix is None or not isinstance(node, (cst.For, cst.While)) or not isinstance(call, cst.Call):
            return None
        event = next((e for e in facts.of(UserCall) if e.node is call and e.chain), None)
        if event is None:
            return None
        line = event.chain[-1]
        if not isinstance(line, cst.SimpleStatementLine) or len(line.body) != 1 or any(a.star for a in call.args):
            return None
        path = facts.ancestors(line)
        if node not in path:
            return None
        within = path[path.index(node) + 1 :]
        if not any(isinstance(w, cst.With) and any(_tower_item(facts, i) for i in w.items) for w in within):
            return None
        if any(
            isinstance(n, (cst.SimpleString, cst.FormattedString)) and "\n" in facts.code_for(n)
            for n in _walk(line)
        ):
            return None  # a string over several lines would be re-indented
        if any(
            OPTIMIZER_SLOTS.get(e.callee.rsplit(".", 1)[-1], ("", 0, 0))[1] > 0
            and any(c is again.call for c in e.ctx.chain())
            for e in facts.of(MethodCall)
        ):
            return None  # under the shared scope each tower's optimizer would take the first's slots and step too
        indent = facts.module.default_indent
        code = "; ".join(facts.code_for(s) for s in line.body).replace("\n", "\n" + indent)
        opener = f"with {prefix}.variable_scope({prefix}.get_variable_scope(), reuse={prefix}.AUTO_REUSE):"
        return self.fix(
            InsertBefore(line, opener),
            Replace(line, f"{indent}{code}"),
            title=f"Build every tower's `{facts.code_for(call.func)}(...)` on one set of variables "
            "(`reuse=AUTO_REUSE` around the build)",
        )

    def _sweep_scope_fix(self, facts: Facts, again: Rebuild, loop: Ctx, variable: str) -> FixPlan | None:
        """A sweep (`for z_dim in [2, 3]:`, over literals or a `range`) whose passes cannot each have a fresh
        graph (they share a session or tensors made before the loop) builds one model per setting: each pass's
        build goes into a scope of its own, `with variable_scope(f"model_{i}"):`, named after what it is bound
        to and numbered by the loop (`enumerate` added where there is none). Its variables are renamed."""
        prefix = facts.tf1_prefix()
        node, call = loop.node, again.call.node
        if prefix is None or not isinstance(node, cst.For) or not isinstance(node.body, cst.IndentedBlock):
            return None
        if node.asynchronous is not None or not _literal_sweep(node.iter) or not isinstance(call, cst.Call):
            return None
        line = next((s for s in node.body.body if any(n is call for n in _walk(s))), None)
        if not isinstance(line, cst.SimpleStatementLine) or len(line.body) != 1:
            return None
        assign = line.body[0]
        if not (
            isinstance(assign, cst.Assign)
            and assign.value is call
            and len(assign.targets) == 1
            and isinstance(assign.targets[0].target, cst.Name)
        ) or any(a.star for a in call.args):
            return None
        if any(
            isinstance(n, (cst.SimpleString, cst.FormattedString)) and "\n" in facts.code_for(n)
            for n in _walk(line)
        ):
            return None  # a string over several lines would be re-indented
        counted = loop_index(facts, node)
        if counted is None:
            return None
        index, header = counted
        base = assign.targets[0].target.value
        if facts.literal_count(f"{base}_0") or any(
            s.startswith(f"{base}_") for s in facts.layers_named()
        ):
            return None  # the scope names the passes make are written elsewhere
        scope = f"{base}_{{{index}}}"
        opener = f"with {prefix}.variable_scope(f{string(facts, scope)}):"
        indent = facts.module.default_indent
        return self.fix(
            *header,
            InsertBefore(line, opener),
            Replace(line, f"{indent}{facts.code_for(assign)}"),
            title=f"Build each pass's `{base}` in its own variable scope `{scope}` (its variables are renamed: "
            f"`{variable}` -> `{base}_0/{variable}`, ...)",
            renames=(Rename("variable_scope", variable, f"{scope}/{variable}"),),
        )

    def _fix(self, facts: Facts, events: list[Collision], again: Rebuild, loop: Ctx) -> FixPlan | None:
        prefix = facts.tf1_prefix()
        node = loop.node
        if (
            prefix is None
            or not isinstance(node, (cst.For, cst.While))
            or not isinstance(node.body, cst.IndentedBlock)
        ):
            return None
        if loop.has(CtxKind.GRAPH) or facts.calls(V1 + "InteractiveSession"):
            return (
                None  # a graph or session block holds the default graph around the loop: resetting it raises
            )
        for event in [*events, *(e.first for e in events if e.first is not None)]:
            for ctx in event.ctx.chain():
                if ctx.kind is CtxKind.LOOP and ctx.node is node:
                    break
                if ctx.kind is CtxKind.GRAPH and not _default_session(ctx.node):
                    return None  # built in a graph of its own: the default graph is not where it collides
        root = prefix.split(".", 1)[0]
        for call in facts.of(UserCall):
            if call.node is again.call.node and any(
                c.node is node for c in call.ctx.chain() if c.kind is CtxKind.LOOP
            ):
                bound = call.env.get(root)
                if bound is not None and not (
                    isinstance(bound, AV) and isinstance(bound.single(), ModuleRef)
                ):
                    return None  # the name means something else in the loop's function
        return self.fix(InsertBefore(node.body.body[0], f"{prefix}.reset_default_graph()"))


_TRAINING_FLAGS = frozenset({"is_training", "training", "is_train", "train", "mode_training"})
#: Words of a name (a result's, or its function's) that say a second build is an evaluation or inference copy.
_EVALUATION_WORDS = frozenset(
    {
        "eval", "evaluate", "evaluation", "test", "testing", "valid", "validation", "val", "infer",
        "inference", "predict", "prediction", "sample", "sampling", "gen", "generate", "generation",
    }
)  # fmt: skip


def _literal_sweep(iterable: cst.BaseExpression) -> bool:
    """A loop over settings: a list, tuple or set of literals (numbers, strings, tuples of them), or a
    `range(...)` of literals; not over tensors or objects, whose passes may mean one network applied again."""
    if isinstance(iterable, cst.Call):
        return (
            isinstance(iterable.func, cst.Name)
            and iterable.func.value == "range"
            and bool(iterable.args)
            and all(_literal(a.value) and a.keyword is None and not a.star for a in iterable.args)
        )
    return (
        isinstance(iterable, (cst.List, cst.Tuple, cst.Set))
        and bool(iterable.elements)
        and all(not isinstance(e, cst.StarredElement) and _literal(e.value) for e in iterable.elements)
    )


def _literal(expr: cst.BaseExpression) -> bool:
    if isinstance(expr, (cst.Integer, cst.Float, cst.SimpleString)):
        return True
    if isinstance(expr, cst.UnaryOperation) and isinstance(expr.operator, cst.Minus):
        return _literal(expr.expression)
    if isinstance(expr, cst.Name):
        return expr.value in ("True", "False", "None")
    if isinstance(expr, cst.Tuple):
        return all(not isinstance(e, cst.StarredElement) and _literal(e.value) for e in expr.elements)
    return False


def _returns_step(event: MethodCall) -> bool:
    """The optimizer call's result is what its function returns (`return opt.minimize(loss)`, or `step =
    opt.minimize(loss)` and `return step`): a build that gives a training step."""
    line = event.statement
    if not isinstance(line, cst.SimpleStatementLine):
        return False
    if any(isinstance(small, cst.Return) for small in line.body):
        return True
    bound = {
        n for small in line.body if isinstance(small, cst.Assign) for t in small.targets for n in _names(t.target)
    }
    function = event.frame.node
    if not bound or not isinstance(function, cst.FunctionDef):
        return False
    return any(
        isinstance(n, cst.Return) and n.value is not None and _names(n.value) & bound
        for n in _walk(function.body)
    )


def _targets(line: cst.CSTNode) -> list[str]:
    """The names a statement `x = f(...)` binds: plain names, attributes by their last part (`self.model`:
    `model`), tuples element by element; [] for other statements."""
    if not isinstance(line, cst.SimpleStatementLine) or len(line.body) != 1:
        return []
    assign = line.body[0]
    if not isinstance(assign, cst.Assign):
        return []
    out: list[str] = []
    for target in assign.targets:
        items = (
            [e.value for e in target.target.elements]
            if isinstance(target.target, (cst.Tuple, cst.List))
            else [target.target]
        )
        for item in items:
            if isinstance(item, cst.Name):
                out.append(item.value)
            elif isinstance(item, cst.Attribute):
                out.append(item.attr.value)
    return out


def _words(name: str) -> list[str]:
    """`eval_model` -> eval, model; `TargetPolicy` -> target, policy."""
    spaced = re.sub(r"(?<=[a-z0-9])(?=[A-Z])", "_", name)
    return [w.lower() for w in spaced.split("_") if w]


def _enclosing_function(facts: Facts, node: cst.CSTNode) -> cst.FunctionDef | None:
    return next((a for a in reversed(facts.ancestors(node)) if isinstance(a, cst.FunctionDef)), None)


def _same_but_inputs(
    first_event: Event, second_event: Event, first: cst.Call, second: cst.Call, facts: Facts
) -> bool:
    """The two calls pass the same arguments but for graph tensors (`net(x)`, then `net(p_x)` or
    `net(tf.image.flip_left_right(x))`; the same callee): the second applies the network to another input."""
    if facts.code_for(first.func) != facts.code_for(second.func) or len(first.args) != len(second.args):
        return False
    differ = 0
    for a, b in zip(first.args, second.args, strict=True):
        if (a.keyword.value if a.keyword else None) != (b.keyword.value if b.keyword else None):
            return False
        if facts.code_for(a.value) == facts.code_for(b.value):
            continue
        for arg, event in ((a, first_event), (b, second_event)):
            if isinstance(arg.value, cst.Name):
                value = event.env.get(arg.value.value)
            else:  # a tensor a TF call makes on the spot (`net(tf.image.flip_left_right(x))`)
                made = [e for e in facts.of(MethodCall) if e.node is arg.value]
                value = made[0].result if len(made) == 1 else None
            objs = _graph_objects(value)
            if not objs or not all(isinstance(o, TensorObj) for o in objs):
                return False
        differ += 1
    return differ > 0


_MUTATORS = frozenset({"append", "extend", "insert", "add", "update", "setdefault", "appendleft"})
_PLAIN_CALLS = frozenset(
    {"run", "eval", "numpy", "item", "tolist", "float", "int", "str", "len", "round", "bool"}
)


def _escapes(facts: Facts, again: Rebuild, loop: cst.CSTNode | None) -> bool:
    """Whether the passes of the loop keep graph objects in a container made before it (`ops.append(build(lr))`,
    `models[lr] = train_op`) that code after the loop reads (`tf.group(*ops)`): with a fresh graph per pass that
    raises "must be from the same graph". Stored plain values (`sess.run(...)`, numbers, the loop's targets,
    names bound to those in the pass) are harmless, and so is handing the container back with `return`."""
    if not isinstance(loop, (cst.For, cst.While)):
        return True
    kept = _kept(loop)
    if not kept:
        return False
    if None in kept:
        return True
    statement = next((e for e in facts.of(UserCall) if e.node is again.call.node), None)
    if statement is None or not any(s is loop for s in statement.chain):
        return True
    at = next(i for i, s in enumerate(statement.chain) if s is loop)
    parent: cst.CSTNode = statement.chain[at - 1] if at > 0 else facts.module
    after = _after(parent, loop)
    if after is None:
        return True
    for following in after:
        if _returns_name(following):
            continue
        if any(isinstance(n, cst.Name) and n.value in kept for n in _walk(following, into_functions=True)):
            return True
    return False


def _chained(line: cst.CSTNode | None, call: cst.Call) -> bool:
    """`x = f(x, ...)`: the build takes the value its line rebinds (the previous build's output)."""
    if not isinstance(line, cst.SimpleStatementLine) or len(line.body) != 1:
        return False
    assign = line.body[0]
    if not isinstance(assign, cst.Assign) or assign.value is not call or len(assign.targets) != 1:
        return False
    target = assign.targets[0].target
    first = call.args[0] if call.args else None
    return (
        isinstance(target, cst.Name)
        and first is not None
        and not first.star
        and isinstance(first.value, cst.Name)
        and first.value.value == target.value
    )


def _fixed_scope_name(scope: cst.Call) -> str | None:
    """The name of `variable_scope("name")`: one literal, no keyword (no reuse, no default name)."""
    if _callee(scope) != "variable_scope" or len(scope.args) != 1:
        return None
    arg = scope.args[0]
    if arg.keyword is not None or arg.star or not isinstance(arg.value, cst.SimpleString):
        return None
    value = arg.value.evaluated_value
    return value if isinstance(value, str) and value else None


def _callee(call: cst.Call) -> str:
    func = call.func
    return (
        func.attr.value
        if isinstance(func, cst.Attribute)
        else func.value
        if isinstance(func, cst.Name)
        else ""
    )


def _is_docstring(statement: cst.CSTNode) -> bool:
    return (
        isinstance(statement, cst.SimpleStatementLine)
        and len(statement.body) == 1
        and isinstance(statement.body[0], cst.Expr)
        and isinstance(statement.body[0].value, (cst.SimpleString, cst.ConcatenatedString))
    )


def _returns_name(statement: cst.CSTNode) -> bool:
    return (
        isinstance(statement, cst.SimpleStatementLine)
        and len(statement.body) == 1
        and isinstance(statement.body[0], cst.Return)
        and isinstance(statement.body[0].value, cst.Name)
    )


def _after(parent: cst.CSTNode, loop: cst.CSTNode) -> list[cst.CSTNode] | None:
    """The statements that follow `loop` in its block (None when the block is not found)."""
    for node in _walk(parent, into_functions=True):
        if isinstance(node, (cst.Module, cst.IndentedBlock)):
            body: list[cst.CSTNode] = list(node.body)
            for index, statement in enumerate(body):
                if statement is loop:
                    return body[index + 1 :]
    return None


def _kept(loop: cst.For | cst.While) -> set[str | None]:
    """The containers made outside the loop into which a pass stores values that may be graph objects (None:
    one that is not a plain name)."""
    plain: set[str] = set()
    bound: set[str] = set()
    kept: set[str | None] = set()
    if isinstance(loop, cst.For):
        plain |= _names(loop.target)
    statements = [n for n in _walk(loop.body) if isinstance(n, (cst.Assign, cst.AnnAssign, cst.AugAssign))]
    for statement in statements:
        assert isinstance(statement, (cst.Assign, cst.AnnAssign, cst.AugAssign))
        targets = (
            [t.target for t in statement.targets] if isinstance(statement, cst.Assign) else [statement.target]
        )
        value = statement.value
        for target in targets:
            if isinstance(target, (cst.Name, cst.Tuple, cst.List)):
                names = _names(target)
                bound |= names
                if value is not None and _plain(value, plain) and not isinstance(statement, cst.AugAssign):
                    plain |= names
    for node in _walk(loop.body):
        stored: list[cst.BaseExpression] = []
        container: cst.BaseExpression | None = None
        if (
            isinstance(node, cst.Call)
            and isinstance(node.func, cst.Attribute)
            and node.func.attr.value in _MUTATORS
        ):
            container, stored = node.func.value, [a.value for a in node.args]
        elif isinstance(node, cst.Assign):
            for assigned in node.targets:
                if isinstance(assigned.target, cst.Subscript):
                    container, stored = assigned.target.value, [node.value]
        elif isinstance(node, cst.AugAssign) and isinstance(node.target, cst.Name):
            container, stored = node.target, [node.value]
        if container is None:
            continue
        head = container
        while isinstance(head, (cst.Attribute, cst.Subscript)):
            head = head.value
        local = isinstance(head, cst.Name) and head.value in bound and not isinstance(node, cst.AugAssign)
        if not local and not all(_plain(v, plain) for v in stored):
            kept.add(head.value if isinstance(head, cst.Name) else None)
    return kept


def _names(target: cst.BaseExpression) -> set[str]:
    if isinstance(target, cst.Name):
        return {target.value}
    if isinstance(target, (cst.Tuple, cst.List)):
        return {n for e in target.elements for n in _names(e.value)}
    return set()


def _walk(node: cst.CSTNode, into_functions: bool = False) -> Iterator[cst.CSTNode]:
    stack = [node]
    while stack:
        current = stack.pop()
        yield current
        if (
            into_functions
            or current is node
            or not isinstance(current, (cst.FunctionDef, cst.ClassDef, cst.Lambda))
        ):
            stack.extend(reversed(current.children))


def _plain(expr: cst.BaseExpression, plain: set[str]) -> bool:
    """An expression whose value cannot be a graph object: numbers, strings, fetched values."""
    if isinstance(
        expr, (cst.Integer, cst.Float, cst.SimpleString, cst.FormattedString, cst.ConcatenatedString)
    ):
        return True
    if isinstance(expr, cst.Name):
        return expr.value in plain or expr.value in ("None", "True", "False")
    if isinstance(expr, (cst.Tuple, cst.List, cst.Set)):
        return all(_plain(e.value, plain) for e in expr.elements)
    if isinstance(expr, cst.Dict):
        return all(
            isinstance(e, cst.DictElement) and _plain(e.key, plain) and _plain(e.value, plain)
            for e in expr.elements
        )
    if isinstance(expr, (cst.BinaryOperation, cst.Comparison)):
        parts = (
            [expr.left, expr.right]
            if isinstance(expr, cst.BinaryOperation)
            else [expr.left, *(c.comparator for c in expr.comparisons)]
        )
        return all(_plain(p, plain) for p in parts)
    if isinstance(expr, cst.UnaryOperation):
        return _plain(expr.expression, plain)
    if isinstance(expr, cst.Call):
        func = expr.func
        name = (
            func.attr.value
            if isinstance(func, cst.Attribute)
            else func.value
            if isinstance(func, cst.Name)
            else ""
        )
        return name in _PLAIN_CALLS
    return False


def _live(facts: Facts, event: Collision) -> bool:
    return reachable(event) and not event.ctx.catches("ValueError") and graph_code(facts.graph_mode, event)


def _default_session(node: cst.CSTNode | None) -> bool:
    """A `with tf.Session():` block on the default graph (no `graph=`): it takes the graph of its pass."""
    if not isinstance(node, cst.Call):
        return False
    name = node.func.attr.value if isinstance(node.func, cst.Attribute) else getattr(node.func, "value", "")
    positional = [a for a in node.args if a.keyword is None]
    keywords = {a.keyword.value for a in node.args if a.keyword is not None}
    return (
        name == "Session"
        and len(positional) <= 1
        and "graph" not in keywords
        and not any(a.star for a in node.args)
    )


def _function(call: Ctx) -> str:
    func = call.data
    if not isinstance(func, FuncObj):
        return "the function"
    if func.name == "__init__" and func.owner is not None:
        return func.owner.name
    return func.name


def _graph_objects(value: object) -> list[Obj]:
    """The graph-bound objects a value may be: symbolic tensors, variables, sessions (one tuple level in)."""
    out: list[Obj] = []
    if not isinstance(value, AV):
        return out
    for obj in value:
        if isinstance(obj, TupleObj):
            out.extend(o for item in obj.items for o in _graph_objects(item))
        elif (
            (isinstance(obj, TensorObj) and obj.symbolic)
            or isinstance(obj, VarObj)
            or (isinstance(obj, KerasObj) and obj.cls == V1 + "Session")
        ):
            out.append(obj)
    return out


class _Uses:
    """Which events made the graph objects, and which use them: what a fresh graph per run would cut apart."""

    def __init__(self, facts: Facts) -> None:
        self.events: list[Event] = facts.events
        self.made: dict[int, int] = {}  # id(obj) -> index of the event that made it
        self.inputs: list[tuple[int, list[Obj]]] = []  # (event index, graph objects it reads)
        for index, event in enumerate(self.events):
            if isinstance(event, Created):
                for obj in _graph_objects(AV.of(event.obj)):
                    self.made.setdefault(id(obj), index)
            elif isinstance(event, MethodCall):
                for obj in _graph_objects(event.result) if event.result is not None else ():
                    self.made.setdefault(id(obj), index)
                read = (
                    [event.receiver, *event.args.positional, *event.args.keywords.values()]
                    if event.args
                    else []
                )
                objs = [o for value in read for o in _graph_objects(value)]
                if objs:
                    self.inputs.append((index, objs))

    def _within(self, index: int, link: Ctx) -> bool:
        return any(c is link for c in self.events[index].ctx.chain())

    def reaches_out(self, call: Ctx) -> bool:
        """Whether code run by `call` reads graph objects made outside it (the other run's, or shared ones)."""
        for index, objs in self.inputs:
            if not self._within(index, call):
                continue
            for obj in objs:
                origin = self.made.get(id(obj))
                if origin is not None and not self._within(origin, call):
                    return True
        return False

    def isolated(self, loop: cst.CSTNode | None) -> bool:
        """Whether each pass of the loop uses only graph objects it made itself, and nothing after the loop
        uses objects made before it or mixes objects of two passes."""

        found: dict[int, Ctx | None] = {}

        def pass_of(index: int) -> Ctx | None:
            if index not in found:
                chain = self.events[index].ctx.chain()
                found[index] = next((c for c in chain if c.kind is CtxKind.LOOP and c.node is loop), None)
            return found[index]

        start = next((i for i in range(len(self.events)) if pass_of(i) is not None), None)
        if start is None:
            return False
        if isinstance(loop, cst.For):
            # `for part in tf.split(batch, n):` hands each pass a tensor made before the loop
            targets = set(target_names(loop.target))
            for index in range(start, len(self.events)):
                event = self.events[index]
                if pass_of(index) is None or not any(s is loop for s in event.chain):
                    continue
                if any(_graph_objects(event.env.get(name)) for name in targets):
                    return False
        for index, objs in self.inputs:
            here = pass_of(index)
            origins = {self.made[id(o)] for o in objs if id(o) in self.made}
            if here is not None:
                if any(pass_of(o) is not here for o in origins):
                    return False
            elif index > start:
                made_in = {id(pass_of(o)) for o in origins if pass_of(o) is not None}
                if len(made_in) > 1 or any(o < start and pass_of(o) is None for o in origins):
                    return False
        return True
