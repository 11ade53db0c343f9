"""What rules read: the interpreter's events, indexed, and the must-questions over them.

`analyze` runs the interpreter over a module and returns `Facts`. An event happens at one node in one context;
a node reached in several contexts (a helper called from two places, a loop body run twice) has one event per
context. Rules ask `grouped(kind)` for the events of each node, and claim what holds in every one of them
(`every`), or in one that proves it while none disproves it.
"""

from __future__ import annotations

import io
import itertools
import re
import tokenize
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

import libcst as cst

from tfvarfix.keras.spec import Flavor
from tfvarfix.semantics.evaluate import caught_names
from tfvarfix.semantics.events import Created, Ctx, CtxKind, Event, MethodCall
from tfvarfix.semantics.heap import HeapView, Items, held_values, maybe_absent, present
from tfvarfix.semantics.interp import BudgetExceeded, Interpreter
from tfvarfix.semantics.project import ProjectIndex, ProjectModule
from tfvarfix.semantics.values import (
    AV,
    ClassObj,
    Const,
    DictObj,
    FrameObj,
    InstanceObj,
    LayerObj,
    ListObj,
    ModelObj,
    ModuleRef,
    Obj,
    TensorObj,
    TupleObj,
)
from tfvarfix.semantics.walker import PerStatement, children, descendants, source_order
from tfvarfix.semantics.walker import parents as walker_parents

if TYPE_CHECKING:
    from tfvarfix.keras.transfer import KerasSemantics

E = TypeVar("E", bound=Event)


class _LayerNames:
    """The key under which `Facts` keeps the set of layer names."""


ObjT = TypeVar("ObjT", bound=Obj)
# Work units (statements and calls interpreted) a file may cost: enough for any module's own code run a few
# times over; beyond it the analysis gives up rather than run long.
BUDGET_BASE = 4_000
BUDGET_PER_STATEMENT = 12  # per line: real modules cost a median 0.7 units a line, the costliest 1% about 7
_TF1_ERA = re.compile(r"\btf\.(placeholder|Session|variable_scope|get_variable|InteractiveSession)\b")


