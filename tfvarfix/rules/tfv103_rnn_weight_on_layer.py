from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import libcst as cst

from tfvarfix.codegen import quote_of
from tfvarfix.keras.names import canonical
from tfvarfix.keras.table import RECURRENT_WEIGHTS
from tfvarfix.rule import Finding, FixPlan, Intended, Replace, Rule
from tfvarfix.semantics.evaluate import dotted_name
from tfvarfix.semantics.events import Attribute, Created, CtxKind, MethodCall
from tfvarfix.semantics.facts import Facts, reachable
from tfvarfix.semantics.values import LayerObj, Obj, PartObj
from tfvarfix.semantics.walker import sole_assignment
from tfvarfix.types import FixAvailability, FixSafety, VerifyCheck


class RnnWeightOnLayer(Rule):
    """
    ## What it does
    Finds `.kernel`, `.recurrent_kernel` and `.bias` read or stored on a recurrent layer (`LSTM`, `GRU`,
    `SimpleRNN`, `ConvLSTM2D`, and the generic `RNN(cell)`, which has none of its own whatever the cell) instead
    of on its cell, and wrong weight paths through `Bidirectional` and `TimeDistributed`: on a name bound to the
    layer, on `model.get_layer('name')`, on `model.layers[i]`. Also `.cell` read on a built-in layer that has
    none: only the recurrent layers have one, so `TimeDistributed(Dense(...)).cell`, `Bidirectional(...).cell`
    and `Dense(...).cell` raise (keras-adamw#29: a weight-decay helper sent every layer with a `layer` or a
    `cell` attribute to its RNN branch, which read `layer.cell`); reported without a fix. A read
    that other contexts make on layers that do have the weight (a loop over `model.layers` holding an `LSTM` and
    a `Dense`) is reported when a context that certainly runs reaches it with only recurrent layers (the loop's
    pass over the LSTM); a read of a value that may be either layer is not.

    ## Why is this bad?
    Keras 3 and tf_keras keep a recurrent layer's weights on its cell: `lstm.kernel` raises
    `AttributeError: 'LSTM' object has no attribute 'kernel'` (Keras 1 and 2 had the attribute, so old answers and
    articles still show it). `Bidirectional` has no `cell` and no `kernel`: its weights live on `forward_layer` and
    `backward_layer`, which are copies of the layer it wraps, so the wrapped layer object itself is never built.
    `TimeDistributed` keeps its weights on `.layer`.

    ## Example
    ```python
    import tensorflow as tf

    lstm_layer = tf.keras.layers.LSTM(64, name="my_lstm")
    _ = lstm_layer(tf.zeros((32, 10, 1)))
    kernel = lstm_layer.kernel
    ```

    ## Use instead
    ```python
    import tensorflow as tf

    lstm_layer = tf.keras.layers.LSTM(64, name="my_lstm")
    _ = lstm_layer(tf.zeros((32, 10, 1)))
    kernel = lstm_layer.cell.kernel
    ```

    ## Fix safety
    Inserting `.cell` (or `.layer` for `TimeDistributed`) is safe: the original raises `AttributeError` on that
    line, and the rewrite reads the only weight of that name the layer has. A path through `Bidirectional` without
    a direction has two candidates (forward and backward); it is reported without a fix.

    A read on a parameter of a helper (`def gate_blocks(layer): layer.recurrent_kernel`) gets the same `.cell`
    when the helper is a module-level function, every mention of its name in the module is a call the
    analysis followed into it, and every layer those calls pass is a recurrent layer (an LSTM at one call and
    a GRU at another alike). Unsafe: a caller in another module may pass a layer that has the weight itself
    (a `Dense`), which the rewrite would break. Withheld where one call passes a layer the analysis does not
    know (a loaded or deserialized layer), where the helper's name is used otherwise (passed as a value,
    called where the analysis does not follow), or where it is a method; a call that passes a layer holding
    the weight itself means the read does not always raise, and nothing is reported.

    A read that meets recurrent layers and layers holding the weight themselves in one place (a loop over
    `model.layers` reaching an LSTM and a Dense, keras-adamw#32) gets `getattr(layer, "cell", layer).kernel`:
    the recurrent layers' cell weight, the others' own, which no built-in non-recurrent layer shadows with a
    `.cell`. Unsafe: the pass that raised now runs, and a layer of another module's making with a `.cell`
    attribute of its own would be read through it. Offered only when every layer known there is one of the two
    kinds (a layer not known, or a `Bidirectional` without a direction, withholds it) and the receiver is a
    name or an attribute path (read twice, it must be cheap and the same).

    The layer object a `Bidirectional` wrapped is never built: the wrapper builds a copy of it as its
    `forward_layer` (a `backward_layer` given is used as it is). When a model keeps both as attributes
    (`self.rnn = RNN(...)`, `self.bi = Bidirectional(self.rnn)`, made once in one method) and a method of the
    same class reads `self.rnn.cell.kernel` after the wrapper was called, the fix reads the copy,
    `self.bi.forward_layer.cell.kernel`: the weight the wrapper trains, and the one the author meant. Unsafe: the
    original raises. The wrapped object reached any other way (a local name, a parameter) is reported without a
    fix.

    A store on the layer (`enc.bias = tf.Variable(...)`) raises nothing: it sets a new attribute that the layer
    never reads, and the weight keeps its value. A store is not a read, so no `.cell` is inserted there (that
    would rebind the cell's attribute, and the model's tracked weight would still keep its value). On a layer
    certainly built at that point, the fix assigns the value into the weight,
    `enc.cell.bias.assign(<value>)` (the initial value of a `tf.Variable(...)`), which changes the model's
    weights: unsafe. Before the build there is no weight to assign to, and the store is reported without a fix.

    ## Numerical equivalence
    `repairs`: `verify` runs the original, which raises the `AttributeError`, and the rewrite, which runs and
    builds the same model.

    ## References
    - [Keras LSTM layer](https://keras.io/api/layers/recurrent_layers/lstm/)
    - [Keras Bidirectional wrapper](https://keras.io/api/layers/recurrent_layers/bidirectional/)
    """

    CODE = "TFV103"
    NAME = "rnn-weight-on-layer"
    MESSAGE = "`{expr}` raises AttributeError: {reason}; use `{fixed}`"
    FIX_TITLE = "Insert `.cell`"
    FIX_AVAILABILITY = FixAvailability.SOMETIMES
    FIX_SAFETY = FixSafety.SAFE
    VERIFY = VerifyCheck.REPAIRS

    def check(self, facts: Facts) -> Iterator[Finding]:
        order: _Order | None = None  # made on the first finding that needs it, once per module
        for node, events in facts.grouped(Attribute):
            receiver = _receiver(node)
            weights = {e.attr for e in events}  # one, but for `getattr(lstm, name)` in a loop over names
            weight = events[0].attr
            cell = weights == {"cell"}  # the segment itself: `td.cell` raises before any weight is read
            if (
                not isinstance(node, (cst.Attribute, cst.Call))
                or receiver is None
                or not (weights <= RECURRENT_WEIGHTS or cell)
            ):
                continue
            if cell and any(e.store for e in events):
                continue  # `dense.cell = ...` sets a new attribute: no raise
            if any(e.store for e in events):
                if len(weights) > 1:
                    continue
                yield from self._store(facts, node, receiver, [e for e in events if reachable(e)])
                continue
            live = [e for e in events if reachable(e) and not e.ctx.catches("AttributeError")]
            judged = [
                (e, _cell_verdict(o) if cell else _verdict(o, e.attr, e.built.const() is True))
                for e in live
                for o in (list[Obj | None](e.base) or [None])
            ]
            verdicts = [v for _, v in judged]
            if not verdicts:
                continue
            if any(v is _FINE for v in verdicts) and not _raises_somewhere(judged):
                continue  # some contexts read a layer that has the weight, and none that raises certainly runs
            wrong = [v for v in verdicts if isinstance(v, _Wrong)]
            if not wrong:
                continue
            first = wrong[0]
            # One fix for every context (`.cell` is right for an LSTM and a GRU alike). Through a parameter, every
            # layer the program's calls pass is such a layer; a call the analysis does not see (another module)
            # may pass another layer, which reads its own weight today: unsafe there.
            certain = len(wrong) == len(verdicts) and all(v.segment == first.segment for v in wrong)
            expr = facts.code_for(node)
            base = facts.code_for(receiver)
            fixed = first.fixed.format(base=base, weight=weight)
            if len(weights) > 1:  # `getattr(lstm, name)` of several weights: the names stay as they are
                if not (certain and first.segment and isinstance(node, cst.Call)):
                    continue
                fixed = f"getattr({base}.{first.segment}, {facts.code_for(node.args[1].value)})"
            fix = None
            if certain and first.segment:
                # `lstm.kernel` -> `lstm.cell.kernel`; `getattr(lstm, "kernel")` -> `getattr(lstm.cell, "kernel")`
                inserted = cst.Attribute(value=receiver, attr=cst.Name(first.segment))
                edit = (
                    Replace(receiver, inserted)
                    if isinstance(node, cst.Call)
                    else Replace(node, node.with_changes(value=inserted))
                )
                if not _through_parameter(live[0], receiver):
                    fix = self.fix(edit, title=f"Insert `.{first.segment}`")
                elif _every_call_seen(facts, live):
                    fix = self.fix(
                        edit,
                        title=f"Insert `.{first.segment}` (every layer this program passes is recurrent)",
                        safety=FixSafety.UNSAFE,
                    )
            elif len(wrong) == len(verdicts) and first.copy is not None and isinstance(node, cst.Attribute):
                order = order or _Order(facts)
                fix = self._read_the_copy(facts, order, node, live, wrong)
            elif _cell_or_itself(verdicts, wrong, receiver):
                # A loop over `model.layers` that meets an LSTM and a Dense: the recurrent ones read their
                # cell's weight, the others (none of which has a `.cell`) their own, as before.
                quote = quote_of(facts.module)
                either = f"getattr({base}, {quote}cell{quote}, {base})"
                fix = self.fix(
                    Replace(receiver, either)
                    if isinstance(node, cst.Call)
                    else Replace(node, f"{either}.{weight}"),
                    title=f"Read `{either}.{weight}` (`.cell` where the layer is recurrent)",
                    safety=FixSafety.UNSAFE,
                )
            if any(v is _FINE for v in verdicts):  # a loop or calls that also read layers that have the weight
                fixed += f"` for it; the other layers `{base}` holds here have `{weight}"
            yield self.finding(node, fix=fix, expr=expr, reason=first.reason, fixed=fixed)

    def _read_the_copy(
        self, facts: Facts, order: _Order, node: cst.Attribute, events: list[Attribute], wrong: list[_Wrong]
    ) -> FixPlan | None:
        """`self.rnn.cell.kernel`, of the RNN a Bidirectional wraps (and copies), read in a method of the class
        whose `__init__` made both (`self.rnn = RNN(...)`, `self.bi = Bidirectional(self.rnn)`) ->
        `self.bi.forward_layer.cell.kernel`, the copy the wrapper built and trains. Only after the wrapper was
        called (the read raised because the original is never built; the copy is built by then)."""
        copy = wrong[0].copy
        if copy is None or any(w.copy != copy for w in wrong):
            return None
        bidirectional, path = copy
        wrapped = bidirectional.wrapped
        held = node.value
        for _ in path:
            held = held.value if isinstance(held, cst.Attribute) else held
        if wrapped is None or not (isinstance(held, cst.Attribute) and isinstance(held.value, cst.Name)):
            return None
        owner = held.value.value
        own = _self_attribute(order, wrapped)
        wrapper = _self_attribute(order, bidirectional)
        if own is None or wrapper is None or own[1] != held.attr.value or own[0] is not wrapper[0]:
            return None
        method = events[0].function
        cls = next((a for a in reversed(facts.ancestors(node)) if isinstance(a, cst.ClassDef)), None)
        if method is None or cls is None or method not in cls.body.body or own[0] not in cls.body.body:
            return None
        if not method.params.params or method.params.params[0].name.value != owner:
            return None
        if not all(order.called_before(bidirectional, e) for e in events):
            return None
        fixed = ".".join((owner, wrapper[1], "forward_layer", *path, node.attr.value))
        return self.fix(
            Replace(node, fixed),
            title=f"Read `{fixed}`, the copy Bidirectional built",
            safety=FixSafety.UNSAFE,
        )

    def _store(
        self,
        facts: Facts,
        node: cst.Attribute | cst.Call,
        receiver: cst.BaseExpression,
        events: list[Attribute],
    ) -> Iterator[Finding]:
        """`enc.bias = tf.Variable(...)` (or `setattr(enc, "bias", ...)`) on an LSTM: no error, a new attribute
        the layer never reads. A store is not a read, so inserting `.cell` would only rebind the cell's attribute
        (TFV105); the value goes into the weight with `assign`, which changes the model: unsafe."""
        if not events or not all(e.store for e in events):
            return
        weight = events[0].attr
        verdicts = [
            _verdict(o, weight, e.built.const() is True)
            for e in events
            for o in (list[Obj | None](e.base) or [None])
        ]
        wrong = [v for v in verdicts if isinstance(v, _Wrong)]
        if not verdicts or len(wrong) != len(verdicts):
            return
        first = wrong[0]
        base = facts.code_for(receiver)
        fixed = first.fixed.format(base=base, weight=weight)
        fix = None
        statement = events[0].chain[-1] if events[0].chain else None
        target: cst.Assign | cst.Call | None
        if isinstance(node, cst.Call):  # `setattr(enc, "bias", value)` standing alone as a statement
            target = node if _sole_expression(statement, node) else None
            stored = node.args[2].value if target is not None else None
        else:
            target = sole_assignment_of(statement, node)
            stored = target.value if target is not None else None
        built = all(e.built.const() is True for e in events)
        same = all(v.segment == first.segment for v in wrong) and first.segment == "cell"
        if (
            target is not None
            and stored is not None
            and built
            and same
            and not _through_parameter(events[0], receiver)
        ):
            value = _unwrapped(facts, stored)
            fix = self.fix(
                Replace(target, f"{fixed}.assign({facts.code_for(value)})"),
                title=f"Assign the value to `{fixed}`",
                safety=FixSafety.UNSAFE,
                checks=VerifyCheck.INTENDED,  # the weight now holds the value the store meant to give it
                intended=(Intended(value),),
            )
        said = facts.code_for(node) if isinstance(node, cst.Call) else f"{facts.code_for(node)} = ..."
        message = _STORE.format(expr=said, reason=first.reason, fixed=fixed)
        yield Finding(node=node, message=message, fix=fix, code=self.CODE)


