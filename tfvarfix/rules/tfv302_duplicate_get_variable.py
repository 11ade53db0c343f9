from __future__ import annotations

from collections.abc import Iterator

import libcst as cst

from tfvarfix.codegen import unique_name
from tfvarfix.keras.autonames import SAFE_ROOTS
from tfvarfix.keras.tf1 import V1, graph_code, one_run, rebuild
from tfvarfix.rule import Finding, FixPlan, Replace, Rule
from tfvarfix.semantics.events import Collision, Created, Ctx, CtxKind, Event, ReuseMismatch
from tfvarfix.semantics.facts import Facts, reachable
from tfvarfix.semantics.values import AV, KerasObj, ModuleRef, VarObj
from tfvarfix.types import FixAvailability, FixSafety, VerifyCheck


class DuplicateGetVariable(Rule):
    """
    ## What it does
    Finds `tf.compat.v1.get_variable` called twice with one name (a literal, or a value the analysis follows:
    a parameter, a list item) in one variable scope (the same enclosing `variable_scope` names, reopened or
    not) with no `reuse=True`, `reuse=AUTO_REUSE` or `reuse_variables()` in force; and two variable-making
    `tf.compat.v1.layers.*` calls (`dense`, `conv2d`, `batch_normalization`...) given the same `name=`, or
    unnamed ones each in its own entry of one named scope (both become `g/dense`). Two sites, or one site on
    two passes of a loop, are reported here; one site run by two calls of a function is TFV304. It reads TF1
    graph code, as TFV301 does: in eager mode `get_variable` twice makes two variables and raises nothing.

    Under reuse (`reuse=True`, `reuse_variables()`, `AUTO_REUSE` once the variable exists) it finds what graph
    mode cannot share: a variable asked for at a shape other than the one the graph holds (two unnamed
    `tf.layers.dense` calls in a reused scope both map to `<scope>/dense`, so the second asks for the first
    one's kernel; a `get_variable` or a named layer asked for at another size), when both shapes are known
    (a dense kernel is `(?, units)`, a convolution's `(*kernel_size, ?, filters)`; a shape read from a tensor,
    `input_.get_shape().as_list()[1]`, follows the static shapes of placeholders through `tf.nn.conv2d`,
    `conv2d_transpose`, `bias_add`, activations, elementwise ops, `tf.reshape` and `tf.matmul`, as TF 2.21
    gives them). Where the helper that asks does not set reuse itself and runs fine on other calls (DCGAN's
    `linear`, sized from its input), the call that reuses it on an input of another size is reported
    (`discriminator(self.G, reuse=True)` on generated images smaller than the real ones); and a new
    `tf.layers.Dense(name="memory_layer")` object first called under `reuse=True` in a scope where an earlier
    one made `memory_layer`: its scope is uniquified to `memory_layer_1`, whose variables were never made.

    It also finds a variable asked for under `reuse=True` that nothing made before in the graph: a first build
    after a `reuse_variables()` (a module's `tf.get_variable_scope().reuse_variables()` before the network),
    a test mode that calls `generator(z, reuse=True)` in a fresh graph, a `get_variable`, a `tf.layers` call or
    object, or an RNN's cell in such a scope. It claims this only where the graph's contents are known exactly:
    the program's start or a `reset_default_graph()`/`tf.Graph()` (in a function nothing in the module calls,
    only a graph made in it), no call the analysis does not follow since (`tf.train.get_or_create_global_step`,
    a function of another module; TF ops such as `tf.reshape` are known to make none), no variable made under a
    name it does not know, no import of the project's own code, and no layer or cell that made variables in
    the same outer scope. `reuse=AUTO_REUSE` creates what is missing; Keras layers make their variables outside
    the scope's store and ask for nothing. When the asking code also runs where the variable exists (a helper
    the training graph builds first), the call that leads to it without that is reported.

    ## Why is this bad?
    The second call stops graph construction: `ValueError: Variable w already exists, disallowed. Did you mean
    to set reuse=True or reuse=tf.AUTO_REUSE in VarScope?` (measured on TF 2.21; a named `layers.dense` twice
    gives `Variable d/kernel already exists, disallowed. ...`). Either the code means to share the variable,
    and the scope must say so, or it means two variables, and they need two names. Under reuse the program
    raises `ValueError: Trying to share variable attention/dense/kernel, but specified shape (8, 1) and found
    shape (16, 8)`, or `Variable main/memory_layer_1/kernel does not exist, or was not created with
    tf.get_variable()` (both measured on TF 2.21 + tf_keras). A variable never made raises `ValueError: Variable
    gen/batch_normalization/gamma does not exist, or was not created with tf.get_variable(). Did you mean to set
    reuse=tf.AUTO_REUSE in VarScope?` (measured on TF 2.21 + tf_keras, graph mode: `get_variable`,
    `tf.layers.dense`, `batch_normalization`, `tf.layers.Dense`, a `dynamic_rnn` cell; a `tf.Variable` of that
    name does not count, and a `tf.keras.layers.Dense` in the scope builds).

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
    not plain literals, and calls that run on several passes of a loop, are reported without a fix. What
    reuse cannot share is reported without a fix: which layers the code means to be one is its author's choice.

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

    def check(self, facts: Facts) -> Iterator[Finding]:
        made: dict[int, list[Created]] = {}
        for created in facts.of(Created):
            made.setdefault(id(created.node), []).append(created)
        taken: set[str] = set()
        for node, events in facts.grouped(Collision):
            # Two construction sites, or one site on two passes of a loop; one site run by two calls is TFV304.
            mine = [e for e in events if _api(e) and one_run(e) and rebuild(e) is None]
            if not mine or not all(_live(facts, e) for e in mine):
                continue
            event = mine[0]
            fix = None
            distinct = all(e.first is not None and e.first.node is not node for e in mine)
            once = not any(c.ctx.in_loop for c in made.get(id(node), []))
            if distinct and once and isinstance(node, cst.Call):
                # Every context must ask for the same fix: sharing in one scope block, or a new name.
                plans = {self._plan(facts, e) for e in mine}
                plan = plans.pop() if len(plans) == 1 else None
                if plan == "rename":
                    fix = self._rename(facts, made.get(id(node), []), taken)
                elif isinstance(plan, KerasObj):
                    fix = self._share(facts, plan, event)
            yield self.finding(node, fix=fix, callee=event.api, variable=event.name)
        never: dict[int, tuple[cst.CSTNode, ReuseMismatch]] = {}
        for node, mismatches in facts.grouped(ReuseMismatch):
            live = [e for e in mismatches if e.first is not None and one_run(e) and _live(facts, e)]
            if live:
                # A helper that asks at another shape only on some of its calls (DCGAN's `linear`, fine for the
                # first discriminator, not for the one reused on a smaller input): reported at that call.
                moved = live[0].kind == "shape" and not _shares_itself(live[0])
                where = _reported_at(live[0], made.get(id(node), [])) if moved else node
                yield Finding(node=where, message=_mismatch_message(facts, live[0], where), code=self.CODE)
                continue
            for mismatch in mismatches:
                if mismatch.kind == "absent" and not mismatch.expected and _live(facts, mismatch):
                    where = _reported_at(mismatch, made.get(id(node), []))
                    never.setdefault(id(where), (where, mismatch))
        if never and not _imports_project_code(facts.module):
            for where, mismatch in never.values():
                yield Finding(node=where, message=_never_made_message(facts, mismatch, where), code=self.CODE)

    def _plan(self, facts: Facts, event: Collision) -> object:
        """"rename", or the scope object to share in: the code asks twice, with the same arguments, for one
        variable in one `with variable_scope(...)` block."""
        first = event.first
        if first is None or not isinstance(event.node, cst.Call) or not isinstance(first.node, cst.Call):
            return None
        code = facts.code_for
        scope = _scope(event)
        same = [code(a) for a in first.node.args] == [code(a) for a in event.node.args]
        if same and scope is not None and scope is _scope(first):
            return scope.data if isinstance(scope.data, KerasObj) and scope.data.site is not None else None
        return "rename"

    def _rename(self, facts: Facts, made: list[Created], taken: set[str]) -> FixPlan | None:
        name_node, name = _name(made)
        if not isinstance(name_node, cst.SimpleString) or name is None:
            return None
        new = unique_name(name, lambda candidate: candidate in taken or facts.quoted_count(candidate) > 0)
        taken.add(new)
        quote = name_node.quote
        return self.fix(
            Replace(name_node, f"{name_node.prefix}{quote}{new}{quote}"), title="Give the variable a distinct name"
        )

    def _share(self, facts: Facts, scope: KerasObj, event: Collision) -> FixPlan | None:
        if not isinstance(scope.site, cst.Call) or scope.args.star:
            return None
        call = scope.site
        func = call.func
        prefix = facts.code_for(func.value) if isinstance(func, cst.Attribute) else facts.tf1_prefix()
        if prefix is None:
            return None
        if not isinstance(func, cst.Attribute):
            # The module's own name for TF1, which must not mean something else where the scope is opened.
            bound = event.env.get(prefix.split(".", 1)[0])
            if bound is not None and not (isinstance(bound, AV) and isinstance(bound.single(), ModuleRef)):
                return None
        value = cst.parse_expression(f"{prefix}.AUTO_REUSE")
        given = scope.args.arg_of("reuse")
        if given is not None:
            if scope.args.get("reuse").const() not in (None, False) or given.keyword is None:
                return None
            new = call.with_changes(args=[a.with_changes(value=value) if a is given else a for a in call.args])
        else:
            reuse = cst.Arg(
                value=value,
                keyword=cst.Name("reuse"),
                equal=cst.AssignEqual(cst.SimpleWhitespace(""), cst.SimpleWhitespace("")),
            )
            args = [*call.args[:-1], call.args[-1].with_changes(comma=cst.MaybeSentinel.DEFAULT)]
            new = call.with_changes(args=[*args, reuse])
        return self.fix(Replace(call, new), title="Share the variable: `reuse=AUTO_REUSE` on the scope")


def _mismatch_message(facts: Facts, event: ReuseMismatch, where: cst.CSTNode) -> str:
    callee = event.api
    made = facts.made_at(event.first.node) if event.first is not None else ""
    if event.kind == "shape":
        asks = f"`{callee}` asks"
        if where is not event.node:
            asks = (
                f"`{facts.inline_code(where, 80)}` runs `{facts.inline_code(event.node, 60)}`"
                f"{facts.made_at(event.node)}, which asks"
            )
        short = event.api.split(".", 1)[-1]
        unnamed = event.api.startswith("layers.") and event.name.rsplit("/", 2)[-2:-1] == [short]
        advice = (
            f"under reuse, the unnamed `{event.api}` calls of one scope all map to `<scope>/{short}`: give each "
            "its own `name=`"
            if unnamed
            else "a layer of another size needs a name of its own"
            if event.api.startswith("layers.")
            else f"ask for it at shape {_shape(event.held)}, or give a new variable a name of its own"
        )
        if where is not event.node:
            advice = (
                "this call reuses the variables on an input of another size than the call that made them: give "
                "it inputs of the same shape, or its own scope"
            )
        return (
            f"{asks} for `{event.name}` at shape {_shape(event.shape)} while reuse is in force, and the "
            f"graph holds it at shape {_shape(event.held)}{made}: graph mode raises `ValueError: Trying to share "
            f"variable {event.name}, but specified shape ... and found shape ...`; {advice}"
        )
    layer = event.name.rsplit("/", 2)[-2]
    short = event.api.rsplit(".", 1)[-1]
    what = (
        f"`{facts.inline_code(event.node)}` is the first call of a new `{callee}`"
        if short[:1].isupper()
        else f"`{callee}` makes a layer"
    )
    return (
        f"{what} whose name is taken in this scope, so its scope is uniquified to `{layer}`, and it makes its "
        "variables while `reuse=True` is in "
        f"force: `{event.name}` was never made, and graph mode raises `ValueError: Variable {event.name} does "
        f"not exist`; to share `{event.expected}`{made}, call the first layer object again instead of building "
        "a new one" if short[:1].isupper() else "give the layer the first one's `name=`"
    )


def _never_made_message(facts: Facts, event: ReuseMismatch, where: cst.CSTNode) -> str:
    name = event.name
    runs = ""
    if where is not event.node:
        runs = f" runs `{facts.inline_code(event.node, 60)}`{facts.made_at(event.node)}, which"
    prefix = facts.tf1_prefix() or "tf.compat.v1"
    return (
        f"`{facts.inline_code(where, 80)}`{runs} asks for `{name}` while `reuse=True` is in force, and nothing "
        "made it before in this graph: graph mode raises `ValueError: Variable "
        f"{name} does not exist, or was not created with tf.get_variable(). Did you mean to set "
        "reuse=tf.AUTO_REUSE in VarScope?`; build it once without reuse first, or ask with "
        f"`reuse={prefix}.AUTO_REUSE`, which makes what is missing"
    )


def _shares_itself(event: ReuseMismatch) -> bool:
    """Whether the function that asks sets reuse itself (`with variable_scope("block", reuse=AUTO_REUSE):` in a
    `conv_block` helper): then a call at another size is the helper's mistake, reported where it asks."""
    for link in event.ctx.chain():
        if link.kind is CtxKind.CALL:
            return False
        scope = link.data if link.kind is CtxKind.SCOPE else None
        if isinstance(scope, KerasObj) and not scope.args.get("reuse").is_bottom:
            return True
    return False


