from __future__ import annotations

from collections.abc import Iterator

import libcst as cst

from tfvarfix.rule import Finding, FixPlan, InsertBefore, Rule
from tfvarfix.semantics.model import ModuleFacts
from tfvarfix.semantics.tf1 import (
    Event,
    FunctionCall,
    Reuse,
    Tf1Facts,
    Tf1Scopes,
    creating_functions,
    entry_reuse,
    graph_block,
    tf1_facts,
)
from tfvarfix.types import FixAvailability, FixSafety, VerifyCheck


class GraphBuiltTwice(Rule):
    """
    ## What it does
    Finds a function of the module that creates TF1 variables under fixed names (`get_variable("w")`, an RNN
    call on a cell it constructs, a named `layers.dense`), with no `reuse`, no graph of its own and no
    `reset_default_graph()`, called twice into one default graph: in a loop (a hyper-parameter sweep), or once
    for training and once for prediction. A call in its own `with tf.Graph().as_default():`, under a distinct
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
    The fix starts a fresh default graph before each build with `tf.compat.v1.reset_default_graph()` (spelled
    as the module spells its TF1 API), inserted before the statement of the loop body or the second build. It
    is unsafe: tensors, sessions and savers made from the earlier graph cannot be used with the new one, so
    code that meant to run both graphs together (a training graph next to an inference graph) must instead
    reuse the variables on purpose. It is not offered inside a `with Session()` block (resetting a graph in
    use raises) or when the module has no name for `tensorflow`.

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
        "`ValueError: Variable {variable} already exists, disallowed`"
    )
    FIX_TITLE = "Reset the default graph before each build"
    FIX_AVAILABILITY = FixAvailability.SOMETIMES
    FIX_SAFETY = FixSafety.UNSAFE
    VERIFY = VerifyCheck.REPAIRS
    COLLECTORS = (Tf1Scopes,)

    def check(self, facts: ModuleFacts) -> Iterator[Finding]:
        tf1 = tf1_facts(facts)
        if not tf1.graph_mode:
            return
        creating = creating_functions(tf1)
        previous: dict[tuple[int, int, int, str], FunctionCall] = {}
        for call in tf1.function_calls:
            created = creating.get(id(call.function))
            path = call.path
            if created is None or call.function is None or path is None or not _clean(tf1, call):
                continue
            variable = path + created
            loop = call.innermost("loop") or call.innermost("comp")
            name = call.function.name.value
            if loop is not None and not any(loop in r.context for r in tf1.resets):
                anchor = _loop_statement(call, loop.owner)
                yield self.finding(
                    call.node,
                    fix=self._fix(tf1, call, anchor),
                    function=name,
                    variable=variable,
                    how="on every pass of a loop",
                )
                continue
            key = (id(call.scope), graph_block(call), id(call.function), variable)
            first = previous.get(key)
            previous[key] = call
            if first is None or first.precludes(call):
                continue
            if any(r.scope is call.scope and first.order <= r.order <= call.order for r in tf1.resets):
                continue
            split = next(
                (i for i, (a, b) in enumerate(zip(first.chain, call.chain, strict=False)) if a is not b), None
            )
            anchor = call.chain[split] if split is not None else None
            yield self.finding(
                call.node, fix=self._fix(tf1, call, anchor), function=name, variable=variable, how="twice"
            )

    def _fix(self, tf1: Tf1Facts, call: Event, anchor: cst.CSTNode | None) -> FixPlan | None:
        if anchor is None or tf1.tf1_prefix is None:
            return None
        enclosing = call.chain[: call.chain.index(anchor)]
        if any(c.kind in ("session", "graph") and c.owner in enclosing for c in call.context):
            return None
        return self.fix(InsertBefore(anchor, f"{tf1.tf1_prefix}.reset_default_graph()"))


def _clean(tf1: Tf1Facts, event: Event) -> bool:
    return event.reuse is Reuse.NO and not event.in_graph_block and entry_reuse(tf1, event.scope) is Reuse.NO


def _loop_statement(call: Event, loop: cst.CSTNode | None) -> cst.CSTNode | None:
    """The statement of the loop body that holds the call."""
    if loop is None or loop not in call.chain:
        return None
    index = call.chain.index(loop)
    return call.chain[index + 1] if index + 1 < len(call.chain) else None