_STORE = (
    "`{expr}` sets a new attribute that the layer never reads ({reason}): the weight keeps its value; "
    "use `{fixed}.assign(...)`"
)
_VARIABLES = frozenset({"tf.Variable", "tf.compat.v1.Variable", "keras.Variable"})


def sole_assignment_of(statement: cst.CSTNode | None, target: cst.CSTNode) -> cst.Assign | None:
    """The `target = value` statement when `statement` is a line holding only that."""
    if not isinstance(statement, cst.SimpleStatementLine) or len(statement.body) != 1:
        return None
    assign = statement.body[0]
    if (
        not isinstance(assign, cst.Assign)
        or len(assign.targets) != 1
        or assign.targets[0].target is not target
    ):
        return None
    return assign


def _receiver(node: cst.CSTNode) -> cst.BaseExpression | None:
    """The object an attribute is read on or stored to: `x` of `x.kernel`, of `getattr(x, "kernel")` and of
    `setattr(x, "kernel", v)` (plain positional arguments only)."""
    if isinstance(node, cst.Attribute):
        return node.value
    if isinstance(node, cst.Call) and node.args and all(a.keyword is None and not a.star for a in node.args):
        return node.args[0].value
    return None


def _sole_expression(statement: cst.CSTNode | None, call: cst.Call) -> bool:
    """Whether `statement` is a line holding only the expression `call`."""
    return (
        isinstance(statement, cst.SimpleStatementLine)
        and len(statement.body) == 1
        and isinstance(statement.body[0], cst.Expr)
        and statement.body[0].value is call
    )


