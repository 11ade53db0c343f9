from __future__ import annotations

import itertools
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

import libcst as cst

from tfvarfix.codegen import (
    MAX_LITERAL,
    BaseInitializer,
    base_initializer,
    constant_initializer,
    index_text,
    keras_prefix,
    number,
    override_class,
    register_decorator,
    string,
    with_keywords,
)
from tfvarfix.keras.spec import Flavor, WeightSpec
from tfvarfix.keras.table import FORGET_GATE_LAYERS
from tfvarfix.keras.transfer import present_weights
from tfvarfix.keras.weights import conflict, weight_shape
from tfvarfix.rule import (
    AddImport,
    AddModuleCode,
    Finding,
    FixPlan,
    InsertBefore,
    Intended,
    NodeEdit,
    Remove,
    Replace,
    Rule,
)
from tfvarfix.semantics.evaluate import dotted_name
from tfvarfix.semantics.events import Attribute, Created, CtxKind, MethodCall, WeightWrite
from tfvarfix.semantics.facts import Facts, access, certainly, reachable, reads_only_constants
from tfvarfix.semantics.scoping import scope_info
from tfvarfix.semantics.values import (
    AV,
    Const,
    Content,
    FuncObj,
    InstanceObj,
    KerasObj,
    LayerObj,
    ModelObj,
    Obj,
    PartObj,
    TensorObj,
)
from tfvarfix.semantics.walker import descendants, read_names
from tfvarfix.types import FixAvailability, FixSafety, Severity, VerifyCheck


