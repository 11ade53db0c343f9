from __future__ import annotations

import re
from collections.abc import Iterator

import libcst as cst

from tfvarfix.codegen import unique_name
from tfvarfix.keras.tf1 import CELL_NAMES, WRAPPERS, graph_code
from tfvarfix.rule import Finding, FixPlan, InsertAfter, InsertBefore, NodeEdit, Remove, Replace, Rule
from tfvarfix.semantics.events import Created, CtxKind, Event, SharedCell
from tfvarfix.semantics.facts import Facts, reachable
from tfvarfix.semantics.heap import present
from tfvarfix.semantics.values import AV, Const, FuncObj, LayerObj, ModuleRef
from tfvarfix.semantics.walker import children, descendants, single_assign
from tfvarfix.types import FixAvailability, FixSafety, VerifyCheck

_PRIORITY = (
    "as the forward and the backward cell",
    "for every layer of `MultiRNNCell`",
    "for two layers of `MultiRNNCell`",
    "in two RNN calls outside any reuse scope",
    "again, called directly in another variable scope outside any reuse scope",
    "for two layers built by a loop of RNN calls",
)


class SharedRnnCell(Rule):
    """
    ## What it does
    Finds one TF1 RNN cell object used where several cells are meant: `MultiRNNCell([cell] * n)`,
    `MultiRNNCell([cell, cell])`, `MultiRNNCell([DropoutWrapper(cell) for _ in range(n)])`, the same cell as
    the forward and backward cell of `bidirectional_dynamic_rnn`, and the same cell in two RNN calls (an
    encoder and a decoder) outside any `reuse` scope. Also one RNN call meeting a cell it already ran on a later
    pass of a loop, in another variable scope (a layer loop over `variable_scope("layer_%d" % i)`, a
    stacked-bidirectional helper given `[fw_cell] * num_layers`: thewintersun/tensorflowbook#4), reported on the
    `[cell] * n` list where one list repeats the cell; and a cell that has made its variables called directly
    again in a variable scope its variables are not under, outside any reuse scope (an encoder's cell stepped
    by a `pointer_decoder` helper in `variable_scope("decoder")`: TensorFlow-Pointer-Networks#7). A cell built
    inside the comprehension or the loop is fresh each time and not reported, nor one RNN run over several
    inputs in one scope, nor a first step peeled off a loop in the loop's own scope, nor a decoder under
    `reuse=True`.

    ## Why is this bad?
    A cell creates its variables on first use and keeps them. `MultiRNNCell([cell] * 2)` therefore stacks one
    layer twice: when the input size differs from the units it fails with `ValueError: Dimensions must be
    equal, but are 8 and 7 for '{{node rnn/multi_rnn_cell/cell_0/lstm_cell/MatMul_1}} ...` (TF 2.21, input 3,
    units 4); when they are equal it silently builds one shared set of weights (`cell_0/lstm_cell/kernel`
    only; TF just logs `At least two cells provided to MultiRNNCell are the same object and will share
    weights.`). The same cell for both directions or for encoder and decoder shares the weights without any
    message, even with distinct `scope=` names: only the first scope's variables exist. A cell met again on a
    second layer or called by a decoder in its own scope makes nothing there: with equal widths only
    `layer_0/rnn/gru_cell/...` (or the encoder's `rnn/gru_cell/...`) exist; with a wider input it raises
    `ValueError: Dimensions must be equal, but are 8 and 7 for '{{node gru_cell/MatMul}} ...` (TF 2.21 +
    tf_keras, input 3, units 4).

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
    range(2)]`, or the constructor in place of the second use). It is unsafe: where the original ran, it shared one
    set of weights, and the rewrite has one set per layer or direction (more parameters, new variable names such as
    `cell_1/...`, different outputs). It is offered only when the construction can be repeated at the use: made in
    the same function, from arguments that mean the same there (literals, modules, parameters, a value bound to the
    same object; not attributes of objects, which may have changed), with a wrapped cell (`DropoutWrapper(lstm)`)
    and a repeated list (`MultiRNNCell([drop] * n)`) constructed afresh inside it too; the now unused cell stays.
    Attributes of objects (`self.config.units`) and values not known (a placeholder) are repeated only when nothing
    runs between the construction and the use that could change them: the use's statement follows the construction's
    in one block, with only other cells' constructions between, and calls nothing else before the use. A cell built
    under a condition right before `[cell] * n` (`cell = LSTMCell(4)`, then `if keep_prob < 1: cell =
    DropoutWrapper(cell)`) has those statements moved into a local function, `def make_cell(): ...; return cell`,
    and the stack becomes `[make_cell() for _ in range(n)]` (a comprehension over the one cell, `[cell for _ in
    range(n)]`, keeps its loop and calls `make_cell()` as its element); only when the statements construct cells and
    nothing else (their tests call nothing) and the cell's name is read nowhere else in the function. The statements
    may choose the cell by branches (`if cell_type == "gru": cell = GRUCell(n)` / `else: cell = LSTMCell(n)`, then a
    wrapper under its own `if`: NeuralDialog-CVAE#5): moved as they are, every path builds its own cells; a branch
    the analysis did not run counts as a construction when it calls a TF1 cell or wrapper class through the module
    expression a construction it ran reads (`rnn_cell.LSTMCell` beside `rnn_cell.GRUCell`), with arguments that call
    nothing; the first statement may call a function of the program whose body only returns a fresh cell
    construction, with arguments that call nothing (`cell = self._get_lstm_cell(config, is_training)`,
    tensorflow/models#2868): each call builds a cell of its own. A stack that rebinds the cell's name in the block
    the statements stand in (`cell = MultiRNNCell([cell for _ in range(n)])`) needs nothing more: what is read after
    it is the stack. A stack made under an `if` of its own that rebinds the cell (`if num_layer > 1: cell =
    MultiRNNCell([cell] * num_layer)`, then `return cell`), or the name an alias made right before the `if` holds
    (`cell = single_cell`, then `if num_layers > 1: cell = MultiRNNCell([single_cell] * num_layers)`:
    tensorflow/models#934, whose two paths bind `single_cell` to a GRU or an LSTM, both moved into one
    `make_single_cell()`), gets `cell = make_cell()` after the helper, so what is read after the `if` is the stack,
    or where it was not made the one cell, built as before (where the stack is made, that one cell is never called
    and makes no variables: measured, a one-layer GRU makes the same variables as before). Two cells built side
    by side and wrapped under one `if` (`fw = GRUCell(n)`, `bw = GRUCell(n)`, `if keep < 1:` wrapping both,
    then `[fw] * k` and `[bw] * k`: OpenNRE#37) get one helper each: a cell's construction and its lines of
    the `if`, under the same test, move into `make_fw()`, and the other cell's lines stay; only when a line
    for one cell does not read the other and the statements passed over (the other cell's lines, its stack,
    its helper) run nothing but cell constructions and bind nothing the moved lines read. A cell held as an
    attribute, made by `self.cell = GRUCell(size)` in `__init__` and used by a method of the class where two cells
    are meant (both directions, an encoder and a decoder call), gets a second attribute made right after it by the
    same construction (`self.cell_bw = GRUCell(size)`, or `self.cell_1`), which the later use reads; only when the
    construction's arguments call nothing (repeated at once, they mean the same). No variable is renamed: the shared
    one keeps its name (`cell_0/...`, `fw/...`) and the new cells add theirs (`cell_1/...`, `bw/...`). Where another
    path binds the cell's name differently, only the `make_cell()` move above is offered: repeating one path's
    construction at the use would build the wrong cell on the others.

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
    MESSAGE = "One {cell} object is used {where}: it creates one set of weights and shares it"
    FIX_TITLE = "Make a fresh cell for each use"
    FIX_AVAILABILITY = FixAvailability.SOMETIMES
    FIX_SAFETY = FixSafety.UNSAFE
    VERIFY = VerifyCheck.REPAIRS

    def check(self, facts: Facts) -> Iterator[Finding]:
        made = {id(c.obj): c for c in facts.of(Created) if isinstance(c.obj, LayerObj)}
        self._given: set[str] = set()  # attributes the fixes of this module make
        for _, events in facts.grouped(SharedCell):
            live = [e for e in events if reachable(e) and graph_code(facts.graph_mode, e)]
            if not live or len(live) != len(events):
                continue
            best = min(
                live, key=lambda e: _PRIORITY.index(e.where) if e.where in _PRIORITY else len(_PRIORITY)
            )
            chosen = [e for e in live if e.where == best.where and e.expr is best.expr]
            target = best.expr if best.expr is not None else best.node
            fixes = {self._text(facts, e, made) for e in chosen}
            fix = None
            text = fixes.pop() if len(fixes) == 1 else None
            if text is not None and best.expr is not None:
                fix = self.fix(_replaced_in_call(facts, best.expr, text))
            elif not fixes - {None} and len(chosen) == 1:
                fix = self._helper(facts, best, made) or self._attribute(facts, best, made)
            elif not fixes - {None} and best.expr is not None:
                # Several runs reach one `[cell] * n` (the helper called for a GRU and for an LSTM): the
                # helper's move is written from the code alone, the same for every run.
                fix = self._helper(facts, best, made)
            # Every run's cell class, in a fixed order: a helper called for a GRU and for an LSTM shares either
            # (the message does not depend on which run the analysis reached first).
            cells = " or ".join(f"`{name}`" for name in sorted({_short(e.cell) for e in chosen}))
            yield self.finding(target, fix=fix, cell=cells, where=best.where)

    def _helper(self, facts: Facts, event: SharedCell, made: dict[int, Created]) -> FixPlan | None:
        """`[cell] * n` where `cell` is built by the statements right before the use, under a condition
        (`cell = LSTMCell(n)`, then `if keep < 1: cell = DropoutWrapper(cell, ...)`): those statements become a
        local function that builds one cell, called once per layer, `[make_cell() for _ in range(n)]`."""
        repeated = _repeated_list(event.expr) if event.expr is not None else None
        comprehension = _repeated_comprehension(event.expr) if event.expr is not None else None
        if comprehension is not None:
            repeated = (comprehension.elt, comprehension.for_in.iter)
        if repeated is None or not isinstance(repeated[0], cst.Name) or not event.chain:
            return None
        name = repeated[0].value
        use = event.chain[-1]
        scope = event.function if event.function is not None else facts.module
        constructions = (
            {id(c.node) for c in made.values()} | _unrun_cells(facts, scope, made) | _factory_calls(scope, made)
        )
        found = _block_before(event, use, name, constructions)
        if found is None:
            return self._interleaved(facts, event, use, name, constructions, repeated, comprehension, scope)
        items, at, alias = found
        start = at - 1 if alias is not None else at
        end = start
        while start > 0 and _builds(items[start - 1], name, constructions, conditional=True, branches=True):
            start -= 1
        moved = items[start:end]
        if not moved or not _builds(moved[0], name, constructions, conditional=False, branches=True):
            return None
        if not any(isinstance(st, cst.If) for st in moved):
            return None  # no condition: the construction itself is repeated, or it cannot be (see _text)
        first = moved[0]
        values = [a.value for a in descendants(first) if isinstance(a, cst.Assign)]
        if not values or any(
            isinstance(n, cst.Name) and n.value == name for value in values for n in descendants(value)
        ):
            return None  # the first statement must make the cell from scratch, on every branch
        inside = {id(n) for st in moved for n in descendants(st)} | {id(repeated[0])}
        # `cell = MultiRNNCell([cell] * n)` under `if n > 1:`, then `return cell`: what is read after the stack
        # is the stack, or (where it was not made) the one cell, made as before by a call of the helper.
        rebinds = _assigns_to(use, name)
        later = {id(n) for st in items[at + 1 :] for n in descendants(st)} if rebinds else set()
        if rebinds is not None:
            later.add(id(rebinds))
        # `cell = single_cell`, then `if n > 1: cell = MultiRNNCell([single_cell] * n)` (tensorflow/models#934):
        # the alias is what the one-layer path reads, the one cell made as before by a call of the helper.
        if alias is not None:
            later |= {id(n) for n in descendants(alias)}
        elsewhere = [
            n
            for n in descendants(scope)
            if isinstance(n, cst.Name) and n.value == name and id(n) not in inside and id(n) not in later
        ]
        if elsewhere:
            return None  # the cell is read elsewhere: it must stay
        # A stack that rebinds the name in the block the statements stand in (`cell = MultiRNNCell([cell for _ in
        # range(n)])`, tensorflow/models#2868): what is read after it is the stack on every path.
        direct = items[at] is use and rebinds is not None
        kept = not direct and any(
            isinstance(n, cst.Name) and n.value == name and id(n) in later for n in descendants(scope)
        )
        words = {n.value for n in descendants(scope) if isinstance(n, cst.Name)} | set(facts.module_names)
        helper = (
            f"make_{name}" if f"make_{name}" not in words else unique_name(f"make_{name}", words.__contains__)
        )
        indent = facts.module.default_indent
        lines = [f"def {helper}():"]
        for st in moved:
            code = facts.code_for(st.with_changes(leading_lines=[]))
            lines.extend(indent + line if line.strip() else "" for line in code.rstrip("\n").split("\n"))
        lines.append(f"{indent}return {name}")
        listed = f"[{helper}() for _ in range({facts.code_for(repeated[1])})]"
        edit = (
            Replace(comprehension.elt, f"{helper}()")  # `[cell for _ in range(n)]`: the loop stays as written
            if comprehension is not None
            else Replace(event.expr, listed)
            if event.expr is not None
            else Remove(use)
        )
        if kept:  # the one cell is still read after the stack: made there by the helper
            lines.append(f"{name} = {helper}()")
        return self.fix(
            InsertBefore(first, "\n".join(lines)),
            *(Remove(st) for st in moved),
            edit,
            title=f"Build one cell per layer with `{helper}()`",
        )

    def _interleaved(
        self,
        facts: Facts,
        event: SharedCell,
        use: cst.CSTNode,
        name: str,
        constructions: set[int],
        repeated: tuple[cst.BaseExpression, cst.BaseExpression],
        comprehension: cst.ListComp | None,
        scope: cst.CSTNode,
    ) -> FixPlan | None:
        """Two cells built side by side before their stacks (OpenNRE#37: `fw = GRUCell(n)`, `bw = GRUCell(n)`,
        `if keep < 1:` wrapping both, then `MultiRNNCell([fw] * k)` and `MultiRNNCell([bw] * k)`): this cell's
        lines (its construction, and its lines of each such `if`, under the same test) become `make_fw()`, the
        other cell's stay where they are. The statements passed over mention no name the moved lines read or
        this cell's name, and call only cell constructions, `range` and local helpers that do (an earlier fix's
        `make_bw()`), so the moved lines mean at the stack what they meant where they stood."""
        holder = event.chain[-2] if len(event.chain) >= 2 else event.frame.node
        body = getattr(holder, "body", None)
        items = list(getattr(body, "body", body) or ())
        at = next((i for i, st in enumerate(items) if st is use), None)
        if at is None or not isinstance(holder, (cst.FunctionDef, cst.Module)):
            return None
        helpers = {
            st.name.value: st
            for st in items
            if isinstance(st, cst.FunctionDef)
            and all(id(c) in constructions for c in descendants(st.body) if isinstance(c, cst.Call))
        }
        parts: list[tuple[cst.CSTNode, list[cst.CSTNode] | None]] = []  # (statement, its lines for the cell)
        passed: list[cst.CSTNode] = []
        index = at - 1
        while index >= 0:
            st = items[index]
            if not _mentions(st, name):
                if not _quiet(st, constructions, helpers):
                    break
                passed.append(st)
                index -= 1
                continue
            if _construction_line(st, constructions) == name:
                parts.append((st, None))
                break  # the construction that makes the cell from scratch
            lines = _conditional_lines(st, name, constructions)
            if lines is None:
                return None
            parts.append((st, lines))
            index -= 1
        else:
            return None
        parts.reverse()
        first = parts[0][0]
        assign = single_assign(first)
        if assign is None or _mentions(assign.value, name) or not any(lines for _, lines in parts):
            return None  # made from scratch, then wrapped under a condition
        pieces = [
            piece
            for st, lines in parts
            for piece in ([st] if lines is None or not isinstance(st, cst.If) else [st.test, *lines])
        ]
        read = {n.value for piece in pieces for n in descendants(piece) if isinstance(n, cst.Name)} - {name}
        for st in passed:
            if st is not parts[0][0] and _binds_any(st, read):
                return None
        inside = {id(n) for piece in pieces for n in descendants(piece)} | {id(repeated[0])}
        if any(
            isinstance(n, cst.Name) and n.value == name and id(n) not in inside for n in descendants(scope)
        ):
            return None  # the cell is read elsewhere: it must stay
        words = {n.value for n in descendants(scope) if isinstance(n, cst.Name)} | set(facts.module_names)
        helper = (
            f"make_{name}" if f"make_{name}" not in words else unique_name(f"make_{name}", words.__contains__)
        )
        indent = facts.module.default_indent
        code = facts.code_for
        out = [f"def {helper}():"]
        edits: list[NodeEdit] = []
        for st, lines in parts:
            if lines is None or (isinstance(st, cst.If) and len(lines) == len(_block_lines(st))):
                text = code(st.with_changes(leading_lines=[]))
                edits.append(Remove(st))
            else:
                assert isinstance(st, cst.If) and isinstance(st.body, cst.IndentedBlock)
                mine = [line for line in st.body.body if line in lines]
                rest = [line for line in st.body.body if line not in lines]
                text = code(st.with_changes(leading_lines=[], body=st.body.with_changes(body=mine)))
                kept = code(st.with_changes(leading_lines=[], body=st.body.with_changes(body=rest))).rstrip("\n")
                at_indent = "".join(
                    a.indent if a.indent is not None else indent
                    for a in facts.ancestors(st)
                    if isinstance(a, cst.IndentedBlock)
                )
                head, *tail = kept.split("\n")
                edits.append(Replace(st, "\n".join([head, *(at_indent + x if x.strip() else x for x in tail)])))
            out.extend(indent + line if line.strip() else "" for line in text.rstrip("\n").split("\n"))
        out.append(f"{indent}return {name}")
        listed = f"[{helper}() for _ in range({code(repeated[1])})]"
        if comprehension is not None:
            edits.append(Replace(comprehension.elt, f"{helper}()"))
        elif event.expr is not None:
            edits.append(Replace(event.expr, listed))
        else:
            return None
        return self.fix(
            InsertBefore(first, "\n".join(out)),
            *edits,
            title=f"Build one cell per layer with `{helper}()`",
        )

    def _attribute(self, facts: Facts, event: SharedCell, made: dict[int, Created]) -> FixPlan | None:
        """`self.cell` made in `__init__` (`self.cell = GRUCell(size)`) and used by a method where two cells
        are meant (the forward and the backward direction): a second attribute made right after it, the same
        construction (`self.cell_bw = GRUCell(size)`), serves the second use."""
        use = event.expr
        created = made.get(id(event.cell))
        if (
            created is None
            or not isinstance(use, cst.Attribute)
            or not (isinstance(use.value, cst.Name) and use.value.value == "self")
            or created.function is None
            or created.function.name.value != "__init__"
            or len(created.chain) != 1
            or event.function is None
        ):
            return None
        line = created.chain[0]
        call = event.cell.site
        if (
            not isinstance(line, cst.SimpleStatementLine)
            or len(line.body) != 1
            or not isinstance(call, cst.Call)
        ):
            return None
        assign = line.body[0]
        if not isinstance(assign, cst.Assign) or assign.value is not call or len(assign.targets) != 1:
            return None
        target = assign.targets[0].target
        if not (
            isinstance(target, cst.Attribute)
            and isinstance(target.value, cst.Name)
            and target.value.value == "self"
            and target.attr.value == use.attr.value
        ):
            return None
        # Repeated right after the first, the construction means the same if it runs nothing else.
        reads = [n for a in call.args for n in (a.value, *descendants(a.value))]
        if any(a.star for a in call.args) or any(
            isinstance(n, (cst.Call, cst.Lambda, cst.NamedExpr, cst.Yield, cst.Await)) for n in reads
        ):
            return None
        owner = next(
            (a for a in reversed(facts.ancestors(created.function)) if isinstance(a, cst.ClassDef)), None
        )
        if owner is None or owner not in facts.ancestors(event.function):
            return None  # the use is not in a method of the class that made the cell
        base = use.attr.value
        suffix = "_bw" if "backward" in event.where else ""

        def taken(name: str) -> bool:
            return name in self._given or re.search(rf"\b{re.escape(name)}\b", facts.source) is not None

        name = f"{base}{suffix}" if suffix and not taken(f"{base}{suffix}") else unique_name(base, taken)
        self._given.add(name)
        return self.fix(
            InsertAfter(line, f"self.{name} = {facts.code_for(call)}"),
            Replace(use, f"self.{name}"),
            title=f"Make a second cell, `self.{name}`, in `__init__` for this use",
        )

    def _text(self, facts: Facts, event: SharedCell, made: dict[int, Created]) -> str | None:
        """The use rewritten to make a fresh cell, or None when the construction cannot be repeated there."""
        expr = event.expr
        code = facts.code_for
        if isinstance(expr, cst.BinaryOperation) and isinstance(expr.operator, cst.Multiply):
            listed, times = (
                (expr.left, expr.right) if isinstance(expr.left, cst.List) else (expr.right, expr.left)
            )
            if not isinstance(listed, cst.List) or len(listed.elements) != 1:
                return None
            element = listed.elements[0].value
            text = self._fresh(facts, event, element, made, frozenset())
            return f"[{text} for _ in range({code(times)})]" if text is not None else None
        if isinstance(expr, cst.ListComp):
            targets = frozenset(_targets(expr))
            text = self._inside(facts, event, expr.elt, made, targets)
            return code(expr.with_changes(elt=cst.parse_expression(text))) if text is not None else None
        if expr is not None:
            return self._inside(facts, event, expr, made, frozenset())
        return None

    def _inside(
        self,
        facts: Facts,
        event: SharedCell,
        expr: cst.BaseExpression,
        made: dict[int, Created],
        hidden: frozenset[str],
    ) -> str | None:
        """`expr` with the shared cell it holds (its `cell` argument, all the way in) constructed afresh."""
        if isinstance(expr, cst.Call) and expr.args:
            inner = next(
                (a for a in expr.args if a.keyword is not None and a.keyword.value == "cell"), expr.args[0]
            )
            if inner.star or (inner.keyword is not None and inner.keyword.value != "cell"):
                return None
            text = self._inside(facts, event, inner.value, made, hidden)
            if text is None or not _stable(facts, event, event, expr, hidden, skip=inner.value):
                return None
            new = expr.with_changes(
                args=[
                    a.with_changes(value=cst.parse_expression(text)) if a is inner else a for a in expr.args
                ]
            )
            return facts.code_for(new)
        if isinstance(expr, cst.Name) and expr.value not in hidden and _bound_once(facts, expr):
            value = event.env.get(expr.value)
            obj = present(value).single() if isinstance(value, AV) else None
            if isinstance(obj, LayerObj) and _root(obj) is _root_of(event):
                return self._construct(facts, event, obj, made)
        return None

    def _fresh(
        self,
        facts: Facts,
        event: SharedCell,
        expr: cst.BaseExpression,
        made: dict[int, Created],
        hidden: frozenset[str],
    ) -> str | None:
        """Text that makes a fresh cell equal to what `expr` gives at the use."""
        if isinstance(expr, cst.Name):
            if not _bound_once(facts, expr):
                return None  # other paths bind it to other cells (`if gru: cell = GRUCell(n) else: ...`)
            value = event.env.get(expr.value)
            obj = present(value).single() if isinstance(value, AV) else None
            return self._construct(facts, event, obj, made) if isinstance(obj, LayerObj) else None
        if isinstance(expr, cst.Call) and _stable(facts, event, event, expr, hidden):
            return facts.code_for(expr)
        return None

    def _construct(
        self, facts: Facts, use: Event, cell: LayerObj, made: dict[int, Created], depth: int = 0
    ) -> str | None:
        """The construction of `cell`, repeated at the use: the same function, arguments that mean the same there
        (constants, modules, parameters), and the cells it wraps constructed afresh too."""
        created = made.get(id(cell))
        call = cell.site
        if created is None or depth > 4 or not isinstance(call, cst.Call) or created.frame is not use.frame:
            return None
        if any(a.star for a in call.args):
            return None
        quiet = _quiet_between(facts, created, use, made)
        args: list[cst.Arg] = []
        for arg in call.args:
            value = arg.value
            inner = _cell_named(created, value)
            if inner is not None and isinstance(value, cst.Name) and not _bound_once(facts, value):
                return None
            if inner is not None:
                text = self._construct(facts, use, inner, made, depth + 1)
                if text is None:
                    return None
                args.append(arg.with_changes(value=cst.parse_expression(text)))
                continue
            repeated = _repeated_list(value)
            if repeated is not None and (inner := _cell_named(created, repeated[0])) is not None:
                if isinstance(repeated[0], cst.Name) and not _bound_once(facts, repeated[0]):
                    return None
                # `MultiRNNCell([drop] * n)` made again: `[<drop made afresh> for _ in range(n)]`.
                text = self._construct(facts, use, inner, made, depth + 1)
                if text is None or not _stable(facts, created, use, repeated[1], frozenset(), quiet=quiet):
                    return None
                listed = f"[{text} for _ in range({facts.code_for(repeated[1])})]"
                args.append(arg.with_changes(value=cst.parse_expression(listed)))
                continue
            if not _stable(facts, created, use, value, frozenset(), quiet=quiet):
                return None
            args.append(arg)
        if not _stable(facts, created, use, call.func, frozenset(), quiet=quiet):
            return None
        return facts.code_for(call.with_changes(args=args))


def _bound_once(facts: Facts, name: cst.Name) -> bool:
    """Every path to the use binds `name` the same way: no binding of it in its function (or module), outside
    the use's own statement, lies under an `if`, a loop or a `try` that does not also hold the use. The
    construction repeated at the use is then the one every path runs. (A cell made as `GRUCell` or `LSTMCell`
    by an `if`, or rewrapped under a condition, is one object in each context the analysis ran, but the fix is
    written once for them all.)"""
    chain = facts.ancestors(name)
    scope: cst.CSTNode = facts.module
    for ancestor in reversed(chain):
        if isinstance(ancestor, (cst.FunctionDef, cst.Lambda)):
            scope = ancestor
            break
    statement = next(
        (a for a in reversed(chain) if isinstance(a, (cst.SimpleStatementLine, cst.BaseCompoundStatement))), None
    )
    around = {id(a) for a in chain}
    stack: list[cst.CSTNode] = [scope]
    while stack:
        node = stack.pop()
        if node is statement or (node is not scope and isinstance(node, (cst.FunctionDef, cst.ClassDef, cst.Lambda))):
            continue  # the use's own statement binds after it reads; nested definitions are their own scopes
        targets: list[cst.CSTNode] = []
        if isinstance(node, cst.Assign):
            targets = [t.target for t in node.targets]
        elif isinstance(node, (cst.AnnAssign, cst.AugAssign, cst.For, cst.NamedExpr)):
            targets = [node.target]
        elif isinstance(node, cst.WithItem) and node.asname is not None:
            targets = [node.asname.name]
        for target in targets:
            for bound in descendants(target):
                if not (isinstance(bound, cst.Name) and bound.value == name.value):
                    continue
                inside = facts.ancestors(bound)
                start = next((k for k, a in enumerate(inside) if a is scope), len(inside))
                if any(
                    isinstance(a, (cst.If, cst.For, cst.While, cst.Try, cst.TryStar, cst.Match))
                    and id(a) not in around
                    for a in inside[start + 1 :]
                ):
                    return False
        stack.extend(children(node))
    return True


def _unrun_cells(facts: Facts, scope: cst.CSTNode, made: dict[int, Created]) -> set[int]:
    """Cell constructions on a path the analysis did not run (the `LSTMCell` arm where the program asks for a
    GRU): `<module>.LSTMCell(...)` through the very module expression that a construction the analysis ran
    reads (`rnn_cell.GRUCell(...)`), a TF1 cell or wrapper class, with arguments that call nothing."""
    receivers = {
        facts.code_for(c.node.func.value)
        for c in made.values()
        if isinstance(c.node, cst.Call) and isinstance(c.node.func, cst.Attribute)
    }
    classes = (set(CELL_NAMES) - {"MultiRNNCell"}) | WRAPPERS
    return {
        id(n)
        for n in descendants(scope)
        if isinstance(n, cst.Call)
        and isinstance(n.func, cst.Attribute)
        and n.func.attr.value in classes
        and facts.code_for(n.func.value) in receivers
        and not any(isinstance(m, cst.Call) for a in n.args for m in descendants(a))
    }


def _block_before(
    event: SharedCell, use: cst.CSTNode, name: str, constructions: set[int]
) -> tuple[list[cst.CSTNode], int, cst.CSTNode | None] | None:
    """The statements of the block that holds the use, and the use's index there. When nothing right before
    the use builds the cell and the use is alone under an `if` whose test calls nothing (`if num_layer > 1:
    cell = MultiRNNCell([cell] * num_layer)`), the block around that `if` and its index; there, right before the
    `if`, may stand an alias of the cell under the name the stack rebinds (`cell = single_cell`), returned third."""
    first_use = use
    for level in (2, 3):
        holder = event.chain[-level] if len(event.chain) >= level else event.frame.node
        body = getattr(holder, "body", None)
        items = list(getattr(body, "body", body) or ())
        at = next((i for i, st in enumerate(items) if st is use), None)
        if at is None:
            return None
        if at > 0 and _builds(items[at - 1], name, constructions, conditional=True, branches=True):
            return items, at, None
        alias = items[at - 1] if level == 3 and at > 1 else None
        if (
            alias is not None
            and _alias_of(alias, name, first_use)
            and _builds(items[at - 2], name, constructions, conditional=True, branches=True)
        ):
            return items, at, alias
        if (
            level == 3
            or len(event.chain) < 2
            or not isinstance(holder, cst.If)
            or holder.orelse is not None
            or len(items) != 1
            or any(isinstance(n, (cst.Call, cst.NamedExpr)) for n in descendants(holder.test))
        ):
            return None
        use = holder
    return None


def _alias_of(statement: cst.CSTNode, name: str, use: cst.CSTNode) -> bool:
    """`other = name` alone on its line, where `other` is the name the use's statement rebinds."""
    assign = single_assign(statement)
    if assign is None:
        return False
    target = assign.targets[0].target
    return (
        isinstance(target, cst.Name)
        and target.value != name
        and isinstance(assign.value, cst.Name)
        and assign.value.value == name
        and _assigns_to(use, target.value) is not None
    )