def _reported_at(event: ReuseMismatch, created: list[Created]) -> cst.CSTNode:
    """Where a variable asked for under reuse (never made, or held at another shape) is reported: the node that
    asks, unless it also runs in contexts where it does not raise (a helper the training graph builds without
    reuse first); then the innermost call on the way to it that those contexts do not run through
    (`generator(z, reuse=True)` of a test mode that builds nothing before, `discriminator(self.G, reuse=True)`
    on a smaller input)."""
    others = [c for c in created if c.ctx is not event.ctx]
    if not others:
        return event.node
    shared = {id(c.node) for o in others for c in o.ctx.chain() if c.kind is CtxKind.CALL}
    for link in event.ctx.chain():
        if link.kind is CtxKind.CALL and link.node is not None and id(link.node) not in shared:
            return link.node
    return event.node


# Top-level modules that build no graph variable when imported (only calls into them may, which the analysis
# sees); importing anything else (a module of the project) may have built variables the graph then holds.
_LIBRARIES = SAFE_ROOTS | {
    "__future__", "tensorflow", "keras", "tf_keras", "tensorflow_hub", "tensorflow_datasets", "tf_slim",
    "tensorflow_probability", "tensorboard", "cv2", "skimage", "imageio", "six", "yaml", "requests", "torch",
    "nltk", "gym", "sonnet", "horovod", "google", "psutil", "distutils", "importlib", "threading", "queue",
    "multiprocessing", "socket", "signal", "unittest", "pytest", "codecs", "errno", "heapq", "bisect", "array",
    "base64", "getopt", "optparse", "configparser", "types", "weakref", "numbers", "fractions", "decimal",
    "locale", "unicodedata", "gzip", "bz2", "lzma", "shlex", "fnmatch", "sqlite3", "xml", "html", "http",
    "email", "mimetypes", "ssl", "select", "ctypes", "timeit", "cProfile", "profile", "pstats", "atexit",
}  # fmt: skip