@dataclass
class Facts:
    module: cst.Module
    source: str
    flavor: Flavor
    events: list[Event] = field(default_factory=list)
    classes: list[ClassObj] = field(default_factory=list)
    module_names: Mapping[str, object] = field(default_factory=dict)  # module-level names at its end
    complete: bool = True  # False when the work budget ran out: nothing is claimed
    graph_mode: bool = False  # the module runs TF1 graph code
    module_frame: FrameObj | None = None
    namespaces: Mapping[ClassObj, Mapping[str, object]] = field(default_factory=dict)  # class bodies' names
    package: str | None = None  # the user's package, for the classes a fix registers (module path, config)
    path: Path | None = None  # the file, when it is one (whole-project analysis)
    project_modules: tuple[
        ProjectModule, ...
    ] = ()  # the project's modules it imports (whole-project analysis)
    project_reads: tuple[tuple[str, str], ...] = ()  # (path, digest) of the project modules read
    _homes: dict[int, ProjectModule] | None = field(default=None, repr=False)
    _views: dict[int, Facts] | None = field(default=None, repr=False)  # see `home`
    # id(project module) -> its module-level names at the end of the run (the `module_names` of `home`'s views)
    names_of_modules: Mapping[int, Mapping[str, object]] = field(default_factory=dict, repr=False)
    _by_kind: dict[type, list[Event]] = field(default_factory=dict, repr=False)
    _groups: dict[type, list[tuple[cst.CSTNode, list[Event]]]] = field(default_factory=dict, repr=False)
    _quoted: Counter[str] | None = field(default=None, repr=False)
    _calls: dict[str, list[tuple[int, MethodCall]]] | None = field(default=None, repr=False)
    _words: Counter[str] | None = field(default=None, repr=False)
    _positions: dict[int, int] | None = field(default=None, repr=False)
    _parents: Mapping[int, cst.CSTNode] | None = field(default=None, repr=False)
    _literals: Counter[str] | None = field(default=None, repr=False)
    _names: tuple[dict[str, list[cst.Name]], Counter[str]] | None = field(default=None, repr=False)
    # id(frozen heap) -> (it, what the module's names reach in it; None past the limit): see `shared_closure`
    _closures: dict[int, tuple[Mapping[Obj, Mapping[str, object]], dict[int, Obj] | None]] = field(
        default_factory=dict, repr=False
    )

    # ------------------------------------------------------------------------------------ events
    def of(self, kind: type[E]) -> list[E]:
        found = self._by_kind.get(kind)
        if found is None:
            found = [e for e in self.events if type(e) is kind]
            self._by_kind[kind] = found
        return found  # type: ignore[return-value]

    def grouped(self, kind: type[E]) -> list[tuple[cst.CSTNode, list[E]]]:
        """The events of `kind`, by node, in source order (nodes of other modules after, in the order they were
        first reached): what a rule yields, and which of two fixes that touch one name gets it, must not depend
        on the order the analysis ran functions in. Built once per kind: the rules ask for the same kinds, and
        callers only read them."""
        kept = self._groups.get(kind)
        if kept is None:
            groups: dict[int, tuple[cst.CSTNode, list[Event]]] = {}
            for event in self.of(kind):
                entry = groups.get(id(event.node))
                if entry is None:
                    groups[id(event.node)] = (event.node, [event])
                else:
                    entry[1].append(event)
            order = source_order(self.module) if len(groups) > 1 else {}
            last = (len(self.module.body), 0)
            kept = self._groups[kind] = sorted(groups.values(), key=lambda g: order.get(id(g[0]), last))
        return kept  # type: ignore[return-value]

    def index_of(self, event: Event) -> int:
        """Where `event` stands in `events` (the order the program made them), from one index built on demand."""
        if self._positions is None:
            self._positions = {id(e): i for i, e in enumerate(self.events)}
        return self._positions[id(event)]

    def made(self, kind: type[ObjT]) -> list[ObjT]:
        """Every object of `kind` made anywhere in the program, once each, in the order they were made."""
        seen: dict[int, ObjT] = {}
        for event in self.of(Created):
            if isinstance(event.obj, kind) and id(event.obj) not in seen:
                seen[id(event.obj)] = event.obj
        return list(seen.values())

    def layers_named(self) -> frozenset[str]:
        """The names given to the layers the program makes."""
        found = self._by_kind.get(_LayerNames)
        if found is None:
            names = frozenset(o.name for o in self.made(LayerObj) if o.name is not None)
            self._by_kind[_LayerNames] = names  # type: ignore[assignment]
            return names
        return found  # type: ignore[return-value]

    def calls(self, *callees: str) -> list[MethodCall]:
        """The calls of these TF/Keras functions or methods (`.save`), in the order they happened."""
        if self._calls is None:
            index: dict[str, list[tuple[int, MethodCall]]] = {}
            for position, event in enumerate(self.of(MethodCall)):
                index.setdefault(event.callee, []).append((position, event))
            self._calls = index
        if len(callees) == 1:
            return [e for _, e in self._calls.get(callees[0], ())]
        found = [item for callee in set(callees) for item in self._calls.get(callee, ())]
        return [e for _, e in sorted(found, key=lambda item: item[0])]

    # ------------------------------------------------------------------------------------ other modules
    def module_of(self, node: cst.CSTNode) -> ProjectModule | None:
        """The imported project module that holds `node`; None for a node of this module (or of none)."""
        if not self.project_modules:
            return None
        if self._homes is None:
            self._homes = {id(n): m for m in self.project_modules for n in descendants(m.module)}
        return self._homes.get(id(node))

    def home(self, node: cst.CSTNode) -> Facts | None:
        """The facts as a rule asks them about the module that holds `node`: these for a node of this module;
        for a node of an imported project module the same program's events with that module's tree and text
        (its literals, names, ancestors and quote style: what a fix written there is computed from); None for a
        node of neither. One view per module, made on first use."""
        if self.ancestors(node) or node is self.module:
            return self
        other = self.module_of(node)
        if other is None:
            return None
        views = self._views if self._views is not None else {}
        self._views = views
        view = views.get(id(other))
        if view is None:
            view = views[id(other)] = Facts(
                module=other.module,
                source=other.text,
                flavor=self.flavor,
                events=self.events,
                classes=self.classes,
                complete=self.complete,
                graph_mode=self.graph_mode,
                package=self.package,
                path=other.path,
                module_names=self.names_of_modules.get(id(other), {}),
                project_modules=self.project_modules,
                _by_kind=self._by_kind,
            )
        return view

    def made_at(self, node: cst.CSTNode | None) -> str:
        """` (made at model.py:14)` for a node of another module of the project, else ""."""
        if node is None:
            return ""
        home = self.module_of(node)
        if home is None:
            return ""
        line = home.line_of(node)
        label = home.label(self.path)
        return f" (made at {label}:{line})" if line is not None else f" (made in {label})"

    # ------------------------------------------------------------------------------------ source
    def code_for(self, node: cst.CSTNode) -> str:
        return self.module.code_for_node(node)

    def inline_code(self, node: cst.CSTNode, limit: int = 100) -> str:
        """The node's code on one line, for a message: comments dropped, line breaks and indentation as single
        spaces (none after an opening bracket or before a closing one), cut at `limit` characters with `...`."""
        return one_line(self.code_for(node), limit)

    @property
    def code(self) -> str:
        return self.source

    def quoted_count(self, text: str) -> int:
        """How often `'text'` or `"text"` (optionally prefixed) stands in the source as a whole quoted string."""
        if "'" in text or '"' in text or "\n" in text:
            pattern = re.compile(r"""(?<![\w])[rRbBuU]?(['"])""" + re.escape(text) + r"\1")
            return len(pattern.findall(self.source))
        if self._quoted is None:
            self._quoted = _quoted_strings(self.source)
        return self._quoted[text]

    def word_count(self, word: str) -> int:
        """How often `word` stands in the source as a whole word not after a dot (comments and strings
        included): a name that is read or bound, an argument's keyword."""
        if not _IDENTIFIER.fullmatch(word):
            return len(re.findall(rf"(?<![\w.]){re.escape(word)}\b", self.source))
        if self._words is None:  # one scan for every question (a rule asks about many names)
            self._words = Counter(_WORD.findall(self.source))
        return self._words[word]

    def literal_count(self, text: str) -> int:
        """How many string literals of the module's code (docstrings aside) hold exactly `text`."""
        if self._literals is None:
            total: Counter[str] = Counter()
            for counted in _LITERALS.values(self.module):
                total.update(counted)  # in place: `sum` of Counters copies the growing total per statement
            self._literals = total
        return self._literals[text]

    def name_uses(self, name: str) -> tuple[int, int]:
        """How many `Name` nodes of the module are `name` (bindings, reads, a def's own name), and how many of
        those are the callee of a call (`name(...)`). Counted once per statement, kept across edits."""
        return len(self.names_of(name)), self._name_index()[1][name]

    def names_of(self, name: str) -> list[cst.Name]:
        """Every `Name` node of the module that is `name`, in source order."""
        return self._name_index()[0].get(name, [])

    def _name_index(self) -> tuple[dict[str, list[cst.Name]], Counter[str]]:
        if self._names is None:
            named: dict[str, list[cst.Name]] = {}
            called: Counter[str] = Counter()
            for nodes, calls in _NAMES.values(self.module):
                for key, found in nodes.items():
                    named.setdefault(key, []).extend(found)
                called.update(calls)
            self._names = (named, called)
        return self._names

    def ancestors(self, node: cst.CSTNode) -> list[cst.CSTNode]:
        """The nodes of the module from its root down to `node`'s parent (meaningful fields only); [] for the
        module itself or a node that is not in it."""
        if self._parents is None:
            self._parents = walker_parents(self.module)
        trail: list[cst.CSTNode] = []
        parent = self._parents.get(id(node))
        while parent is not None:
            trail.append(parent)
            parent = self._parents.get(id(parent))
        return trail[::-1] if trail and trail[-1] is self.module else []

    def shared_closure(
        self, view: Mapping[Obj, Mapping[str, object]] | None, roots: Sequence[Mapping[str, object]]
    ) -> tuple[Mapping[str, object], Mapping[int, Obj]] | None:
        """When `roots` holds the module's names as the view's frozen base has them, and nothing that they reach
        was changed since: those names and what they reach (computed once per base). None otherwise."""
        if not isinstance(view, HeapView) or self.module_frame is None:
            return None
        base = view.base
        mapping = base.get(self.module_frame)
        if mapping is None or not any(env is mapping for env in roots) or self.module_frame in view.changed:
            return None
        kept = self._closures.get(id(base))
        if kept is None or kept[0] is not base:
            closure: dict[int, Obj] = {}
            _reach(base, [mapping], closure, _VISIBLE_LIMIT)
            kept = (base, closure if len(closure) < _VISIBLE_LIMIT else None)
            self._closures[id(base)] = kept
        closure_found = kept[1]
        if closure_found is None or any(id(obj) in closure_found for obj in view.changed):
            return None
        return mapping, closure_found

    # ------------------------------------------------------------------------------------ names
    def imported(self, name: str) -> str | None:
        """The dotted module a module-level name is bound to by an import, if it is."""
        value = self.module_names.get(name)
        obj = value.single() if isinstance(value, AV) else None
        return obj.dotted if isinstance(obj, ModuleRef) else None

    def class_field(self, cls: ClassObj, name: str) -> AV | None:
        """A name the body of `cls` or of a base class of the program binds (a method, a class attribute)."""
        for klass in cls.mro():
            found = self.namespaces.get(klass, {}).get(name)
            if isinstance(found, AV):
                return found
        return None

    def keras_namespace(self) -> tuple[str, bool]:
        """How module code reaches Keras (`keras`, `tf.keras`; "" when it cannot), and whether to import it."""
        names = self.module_names
        for name in names:
            if self.imported(name) in ("keras", "tensorflow.keras", "tf_keras"):
                return name, False
        for name in names:
            if self.imported(name) == "tensorflow":
                return f"{name}.keras", False
        if "keras" in names:
            return "", False
        return "keras", True

    def numpy_alias(self) -> tuple[str, bool] | None:
        """The module's name for numpy and whether an import must be added; None when `np` is taken."""
        for name in self.module_names:
            if self.imported(name) == "numpy":
                return name, False
        return None if "np" in self.module_names else ("np", True)

    def tf1_prefix(self) -> str | None:
        """How the module spells `tf.compat.v1` (`tf` after `import tensorflow.compat.v1 as tf`)."""
        for name in self.module_names:
            if self.imported(name) == "tensorflow.compat.v1":
                return name
        for name in self.module_names:
            if self.imported(name) == "tensorflow":
                return f"{name}.compat.v1"
        return None