def _factory_calls(scope: cst.CSTNode, made: dict[int, Created]) -> set[int]:
    """Calls in `scope` of a function of the program whose body only returns a fresh cell construction
    (`self._get_lstm_cell(config, is_training)` with `return BasicLSTMCell(...)`, tensorflow/models#2868), with
    arguments that call nothing: each call builds a cell of its own, as the construction does."""
    inside = {id(n) for n in descendants(scope)}
    out: set[int] = set()
    for created in made.values():
        link = created.ctx.find(CtxKind.CALL)
        func = link.data if link is not None else None
        call = link.node if link is not None else None
        if not isinstance(func, FuncObj) or not isinstance(call, cst.Call) or id(call) not in inside:
            continue
        node = func.node
        block = node.body if isinstance(node, cst.FunctionDef) else None
        body = list(block.body) if isinstance(block, cst.IndentedBlock) else []
        if (
            body
            and isinstance(body[0], cst.SimpleStatementLine)
            and isinstance(body[0].body[0], cst.Expr)
            and isinstance(body[0].body[0].value, (cst.SimpleString, cst.ConcatenatedString))
        ):
            body = body[1:]
        only = body[0] if len(body) == 1 else None
        returned = (
            only.body[0].value
            if isinstance(only, cst.SimpleStatementLine)
            and len(only.body) == 1
            and isinstance(only.body[0], cst.Return)
            else None
        )
        if returned is created.node and not any(isinstance(m, cst.Call) for a in call.args for m in descendants(a)):
            out.add(id(call))
    return out