class PostBuildWeightEdit(Rule):
    """
    ## What it does
    Finds a layer's weight overwritten, before any training or loading, with values that were known when the
    layer was constructed: `layer.cell.kernel.assign(v)`, `kernel[0, 0].assign(v)`,
    `kernel.assign(tf.tensor_scatter_nd_update(kernel, idx, vals))`, `w = layer.get_weights();
    w[0][0, 0] = v; layer.set_weights(w)`, `layer.set_weights([np.zeros(...), ...])`,
    `K.set_value(layer.kernel, ...)`, `model.weights[i].set_value(...)` and the
    `k = kernel.numpy(); k[...] = v; kernel.assign(k)` round trip, wherever the layer is reached from
    (`model.get_layer("x")`, `model.layers[0]`, a parameter, `self.head`) and in helpers and loops. Known values
    are constants in any spelling (`np.full(3, .1)`, `np.eye(n)`, `np.array([...])`, `tf.constant(...)`, a
    list), and arithmetic on them or on the weight's own untouched initial values (`w * 0.1`). Values computed
    from data, after training or loading, or from another layer's weights are not this pattern and are not
    reported, except before the layer is built: an edit then raises whatever the values, and is reported (an
    error, without a fix when the values are not known at construction). In TF1 graph code, also a layer given
    its values in `weights=[...]` whose build a `global_variables_initializer()` run follows (keras#7697), or
    the making of a `MonitoredTrainingSession` (or `MonitoredSession`, `SingularMonitoredSession`) that is given
    no `checkpoint_dir`, `scaffold` or `session_creator`, which runs that initializer itself (tensorflow#14392:
    an Estimator-style `model_fn`): Keras writes the values at the build, the initializer op runs every
    variable's initializer again, and the layer silently holds random values (an error). In tf_keras code,
    also a layer given `weights=[...]` and handed to `TimeDistributed` or `Bidirectional` (coxlab/prednet#9):
    the wrapper builds the layer (or copies of it) itself and never writes the values, so the layer silently
    keeps its initializer's (an error; the same fix). In every target, also `Bidirectional(LSTM(n), weights=w)`
    (keras#8957): the wrapper passes its own `weights=` to its directions' `initial_weights`, which nothing reads,
    so both directions keep their initializer's values whatever `w` holds (an error; no fix, `set_weights` on the
    built wrapper writes them). In Keras 3 code, also a built-in layer other than
    `Embedding` and `Bidirectional` given `weights=[...]` (tensorflow#27541: `tf.keras.layers.Conv2D(...,
    weights=[w, b])`, where `tf.keras` is Keras 3): its constructor raises `ValueError: Unrecognized keyword
    arguments` (an error; the fix gives the values to the initializers the message names).

    ## Why is this bad?
    The value lives in a statement that must run after the build, and nowhere in the model: `model.save` keeps
    the edited numbers but not how they were made, a rebuilt or cloned model (`clone_model`, `from_config`, a
    new run with another input shape) starts from the plain initializer again, and the edit breaks when the
    statement moves before the build (`AttributeError: 'LSTMCell' object has no attribute 'kernel'`). An
    initializer says it where the weight is made. A warning, since the edited model computes what the author
    meant; an error where the edit itself raises (before the build, `set_value` on a variable or in Keras 3).

    ## Example
    ```python
    import tensorflow as tf

    dense = tf.keras.layers.Dense(3, name="dense")
    _ = dense(tf.zeros((2, 4)))
    dense.kernel[0, 0].assign(0.5)
    ```

    ## Use instead
    ```python
    import numpy as np
    import tensorflow as tf


    @tf.keras.utils.register_keras_serializable()
    class DenseKernelInitializer(tf.keras.initializers.Initializer):
        def __init__(self):
            self.base = tf.keras.initializers.GlorotUniform()

        def __call__(self, shape, dtype=None, **kwargs):
            kernel = np.array(self.base(shape, dtype=dtype, **kwargs))
            kernel[0, 0] = 0.5
            return kernel

        def get_config(self):
            return {}


    dense = tf.keras.layers.Dense(3, name="dense", kernel_initializer=DenseKernelInitializer())
    _ = dense(tf.zeros((2, 4)))
    ```

    ## Fix safety
    A whole-weight overwrite becomes `keras.initializers.Constant(v)` (`Constant([...])` for a literal,
    `Identity()` for `np.eye`); a partial edit of a weight whose whole value is then known (an edited `zeros`
    bias) becomes `Constant([...])` of that value; any other partial edit becomes a generated initializer class,
    added once after the imports and registered with `register_keras_serializable` under the package the
    module already registers with (Keras's default otherwise), that builds the original initializer (the
    explicit one, or the layer's default) in its `__init__` and then writes the edited elements. The edit
    statements (the round trip's too, and in a function the statements that only feed them) are removed. A fix
    is offered when the layer is made once, outside loops and branches, and no other write of the weight would
    be reordered: in the function that edits it, or in a helper that the editing code calls through plain
    module-level functions each named only by its `def` and that one call (the values then move into the
    helper's construction, when no name they read is bound in the functions between; such a fix is always
    unsafe, since another module may call the helper too). A helper that two callers share gets no fix: both
    would change. The fix is safe where it provably gives the
    same weights. Keras 3 draws each initializer's seed from Python's `random` when it is constructed
    (tf_keras when it is first called), so the original initializer must still be constructed at the same
    point of the stream. That holds when it is deterministic (`zeros`, `ones`, `constant`), when its call is
    written in the layer's arguments, or when the edited weight is the first random one of the layer and no
    other argument calls anything (never in Keras 3's `SimpleRNN` and `ConvLSTM` layers: their cells draw a
    dropout seed before their initializers, so an initializer made before the layer takes that seed's draw).
    The bias of an `LSTM` (or `ConvLSTM`) whose `unit_forget_bias` is on, the default, is built from three
    calls with ones for the forget gate between them: its new initializer comes with `unit_forget_bias=False`,
    and an element edit of it gets no fix (the original's forget-gate ones are not what its initializer says).
    Replacing a random initializer by `Constant` removes a draw and shifts
    every later seed: unsafe. So is a fix where the weights were read between the build and the edit, and one
    for an edit before the build (the original raises).

    `weight.set_value(v)` on a built layer's variable raises (`AttributeError`: Keras 3 variables and
    `tf.Variable` have no `set_value`). Where the values cannot move into the initializer (the layer is made
    in another function, the edit is in a loop), the fix is `weight.assign(v)`: unsafe, since the original
    raises (`verify` checks `repairs`).

    Before the build, an edit of values not known at construction raises whatever they are. A copy of another
    layer's weights, `copy.set_weights(source.get_weights())` on a line of its own, is fixed by building the
    copy first with the input shape the source was built with, `copy.build(source.get_build_config()
    ["input_shape"])` (Keras's record of it): unsafe, `repairs`. Any other edit before the build gets no fix.

    The `weights=` values that a graph's initializer run undoes become the layer's initializers,
    `embeddings_initializer=tf.keras.initializers.Constant(vec)` (one per weight, in the layer's order, for a
    literal list as long as the layer's weights): unsafe, `intended` (the original computes with random values;
    verify checks that the rewritten layer holds the given values).

    In Keras 3, `weights=[...]` given to a layer that does not take it (`Conv2D(..., weights=[w, b])`, which
    raises `Unrecognized keyword arguments`) becomes the layer's initializers the same way, one `Constant` per
    weight in the layer's order (`kernel_initializer=keras.initializers.Constant(w)`, `bias_initializer=...`),
    also for a list held in a name bound once to a list literal just before, in the same body (`weights =
    [weight, bias]`: `Constant(weights[0])`, `Constant(weights[1])`). Unsafe, `intended`: the construction
    that raised now builds, holding exactly the given arrays (measured, Keras 3.15.1: `Conv2D` and the four
    weights of `BatchNormalization`). Withheld when the list's length is not the layer's number of weights (a
    `Dense` with a bias given one array), and for a construction inside a list or another call's arguments,
    which the fix cannot wrap to the file's line length.

    ## Numerical equivalence
    `equivalent`: the original and the rewritten program, each run in a fresh process after
    `keras.utils.set_random_seed`, produce bit-identical weights (Keras 3 and tf_keras), and the rewritten
    model survives `model.save('m.keras')` and `keras.models.load_model`. tf_keras `.h5` files cannot load
    registered initializers (`ValueError: Unknown initializer`): use `.keras`.

    ## References
    - [Keras initializers](https://keras.io/api/layers/initializers/)
    - [Registering custom objects](https://keras.io/guides/serialization_and_saving/)
    """

    CODE = "TFV201"
    NAME = "post-build-weight-edit"
    MESSAGE = "`{weight}` is {when}{consequence}; {advice}"
    FIX_TITLE = "Move the values into the layer's initializer"
    FIX_AVAILABILITY = FixAvailability.SOMETIMES
    FIX_SAFETY = FixSafety.UNSAFE
    VERIFY = VerifyCheck.EQUIVALENT
    SEVERITY = Severity.WARNING  # the edit works; an error where it raises (before the build, set_value)

    def check(self, facts: Facts) -> Iterator[Finding]:
        yield from self._reinitialized(facts)
        yield from self._wrapped_weights(facts)
        yield from self._wrapper_weights(facts)
        yield from self._refused_weights(facts)
        found: list[tuple[cst.CSTNode, list[Edit], bool]] = []
        for node, events in facts.grouped(WeightWrite):
            by_context: dict[int, list[WeightWrite]] = {}
            for event in events:
                if reachable(event) and event.how.split(":")[0] in _WRITES:
                    by_context.setdefault(id(event.ctx), []).append(event)
            verdicts = [_context(facts, writes) for writes in by_context.values()]
            writes = [w for group in by_context.values() for w in group]
            if _unbuilt(facts, writes) and not all(isinstance(v, list) for v in verdicts):
                # Values not known at construction (another layer's weights): the write raises all the same.
                yield self._unbuilt_finding(facts, writes)
                continue
            if (
                not verdicts
                or any(v is False for v in verdicts)
                or not any(isinstance(v, list) for v in verdicts)
            ):
                continue
            edits = [e for v in verdicts if isinstance(v, list) for e in v]
            found.append((node, edits, all(isinstance(v, list) for v in verdicts)))
        plans: dict[int, FixPlan | None] = {}
        names: set[str] = set()
        for node, edits, every in found:
            layers = {id(e.event.weight.layer) for e in edits}
            key = next(iter(layers)) if len(layers) == 1 and every else None
            if key is not None and key not in plans:
                mine = [
                    e for _, group, known in found if known for e in group if id(e.event.weight.layer) == key
                ]
                plans[key] = _Planner(self, facts, mine, names).plan()
            weights = list(dict.fromkeys(e.event.weight.spec for e in edits))
            first = edits[0].event
            if first.built and any(w.initializer is None for w in weights):
                continue  # no initializer sets it (Normalization's mean, variance, count): nothing to move it to
            consequence = _consequence(facts, first)
            fix = plans.get(key) if key is not None else None
            if fix is None:
                fix = self._assign_instead(node, [e.event for e in edits])
            assigned = fix is not None and fix.checks is VerifyCheck.REPAIRS
            yield self.finding(
                node,
                fix=fix,
                severity=Severity.ERROR if consequence else None,  # it raises: not only a hazard
                weight="`, `".join(w.name for w in weights),
                when=("overwritten after the build" if first.built else "set before the layer is built")
                + " with values known at construction",
                consequence=consequence,
                advice=("use `.assign(...)`, or `" if assigned else "use `")
                + "`, `".join(f"{w.initializer}=..." for w in weights)
                + "`",
            )

    def _reinitialized(self, facts: Facts) -> Iterator[Finding]:
        """TF1 graph code: a layer given its values in `weights=[...]`, built, then
        `global_variables_initializer()` runs: Keras wrote the values at the build, the initializer op re-runs
        every variable's initializer, and the layer holds random values (keras#7697)."""
        if not facts.graph_mode:
            return
        inits = [
            e
            for e in facts.of(MethodCall)
            if (e.callee in _GLOBAL_INITIALIZERS or _initializing_session(e)) and reachable(e) and e.certain
        ]
        if not inits:
            return
        last_init = max(facts.index_of(e) for e in inits)
        calls = [e for e in facts.of(MethodCall) if e.callee == "__call__" and reachable(e)]
        for node, events in facts.grouped(Created):
            made = [e for e in events if isinstance(e.obj, LayerObj) and reachable(e)]
            if not made or len(made) != len(events) or not isinstance(node, cst.Call):
                continue
            layer = made[0].obj
            assert isinstance(layer, LayerObj)
            argument = layer.args.arg_of("weights")
            if argument is None or layer.spec is None or not layer.spec.weights:
                continue
            built = [
                facts.index_of(c)
                for c in calls
                if not c.receiver.is_top and any(o is layer for o in c.receiver)
            ]
            if not built or min(built) > last_init:
                continue  # built after the initializer ran (or never): Keras's write stands
            init = next(e for e in inits if facts.index_of(e) > min(built))
            weights = layer.spec.weights
            yield self.finding(
                node,
                fix=self._weights_to_initializers(facts, node, argument, weights),
                severity=Severity.ERROR,  # silent: the model computes with random values
                weight="`, `".join(w.name for w in weights),
                when="given in `weights=`, which Keras writes when the layer is built",
                consequence=(
                    f", and the `{init.callee.rsplit('.', 1)[-1]}()` "
                    + ("made" if init.callee in _INITIALIZING_SESSIONS else "run")
                    + " after the build runs every variable's initializer again: the layer holds its initializer's"
                    " values, not these"
                ),
                advice="use `" + "`, `".join(f"{w.initializer}=...Constant(...)" for w in weights) + "`",
            )

    def _wrapped_weights(self, facts: Facts) -> Iterator[Finding]:
        """tf_keras: a layer given its values in `weights=[...]` and handed to `TimeDistributed` or
        `Bidirectional`. The wrapper builds the inner layer itself (`Bidirectional` builds copies made from its
        config), so the values are never written: the layer silently keeps its initializer's values (measured,
        tf_keras 2.21: PredNet's frozen `TimeDistributed(Dense(1, weights=[w, b]))` kernel is random; a plain
        `Dense(1, weights=[w, b])` holds `w`). Keras 3 refuses `weights=` outright."""
        if facts.flavor is not Flavor.TF_KERAS:
            return
        wrapped: dict[int, str] = {}
        for wrapper in facts.made(LayerObj):
            if wrapper.cls not in ("keras.layers.TimeDistributed", "keras.layers.Bidirectional"):
                continue
            for inner in wrapper.args.first("layer", 0):
                if isinstance(inner, LayerObj):
                    wrapped.setdefault(id(inner), wrapper.cls.rsplit(".", 1)[-1])
        if not wrapped:
            return
        for node, events in facts.grouped(Created):
            made = [e for e in events if isinstance(e.obj, LayerObj) and reachable(e)]
            if not made or len(made) != len(events) or not isinstance(node, cst.Call):
                continue
            layer = made[0].obj
            assert isinstance(layer, LayerObj)
            argument = layer.args.arg_of("weights")
            by = wrapped.get(id(layer))
            if by is None or argument is None or layer.spec is None or not layer.spec.weights:
                continue
            if any(id(e.obj) not in wrapped for e in made):
                continue
            weights = present_weights(layer)
            if weights is None:
                continue
            yield self.finding(
                node,
                fix=self._weights_to_initializers(facts, node, argument, weights),
                severity=Severity.ERROR,  # silent: the model computes with the initializer's values
                weight="`, `".join(w.name for w in weights),
                when=f"given in `weights=` to a layer that `{by}` builds itself",
                consequence=": the wrapper never writes them, and the layer keeps its initializer's values",
                advice="use `" + "`, `".join(f"{w.initializer}=...Constant(...)" for w in weights) + "`",
            )

    def _wrapper_weights(self, facts: Facts) -> Iterator[Finding]:
        """`Bidirectional(LSTM(n), weights=w)`: the wrapper's own `weights=` argument is handed to its two
        directions as `forward_layer.initial_weights` / `backward_layer.initial_weights`, an attribute that nothing
        reads (tf_keras reads `_initial_weights`, Keras 3 neither), so both directions keep their initializer's
        values and no error is raised (measured, tf_keras 2.21 and Keras 3.15.1: a copy of a trained
        `Bidirectional(LSTM(5))` made with `weights=trained.get_weights()` predicts differently, keras#8957). In
        every target; whatever the values. No fix: the values are written by `set_weights` on the built wrapper."""
        for node, events in facts.grouped(Created):
            made = [e for e in events if isinstance(e.obj, LayerObj) and reachable(e)]
            if not made or len(made) != len(events) or not isinstance(node, cst.Call):
                continue
            if any(not isinstance(e.obj, LayerObj) or e.obj.cls != "keras.layers.Bidirectional" for e in made):
                continue
            layer = made[0].obj
            assert isinstance(layer, LayerObj)
            if layer.args.arg_of("weights", ("layer", "merge_mode", "weights")) is None:
                continue
            given = layer.args.first("weights", 2).single()
            if isinstance(given, Const) and not given.value:
                continue  # `weights=None` (or another falsy constant): Keras does nothing with it
            names: list[str] = []
            for inner in layer.args.first("layer", 0):
                if isinstance(inner, LayerObj):
                    names = [w.name for w in present_weights(inner) or []]
                    break
            yield self.finding(
                node,
                severity=Severity.ERROR,  # silent: both directions compute with their initializer's values
                weight="`, `".join(names) if names else "weights",
                when="given in `weights=` to `Bidirectional`, which passes them to its directions' `initial_weights`",
                consequence=", an attribute nothing reads: both directions keep their initializer's values",
                advice="call `set_weights(...)` on the `Bidirectional` once it is built",
            )

    def _refused_weights(self, facts: Facts) -> Iterator[Finding]:
        """Keras 3: a built-in layer other than `Embedding` and `Bidirectional` given `weights=[...]`, the Keras 2
        constructor argument (tensorflow#27541: `tf.keras.layers.Conv2D(..., weights=[w, b])`, where `tf.keras` is
        Keras 3 under TF 2.16+): `Layer.__init__` refuses any keyword it does not know, so the construction raises
        `ValueError: Unrecognized keyword arguments passed to Conv2D: {'weights': ...}` (measured, Keras 3.15.1:
        `Dense`, `Conv2D`, `BatchNormalization`; only `Embedding` and `Bidirectional` take `weights`). The values
        go to the initializers, which the message names, when the list is known (`_weights_to_initializers`)."""
        if facts.flavor is not Flavor.KERAS3:
            return
        for node, events in facts.grouped(Created):
            made = [e for e in events if isinstance(e.obj, LayerObj) and reachable(e)]
            if not made or len(made) != len(events) or not isinstance(node, cst.Call):
                continue
            layer = made[0].obj
            assert isinstance(layer, LayerObj)
            if layer.spec is None or layer.short in _TAKE_WEIGHTS or layer.args.arg_of("weights") is None:
                continue
            if any(not isinstance(e.obj, LayerObj) or e.obj.cls != layer.cls for e in made):
                continue
            weights = present_weights(layer) or list(layer.spec.weights)
            advice = "`, `".join(f"{w.initializer}=Constant(...)" for w in weights if w.initializer)
            argument = layer.args.arg_of("weights")
            present = present_weights(layer)
            yield self.finding(
                node,
                fix=(
                    self._weights_to_initializers(facts, node, argument, present)
                    if argument is not None and present and len(made) == 1 and _laid_out(facts, node)
                    else None
                ),
                severity=Severity.ERROR,
                weight="`, `".join(w.name for w in weights) or "weights",
                when="given in `weights=`, which a Keras 3 `" + layer.short + "` does not take",
                consequence=(
                    f": the construction raises `ValueError: Unrecognized keyword arguments passed to {layer.short}`"
                ),
                advice=f"use `{advice}`" if advice else "set the values after the build",
            )

    def _weights_to_initializers(
        self, facts: Facts, call: cst.Call, argument: cst.Arg, weights: Sequence[WeightSpec]
    ) -> FixPlan | None:
        """`weights=[a, b]` -> `kernel_initializer=Constant(a), bias_initializer=Constant(b)`: one initializer
        per weight in the layer's order, for a literal list as long as the layer's weights."""
        held = isinstance(argument.value, cst.Name)
        value: cst.BaseExpression | None = argument.value
        if isinstance(argument.value, cst.Name):
            # `weights = [w, b]` before the call: `weights[0]`, `weights[1]`
            value = _list_bound_once(facts, argument.value, call)
        if not isinstance(value, (cst.List, cst.Tuple)) or len(value.elements) != len(weights):
            return None
        if any(isinstance(e, cst.StarredElement) for e in value.elements) or any(
            w.initializer is None for w in weights
        ):
            return None
        namespace, needs_import = facts.keras_namespace()
        if not namespace:
            return None
        replaced: list[cst.Arg] = []
        for arg in call.args:
            if arg is not argument:
                replaced.append(arg)
                continue
            for index, (element, weight) in enumerate(zip(value.elements, weights, strict=True)):
                code = f"{facts.code_for(argument.value)}[{index}]" if held else facts.code_for(element.value)
                replaced.append(
                    cst.Arg(
                        keyword=cst.Name(str(weight.initializer)),
                        value=cst.parse_expression(f"{namespace}.initializers.Constant({code})"),
                        equal=argument.equal,
                        comma=arg.comma if index == len(weights) - 1 else _arg_separator(arg),
                    )
                )
        edits: list[NodeEdit] = [Replace(call, call.with_changes(args=replaced), wrap=True)]
        if needs_import:
            edits.append(AddImport("keras"))
        return self.fix(
            *edits,
            title="Give the values to the layer's initializers",
            checks=VerifyCheck.INTENDED,
            intended=tuple(Intended(e.value) for e in value.elements),
        )

    def _assign_instead(self, node: cst.CSTNode, writes: list[WeightWrite]) -> FixPlan | None:
        """`weight.set_value(v)`, which raises on a variable (Keras 3 and tf.Variable have no `set_value`), as
        `weight.assign(v)`: the edit the author wrote, made to run, where the values cannot move into the
        initializer (the layer made in another function, or the edit in a loop)."""
        if not writes or any(w.how.split(":")[0] != "variable.set_value" or not w.built for w in writes):
            return None
        if not (
            isinstance(node, cst.Call)
            and isinstance(node.func, cst.Attribute)
            and node.func.attr.value == "set_value"
            and len(node.args) == 1
            and node.args[0].keyword is None
        ):
            return None
        return self.fix(
            Replace(node.func.attr, "assign"),
            title="Use `assign`: a variable has no `set_value`",
            safety=FixSafety.UNSAFE,
            checks=VerifyCheck.REPAIRS,
        )

    def _build_first(self, facts: Facts, writes: list[WeightWrite]) -> FixPlan | None:
        """`copy.set_weights(source.get_weights())` on an unbuilt `copy` -> build `copy` first, with the input
        shape `source` was built with (`source.get_build_config()`, Keras's own record of it), then copy."""
        node = writes[0].node
        if any(w.how.split(":")[0] != "set_weights" or w.node is not node for w in writes):
            return None
        if not (
            isinstance(node, cst.Call)
            and isinstance(node.func, cst.Attribute)
            and isinstance(node.func.value, cst.Name)
            and len(node.args) == 1
            and node.args[0].keyword is None
            and not node.args[0].star
        ):
            return None
        value = node.args[0].value
        if not (
            isinstance(value, cst.Call)
            and not value.args
            and isinstance(value.func, cst.Attribute)
            and value.func.attr.value == "get_weights"
            and isinstance(value.func.value, cst.Name)
            and value.func.value.value != node.func.value.value
        ):
            return None
        statement = writes[0].statement
        if not (
            isinstance(statement, cst.SimpleStatementLine)
            and len(statement.body) == 1
            and isinstance(statement.body[0], cst.Expr)
            and statement.body[0].value is node
        ):
            return None
        copy, source = node.func.value.value, value.func.value.value
        shape = f"{source}.get_build_config()[{string(facts, 'input_shape')}]"
        return self.fix(
            InsertBefore(statement, f"{copy}.build({shape})"),
            title=f"Build `{copy}` with the input shape `{source}` was built with, then set its weights",
            safety=FixSafety.UNSAFE,
            checks=VerifyCheck.REPAIRS,
        )

    def _unbuilt_finding(self, facts: Facts, writes: list[WeightWrite]) -> Finding:
        weights = list(dict.fromkeys(w.weight.spec for w in writes))
        return self.finding(
            writes[0].node,
            fix=self._build_first(facts, writes),
            severity=Severity.ERROR,
            weight="`, `".join(w.name for w in weights),
            when="set before the layer is built",
            consequence=_consequence(facts, writes[0]),
            advice="build the layer first (`layer.build(input_shape)`, or call it once), then set its weights",
        )