# ============================================================================================ queries
def one_line(code: str, limit: int = 100) -> str:
    """`code` on one line: comments dropped, whitespace between tokens at most one space (none after an opening
    bracket or before a closing one), cut at `limit` characters with `...`. Code that does not tokenize is only
    collapsed."""
    skipped = (tokenize.COMMENT, tokenize.NL, tokenize.NEWLINE, tokenize.INDENT, tokenize.DEDENT, tokenize.ENDMARKER)
    try:
        tokens = [t for t in tokenize.generate_tokens(io.StringIO(code.strip()).readline) if t.type not in skipped]
    except (tokenize.TokenError, SyntaxError, IndentationError):
        text = " ".join(code.split())
    else:
        parts: list[str] = []
        previous: tokenize.TokenInfo | None = None
        for token in tokens:
            spaced = previous is not None and token.start != previous.end
            if spaced and previous is not None and previous.string not in "([{" and token.string not in ")]},":
                parts.append(" ")
            parts.append(token.string)
            previous = token
        text = "".join(parts)
    return text if len(text) <= limit else text[: limit - 3].rstrip() + "..."


def every(events: Iterable[E], test: Callable[[E], bool]) -> bool:
    """True when there is at least one event and `test` holds for all of them."""
    found = False
    for event in events:
        if not test(event):
            return False
        found = True
    return found


