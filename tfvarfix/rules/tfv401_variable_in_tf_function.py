from __future__ import annotations

from collections.abc import Iterator

import libcst as cst

from tfvarfix.codegen import snake, unique_name
from tfvarfix.rule import AddModuleCode, Finding, FixPlan, Remove, Replace, Rule
from tfvarfix.semantics.events import CtxKind, VariableInTrace
from tfvarfix.semantics.facts import Facts, reachable, reads_only_constants
from tfvarfix.semantics.scoping import target_names
from tfvarfix.semantics.values import FuncObj, KerasObj, LayerObj, Obj, VarObj
from tfvarfix.semantics.walker import sole_assignment
from tfvarfix.types import FixAvailability, FixSafety, VerifyCheck

#: Keywords of `tf.Variable` under which `v.assign(<initial value>)` gives the variable its initial value again.
_KEEPS_ITS_VALUE = frozenset(
    {"trainable", "name", "dtype", "shape", "validate_shape", "synchronization", "aggregation"}
)


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
    function's fix in the file takes the same name. Methods (create the variable in `__init__`, or lazily
    under `if self.v is None:`) are reported without a fix: one module-level variable would be shared by every
    instance. An optimizer made in such a function (`opt = Adam(1e-3)`, or inline `Adam(0.5).minimize(...)`)
    is made once at module level instead (`adam` for the inline one), with no reset: its slots and step count
    must live across calls, as the author meant (the original cannot run). Unsafe for the same reasons.

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
        "{what} of the tf.function `{function}`: TensorFlow raises `ValueError: tf.function only supports "
        "singleton tf.Variables created on the first call`"
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
            event = live[0]
            trace = event.ctx.find(CtxKind.TF_FUNCTION)
            assert trace is not None
            function = _function_name(facts, trace.node)
            what = _what(event.obj, node, facts, retrace=trace.data == 3)
            if all(e.obj.__class__ is VarObj for e in live):
                fix = self._fix(facts, event, node, hoisted)
            elif all(_optimizer(e.obj) for e in live):
                fix = self._optimizer_fix(facts, event, node, hoisted)
            else:
                fix = None
            yield self.finding(node, fix=fix, what=what, function=function)

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


    def _optimizer_fix(
        self, facts: Facts, event: VariableInTrace, node: cst.CSTNode, hoisted: set[str]
    ) -> FixPlan | None:
        """An optimizer made in a module-level `tf.function` is made once, at module level: `opt = Adam(...)`
        moves there, and an inline `Adam(0.5).minimize(...)` reads a module-level `adam` made once. Its slots
        and step count then live across calls, as an optimizer's must (the original cannot run at all)."""
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
        if isinstance(target, cst.Name):
            name = target.value
            if name in facts.module_names or name in hoisted or _bindings(function, name) != 1:
                return None
            assert isinstance(line, cst.SimpleStatementLine)
            hoisted.add(name)
            return self.fix(
                Remove(line),
                AddModuleCode(f"tfv401:{function.name.value}:{name}", facts.code_for(line.body[0])),
                title=f"Make `{name}` once, at module level",
            )
        if target is not None:
            return None
        taken = {*facts.module_names, *hoisted, *(n for n in _local_names(function))}
        name = snake(node.func.attr.value if isinstance(node.func, cst.Attribute) else "optimizer")
        if name in taken or facts.word_count(name) > 0:
            name = unique_name(name, lambda c: c in taken or facts.word_count(c) > 0)
        hoisted.add(name)
        return self.fix(
            Replace(node, cst.Name(name)),
            AddModuleCode(f"tfv401:{function.name.value}:{name}", f"{name} = {facts.code_for(node)}"),
            title=f"Make the optimizer once, as module-level `{name}`",
        )


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
    return f"A variable is created {when}"


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