@dataclass(frozen=True)
class Edit:
    """One write of a value known at construction: the event, the elements (None: all), the value."""

    event: WeightWrite
    index: tuple[object, ...] | None
    content: Content  # what is written (for an element edit: "full" with its number)


def _context(facts: Facts, writes: list[WeightWrite]) -> list[Edit] | bool | None:
    """The writes of one node in one context: the edits when all prove the pattern, False when one proves it is
    not (trained weights, data), None when that is not known."""
    out: list[Edit] = []
    for write in writes:
        if _carrier(write):
            continue
        if write.trained:
            return False
        if write.weight.layer.synthetic or not (write.built or _certainly_unbuilt(facts, write)):
            return None  # in a method nothing here calls, whether the layer is built yet is not known
        content = _known(write)
        if content is None:
            return None if write.value.is_top else False
        expected = weight_shape(write.weight.layer, write.weight.spec)
        if (
            write.index is None
            and write.shape is not None
            and expected is not None
            and conflict(write.shape, expected)
        ):
            return False  # the value cannot fit: TFV102's bug, and the write raises
        out.append(Edit(write, write.index, content))
    return out or None


def _unbuilt(facts: Facts, writes: list[WeightWrite]) -> bool:
    """Every write of a node, in every context, goes to a layer that is certainly not built yet, outside code
    that expects it to fail: it raises whatever the value is."""
    return bool(writes) and all(
        not write.built
        and not _carrier(write)
        and not write.weight.layer.synthetic
        and not write.ctx.catches("ValueError")
        and not write.ctx.catches("AttributeError")
        and _certainly_unbuilt(facts, write)
        for write in writes
    )