def _assigns_to(statement: cst.CSTNode, name: str) -> cst.Name | None:
    """The target of `name = ...`, when that is the whole statement."""
    assign = single_assign(statement)
    if assign is None:
        return None
    target = assign.targets[0].target
    return target if isinstance(target, cst.Name) and target.value == name else None


def _builds(
    statement: cst.CSTNode, name: str, constructions: set[int], conditional: bool, branches: bool = False
) -> bool:
    """`name = <cell construction>` alone on its line, or (with `conditional`) an `if` without `else` whose test
    calls nothing and whose body holds only such lines; with `branches`, also an `if`/`elif`/`else` whose
    every branch holds only such lines (each path makes the cell: `GRUCell` on one, `LSTMCell` on another)."""
    if branches and isinstance(statement, cst.If) and statement.orelse is not None:
        branch: cst.If | cst.Else | None = statement
        while isinstance(branch, cst.If):
            if any(isinstance(n, (cst.Call, cst.NamedExpr)) for n in descendants(branch.test)):
                return False
            block = branch.body
            if not isinstance(block, cst.IndentedBlock) or not all(
                _builds(st, name, constructions, conditional=False) for st in block.body
            ):
                return False
            branch = branch.orelse
        if branch is None:
            return False  # an `elif` chain without `else`: some path may not make it
        block = branch.body
        return isinstance(block, cst.IndentedBlock) and all(
            _builds(st, name, constructions, conditional=False) for st in block.body
        )
    if isinstance(statement, cst.SimpleStatementLine):
        if len(statement.body) != 1 or not isinstance(statement.body[0], cst.Assign):
            return False
        assign = statement.body[0]
        targets = assign.targets
        if (
            len(targets) != 1
            or not isinstance(targets[0].target, cst.Name)
            or targets[0].target.value != name
        ):
            return False
        calls = [n for n in descendants(assign.value) if isinstance(n, cst.Call)]
        return id(assign.value) in constructions and all(id(c) in constructions for c in calls)
    if conditional and isinstance(statement, cst.If) and statement.orelse is None:
        if any(isinstance(n, (cst.Call, cst.NamedExpr)) for n in descendants(statement.test)):
            return False
        body = statement.body
        return isinstance(body, cst.IndentedBlock) and all(
            _builds(st, name, constructions, conditional=False) for st in body.body
        )
    return False