def _unwrapped(facts: Facts, value: cst.BaseExpression) -> cst.BaseExpression:
    """The initial value of `tf.Variable(value)` (what `assign` takes); the expression itself otherwise."""
    if (
        isinstance(value, cst.Call)
        and len(value.args) == 1
        and value.args[0].keyword is None
        and not value.args[0].star
        and _callee(facts, value.func) in _VARIABLES
    ):
        return value.args[0].value
    return value


def _callee(facts: Facts, func: cst.BaseExpression) -> str | None:
    dotted = dotted_name(func)
    if not dotted:
        return None
    head, _, tail = dotted.partition(".")
    module = facts.imported(head)
    return canonical(f"{module}.{tail}" if tail else module) if module else None


@dataclass(frozen=True)
class _Wrong:
    reason: str
    fixed: str  # what to write instead, with {base} and {weight}
    segment: str = ""  # the attribute to insert before the weight; "" when there are two candidates
    # The Bidirectional that copies the wrapped layer read here, and the path from its forward layer to the
    # object read (`("cell",)` for `rnn.cell.kernel`).
    copy: tuple[LayerObj, tuple[str, ...]] | None = None


_FINE = object()


def _verdict(obj: Obj | None, weight: str, built: bool) -> _Wrong | object | None:
    """Why reading `weight` on `obj` raises, `_FINE` when it does not, None when that is not known."""
    path: tuple[str, ...]
    if isinstance(obj, LayerObj):
        layer, path = obj, ()
    elif isinstance(obj, PartObj):
        layer, path = obj.layer, obj.path
    else:
        return None
    if layer.spec is None:
        return _generic_rnn(layer, weight) if layer.short == "RNN" and not path else None
    short = layer.short
    if _copied(layer) and not built:
        return _Wrong(
            f"Bidirectional copies the layer it wraps, so this {short} is never built",
            "<bidirectional>.forward_layer.cell.{weight}` or `<bidirectional>.backward_layer.cell.{weight}",
            copy=_forward_copy(layer, path),
        )
    if layer.spec.weight_at((*path, weight)) is not None:
        return _FINE
    if layer.spec.recurrent and not path:
        return _Wrong(f"{short} keeps its weights on `.cell`", "{base}.cell.{weight}", "cell")
    inner = layer.wrapped
    if short == "Bidirectional" and inner is not None and inner.spec is not None and inner.spec.recurrent:
        if path in (("forward_layer",), ("backward_layer",)):
            return _Wrong(
                f"the {inner.short} in `{path[0]}` keeps its weights on `.cell`",
                "{base}.cell.{weight}",
                "cell",
            )
        if not path:
            return _Wrong(
                "Bidirectional keeps its weights on `forward_layer` and `backward_layer`",
                "{base}.forward_layer.cell.{weight}` or `{base}.backward_layer.cell.{weight}",
            )
    if short == "TimeDistributed" and inner is not None and inner.spec is not None and not path:
        if inner.spec.recurrent:
            return None  # TimeDistributed over an RNN is rare enough that we do not guess its path
        if inner.spec.weight(weight) is not None:
            return _Wrong("TimeDistributed keeps its weights on `.layer`", "{base}.layer.{weight}", "layer")
    return _FINE if layer.spec.weights else None