def _certainly_unbuilt(facts: Facts, write: WeightWrite) -> bool:
    """The written layer is certainly not built at the write (made in this run of the code, never built or
    called before). In an entry (a function nothing here calls) only a layer made inside it counts: one it
    reaches from elsewhere may have been built by the real caller."""
    flag = (write.view or {}).get(write.weight.layer, {}).get("built")
    if not certainly(flag if isinstance(flag, AV) else None, False):
        return False
    entry = write.ctx.find(CtxKind.ENTRY)
    return entry is None or any(
        e.obj is write.weight.layer and any(c is entry for c in e.ctx.chain()) for e in facts.of(Created)
    )


def _known(write: WeightWrite) -> Content | None:
    """What the write puts in the weight, when it is known at construction."""
    value = write.value.single()
    if isinstance(value, Const):
        number = value.value
        if isinstance(number, (int, float)) and not isinstance(number, bool):
            return Content("full", fill=number)
        return None
    if not isinstance(value, TensorObj) or value.content is None or value.symbolic:
        return None
    if value.source is not None and value.source != write.weight:
        return None  # another weight's values: a transfer
    content = value.content
    if content.kind == "initial" and content.weight != write.weight:
        return None
    if write.index is not None and content.kind != "full":
        return None
    return content


def _consequence(facts: Facts, event: WeightWrite) -> str:
    how = event.how.split(":")[0]
    if how == "variable.set_value":
        return " (a variable has no `set_value`: this raises `AttributeError`)"
    if not event.built:
        return " (the layer has no weights yet: this raises)"
    if how == "set_value" and facts.flavor is Flavor.KERAS3:
        return " (`keras.backend.set_value` on a Keras 3 variable raises `AttributeError`)"
    return ""


