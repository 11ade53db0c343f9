from __future__ import annotations

from collections.abc import Iterator

import libcst as cst

from tfvarfix.keras.tf1 import V1, Rebuild, graph_code, one_run, rebuild
from tfvarfix.rule import Finding, FixPlan, InsertBefore, Rule
from tfvarfix.semantics.events import Collision, Created, Ctx, CtxKind, Event, MethodCall, UserCall
from tfvarfix.semantics.facts import Facts, reachable
from tfvarfix.semantics.values import AV, FuncObj, KerasObj, ModuleRef, Obj, TensorObj, TupleObj, VarObj
from tfvarfix.types import FixAvailability, FixSafety, VerifyCheck

_SHARED = (
    "; the runs share tensors, so a fresh graph per run would break them: give each run its own `variable_scope`, "
    "or build them in one scope with `reuse=tf.compat.v1.AUTO_REUSE` to share the variables"
)
_CHOICES = (
    "; build each in a fresh graph if they are separate models, else give each its own `variable_scope`, or one "
    "scope with `reuse=tf.compat.v1.AUTO_REUSE` to share the variables"
)


class GraphBuiltTwice(Rule):
    """
    ## What it does
    Finds a function of the module that creates TF1 variables under fixed names (`get_variable("w")`, an RNN
    call on a cell it constructs, a named `layers.dense`, or an unnamed one inside a fixed `variable_scope`),
    with no `reuse`, no graph of its own and no `reset_default_graph()`, called twice into one default graph:
    in a loop (a hyper-parameter sweep), or once for training and once for prediction. A rebuild under
    `reuse=AUTO_REUSE` is found too when its optimizer makes its slots again (`model/w/Adam/`). The finding is
    on the call that runs the build again. A call in its own `with tf.Graph().as_default():`, under a distinct
    or reusing `variable_scope`, or after `reset_default_graph()` is not reported. The rule reads a file top
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
    use tensors made before the loop or by another pass (a shared placeholder, the previous layer's output),
    when the loop runs inside a graph or `Session` block (resetting a graph in use raises) or the module uses an
    `InteractiveSession`, and never for two different calls (a training and a prediction build): there the
    message says what the choices are, a fresh graph for separate models, a `variable_scope` per build, or one
    scope with `reuse=tf.compat.v1.AUTO_REUSE` to share the variables on purpose.

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
        for pairs in found.values():
            if not all(_live(facts, e) for _, e in pairs):
                continue
            again, event = pairs[0]
            assert uses is not None and again.call.node is not None
            loops = [a.loop for a, _ in pairs if a.loop is not None]
            fix = None
            if loops and len(loops) == len(pairs):
                loop = max(loops, key=lambda c: len(list(c.chain())))
                shared = not uses.isolated(loop.node)
                if not shared:
                    fix = self._fix(facts, [e for _, e in pairs], again, loop)
                advice = "" if fix is not None else _SHARED if shared else _CHOICES
                how = "on every pass of a loop"
            else:
                advice = _SHARED if any(uses.reaches_out(a.call) for a, _ in pairs) else _CHOICES
                how = "twice"
            yield self.finding(
                again.call.node,
                fix=fix,
                function=_function(again.call),
                variable=event.name,
                how=how,
                advice=advice,
            )

    def _fix(self, facts: Facts, events: list[Collision], again: Rebuild, loop: Ctx) -> FixPlan | None:
        prefix = facts.tf1_prefix()
        node = loop.node
        if prefix is None or not isinstance(node, (cst.For, cst.While)) or not isinstance(node.body, cst.IndentedBlock):
            return None
        if loop.has(CtxKind.GRAPH) or facts.calls(V1 + "InteractiveSession"):
            return None  # a graph or session block holds the default graph around the loop: resetting it raises
        for event in [*events, *(e.first for e in events if e.first is not None)]:
            for ctx in event.ctx.chain():
                if ctx.kind is CtxKind.LOOP and ctx.node is node:
                    break
                if ctx.kind is CtxKind.GRAPH and not _default_session(ctx.node):
                    return None  # built in a graph of its own: the default graph is not where it collides
        root = prefix.split(".", 1)[0]
        for call in facts.of(UserCall):
            if call.node is again.call.node and any(c.node is node for c in call.ctx.chain() if c.kind is CtxKind.LOOP):
                bound = call.env.get(root)
                if bound is not None and not (isinstance(bound, AV) and isinstance(bound.single(), ModuleRef)):
                    return None  # the name means something else in the loop's function
        return self.fix(InsertBefore(node.body.body[0], f"{prefix}.reset_default_graph()"))


def _live(facts: Facts, event: Collision) -> bool:
    return reachable(event) and not event.ctx.catches("ValueError") and graph_code(facts.graph_mode, event)


def _default_session(node: cst.CSTNode | None) -> bool:
    """A `with tf.Session():` block on the default graph (no `graph=`): it takes the graph of its pass."""
    if not isinstance(node, cst.Call):
        return False
    name = node.func.attr.value if isinstance(node.func, cst.Attribute) else getattr(node.func, "value", "")
    positional = [a for a in node.args if a.keyword is None]
    keywords = {a.keyword.value for a in node.args if a.keyword is not None}
    return name == "Session" and len(positional) <= 1 and "graph" not in keywords and not any(a.star for a in node.args)


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
                read = [event.receiver, *event.args.positional, *event.args.keywords.values()] if event.args else []
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