def reachable(event: Event) -> bool:
    """The event is not in code that is expected to fail (pytest.raises, assertRaises)."""
    return not event.ctx.has(CtxKind.EXPECTED)


# What a version difference raises: an API one Keras or TF has and the other lacks
_VERSION_ERRORS = frozenset({"AttributeError", "ImportError", "ModuleNotFoundError", "NameError"})


def version_fallback(facts: Facts, node: cst.CSTNode) -> bool:
    """`node` is in an `except` handler for what a missing API raises (`except AttributeError:` after
    `keras.Variable(...)`, `except ImportError:`): code for the Keras or TF that lacks what the try body uses,
    which runs only there."""
    for ancestor in reversed(facts.ancestors(node)):
        if isinstance(ancestor, (cst.FunctionDef, cst.Lambda, cst.ClassDef)):
            return False  # a body defined in a handler runs when it is called, not as the fallback
        if isinstance(ancestor, cst.ExceptHandler):
            names = set(caught_names(ancestor))
            if names & _VERSION_ERRORS:
                return True
    return False


def scopes(facts: Facts, event: Event) -> list[Mapping[str, object]]:
    """The variables visible at the event's point: its frame's, the enclosing functions', the module's."""
    out: list[Mapping[str, object]] = [event.env]
    view = event.view
    if view is None:
        if event.frame is not facts.module_frame:
            out.append(facts.module_names)  # the module's names as the module left them
        return out
    frame = event.frame.parent
    while frame is not None:
        out.append(view.get(frame, {}))
        frame = frame.parent
    if facts.module_frame is not None and event.frame is not facts.module_frame:
        out.append(view.get(facts.module_frame, {}))
    return out