def _mentions(node: cst.CSTNode, name: str) -> bool:
    return any(isinstance(n, cst.Name) and n.value == name for n in descendants(node))


def _construction_line(statement: cst.CSTNode, constructions: set[int]) -> str | None:
    """The name `name = <cell construction>` (alone on its line, calling only constructions) binds."""
    assign = single_assign(statement)
    if assign is None or not isinstance(assign.targets[0].target, cst.Name):
        return None
    calls = [n for n in descendants(assign.value) if isinstance(n, cst.Call)]
    if id(assign.value) not in constructions or not all(id(c) in constructions for c in calls):
        return None
    return assign.targets[0].target.value


def _block_lines(statement: cst.If) -> list[cst.CSTNode]:
    return list(statement.body.body) if isinstance(statement.body, cst.IndentedBlock) else []


def _conditional_lines(statement: cst.CSTNode, name: str, constructions: set[int]) -> list[cst.CSTNode] | None:
    """The lines of `if <test>:` (no `else`, a test that calls nothing, a body of cell constructions only)
    that bind `name`; None for any other statement."""
    if not isinstance(statement, cst.If) or statement.orelse is not None:
        return None
    if any(isinstance(n, (cst.Call, cst.NamedExpr)) for n in descendants(statement.test)):
        return None
    if _mentions(statement.test, name):
        return None
    lines = _block_lines(statement)
    bound = [_construction_line(line, constructions) for line in lines]
    if not lines or None in bound:
        return None
    mine = [line for line, b in zip(lines, bound, strict=True) if b == name]
    # a line for another cell must not read this one (`bw = Wrapper(fw)`)
    if any(b != name and _mentions(line, name) for line, b in zip(lines, bound, strict=True)):
        return None
    return mine


