from __future__ import annotations

from collections.abc import Iterator

import libcst as cst

from tfvarfix.keras.spec import Flavor
from tfvarfix.rule import Finding, FixPlan, Replace, Rule
from tfvarfix.semantics.events import Ctx, CtxKind, MethodCall
from tfvarfix.semantics.facts import Facts, reachable
from tfvarfix.semantics.scoping import target_names
from tfvarfix.semantics.values import AV, FuncObj
from tfvarfix.semantics.walker import children
from tfvarfix.types import FixAvailability, FixSafety, VerifyCheck


class LateBoundLayerInLoss(Rule):
    """
    ## What it does
    Finds a `lambda` (or a nested function) given to `add_loss` inside a `for` loop, where the callable reads the
    loop variable, `for layer in model.layers: layer.add_loss(lambda: l2(layer.kernel))`, or a name the loop's
    body binds to a different value on each pass, `for i in range(n): layer = model.layers[i]` (tensorflow#38891).

    ## Why is this bad?
    Keras keeps the callable and calls it when the losses are computed (`model.losses`, every `fit` step), long
    after the loop ended. A Python closure reads the loop variable then, not when the callable was made, so every
    penalty made in the loop reads the loop's last value: in tf_keras all of them are the last layer's penalty
    (run: two Dense layers, `l2(1.0)`, give losses `[2.54, 2.54]` where the layers' own are `3.21` and `2.54`), and
    when the last item is a layer with no `kernel` (an `Activation`) `fit` raises `AttributeError: 'Activation'
    object has no attribute 'kernel'` (keras#16316). Keras 3 refuses a callable outside `build()`/`call()`
    altogether: it raises `ValueError` ("`add_loss()` can only be called from inside `build()` or `call()`, on a
    tensor input").
    Reported only when the loop reaches the call in two passes or more (each pass makes a callable that reads the
    same last value).

    ## Example
    ```python
    import os

    os.environ["TF_USE_LEGACY_KERAS"] = "1"
    import tensorflow as tf

    model = tf.keras.Sequential([tf.keras.Input((3,)), tf.keras.layers.Dense(4), tf.keras.layers.Dense(2)])
    l2 = tf.keras.regularizers.l2(1e-4)
    for layer in model.layers:
        layer.add_loss(lambda: l2(layer.kernel))
    ```

    ## Use instead
    ```python
    import os

    os.environ["TF_USE_LEGACY_KERAS"] = "1"
    import tensorflow as tf

    model = tf.keras.Sequential([tf.keras.Input((3,)), tf.keras.layers.Dense(4), tf.keras.layers.Dense(2)])
    l2 = tf.keras.regularizers.l2(1e-4)
    for layer in model.layers:
        layer.add_loss(lambda layer=layer: l2(layer.kernel))
    ```
    (or `kernel_regularizer=` on each layer).

    ## Fix safety
    Unsafe: binding the loop variable as the lambda's default (`lambda layer=layer: ...`) gives each penalty its
    own layer, which changes the loss and the training (towards what the author meant). Offered for tf_keras
    files and lambdas only: Keras 3 takes no callable there, and a nested `def` is left to the author.

    ## Numerical equivalence
    `repairs`: the original's penalties all read one layer (or `fit` raises); after the fix each reads its own.

    ## References
    - [Python FAQ: why do lambdas defined in a loop all return the same result?](https://docs.python.org/3/faq/programming.html#why-do-lambdas-defined-in-a-loop-with-different-values-all-return-the-same-result)
    - [keras-team/keras#16316](https://github.com/keras-team/keras/issues/16316)
    - [tensorflow/tensorflow#38891](https://github.com/tensorflow/tensorflow/issues/38891)
    - [tf_keras `Layer.add_loss`](https://www.tensorflow.org/api_docs/python/tf/keras/layers/Layer#add_loss)
    """

    CODE = "TFV107"
    NAME = "late-bound-layer-in-loss"
    MESSAGE = (
        "the callable given to `add_loss` reads `{name}`, which the loop rebinds on every pass, when the losses "
        "are computed, after the loop: {consequence}; bind it when the callable is made "
        "(`lambda {name}={name}: ...`)"
    )
    FIX_TITLE = "Bind the loop variable as the lambda's default"
    FIX_AVAILABILITY = FixAvailability.SOMETIMES
    FIX_SAFETY = FixSafety.UNSAFE
    VERIFY = VerifyCheck.REPAIRS

    def check(self, facts: Facts) -> Iterator[Finding]:
        for _, events in facts.grouped(MethodCall):
            live = [e for e in events if e.callee == ".add_loss" and reachable(e) and e.args.positional]
            if not live or len(live) != len(events):
                continue
            made = [o for e in live for o in e.args.positional[0] if isinstance(o, FuncObj)]
            nodes = {id(f.node) for f in made}  # one callable per pass, all made by one lambda or def
            if len(nodes) != 1 or any(not isinstance(e.args.positional[0].single(), FuncObj) for e in live):
                continue
            func = made[0]
            loop = next((s for s in reversed(live[0].chain) if isinstance(s, cst.For)), None)
            if loop is None or any(loop not in e.chain for e in live):
                continue
            if not any(a is loop for a in facts.ancestors(func.node)):
                continue  # made elsewhere (a helper's lambda closes over the helper's own names)
            free = _free_names(func.node)
            passes = {_pass_of(e.ctx, loop) for e in live}
            if None in passes or len(passes) < 2:
                continue  # one pass (the callable reads the value it was made with), or passes not known
            captured = [n for n in _target_names(loop.target) if n in free]
            # A name the loop's body binds on every pass (`layer = model.layers[i]`) is as late-bound as the
            # target, when the passes bind it to different values.
            captured += [n for n in _body_names(loop) if n in free and n not in captured and _varies(live, n)]
            if not captured:
                continue
            name = captured[0]
            keras3 = facts.flavor is Flavor.KERAS3
            consequence = (
                'Keras 3 raises `ValueError` ("`add_loss()` can only be called from inside `build()` or `call()`, on '
                'a tensor input") for a callable, and in tf_keras every penalty of the loop would read its last '
                f"`{name}`"
                if keras3
                else f"the {len(passes)} penalties made in the loop all read its last `{name}` (or raise "
                "AttributeError when it has no such weight)"
            )
            fix = None if keras3 or not isinstance(func.node, cst.Lambda) else self._fix(func.node, captured)
            yield self.finding(func.node, fix=fix, name=name, consequence=consequence)

    def _fix(self, node: cst.Lambda, names: list[str]) -> FixPlan | None:
        params = node.params
        taken = {p.name.value for p in (*params.posonly_params, *params.params, *params.kwonly_params)}
        if taken & set(names) or params.star_arg is not cst.MaybeSentinel.DEFAULT or params.star_kwarg:
            return None
        added = [
            cst.Param(
                cst.Name(n),
                default=cst.Name(n),
                equal=cst.AssignEqual(cst.SimpleWhitespace(""), cst.SimpleWhitespace("")),
            )
            for n in names
        ]
        new = node.with_changes(params=params.with_changes(params=(*params.params, *added)))
        return self.fix(Replace(node, new))


