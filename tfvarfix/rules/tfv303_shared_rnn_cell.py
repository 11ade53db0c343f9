from __future__ import annotations

from collections.abc import Iterator

import libcst as cst

from tfvarfix.rule import Finding, FixPlan, Replace, Rule
from tfvarfix.semantics.model import ModuleFacts, Scope
from tfvarfix.semantics.tf1 import CellFact, Reuse, RnnCall, Tf1Facts, Tf1Scopes, entry_reuse, tf1_facts
from tfvarfix.types import FixAvailability, FixSafety, VerifyCheck


class SharedRnnCell(Rule):
    """
    ## What it does
    Finds one TF1 RNN cell object used where several cells are meant: `MultiRNNCell([cell] * n)`,
    `MultiRNNCell([cell, cell])`, `MultiRNNCell([DropoutWrapper(cell) for _ in range(n)])`, the same cell as
    the forward and backward cell of `bidirectional_dynamic_rnn`, and the same cell in two RNN calls (an
    encoder and a decoder) outside any `reuse` scope. A cell built inside the comprehension is fresh each time
    and not reported.

    ## Why is this bad?
    A cell creates its variables on first use and keeps them. `MultiRNNCell([cell] * 2)` therefore stacks one
    layer twice: when the input size differs from the units it fails with `ValueError: Dimensions must be
    equal, but are 8 and 7 for '{{node rnn/multi_rnn_cell/cell_0/lstm_cell/MatMul_1}} ...` (TF 2.21, input 3,
    units 4); when they are equal it silently builds one shared set of weights (`cell_0/lstm_cell/kernel`
    only; TF just logs `At least two cells provided to MultiRNNCell are the same object and will share
    weights.`). The same cell for both directions or for encoder and decoder shares the weights without any
    message, even with distinct `scope=` names: only the first scope's variables exist.

    ## Example
    ```python
    import tensorflow.compat.v1 as tf

    tf.disable_eager_execution()
    x = tf.placeholder(tf.float32, [None, 5, 4])
    cell = tf.nn.rnn_cell.LSTMCell(4)
    stack = tf.nn.rnn_cell.MultiRNNCell([cell] * 2)
    outputs, _ = tf.nn.dynamic_rnn(stack, x, dtype=tf.float32)
    ```

    ## Use instead
    ```python
    import tensorflow.compat.v1 as tf

    tf.disable_eager_execution()
    x = tf.placeholder(tf.float32, [None, 5, 4])
    stack = tf.nn.rnn_cell.MultiRNNCell([tf.nn.rnn_cell.LSTMCell(4) for _ in range(2)])
    outputs, _ = tf.nn.dynamic_rnn(stack, x, dtype=tf.float32)
    ```

    ## Fix safety
    The fix constructs a fresh cell for each use, repeating the cell's construction (`[LSTMCell(4) for _ in
    range(2)]`, or the constructor in place of the second use). It is unsafe: where the original ran, it
    shared one set of weights, and the rewrite has one set per layer or direction (more parameters, new
    variable names such as `cell_1/...`, different outputs). It is offered only when the construction can be
    repeated at the use: same function, arguments that are literals, constants or parameters; the now unused
    cell stays.

    ## Numerical equivalence
    `repairs`: with input size ≠ units the original raises and the rewrite builds; with equal sizes `verify`
    sees the rewrite's extra variables (`cell_1/lstm_cell/kernel`) that the original silently lacked.

    ## References
    -
      [tf.compat.v1.nn.rnn_cell.MultiRNNCell](https://www.tensorflow.org/api_docs/python/tf/compat/v1/nn/rnn_cell/MultiRNNCell)
    -
      [tf.compat.v1.nn.bidirectional_dynamic_rnn](https://www.tensorflow.org/api_docs/python/tf/compat/v1/nn/bidirectional_dynamic_rnn)
    """

    CODE = "TFV303"
    NAME = "shared-rnn-cell"
    MESSAGE = "One `{cell}` object is used {where}: it creates one set of weights and shares it"
    FIX_TITLE = "Make a fresh cell for each use"
    FIX_AVAILABILITY = FixAvailability.SOMETIMES
    FIX_SAFETY = FixSafety.UNSAFE
    VERIFY = VerifyCheck.REPAIRS
    COLLECTORS = (Tf1Scopes,)

    def check(self, facts: ModuleFacts) -> Iterator[Finding]:
        tf1 = tf1_facts(facts)
        code = facts.module.code_for_node
        for multi in tf1.multi_cells:
            cells = [cell for _, cell in multi.items]
            if multi.repeated is not None and multi.items and all(c is not None for c in cells):
                cell = multi.items[0][1]
                assert cell is not None
                times = (
                    multi.repeated.right if isinstance(multi.repeated.left, cst.List) else multi.repeated.left
                )
                fix = None
                if len(multi.items) == 1 and _repeatable(cell, multi.scope):
                    new = f"[{code(cell.node)} for _ in range({code(times)})]"
                    fix = self.fix(Replace(multi.repeated, new))
                yield self.finding(
                    multi.repeated, fix=fix, cell=cell.cls, where="for every layer of `MultiRNNCell`"
                )
            elif multi.comprehension is not None and cells and cells[0] is not None:
                cell = cells[0]
                if id(multi.comprehension) not in cell.root.comps:
                    yield self.finding(
                        multi.comprehension,
                        fix=self._fresh(multi.comprehension.elt, facts, tf1, multi.scope),
                        cell=cell.root.cls,
                        where="for every layer of `MultiRNNCell`",
                    )
            else:
                roots: set[int] = set()
                for expr, item in multi.items:
                    if item is not None and id(item.root) in roots:
                        yield self.finding(
                            expr,
                            fix=self._fresh(expr, facts, tf1, multi.scope),
                            cell=item.root.cls,
                            where="for two layers of `MultiRNNCell`",
                        )
                    elif item is not None:
                        roots.add(id(item.root))
        used: dict[int, RnnCall] = {}
        for call in tf1.rnn_calls:
            known = [u for u in call.uses if u.cell is not None]
            if len(known) == 2 and known[0].cell.root is known[1].cell.root:  # type: ignore[union-attr]
                cell = known[1].cell.root  # type: ignore[union-attr]
                yield self.finding(
                    known[1].expr,
                    fix=self._fresh(known[1].expr, facts, tf1, call.scope),
                    cell=cell.cls,
                    where="as the forward and the backward cell",
                )
                continue
            for use in known:
                assert use.cell is not None
                first = used.get(id(use.cell.root))
                if first is None:
                    used[id(use.cell.root)] = call
                    continue
                if (
                    call.reuse is Reuse.NO
                    and entry_reuse(tf1, call.scope) is Reuse.NO
                    and first.scope is call.scope
                    and not first.precludes(call)
                ):
                    yield self.finding(
                        use.expr,
                        fix=self._fresh(use.expr, facts, tf1, call.scope),
                        cell=use.cell.root.cls,
                        where="in two RNN calls outside any reuse scope",
                    )

    def _fresh(
        self, expr: cst.BaseExpression, facts: ModuleFacts, tf1: Tf1Facts, scope: Scope
    ) -> FixPlan | None:
        """Replace the name of the shared cell inside `expr` by a new construction of it."""
        while isinstance(expr, cst.Call) and expr.args:
            expr = next(
                (a.value for a in expr.args if a.keyword and a.keyword.value == "cell"), expr.args[0].value
            )
        cell = tf1.cell_names.get(id(expr))
        if not isinstance(expr, cst.Name) or cell is None or not _repeatable(cell, scope):
            return None
        return self.fix(Replace(expr, facts.module.code_for_node(cell.node)))


def _repeatable(cell: CellFact, scope: Scope) -> bool:
    return cell.portable and cell.scope is scope