def _quiet(statement: cst.CSTNode, constructions: set[int], helpers: dict[str, cst.FunctionDef]) -> bool:
    """A statement that runs nothing but cell constructions: such lines, an `if` of them, a stack of cells
    (`MultiRNNCell([...] * n)`, `[make_bw() for _ in range(n)]`), or a local helper's `def` made of them."""
    if isinstance(statement, cst.FunctionDef):
        return statement.name.value in helpers
    if not isinstance(statement, (cst.SimpleStatementLine, cst.If)):
        return False
    if isinstance(statement, cst.If) and statement.orelse is not None:
        return False
    for node in descendants(statement):
        if isinstance(node, (cst.Lambda, cst.NamedExpr, cst.Global, cst.Nonlocal, cst.Del)):
            return False
        if isinstance(node, cst.Call) and id(node) not in constructions:
            func = node.func
            if not (isinstance(func, cst.Name) and (func.value == "range" or func.value in helpers)):
                return False
    return True


def _binds_any(statement: cst.CSTNode, names: set[str]) -> bool:
    """Whether the statement binds one of `names` (or defines it)."""
    if isinstance(statement, (cst.FunctionDef, cst.ClassDef)):
        return statement.name.value in names
    for node in descendants(statement):
        if isinstance(node, (cst.AssignTarget, cst.AugAssign, cst.AnnAssign, cst.For, cst.WithItem)):
            target = node.asname if isinstance(node, cst.WithItem) else node.target
            if target is not None and any(
                isinstance(n, cst.Name) and n.value in names for n in descendants(target)
            ):
                return True
    return False


