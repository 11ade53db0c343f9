"""Python's scoping rules, computed once per function, class body or comprehension.

A name bound anywhere in a function body (assignment, `for`, `with ... as`, `except ... as`, import, def,
class, parameter, walrus) is local to it unless declared `global` or `nonlocal`; a comprehension has its own
scope for its targets, but a walrus inside it binds in the enclosing function.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import ClassVar

import libcst as cst

from tfvarfix.semantics.walker import children

_NESTED = (cst.FunctionDef, cst.ClassDef, cst.Lambda)
_COMPREHENSIONS = (cst.ListComp, cst.SetComp, cst.GeneratorExp, cst.DictComp)


@dataclass(frozen=True)
class ScopeInfo:
    locals: frozenset[str]
    globals: frozenset[str]  # declared `global`
    nonlocals: frozenset[str]
    generator: bool  # the body yields: calling it runs nothing yet
    words: frozenset[str]  # every name and attribute name the body mentions (nested functions included)


class Scopes:
    """The scope of each function, class body or comprehension, computed once per analysis.

    One per interpreter, never a module-global cache of every tree: that kept every analysed file's trees alive
    (memory grew with the number of files, and each cyclic collection walked them all). What the latest analysis
    computed is offered to the next one (`Scopes.carried`), for the nodes that are still the same objects: the
    editor server's modules re-use the nodes of the statements an edit did not touch."""

    __slots__ = ("_cache", "_previous")

    _latest: ClassVar[
        list[dict[int, tuple[cst.CSTNode, ScopeInfo]]]
    ] = []  # the latest analysis's, at most one

    def __init__(self, previous: dict[int, tuple[cst.CSTNode, ScopeInfo]] | None = None) -> None:
        # By id, with the node kept beside its scope: a kept node's id cannot be reused by another node.
        self._cache: dict[int, tuple[cst.CSTNode, ScopeInfo]] = {}
        self._previous = previous if previous is not None else {}

    @classmethod
    def carried(cls) -> Scopes:
        """A new analysis's scopes, starting from what the latest analysis computed (only the latest is kept)."""
        scopes = cls(cls._latest[0] if cls._latest else None)
        cls._latest[:] = [scopes._cache]
        return scopes

    def __call__(self, node: cst.CSTNode) -> ScopeInfo:
        found = self._cache.get(id(node))
        if found is None:
            kept = self._previous.get(id(node))
            found = kept if kept is not None and kept[0] is node else (node, scope_info(node))
            self._cache[id(node)] = found
        return found[1]


def scope_info(node: cst.CSTNode) -> ScopeInfo:
    """The scope of `node`, computed anew (an interpreter's `Scopes` caches it)."""
    bound: set[str] = set()
    declared_global: set[str] = set()
    declared_nonlocal: set[str] = set()
    words: set[str] = set()
    generator = False
    roots: list[cst.CSTNode] = []
    if isinstance(node, (cst.FunctionDef, cst.Lambda)):
        params = node.params
        for param in (*params.posonly_params, *params.params, *params.kwonly_params):
            bound.add(param.name.value)
        for star in (params.star_arg, params.star_kwarg):
            if isinstance(star, cst.Param):
                bound.add(star.name.value)
        roots.append(node.body)
    elif isinstance(node, cst.ClassDef):
        roots.append(node.body)
    elif isinstance(node, cst.Module):
        roots.extend(node.body)
    elif isinstance(node, _COMPREHENSIONS):
        # Its own scope: the targets of every `for` clause; the first iterable belongs to the enclosing scope.
        clause: cst.CompFor | None = node.for_in
        while clause is not None:
            bound.update(target_names(clause.target))
            if clause is not node.for_in:
                roots.append(clause.iter)
            roots.extend(c.test for c in clause.ifs)
            clause = clause.inner_for_in
        if isinstance(node, cst.DictComp):
            roots.extend((node.key, node.value))
        else:
            roots.append(node.elt)
    else:
        roots.append(node)
    stack = list(roots)
    while stack:
        current = stack.pop()
        kind = type(current)
        if kind is cst.FunctionDef or kind is cst.ClassDef:
            bound.add(current.name.value)  # type: ignore[attr-defined]
            stack.extend(d.decorator for d in current.decorators)  # type: ignore[attr-defined]
            if kind is cst.FunctionDef:
                stack.extend(p.default for p in _params(current.params) if p.default is not None)  # type: ignore[attr-defined]
            else:
                stack.extend(a.value for a in current.bases)  # type: ignore[attr-defined]
            continue
        if kind is cst.Lambda:
            stack.extend(p.default for p in _params(current.params) if p.default is not None)  # type: ignore[attr-defined]
            words.update(_words(current.body))  # type: ignore[attr-defined]
            continue
        if kind in _COMPREHENSION_TYPES:
            # Only the first iterable is evaluated in the enclosing scope; walrus targets bind here too.
            stack.append(current.for_in.iter)  # type: ignore[attr-defined]
            stack.extend(_walrus_targets(current))
            words.update(_words(current))
            continue
        if kind is cst.Name:
            words.add(current.value)  # type: ignore[attr-defined]
            continue
        if kind is cst.Attribute:
            words.add(current.attr.value)  # type: ignore[attr-defined]
            stack.append(current.value)  # type: ignore[attr-defined]
            continue
        handler = _BINDERS.get(kind)
        if handler is not None:
            handler(current, bound, declared_global, declared_nonlocal)
            if kind is cst.Yield:
                generator = True
        stack.extend(children(current))
    local = bound - declared_global - declared_nonlocal
    return ScopeInfo(
        frozenset(local),
        frozenset(declared_global),
        frozenset(declared_nonlocal),
        generator,
        frozenset(words),
    )


