"""The TF1 variable-scope tree: an extension collector that runs in the facts walk, beside the core builder.

It follows `variable_scope` nesting and its `reuse` (`True`, `AUTO_REUSE`, `reuse_variables()`), the scopes
that `dynamic_rnn`, `bidirectional_dynamic_rnn` and `static_rnn` open ("rnn", "bidirectional_rnn/fw|bw"), the
TF1 RNN cells (their default variable names, wrappers, `MultiRNNCell`), `get_variable`, graph contexts (`with
g.as_default()`, `reset_default_graph()`), and calls of the module's own functions. Whatever it cannot pin
down (a computed scope name, a `reuse=` parameter, a cell passed in) is `None`/unknown, and no rule claims on
it.

Measured on TF 2.21 + tf_keras (graph mode): two RNN calls whose cells have one variable name, in one scope,
raise `ValueError: Variable rnn/lstm_cell/kernel already exists, disallowed. ...`; an LSTMCell and a GRUCell
in one scope do not collide (`rnn/lstm_cell`, `rnn/gru_cell`); a cell object used twice creates its variables
once and shares them; unnamed `tf.compat.v1.layers.dense` calls are uniquified (`dense`, `dense_1`), named
ones collide; in eager mode `get_variable` twice creates two variables and raises nothing.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from functools import cached_property

import libcst as cst

from tfvarfix.semantics.builder import FactsBuilder
from tfvarfix.semantics.evaluate import literal_value
from tfvarfix.semantics.model import FunctionValue, Imported, ModuleFacts, Scope, Value, exclusive

KEY = "tf1"
V1 = "tf.compat.v1."
# RNN function -> (default scope, directions, index of `scope` among the positional arguments, cell arguments)
RNN_FUNCTIONS: dict[str, tuple[str, tuple[str, ...], int, int]] = {
    "dynamic_rnn": ("rnn", ("",), 8, 1),
    "static_rnn": ("rnn", ("",), 5, 1),
    "bidirectional_dynamic_rnn": ("bidirectional_rnn", ("fw/", "bw/"), 10, 2),
    "static_bidirectional_rnn": ("bidirectional_rnn", ("fw/", "bw/"), 7, 2),
}
CELL_NAMES = {
    "LSTMCell": "lstm_cell",
    "BasicLSTMCell": "basic_lstm_cell",
    "GRUCell": "gru_cell",
    "BasicRNNCell": "basic_rnn_cell",
    "MultiRNNCell": "multi_rnn_cell",
}
WRAPPERS = frozenset({"DropoutWrapper", "ResidualWrapper", "DeviceWrapper"})
GRAPH_MARKERS = frozenset(
    V1 + n
    for n in (
        "disable_eager_execution",
        "disable_v2_behavior",
        "placeholder",
        "Session",
        "InteractiveSession",
        "reset_default_graph",
        "get_default_graph",
        "global_variables_initializer",
    )
) | {"tf.Graph"}


class Reuse(enum.Enum):
    NO = "no"
    YES = "yes"  # True or AUTO_REUSE, here or inherited
    UNKNOWN = "unknown"


@dataclass(eq=False)
class Context:
    """One entry of the lexical context stack: a variable scope, a graph block, a loop or a comprehension."""

    kind: str  # "scope" | "graph" | "session" (a Session on the default graph) | "loop" | "comp"
    node: cst.CSTNode
    name: str | None = None  # a scope's name, None when not static
    reuse: Reuse = Reuse.NO
    call: cst.Call | None = None  # the `variable_scope(...)` call
    owner: cst.CSTNode | None = None  # the with/for/while statement that opened it


@dataclass(eq=False)
class CellFact:
    """A TF1 RNN cell construction: `LSTMCell(64)`, `DropoutWrapper(cell)`, `MultiRNNCell([...])`."""

    node: cst.Call
    cls: str
    name: str | None  # the variable-name segment it creates (`lstm_cell`), None when unknown
    scope: Scope
    comps: tuple[int, ...]  # ids of the comprehensions it is made in
    inner: CellFact | None = None  # a wrapper's cell
    reuse: bool = False  # `reuse=` given: it may share on purpose
    portable: bool = False  # its text can be repeated in the same function to make a fresh, equal cell

    @property
    def root(self) -> CellFact:
        return self.inner.root if self.inner is not None else self


@dataclass(eq=False)
class CellValue(Value):
    cell: CellFact


@dataclass(eq=False)
class GraphValue(Value):
    """A `tf.Graph()` object."""


@dataclass(eq=False)
class CellUse:
    expr: cst.BaseExpression  # the argument as written
    cell: CellFact | None
    prefix: (
        str | None
    )  # the variable prefix it creates, relative to the enclosing scopes (`rnn/fw/lstm_cell`)


@dataclass(eq=False)
class Event:
    """Something that happened at a point of the walk, with the context it happened in."""

    node: cst.Call
    scope: Scope
    order: int
    statement: cst.CSTNode
    arms: tuple[tuple[int, int], ...]
    context: tuple[Context, ...]
    chain: tuple[cst.CSTNode, ...]  # the statements it is in, outermost first

    @property
    def path(self) -> str | None:
        """The scope path, `a/b/`, when every enclosing scope name is static."""
        names = [c.name for c in self.context if c.kind == "scope"]
        return None if any(n is None for n in names) else "".join(f"{n}/" for n in names)

    @property
    def reuse(self) -> Reuse:
        states = {c.reuse for c in self.context if c.kind == "scope"}
        return Reuse.YES if Reuse.YES in states else Reuse.UNKNOWN if Reuse.UNKNOWN in states else Reuse.NO

    @property
    def in_graph_block(self) -> bool:
        return any(c.kind == "graph" for c in self.context)

    @cached_property
    def returns_in(self) -> frozenset[int]:
        """The ifs whose arm holding this event ends in `return`/`raise`: what follows is on another path."""
        out: set[int] = set()
        for index, node in enumerate(self.chain[:-1]):
            if isinstance(node, cst.If):
                inner = self.chain[index + 1]
                arms = [node.body, node.orelse.body if isinstance(node.orelse, cst.Else) else None]
                for arm in arms:
                    if isinstance(arm, cst.IndentedBlock) and inner in arm.body and _ends(arm.body[-1]):
                        out.add(id(node))
        return frozenset(out)

    def precludes(self, later: Event) -> bool:
        """Whether `later` cannot run after this event on one path (exclusive arms, a return between)."""
        if exclusive(self.arms, later.arms):
            return True
        return bool(self.returns_in - {id(s) for s in later.chain})

    def innermost(self, kind: str) -> Context | None:
        return next((c for c in reversed(self.context) if c.kind == kind), None)


@dataclass(eq=False)
class RnnCall(Event):
    function: str = ""
    scope_name: str | None = None  # None: not static
    scope_arg: cst.BaseExpression | None = None
    scope_positional: bool = False
    uses: list[CellUse] = field(default_factory=list)


@dataclass(eq=False)
class GetVariable(Event):
    name: str | None = None
    name_node: cst.BaseExpression | None = None
    callee: str = ""  # `get_variable` or a `layers.*` function


@dataclass(eq=False)
class MultiCell(Event):
    items: list[tuple[cst.BaseExpression, CellFact | None]] = field(default_factory=list)
    repeated: cst.BinaryOperation | None = None  # `[cell] * n`
    comprehension: cst.ListComp | None = None


@dataclass(eq=False)
class FunctionCall(Event):
    function: cst.FunctionDef | None = None


@dataclass
class Tf1Facts:
    graph_mode: bool = False  # the module shows it runs TF1 graph code (eager `get_variable` never collides)
    tf1_prefix: str | None = (
        None  # how the module spells `tf.compat.v1` (`tf` after `import tensorflow.compat.v1 as tf`)
    )
    rnn_calls: list[RnnCall] = field(default_factory=list)
    get_variables: list[GetVariable] = field(default_factory=list)
    multi_cells: list[MultiCell] = field(default_factory=list)
    function_calls: list[FunctionCall] = field(default_factory=list)
    resets: list[Event] = field(default_factory=list)
    templates: set[int] = field(default_factory=set)  # ids of functions given to make_template
    scope_calls: dict[int, cst.Call] = field(default_factory=dict)  # id(with-item call) -> call
    cell_names: dict[int, CellFact] = field(default_factory=dict)  # id(a Name read as a cell) -> the cell


def tf1_facts(facts: ModuleFacts) -> Tf1Facts:
    found = facts.extra.get(KEY)
    return found if isinstance(found, Tf1Facts) else Tf1Facts()


class Tf1Scopes:
    """The collector. Listed in the COLLECTORS of the rules that read `tf1_facts(facts)`."""

    def __init__(self, builder: FactsBuilder) -> None:
        self.b = builder
        self.out = Tf1Facts()
        builder.facts.extra[KEY] = self.out
        self._stacks: dict[int, list[Context]] = {}
        self._with_pushes: dict[int, int] = {}
        self._current_with: cst.With | None = None

    # ----------------------------------------------------------------------------------- context
    @property
    def _stack(self) -> list[Context]:
        return self._stacks.setdefault(id(self.b.scope), [])

    def _event(self, cls: type[Event], node: cst.Call, **fields: object) -> Event:
        b = self.b
        chain = tuple(b.frame.statements)
        return cls(node, b.scope, b.order, b.statement, b.arms, tuple(self._stack), chain, **fields)

    def _push(self, kind: str, node: cst.CSTNode, owner: cst.CSTNode | None = None) -> None:
        self._stack.append(Context(kind, node, owner=owner))

    def _pop(self, node: cst.CSTNode) -> None:
        stack = self._stack
        if stack and stack[-1].node is node:
            stack.pop()

    def visit_For(self, node: cst.For) -> None:
        self._push("loop", node.body, node)

    def leave_For(self, node: cst.For) -> None:
        self._pop(node.body)

    def visit_While(self, node: cst.While) -> None:
        self._push("loop", node.body, node)

    def leave_While(self, node: cst.While) -> None:
        self._pop(node.body)

    def _enter_comp(self, node: cst.CSTNode) -> None:
        self._push("comp", node)

    visit_ListComp = _enter_comp
    visit_GeneratorExp = _enter_comp
    leave_ListComp = _pop
    leave_GeneratorExp = _pop

    def leave_WithItem(self, node: cst.WithItem) -> None:
        item = node.item
        if not isinstance(item, cst.Call):
            return
        entry: Context | None = None
        callee = self.b.canonical_of(item.func)
        if callee == V1 + "variable_scope":
            entry = Context("scope", item, self._scope_name(item), self._reuse_of(item), item)
            self.out.scope_calls[id(item)] = item
        elif isinstance(item.func, cst.Attribute) and item.func.attr.value == "as_default":
            entry = Context("graph", item)
        elif callee in (V1 + "Session", V1 + "InteractiveSession"):
            entry = Context("graph" if _keyword(item, "graph") is not None else "session", item)
        if entry is not None:
            entry.owner = self._current_with
            self._stack.append(entry)
            self._with_pushes[id(self._current_with)] = self._with_pushes.get(id(self._current_with), 0) + 1

    def visit_With(self, node: cst.With) -> None:
        self._current_with = node

    def leave_With(self, node: cst.With) -> None:
        for _ in range(self._with_pushes.pop(id(node), 0)):
            self._stack.pop()

    def _scope_name(self, call: cst.Call) -> str | None:
        first = next((a.value for a in call.args if a.keyword is None), _keyword(call, "name_or_scope"))
        value = literal_value(first, self.b._constant_lookup) if first is not None else None
        return value if isinstance(value, str) else None

    def _reuse_of(self, call: cst.Call) -> Reuse:
        if sum(1 for a in call.args if a.keyword is None) > 8 or any(a.star for a in call.args):
            return Reuse.UNKNOWN
        expr = _keyword(call, "reuse")
        if expr is None:
            return Reuse.NO
        if self.b.canonical_of(expr) == V1 + "AUTO_REUSE":
            return Reuse.YES
        value = literal_value(expr, self.b._constant_lookup)
        if value is True:
            return Reuse.YES
        if value is False or (value is None and isinstance(expr, cst.Name) and expr.value == "None"):
            return Reuse.NO
        return Reuse.UNKNOWN

    # ----------------------------------------------------------------------------------- calls
    def leave_Call(self, node: cst.Call) -> None:
        b = self.b
        func = b.evaluate(node.func)
        if isinstance(func, FunctionValue):
            self.out.function_calls.append(self._event(FunctionCall, node, function=func.node))  # type: ignore[arg-type]
            return
        if not isinstance(func, Imported):
            if isinstance(node.func, cst.Attribute) and node.func.attr.value == "reuse_variables":
                self._reuse_variables(node)
            return
        name = func.canonical
        tf1_era = func.dotted.startswith("tensorflow.") and not func.dotted.startswith("tensorflow.compat.")
        if name in GRAPH_MARKERS or (tf1_era and name.startswith(V1)):
            # TF1-era spellings (`tf.variable_scope` on plain `tensorflow`) only exist in TF1: graph mode.
            self.out.graph_mode = True
        if name == "tf.Graph":
            b.set_value(node, GraphValue())
        elif name == V1 + "reset_default_graph":
            self.out.resets.append(self._event(Event, node))
        elif name == V1 + "get_variable":
            self._get_variable(node, "get_variable", _argument(node, "name", 0))
        elif name.startswith(V1 + "layers.") and name[len(V1 + "layers.") :].islower():
            named = _keyword(node, "name")
            reuse = _keyword(node, "reuse")
            if reuse is not None and literal_value(reuse, b._constant_lookup) not in (False, None):
                named = None  # `reuse=True` (or a parameter): it may share on purpose
            if named is not None:
                self._get_variable(node, name[len(V1) :], named)
        elif name == V1 + "make_template":
            target = _argument(node, "func_", 1)
            value = b.evaluate(target) if target is not None else None
            if isinstance(value, FunctionValue):
                self.out.templates.add(id(value.node))
        elif name.startswith(V1) and name.rsplit(".", 1)[-1] in RNN_FUNCTIONS:
            self._rnn_call(node, name.rsplit(".", 1)[-1])
        elif name.startswith(V1 + "nn.rnn_cell."):
            self._cell(node, name.rsplit(".", 1)[-1])

    def _reuse_variables(self, node: cst.Call) -> None:
        receiver = node.func.value if isinstance(node.func, cst.Attribute) else None
        scopes = [c for c in self._stack if c.kind == "scope"]
        state = Reuse.YES if not self.b.arms else Reuse.UNKNOWN
        if isinstance(receiver, cst.Call) and self.b.canonical_of(receiver.func) == V1 + "get_variable_scope":
            if scopes:
                scopes[-1].reuse = state
            else:
                self._stack.insert(0, Context("scope", node, "", state))
            return
        # `scope.reuse_variables()` on the `as` name of a `with variable_scope(...)`: which one is unknown.
        for entry in scopes:
            entry.reuse = Reuse.UNKNOWN if entry.reuse is Reuse.NO else entry.reuse
        if not scopes:
            self._stack.insert(0, Context("scope", node, "", Reuse.UNKNOWN))

    def _get_variable(self, node: cst.Call, callee: str, name_node: cst.BaseExpression | None) -> None:
        value = literal_value(name_node, self.b._constant_lookup) if name_node is not None else None
        event = self._event(
            GetVariable,
            node,
            name=value if isinstance(value, str) else None,
            name_node=name_node,
            callee=callee,
        )
        self.out.get_variables.append(event)  # type: ignore[arg-type]

    def _cell_of(self, expr: cst.BaseExpression | None) -> CellFact | None:
        value = self.b.evaluate(expr) if expr is not None else None
        if not isinstance(value, CellValue):
            return None
        if isinstance(expr, cst.Name):
            self.out.cell_names[id(expr)] = value.cell
        return value.cell

    def _cell(self, node: cst.Call, cls: str) -> None:
        comps = tuple(id(c.node) for c in self._stack if c.kind == "comp")
        name_expr = _keyword(node, "name")
        name: str | None = CELL_NAMES.get(cls)
        if name_expr is not None:
            value = literal_value(name_expr, self.b._constant_lookup)
            name = value if isinstance(value, str) else None
        fact = CellFact(node, cls, name, self.b.scope, comps, reuse=_keyword(node, "reuse") is not None)
        if cls in WRAPPERS:
            fact.inner = self._cell_of(_argument(node, "cell", 0))
            if fact.inner is None:
                return
            fact.name = fact.inner.name
        elif cls == "MultiRNNCell":
            self._multi(node)
        elif cls not in CELL_NAMES:
            fact.name = None
        fact.portable = self._portable(node)
        self.b.set_value(node, CellValue(fact))

    def _portable(self, node: cst.Call) -> bool:
        params = _parameters(self.b.scope)
        for arg in node.args:
            expr = arg.value
            if arg.star or (isinstance(self.b.evaluate(expr), CellValue) and not isinstance(expr, cst.Call)):
                return False
            if isinstance(expr, cst.Call):
                value = self.b.evaluate(expr)
                if not (isinstance(value, CellValue) and value.cell.portable):
                    return False
            elif isinstance(expr, cst.Name) and expr.value in params:
                continue
            elif literal_value(expr, self.b._constant_lookup) is None and not isinstance(
                self.b.evaluate(expr), Imported
            ):
                return False
        return True

    def _multi(self, node: cst.Call) -> None:
        cells = _argument(node, "cells", 0)
        event = self._event(MultiCell, node)
        assert isinstance(event, MultiCell)
        if isinstance(cells, cst.BinaryOperation) and isinstance(cells.operator, cst.Multiply):
            listed = cells.left if isinstance(cells.left, cst.List) else cells.right
            if isinstance(listed, cst.List):
                event.repeated = cells
                event.items = [(e.value, self._cell_of(e.value)) for e in listed.elements]
        elif isinstance(cells, (cst.List, cst.Tuple)):
            event.items = [(e.value, self._cell_of(e.value)) for e in cells.elements]
        elif isinstance(cells, cst.ListComp):
            event.comprehension = cells
            event.items = [(cells.elt, self._cell_of(cells.elt))]
        self.out.multi_cells.append(event)

    def _rnn_call(self, node: cst.Call, function: str) -> None:
        default, directions, scope_index, cell_count = RNN_FUNCTIONS[function]
        positional = [a for a in node.args if a.keyword is None]
        if any(a.star for a in node.args):
            return
        scope_arg = _keyword(node, "scope")
        scope_positional = False
        if scope_arg is None and len(positional) > scope_index:
            scope_arg, scope_positional = positional[scope_index].value, True
        scope_name: str | None = default
        if scope_arg is not None:
            value = literal_value(scope_arg, self.b._constant_lookup)
            scope_name = value if isinstance(value, str) else None
            if isinstance(scope_arg, cst.Name) and scope_arg.value == "None":
                scope_name = default
        keywords = ("cell", "inputs") if cell_count == 1 else ("cell_fw", "cell_bw")
        uses: list[CellUse] = []
        for index, direction in enumerate(directions):
            expr = _argument(node, keywords[index], index)
            if expr is None:
                return
            cell = self._cell_of(expr)
            prefix = None
            if cell is not None and cell.name is not None and scope_name is not None:
                prefix = f"{scope_name}/{direction}{cell.name}"
            uses.append(CellUse(expr, cell, prefix))
        event = self._event(
            RnnCall,
            node,
            function=function,
            scope_name=scope_name,
            scope_arg=scope_arg,
            scope_positional=scope_positional,
            uses=uses,
        )
        self.out.rnn_calls.append(event)  # type: ignore[arg-type]

    # ----------------------------------------------------------------------------------- module
    def finish(self, facts: ModuleFacts) -> None:
        root = facts.scopes[0]
        for name, value in root.bindings.items():
            if isinstance(value, Imported):
                if value.dotted == "tensorflow.compat.v1":
                    self.out.tf1_prefix, self.out.graph_mode = name, True
                elif value.dotted == "tensorflow" and self.out.tf1_prefix is None:
                    self.out.tf1_prefix = f"{name}.compat.v1"


def entry_reuse(tf1: Tf1Facts, scope: Scope) -> Reuse:
    """How a function body's variable scope starts: NO at module level and for functions every visible call of
    which is outside reuse; unknown for functions given to `make_template` or called under a reuse scope.
    """
    node = scope.node
    if not isinstance(node, cst.FunctionDef):
        return Reuse.NO
    if id(node) in tf1.templates:
        return Reuse.UNKNOWN
    calls = [c for c in tf1.function_calls if c.function is node]
    return Reuse.NO if all(c.reuse is Reuse.NO for c in calls) else Reuse.UNKNOWN


def graph_block(event: Event) -> int:
    """The innermost `with g.as_default()` block an event is in (0: the default graph)."""
    found = event.innermost("graph")
    return id(found.node) if found is not None else 0


def reset_between(tf1: Tf1Facts, first: Event, second: Event) -> bool:
    """Whether a `reset_default_graph()` in the same function runs between two events."""
    return any(r.scope is first.scope and first.order <= r.order <= second.order for r in tf1.resets)


def creating_functions(tf1: Tf1Facts) -> dict[int, str]:
    """Functions whose one run creates variables under fixed names, each with one of them (relative)."""
    resetting = {id(r.scope.node) for r in tf1.resets}
    direct: list[tuple[int, int, str]] = []  # (function, order, variable)
    for var in tf1.get_variables:
        if var.name is not None and var.path is not None and var.reuse is Reuse.NO and not var.in_graph_block:
            direct.append((id(var.scope.node), var.order, var.path + var.name))
    for rnn in tf1.rnn_calls:
        if rnn.path is None or rnn.reuse is not Reuse.NO or rnn.in_graph_block:
            continue
        for use in rnn.uses:
            if use.prefix is not None and use.cell is not None and use.cell.root.scope is rnn.scope:
                direct.append((id(rnn.scope.node), rnn.order, f"{rnn.path}{use.prefix}/kernel"))
    out: dict[int, str] = {}
    for function, _, variable in sorted(direct, key=lambda d: d[1]):
        out.setdefault(function, variable)
    changed = True
    while changed:
        changed = False
        for call in tf1.function_calls:
            inner = out.get(id(call.function))
            path = call.path
            if inner is None or path is None or id(call.scope.node) in out:
                continue
            if (
                call.reuse is Reuse.NO
                and not call.in_graph_block
                and isinstance(call.scope.node, cst.FunctionDef)
            ):
                out[id(call.scope.node)] = path + inner
                changed = True
    return {k: v for k, v in out.items() if k not in resetting}


def _ends(statement: cst.CSTNode) -> bool:
    return isinstance(statement, cst.SimpleStatementLine) and any(
        isinstance(small, (cst.Return, cst.Raise)) for small in statement.body
    )


def _keyword(call: cst.Call, keyword: str) -> cst.BaseExpression | None:
    return next((a.value for a in call.args if a.keyword is not None and a.keyword.value == keyword), None)


def _argument(call: cst.Call, keyword: str, index: int) -> cst.BaseExpression | None:
    found = _keyword(call, keyword)
    if found is not None:
        return found
    positional = [a.value for a in call.args if a.keyword is None and not a.star]
    return positional[index] if index < len(positional) else None


def _parameters(scope: Scope) -> set[str]:
    node = scope.node
    if not isinstance(node, cst.FunctionDef):
        return set()
    params = node.params
    return {p.name.value for p in (*params.posonly_params, *params.params, *params.kwonly_params)}
