"""Post-build weight edits with values known at construction: which weight, which elements, which value.

A collector in the facts walk. It follows, statement by statement in straight-line code (no branch, no loop):
`ref.assign(full)`, `ref[idx].assign(v)`, `ref.assign(tf.tensor_scatter_nd_update(ref, idxs, vals))`,
`K.set_value(ref, full)`, `layer.set_weights([full, ...])`, the list round trip
`w = layer.get_weights(); w[i][idx] = v; layer.set_weights(w)` and the array round trip
`k = ref.numpy(); k[idx] = v; ref.assign(k)`. Values must be literals (or names bound to literals); a full
value is `np.full/zeros/ones(shape[, v])`, `tf.fill/zeros/ones`, or `*_like(ref)`. Anything else (data, a
trained value, another model's weights) is not an edit of this kind and is not recorded.
The results are in `facts.extra["weight_edits"]`: a list of `EditChain`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import libcst as cst

from tfvarfix.keras.table import WeightSpec
from tfvarfix.semantics.builder import NAVIGATION, WEIGHT_ATTRIBUTES, FactsBuilder
from tfvarfix.semantics.evaluate import literal_value
from tfvarfix.semantics.model import Constant, LayerFact, LayerValue, ModuleFacts, Scope
from tfvarfix.semantics.walker import descendants

KEY = "weight_edits"
Index = tuple[int | tuple[int | None, int | None], ...]  # an int, or a (start, stop) slice, per axis
_FULL = {"full": 1, "fill": 1, "zeros": 0.0, "ones": 1.0, "full_like": 1, "zeros_like": 0.0, "ones_like": 1.0}


@dataclass(frozen=True)
class ElementEdit:
    """`weight[index] = value`; `index` None is the whole weight."""

    weight: WeightSpec
    index: Index | None
    value: float | int


@dataclass(eq=False)
class EditChain:
    """The statements of one edit (one statement, or a round trip), in one straight-line block."""

    layer: LayerFact
    scope: Scope
    order: int  # of the first statement
    statements: list[cst.SimpleStatementLine]
    anchor: cst.CSTNode  # the statement that writes the weight
    edits: list[ElementEdit] = field(default_factory=list)
    names: tuple[str, ...] = ()  # round-trip names the statements bind


@dataclass(eq=False)
class _Pending:
    chain: EditChain
    weights: tuple[WeightSpec, ...] | None  # a get_weights() list
    weight: WeightSpec | None = None  # a ref.numpy() array


class EditCollector:
    def __init__(self, builder: FactsBuilder) -> None:
        self.builder = builder
        self.chains: list[EditChain] = []
        self.pending: dict[tuple[int, str], _Pending] = {}

    # ------------------------------------------------------------------------------------ walk
    def visit_SimpleStatementLine(self, node: cst.SimpleStatementLine) -> None:
        b = self.builder
        straight = not b.frame.branches and not b.in_loop and len(node.body) == 1
        statement = node.body[0]
        if not straight:
            self._forget(statement)
            return
        if isinstance(statement, cst.Assign) and len(statement.targets) == 1:
            if not self._assign(node, statement.targets[0].target, statement.value):
                self._forget(statement)
        elif isinstance(statement, cst.Expr) and isinstance(statement.value, cst.Call):
            self._call(node, statement.value)
        else:
            self._forget(statement)

    def finish(self, facts: ModuleFacts) -> None:
        # A round-trip name read anywhere else (printed, mutated, kept) makes the chain more than an edit.
        facts.extra[KEY] = [c for c in self.chains if not c.names or _names_only_in(c)]

    # ------------------------------------------------------------------------------------ statements
    def _forget(self, statement: cst.BaseSmallStatement) -> None:
        targets: list[cst.BaseExpression] = []
        if isinstance(statement, cst.Assign):
            targets = [t.target for t in statement.targets]
        elif isinstance(statement, (cst.AugAssign, cst.AnnAssign)):
            targets = [statement.target]
        for target in targets:
            while isinstance(target, cst.Subscript):
                target = target.value
            if isinstance(target, cst.Name):
                self.pending.pop((id(self.builder.scope), target.value), None)

    def _assign(
        self, line: cst.SimpleStatementLine, target: cst.BaseExpression, value: cst.BaseExpression
    ) -> bool:
        b = self.builder
        key_scope = id(b.scope)
        if (
            isinstance(target, cst.Name)
            and isinstance(value, cst.Call)
            and isinstance(value.func, cst.Attribute)
        ):
            method = value.func.attr.value
            if method == "get_weights" and not value.args:
                layer = self._layer(value.func.value)
                weights = _present_weights(layer, self._lookup) if layer is not None else None
                if layer is None or weights is None:
                    return False
                chain = EditChain(layer, b.scope, b.order, [line], line, names=(target.value,))
                self.pending[(key_scope, target.value)] = _Pending(chain, weights)
                return True
            if method == "numpy" and not value.args:
                ref = self._weight(value.func.value)
                if ref is None:
                    return False
                chain = EditChain(ref[0], b.scope, b.order, [line], line, names=(target.value,))
                self.pending[(key_scope, target.value)] = _Pending(chain, None, ref[1])
                return True
            return False
        if not isinstance(target, cst.Subscript):
            return False
        # w[i][idx] = v, w[i] = full, k[idx] = v
        inner = target.value
        pending: _Pending | None = None
        weight: WeightSpec | None = None
        index_node: cst.Subscript | None = target
        if isinstance(inner, cst.Name):
            pending = self.pending.get((key_scope, inner.value))
            if pending is not None and pending.weights is not None:
                weight = self._list_item(pending.weights, target)
                index_node = None
            elif pending is not None:
                weight = pending.weight
        elif isinstance(inner, cst.Subscript) and isinstance(inner.value, cst.Name):
            pending = self.pending.get((key_scope, inner.value.value))
            if pending is not None and pending.weights is not None:
                weight = self._list_item(pending.weights, inner)
        if pending is None or weight is None:
            return False
        if index_node is None:
            full = self._full_value(value, None)
            if full is None:
                self.pending.pop((key_scope, pending.chain.names[0]), None)
                return True
            pending.chain.edits.append(ElementEdit(weight, None, full))
        else:
            index = self._index(index_node)
            scalar = self._scalar(value)
            if index is None or scalar is None:
                self.pending.pop((key_scope, pending.chain.names[0]), None)
                return True
            pending.chain.edits.append(ElementEdit(weight, index, scalar))
        pending.chain.statements.append(line)
        return True

    def _call(self, line: cst.SimpleStatementLine, call: cst.Call) -> None:
        b = self.builder
        func = call.func
        callee = b.canonical_of(func)
        if callee == "keras.backend.set_value" and len(call.args) == 2:
            ref = self._weight(call.args[0].value)
            full = self._full_value(call.args[1].value, call.args[0].value)
            if ref is not None and full is not None:
                self._record(
                    EditChain(ref[0], b.scope, b.order, [line], line, [ElementEdit(ref[1], None, full)])
                )
            return
        if not isinstance(func, cst.Attribute) or len(call.args) != 1 or call.args[0].keyword is not None:
            return
        method, arg = func.attr.value, call.args[0].value
        if method == "set_weights":
            layer = self._layer(func.value)
            if layer is None:
                return
            if isinstance(arg, cst.Name):
                pending = self.pending.pop((id(b.scope), arg.value), None)
                if pending is not None and pending.weights is not None and pending.chain.layer is layer:
                    pending.chain.statements.append(line)
                    pending.chain.anchor = line
                    self._record(pending.chain)
                return
            weights = _present_weights(layer, self._lookup)
            if (
                isinstance(arg, (cst.List, cst.Tuple))
                and weights is not None
                and len(arg.elements) == len(weights)
            ):
                edits = []
                for spec, element in zip(weights, arg.elements, strict=True):
                    full = self._full_value(element.value, None)
                    if full is None:
                        return
                    edits.append(ElementEdit(spec, None, full))
                self._record(EditChain(layer, b.scope, b.order, [line], line, edits))
            return
        if method != "assign":
            return
        target = func.value
        if isinstance(target, cst.Subscript):
            ref = self._weight(target.value)
            index = self._index(target)
            scalar = self._scalar(arg)
            if ref is not None and index is not None and scalar is not None:
                self._record(
                    EditChain(ref[0], b.scope, b.order, [line], line, [ElementEdit(ref[1], index, scalar)])
                )
            return
        ref = self._weight(target)
        if ref is None:
            return
        layer, weight = ref
        if isinstance(arg, cst.Name):
            pending = self.pending.pop((id(b.scope), arg.value), None)
            if pending is not None and pending.weight is weight and pending.chain.layer is layer:
                pending.chain.statements.append(line)
                pending.chain.anchor = line
                self._record(pending.chain)
            return
        full = self._full_value(arg, target)
        if full is not None:
            self._record(EditChain(layer, b.scope, b.order, [line], line, [ElementEdit(weight, None, full)]))
            return
        scatter = self._scatter(arg, target, weight)
        if scatter is not None:
            self._record(EditChain(layer, b.scope, b.order, [line], line, scatter))

    def _record(self, chain: EditChain) -> None:
        if chain.edits:
            self.chains.append(chain)

    # ------------------------------------------------------------------------------------ values
    def _lookup(self, expr: cst.BaseExpression) -> object | None:
        value = self.builder.evaluate(expr)
        return value.value if isinstance(value, Constant) else None

    def _layer(self, expr: cst.BaseExpression) -> LayerFact | None:
        value = self.builder.evaluate(expr)
        return value.layer if isinstance(value, LayerValue) else None

    def _weight(self, expr: cst.BaseExpression) -> tuple[LayerFact, WeightSpec] | None:
        """`lstm.cell.kernel` -> (the LSTM, its kernel spec), when the path is the table's path."""
        if not isinstance(expr, cst.Attribute) or expr.attr.value not in WEIGHT_ATTRIBUTES:
            return None
        path = [expr.attr.value]
        base: cst.BaseExpression = expr.value
        while isinstance(base, cst.Attribute) and base.attr.value in NAVIGATION:
            path.insert(0, base.attr.value)
            base = base.value
        layer = self._layer(base)
        if layer is None or layer.spec is None:
            return None
        weight = layer.spec.weight_at(tuple(path))
        return (layer, weight) if weight is not None else None

    def _list_item(self, weights: tuple[WeightSpec, ...], subscript: cst.Subscript) -> WeightSpec | None:
        index = self._index(subscript)
        if index is None or len(index) != 1 or not isinstance(index[0], int):
            return None
        i = index[0]
        return weights[i] if -len(weights) <= i < len(weights) else None

    def _index(self, subscript: cst.Subscript) -> Index | None:
        out: list[int | tuple[int | None, int | None]] = []
        for element in subscript.slice:
            part = element.slice
            if isinstance(part, cst.Index):
                value = literal_value(part.value, self._lookup)
                if not isinstance(value, int) or isinstance(value, bool):
                    return None
                out.append(value)
            elif isinstance(part, cst.Slice) and part.step is None:
                bounds: list[int | None] = []
                for bound in (part.lower, part.upper):
                    value = literal_value(bound, self._lookup) if bound is not None else None
                    if bound is not None and (not isinstance(value, int) or isinstance(value, bool)):
                        return None
                    bounds.append(value if isinstance(value, int) else None)
                out.append((bounds[0], bounds[1]))
            else:
                return None
        return tuple(out)

    def _scalar(self, expr: cst.BaseExpression) -> float | int | None:
        value = literal_value(expr, self._lookup)
        return value if isinstance(value, (int, float)) and not isinstance(value, bool) else None

    def _full_value(self, expr: cst.BaseExpression, ref: cst.BaseExpression | None) -> float | int | None:
        """The fill value of `np.full(shape, v)`, `tf.zeros(shape)`, `np.ones_like(ref)` (literal shape)"""
        if not isinstance(expr, cst.Call):
            return None
        name = self.builder.canonical_of(expr.func)
        if name is None or not name.startswith(("numpy.", "tf.")) or name.count(".") != 1:
            return None
        short = name.split(".")[1]
        if short not in _FULL:
            return None
        args = [
            a
            for a in expr.args
            if a.keyword is None or a.keyword.value in ("shape", "fill_value", "value", "dims")
        ]
        if len(args) != len(expr.args) or not args:
            return None
        first = args[0].value
        if short.endswith("_like"):
            if ref is None or not _same_code(first, ref):
                return None
        else:
            shape = literal_value(first, self._lookup)
            if not isinstance(shape, tuple) or not all(isinstance(d, int) for d in shape):
                return None
        fill = _FULL[short]
        if short in ("full", "fill", "full_like"):
            if len(args) != 2:
                return None
            return self._scalar(args[1].value)
        return fill if len(args) == 1 else None

    def _scatter(
        self, expr: cst.BaseExpression, ref: cst.BaseExpression, weight: WeightSpec
    ) -> list[ElementEdit] | None:
        if (
            not isinstance(expr, cst.Call)
            or self.builder.canonical_of(expr.func) != "tf.tensor_scatter_nd_update"
        ):
            return None
        if len(expr.args) != 3 or any(a.keyword is not None for a in expr.args):
            return None
        if not _same_code(expr.args[0].value, ref):
            return None
        indices = literal_value(expr.args[1].value, self._lookup)
        values = literal_value(expr.args[2].value, self._lookup)
        if not isinstance(indices, tuple) or not isinstance(values, tuple) or len(indices) != len(values):
            return None
        edits = []
        for index, value in zip(indices, values, strict=True):
            if not isinstance(index, tuple) or not all(
                isinstance(i, int) and not isinstance(i, bool) for i in index
            ):
                return None
            if not isinstance(value, (int, float)) or isinstance(value, bool):
                return None
            edits.append(ElementEdit(weight, tuple(index), value))
        return edits


def _names_only_in(chain: EditChain) -> bool:
    inside = sum(_count_names(statement, chain.names) for statement in chain.statements)
    return _count_names(chain.scope.node, chain.names) == inside


def _count_names(root: cst.CSTNode, names: tuple[str, ...]) -> int:
    return sum(1 for node in descendants(root) if isinstance(node, cst.Name) and node.value in names)


def _same_code(a: cst.BaseExpression, b: cst.BaseExpression) -> bool:
    return a.deep_equals(b)


def _present_weights(layer: LayerFact, lookup: object) -> tuple[WeightSpec, ...] | None:
    """The layer's weights in `get_weights()` order, when every `present_if` switch is known."""
    if layer.spec is None or layer.spec.wrapper:
        return None
    out = []
    defaults = layer.spec.default_config
    for weight in layer.spec.weights:
        if weight.present_if is not None:
            expr = layer.argument(weight.present_if)
            present = literal_value(expr, None) if expr is not None else defaults.get(weight.present_if, True)
            if not isinstance(present, bool):
                return None
            if not present:
                continue
        out.append(weight)
    return tuple(out)