def _cell_verdict(obj: Obj | None) -> _Wrong | object | None:
    """Whether reading `.cell` on `obj` raises. Of the layers in the weight table, exactly the recurrent ones
    (`LSTM`, `GRU`, `SimpleRNN`, `ConvLSTM1D/2D/3D`) have a `.cell`, built or not; every other one, the cells
    (`LSTMCell`), `Bidirectional` and `TimeDistributed` included, has none (measured with `hasattr` on Keras 3.15
    and tf_keras 2.21, before and after the build). A layer not in the table (`RNN(cell)`, a layer of the
    program), or a part of a layer (`bi.forward_layer.cell`), is not judged."""
    if not isinstance(obj, LayerObj) or obj.spec is None:
        return None
    if obj.spec.recurrent:
        return _FINE
    short = obj.short
    inner = obj.wrapped
    if short == "Bidirectional" and inner is not None and inner.spec is not None and inner.spec.recurrent:
        return _Wrong(
            f"Bidirectional has no `.cell`: the copies of the {inner.short} it wraps are `forward_layer` and "
            "`backward_layer`",
            "{base}.forward_layer.cell` or `{base}.backward_layer.cell",
        )
    if short == "TimeDistributed" and inner is not None and inner.spec is not None and not inner.spec.recurrent:
        return _Wrong(
            f"TimeDistributed has no `.cell`: it keeps the {inner.short} it wraps, no recurrent layer, on `.layer`",
            "{base}.layer",
        )
    if short in ("Bidirectional", "TimeDistributed"):
        return None  # what it wraps is not known (or a TimeDistributed RNN): no advice
    return _Wrong(f"{short} is no recurrent layer and has no `.cell`; its weights are its own", "{base}")