def _cell_named(event: Event, expr: cst.BaseExpression) -> LayerObj | None:
    """The cell a name holds at `event`."""
    if not isinstance(expr, cst.Name):
        return None
    bound = event.env.get(expr.value)
    obj = present(bound).single() if isinstance(bound, AV) else None
    return obj if isinstance(obj, LayerObj) else None


def _replaced_in_call(facts: Facts, expr: cst.BaseExpression, text: str) -> Replace:
    """`expr` replaced by `text`; where `expr` is an argument of a call, the call is rewritten with it, so that
    a line the fresh cells make too long breaks the call's arguments over lines as the file's length needs."""
    path = facts.ancestors(expr)
    if len(path) >= 2 and isinstance(path[-1], cst.Arg) and isinstance(path[-2], cst.Call):
        arg, call = path[-1], path[-2]
        if arg.value is expr:
            args = [a.with_changes(value=cst.parse_expression(text)) if a is arg else a for a in call.args]
            return Replace(call, call.with_changes(args=args), wrap=True)
    return Replace(expr, text)


def _repeated_comprehension(expr: cst.BaseExpression) -> cst.ListComp | None:
    """`[cell for _ in range(n)]`: a list comprehension of one clause, no condition, whose element is a name
    other than its target (the same object on every pass)."""
    if not isinstance(expr, cst.ListComp) or not isinstance(expr.elt, cst.Name):
        return None
    clause = expr.for_in
    if clause.inner_for_in is not None or clause.ifs or clause.asynchronous is not None:
        return None
    bound = {n.value for n in descendants(clause.target) if isinstance(n, cst.Name)}
    return None if expr.elt.value in bound else expr