_VISIBLE_LIMIT = 5_000


def visible(facts: Facts, event: Event) -> list[Obj]:
    """The objects code at the event's point can reach: through its variables, and from them through models,
    instances, containers and the layers that made tensors."""
    view = event.view or {}
    roots = [*scopes(facts, event), *(view.get(frame, {}) for frame in event.callers)]  # callers' too
    seen: dict[int, Obj] = {}
    shared = facts.shared_closure(event.view, roots)
    if shared is not None:
        # What the module's names reach is the same for every event of the entries (their views share one frozen
        # heap and change none of it): walked once; only the event's own variables are walked here.
        mapping, closure = shared
        seen.update(closure)
        roots = [env for env in roots if env is not mapping]
    _reach(view, roots, seen, _VISIBLE_LIMIT)
    return list(seen.values())


def _reach(
    view: Mapping[Obj, Mapping[str, object]],
    roots: Iterable[Mapping[str, object]],
    seen: dict[int, Obj],
    limit: int,
) -> None:
    """Adds to `seen` the objects the values of `roots` reach in `view` (stopping past `limit` objects)."""
    pending: list[Obj] = []
    for env in roots:
        for value in env.values():
            if isinstance(value, AV):
                pending.extend(present(value))
    while pending and len(seen) < limit:
        obj = pending.pop()
        if id(obj) in seen:
            continue
        seen[id(obj)] = obj
        for value in held_values(view.get(obj, {})):
            pending.extend(present(value))
        if isinstance(obj, TupleObj):
            for item in obj.items:
                pending.extend(item)
        elif isinstance(obj, TensorObj):
            if obj.producer is not None:
                pending.append(obj.producer)
            pending.extend(obj.inputs)
        elif isinstance(obj, LayerObj) and obj.wrapped is not None:
            pending.append(obj.wrapped)


def access(facts: Facts, event: Event, target: Obj) -> str | None:
    """Source text that reaches `target` at the event's point: a name bound to it there, `self.<attr>`, or
    `<model>.get_layer('<name>')` on a model bound there that holds it under a name no other layer has."""
    view = event.view
    found = scopes(facts, event)
    for env in found:
        for name, value in env.items():
            if isinstance(value, AV) and present(value).single() is target and name.isidentifier():
                return name
    if view is None:
        return None
    for env in found:
        for name, value in env.items():
            holder = present(value).single() if isinstance(value, AV) else None
            if isinstance(holder, InstanceObj):
                for attr, held in view.get(holder, {}).items():
                    if isinstance(held, AV) and present(held).single() is target:
                        return f"{name}.{attr}"
    if not isinstance(target, LayerObj) or target.name is None:
        return None
    for env in found:
        for name, value in env.items():
            model = present(value).single() if isinstance(value, AV) else None
            if isinstance(model, ModelObj) and _holds_once(view, model, target):
                return f"{name}.get_layer({target.name!r})"
    return None


def heap_field(event: Event, obj: Obj, name: str) -> AV | None:
    """A heap field of `obj` at the event's point (events that keep the heap only)."""
    if event.view is None:
        return None
    found = event.view.get(obj, {}).get(name)
    return found if isinstance(found, AV) else None


def divergence(first: Ctx, second: Ctx) -> cst.CSTNode | None:
    """Where the second of two contexts parts from the first: the outermost call site or loop on the second's
    chain that the first does not share (a helper called twice: the second call). Where the second runs in a
    loop the first never entered (`layers += [Relu()]` before the loop, then again in it), the outermost call
    in that loop. None when they do not part, or part at two passes of one loop."""
    mine = [c for c in reversed(list(second.chain())) if c.kind in (CtxKind.CALL, CtxKind.LOOP)]
    theirs = [c for c in reversed(list(first.chain())) if c.kind in (CtxKind.CALL, CtxKind.LOOP)]
    for index, link in enumerate(mine):
        other = theirs[index] if index < len(theirs) else None
        if (
            other is None
            or other.node is not link.node
            or (other.data != link.data and link.kind is CtxKind.LOOP)
        ):
            if link.kind is CtxKind.CALL:
                return link.node
            if other is not None and other.node is link.node:
                return None  # two passes of one loop
            return next((c.node for c in mine[index + 1 :] if c.kind is CtxKind.CALL), None)
    return None


