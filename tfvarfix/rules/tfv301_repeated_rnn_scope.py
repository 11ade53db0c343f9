from __future__ import annotations

from collections.abc import Iterator

import libcst as cst

from tfvarfix.rule import Finding, FixPlan, Replace, Rule
from tfvarfix.semantics.model import ModuleFacts
from tfvarfix.semantics.tf1 import (
    Reuse,
    RnnCall,
    Tf1Scopes,
    entry_reuse,
    graph_block,
    reset_between,
    tf1_facts,
)
from tfvarfix.types import FixAvailability, FixSafety, VerifyCheck


class RepeatedRnnScope(Rule):
    """
    ## What it does
    Finds two TF1 RNN calls (`tf.compat.v1.nn.dynamic_rnn`, `bidirectional_dynamic_rnn`, `static_rnn`,
    `static_bidirectional_rnn`) whose fresh cells create the same variables in one variable scope: the same
    `scope=` (or none, so both use the default `rnn` / `bidirectional_rnn`), the same enclosing
    `variable_scope` names, no `reuse`, cells with the same variable name (`lstm_cell`, `gru_cell`, or
    `name=`). It reads TF1 graph code (`import tensorflow.compat.v1 as tf`, TF1-era `tf.nn.dynamic_rnn`, or a
    module that disables eager execution or uses `Session`/`placeholder`); in eager mode the calls do not
    collide.

    ## Why is this bad?
    The second call tries to create `rnn/lstm_cell/kernel` again and graph construction stops with
    `ValueError: Variable rnn/lstm_cell/kernel already exists, disallowed. Did you mean to set reuse=True or
    reuse=tf.AUTO_REUSE in VarScope?` (measured on TF 2.21 with tf_keras). The message's suggestion,
    `AUTO_REUSE`, makes the error go away by making both calls share one set of weights: the model runs, but
    an encoder and a decoder that were meant to be different networks become one.

    ## Example
    ```python
    import tensorflow.compat.v1 as tf

    tf.disable_eager_execution()
    x = tf.placeholder(tf.float32, [None, 5, 3])
    encoded, _ = tf.nn.dynamic_rnn(tf.nn.rnn_cell.LSTMCell(4), x, dtype=tf.float32)
    decoded, _ = tf.nn.dynamic_rnn(tf.nn.rnn_cell.LSTMCell(4), encoded, dtype=tf.float32)
    ```

    ## Use instead
    ```python
    import tensorflow.compat.v1 as tf

    tf.disable_eager_execution()
    x = tf.placeholder(tf.float32, [None, 5, 3])
    encoded, _ = tf.nn.dynamic_rnn(tf.nn.rnn_cell.LSTMCell(4), x, dtype=tf.float32, scope="encoder")
    decoded, _ = tf.nn.dynamic_rnn(tf.nn.rnn_cell.LSTMCell(4), encoded, dtype=tf.float32, scope="decoder")
    ```

    ## Fix safety
    The fix gives the later call a distinct `scope=` (`rnn_1`), so each call owns its variables, as two
    separate cells were evidently meant to. It is unsafe: the later call's variables move from `rnn/...` to
    `rnn_1/...`, so checkpoints written under the old names (by code that never ran this far, or with a manual
    workaround) no longer match, and code that looks variables up by name must follow. It never adds
    `AUTO_REUSE`, which would change the model. A `scope` given by position is reported without a fix.

    ## Numerical equivalence
    `repairs`: the original raises the `ValueError` while building the graph; the rewrite builds, with
    separate `rnn/...` and `rnn_1/...` variables.

    ## References
    - [tf.compat.v1.nn.dynamic_rnn](https://www.tensorflow.org/api_docs/python/tf/compat/v1/nn/dynamic_rnn)
    - [tf.compat.v1.variable_scope: sharing
      variables](https://www.tensorflow.org/api_docs/python/tf/compat/v1/variable_scope)
    """

    CODE = "TFV301"
    NAME = "repeated-rnn-scope"
    MESSAGE = (
        "`{function}` creates `{variables}/...` a second time in one variable scope: graph mode raises "
        "`ValueError: Variable {variables}/... already exists, disallowed`"
    )
    FIX_TITLE = "Give the RNN call a distinct `scope=`"
    FIX_AVAILABILITY = FixAvailability.SOMETIMES
    FIX_SAFETY = FixSafety.UNSAFE
    VERIFY = VerifyCheck.REPAIRS
    COLLECTORS = (Tf1Scopes,)

    def check(self, facts: ModuleFacts) -> Iterator[Finding]:
        tf1 = tf1_facts(facts)
        if not tf1.graph_mode:
            return
        taken = {c.scope_name for c in tf1.rnn_calls} | {
            n for c in tf1.rnn_calls for e in c.context if (n := e.name) is not None
        }
        seen: dict[tuple[int, int, str], RnnCall] = {}
        used: set[int] = set()
        for call in tf1.rnn_calls:
            path = call.path
            fresh = [u for u in call.uses if u.cell is not None and id(u.cell.root) not in used]
            used.update(id(u.cell.root) for u in call.uses if u.cell is not None)
            if path is None or call.reuse is not Reuse.NO or call.innermost("loop") is not None:
                continue
            if entry_reuse(tf1, call.scope) is not Reuse.NO:
                continue
            for use in fresh:
                if use.prefix is None or use.cell is None or use.cell.root.reuse or use.cell.reuse:
                    continue
                key = (id(call.scope), graph_block(call), path + use.prefix)
                first = seen.get(key)
                if first is None or first.precludes(call) or reset_between(tf1, first, call):
                    seen[key] = call
                    continue
                yield self.finding(
                    call.node, fix=self._fix(call, taken), function=call.function, variables=path + use.prefix
                )
                break

    def _fix(self, call: RnnCall, taken: set[str | None]) -> FixPlan | None:
        if call.scope_positional or call.scope_name is None:
            return None
        base = call.scope_name
        suffix = 1
        while f"{base}_{suffix}" in taken:
            suffix += 1
        name = f"{base}_{suffix}"
        taken.add(name)
        if call.scope_arg is not None:
            if not isinstance(call.scope_arg, cst.SimpleString):
                return None
            return self.fix(Replace(call.scope_arg, f'"{name}"'))
        arg = cst.Arg(
            value=cst.SimpleString(f'"{name}"'),
            keyword=cst.Name("scope"),
            equal=cst.AssignEqual(cst.SimpleWhitespace(""), cst.SimpleWhitespace("")),
        )
        args = list(call.node.args)
        if args and args[-1].comma is not cst.MaybeSentinel.DEFAULT:
            arg = arg.with_changes(comma=args[-1].comma)
            args[-1] = args[-1].with_changes(comma=cst.Comma(whitespace_after=cst.SimpleWhitespace(" ")))
        return self.fix(Replace(call.node, call.node.with_changes(args=[*args, arg])))