def _repeated_list(expr: cst.BaseExpression) -> tuple[cst.BaseExpression, cst.BaseExpression] | None:
    """`[x] * n` (or `n * [x]`) as (x, n)."""
    if not isinstance(expr, cst.BinaryOperation) or not isinstance(expr.operator, cst.Multiply):
        return None
    listed, times = (expr.left, expr.right) if isinstance(expr.left, cst.List) else (expr.right, expr.left)
    if not isinstance(listed, cst.List) or len(listed.elements) != 1 or isinstance(times, cst.List):
        return None
    element = listed.elements[0]
    return None if isinstance(element, cst.StarredElement) else (element.value, times)


def _quiet_between(facts: Facts, created: Event, use: Event, made: dict[int, Created]) -> bool:
    """Whether nothing runs between the cell's construction and its use that could change what the construction
    reads (an attribute of an object, a value not known): the use's statement follows the construction's in
    one block, with only other cells' constructions (`drop = DropoutWrapper(cell)`) between them, and the use's
    statement calls nothing but the calls around the use."""
    if created.frame is not use.frame or not created.chain or not use.chain:
        return False
    if len(created.chain) != len(use.chain) or any(
        a is not b for a, b in zip(created.chain[:-1], use.chain[:-1], strict=True)
    ):
        return False
    holder = created.chain[-2] if len(created.chain) > 1 else created.frame.node
    body = getattr(holder, "body", None)
    items = getattr(body, "body", body)
    if not isinstance(items, (list, tuple)):
        return False
    position = {id(s): i for i, s in enumerate(items)}
    first, last = position.get(id(created.chain[-1])), position.get(id(use.chain[-1]))
    if first is None or last is None or last <= first:
        return False
    constructions = {id(c.node) for c in made.values()}
    for between in items[first + 1 : last]:
        line = between if isinstance(between, cst.SimpleStatementLine) else None
        if line is None or len(line.body) != 1 or not isinstance(line.body[0], cst.Assign):
            return False
        assign = line.body[0]
        if id(assign.value) not in constructions or not all(
            isinstance(t.target, cst.Name) for t in assign.targets
        ):
            return False
        if not all(id(n) in constructions for n in descendants(assign.value) if isinstance(n, cst.Call)):
            return False
    expr = use.expr if isinstance(use, SharedCell) else None
    if expr is None:
        return False
    around, inside = _ancestors(use.chain[-1], expr), {id(n) for n in descendants(expr)}
    return all(
        id(n) in around or id(n) in inside for n in descendants(use.chain[-1]) if isinstance(n, cst.Call)
    )