def certainly(value: AV | None, expected: object) -> bool:
    return value is not None and present(value).const() == expected and not maybe_absent(value)


def reads_only_constants(
    facts: Facts, event: Event, expr: cst.BaseExpression, module_level: bool = False
) -> bool:
    """Whether `expr` reads only imported modules and constants at the event's point, so that it may move;
    with `module_level`, only names the module binds (so that it may move out of its function)."""

    stack: list[cst.CSTNode] = [expr]
    envs = [facts.module_names] if module_level else scopes(facts, event)
    local = event.env if module_level and event.frame is not facts.module_frame else {}
    while stack:
        node = stack.pop()
        if isinstance(node, (cst.Lambda, cst.ListComp, cst.GeneratorExp, cst.DictComp, cst.SetComp)):
            return False
        if isinstance(node, cst.Name):
            if node.value in ("None", "True", "False"):
                continue
            if node.value in local:
                return False
            value = next((env[node.value] for env in envs if node.value in env), None)
            obj = present(value).single() if isinstance(value, AV) else None
            if not isinstance(obj, (ModuleRef, Const)):
                return False
            continue
        if isinstance(node, cst.Attribute):
            stack.append(node.value)
            continue
        stack.extend(children(node))
    return True


def _holds_once(view: Mapping[Obj, Mapping[str, object]], model: ModelObj, layer: LayerObj) -> bool:
    items = view.get(model, {}).get("items")
    if not isinstance(items, Items) or items.exact is None:
        return False
    named = [
        v.single() for v in items.exact if any(isinstance(o, LayerObj) and o.name == layer.name for o in v)
    ]
    return named == [layer]


def container_items(view: Mapping[Obj, Mapping[str, object]] | None, obj: Obj) -> list[AV] | None:
    if isinstance(obj, TupleObj):
        return list(obj.items)
    if view is None:
        return None
    if isinstance(obj, ListObj):
        items = view.get(obj, {}).get("items")
        return list(items.exact) if isinstance(items, Items) and items.exact is not None else None
    if isinstance(obj, DictObj):
        return None
    return None


# ============================================================================================ analysis
def analyze(
    module: cst.Module,
    source: str,
    flavor: Flavor,
    project: ProjectIndex | None = None,
    path: Path | None = None,
    cancel: Callable[[], bool] | None = None,
) -> Facts:
    """The facts of `module`; with `project` and the module's `path`, the project modules it imports are read
    and run as their imports run (see semantics/project.py). `cancel` is polled as the program runs: once it
    says True, `interp.Cancelled` is raised."""
    from tfvarfix.keras.transfer import KerasSemantics

    facts = Facts(module, source, flavor, path=path)
    semantics = KerasSemantics(flavor)
    statements = source.count("\n") + 1
    budget = BUDGET_BASE + BUDGET_PER_STATEMENT * statements
    interp = Interpreter(module, semantics, budget, project, path, cancel)
    try:
        return _collected(facts, interp, semantics)
    finally:
        # The interpreter and its semantics refer to each other: unlinked, what the run made is freed by
        # reference counting when the facts go, instead of waiting, some 20,000 objects, for the cyclic
        # collector (which then cost an editor analysis 15-100 ms, measured).
        semantics.interp = None  # type: ignore[assignment]


def _collected(facts: Facts, interp: Interpreter, semantics: KerasSemantics) -> Facts:
    try:
        interp.run()
    except (BudgetExceeded, RecursionError):
        facts.complete = False
        facts.project_modules, facts.project_reads = _imported(interp), _reads(interp)
        return facts
    facts.project_modules, facts.project_reads = _imported(interp), _reads(interp)
    facts.events = interp.events
    facts.classes = interp.classes
    facts.module_frame = interp.module_frame
    facts.namespaces = semantics.namespaces
    end = interp.end_state
    if end is not None:
        facts.module_names = dict(end.fields(interp.module_frame))
        facts.names_of_modules = {
            id(m.source): dict(end.fields(m.frame))
            for m in interp.imported.values()
            if m.source is not None and m.frame is not None
        }
    facts.graph_mode = _graph_mode(facts, interp)
    return facts