def _generic_rnn(layer: LayerObj, weight: str) -> _Wrong:
    """`keras.layers.RNN(cell)` has no weight attributes of its own, whatever the cell (measured on Keras 3.15
    and tf_keras 2.21: `'RNN' object has no attribute 'kernel'`): they are the cell's. `.cell` is the fix when
    the cell is a built-in cell that has the weight; a `StackedRNNCells` keeps them one level further down."""
    cell = layer.wrapped
    if cell is not None and cell.short == "StackedRNNCells":
        return _Wrong(
            "RNN keeps its weights on its cells, and `StackedRNNCells` on each of `.cells`",
            "{base}.cell.cells[i].{weight}",
        )
    if cell is not None and cell.spec is not None and cell.spec.weight(weight) is not None:
        return _Wrong(f"RNN keeps its weights on its cell, the {cell.short}", "{base}.cell.{weight}", "cell")
    return _Wrong("RNN keeps its weights on its cell", "{base}.cell.{weight}")


class _Order:
    """One pass over the module's events: where each object was made, and each event's place in the run."""

    def __init__(self, facts: Facts) -> None:
        self.made: dict[int, list[Created]] = {}
        self.place: dict[int, int] = {}
        self.first_call: dict[int, int] = {}
        for index, event in enumerate(facts.events):
            self.place[id(event)] = index
            if isinstance(event, Created):
                self.made.setdefault(id(event.obj), []).append(event)
            elif isinstance(event, MethodCall) and event.callee == "__call__":
                for obj in event.receiver:
                    self.first_call.setdefault(id(obj), index)

    def called_before(self, layer: LayerObj, event: Attribute) -> bool:
        """Whether a call of `layer` comes before `event` in the run (it is built then)."""
        first, place = self.first_call.get(id(layer)), self.place.get(id(event))
        return first is not None and place is not None and first < place


