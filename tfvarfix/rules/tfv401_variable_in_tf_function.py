from __future__ import annotations

from collections.abc import Iterator

import libcst as cst

from tfvarfix.keras.names import VARIABLE_CONSTRUCTORS
from tfvarfix.rule import AddModuleCode, Finding, FixPlan, Remove, Rule
from tfvarfix.semantics.lifecycle import Creation, CreationSites, lifecycle_facts
from tfvarfix.semantics.model import ModuleFacts, ScopeKind, VariableFact
from tfvarfix.types import FixAvailability, FixSafety, VerifyCheck


class VariableInTfFunction(Rule):
    """
    ## What it does
    Finds `tf.Variable(...)` (or `keras.Variable`) created unconditionally in the body of a `tf.function`: a
    function decorated with `@tf.function` (with or without arguments, `jit_compile=True` included) or wrapped
    by `tf.function(f)`. The guarded lazy creation that TensorFlow documents for a `tf.function` on a
    `tf.Module` (`if self.v is None: self.v = tf.Variable(...)`) is not reported. Creations in `call()` of a
    Keras layer are TFV402's.

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
        return scale * x
    ```

    ## Fix safety
    For a module-level function whose variable is assigned to a local name, the fix moves that assignment to
    module level, after the imports, so the variable is created once. It is unsafe: the variable now outlives
    each call, so a function that updates it (`assign_add`) carries state from one call to the next where the
    author may have expected a fresh value, and the variable is created at import time. It is offered only
    when the initial value reads only literals and imported modules and the name is free at module level.
    Methods (create the variable in `__init__`, or lazily under `if self.v is None:`) are reported without a
    fix.

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
        "`{callee}` is created on every call of the tf.function `{function}`: TensorFlow raises `ValueError: "
        "tf.function only supports singleton tf.Variables created on the first call`"
    )
    FIX_TITLE = "Create the variable once, at module level"
    FIX_AVAILABILITY = FixAvailability.SOMETIMES
    FIX_SAFETY = FixSafety.UNSAFE
    VERIFY = VerifyCheck.REPAIRS
    COLLECTORS = (CreationSites,)

    def check(self, facts: ModuleFacts) -> Iterator[Finding]:
        life = lifecycle_facts(facts)
        for creation in life.creations:
            fact = creation.fact
            scope = creation.scope
            if not isinstance(fact, VariableFact) or fact.constructor not in VARIABLE_CONSTRUCTORS:
                continue
            if creation.guarded or not life.is_tf_function(scope):
                continue
            if scope.name == "call" and scope.class_fact is not None and scope.class_fact.is_layer:
                continue
            yield self.finding(
                creation.node, fix=self._fix(facts, creation), callee=fact.constructor, function=scope.name
            )

    def _fix(self, facts: ModuleFacts, creation: Creation) -> FixPlan | None:
        scope = creation.scope
        function = scope.node
        parent = scope.parent
        if (
            parent is None
            or parent.kind is not ScopeKind.MODULE
            or creation.reads_locals
            or creation.reads_globals
        ):
            return None
        if len(creation.chain) != 1 or not isinstance(function, cst.FunctionDef):
            return None
        line = creation.chain[0]
        if not isinstance(line, cst.SimpleStatementLine) or len(line.body) != 1:
            return None
        assign = line.body[0]
        if (
            not isinstance(assign, cst.Assign)
            or assign.value is not creation.node
            or len(assign.targets) != 1
        ):
            return None
        target = assign.targets[0].target
        if not isinstance(target, cst.Name) or target.value in parent.bindings:
            return None
        if _assignments(function, target.value) != 1 or len(function.body.body) < 2:
            return None
        code = facts.module.code_for_node(assign)
        return self.fix(Remove(line), AddModuleCode(f"tfv401:{function.name.value}:{target.value}", code))


def _assignments(function: cst.FunctionDef, name: str) -> int:
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
        count += sum(1 for t in targets if isinstance(t, cst.Name) and t.value == name)
        if isinstance(node, (cst.Assign, cst.AugAssign, cst.AnnAssign, cst.For)) and any(
            isinstance(t, (cst.Tuple, cst.List)) for t in targets
        ):
            return 99
        stack.extend(c for c in node.children if isinstance(c, cst.CSTNode))
    return count
