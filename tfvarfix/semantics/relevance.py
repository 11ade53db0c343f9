"""Which functions of another module of the project can matter to the analysis, read from its source alone.

A file is checked with the project modules it imports in view, and each call into one of them is interpreted
(`Interpreter.invoke`). Most of what real projects call there is plain Python (configuration objects, string
helpers, parsers) that can make nothing the analysis knows: in tf-models-official one `ParamsDict.__init__`
costs ~20 ms a call and is called from dozens of importers. Such a call is *inert*: its function, read with
everything it names, mentions nothing that can make or touch a layer, model, variable, tensor or graph, and its
arguments carry none of those. An inert call is not run: it is the call of unknown code that a file checked alone
sees (its arguments escape, its result is unknown), so following imports never costs more than it can tell.

What a module's code can reach is found as Python would bind it, without running it: the semantics' own words
(`Dense`, `add_weight`, `Variable`, ...), the names its imports bind from TensorFlow, Keras, NumPy or the
project itself (whose modules are not read here: any of their names may matter), then, to a fixed point, every
name that a statement binds (a function, a class, a method, a module-level assignment) whose text mentions a
name already known to matter. A star import from such a module makes every name matter: nothing is inert there.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable

import libcst as cst

from tfvarfix.semantics.scoping import import_binding, target_names, words_under
from tfvarfix.semantics.walker import children

_MODELLED_TOP = frozenset({"tensorflow", "keras", "tf_keras", "numpy", "jax", "torch"})
_KEPT = 256  # modules whose answer is kept (as many as the project store keeps parsed)

# A module's import as the resolver needs it: (dotted name, leading dots).
ImportResolves = Callable[[str, int], bool]


def words_of(node: cst.CSTNode) -> frozenset[str]:
    """Every name and attribute name `node` mentions, nested functions and classes included."""
    return frozenset(words_under(node, nested=True))


class ModuleRelevance:
    """The names of one module that may matter (`None`: every name may, after a star import that may)."""

    __slots__ = ("_module", "names")

    def __init__(self, module: cst.Module, words: frozenset[str], project_import: ImportResolves) -> None:
        self._module = module  # kept so that its id, the cache key, is not reused while this answer is
        self.names = _relevant(module, words, project_import)


_CACHE: OrderedDict[tuple[int, frozenset[str]], ModuleRelevance] = OrderedDict()


def relevance(module: cst.Module, words: frozenset[str], project_import: ImportResolves) -> frozenset[str] | None:
    """The names of `module` that may matter to an analysis knowing `words`; None when any may.

    `project_import(dotted, level)`: whether that import names a module of the project (its names may matter).
    Kept per parsed module (the project store hands every importer the same parse)."""
    key = (id(module), words)
    found = _CACHE.get(key)
    if found is None or found._module is not module:
        found = _CACHE[key] = ModuleRelevance(module, words, project_import)
        while len(_CACHE) > _KEPT:
            _CACHE.popitem(last=False)
    else:
        _CACHE.move_to_end(key)
    return found.names


def _relevant(module: cst.Module, words: frozenset[str], project_import: ImportResolves) -> frozenset[str] | None:
    known = set(words)
    bindings: list[tuple[frozenset[str], frozenset[str]]] = []  # (names bound, words the binding mentions)

    def imported(statement: cst.Import | cst.ImportFrom) -> bool | None:
        """Whether the names this import binds may matter (None: a star import that may)."""
        if isinstance(statement, cst.Import):
            return any(_matters(_dotted(a.name), 0, project_import) for a in statement.names)
        level = len(statement.relative)
        base = _dotted(statement.module) if statement.module is not None else ""
        matters = _matters(base, level, project_import)
        if isinstance(statement.names, cst.ImportStar):
            return None if matters else False
        return matters or any(
            _matters(f"{base}.{_dotted(a.name)}" if base else _dotted(a.name), level, project_import)
            for a in statement.names
        )

    def visit(statements: list[cst.CSTNode]) -> bool:
        """Collect the bindings of a body; False when a star import makes every name matter."""
        for statement in statements:
            if isinstance(statement, cst.SimpleStatementLine):
                for small in statement.body:
                    if isinstance(small, (cst.Import, cst.ImportFrom)):
                        answer = imported(small)
                        if answer is None:
                            return False
                        names = frozenset(import_binding(a) for a in small.names) if not isinstance(
                            small.names, cst.ImportStar
                        ) else frozenset()
                        if answer:
                            known.update(names)
                        continue
                    bindings.append((_bound(small), words_of(small)))
            elif isinstance(statement, cst.FunctionDef):
                # What its body binds is local; nested functions are never taken for inert (their closure).
                bindings.append((frozenset({statement.name.value}), words_of(statement)))
            elif isinstance(statement, cst.ClassDef):
                head = [*statement.bases, *statement.keywords, *statement.decorators]
                body = list(statement.body.body)
                plain = [s for s in body if not isinstance(s, (cst.FunctionDef, cst.ClassDef))]
                mentioned = frozenset().union(*(words_of(n) for n in [*head, *plain]))
                bindings.append((frozenset({statement.name.value}), mentioned))
                if not visit(body):
                    return False
            elif isinstance(statement, cst.BaseCompoundStatement):
                # Conservatively, what its header binds may depend on anything the whole statement mentions.
                bindings.append((_bound(statement), words_of(statement)))
                for suite in (n for n in children(statement) if isinstance(n, cst.BaseSuite)):
                    if not visit(_suite_statements(suite)):
                        return False
                for other in _else_blocks(statement):
                    if not visit(other):
                        return False
        return True

    if not visit(list(module.body)):
        return None
    changed = True
    while changed:
        changed = False
        for names, mentioned in bindings:
            if not names <= known and not mentioned.isdisjoint(known):
                known.update(names)
                changed = True
    return frozenset(known)


def _suite_statements(suite: cst.BaseSuite) -> list[cst.CSTNode]:
    return list(suite.body) if isinstance(suite, cst.IndentedBlock) else [suite]


def _else_blocks(statement: cst.BaseCompoundStatement) -> list[list[cst.CSTNode]]:
    """The bodies of the `elif`/`else`/`except`/`finally` parts of a compound statement."""
    out: list[list[cst.CSTNode]] = []
    stack: list[cst.CSTNode] = [n for n in children(statement) if not isinstance(n, cst.BaseSuite)]
    while stack:
        node = stack.pop()
        if isinstance(node, (cst.If, cst.Else, cst.ExceptHandler, cst.Finally, cst.ExceptStarHandler)):
            out.append(_suite_statements(node.body))
            if isinstance(node, cst.If) and node.orelse is not None:
                stack.append(node.orelse)
    return out


def _bound(node: cst.CSTNode) -> frozenset[str]:
    """The names a statement (or a compound statement's header) may bind: assignment and loop targets, `with
    ... as`, walrus targets; conservatively every plain name of a target."""
    found: set[str] = set()
    stack: list[cst.CSTNode] = [node]
    while stack:
        current = stack.pop()
        if isinstance(current, (cst.AssignTarget, cst.AnnAssign, cst.AugAssign, cst.For, cst.AsName)):
            target = current.target if not isinstance(current, cst.AsName) else current.name
            found.update(target_names(target))
            if isinstance(target, cst.Name):
                found.add(target.value)
        elif isinstance(current, cst.NamedExpr) and isinstance(current.target, cst.Name):
            found.add(current.target.value)
        if not isinstance(current, cst.BaseSuite):
            stack.extend(children(current))
    return frozenset(found)


def _dotted(node: cst.BaseExpression | cst.CSTNode) -> str:
    if isinstance(node, cst.Name):
        return node.value
    if isinstance(node, cst.Attribute):
        return f"{_dotted(node.value)}.{node.attr.value}"
    return ""


def _matters(dotted: str, level: int, project_import: ImportResolves) -> bool:
    if level:
        return True  # a module of this package: the project's own
    if dotted.split(".", 1)[0] in _MODELLED_TOP:
        return True
    return bool(dotted) and project_import(dotted, level)