def _target_names(target: cst.BaseExpression) -> list[str]:
    if isinstance(target, cst.Name):
        return [target.value]
    if isinstance(target, (cst.Tuple, cst.List)):
        return [n for element in target.elements for n in _target_names(element.value)]
    return []


def _body_names(loop: cst.For) -> list[str]:
    """The names the loop's body binds by assignment (not in nested functions, classes or comprehensions)."""
    found: list[str] = []
    stack: list[cst.CSTNode] = [loop.body]
    while stack:
        current = stack.pop()
        if isinstance(current, (cst.FunctionDef, cst.ClassDef, cst.Lambda, *_COMPREHENSIONS)):
            continue
        targets: list[cst.BaseExpression] = []
        if isinstance(current, cst.Assign):
            targets = [t.target for t in current.targets]
        elif isinstance(current, (cst.AnnAssign, cst.AugAssign, cst.For, cst.NamedExpr)):
            targets = [current.target]
        for target in targets:
            found.extend(n for n in target_names(target) if n not in found)
        stack.extend(reversed(children(current)))
    return found


def _varies(live: list[MethodCall], name: str) -> bool:
    """Whether the passes that made the callables bound `name` to values known to differ."""
    seen: set[frozenset[int]] = set()
    for event in live:
        value = event.env.get(name)
        if not isinstance(value, AV) or value.is_top:
            return False
        seen.add(frozenset(id(o) for o in value))
    return len(seen) > 1


_COMPREHENSIONS = (cst.ListComp, cst.SetComp, cst.DictComp, cst.GeneratorExp)


def _free_names(node: cst.FunctionDef | cst.Lambda) -> set[str]:
    """The names the callable's body reads that its parameters do not bind (attribute names left out)."""
    params = node.params
    bound = {p.name.value for p in (*params.posonly_params, *params.params, *params.kwonly_params)}
    for star in (params.star_arg, params.star_kwarg):
        if isinstance(star, cst.Param):
            bound.add(star.name.value)
    found: set[str] = set()
    stack: list[cst.CSTNode] = [node.body]
    while stack:
        current = stack.pop()
        if isinstance(current, cst.Name):
            found.add(current.value)
        elif isinstance(current, cst.Attribute):
            stack.append(current.value)  # `x.kernel` reads x, not a name `kernel`
        elif isinstance(current, cst.Arg):
            stack.append(current.value)  # `f(k=v)`: the keyword is no name read
        elif not isinstance(current, (cst.Lambda, cst.FunctionDef, cst.ClassDef)):
            stack.extend(children(current))
    return found - bound


def _pass_of(ctx: Ctx, loop: cst.For) -> int | None:
    """The pass of `loop` an event happened in (0-based); None when the count is not known."""
    for link in ctx.chain():
        if link.kind is CtxKind.LOOP and link.node is loop:
            return link.data if isinstance(link.data, int) and link.data >= 0 else None
    return None