def _self_attribute(order: _Order, layer: LayerObj) -> tuple[cst.FunctionDef, str] | None:
    """The method and attribute where `self.<attr> = <layer's constructor call>` makes the layer, once."""
    made = order.made.get(id(layer), [])
    if len({id(e.node) for e in made}) != 1 or made[0].function is None:
        return None
    target = sole_assignment(made[0].statement, made[0].node)
    method = made[0].function
    first = method.params.params[0].name.value if method.params.params else None
    if not (
        isinstance(target, cst.Attribute)
        and isinstance(target.value, cst.Name)
        and target.value.value == first
    ):
        return None
    return method, target.attr.value


def _forward_copy(layer: LayerObj, path: tuple[str, ...]) -> tuple[LayerObj, tuple[str, ...]] | None:
    """The Bidirectional whose wrapped (forward) layer is `layer` or holds it as its cell, and the path from
    that layer to what is read."""
    wrapper = layer.wrapper
    if wrapper is not None and wrapper.short == "RNN" and wrapper.wrapper is not None and not path:
        layer, path, wrapper = wrapper, ("cell",), wrapper.wrapper
    if wrapper is None or wrapper.short != "Bidirectional" or wrapper.wrapped is not layer:
        return None
    return wrapper, path


def _copied(layer: LayerObj) -> bool:
    """A layer (or the cell of an RNN layer) that a Bidirectional wraps: the wrapper builds a copy instead."""
    current: LayerObj | None = layer
    while current is not None and current.wrapper is not None:
        if current.wrapper.short == "Bidirectional":
            return True
        current = current.wrapper if current.wrapper.short == "RNN" else None
    return False