class _Planner:
    """The fix for every finding on one layer: its initializers take the values, the edit statements go."""

    def __init__(self, rule: Rule, facts: Facts, edits: list[Edit], names: set[str]) -> None:
        self.rule, self.facts, self.edits, self.names = rule, facts, edits, names
        self.layer = edits[0].event.weight.layer

    def plan(self) -> FixPlan | None:
        facts, layer = self.facts, self.layer
        call = layer.call
        made = [e for e in facts.of(Created) if e.node is layer.site]
        if call is None or len(made) != 1 or layer.in_loop or layer.wrapper is not None or layer.args.star:
            return None
        if layer.spec is None or layer.spec.wrapper:
            return None
        events = [e.event for e in self.edits]
        elsewhere = any(e.frame.node is not made[0].frame.node for e in events)
        if elsewhere and not self._made_once_for(made[0], events):
            return (
                None  # made in one function, edited in another: other callers of the first would change too
            )
        writes = [w for w in facts.of(WeightWrite) if w.weight.layer is layer and not _carrier(w)]
        if any(all(w is not e for e in events) for w in writes):
            return None  # other writes of unknown values: moving some would reorder them
        prefix = keras_prefix(facts, call.func)
        removed = self._statements()
        if prefix is None or removed is None:
            return None
        edits: list[NodeEdit] = []
        keywords: dict[str, str] = {}
        safe = all(e.event.built for e in self.edits) and not self._read_between(removed)
        moved_draws = 0
        for weight in layer.spec.weights:
            mine = [e for e in self.edits if e.event.weight.spec is weight]
            if not mine:
                continue
            if weight.initializer is None or mine[0].event.weight.path != weight.path:
                return None
            original = base_initializer(facts, layer, weight, prefix)
            if original is None:
                return None
            forget = _forget_gate_bias(layer, weight)
            if forget and any(e.index is not None for e in mine):
                return None  # the original's forget-gate slice is ones, not what its initializer says
            done = self._weight(weight, mine, original, prefix, edits)
            if done is None:
                return None
            keywords[weight.initializer], drops, moves = done
            if forget:
                keywords["unit_forget_bias"] = (
                    "False"  # else Keras puts ones in the new initializer's forget gate
                )
            if drops and not original.deterministic:
                safe = False  # the original's seed draw disappears
            if moves:
                moved_draws += 1
                safe = safe and self._first_random(weight, prefix)
        rest = [a for a in call.args if a.keyword is None or a.keyword.value not in keywords]
        if moved_draws > 1 or (moved_draws and any(_calls(a.value) for a in rest)):
            safe = False
        edits.append(Replace(call, with_keywords(call, keywords), wrap=True))
        edits.extend(Remove(s) for s in removed)
        if elsewhere and any(self._shadowed(made[0], e) for e in self.edits):
            return None  # the moved value would read another binding inside the function that makes the layer
        safe = safe and not elsewhere  # "called once" is read from this file: another module may call it too
        if safe:
            return self.rule.fix(*edits, safety=FixSafety.SAFE)
        # Unsafe: other weights may draw other random numbers, so only the edited elements are promised.
        intended = tuple(
            Intended(call, value=_path(e), weight=_path(e), index=_index(e.index)) for e in self.edits
        )
        return self.rule.fix(*edits, safety=FixSafety.UNSAFE, checks=VerifyCheck.INTENDED, intended=intended)

    def _weight(
        self,
        weight: WeightSpec,
        mine: list[Edit],
        original: BaseInitializer,
        prefix: str,
        edits: list[NodeEdit],
    ) -> tuple[str, bool, bool] | None:
        """The initializer text for one weight, whether it drops the original, whether it moves its draw."""
        last_full = max((i for i, e in enumerate(mine) if e.index is None), default=-1)
        updates = [e for e in mine[last_full + 1 :] if e.index is not None]
        shape = weight_shape(self.layer, weight)
        start = mine[last_full].content if last_full >= 0 else _start(original, self.layer, weight)
        if start is not None and start.kind in ("full", "literal") and updates:
            # Every element known: one `Constant(matrix)`, not a generated class.
            first = start.fill if start.kind == "full" else start.literal
            matrix = _apply(first, shape, [(e.index, e.content.fill) for e in updates])
            if matrix is not None:
                text = constant_initializer(prefix, matrix, shape)
                if text is not None:
                    return text, last_full >= 0 or not original.deterministic, False
        if last_full >= 0:
            base = constant_initializer(prefix, start, shape) or self._expression(mine[last_full], prefix)
            if base is None:
                return None
        else:
            base = original.code
        if not updates:
            return base, True, False
        numpy = self.facts.numpy_alias()
        texts = [(index_text(e.index or ()), number(e.content.fill)) for e in updates]
        if numpy is None or any(i is None or v is None for i, v in texts):
            return None
        if numpy[1]:
            edits.append(AddImport("numpy", "np"))
        name = self._class_name(weight.name)
        about = f"`{original.kind}`, then the values once assigned to `{weight.name}` after the build."
        if last_full >= 0:
            about = f"the values once assigned to `{weight.name}` after the build."
        code = override_class(
            name,
            prefix,
            numpy[0],
            base,
            weight.name,
            [(i, v) for i, v in texts if i is not None and v is not None],
            about,
            register_decorator(self.facts, prefix),
        )
        edits.append(AddModuleCode(f"tfv201:{name}", code))
        return (
            f"{name}()",
            last_full >= 0,
            last_full < 0 and not original.deterministic and not original.explicit_call,
        )

    def _made_once_for(self, made: Created, events: list[WeightWrite]) -> bool:
        """The layer is made by a chain of calls from where it is edited, each of a plain module-level function
        named only by its `def` and one call: moving the values into the construction changes no other call."""
        between = _between(made, events[0])
        if not between or any(_between(made, e) != between for e in events):
            return False
        for node in between:
            if node.decorators or self.facts.word_count(node.name.value) != 2:
                return False
            owner = self.facts.ancestors(node)
            if not owner or not isinstance(owner[-1], cst.Module):
                return False  # a method or a nested function: reached in ways a name count does not show
        return True

    def _shadowed(self, made: Created, edit: Edit) -> bool:
        """Whether a name the moved value reads is bound in a function between the construction and the edit."""
        value = edit.event.value.single()
        expr = value.site if isinstance(value, TensorObj) else None
        if not isinstance(expr, cst.BaseExpression):
            return False
        names = read_names(expr)
        return any(not names.isdisjoint(scope_info(node).locals) for node in _between(made, edit.event) or ())

    def _expression(self, edit: Edit, prefix: str) -> str | None:
        """The written expression itself, when it reads only constants and imports (so it may move)."""
        value = edit.event.value.single()
        expr = value.site if isinstance(value, TensorObj) else None
        if not isinstance(expr, cst.BaseExpression) or edit.content.kind != "other":
            return None
        if not reads_only_constants(self.facts, edit.event, expr):
            return None
        return f"{prefix}.initializers.Constant({self.facts.code_for(expr)})"

    def _statements(self) -> list[cst.SimpleStatementLine] | None:
        """The statements that make the edits (round trips included), each alone on its line at the top of its
        function or module, and the statements that only feed them."""
        out: list[cst.SimpleStatementLine] = []
        for edit in self.edits:
            event = edit.event
            for statement in (*event.statements, event.statement):
                if not isinstance(statement, cst.SimpleStatementLine) or len(statement.body) != 1:
                    return None
                if statement not in out:
                    out.append(statement)
            if len(event.chain) != 1:
                return None  # inside a loop or a branch: the statement does more than this edit
        body = _frame_body(self.edits[0].event)
        if body is None or any(s not in body for s in out):
            return None
        for statement in out:
            small = statement.body[0]
            if not isinstance(small, cst.Assign):
                continue
            targets = [t.target for t in small.targets if not isinstance(t.target, cst.Subscript)]
            for name in (n for t in targets for n in _names(t)):
                if name == "." or self.facts.word_count(name) != sum(_count(s, name) for s in out):
                    return None  # the round trip's copy is used elsewhere too
        feeders = not isinstance(self.edits[0].event.frame.node, cst.Module)  # module names may be imported
        for statement in reversed(body) if feeders else ():
            if (
                statement not in out
                and isinstance(statement, cst.SimpleStatementLine)
                and self._feeds(statement, out)
            ):
                out.append(statement)
        return out

    def _feeds(self, statement: cst.SimpleStatementLine, removed: list[cst.SimpleStatementLine]) -> bool:
        """A plain assignment whose names are read only by removed statements, computing nothing that matters."""
        if len(statement.body) != 1 or not isinstance(statement.body[0], cst.Assign):
            return False
        assign = statement.body[0]
        targets = [n for t in assign.targets for n in _names(t.target)]
        if not targets or not _harmless(assign.value, self.facts):
            return False
        for name in targets:
            inside = sum(_count(s, name) for s in (*removed, statement))
            if self.facts.word_count(name) != inside:
                return False
        return True

    def _read_between(self, removed: list[cst.SimpleStatementLine]) -> bool:
        """Whether the layer's weights were read (or a model holding it run) between its build and the edit."""
        facts, layer = self.facts, self.layer
        events = facts.events
        start = next((facts.index_of(e) for e in facts.of(Created) if e.obj is layer), 0)
        end = min(facts.index_of(x.event) for x in self.edits)
        inside = {id(s) for s in removed}
        calls = 0
        for event in events[start:end]:
            if any(id(s) in inside for s in event.chain):
                continue
            if (
                isinstance(event, Attribute)
                and not event.store
                and any(_part_of(o, layer) for o in event.base)
            ):
                return True
            if isinstance(event, MethodCall) and event.callee in READS and _reaches(event, layer):
                if event.callee != "__call__":
                    return True
                calls += 1
        return calls > 1

    def _first_random(self, weight: WeightSpec, prefix: str) -> bool:
        """Whether every weight initialized before `weight` is deterministic (so no seed is drawn first)."""
        if (
            self.facts.flavor is Flavor.KERAS3
            and self.layer.spec is not None
            and self.layer.spec.cls in _SEED_FIRST
        ):
            return False
        for other in self.layer.spec.weights if self.layer.spec is not None else ():
            if other is weight:
                return True
            base = base_initializer(self.facts, self.layer, other, prefix)
            if base is None or not base.deterministic:
                return False
        return False

    def _class_name(self, weight: str) -> str:
        layer = self.layer
        event = self.edits[0].event
        bound = access(self.facts, event, layer)
        stem = layer.name or (bound if bound is not None and bound.isidentifier() else layer.short)
        words = [w for w in re.sub(r"\W", "_", f"{stem}_{weight}").split("_") if w]
        name = "".join(w[:1].upper() + w[1:] for w in words) + "Initializer"
        name = name if name[:1].isalpha() else f"Edited{name}"
        candidate, n = name, 2
        while candidate in self.facts.module_names or candidate in self.names:
            candidate, n = f"{name}{n}", n + 1
        self.names.add(candidate)
        return candidate