def _imports_project_code(module: cst.Module) -> bool:
    """Whether the module imports code that is neither a known library nor the standard library (a relative
    import, `import model`): its import may have built graph variables."""
    for statement in _imports(module):
        if isinstance(statement, cst.ImportFrom):
            if statement.relative or statement.module is None:
                return True
            roots: list[cst.BaseExpression] = [statement.module]
        else:
            roots = [alias.name for alias in statement.names]
        for root in roots:
            while isinstance(root, cst.Attribute):
                root = root.value
            if not isinstance(root, cst.Name) or root.value not in _LIBRARIES:
                return True
    return False


def _imports(node: cst.CSTNode) -> Iterator[cst.Import | cst.ImportFrom]:
    """The import statements under a node, in blocks and functions too."""
    for child in node.children:
        if isinstance(child, (cst.Import, cst.ImportFrom)):
            yield child
        elif not isinstance(child, cst.BaseExpression):
            yield from _imports(child)


def _shape(shape: tuple[int | None, ...] | None) -> str:
    if shape is None:
        return "?"
    dims = ", ".join("?" if d is None else str(d) for d in shape)
    return f"({dims},)" if len(shape) == 1 else f"({dims})"


def _api(event: Collision) -> bool:
    return event.api == "get_variable" or event.api.startswith("layers.")


def _live(facts: Facts, event: Collision | ReuseMismatch) -> bool:
    return reachable(event) and not event.ctx.catches("ValueError") and graph_code(facts.graph_mode, event)


def _scope(event: Event) -> Ctx | None:
    """The innermost `variable_scope` block the event runs in (its context link), if any."""
    for ctx in event.ctx.chain():
        if ctx.kind is CtxKind.GRAPH:
            return None
        if ctx.kind is CtxKind.SCOPE:
            return ctx
    return None


def _name(made: list[Created]) -> tuple[cst.BaseExpression | None, str | None]:
    """The name argument of a `get_variable` or `layers.*` call and its constant value."""
    for created in made:
        obj = created.obj
        if isinstance(obj, VarObj) and obj.ctor == V1 + "get_variable":
            return obj.name_node, obj.name
        if isinstance(obj, KerasObj) and obj.cls.startswith(V1 + "layers."):
            known = obj.args.get("name").const()
            return obj.args.node_of("name"), known if isinstance(known, str) else None
    return None, None