def _ancestors(root: cst.CSTNode, target: cst.CSTNode) -> set[int]:
    """The ids of the nodes on the path from `root` down to `target` (`target` excluded)."""
    path: list[tuple[cst.CSTNode, int]] = [(root, 0)]
    trail: list[cst.CSTNode] = []
    while path:
        node, depth = path.pop()
        del trail[depth:]
        if node is target:
            return {id(n) for n in trail}
        trail.append(node)
        path.extend((c, depth + 1) for c in reversed(children(node)))
    return set()


def _short(cell: object) -> str:
    return cell.short if isinstance(cell, LayerObj) else "cell"


def _root(cell: LayerObj) -> LayerObj:
    while cell.wrapped is not None:
        cell = cell.wrapped
    return cell


def _root_of(event: SharedCell) -> object:
    return _root(event.cell) if isinstance(event.cell, LayerObj) else event.cell


def _targets(comp: cst.ListComp) -> list[str]:
    out: list[str] = []
    clause: cst.CompFor | None = comp.for_in
    while clause is not None:
        stack: list[cst.CSTNode] = [clause.target]
        while stack:
            node = stack.pop()
            if isinstance(node, cst.Name):
                out.append(node.value)
            elif isinstance(node, (cst.Tuple, cst.List)):
                stack.extend(e.value for e in node.elements)
        clause = clause.inner_for_in
    return out


def _stable(
    facts: Facts,
    made: Event,
    use: Event,
    expr: cst.BaseExpression,
    hidden: frozenset[str],
    skip: cst.BaseExpression | None = None,
    quiet: bool = False,
) -> bool:
    """Whether every name `expr` reads means at `use` what it meant at `made`: the same object at both points
    (a module, a constant, a tensor; not a cell, which would be shared again), or a parameter of the function.
    With `quiet` (nothing runs in between that could change them) an attribute of any object and a value not
    known also mean the same."""
    stack: list[tuple[cst.CSTNode, bool]] = [(expr, False)]
    params = _parameters(use)
    while stack:
        node, module_only = stack.pop()
        if node is skip:
            continue
        if isinstance(
            node, (cst.Lambda, cst.ListComp, cst.SetComp, cst.DictComp, cst.GeneratorExp, cst.NamedExpr)
        ):
            return False
        if isinstance(node, cst.Name):
            name = node.value
            if name in ("None", "True", "False"):
                continue
            if name in hidden:
                return False
            before, after = made.env.get(name), use.env.get(name)
            if before is None and after is None:
                bound = facts.module_names.get(name) if made.frame is not facts.module_frame else None
                obj = present(bound).single() if isinstance(bound, AV) else None
                if not isinstance(obj, (ModuleRef, Const)) or (
                    module_only and not isinstance(obj, ModuleRef)
                ):
                    return False
                continue
            if not isinstance(before, AV) or not isinstance(after, AV) or before != after:
                return False
            obj = present(after).single()
            if module_only and not isinstance(obj, ModuleRef) and not quiet:
                return False  # an attribute of an object may have changed in between
            if isinstance(obj, LayerObj) or (obj is None and name not in params and not quiet):
                return False  # another cell would be shared again; an unknown value only as a parameter
            continue
        if isinstance(node, cst.Attribute):
            stack.append((node.value, True))
            continue
        if module_only and not quiet:
            return False
        if isinstance(node, cst.Call):
            if any(a.star for a in node.args):
                return False
            if quiet and not _stable(facts, made, use, node.func, hidden):
                return False  # a method of an object, which may change it: not run twice
            stack.append((node.func, False))
            stack.extend((a.value, False) for a in node.args)
            continue
        stack.extend((child, False) for child in children(node))
    return True


def _parameters(event: Event) -> set[str]:
    function = event.function
    if function is None:
        return set()
    params = function.params
    return {p.name.value for p in (*params.posonly_params, *params.params, *params.kwonly_params)}