_TAKE_WEIGHTS = frozenset({"Embedding", "Bidirectional"})  # the Keras 3 layers whose constructor takes `weights=`

_GLOBAL_INITIALIZERS = frozenset(
    {
        "tf.compat.v1.global_variables_initializer",
        "tf.global_variables_initializer",
        "tf.compat.v1.initialize_all_variables",
        "tf.initialize_all_variables",
        "tf.compat.v1.initializers.global_variables",
    }
)


# Sessions that run the graph's variable initializers themselves when they are made: their default `Scaffold`'s
# `init_op` is `global_variables_initializer()` (tensorflow#14392: an Estimator's model_fn, run in one).
_INITIALIZING_SESSIONS = frozenset(
    {
        "tf.compat.v1.train.MonitoredTrainingSession",
        "tf.compat.v1.train.MonitoredSession",
        "tf.compat.v1.train.SingularMonitoredSession",
    }
)


def _initializing_session(call: MethodCall) -> bool:
    """A monitored session that certainly initializes every variable: not given a `checkpoint_dir` (it restores
    from a checkpoint there when one exists), a `scaffold` (its own `init_op` or `init_fn`) or a
    `session_creator`, whose creation is not followed; nor given any argument by position."""
    if call.callee not in _INITIALIZING_SESSIONS or call.args is None or call.args.star or call.args.positional:
        return False  # positions are not read: `MonitoredSession(creator)`, `...(master, is_chief, checkpoint_dir)`
    return not any(call.args.given(k) for k in ("checkpoint_dir", "scaffold", "session_creator"))