def _assign(node: cst.Assign, bound: set[str], *_: set[str]) -> None:
    for target in node.targets:
        bound.update(target_names(target.target))


def _target(
    node: cst.AugAssign | cst.AnnAssign | cst.For | cst.CompFor | cst.NamedExpr, bound: set[str], *_: set[str]
) -> None:
    bound.update(target_names(node.target))


def _as_name(
    node: cst.WithItem | cst.ExceptHandler | cst.ExceptStarHandler, bound: set[str], *_: set[str]
) -> None:
    holder = node.asname if isinstance(node, cst.WithItem) else node.name
    if holder is not None:
        bound.update(target_names(holder.name))


def _imports(node: cst.Import | cst.ImportFrom, bound: set[str], *_: set[str]) -> None:
    if not isinstance(node.names, cst.ImportStar):
        for alias in node.names:
            bound.add(import_binding(alias))


def _match_name(node: cst.MatchAs | cst.MatchStar, bound: set[str], *_: set[str]) -> None:
    if node.name is not None:
        bound.add(node.name.value)


def _delete(node: cst.Del, bound: set[str], *_: set[str]) -> None:
    bound.update(target_names(node.target))


def _global(
    node: cst.Global, bound: set[str], declared_global: set[str], declared_nonlocal: set[str]
) -> None:
    declared_global.update(n.name.value for n in node.names)


def _nonlocal(
    node: cst.Nonlocal, bound: set[str], declared_global: set[str], declared_nonlocal: set[str]
) -> None:
    declared_nonlocal.update(n.name.value for n in node.names)


def _nothing(node: cst.CSTNode, *_: set[str]) -> None:
    return None


_BINDERS: dict[type, Callable[..., None]] = {
    cst.Assign: _assign,
    cst.AugAssign: _target,
    cst.AnnAssign: _target,
    cst.For: _target,
    cst.CompFor: _target,
    cst.NamedExpr: _target,
    cst.WithItem: _as_name,
    cst.ExceptHandler: _as_name,
    cst.ExceptStarHandler: _as_name,
    cst.Import: _imports,
    cst.ImportFrom: _imports,
    cst.MatchAs: _match_name,
    cst.MatchStar: _match_name,
    cst.Del: _delete,
    cst.Global: _global,
    cst.Nonlocal: _nonlocal,
    cst.Yield: _nothing,
}
_COMPREHENSION_TYPES = frozenset({cst.ListComp, cst.SetComp, cst.GeneratorExp, cst.DictComp})


def _words(node: cst.CSTNode) -> set[str]:
    return words_under(node, nested=False)


def words_under(node: cst.CSTNode, nested: bool) -> set[str]:
    """Every name and attribute name under `node`; with `nested` False, nothing inside a function or class
    definition met on the way (`node` itself included)."""
    found: set[str] = set()
    stack = [node]
    while stack:
        current = stack.pop()
        kind = type(current)
        if kind is cst.Name:
            found.add(current.value)  # type: ignore[attr-defined]
        elif kind is cst.Attribute:
            found.add(current.attr.value)  # type: ignore[attr-defined]
            stack.append(current.value)  # type: ignore[attr-defined]
        elif nested or (kind is not cst.FunctionDef and kind is not cst.ClassDef):
            stack.extend(children(current))
    return found


def _params(params: cst.Parameters) -> list[cst.Param]:
    out = [*params.posonly_params, *params.params, *params.kwonly_params]
    out.extend(s for s in (params.star_arg, params.star_kwarg) if isinstance(s, cst.Param))
    return out


def _walrus_targets(comp: cst.CSTNode) -> list[cst.CSTNode]:
    found: list[cst.CSTNode] = []
    stack = list(children(comp))
    while stack:
        current = stack.pop()
        if isinstance(current, _NESTED):
            continue
        if isinstance(current, cst.NamedExpr):
            found.append(current)
        stack.extend(children(current))
    return found


def target_names(target: cst.BaseExpression | cst.CSTNode) -> list[str]:
    if isinstance(target, cst.Name):
        return [target.value]
    if isinstance(target, (cst.Tuple, cst.List)):
        return [n for e in target.elements for n in target_names(e.value)]
    if isinstance(target, cst.StarredElement):
        return target_names(target.value)
    return []


def import_binding(alias: cst.ImportAlias) -> str:
    if alias.asname is not None and isinstance(alias.asname.name, cst.Name):
        return alias.asname.name.value
    node: cst.BaseExpression = alias.name
    while isinstance(node, cst.Attribute):
        node = node.value
    return node.value if isinstance(node, cst.Name) else ""
