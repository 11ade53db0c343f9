from __future__ import annotations

from collections.abc import Iterator

import libcst as cst

from tfvarfix.rule import Finding, FixPlan, Replace, Rule
from tfvarfix.semantics.model import ModuleFacts
from tfvarfix.semantics.tf1 import (
    GetVariable,
    Reuse,
    Tf1Facts,
    Tf1Scopes,
    entry_reuse,
    graph_block,
    reset_between,
    tf1_facts,
)
from tfvarfix.types import FixAvailability, FixSafety, VerifyCheck


class DuplicateGetVariable(Rule):
    """
    ## What it does
    Finds `tf.compat.v1.get_variable` called twice with one literal name in one variable scope (the same
    enclosing `variable_scope` names, reopened or not) with no `reuse=True`, `reuse=AUTO_REUSE` or
    `reuse_variables()` in force; and two `tf.compat.v1.layers.*` calls given the same `name=`. It reads TF1
    graph code, as TFV301 does: in eager mode `get_variable` twice makes two variables and raises nothing.

    ## Why is this bad?
    The second call stops graph construction: `ValueError: Variable w already exists, disallowed. Did you mean
    to set reuse=True or reuse=tf.AUTO_REUSE in VarScope?` (measured on TF 2.21; a named `layers.dense` twice
    gives `Variable d/kernel already exists, disallowed. ...`). Either the code means to share the variable,
    and the scope must say so, or it means two variables, and they need two names.

    ## Example
    ```python
    import tensorflow.compat.v1 as tf

    tf.disable_eager_execution()
    with tf.variable_scope("proj"):
        w_in = tf.get_variable("w", [4, 4])
        w_out = tf.get_variable("w", [4, 4])
    ```

    ## Use instead
    ```python
    import tensorflow.compat.v1 as tf

    tf.disable_eager_execution()
    with tf.variable_scope("proj", reuse=tf.AUTO_REUSE):
        w_in = tf.get_variable("w", [4, 4])
        w_out = tf.get_variable("w", [4, 4])
    ```

    ## Fix safety
    The fix follows the code's evident intent, and is unsafe either way. When both calls are identical (same
    name, shape and arguments) inside one `with variable_scope(...)` block, the code asks twice for one
    variable: the fix adds `reuse=tf.compat.v1.AUTO_REUSE` (spelled as the module spells its TF1 API) to that
    scope, and both names get the same variable; every other variable created in that block may now be shared
    instead of raising. Otherwise (different shapes or initializers, no explicit scope) the code wants two
    variables: the later one gets a distinct name (`w_1`), which changes its checkpoint key. Names that are
    not plain literals are reported without a fix.

    ## Numerical equivalence
    `repairs`: the original raises the `ValueError`; the rewrite builds the graph (one shared variable, or
    two).

    ## References
    - [tf.compat.v1.get_variable](https://www.tensorflow.org/api_docs/python/tf/compat/v1/get_variable)
    - [tf.compat.v1.variable_scope](https://www.tensorflow.org/api_docs/python/tf/compat/v1/variable_scope)
    """

    CODE = "TFV302"
    NAME = "duplicate-get-variable"
    MESSAGE = (
        "`{callee}` creates `{variable}` a second time in one variable scope without reuse: graph mode "
        "raises "
        "`ValueError: Variable {variable} already exists, disallowed`"
    )
    FIX_TITLE = "Share the variable with `reuse=AUTO_REUSE`, or give it a distinct name"
    FIX_AVAILABILITY = FixAvailability.SOMETIMES
    FIX_SAFETY = FixSafety.UNSAFE
    VERIFY = VerifyCheck.REPAIRS
    COLLECTORS = (Tf1Scopes,)

    def check(self, facts: ModuleFacts) -> Iterator[Finding]:
        tf1 = tf1_facts(facts)
        if not tf1.graph_mode:
            return
        taken = {(v.path, v.name) for v in tf1.get_variables}
        seen: dict[tuple[int, int, str], GetVariable] = {}
        for call in tf1.get_variables:
            path = call.path
            if call.name is None or path is None or call.reuse is not Reuse.NO or call.innermost("loop"):
                continue
            if entry_reuse(tf1, call.scope) is not Reuse.NO:
                continue
            variable = path + call.name + ("" if call.callee == "get_variable" else "/kernel")
            key = (id(call.scope), graph_block(call), variable)
            first = seen.get(key)
            if first is None or first.precludes(call) or reset_between(tf1, first, call):
                seen[key] = call
                continue
            yield self.finding(
                call.node,
                fix=self._fix(facts, tf1, first, call, taken),
                callee=call.callee,
                variable=variable,
            )

    def _fix(
        self,
        facts: ModuleFacts,
        tf1: Tf1Facts,
        first: GetVariable,
        call: GetVariable,
        taken: set[tuple[str | None, str | None]],
    ) -> FixPlan | None:
        scope = call.innermost("scope")
        code = facts.module.code_for_node
        same = [code(a) for a in first.node.args] == [code(a) for a in call.node.args]
        if same and scope is not None and scope.call is not None and scope is first.innermost("scope"):
            func = scope.call.func
            prefix = code(func.value) if isinstance(func, cst.Attribute) else tf1.tf1_prefix
            if prefix is None:
                return None
            reuse = cst.Arg(
                value=cst.parse_expression(f"{prefix}.AUTO_REUSE"),
                keyword=cst.Name("reuse"),
                equal=cst.AssignEqual(cst.SimpleWhitespace(""), cst.SimpleWhitespace("")),
            )
            args = [*scope.call.args[:-1], scope.call.args[-1].with_changes(comma=cst.MaybeSentinel.DEFAULT)]
            new = scope.call.with_changes(args=[*args, reuse])
            return self.fix(
                Replace(scope.call, new), title="Share the variable: `reuse=AUTO_REUSE` on the scope"
            )
        node = call.name_node
        if not isinstance(node, cst.SimpleString) or call.name is None:
            return None
        suffix = 1
        while (call.path, f"{call.name}_{suffix}") in taken:
            suffix += 1
        name = f"{call.name}_{suffix}"
        taken.add((call.path, name))
        quote = node.quote
        return self.fix(
            Replace(node, f"{node.prefix}{quote}{name}{quote}"), title="Give the variable a distinct name"
        )
