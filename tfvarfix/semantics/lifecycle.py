"""Where state is created inside functions that run more than once: `tf.function` bodies and `call()` methods.

An extension collector: for every layer construction and variable creation the core builder records inside a
function, it notes the statements around it (so a rule can tell the guarded lazy creation `if self.v is None:`
from a creation on every call), whether its arguments read anything local to the function, and which functions
are wrapped by `tf.function(f)` after their definition.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import libcst as cst

from tfvarfix.keras.names import TF_FUNCTION
from tfvarfix.semantics.builder import FactsBuilder
from tfvarfix.semantics.model import (
    FunctionValue,
    Imported,
    LayerFact,
    ModuleFacts,
    Scope,
    ScopeKind,
    VariableFact,
)
from tfvarfix.semantics.walker import children

KEY = "lifecycle"


@dataclass(eq=False)
class Creation:
    node: cst.Call
    fact: LayerFact | VariableFact
    scope: Scope
    chain: tuple[cst.CSTNode, ...]  # the statements it is in, outermost first
    reads_locals: bool  # its arguments read a parameter or a local of the function (`self.x` aside)
    reads_globals: bool  # its arguments read a module-level name that is not an import
    self_reads: tuple[str, ...]  # the `self.<attr>` its arguments read

    @property
    def guarded(self) -> bool:
        return any(isinstance(s, (cst.If, cst.Try, cst.While)) for s in self.chain)


@dataclass
class LifecycleFacts:
    creations: list[Creation] = field(default_factory=list)
    wrapped: set[int] = field(default_factory=set)  # ids of FunctionDefs passed to `tf.function(...)`

    def is_tf_function(self, scope: Scope) -> bool:
        return scope.kind is ScopeKind.FUNCTION and (
            any(d in TF_FUNCTION for d in scope.decorators) or id(scope.node) in self.wrapped
        )


def lifecycle_facts(facts: ModuleFacts) -> LifecycleFacts:
    found = facts.extra.get(KEY)
    return found if isinstance(found, LifecycleFacts) else LifecycleFacts()


class CreationSites:
    def __init__(self, builder: FactsBuilder) -> None:
        self.b = builder
        self.out = LifecycleFacts()
        builder.facts.extra[KEY] = self.out
        self._layers = 0
        self._variables = 0

    def leave_Call(self, node: cst.Call) -> None:
        b = self.b
        facts = b.facts
        made: LayerFact | VariableFact | None = None
        if len(facts.layers) > self._layers:
            self._layers = len(facts.layers)
            made = facts.layers[-1] if facts.layers[-1].node is node else None
        if len(facts.variables) > self._variables:
            self._variables = len(facts.variables)
            made = facts.variables[-1] if facts.variables[-1].node is node else made
        if made is not None and b.scope.kind is ScopeKind.FUNCTION:
            local, nonimport, attrs = self._reads(node)
            chain = tuple(b.frame.statements)
            self.out.creations.append(Creation(node, made, b.scope, chain, local, nonimport, attrs))
        elif b.canonical_of(node.func) in TF_FUNCTION and node.args:
            value = b.evaluate(node.args[0].value)
            if isinstance(value, FunctionValue):
                self.out.wrapped.add(id(value.node))

    def _reads(self, node: cst.Call) -> tuple[bool, bool, tuple[str, ...]]:
        bound = self.b.scope.bindings
        first = _first_param(self.b.scope)
        local = nonimport = False
        attrs: list[str] = []
        stack: list[cst.CSTNode] = [a.value for a in node.args]
        while stack:
            item = stack.pop()
            if isinstance(item, cst.Arg):
                stack.append(item.value)
            elif isinstance(item, cst.Attribute):
                if isinstance(item.value, cst.Name) and item.value.value == first:
                    attrs.append(item.attr.value)
                    continue
                stack.append(item.value)
            elif isinstance(item, cst.Name):
                local = local or item.value in bound
                nonimport = nonimport or not isinstance(
                    self.b.scope.lookup(item.value), (Imported, type(None))
                )
            elif isinstance(item, (cst.Lambda, cst.ListComp, cst.GeneratorExp, cst.DictComp, cst.SetComp)):
                local = True  # their own names; too rare here to follow
            else:
                stack.extend(children(item))
        return local, nonimport, tuple(attrs)


def self_target(creation: Creation) -> str | None:
    """`x` when the creation is `self.x = <it>` alone, or alone under `if self.x is None:`."""
    chain = creation.chain
    line = chain[-1]
    if not isinstance(line, cst.SimpleStatementLine) or len(line.body) != 1:
        return None
    assign = line.body[0]
    if not isinstance(assign, cst.Assign) or assign.value is not creation.node or len(assign.targets) != 1:
        return None
    target = assign.targets[0].target
    if not (isinstance(target, cst.Attribute) and isinstance(target.value, cst.Name)):
        return None
    if target.value.value != "self":
        return None
    if len(chain) == 1:
        return target.attr.value
    guard = chain[0]
    if len(chain) == 2 and isinstance(guard, cst.If) and guard.orelse is None and len(guard.body.body) == 1:
        test = guard.test
        if isinstance(test, cst.Comparison) and len(test.comparisons) == 1:
            left, op = test.left, test.comparisons[0]
            if (
                isinstance(op.operator, cst.Is)
                and isinstance(op.comparator, cst.Name)
                and op.comparator.value == "None"
                and isinstance(left, cst.Attribute)
                and isinstance(left.value, cst.Name)
                and left.value.value == "self"
                and left.attr.value == target.attr.value
            ):
                return target.attr.value
    return None


def self_assignments(init: cst.FunctionDef) -> set[str]:
    out: set[str] = set()
    for line in init.body.body:
        if isinstance(line, cst.SimpleStatementLine):
            for small in line.body:
                if isinstance(small, cst.Assign):
                    for t in small.targets:
                        if isinstance(t.target, cst.Attribute) and isinstance(t.target.value, cst.Name):
                            out.add(t.target.attr.value)
    return out


def _first_param(scope: Scope) -> str | None:
    node = scope.node
    if not isinstance(node, cst.FunctionDef) or scope.class_fact is None:
        return None
    params = [*node.params.posonly_params, *node.params.params]
    return params[0].name.value if params else None