def _forget_gate_bias(layer: LayerObj, weight: WeightSpec) -> bool:
    """The bias of an LSTM whose `unit_forget_bias` may be on: Keras builds it from `bias_initializer((units,))`,
    ones for the forget gate, and `bias_initializer((2 * units,))`."""
    return (
        weight.initializer == "bias_initializer"
        and layer.short in FORGET_GATE_LAYERS
        and layer.known.get("unit_forget_bias", True) is not False
    )


# Keras 3 cells that draw their dropout seed (`SeedGenerator(seed)`, from Python's `random`) before they construct
# their initializers: an initializer constructed before the layer draws that seed's number instead.
_SEED_FIRST = frozenset({"SimpleRNN", "SimpleRNNCell", "ConvLSTM1D", "ConvLSTM2D", "ConvLSTM3D"})
_WRITES = frozenset({"assign", "set_weights", "set_value", "variable.set_value"})
READS = frozenset(
    {".get_weights", ".predict", ".evaluate", ".save", ".save_weights", ".predict_on_batch", "__call__"}
)


def _start(original: BaseInitializer, layer: LayerObj, weight: WeightSpec) -> Content | None:
    """What the original initializer fills the weight with, when it is one value (zeros, ones, Constant(v))."""
    if original.kind == "zeros":
        return Content("full", fill=0.0)
    if original.kind == "ones":
        return Content("full", fill=1.0)
    if original.kind == "constant" and weight.initializer is not None:
        init = layer.args.get(weight.initializer).single()
        if isinstance(init, KerasObj):
            value = init.args.first("value", 0).const()
            if isinstance(value, (int, float)) and not isinstance(value, bool):
                return Content("full", fill=value)
    return None


def _flatten(value: object, dims: list[int]) -> list[object]:
    """The numbers of a nested tuple of exactly the shape `dims`, row-major; [] when it is not that."""
    if not dims:
        return [float(value)] if isinstance(value, (int, float)) and not isinstance(value, bool) else []
    if not isinstance(value, tuple) or len(value) != dims[0]:
        return []
    out: list[object] = []
    for item in value:
        part = _flatten(item, dims[1:])
        if not part:
            return []
        out.extend(part)
    return out


def _apply(
    fill: object, shape: tuple[int | None, ...] | None, updates: list[tuple[object, object]]
) -> Content | None:
    """The whole weight, `fill` everywhere and then the updates, when it is small enough to write out."""
    if shape is None or any(d is None for d in shape) or not isinstance(fill, (int, float, tuple)):
        return None
    dims = [d for d in shape if d is not None]
    size = 1
    for d in dims:
        size *= d
    if size > MAX_LITERAL or not dims:
        return None
    flat: list[object]
    if isinstance(fill, tuple):  # a literal of the weight's whole shape
        flat = _flatten(fill, dims)
        if not flat:
            return None
    else:
        flat = [float(fill)] * size
    strides = [1] * len(dims)
    for axis in range(len(dims) - 2, -1, -1):
        strides[axis] = strides[axis + 1] * dims[axis + 1]
    for index, value in updates:
        if not isinstance(index, tuple) or len(index) > len(dims) or not isinstance(value, (int, float)):
            return None
        ranges: list[range] = []
        for axis, dim in enumerate(dims):
            part = index[axis] if axis < len(index) else slice(None)
            if isinstance(part, int) and not isinstance(part, bool):
                if not -dim <= part < dim:
                    return None
                ranges.append(range(part % dim, part % dim + 1))
            elif isinstance(part, slice):
                ranges.append(range(*part.indices(dim)))
            else:
                return None
        for position in itertools.product(*ranges):
            flat[sum(p * s for p, s in zip(position, strides, strict=True))] = float(value)
    if len(set(flat)) == 1:
        return Content("full", fill=flat[0])  # type: ignore[arg-type]
    return Content("literal", literal=_nest(flat, dims))


def _nest(flat: list[object], dims: list[int]) -> object:
    if len(dims) == 1:
        return tuple(flat)
    step = len(flat) // dims[0]
    return tuple(_nest(flat[i * step : (i + 1) * step], dims[1:]) for i in range(dims[0]))


def _path(edit: Edit) -> str:
    return ".".join(edit.event.weight.path)