def _every_call_seen(facts: Facts, events: list[Attribute]) -> bool:
    """The read is in a module-level function, and every mention of its name in the module but its definition
    is a call site the analysis followed into it (so every layer the module passes is among the verdicts); the
    function is not analysed on its own with unknown arguments either."""
    function = events[0].function if events else None
    if function is None or function not in facts.module.body:
        return False
    sites: set[int] = set()
    for event in events:
        frame = next((c for c in event.ctx.chain() if c.kind in (CtxKind.CALL, CtxKind.ENTRY)), None)
        if (
            frame is None
            or frame.kind is not CtxKind.CALL
            or frame.node is None
            or event.function is not function
        ):
            return False
        sites.add(id(frame.node))
    return facts.word_count(function.name.value) == 1 + len(sites)


def _raises_somewhere(judged: list[tuple[Attribute, object]]) -> bool:
    """Whether some context certainly reaches the read with only recurrent layers there (a pass of a loop over a
    model's known layers, a call given the LSTM): whatever other contexts read, the program raises there. A read
    of a value that may be either layer (`layer = Dense() if ... else LSTM()`) is one context, not two."""
    by_context: dict[int, list[tuple[Attribute, object]]] = {}
    for event, verdict in judged:
        by_context.setdefault(id(event.ctx), []).append((event, verdict))
    for found in by_context.values():
        if all(isinstance(v, _Wrong) for _, v in found) and all(_certainly_reached(e) for e, _ in found):
            return True
    return False


def _cell_or_itself(verdicts: list[object], wrong: list[_Wrong], base: cst.BaseExpression) -> bool:
    """Whether `getattr(base, "cell", base)` reads the right weight in every context: each layer read there
    either keeps it on `.cell` (a recurrent layer) or holds it itself (and, being no recurrent layer, has no
    `.cell`), both kinds occur, and `base` is a plain name or attribute path, cheap and the same when read
    twice."""
    if not wrong or len(wrong) == len(verdicts) or any(v.segment != "cell" for v in wrong):
        return False
    if not all(v is _FINE or isinstance(v, _Wrong) for v in verdicts):
        return False
    while isinstance(base, cst.Attribute):
        base = base.value
    return isinstance(base, cst.Name)


def _certainly_reached(event: Attribute) -> bool:
    if not event.certain:
        return False
    return not any(c.kind is CtxKind.LOOP and c.data == -1 for c in event.ctx.chain())  # a pass that may not run


def _through_parameter(event: Attribute, expr: cst.BaseExpression) -> bool:
    """Whether the expression starts from a parameter of the function it is in (`self` of a method aside)."""
    function = event.function
    while isinstance(expr, (cst.Attribute, cst.Subscript, cst.Call)):
        expr = expr.value if not isinstance(expr, cst.Call) else expr.func
    if function is None or not isinstance(expr, cst.Name):
        return False
    params = [*function.params.posonly_params, *function.params.params, *function.params.kwonly_params]
    names = [p.name.value for p in params]
    if names and names[0] in ("self", "cls") and expr.value == names[0]:
        return False
    return expr.value in names