def _imported(interp: Interpreter) -> tuple[ProjectModule, ...]:
    return tuple(m.source for m in interp.imported.values() if m.source is not None)  # type: ignore[misc]


def _reads(interp: Interpreter) -> tuple[tuple[str, str], ...]:
    """(path, digest) of every project module the analysis read, those that did not parse included (their
    names were unknown: once mended, the importer's findings may change)."""
    from tfvarfix.cache import file_digest

    out: list[tuple[str, str]] = []
    for found in interp.imported.values():
        if found.state == "new":
            continue  # never used: what it holds cannot have mattered
        source: ProjectModule | None = found.source  # type: ignore[assignment]
        out.append((str(found.path), source.digest if source is not None else file_digest(found.path) or "-"))
    return tuple(out)


def _graph_mode(facts: Facts, interp: Interpreter) -> bool:
    """TF1 graph code: eager execution turned off, a TF1-era spelling, Session/placeholder in use, or the module
    written against `tensorflow.compat.v1` as its TensorFlow (TF1 code that its runner puts in graph mode)."""
    from tfvarfix.keras.tf1 import GRAPH_MARKERS

    if any(e.callee in GRAPH_MARKERS for e in facts.of(MethodCall)):
        return True
    if facts.imported("tf") == "tensorflow" and _TF1_ERA.search(facts.source):
        return True
    if any(facts.imported(name) == "tensorflow.compat.v1" for name in facts.module_names):
        return True
    state = interp.end_state
    return bool(state is not None and state.value(interp.semantics.tf, "graph_mode") is not None)  # type: ignore[attr-defined]


_QUOTE = re.compile(r"['\"\n]")


def _word(char: str) -> bool:
    return char.isalnum() or char == "_"


def _literals_in(root: cst.CSTNode) -> Counter[str]:
    found: Counter[str] = Counter()
    stack = [root]
    while stack:
        node = stack.pop()
        if isinstance(node, cst.SimpleStatementLine) and _is_docstring(node):
            continue  # a docstring and what it holds
        if isinstance(node, cst.SimpleString):
            value = node.evaluated_value
            if isinstance(value, str):
                found[value] += 1
        stack.extend(children(node))
    return found


_LITERALS = PerStatement(_literals_in)


def _names_in(root: cst.CSTNode) -> tuple[dict[str, list[cst.Name]], Counter[str]]:
    named: dict[str, list[cst.Name]] = {}
    called: Counter[str] = Counter()
    stack = [root]
    while stack:
        node = stack.pop()
        if isinstance(node, cst.Name):
            named.setdefault(node.value, []).append(node)
        elif isinstance(node, cst.Call) and isinstance(node.func, cst.Name):
            called[node.func.value] += 1
        stack.extend(reversed(children(node)))  # depth first, in source order
    return named, called


_NAMES = PerStatement(_names_in)


def _is_docstring(line: cst.SimpleStatementLine) -> bool:
    return (
        len(line.body) == 1
        and isinstance(line.body[0], cst.Expr)
        and isinstance(line.body[0].value, (cst.SimpleString, cst.ConcatenatedString))
    )


_IDENTIFIER = re.compile(r"(?!\d)\w+")
_WORD = re.compile(r"(?<![\w.])(?!\d)\w+")


def _quoted_strings(code: str) -> Counter[str]:
    counts: Counter[str] = Counter()
    marks = [(m.start(), m.group()) for m in _QUOTE.finditer(code)]
    for (start, quote), (end, closing) in itertools.pairwise(marks):
        if quote == "\n" or closing != quote:
            continue
        before = code[start - 1] if start else ""
        prefixed = before in "rRbBuU" and not (start >= 2 and _word(code[start - 2]))
        if before and _word(before) and not prefixed:
            continue
        counts[code[start + 1 : end]] += 1
    return counts


def grouped_by(events: Iterable[E], key: Callable[[E], object]) -> Iterator[list[E]]:
    groups: dict[object, list[E]] = {}
    for event in events:
        groups.setdefault(key(event), []).append(event)
    yield from groups.values()