def _index(index: tuple[object, ...] | None) -> str:
    return "" if index is None else index_text(index) or ""


def _between(made: Created, edit: WeightWrite) -> list[cst.FunctionDef] | None:
    """The functions called from the edit's point down to the construction (innermost first), when the edit's
    calls are the outer part of the construction's and nothing between is a loop pass or an entry; else None."""
    links = [c for c in made.ctx.chain() if c.kind in (CtxKind.CALL, CtxKind.LOOP, CtxKind.ENTRY)]
    outer = [c for c in edit.ctx.chain() if c.kind in (CtxKind.CALL, CtxKind.LOOP, CtxKind.ENTRY)]
    if len(links) <= len(outer) or any(
        a is not b for a, b in zip(links[len(links) - len(outer) :], outer, strict=True)
    ):
        return None
    inner = links[: len(links) - len(outer)]
    if any(c.kind is not CtxKind.CALL or not isinstance(c.node, cst.Call) for c in inner):
        return None
    nodes = [c.data.node for c in inner if isinstance(c.data, FuncObj)]
    if len(nodes) != len(inner) or not all(isinstance(n, cst.FunctionDef) for n in nodes):
        return None
    return [n for n in nodes if isinstance(n, cst.FunctionDef)]


def _frame_body(event: WeightWrite) -> Sequence[cst.BaseStatement] | None:
    node = event.frame.node
    if isinstance(node, cst.Module):
        return node.body
    if isinstance(node, cst.FunctionDef) and isinstance(node.body, cst.IndentedBlock):
        return node.body.body
    return None


def _names(target: cst.BaseExpression) -> list[str]:
    if isinstance(target, cst.Name):
        return [target.value]
    if isinstance(target, (cst.Tuple, cst.List)):
        return [n for e in target.elements for n in _names(e.value)]
    return ["."]  # an attribute or item: never removed


def _count(node: cst.CSTNode, name: str) -> int:
    """How often `name` is read or bound in `node` (an attribute `x.name` is not the name)."""
    nodes = list(descendants(node))
    attributes = {id(n.attr) for n in nodes if isinstance(n, cst.Attribute)}
    return sum(1 for n in nodes if isinstance(n, cst.Name) and n.value == name and id(n) not in attributes)


_PURE_METHODS = ("get_weights", "numpy", "get_layer", "astype", "copy", "reshape")


def _harmless(expr: cst.BaseExpression, facts: Facts) -> bool:
    """Reads weights, shapes, literals and array constructors only (nothing with an effect)."""
    for node in descendants(expr):
        if isinstance(node, (cst.Lambda, cst.NamedExpr, cst.Yield, cst.Await)):
            return False
        if isinstance(node, cst.Call):
            func = node.func
            if isinstance(func, cst.Attribute) and func.attr.value in _PURE_METHODS:
                continue
            head = dotted_name(func) or ""
            if facts.imported(head.split(".", 1)[0]) not in (
                "numpy",
                "tensorflow",
                "keras",
                "tensorflow.keras",
            ):
                return False
            if ".random." in f".{head}." or ".keras.backend." in f".{head}.":
                return False
    return True


def _calls(expr: cst.BaseExpression) -> bool:
    return any(isinstance(n, cst.Call) for n in descendants(expr))


def _carrier(write: WeightWrite) -> bool:
    """A round trip's copy of the weight set back whole (its edits are events of their own)."""
    value = write.value.single()
    return isinstance(value, TensorObj) and value.source == write.weight and write.index is None


def _part_of(obj: Obj, layer: LayerObj) -> bool:
    return obj is layer or (isinstance(obj, PartObj) and obj.layer is layer)


def _reaches(event: MethodCall, layer: LayerObj) -> bool:
    for obj in event.receiver:
        if obj is layer:
            return True
        if isinstance(obj, (ModelObj, InstanceObj)) and event.view is None:
            return True  # a model: it may hold the layer
    return False


def _list_bound_once(facts: Facts, name: cst.Name, call: cst.Call) -> cst.List | cst.Tuple | None:
    """The list literal `name` is bound to by its one binding, `name = [w, b]`, a statement of the body that
    holds `call` (the module's, or the same function's), when no other code names it: the list is then the
    one `call` is given, unchanged."""
    uses = [
        n
        for n in facts.names_of(name.value)
        if not (facts.ancestors(n) and isinstance(p := facts.ancestors(n)[-1], cst.Arg) and p.keyword is n)
    ]
    others = [n for n in uses if n is not name]
    if len(others) != 1:
        return None
    path = facts.ancestors(others[0])
    if len(path) < 4 or not isinstance(path[-1], cst.AssignTarget) or not isinstance(path[-2], cst.Assign):
        return None
    assign, line, body = path[-2], path[-3], path[-4]
    if len(assign.targets) != 1 or not isinstance(line, cst.SimpleStatementLine) or len(line.body) != 1:
        return None
    if not isinstance(body, (cst.Module, cst.IndentedBlock)):
        return None

    def scope(node: cst.CSTNode) -> cst.CSTNode | None:
        return next((a for a in reversed(facts.ancestors(node)) if isinstance(a, (cst.FunctionDef, cst.Lambda))), None)

    if scope(others[0]) is not scope(call) or scope(call) is not scope(body):
        return None
    value = assign.value
    return value if isinstance(value, (cst.List, cst.Tuple)) else None


def _arg_separator(arg: cst.Arg) -> cst.Comma:
    """The comma between arguments written where `arg` stood: its own (a line break and indentation where the
    call has one argument a line, without the comment that stood there), or `, ` after a last argument."""
    if not isinstance(arg.comma, cst.Comma):
        return cst.Comma(whitespace_after=cst.SimpleWhitespace(" "))
    after = arg.comma.whitespace_after
    if isinstance(after, cst.ParenthesizedWhitespace):
        after = after.with_changes(first_line=cst.TrailingWhitespace(), empty_lines=[])
    return arg.comma.with_changes(whitespace_after=after)


def _laid_out(facts: Facts, call: cst.Call) -> bool:
    """Whether initializers written into `call` keep the file's line length: its arguments stand one a line
    already, or it is a statement's value (`x = Conv2D(...)`, `x = Conv2D(...)(x)`), which the fix wraps when the
    line grows too long. A call inside a list or another call's arguments is not wrapped alone: no fix there."""
    if any(isinstance(a.comma, cst.Comma) and isinstance(a.comma.whitespace_after, cst.ParenthesizedWhitespace)
           for a in call.args):
        return True
    path = facts.ancestors(call)
    parent = path[-1] if path else None
    if isinstance(parent, cst.Call) and parent.func is call:
        parent = path[-2] if len(path) > 1 else None
    return isinstance(parent, (cst.Assign, cst.AnnAssign, cst.Return, cst.Expr))
