from __future__ import annotations

import re
from collections.abc import Iterator

import libcst as cst

from tfvarfix.codegen import string, unique_name, with_keywords
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
    `lstm_cell` and `lstm_cell_1`), and two `MultiRNNCell`s called directly in one scope, whose scope stays
    `multi_rnn_cell` (both make `multi_rnn_cell/cell_0/lstm_cell/kernel`; measured, TF 2.21 + tf_keras). Cells
    made in `keras_style_scope()` use Keras-style names and are not reported. Two sites, or one site on two
    passes of a loop, are reported here; one site run by two calls of a function is TFV304. It reads TF1
    graph code (a module that disables eager execution, uses `Session`/`placeholder`, or TF1-era names on
    plain `tensorflow`; or code in a `with graph.as_default()` block); in eager mode the calls do not collide.

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
    its `renames` field, for the output formats. A call repeated by the passes of the one `for` loop around
    it (stacked layers) gets a scope per pass, `scope=f"rnn_{i}"`, counted by the loop's own `enumerate` index
    or by one the fix adds (`for cell in cells:` -> `for i, cell in enumerate(cells):`); unsafe for the same
    reason (`rnn/...` -> `rnn_0/...`, `rnn_1/...`). Withheld: a `scope` given by position, a call under nested
    loops or a `while`, a loop whose target is a tuple not from `enumerate` or whose body rebinds the index, a
    module that already names scopes `rnn_<n>` or rebinds `enumerate`, and a directly called cell.

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
            if rnn is not None and event.api == "rnn" and isinstance(node, cst.Call):
                if distinct and once:
                    fix = self._fix(facts, node, rnn, taken, _cells(event.name))
                elif all(e.first is not None and e.first.node is node for e in mine):
                    loop = _only_loop(facts, node)
                    if loop is not None:
                        fix = self._fix(facts, node, rnn, taken, _cells(event.name), loop)
            yield self.finding(node, fix=fix, function=function, variables=_cells(event.name))

    def _fix(
        self,
        facts: Facts,
        node: cst.Call,
        rnn: KerasObj,
        taken: set[str],
        cells: str,
        loop: cst.For | None = None,
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
        header: tuple[Replace, ...] = ()
        if loop is not None:
            # One scope per pass, named after the pass: `scope=f"rnn_{i}"`, `i` from `enumerate`.
            counted = loop_index(facts, loop)
            if counted is None or any(re.fullmatch(rf"{re.escape(base)}_\d+", t) for t in taken):
                return None
            index, header = counted
            taken.add(f"{base}_0")  # the names the passes make: another loop's fix may not make them too
            name = f"{base}_{{{index}}}"
            literal = "f" + string(facts, name)
        else:
            name = unique_name(base, taken.__contains__)
            taken.add(name)
            literal = string(facts, name)
        parts = cells.split("/")
        at = max((i for i, p in enumerate(parts) if p == base), default=None)
        old, new = (base, name) if at is None else (cells, "/".join([*parts[:at], name, *parts[at + 1 :]]))
        rename = Rename("variable_scope", old, new)
        what = "its own" if loop is None else "one per pass of the loop,"
        title = (
            f"Give the RNN call {what} `scope={literal}` (renames its variables: `{old}/...` -> `{new}/...`)"
        )
        edit = (
            Replace(scope_arg.value, literal)
            if scope_arg is not None
            else Replace(node, with_keywords(node, {"scope": literal}), wrap=True)
        )
        return self.fix(*header, edit, title=title, renames=(rename,))


def _only_loop(facts: Facts, node: cst.CSTNode) -> cst.For | None:
    """The `for` loop whose passes repeat the call at `node`: the one loop around it in its function (or module
    code), with the call in its body."""
    ancestors = facts.ancestors(node)
    start = max(
        (i for i, a in enumerate(ancestors) if isinstance(a, (cst.FunctionDef, cst.Lambda))), default=-1
    )
    loops = [
        (i, a)
        for i, a in enumerate(ancestors[start + 1 :], start + 1)
        if isinstance(a, (cst.For, cst.While, cst.CompFor))
    ]
    if len(loops) != 1 or not isinstance(loops[0][1], cst.For):
        return None
    at, loop = loops[0]
    if not isinstance(loop, cst.For):
        return None
    inside = ancestors[at + 1] if at + 1 < len(ancestors) else node
    return loop if inside is loop.body and loop.orelse is None and loop.asynchronous is None else None


def loop_index(facts: Facts, loop: cst.For) -> tuple[str, tuple[Replace, ...]] | None:
    """The name that counts the loop's passes, and the edits of its header that make one (`for x in xs` ->
    `for i, x in enumerate(xs)`); None when the loop cannot say (an index the body rebinds, a tuple target)."""
    iterator, target = loop.iter, loop.target
    if (
        isinstance(iterator, cst.Call)
        and isinstance(iterator.func, cst.Name)
        and iterator.func.value == "enumerate"
        and isinstance(target, cst.Tuple)
        and len(target.elements) == 2
        and isinstance(target.elements[0].value, cst.Name)
    ):
        index = target.elements[0].value.value
        return None if _rebinds(loop.body, index) else (index, ())
    if not isinstance(target, cst.Name) or _REBINDS_ENUMERATE.search(facts.source):
        return None  # a tuple target, or a module that may rebind `enumerate`
    free = next((n for n in ("i", "layer") if facts.word_count(n) == 0), None)
    index = free if free is not None else unique_name("i", lambda n: facts.word_count(n) > 0)
    return index, (
        Replace(target, f"{index}, {target.value}"),
        Replace(iterator, f"enumerate({facts.code_for(_bare(iterator))})", parens=True),
    )


def _bare(iterator: cst.BaseExpression) -> cst.BaseExpression:
    """The iterable as `enumerate(...)` takes it: a tuple keeps its parentheses, others lose theirs."""
    return iterator if isinstance(iterator, cst.Tuple) else iterator.with_changes(lpar=[], rpar=[])


_REBINDS_ENUMERATE = re.compile(
    r"(?:def|class|as)\s+enumerate\b|\benumerate\s*(?::[^=]*)?=(?!=)|import\s+enumerate\b"
)


def _rebinds(body: cst.CSTNode, name: str) -> bool:
    from tfvarfix.semantics.scoping import target_names
    from tfvarfix.semantics.walker import descendants

    for node in descendants(body):
        targets: list[cst.BaseExpression] = []
        if isinstance(node, cst.Assign):
            targets = [t.target for t in node.targets]
        elif isinstance(node, (cst.AugAssign, cst.AnnAssign, cst.For)):
            targets = [node.target]
        if any(bound == name for t in targets for bound in target_names(t)):
            return True
    return False


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
            given = obj.args.arg_of("scope")
            if given is not None and isinstance(given.value, cst.FormattedString) and given.value.parts:
                head = given.value.parts[0]  # `f"rnn_{i}"`, a loop's scopes: `rnn_0`, `rnn_1`...
                if isinstance(head, cst.FormattedStringText) and head.value.endswith("_"):
                    out.add(f"{head.value}0")
    for call in facts.calls(V1 + "variable_scope"):
        known = call.args.first("name_or_scope", 0).const()
        if isinstance(known, str):
            out.add(known)
    return out
