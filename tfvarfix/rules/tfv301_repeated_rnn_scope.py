from __future__ import annotations

from collections.abc import Iterator

import libcst as cst

from tfvarfix.codegen import string, with_keywords
from tfvarfix.keras.tf1 import RNN_FUNCTIONS, V1, graph_code, one_run, rebuild
from tfvarfix.rule import Finding, FixPlan, Replace, Rule
from tfvarfix.semantics.events import Collision, Created
from tfvarfix.semantics.facts import Facts, reachable
from tfvarfix.semantics.values import KerasObj
from tfvarfix.types import FixAvailability, FixSafety, Rename, VerifyCheck


class RepeatedRnnScope(Rule):
    """
    ## What it does
    Finds two TF1 RNN calls (`tf.compat.v1.nn.dynamic_rnn`, `bidirectional_dynamic_rnn`, `static_rnn`,
    `static_bidirectional_rnn`) whose fresh cells create the same variables in one variable scope: the same
    `scope=` (or none, so both use the default `rnn` / `bidirectional_rnn`), the same enclosing
    `variable_scope` names, no `reuse`, cells with the same variable name (`lstm_cell`, `gru_cell`, or
    `name=`); and fresh cells called directly (`cell(x, state)`) each in its own entry of one named
    `variable_scope`, which gives both the same default name (`lstm/lstm_cell`; in one block they become
    `lstm_cell` and `lstm_cell_1`). Two sites, or one site on two passes of a loop, are reported here; one
    site run by two calls of a function is TFV304. It reads TF1 graph code (a module that disables eager
    execution, uses `Session`/`placeholder`, or TF1-era names on plain `tensorflow`; or code in a
    `with graph.as_default()` block); in eager mode the calls do not collide.

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
    `AUTO_REUSE`, which would change the model. The fix says so: its title names the old and the new
    variable scope (`model/rnn/lstm_cell/...` -> `model/rnn_1/lstm_cell/...`), and the fix carries them in
    its `renames` field, for the output formats. A `scope` given by position, a call that runs on several
    passes of a loop, and a directly called cell are reported without a fix.

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

    def check(self, facts: Facts) -> Iterator[Finding]:
        made: dict[int, list[Created]] = {}
        for created in facts.of(Created):
            made.setdefault(id(created.node), []).append(created)
        taken = _scope_names(facts)
        for node, events in facts.grouped(Collision):
            # Two construction sites, or one site on two passes of a loop; one site run by two calls is TFV304.
            mine = [e for e in events if e.api in ("rnn", "cell") and one_run(e) and rebuild(e) is None]
            if not mine or not all(_live(facts, e) for e in mine):
                continue
            event = mine[0]
            rnn = next((c.obj for c in made.get(id(node), []) if isinstance(c.obj, KerasObj)), None)
            if event.api == "rnn" and rnn is not None:
                function = rnn.cls.rsplit(".", 1)[-1]
            else:
                function = facts.code_for(node.func) + "(...)" if isinstance(node, cst.Call) else "the cell"
            fix = None
            distinct = all(e.first is not None and e.first.node is not node for e in mine)
            once = not any(c.ctx.in_loop for c in made.get(id(node), []))
            if rnn is not None and event.api == "rnn" and distinct and once and isinstance(node, cst.Call):
                fix = self._fix(facts, node, rnn, taken, _cells(event.name))
            yield self.finding(node, fix=fix, function=function, variables=_cells(event.name))

    def _fix(
        self, facts: Facts, node: cst.Call, rnn: KerasObj, taken: set[str], cells: str
    ) -> FixPlan | None:
        function = rnn.cls.rsplit(".", 1)[-1]
        default, _, scope_index, _ = RNN_FUNCTIONS[function]
        args = rnn.args
        if args.star or len(args.positional) > scope_index:
            return None  # a `scope` given by position, or arguments not all known
        scope_arg = args.arg_of("scope")
        base = default
        if scope_arg is not None:
            known = args.get("scope").const()
            if not isinstance(scope_arg.value, cst.SimpleString) or not isinstance(known, str):
                return None
            base = known
        suffix = 1
        while f"{base}_{suffix}" in taken:
            suffix += 1
        name = f"{base}_{suffix}"
        taken.add(name)
        literal = string(facts, name)
        parts = cells.split("/")
        at = max((i for i, p in enumerate(parts) if p == base), default=None)
        old, new = (base, name) if at is None else (cells, "/".join([*parts[:at], name, *parts[at + 1 :]]))
        rename = Rename("variable_scope", old, new)
        title = (
            f"Give the RNN call its own `scope={literal}` (renames its variables: `{old}/...` -> `{new}/...`)"
        )
        edit = (
            Replace(scope_arg.value, literal)
            if scope_arg is not None
            else Replace(node, with_keywords(node, {"scope": literal}), wrap=True)
        )
        return self.fix(edit, title=title, renames=(rename,))


def _live(facts: Facts, event: Collision) -> bool:
    return reachable(event) and not event.ctx.catches("ValueError") and graph_code(facts.graph_mode, event)


def _cells(name: str) -> str:
    """`rnn/lstm_cell/kernel` -> `rnn/lstm_cell`: the cell's scope in the variable TF names."""
    for suffix in ("/gates/kernel", "/kernel"):
        if name.endswith(suffix):
            return name[: -len(suffix)]
    return name


def _scope_names(facts: Facts) -> set[str]:
    """Every constant scope name of the module: RNN `scope=` values and `variable_scope` names."""
    out: set[str] = set(RNN_FUNCTIONS[f][0] for f in RNN_FUNCTIONS)
    for created in facts.of(Created):
        obj = created.obj
        if (
            isinstance(obj, KerasObj)
            and obj.cls.startswith(V1 + "nn.")
            and obj.cls.rsplit(".", 1)[-1] in RNN_FUNCTIONS
        ):
            known = obj.args.get("scope").const()
            if isinstance(known, str):
                out.add(known)
    for call in facts.calls(V1 + "variable_scope"):
        known = call.args.first("name_or_scope", 0).const()
        if isinstance(known, str):
            out.add(known)
    return out
