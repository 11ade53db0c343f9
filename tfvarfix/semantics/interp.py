"""The abstract interpreter: runs a module's code over abstract values, the way Python would run it.

Statements run in order on one abstract `State`. An `if` runs both arms on forks of the state (refined by the
test: `isinstance`, `is None`, truthiness, `hasattr`) and joins them; a loop over something it can count (a
literal list, `range(3)`, a list it knows exactly) runs once per item, and any other loop runs two passes of
unknown count (so a layer made in the body is made twice, as objects of their own) and joins them with the state
before the loop; `break`, `continue`, `return` and `raise` end their path. A comprehension is its own scope.

Calls of the program's own functions are inlined with the abstract arguments (names in the body are looked up
when the body runs, so module names are as they are at call time); recursion, an unknown callee or an exhausted
budget give TOP, and mutable containers passed to unknown code forget their items. Functions and methods that
no code of the module calls are run afterwards as entries, with unknown arguments; the methods of a Keras layer
of the program run in Keras's order (`__init__`, `build`, `call`) on an instance of their own.

TensorFlow, Keras and numpy behaviour comes from `keras.transfer`; Python's builtins from `semantics.pybuiltins`.
The interpreter records `events` as it goes; `semantics.facts` indexes them for the rules.
"""

from __future__ import annotations

import functools
import operator
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import libcst as cst

from tfvarfix.keras.names import BUILTIN_OBJECT_CONFIGS, LAYER_BASES, OBJECT_BASES, OPTIMIZER_BASES
from tfvarfix.semantics import relevance
from tfvarfix.semantics.evaluate import caught_names, dotted_name
from tfvarfix.semantics.events import ROOT, Ctx, CtxKind, Event, UserCall
from tfvarfix.semantics.heap import EMPTY_ENTRIES, Entries, HeapView, Items, State, held_values, present
from tfvarfix.semantics.project import ProjectModule
from tfvarfix.semantics.scoping import Scopes, import_binding
from tfvarfix.semantics.values import (
    AV,
    BOTTOM,
    FALSE,
    NONE,
    NOTHING,
    TOP,
    TRUE,
    Absent,
    Args,
    AttrNode,
    BoundMethod,
    ClassObj,
    Const,
    DictObj,
    FrameObj,
    FuncObj,
    InstanceObj,
    LazyName,
    ListObj,
    ModuleRef,
    NamedTupleType,
    Obj,
    PartialObj,
    ProjectModuleObj,
    RangeObj,
    SuperObj,
    TensorObj,
    TfFunction,
    TupleObj,
    const,
)
from tfvarfix.semantics.walker import descendants

if TYPE_CHECKING:
    from tfvarfix.semantics.project import ProjectIndex

UNROLL = 12  # loops over at most this many known items run once per item
_MAX_ENTRIES = 256  # a dict literal with more entries is not followed key by key
_DICT_HOOKS = (
    "__init__", "__new__", "__getitem__", "__setitem__", "__delitem__", "__missing__", "__iter__", "__contains__",
    "get", "update", "setdefault", "pop", "keys", "values", "items",
)  # fmt: skip
_REBASE = 256  # objects changed since the base after which top-level code starts a new one
COMPREHENSION_UNROLL = 64  # comprehensions (one expression each) over at most this many
MAX_DEPTH = 10  # inlined calls deeper than this are unknown
# A function already running this many times is not entered again: a walk of nested models or layers
# (`add_decay_loss(layer)` for each layer of a model, a model among them) is followed a few levels down; deeper,
# and for recursion that is not bounded by its data, the call is unknown.
MAX_RECURSION = 3
MAX_PROJECT_MODULES = 64  # project modules one analysis reads; past it, their names are unknown
# Work an imported module's body may cost (its functions run when called, on the importer's budget): past it,
# the module's names are unknown.
PROJECT_MODULE_WORK = 2_000
PROJECT_MODULE_WORK_PER_LINE = 2
PROJECT_CALL_WORK = 1_500  # work a call from the analysed module into another module's function may cost
_COMPREHENSIONS = (cst.ListComp, cst.SetComp, cst.GeneratorExp, cst.DictComp)
_STRINGS: dict[str, AV] = {}  # a string literal's source -> its value


class BudgetExceeded(Exception):
    """The per-file work budget ran out: the analysis gives up and claims nothing."""


class Cancelled(BaseException):  # not an Exception: no `except Exception` on the way may swallow it
    """The analysis was cancelled from outside (the editor: the buffer changed while it ran)."""


CANCEL_POLL_WORK = 256  # work between two polls of the cancel callback
_PLAIN_WALK = 256  # objects an argument check walks before it calls the arguments not plain
OPAQUE_FIELDS = "<opaque>"  # an instance field: code not followed may have set any of its fields


class _ModuleTooCostly(Exception):
    """An imported project module's body ran past its work limit: its names become unknown."""


class MethodRef(Obj):
    """A method of a builtin or TF/Keras object, looked up but not yet called: `model.add`, `items.append`."""

    __slots__ = ("name", "receiver")
    KIND = "method"

    def __init__(self, receiver: Obj, name: str) -> None:
        super().__init__(None)
        self.receiver = receiver
        self.name = name

    def __eq__(self, other: object) -> bool:
        return isinstance(other, MethodRef) and other.receiver is self.receiver and other.name == self.name

    def __hash__(self) -> int:
        return hash((id(self.receiver), self.name))

    def describe(self) -> str:
        return f"{self.receiver.describe()}.{self.name}"


@dataclass
class _Activation:
    """One running function: its returns, and the loops open in it."""

    func: FuncObj | None
    returns: list[tuple[AV, State]] = field(default_factory=list)
    loops: list[_Loop] = field(default_factory=list)
    frame: FrameObj | None = None  # the frame of the code that made the call (its caller)


@dataclass
class _Loop:
    breaks: list[State] = field(default_factory=list)
    continues: list[State] = field(default_factory=list)


def _method_of(ctx: Ctx, instance: InstanceObj) -> bool:
    """Whether a `METHOD` context is one of `instance`'s (its data is `(instance, method name)`)."""
    return isinstance(ctx.data, tuple) and bool(ctx.data) and ctx.data[0] is instance


class _Entered:
    """The context manager of `Interpreter.context` (a class: it is entered thousands of times an analysis, and
    a generator-based one costs several times as much). The new context's parent is the one current on entry."""

    __slots__ = ("data", "interp", "kind", "node", "saved")

    def __init__(self, interp: Interpreter, kind: CtxKind | None, node: cst.CSTNode | None, data: object) -> None:
        self.interp = interp
        self.kind = kind
        self.node = node
        self.data = data
        self.saved: Ctx = ROOT

    def __enter__(self) -> Ctx:
        interp = self.interp
        self.saved = interp.ctx
        interp.ctx = ctx = Ctx(self.kind, self.node, self.data, self.saved)
        return ctx

    def __exit__(self, *_: object) -> None:
        self.interp.ctx = self.saved


# The list and dict methods that store a value: the index of the stored argument (`insert(i, value)`).
_STORING = {"append": 0, "insert": 1, "extend": 0, "update": 0}


class Semantics:
    """What the interpreter asks of TF/Keras/numpy knowledge (`keras.transfer.KerasSemantics` implements it).
    Every method answers None for "not mine"."""

    # Names and attribute names whose mention makes a function worth running when nothing calls it.
    WORDS: frozenset[str] = frozenset()

    def bind(self, interp: Interpreter) -> None:
        self.interp = interp

    def call(self, ref: ModuleRef, args: Args, node: cst.Call) -> AV | None:
        return None

    def call_object(self, obj: Obj, args: Args, node: cst.Call) -> AV | None:
        return None

    def method(self, obj: Obj, name: str, args: Args, node: cst.Call) -> AV | None:
        return None

    def attribute(self, obj: Obj, attr: str, node: AttrNode) -> AV | None:
        return None

    def store_attribute(self, obj: Obj, attr: str, value: AV, node: AttrNode) -> bool:
        return False

    def subscript(self, obj: Obj, index: AV, node: cst.Subscript) -> AV | None:
        return None

    def store_subscript(self, obj: Obj, index: AV, value: AV, node: cst.Subscript) -> bool:
        return False

    def container_store(self, obj: ListObj | DictObj, how: str, value: AV, node: cst.CSTNode) -> None:
        """`value` put into a list or dict of the program: `how` is "append", "insert", "extend", "update"
        (`value` the iterable or mapping) or "setitem"; told before the builtins store it."""
        return None

    def iterate(self, obj: Obj) -> list[AV] | AV | None:
        return None

    def enter(self, obj: Obj, node: cst.WithItem) -> tuple[AV, Ctx | None] | None:
        return None

    def exit(self, obj: Obj, node: cst.WithItem) -> None:
        return None

    def class_created(self, cls: ClassObj) -> None:
        return None

    def instance_created(self, instance: InstanceObj, args: Args, node: cst.Call | None) -> None:
        return None

    def escape(self, value: AV) -> None:
        return None

    def opaque_call(self, args: Args) -> None:
        """A call the interpreter does not follow (unknown callee, recursion, past the depth or budget)."""
        return None

    def binary(
        self, op: cst.BaseBinaryOp, left: AV, right: AV, node: cst.BinaryOperation | None
    ) -> AV | None:
        return None

    def has_attribute(self, obj: Obj, attr: str) -> bool | None:
        """`hasattr(obj, attr)`, when it is known."""
        return None

    def known_name(self, obj: Obj) -> str | None:
        """`obj.name`, when it is known for certain (a layer's given or auto name)."""
        return None

    def bind_function(self, function: TfFunction, receiver: Obj) -> Obj:
        """A `tf.function` method looked up on an instance: bound to it."""
        return function

    def trace_entry(self, function: TfFunction, receiver: AV | None) -> None:
        """A decorated `tf.function` no code of the module calls: trace it with unknown arguments."""
        return None

    def builds_by_call(self, instance: InstanceObj) -> bool:
        """Whether the framework builds this unbuilt layer of the program by running its `call()` once (what
        that run creates belongs to the build)."""
        return False

    def owns(self, obj: Obj) -> bool:
        """Whether `obj` is one the semantics models (a layer, a variable, a tf.function): code that mentions a
        module name bound to one is worth running when nothing calls it."""
        return isinstance(obj, TfFunction)

    def attribute_of_unknown(self, attr: str, node: AttrNode) -> AV | None:
        """An attribute read on a value the analysis does not know (TOP)."""
        return None

    def instance_of(self, classes: tuple[object, ...], node: cst.BaseExpression) -> AV | None:
        """What an unknown value is known to be once `isinstance(value, classes)` holds."""
        return None

    def instance_ready(self, instance: InstanceObj, node: cst.Call | None) -> None:
        """An instance of a program class has run its `__init__`."""
        return None

    def built_by(self, instance: InstanceObj) -> None:
        """An instance of a program class has run its own `build`."""
        return None

    def built_when_program_builds(self, instance: InstanceObj) -> bool:
        """Whether the program's own `layer.build(shape)` leaves the layer built, so a first call does not build
        it again."""
        return False


class Interpreter:
    def __init__(
        self,
        module: cst.Module,
        semantics: Semantics,
        budget: int,
        project: ProjectIndex | None = None,
        path: Path | None = None,
        cancel: Callable[[], bool] | None = None,
    ) -> None:
        from tfvarfix.semantics import pybuiltins

        self.cancel = cancel  # polled every CANCEL_POLL_WORK units of work; True stops the run (Cancelled)
        self.poll_at = CANCEL_POLL_WORK if cancel is not None else 1 << 62

        self.module = module
        self.semantics = semantics
        self.builtins = pybuiltins
        self.module_frame = FrameObj(module, None, frozenset(), "<module>")
        self.home = self.module_frame  # the module analysed; module_frame is the one whose code runs now
        self.frame = self.module_frame
        # Whole-project analysis: the project's modules this one imports, run when imported (semantics/project).
        self.project = project if path is not None else None
        if path is not None:
            path = path.resolve()
        self.module_path = path  # the file of the module whose code runs now
        self.imported: dict[Path, ProjectModuleObj] = {}  # by file, in import order
        self.forcing: set[LazyName] = set()  # lazy imports being resolved now
        self.anchor: cst.CSTNode | None = None  # the call in the analysed module that runs the code now
        self.module_limit: int | None = None  # the work at which the imported module's body now running stops
        self.state = State()
        self.ctx: Ctx = ROOT
        self.chain: list[cst.CSTNode] = []
        self.activations: list[_Activation] = [_Activation(None)]
        self.loop_depth = 0
        self.maybe = 0  # arms of tests whose outcome is not known, around the current point
        self.fallback = 0  # arms where a value that may be an existing object was found missing (see _missing)
        self.events: list[Event] = []
        self.budget = budget
        self.soft_budget = budget // 2  # past it, calls are no longer inlined
        self.work = 0
        self.executed: set[int] = set()  # ids of function nodes whose body ran
        self.defined: dict[int, FuncObj] = {}  # id(def node) -> its latest function object
        self.decorated: dict[int, AV] = {}  # id(def node) -> what its name was bound to (after decorators)
        self.classes: list[ClassObj] = []
        self.star_modules: list[str] = []
        self.home_stars = self.star_modules
        self.project_home_path = path
        self.end_state: State | None = None
        self.scopes = Scopes.carried()
        self._relevance: dict[int, frozenset[str] | None] = {}  # id(module frame) -> its names that may matter
        self._def_words: dict[int, frozenset[str]] = {}  # id(def node) -> what it mentions
        semantics.bind(self)

    # ======================================================================================== driver
    def run(self) -> None:
        """The module body, then every function and method nothing called, as entries."""
        for statement in self.module.body:
            if self.state.dead:
                break
            self.exec_body([statement])
            if self.state.changed_count() > _REBASE:
                # Top-level statements leave no forked state behind: start a new shared base, so that later
                # forks and joins cost what they change, not the module's whole heap.
                self.state = self.state.frozen()
        self.end_state = self.state.frozen()
        self.run_entries()

    def run_entries(self) -> None:
        base = self.end_state if self.end_state is not None else State()
        synthetic: dict[ClassObj, tuple[InstanceObj, State]] = {}
        done: set[int] = set()
        while True:
            # Functions defined while entries run (nested defs) become entries too, outer ones first.
            pending = [f for key, f in list(self.defined.items()) if key not in done]
            if not pending:
                break
            done.update(id(f.node) for f in pending if f.module is not None and f.module is not self.home)
            pending = [f for f in pending if id(f.node) not in done]  # another module's: its own runs it
            if not pending:
                break
            relevant = self._relevant_names()
            for func in _callers_first(pending, self.scopes):
                done.add(id(func.node))
                if isinstance(func.node, cst.FunctionDef) and self._relevant(func, relevant):
                    self._run_entry(func, base, synthetic)

    def _relevant_names(self) -> frozenset[str]:
        """The names whose mention can make code matter: what the semantics knows, and the program's functions,
        classes and methods that mention any of them (to a fixed point)."""
        words = set(self.semantics.WORDS)
        if self.end_state is not None:
            for name, value in self.end_state.fields(self.module_frame).items():
                if isinstance(value, AV) and any(self.semantics.owns(o) for o in value):
                    words.add(name)
        named: list[tuple[str, frozenset[str]]] = [
            (f.name, self.scopes(f.node).words)
            for f in self.defined.values()
            if isinstance(f.node, cst.FunctionDef) and (f.module is None or f.module is self.home)
        ]
        named += [
            (c.name, frozenset(b.value for b in _base_names(c.node))) for c in self.classes if c.keras_base
        ]
        words.update(c.name for c in self.classes if c.keras_base)
        changed = True
        while changed:
            changed = False
            for name, mentioned in named:
                if name not in words and not mentioned.isdisjoint(words):
                    words.add(name)
                    changed = True
        return frozenset(words)

    def _relevant(self, func: FuncObj, relevant: frozenset[str]) -> bool:
        """Whether running a function nothing calls can show anything: it mentions a relevant name, or it is a
        method of a Keras class of the program (Keras itself calls those)."""
        owner = func.owner
        if owner is not None and owner.keras_base is not None:
            return True
        return not self.scopes(func.node).words.isdisjoint(relevant)

    def _run_entry(
        self, func: FuncObj, base: State, synthetic: dict[ClassObj, tuple[InstanceObj, State]]
    ) -> None:
        node = func.node
        if id(node) in self.executed:
            return
        owner = func.owner
        if owner is not None and func.method_kind in ("function", "property"):
            found = synthetic.get(owner)
            if found is None:
                found = self._synthetic_instance(owner, base)
                synthetic[owner] = found
                if id(node) in self.executed:
                    return
            instance, state = found
            self.state = state.fork()
            receiver: AV | None = AV.of(instance)
        else:
            self.state = base.fork()
            receiver = None
        self.frame = self.module_frame
        self.chain = []
        with self.context(CtxKind.ENTRY, node, None):
            layer = receiver.single() if receiver is not None else None
            if (
                owner is not None
                and owner.is_layer
                and func.name == "call"
                and isinstance(layer, InstanceObj)
            ):
                # Keras calls a layer many times: a second call shows what is made on every call.
                with (
                    self.context(CtxKind.LAYER_CALL, node, layer),
                    self.context(CtxKind.METHOD, node, (layer, "build"))
                    if self.semantics.builds_by_call(layer)
                    else nullcontext(),
                ):
                    self.invoke(func, _unknown_args(), node, receiver)
                with (
                    self.context(CtxKind.REPEAT, node, 2),
                    self.context(CtxKind.LAYER_CALL, node, layer),
                ):
                    self.invoke(func, _unknown_args(), node, receiver)
            else:
                wrapped = self.decorated.get(id(node), AV.of(func)).single()
                if isinstance(wrapped, TfFunction):
                    self.semantics.trace_entry(wrapped, receiver)
                else:
                    self.invoke(func, _unknown_args(), node, receiver)

    def _synthetic_instance(self, cls: ClassObj, base: State) -> tuple[InstanceObj, State]:
        """An instance of `cls` made as Keras would make it (with unknown arguments) for its methods' entries."""
        instance = InstanceObj(None, cls, synthetic=True)
        self.state = base.fork()
        self.frame = self.module_frame
        self.chain = []
        receiver = AV.of(instance)
        self.semantics.instance_created(instance, _unknown_args(), None)
        with self.context(CtxKind.ENTRY, cls.node, None):
            for name in ("__init__", "build") if cls.is_layer else ("__init__",):
                method = self.class_attribute(cls, name)
                func = method.single() if method is not None else None
                if isinstance(func, FuncObj) and func.owner is not None:
                    with self.context(CtxKind.METHOD, func.node, (instance, name)):
                        self.invoke(func, _unknown_args(), func.node, receiver)
                    if self.state.dead:
                        self.state = base.fork()
                if name == "__init__":
                    self.semantics.instance_ready(instance, None)
                elif isinstance(func, FuncObj) and func.owner is not None:
                    self.semantics.built_by(instance)
        if cls.is_layer:
            self.state.set(instance, "built", TRUE)
        return instance, self.state

    # ======================================================================================= helpers
    def tick(self, cost: int = 1) -> None:
        self.work += cost
        if self.work > self.poll_at:
            self._poll()
        if self.module_limit is not None:  # another module's code: bounded on its own
            if self.work > self.module_limit:
                raise _ModuleTooCostly
        elif self.work > self.budget:
            raise BudgetExceeded

    def _poll(self) -> None:
        self.poll_at = self.work + CANCEL_POLL_WORK  # work is set back after another module's run: polls go on
        if self.cancel is not None and self.cancel():
            raise Cancelled

    def context(self, kind: CtxKind, node: cst.CSTNode | None, data: object) -> _Entered:
        """`with interp.context(kind, node, data) as ctx:` runs its body in a new innermost context."""
        return _Entered(self, kind, node, data)

    def pushed(self, ctx: Ctx | None) -> _Entered | nullcontext[None]:
        """The body in a copy of `ctx` pushed on the current chain (nothing when None)."""
        if ctx is None:
            return nullcontext()
        return _Entered(self, ctx.kind, ctx.node, ctx.data)

    def view(self) -> HeapView:
        """The whole heap as it is now, never changed later (the state copies before its next writes)."""
        return self.state.view()

    def record(self, cls: type[Event], node: cst.CSTNode, **fields: Any) -> Event:
        if fields.get("view") is not None:
            fields["callers"] = tuple(a.frame for a in self.activations if a.frame is not None)
        event = cls(
            node=node,
            ctx=self.ctx,
            frame=self.frame,
            env=self.state.snapshot(self.frame),
            chain=tuple(self.chain),
            certain=self.maybe == 0,
            fallback=self.fallback > 0,
            anchor=self.anchor if self.module_frame is not self.home else None,
            **fields,
        )
        self.events.append(event)
        return event

    def constant(self, value: AV, depth: int = 0) -> object:
        """The Python value when `value` is certainly one constant, or a tuple or list (exactly known here) of
        such values (lists come back as tuples); NOTHING otherwise."""
        obj = value.single()
        if isinstance(obj, Const):
            return obj.value
        if depth > 8:
            return NOTHING
        items: Sequence[AV] | None = None
        if isinstance(obj, TupleObj):
            items = obj.items
        elif isinstance(obj, ListObj) and obj.kind in ("list", "tuple"):
            items = self.state.items(obj).exact
        if items is None or len(items) > 4096:
            return NOTHING
        out = [self.constant(item, depth + 1) for item in items]
        return NOTHING if any(o is NOTHING for o in out) else tuple(out)

    def dims(self, value: AV) -> tuple[int | None, ...] | None:
        """A shape argument: an int, or a tuple or list of ints with unknown entries as None."""
        known = self.constant(value)
        if isinstance(known, int) and not isinstance(known, bool):
            return (known,)
        obj = value.single()
        items: Sequence[AV] | None = None
        if isinstance(obj, TupleObj):
            items = obj.items
        elif isinstance(obj, ListObj):
            items = self.state.items(obj).exact
        if items is None or len(items) > 16:
            return None
        out: list[int | None] = []
        for item in items:
            dim = self.constant(item)
            if isinstance(dim, int) and not isinstance(dim, bool):
                out.append(dim)
            elif dim is None or dim is NOTHING:
                out.append(None)
            else:
                return None
        return tuple(out)

    @property
    def in_loop(self) -> bool:
        return self.loop_depth > 0

    # ========================================================================================= names
    def lookup(self, name: str) -> AV:
        frame: FrameObj | None = self.frame
        state = self.state
        while frame is not None:
            if frame is self.module_frame:
                break
            if name in frame.locals:
                found = state.value(frame, name)
                return self._forced(frame, name, _bound(found))
            frame = frame.parent
        found = state.value(self.module_frame, name)
        if found is not None:
            return self._forced(self.module_frame, name, _bound(found))
        return self.builtin(name)

    def _forced(self, frame: FrameObj, name: str, value: AV) -> AV:
        """`value`, with a name imported lazily (LazyName) replaced by what it names, now imported."""
        if value.is_top or not any(isinstance(o, LazyName) for o in value):
            return value
        parts: list[AV] = []
        for obj in value:
            if not isinstance(obj, LazyName):
                parts.append(AV.of(obj))
            elif obj in self.forcing:  # a cycle of re-exports (`a` imports `x` from `b`, `b` from `a`)
                parts.append(TOP)
            else:
                self.forcing.add(obj)
                try:
                    parts.append(self.module_member(obj.module, obj.name))
                finally:
                    self.forcing.discard(obj)
        found = AV.union(parts)
        self.state.set(frame, name, found)
        return found

    def builtin(self, name: str) -> AV:
        if name in self.builtins.NAMES:
            return AV.of(ModuleRef("builtins." + name))
        for module in self.star_modules:
            ref = ModuleRef(f"{module}.{name}")
            if self.semantics.call is not None and _known_star(ref):
                return AV.of(ref)
        return TOP

    def bind(self, name: str, value: AV) -> None:
        frame = self.frame
        if frame is not self.module_frame and name not in frame.locals:
            info = self.scopes(frame.node)
            if name in info.globals:
                frame = self.module_frame
            elif name in info.nonlocals:
                outer = frame.parent
                while outer is not None and name not in outer.locals:
                    outer = outer.parent
                frame = outer if outer is not None else self.module_frame
        self.state.set(frame, name, value)

    # ==================================================================================== statements
    def exec_body(self, body: Sequence[cst.BaseStatement] | Sequence[cst.BaseSmallStatement]) -> None:
        for statement in body:
            if self.state.dead:
                return
            self.tick()
            self.chain.append(statement)
            try:
                handler = _STATEMENTS.get(type(statement))
                if handler is not None:
                    handler(self, statement)
            finally:
                self.chain.pop()

    def exec_suite(self, suite: cst.BaseSuite) -> None:
        self.exec_body(suite.body)

    def _simple_line(self, node: cst.SimpleStatementLine | cst.SimpleStatementSuite) -> None:
        for small in node.body:
            if self.state.dead:
                return
            handler = _SMALL.get(type(small))
            if handler is not None:
                handler(self, small)

    def _expr_statement(self, node: cst.Expr) -> None:
        self.eval(node.value)

    def _assign(self, node: cst.Assign) -> None:
        value = self.eval(node.value)
        for target in node.targets:
            self.assign(target.target, value)

    def _ann_assign(self, node: cst.AnnAssign) -> None:
        if node.value is not None:
            self.assign(node.target, self.eval(node.value))

    def _aug_assign(self, node: cst.AugAssign) -> None:
        current = self.eval(node.target)
        operand = self.eval(node.value)
        op = _AUG_TO_BINARY.get(type(node.operator))
        value = TOP
        if op is not None:
            value = self.binary(op(), current, operand, None)
        for obj in current:
            if isinstance(obj, ListObj) and isinstance(node.operator, cst.AddAssign):
                self.builtins.extend(self, obj, operand)
                value = current
        self.assign(node.target, value)

    def _return(self, node: cst.Return) -> None:
        value = self.eval(node.value) if node.value is not None else NONE
        self.activations[-1].returns.append((value, self.state.fork()))
        self.state.dead = True

    def _raise(self, node: cst.Raise) -> None:
        if node.exc is not None:
            self.eval(node.exc)
        self.state.dead = True

    def _break(self, node: cst.Break) -> None:
        loops = self.activations[-1].loops
        if loops:
            loops[-1].breaks.append(self.state.fork())
        self.state.dead = True

    def _continue(self, node: cst.Continue) -> None:
        loops = self.activations[-1].loops
        if loops:
            loops[-1].continues.append(self.state.fork())
        self.state.dead = True

    def _delete(self, node: cst.Del) -> None:
        targets = node.target.elements if isinstance(node.target, (cst.Tuple, cst.List)) else [node.target]
        for target in targets:
            expr = target.value if isinstance(target, cst.BaseElement) else target
            if isinstance(expr, cst.Name):
                self.bind(expr.value, TOP)
            elif isinstance(expr, cst.Subscript):
                for obj in self.eval(expr.value):
                    if isinstance(obj, ListObj):
                        self.state.set(obj, "items", self.state.items(obj).smeared())

    def _assert(self, node: cst.Assert) -> None:
        self.refine(node.test, True)

    def _pass(self, node: cst.CSTNode) -> None:
        return None

    def _global(self, node: cst.CSTNode) -> None:
        return None

    def _import(self, node: cst.Import) -> None:
        for alias in node.names:
            dotted = dotted_name(alias.name)
            if dotted is None:
                continue
            found = self.import_module(dotted, 0)
            if alias.asname is not None:
                self.bind(
                    import_binding(alias), AV.of(found) if found is not None else AV.of(ModuleRef(dotted))
                )
            else:
                head = dotted.split(".", 1)[0]
                top = self.import_module(head, 0) if found is not None else None
                self.bind(head, AV.of(top) if top is not None else AV.of(ModuleRef(head)))

    def _import_from(self, node: cst.ImportFrom) -> None:
        dotted = dotted_name(node.module) if node.module is not None else ""
        if dotted is None:
            return
        level = len(node.relative)
        found = self.import_module(dotted, level)
        module = "." * level + dotted
        if isinstance(node.names, cst.ImportStar):
            if found is not None and self.ran(found) and found.frame is not None:
                fields = self.state.fields(found.frame)
                names = fields.get("__all__")
                listed = self.constant(present(names)) if isinstance(names, AV) else None
                public = set(listed) if isinstance(listed, tuple) else None  # `__all__`, when it is known
                for name, value in fields.items():
                    if isinstance(value, AV) and (
                        name in public if public is not None else not name.startswith("_")
                    ):
                        self.bind(name, value)
            elif not node.relative:
                self.star_modules.append(module)
            return
        for alias in node.names:
            member = dotted_name(alias.name)
            if member is None:
                continue
            if found is not None:
                value = AV.of(LazyName(found, member))
            else:
                value = AV.of(ModuleRef(f"{module}.{member}")) if not node.relative else TOP
            self.bind(import_binding(alias), value)

    # ------------------------------------------------------------------------------------ project modules
    def import_module(self, dotted: str, level: int) -> ProjectModuleObj | None:
        """The project's module `dotted` (`level` dots before it); None when it is no module of the project (a
        library). It is read and its body runs when one of its names is first used (see `ran`): most of what a
        module imports is never used by the code the analysis runs."""
        if self.project is None or self.module_path is None:
            return None
        resolved = self.project.resolve(self.module_path, dotted, level)
        if resolved is None:
            return None
        name, path = resolved
        found = self.imported.get(path)
        if found is None:
            if len(self.imported) >= MAX_PROJECT_MODULES or path == self.project_home_path:
                return None
            found = self.imported[path] = ProjectModuleObj(name, path)
        return found

    def ran(self, found: ProjectModuleObj) -> bool:
        """Whether `found`'s body has run, running it now if it has not (False: it cannot be read or parsed, or
        costs too much, and its names are unknown). A module whose body is running (a cycle) has, as Python
        sees it: its names are those bound so far."""
        if found.state == "new":
            assert self.project is not None
            source = self.project.load(found.name, found.path)
            if source is None:
                found.state = "failed"
                return False
            found.source = source
            found.frame = FrameObj(source.module, None, frozenset(), "<module>")
            self._run_module(found, source)
        return found.state != "failed"

    def _run_module(self, found: ProjectModuleObj, source: ProjectModule) -> None:
        """Run an imported module's body: within its own work limit, not charged to the importer's budget."""
        found.state = "running"
        work, entry, outer = self.work, self.state, self.module_limit
        limit = self.work + PROJECT_MODULE_WORK + PROJECT_MODULE_WORK_PER_LINE * source.text.count("\n")
        assert found.frame is not None
        with self._running_module(found.frame, source.path, limit if outer is None else min(limit, outer)):
            self.state = entry.fork()
            self.state.set(found.frame, "__name__", const(source.name))
            try:
                for statement in source.module.body:
                    if self.state.dead:
                        break
                    self.exec_body([statement])
                if self.state.dead:  # the module raises when imported: the importer's analysis goes on without it
                    raise _ModuleTooCostly
                found.state = "ran"
            except _ModuleTooCostly:
                if outer is not None and self.work > outer:
                    raise  # the importing module's own limit is spent too
                self.state = entry
                self.semantics.opaque_call(_unknown_args())  # what its body did is not known
                found.state = "failed"
            finally:
                self.work = work

    @contextmanager
    def _running_module(self, frame: FrameObj, path: Path, limit: int) -> Iterator[None]:
        """Run a module's body: its frame, file and work limit, a fresh statement chain, no loop around it."""
        saved = (
            self.module_frame, self.frame, self.chain, self.star_modules, self.loop_depth, self.module_path,
            self.module_limit,
        )  # fmt: skip
        self.module_frame = self.frame = frame
        self.chain, self.star_modules, self.loop_depth = [], [], 0
        self.module_path, self.module_limit = path, limit
        try:
            yield
        finally:
            (
                self.module_frame, self.frame, self.chain, self.star_modules, self.loop_depth, self.module_path,
                self.module_limit,
            ) = saved  # fmt: skip

    def module_member(self, found: ProjectModuleObj, name: str) -> AV:
        """`found.name`: a name its body bound, else its submodule of that name, else unknown."""
        if not self.ran(found):
            return TOP
        assert found.frame is not None
        value = self.state.value(found.frame, name)
        if value is not None:
            return self._forced(found.frame, name, _bound(value))  # a re-export: `from .models import f`
        if found.path.name == "__init__.py" and self.project is not None:
            saved = self.module_path
            self.module_path = found.path
            try:
                sub = self.import_module(name, 1)
            finally:
                self.module_path = saved
            if sub is not None:
                return AV.of(sub)
        return TOP

    # ------------------------------------------------------------------------------------ compound
    def _if(self, node: cst.If) -> None:
        states: list[State] = []
        current: cst.If | cst.Else | None = node
        uncertain = 0  # 1 once a test's outcome was not known: later arms may not run
        missing = 0  # 1 once a test found an object that may exist missing: later arms run only then
        while isinstance(current, cst.If):
            outcome = self.truth(current.test)
            entry = self.state
            absent = self._missing(current.test) if outcome is None else None
            if outcome is None:
                uncertain = 1
            if outcome is not False:
                self.state = entry.fork()
                self.refine(current.test, True)
                self.maybe += uncertain
                here = missing or int(absent is True)
                self.fallback += here
                try:
                    self.exec_suite(current.body)
                finally:
                    self.maybe -= uncertain
                    self.fallback -= here
                states.append(self.state)
            self.state = entry
            if outcome is True:
                current = None
                self.state = _dead()
                break
            self.refine(current.test, False)
            missing = missing or int(absent is False)
            current = current.orelse
        if isinstance(current, cst.Else):
            self.maybe += uncertain
            self.fallback += missing
            try:
                self.exec_suite(current.body)
            finally:
                self.maybe -= uncertain
                self.fallback -= missing
        states.append(self.state)
        self.state = State.join(states)

    def _while(self, node: cst.While) -> None:
        outcome = self.truth(node.test)
        if outcome is False:
            if node.orelse is not None:
                self.exec_suite(node.orelse.body)
            return
        loop = _Loop()
        self.activations[-1].loops.append(loop)
        exits: list[State] = []
        self.loop_depth += 1
        try:
            for index in (-1, -2):
                if self.state.dead:
                    break
                if outcome is not True:
                    exits.append(self.state.fork())
                with self.context(CtxKind.LOOP, node, index):
                    self.refine(node.test, True)
                    self.exec_suite(node.body)
                self.state = State.join([self.state, *loop.continues])
                loop.continues.clear()
            if outcome is not True:
                exits.append(self.state)
        finally:
            self.loop_depth -= 1
            self.activations[-1].loops.pop()
        self.state = State.join(exits)
        if outcome is not True:
            self.refine(node.test, False)
        if node.orelse is not None:
            self.exec_suite(node.orelse.body)
        self.state = State.join([self.state, *loop.breaks])

    def _for(self, node: cst.For) -> None:
        iterable = self.eval(node.iter)
        items = self.iteration(iterable)
        loop = _Loop()
        self.activations[-1].loops.append(loop)
        self.loop_depth += 1
        try:
            if isinstance(items, list):
                for index, item in enumerate(items):
                    if self.state.dead:
                        break
                    with self.context(CtxKind.LOOP, node, index):
                        self.assign(node.target, item)
                        self.exec_suite(node.body)
                    self.state = State.join([self.state, *loop.continues])
                    loop.continues.clear()
            else:
                exits = [self.state.fork()]
                for index in (-1, -2):
                    if self.state.dead:
                        break
                    with self.context(CtxKind.LOOP, node, index):
                        self.assign(node.target, items)
                        self.exec_suite(node.body)
                    self.state = State.join([self.state, *loop.continues])
                    loop.continues.clear()
                    exits.append(self.state.fork())
                self.state = State.join(exits)
        finally:
            self.loop_depth -= 1
            self.activations[-1].loops.pop()
        if node.orelse is not None:
            self.exec_suite(node.orelse.body)
        self.state = State.join([self.state, *loop.breaks])

    def iteration(self, value: AV, limit: int = UNROLL) -> list[AV] | AV:
        """The items of an iterable: a list when they are known exactly (and few), else one value for all."""
        obj = value.single()
        if obj is not None:
            found = self.builtins.items_of(self, obj)
            if isinstance(found, list) and len(found) <= limit:
                return found
            if isinstance(found, list):
                return AV.union(found)
            if found is not None:
                return found
            known = self.semantics.iterate(obj)
            if isinstance(known, list) and len(known) <= limit:
                return known
            if isinstance(known, list):
                return AV.union(known)
            if known is not None:
                return known
            return TOP
        if value.is_top:
            return TOP
        merged: list[AV] = []
        for obj in value:
            found = self.builtins.items_of(self, obj)
            if found is None:
                found = self.semantics.iterate(obj)
            if found is None:
                return TOP
            merged.append(AV.union(found) if isinstance(found, list) else found)
        return AV.union(merged)

    def _with(self, node: cst.With) -> None:
        entered: list[tuple[Obj, cst.WithItem]] = []
        saved = self.ctx
        entry: State | None = None
        try:
            for item in node.items:
                expected = self._expected_by(item.item)
                value = self.eval(item.item)
                bound = TOP
                if expected is not None:
                    # A context manager of the program that swallows these exceptions (`with assert_raises(E):`)
                    self.ctx = Ctx(CtxKind.EXPECTED, item.item, expected, self.ctx)
                    entry = self.state.fork()
                for obj in value:
                    answer = self.semantics.enter(obj, item)
                    if answer is None:
                        answer = self.builtins.enter(self, obj, item)
                    if answer is not None:
                        bound, pushed = answer
                        if pushed is not None:
                            self.ctx = Ctx(pushed.kind, pushed.node, pushed.data, self.ctx)
                            if pushed.kind is CtxKind.EXPECTED:
                                entry = self.state.fork()
                        entered.append((obj, item))
                    if value.single() is None:
                        bound = TOP
                if item.asname is not None:
                    self.assign(item.asname.name, bound)
            activation = self.activations[-1]
            returns_at = len(activation.returns)
            jumps_at = [(loop, len(loop.breaks), len(loop.continues)) for loop in activation.loops]
            self.exec_suite(node.body)
        finally:
            self.ctx = saved
        if entered:
            # A `return`, `break` or `continue` in the body leaves the block too: its exits apply to that path.
            for index in range(returns_at, len(activation.returns)):
                value, left = activation.returns[index]
                activation.returns[index] = (value, self._exited(left, entered))
            for loop, breaks, continues in jumps_at:
                loop.breaks[breaks:] = [self._exited(left, entered) for left in loop.breaks[breaks:]]
                loop.continues[continues:] = [
                    self._exited(left, entered) for left in loop.continues[continues:]
                ]
        for obj, item in reversed(entered):
            self.semantics.exit(obj, item)
        if entry is not None:
            # The expected exception may end the body anywhere; the code after the block runs either way.
            self.state = State.join([self.state, entry])

    def _expected_by(self, expr: cst.BaseExpression) -> tuple[str, ...] | None:
        """The exceptions a `with` item expects, when it calls a `@contextmanager` generator of the program that
        catches them around its `yield` (the TensorFlow guides' `assert_raises(ValueError)`:
        `try: yield` / `except error_class as e: print(...)`): the code in the block is expected to fail."""
        if not isinstance(expr, cst.Call):
            return None
        found = self._peek(expr.func)
        func = found.single() if found is not None else None
        if not isinstance(func, FuncObj) or not any(d.endswith("contextmanager") for d in func.decorators):
            return None
        node = func.node
        if not isinstance(node, cst.FunctionDef) or not isinstance(node.body, cst.IndentedBlock):
            return None
        params = [p.name.value for p in (*node.params.posonly_params, *node.params.params)]
        for statement in node.body.body:
            if not isinstance(statement, cst.Try) or not any(
                isinstance(n, cst.Yield) for n in descendants(statement.body)
            ):
                continue
            names: list[str] = []
            for handler in statement.handlers:
                body = handler.body.body
                if len(body) == 1 and isinstance(body[0], cst.SimpleStatementLine) and all(
                    isinstance(s, cst.Raise) and s.exc is None for s in body[0].body
                ):
                    continue  # `except E: raise`: not swallowed
                names += self._handler_names(handler.type, params, expr.args)
            return tuple(names) if names else None
        return None

    def _handler_names(
        self, caught: cst.BaseExpression | None, params: list[str], args: Sequence[cst.Arg]
    ) -> list[str]:
        """The exception names an `except` clause of a context manager catches; a parameter of the context
        manager (`except error_class`) names what the `with` passes it (unknown: "Exception")."""
        if caught is None:
            return [""]
        if isinstance(caught, cst.Tuple):
            return [n for e in caught.elements for n in self._handler_names(e.value, params, args)]
        if isinstance(caught, cst.Name) and caught.value in params:
            index = params.index(caught.value)
            given = next((a.value for a in args if a.keyword is not None and a.keyword.value == caught.value), None)
            positional = [a.value for a in args if a.keyword is None and not a.star]
            if given is None and index < len(positional):
                given = positional[index]
            value = self._peek(given) if given is not None else None
            obj = value.single() if value is not None else None
            if isinstance(obj, ModuleRef):
                return [obj.dotted.rsplit(".", 1)[-1]]
            if isinstance(obj, ClassObj):
                return [obj.name]
            return ["Exception"]
        dotted = dotted_name(caught)
        return [dotted.rsplit(".", 1)[-1] if dotted else "Exception"]

    def _exited(self, state: State, entered: list[tuple[Obj, cst.WithItem]]) -> State:
        """`state` after the exits of the with-items it leaves."""
        saved = self.state
        self.state = state
        try:
            for obj, item in reversed(entered):
                self.semantics.exit(obj, item)
            return self.state
        finally:
            self.state = saved

    def _try(self, node: cst.Try | cst.TryStar) -> None:
        caught = tuple(name for h in node.handlers for name in caught_names(h))
        before = self.state.fork()
        if caught:
            with self.context(CtxKind.HANDLED, node, caught):
                self.exec_suite(node.body)
        else:
            self.exec_suite(node.body)
        after = self.state
        states: list[State] = []
        if node.handlers:
            failing = State.join([before, after.fork()]) if not after.dead else before
            for handler in node.handlers:
                self.state = failing.fork()
                if handler.name is not None:
                    self.assign(handler.name.name, TOP)
                self.maybe += 1
                try:
                    self.exec_suite(handler.body)
                finally:
                    self.maybe -= 1
                states.append(self.state)
        self.state = after
        if node.orelse is not None:
            self.exec_suite(node.orelse.body)
        states.append(self.state)
        self.state = State.join(states)
        if node.finalbody is not None:
            if self.state.dead:
                dead = self.state
                self.state = before.fork()
                self.exec_suite(node.finalbody.body)
                self.state = dead
            else:
                self.exec_suite(node.finalbody.body)

    def _match(self, node: cst.Match) -> None:
        self.eval(node.subject)
        entry = self.state
        states: list[State] = [entry.fork()]
        for case in node.cases:
            self.state = entry.fork()
            for name in _pattern_names(case.pattern):
                self.bind(name, TOP)
            self.exec_suite(case.body)
            states.append(self.state)
        self.state = State.join(states)

    # ------------------------------------------------------------------------------------ definitions
    def _function_def(self, node: cst.FunctionDef) -> None:
        defaults: dict[str, AV] = {}
        params = node.params
        for param in (*params.posonly_params, *params.params, *params.kwonly_params):
            if param.default is not None:
                defaults[param.name.value] = self.eval(param.default)
        closure = self._closure_frame()
        func = FuncObj(node, closure, defaults, self._qualname(node.name.value))
        func.module = self.module_frame
        owner = self._class_of_frame()
        if owner is not None:
            func.owner = owner
        value: AV = AV.of(func)
        decorators: list[str] = []
        for decorator in reversed(node.decorators):
            expr = decorator.decorator
            deco = self.eval(expr)
            ref = deco.single()
            callee = self.eval(expr.func).single() if isinstance(expr, cst.Call) else None
            name = (
                ref.canonical
                if isinstance(ref, ModuleRef)
                else callee.canonical
                if isinstance(callee, ModuleRef)
                else ""
            )
            decorators.append(name)
            if name in ("builtins.staticmethod",):
                func.method_kind = "static"
            elif name == "builtins.classmethod":
                func.method_kind = "class"
            elif name in ("builtins.property", "functools.cached_property") or name.endswith(".setter"):
                func.method_kind = "property"
            elif name in ("tf.function", "tf.compat.v1.function") or (
                isinstance(ref, TfFunction) or name.startswith("tf.function")
            ):
                value = AV.of(TfFunction(node, value))
            elif isinstance(ref, FuncObj):
                result = self.call(deco, Args((value,), {}, {}, False), None)
                value = result if not result.is_top else value
        func.decorators = tuple(decorators)
        self.defined[id(node)] = func
        self.decorated[id(node)] = value
        self.bind(node.name.value, value)

    def _class_def(self, node: cst.ClassDef) -> None:
        bases: list[Obj] = []
        unknown = False
        keras_base: str | None = None
        optimizer_base: str | None = None
        for arg in node.bases:
            if arg.keyword is not None:
                continue
            value = self.eval(arg.value)
            base = value.single()
            if base is None:
                unknown = True
                continue
            bases.append(base)
            if isinstance(base, ModuleRef):
                name = base.canonical
                if (
                    name in LAYER_BASES
                    or name in OBJECT_BASES
                    or name in BUILTIN_OBJECT_CONFIGS
                    or name.startswith("keras.layers.")
                ):
                    keras_base = keras_base or name
                elif name not in ("builtins.object",):
                    unknown = True
                    if name in OPTIMIZER_BASES and ".legacy." not in base.dotted:
                        optimizer_base = optimizer_base or name
            elif isinstance(base, ClassObj):
                keras_base = keras_base or base.keras_base
                optimizer_base = optimizer_base or base.optimizer_base
                unknown = unknown or base.unknown_base
            else:
                unknown = True
        info = self.scopes(node)
        namespace = FrameObj(node, self._closure_frame(), info.locals, node.name.value)
        cls = ClassObj(node, namespace, self._qualname(node.name.value))
        cls.bases = tuple(bases)
        cls.keras_base = keras_base
        cls.optimizer_base = optimizer_base
        cls.unknown_base = unknown
        self.classes.append(cls)
        saved_frame, saved_chain = self.frame, self.chain
        self.frame, self.chain = namespace, []
        self.state.set(namespace, "__class__", AV.of(cls))
        try:
            self.exec_suite(node.body)
        finally:
            self.frame, self.chain = saved_frame, saved_chain
        if self.state.dead:
            return
        names: list[str] = []
        for decorator in node.decorators:
            expr = decorator.decorator
            ref = self.eval(expr.func if isinstance(expr, cst.Call) else expr).single()
            names.append(ref.canonical if isinstance(ref, ModuleRef) else "")
        cls.decorators = tuple(names)
        self.semantics.class_created(cls)
        self.bind(node.name.value, AV.of(cls))

    def _closure_frame(self) -> FrameObj | None:
        frame: FrameObj | None = self.frame
        while frame is not None and isinstance(frame.node, cst.ClassDef):
            frame = frame.parent
        return None if frame is self.module_frame else frame

    def _class_of_frame(self) -> ClassObj | None:
        if not isinstance(self.frame.node, cst.ClassDef):
            return None
        found = self.state.value(self.frame, "__class__")
        cls = found.single() if found is not None else None
        return cls if isinstance(cls, ClassObj) else None

    def _qualname(self, name: str) -> str:
        if self.frame is self.module_frame:
            return name
        return f"{self.frame.name}.{name}"

    # ======================================================================================= targets
    def assign(self, target: cst.BaseExpression | cst.CSTNode, value: AV) -> None:
        if isinstance(target, cst.Name):
            self.bind(target.value, value)
        elif isinstance(target, (cst.Tuple, cst.List)):
            self._unpack(target, value)
        elif isinstance(target, cst.Attribute):
            base = self.eval(target.value)
            attr = target.attr.value
            strong = base.single() is not None
            for obj in base:
                self.set_attribute(obj, attr, value, target, strong)
        elif isinstance(target, cst.Subscript):
            base = self.eval(target.value)
            index = self._index(target)
            for obj in base:
                if isinstance(obj, (ListObj, DictObj)):
                    self.semantics.container_store(obj, "setitem", value, target)
                if not self.builtins.store_item(self, obj, index, value, target):
                    self.semantics.store_subscript(obj, index, value, target)
        elif isinstance(target, cst.StarredElement):
            self.assign(target.value, TOP)

    def _unpack(self, target: cst.Tuple | cst.List, value: AV) -> None:
        elements = target.elements
        items: list[AV] | None = None
        # Each object the value may be gives its items (a function's returns joined: `return x, None` or
        # `return y, variables`), position by position; unknown when one of them does not.
        for obj in value if value.objs is not None and len(value.objs) <= _UNPACK_JOINED else ():
            found = self.builtins.items_of(self, obj)
            if found is None:
                found = self.semantics.iterate(obj)
            if isinstance(found, list) and len(found) == len(elements):
                mine = found
            elif isinstance(found, AV):
                mine = [found] * len(elements)
            else:
                items = None
                break
            items = mine if items is None else [a.join(b) for a, b in zip(items, mine, strict=True)]
        starred = any(isinstance(e, cst.StarredElement) for e in elements)
        for index, element in enumerate(elements):
            item = items[index] if items is not None and not starred else TOP
            self.assign(element.value if not isinstance(element, cst.StarredElement) else element, item)

    def set_attribute(self, obj: Obj, attr: str, value: AV, node: AttrNode, strong: bool) -> None:
        if self.semantics.store_attribute(obj, attr, value, node):
            return
        if isinstance(obj, (InstanceObj, ClassObj)):
            holder: Obj = obj.namespace if isinstance(obj, ClassObj) else obj
            if not strong:
                old = self.state.value(holder, attr)
                value = value.join(old) if old is not None else value
            self.state.set(holder, attr, value)

    # ===================================================================================== expressions
    def eval(self, expr: cst.BaseExpression | None) -> AV:
        if expr is None:
            return NONE
        handler = _EXPRESSIONS.get(type(expr))
        if handler is None:
            return TOP
        return handler(self, expr)

    def _name(self, node: cst.Name) -> AV:
        value = node.value
        if value == "None":
            return NONE
        if value == "True":
            return TRUE
        if value == "False":
            return FALSE
        return self.lookup(value)

    def _integer(self, node: cst.Integer) -> AV:
        try:
            return const(int(node.value.replace("_", ""), 0))
        except ValueError:
            return TOP

    def _float(self, node: cst.Float) -> AV:
        try:
            return const(float(node.value.replace("_", "")))
        except ValueError:
            return TOP

    def _string(self, node: cst.SimpleString) -> AV:
        found = _STRINGS.get(node.value)
        if found is None:
            try:
                found = const(node.evaluated_value)
            except Exception:
                found = TOP
            if len(_STRINGS) < 65536:
                _STRINGS[node.value] = found
        return found

    def _concatenated(self, node: cst.ConcatenatedString) -> AV:
        left, right = self.eval(node.left).const(), self.eval(node.right).const()
        if isinstance(left, str) and isinstance(right, str):
            return const(left + right)
        return TOP

    def _formatted(self, node: cst.FormattedString) -> AV:
        out: list[str] = []
        known = "b" not in node.prefix.lower()
        for part in node.parts:
            if isinstance(part, cst.FormattedStringText):
                out.append(part.value.replace("{{", "{").replace("}}", "}"))
                continue
            if not isinstance(part, cst.FormattedStringExpression):
                known = False
                continue
            value = self.eval(part.expression).const()
            if part.format_spec is not None or part.conversion is not None:
                known = False
            elif isinstance(value, (str, int)) and not isinstance(value, bool):
                out.append(str(value))
            else:
                known = False
        return const("".join(out)) if known else TOP

    def _attribute(self, node: cst.Attribute) -> AV:
        base = self.eval(node.value)
        return self.get_attribute(base, node.attr.value, node)

    def get_attribute(self, base: AV, attr: str, node: AttrNode) -> AV:
        if base.is_top:
            result = self.semantics.attribute_of_unknown(attr, node)
            return result if result is not None else TOP
        results: list[AV] = []
        for obj in base:
            results.append(self.attribute_of(obj, attr, node))
        return AV.union(results)

    def attribute_of(self, obj: Obj, attr: str, node: AttrNode) -> AV:
        if isinstance(obj, ModuleRef):
            if attr == "__name__":
                return const(obj.dotted.rsplit(".", 1)[-1])
            return AV.of(ModuleRef(f"{obj.dotted}.{attr}"))
        if isinstance(obj, ProjectModuleObj):
            return self.module_member(obj, attr)
        if isinstance(obj, InstanceObj):
            own = self.state.value(obj, attr)
            if own is not None:
                found = present(own)
                if not found.is_bottom:
                    self.semantics.attribute(obj, attr, node)  # records the access (a weight read, say)
                    return found
            method = self.class_attribute(obj.cls, attr)
            if method is None and attr == "__class__" and not obj.synthetic:
                return AV.of(obj.cls)  # `self.__class__`: the class the instance was made from, as `type(self)`
            if method is not None:
                if self.state.value(obj, OPAQUE_FIELDS) is not None and not _methods_only(method):
                    return TOP  # code not followed set its fields: the class's value may be shadowed
                return self._bind_method(method, obj)
            if self.state.get(obj, self.builtins.DICT_ENTRIES) is not None:
                # A `dict` method (`update`, `pop`, `setdefault`...) or a `__getattr__` alias: not followed, so
                # the items are no longer known.
                self.state.set(obj, self.builtins.DICT_ENTRIES, Entries((), False, TOP))
                return TOP
            answer = self.semantics.attribute(obj, attr, node)
            if answer is not None:
                return answer
            return TOP
        if isinstance(obj, ClassObj):
            member = self.class_attribute(obj, attr)
            if member is not None:
                return self._class_method(member, obj)
            if attr == "__name__":
                return const(obj.name)  # a class statement's name (`type(self).__name__`)
            return TOP
        if isinstance(obj, SuperObj):
            return self._super_attribute(obj, attr, node)
        if isinstance(obj, FuncObj) and attr == "__name__":
            return const(obj.name)
        answer = self.semantics.attribute(obj, attr, node)
        if answer is not None:
            return answer
        return self.builtins.attribute(self, obj, attr, node)

    def _plain_dict_class(self, cls: ClassObj) -> bool:
        """A class of the program derived from `dict` alone (through program classes) that defines none of the
        methods that make or reach its items (`__init__`, `__new__`, `__getitem__`, `__setitem__`, ...)."""
        if not cls.unknown_base:
            return False  # `dict` is a base the class definition does not resolve as known
        builtin: list[Obj] = []
        for klass in cls.mro():
            if any(self.state.value(klass.namespace, name) is not None for name in _DICT_HOOKS):
                return False
            builtin.extend(b for b in klass.bases if not isinstance(b, ClassObj))
        return bool(builtin) and all(b == ModuleRef("builtins.dict") for b in builtin)

    def class_attribute(self, cls: ClassObj, attr: str) -> AV | None:
        for klass in cls.mro():
            found = self.state.value(klass.namespace, attr)
            if found is not None:
                return present(found)
        return None

    def _bind_method(self, value: AV, receiver: Obj) -> AV:
        out: list[Obj] = []
        for obj in value:
            if isinstance(obj, FuncObj) and obj.method_kind == "function":
                out.append(BoundMethod(obj, receiver))
            elif (
                isinstance(obj, FuncObj) and obj.method_kind == "class" and isinstance(receiver, InstanceObj)
            ):
                out.append(BoundMethod(obj, receiver.cls))
            elif isinstance(obj, FuncObj) and obj.method_kind == "property":
                return self.invoke(obj, Args((), {}, {}, False), None, AV.of(receiver))
            elif isinstance(obj, TfFunction):
                out.append(self.semantics.bind_function(obj, receiver))
            else:
                out.append(obj)
        if value.is_top:
            return TOP
        return AV(frozenset(out))

    def _class_method(self, value: AV, cls: ClassObj) -> AV:
        out: list[Obj] = []
        for obj in value:
            if isinstance(obj, FuncObj) and obj.method_kind == "class":
                out.append(BoundMethod(obj, cls))
            else:
                out.append(obj)
        return TOP if value.is_top else AV(frozenset(out))

    def _super_attribute(self, sup: SuperObj, attr: str, node: AttrNode) -> AV:
        mro = _instance_mro(sup.instance) if not isinstance(sup.instance, ClassObj) else sup.instance.mro()
        after = mro[mro.index(sup.cls) + 1 :] if sup.cls in mro else []
        for klass in after:
            found = self.state.value(klass.namespace, attr)
            if found is not None:
                return self._bind_method(present(found), sup.instance)
        answer = self.semantics.attribute(sup, attr, node)
        return answer if answer is not None else TOP

    def _subscript(self, node: cst.Subscript) -> AV:
        base = self.eval(node.value)
        index = self._index(node)
        if base.is_top:
            return TOP
        results: list[AV] = []
        for obj in base:
            found = self.builtins.item(self, obj, index, node)
            if found is None:
                found = self.semantics.subscript(obj, index, node)
            results.append(found if found is not None else TOP)
        return AV.union(results)

    def _index(self, node: cst.Subscript) -> AV:
        if len(node.slice) == 1 and isinstance(node.slice[0].slice, cst.Index):
            return self.eval(node.slice[0].slice.value)
        parts: list[AV] = []
        for element in node.slice:
            part = element.slice
            if isinstance(part, cst.Index):
                parts.append(self.eval(part.value))
            elif isinstance(part, cst.Slice):
                lower, upper, step = (
                    self.eval(b) if b is not None else NONE for b in (part.lower, part.upper, part.step)
                )
                parts.append(AV.of(self.builtins.SliceObj((lower, upper, step))))
        if len(parts) == 1:
            return parts[0]
        return AV.of(TupleObj(tuple(parts)))

    def _list(self, node: cst.List | cst.Tuple | cst.Set) -> AV:
        items: list[AV] = []
        exact = True
        merged = BOTTOM
        for element in node.elements:
            if isinstance(element, cst.StarredElement):
                inner = self.iteration(self.eval(element.value))
                if isinstance(inner, list):
                    items.extend(inner)
                else:
                    exact = False
                    merged = merged.join(inner)
            else:
                items.append(self.eval(element.value))
        if isinstance(node, cst.Tuple):
            if exact:
                return AV.of(TupleObj(tuple(items), node))
            obj: Obj = ListObj(node, "tuple")
        else:
            obj = ListObj(node, "set" if isinstance(node, cst.Set) else "list")
        state = (
            Items(tuple(items)) if exact else Items(None, merged.join(AV.union(items) if items else BOTTOM))
        )
        self.state.set(obj, "items", state)
        return AV.of(obj)

    def _dict(self, node: cst.Dict) -> AV:
        obj = DictObj(node)
        if len(node.elements) > _MAX_ENTRIES:
            for element in node.elements:
                if isinstance(element, cst.DictElement):
                    self.eval(element.value)
            self.state.set(obj, "entries", Entries((), False, TOP))
            return AV.of(obj)
        entries = EMPTY_ENTRIES
        for element in node.elements:
            if isinstance(element, cst.DictElement):
                key = self.eval(element.key).const()
                value = self.eval(element.value)
                if key is NOTHING:
                    entries = Entries(entries.items, False, entries.rest.join(value))
                else:
                    entries = entries.put(key, value)
            else:
                inner = self.eval(element.value)
                source = inner.single()
                if isinstance(source, DictObj):
                    for k, v in self.state.entries(source).items:
                        entries = entries.put(k, v)
                    if not self.state.entries(source).exact:
                        entries = Entries(entries.items, False, TOP)
                else:
                    entries = Entries(entries.items, False, TOP)
        self.state.set(obj, "entries", entries)
        return AV.of(obj)

    def _comprehension(self, node: cst.ListComp | cst.SetComp | cst.GeneratorExp | cst.DictComp) -> AV:
        info = self.scopes(node)
        frame = FrameObj(node, self._closure_frame(), info.locals, "<comprehension>")
        # Only the first iterable is evaluated outside the comprehension's own scope.
        first = self.eval(node.for_in.iter)
        saved = self.frame
        self.frame = frame
        results: list[AV] = []
        keys: list[AV] = []
        exact = True
        try:
            exact = self._comp_clause(node, node.for_in, first, results, keys)
        finally:
            self.frame = saved
        if isinstance(node, cst.DictComp):
            obj: Obj = DictObj(node)
            names = [k.const() for k in keys]
            if exact and all(n is not NOTHING for n in names):
                entries = EMPTY_ENTRIES
                for name, value in zip(names, results, strict=True):
                    entries = entries.put(name, value)
            else:
                entries = Entries((), False, AV.union(results) if results else BOTTOM)
            self.state.set(obj, "entries", entries)
            return AV.of(obj)
        kind = (
            "set"
            if isinstance(node, cst.SetComp)
            else "generator"
            if isinstance(node, cst.GeneratorExp)
            else "list"
        )
        obj = ListObj(node, kind)
        items = Items(tuple(results)) if exact else Items(None, AV.union(results) if results else BOTTOM)
        self.state.set(obj, "items", items)
        return AV.of(obj)

    def _comp_clause(
        self,
        node: cst.ListComp | cst.SetComp | cst.GeneratorExp | cst.DictComp,
        clause: cst.CompFor,
        iterable: AV,
        results: list[AV],
        keys: list[AV],
    ) -> bool:
        """Run one `for` clause of a comprehension; True when the results are exact."""
        items = self.iteration(iterable, COMPREHENSION_UNROLL)
        exact = isinstance(items, list)
        passes: list[tuple[int, AV]] = (
            list(enumerate(items)) if isinstance(items, list) else [(-1, items), (-2, items)]
        )
        self.loop_depth += 1
        try:
            for index, item in passes:
                entry = self.state.fork()
                with self.context(CtxKind.LOOP, node, index):
                    self.assign(clause.target, item)
                    keep: bool | None = True
                    for condition in clause.ifs:
                        outcome = self.truth(condition.test)
                        if outcome is False:
                            keep = False
                            break
                        if outcome is None:
                            keep = None
                        self.refine(condition.test, True)
                    if keep is False:
                        self.state = entry
                        continue
                    if keep is None:
                        exact = False
                    if clause.inner_for_in is not None:
                        inner = self.eval(clause.inner_for_in.iter)
                        exact = self._comp_clause(node, clause.inner_for_in, inner, results, keys) and exact
                    elif isinstance(node, cst.DictComp):
                        keys.append(self.eval(node.key))
                        results.append(self.eval(node.value))
                    else:
                        results.append(self.eval(node.elt))
                if keep is None:
                    self.state = State.join([self.state, entry])
        finally:
            self.loop_depth -= 1
        return exact

    def _binary(self, node: cst.BinaryOperation) -> AV:
        left = self.eval(node.left)
        right = self.eval(node.right)
        return self.binary(node.operator, left, right, node)

    def binary(self, op: cst.BaseBinaryOp, left: AV, right: AV, node: cst.BinaryOperation | None) -> AV:
        a, b = left.const(), right.const()
        if a is not NOTHING and b is not NOTHING:
            return _fold(op, a, b)
        answer = self.builtins.binary(self, op, left, right, node)
        if answer is not None:
            return answer
        found = self.semantics.binary(op, left, right, node)  # node None: an augmented assignment (`w *= -1`)
        if found is not None:
            return found
        return TOP

    def _unary(self, node: cst.UnaryOperation) -> AV:
        value = self.eval(node.expression)
        known = value.const()
        if known is NOTHING:
            if isinstance(node.operator, cst.Not):
                truth = self.truth_of(value)
                return TOP if truth is None else const(not truth)
            if isinstance(node.operator, cst.Minus):
                negated = self.semantics.binary(cst.Subtract(), const(0), value, None)
                return negated if negated is not None else TOP
            return TOP
        try:
            if isinstance(node.operator, cst.Minus):
                return const(-known)  # type: ignore[operator]
            if isinstance(node.operator, cst.Plus):
                return const(+known)  # type: ignore[operator]
            if isinstance(node.operator, cst.Not):
                return const(not known)
            if isinstance(node.operator, cst.BitInvert):
                return const(~known)  # type: ignore[operator]
        except Exception:
            return TOP
        return TOP

    def _boolean(self, node: cst.BooleanOperation) -> AV:
        left = self.eval(node.left)
        truth = self.truth_of(left)
        is_and = isinstance(node.operator, cst.And)
        if truth is not None and truth is not is_and:
            return left  # `a or b` with a truthy, `a and b` with a falsy: the right side never runs
        entry = self.state.fork()
        self.refine(node.left, is_and)
        right = self.eval(node.right)
        if truth is None:
            self.state = State.join([self.state, entry])
            return left.join(right)
        return right

    def _comparison(self, node: cst.Comparison) -> AV:
        left = self.eval(node.left)
        result: bool | None = True
        for target in node.comparisons:
            right = self.eval(target.comparator)
            outcome = self.compare(target.operator, left, right)
            if outcome is False:
                return FALSE
            if outcome is None:
                result = None
            left = right
        return TOP if result is None else TRUE

    def compare(self, op: cst.BaseCompOp, left: AV, right: AV) -> bool | None:
        if isinstance(op, (cst.Is, cst.IsNot)):
            a, b = left.single(), right.single()
            same: bool | None = None
            if a is not None and b is not None and _identity_known(a) and _identity_known(b):
                same = a == b
            elif (
                left.objs is not None
                and right.objs is not None
                and not (left.objs & right.objs)
                and all(_identity_known(o) for o in (*left.objs, *right.objs))
            ):
                same = False
            if same is None:
                return None
            return same if isinstance(op, cst.Is) else not same
        first, second = left.single(), right.single()
        if isinstance(op, (cst.Equal, cst.NotEqual)) and isinstance(first, (ModuleRef, ClassObj)):
            if isinstance(first, ModuleRef) and isinstance(second, ModuleRef):
                equal = first.canonical == second.canonical
                return equal if isinstance(op, cst.Equal) else not equal
            if isinstance(second, (ModuleRef, ClassObj)):
                return (first is second) if isinstance(op, cst.Equal) else first is not second
        x, y = left.const(), right.const()
        if x is NOTHING or y is NOTHING:
            if isinstance(op, (cst.In, cst.NotIn)):
                return self.builtins.contains(self, right, left, isinstance(op, cst.In))
            return None
        fn = _COMPARE.get(type(op))
        if fn is None:
            return None
        try:
            return bool(fn(x, y))
        except Exception:
            return None

    def _if_exp(self, node: cst.IfExp) -> AV:
        outcome = self.truth(node.test)
        if outcome is True:
            self.refine(node.test, True)
            return self.eval(node.body)
        if outcome is False:
            self.refine(node.test, False)
            return self.eval(node.orelse)
        entry = self.state
        self.state = entry.fork()
        self.refine(node.test, True)
        body = self.eval(node.body)
        taken = self.state
        self.state = entry
        self.refine(node.test, False)
        orelse = self.eval(node.orelse)
        self.state = State.join([taken, self.state])
        return body.join(orelse)

    def _named(self, node: cst.NamedExpr) -> AV:
        value = self.eval(node.value)
        saved = self.frame
        while isinstance(self.frame.node, _COMPREHENSIONS):
            self.frame = self.frame.parent or self.module_frame
        try:
            self.assign(node.target, value)
        finally:
            self.frame = saved
        return value

    def _lambda(self, node: cst.Lambda) -> AV:
        defaults = {
            p.name.value: self.eval(p.default)
            for p in (*node.params.posonly_params, *node.params.params, *node.params.kwonly_params)
            if p.default is not None
        }
        func = FuncObj(node, self._closure_frame(), defaults, "<lambda>")
        func.module = self.module_frame
        return AV.of(func)

    def _other(self, node: cst.BaseExpression) -> AV:
        for child in _expression_children(node):
            self.eval(child)
        return TOP

    def _ellipsis(self, node: cst.Ellipsis) -> AV:
        return const(...)

    # ====================================================================================== truth
    def truth(self, test: cst.BaseExpression) -> bool | None:
        """The test's truth when it is certain (the test is evaluated, with its effects)."""
        return self.truth_of(self.eval(test))

    def truth_of(self, value: AV) -> bool | None:
        known = value.const()
        if known is not NOTHING:
            try:
                return bool(known)
            except Exception:
                return None
        if value.objs:
            truths = {self.builtins.truth(self, o) for o in value.objs}
            if len(truths) == 1:
                return next(iter(truths))
        return None

    def _missing(self, test: cst.BaseExpression) -> bool | None:
        """The outcome of `test` on which it finds an object missing that may already exist: `if variables:`,
        `if not v:`, `if v is None:` (`is not None`), of a name or `self.x` that may hold None and may hold an
        object of the program (a variable, a layer, a container or instance holding them), not code or a
        tensor. The arm taken then is the code's `use the one there, else make one` fallback, and whether it
        runs depends on which objects exist (the keys a loop of `build` filled), which a value cannot tell.
        None when the test is not such a test (or does not know both)."""
        when = True
        while isinstance(test, cst.UnaryOperation) and isinstance(test.operator, cst.Not):
            test, when = test.expression, not when
        if isinstance(test, cst.Comparison) and len(test.comparisons) == 1:
            op = test.comparisons[0].operator
            if not (isinstance(op, (cst.Is, cst.IsNot)) and _is_none(test.comparisons[0].comparator)):
                return None
            test, when = test.left, when if isinstance(op, cst.Is) else not when
        elif isinstance(test, (cst.Name, cst.Attribute)):
            when = not when  # `if v:` finds it missing when false
        else:
            return None
        value = self._peek(test)
        if value is None or value.objs is None:
            return None
        none = any(isinstance(o, Const) and o.value is None for o in value.objs)
        held = any(not isinstance(o, _NOT_HELD) for o in value.objs)
        return when if none and held else None

    def refine(self, test: cst.BaseExpression, outcome: bool) -> None:
        """Narrow what the names in `test` hold on the path where `test` is `outcome`."""
        if isinstance(test, cst.UnaryOperation) and isinstance(test.operator, cst.Not):
            self.refine(test.expression, not outcome)
            return
        if isinstance(test, cst.BooleanOperation):
            if isinstance(test.operator, cst.And) and outcome:
                self.refine(test.left, True)
                self.refine(test.right, True)
            elif isinstance(test.operator, cst.Or) and not outcome:
                self.refine(test.left, False)
                self.refine(test.right, False)
            return
        if isinstance(test, cst.Comparison) and len(test.comparisons) == 1:
            op = test.comparisons[0].operator
            comparator = test.comparisons[0].comparator
            if isinstance(op, (cst.Is, cst.IsNot)) and _is_none(comparator):
                wants_none = outcome if isinstance(op, cst.Is) else not outcome
                self._narrow(test.left, lambda o: (isinstance(o, Const) and o.value is None) == wants_none)
            elif isinstance(op, (cst.Equal, cst.NotEqual)):
                self._refine_name_test(test.left, comparator, outcome if isinstance(op, cst.Equal) else not outcome)
            return
        if isinstance(test, cst.Call) and isinstance(test.func, cst.Name) and len(test.args) == 2:
            if test.func.value == "isinstance" and self.lookup("isinstance").single() == ModuleRef(
                "builtins.isinstance"
            ):
                self._refine_isinstance(test.args[0].value, test.args[1].value, outcome)
            elif test.func.value == "hasattr" and self.lookup("hasattr").single() == ModuleRef("builtins.hasattr"):
                # `if hasattr(layer, "kernel"):` guards its arm: only the objects that may have the attribute
                # reach it (the others its else).
                name = self.eval(test.args[1].value).const()
                if isinstance(name, str):
                    self._narrow(
                        test.args[0].value,
                        lambda o: self.builtins.has_attribute(self, o, name) is not (not outcome),
                    )
            return
        if isinstance(test, (cst.Name, cst.Attribute)):
            self._narrow(test, lambda o: self.builtins.truth(self, o) is not (not outcome))

    def _refine_name_test(self, left: cst.BaseExpression, right: cst.BaseExpression, equal: bool) -> None:
        """`if layer.name == name:` (either side; `!=` too) guards its arm: of the layers `layer` may hold, only
        those whose name is not known, or is known to be (not to be) that string, reach it (MatchZoo#629: a loop
        over `model.layers` that writes one layer found by name)."""
        for subject, other in ((left, right), (right, left)):
            if not (
                isinstance(subject, cst.Attribute)
                and subject.attr.value == "name"
                and isinstance(subject.value, cst.Name)
                and isinstance(other, (cst.Name, cst.SimpleString))
            ):
                continue
            wanted = self.eval(other).const()
            if not isinstance(wanted, str):
                return
            self._narrow(subject.value, functools.partial(self._name_kept, wanted=wanted, equal=equal))
            return

    def _name_kept(self, obj: Obj, wanted: str, equal: bool) -> bool:
        known = self.semantics.known_name(obj)
        return known is None or (known == wanted) == equal

    def _narrow(self, expr: cst.BaseExpression, keep: Callable[[Obj], bool]) -> None:
        value = self._peek(expr)
        if value is None or value.objs is None:
            return
        kept = frozenset(o for o in value.objs if keep(o))
        if kept == value.objs:
            return
        if not kept:
            self.state.dead = True
            return
        self._rebind(expr, AV(kept))

    def _refine_isinstance(
        self, subject: cst.BaseExpression, classes: cst.BaseExpression, outcome: bool
    ) -> None:
        value = self._peek(subject)
        if value is None:
            return
        wanted = self.eval(classes)
        names = self.builtins.class_names(self, wanted)
        if names is None:
            return
        if value.objs is None:
            if outcome:
                made = self.semantics.instance_of(names, subject)
                if made is not None:
                    self._rebind(subject, made)
            return
        kept: list[Obj] = []
        for obj in value.objs:
            verdict = self.builtins.isinstance_of(self, obj, names)
            if verdict is None or verdict is outcome:
                kept.append(obj)
        if len(kept) == len(value.objs):
            return
        if not kept:
            self.state.dead = True
            return
        self._rebind(subject, AV(frozenset(kept)))

    def _peek(self, expr: cst.BaseExpression) -> AV | None:
        """What a name or `self.attr` holds, without recording anything (nothing for `True`, `False` and `None`:
        constants, not variables that a test could narrow)."""
        if isinstance(expr, cst.Name):
            return None if expr.value in ("True", "False", "None") else self.lookup(expr.value)
        if isinstance(expr, cst.Attribute) and isinstance(expr.value, cst.Name):
            base = self.lookup(expr.value.value).single()
            if isinstance(base, InstanceObj):
                found = self.state.value(base, expr.attr.value)
                return present(found) if found is not None else None
        return None

    def _rebind(self, expr: cst.BaseExpression, value: AV) -> None:
        if isinstance(expr, cst.Name):
            self.bind(expr.value, value)
        elif isinstance(expr, cst.Attribute) and isinstance(expr.value, cst.Name):
            base = self.lookup(expr.value.value).single()
            if isinstance(base, InstanceObj):
                self.state.set(base, expr.attr.value, value)

    # ========================================================================================= calls
    def _call(self, node: cst.Call) -> AV:
        func = self.eval(node.func)
        args = self.eval_args(node.args)
        return self.call(func, args, node)

    def eval_args(self, arguments: Sequence[cst.Arg]) -> Args:
        positional: list[AV] = []
        keywords: dict[str, AV] = {}
        nodes: dict[str | int, cst.Arg] = {}
        star = False
        for arg in arguments:
            value = self.eval(arg.value)
            if arg.star == "*":
                items = self.iteration(value)
                if isinstance(items, list):
                    positional.extend(items)
                else:
                    star = True
            elif arg.star == "**":
                source = value.single()
                if isinstance(source, DictObj) and self.state.entries(source).exact:
                    for key, item in self.state.entries(source).items:
                        if isinstance(key, str):
                            keywords[key] = present(item)
                else:
                    star = True
            elif arg.keyword is not None:
                keywords[arg.keyword.value] = value
                nodes[arg.keyword.value] = arg
            else:
                nodes[len(positional)] = arg
                positional.append(value)
        return Args(tuple(positional), keywords, nodes, star)

    def call(self, func: AV, args: Args, node: cst.Call | None) -> AV:
        if func.is_top:
            self.escape_args(args)
            return TOP
        if func.is_bottom:
            return TOP
        if func.single() is not None:
            return self.call_object(func.single(), args, node)  # type: ignore[arg-type]
        entry = self.state
        results: list[AV] = []
        states: list[State] = []
        for obj in func:
            self.state = entry.fork()
            results.append(self.call_object(obj, args, node))
            states.append(self.state)
        self.state = State.join(states)
        return AV.union(results)

    def call_object(self, obj: Obj, args: Args, node: cst.Call | None) -> AV:
        self.tick()
        if isinstance(obj, FuncObj):
            return self.invoke(obj, args, node, None)
        if isinstance(obj, BoundMethod):
            func = obj.func
            receiver = AV.of(obj.receiver)
            layer = obj.receiver
            if (
                isinstance(func, FuncObj)
                and func.name == "build"
                and func.owner is not None
                and isinstance(layer, InstanceObj)
                and layer.cls.is_layer
                and not any(c.kind is CtxKind.METHOD and _method_of(c, layer) for c in self.ctx.chain())
            ):
                # `net.build([1, 1])` called by the program: the layer's `build`, run as when a first call builds it
                # (`add_weight` there works); Keras 3 then marks it built, tf_keras does not (see the semantics).
                with self.context(CtxKind.METHOD, func.node, (layer, "build")):
                    result = self.invoke(func, args, node, receiver)
                self.semantics.built_by(layer)
                if self.semantics.built_when_program_builds(layer):
                    self.state.set(layer, "built", TRUE)
                return result
            return self.invoke(func, args, node, receiver)
        if isinstance(obj, ClassObj):
            return self.instantiate(obj, args, node)
        if isinstance(obj, NamedTupleType):
            return self.builtins.make_namedtuple(obj, args, node)
        if isinstance(obj, PartialObj):
            return self.call(obj.func, obj.applied(args), node)
        if isinstance(obj, ModuleRef):
            if obj.dotted == "functools.partial" and args.positional and not args.star:
                rest = Args(args.positional[1:], dict(args.keywords), {}, False)
                return AV.of(PartialObj(node, args.positional[0], rest))
            if obj.dotted.startswith("builtins."):
                found = self.builtins.call(self, obj.dotted[len("builtins.") :], args, node)
                if found is not None:
                    return found
            elif obj.canonical in self.builtins.NAMEDTUPLE_FACTORIES:
                return self.builtins.namedtuple(self, args, node)
            elif obj.canonical in self.builtins.DICT_TYPES:  # an OrderedDict is a dict here
                found = self.builtins.call(self, "dict", args, node)
                if found is not None:
                    return found
            elif node is not None:
                answer = self.semantics.call(obj, args, node)
                if answer is not None:
                    return answer
            self.escape_args(args)
            return TOP
        if isinstance(obj, MethodRef):
            if node is not None and isinstance(obj.receiver, (ListObj, DictObj)):
                stored = _STORING.get(obj.name)
                if stored is not None and len(args.positional) == stored + 1 and not args.keywords:
                    self.semantics.container_store(obj.receiver, obj.name, args.positional[stored], node)
            answer = self.builtins.method(self, obj.receiver, obj.name, args, node)
            if answer is None and node is not None:
                answer = self.semantics.method(obj.receiver, obj.name, args, node)
            if answer is not None:
                return answer
            self.escape_args(args)
            return TOP
        if node is not None:
            answer = self.semantics.call_object(obj, args, node)
            if answer is not None:
                return answer
        if isinstance(obj, InstanceObj):
            method = self.class_attribute(obj.cls, "__call__")
            if method is not None:
                return self.call(self._bind_method(method, obj), args, node)
        self.escape_args(args)
        return TOP

    def escape_args(self, args: Args) -> None:
        self.semantics.opaque_call(args)
        for value in (*args.positional, *args.keywords.values()):
            self.escape(value)

    def escape(self, value: AV) -> None:
        """`value` reaches code we do not follow: containers forget their items."""
        for obj in value:
            if isinstance(obj, ListObj):
                items = self.state.items(obj)
                if items.exact is not None:
                    self.state.set(obj, "items", Items(None, items.every.join(TOP)))
            elif isinstance(obj, DictObj):
                self.state.set(obj, "entries", Entries((), False, TOP))
            elif isinstance(obj, InstanceObj) and self.state.get(obj, self.builtins.DICT_ENTRIES) is not None:
                self.state.set(obj, self.builtins.DICT_ENTRIES, Entries((), False, TOP))
        self.semantics.escape(value)

    def instantiate(self, cls: ClassObj, args: Args, node: cst.Call | None) -> AV:
        instance = InstanceObj(node, cls)
        self.state.touch(instance)
        receiver = AV.of(instance)
        if self._plain_dict_class(cls):
            # `class AttributeDict(dict)` with only attribute hooks of its own: made like `dict(...)`, its items
            # read and written by subscript (bayesgan#9 keeps its batch norms in one, made from a list of pairs).
            self.state.set(instance, self.builtins.DICT_ENTRIES, self.builtins.dict_entries(self, args))
        init = self.class_attribute(cls, "__init__")
        self.semantics.instance_created(instance, args, node)
        func = init.single() if init is not None else None
        if isinstance(func, FuncObj):
            with self.context(CtxKind.METHOD, func.node, (instance, "__init__")):
                self.invoke(func, args, node, receiver)
        elif init is None and cls.keras_base is not None and node is not None:
            self.semantics.method(SuperObj(cls, instance), "__init__", args, node)
        self.semantics.instance_ready(instance, node)
        return receiver

    def invoke(self, func: FuncObj, args: Args, node: cst.CSTNode | None, receiver: AV | None) -> AV:
        """Run a function of the program with these arguments; its return value."""
        fnode = func.node
        if sum(a.func is not None and a.func.node is fnode for a in self.activations) >= MAX_RECURSION:
            self.escape_args(args)
            return TOP  # recursion past its bound
        if len(self.activations) > MAX_DEPTH or self.work > self.soft_budget:
            self.escape_args(args)
            return TOP
        if func.module is not None and func.module is not self.home and self._inert(func, args, receiver):
            self._opaque(args, receiver)
            return TOP  # another module's plain Python: as if it were not followed (semantics/relevance)
        info = self.scopes(fnode)
        self.executed.add(id(fnode))
        if info.generator:
            self.escape_args(args)
            return TOP
        frame = FrameObj(fnode, func.closure, info.locals, func.qualname)
        if isinstance(node, cst.Call):
            self.record(UserCall, node, func=func)
        bindings = self._bind_params(func, args, receiver)
        for name, value in bindings.items():
            self.state.set(frame, name, value)
        saved_frame, saved_chain = self.frame, self.chain
        activation = _Activation(func, frame=saved_frame)
        self.activations.append(activation)
        self.frame, self.chain = frame, []
        saved_module = (
            self.module_frame,
            self.star_modules,
            self.module_path,
            self.anchor,
            self.module_limit,
        )
        entry, work, recorded = self.state, self.work, len(self.events)
        crossing = func.module is not None and func.module is not self.module_frame
        if crossing:
            assert func.module is not None
            if self.module_frame is self.home:
                # Code of another module runs for this call of the analysed one: reported findings there are
                # placed at this call, and its work is bounded on its own (past the bound, this call is unknown).
                self.anchor = node
                limit = self.work + PROJECT_CALL_WORK
                self.module_limit = limit if self.module_limit is None else min(limit, self.module_limit)
            self._enter_module(func.module)
        try:
            with self.context(CtxKind.CALL, node, func):
                if isinstance(fnode, cst.Lambda):
                    value = self.eval(fnode.body)
                    activation.returns.append((value, self.state.fork()))
                    self.state.dead = True
                else:
                    self.exec_suite(fnode.body)
        except _ModuleTooCostly:
            outer = saved_module[4]
            if saved_module[0] is not self.home or (outer is not None and self.work > outer):
                raise
            self.state = entry
            self._opaque(args, receiver)  # what it did is not known (it may have made layers)
            del self.events[recorded:]  # what ran of it is forgotten with the state it made
            activation.returns.clear()
            activation.returns.append((TOP, self.state.fork()))
            self.state.dead = True
        finally:
            self.frame, self.chain = saved_frame, saved_chain
            self.module_frame, self.star_modules, self.module_path, self.anchor, self.module_limit = (
                saved_module
            )
            self.activations.pop()
            if crossing and saved_module[0] is self.home:
                # Another module's code may stop inlining here (the soft budget), never make this module's
                # analysis give up (the budget is its own code's).
                self.work = min(self.work, max(work, self.soft_budget))
        falls_off = not self.state.dead
        states = [s for _, s in activation.returns]
        values = [v for v, _ in activation.returns]
        if falls_off:
            states.append(self.state)
            values.append(NONE)
        self.state = State.join(states)
        return AV.union(values) if values else BOTTOM

    def _inert(self, func: FuncObj, args: Args, receiver: AV | None) -> bool:
        """Whether a call of another module's function can show nothing: the function (not nested in another)
        mentions no name that may matter in its module (`relevance`), it is no method of a Keras class, and
        what it is given (its defaults included) holds nothing the semantics knows (no layer, tensor,
        function, ...: `_plain`)."""
        owner = func.owner
        if func.closure is not None or (owner is not None and (owner.keras_base is not None or owner.is_layer)):
            return False  # a nested function's closure may hold anything
        assert func.module is not None
        names = self._module_relevance(func.module)
        if names is None:
            return False
        key = id(func.node)
        words = self._def_words.get(key)
        if words is None:
            words = self._def_words[key] = relevance.words_of(func.node)
        if not words.isdisjoint(names):
            return False
        given = [*args.positional, *args.keywords.values(), *func.defaults.values()]
        return self._plain([*given, receiver] if receiver is not None else given)

    def _module_relevance(self, frame: FrameObj) -> frozenset[str] | None:
        if id(frame) in self._relevance:
            return self._relevance[id(frame)]
        source = next(
            (m.source for m in self.imported.values() if m.frame is frame and m.source is not None), None
        )
        found: frozenset[str] | None = None
        if isinstance(source, ProjectModule) and self.project is not None:
            project, path = self.project, source.path

            def project_import(dotted: str, level: int) -> bool:
                return project.resolve(path, dotted, level) is not None

            found = relevance.relevance(source.module, self.semantics.WORDS, project_import)
        self._relevance[id(frame)] = found
        return found

    def _plain(self, values: list[AV]) -> bool:
        """Whether these values hold only plain Python data: constants, ranges, and containers and instances of
        the program's plain classes that hold only such data (to a bound; past it, not plain)."""
        pending = [o for v in values for o in v]
        seen: set[int] = set()
        while pending:
            obj = pending.pop()
            if id(obj) in seen:
                continue
            seen.add(id(obj))
            if len(seen) > _PLAIN_WALK:
                return False
            kind = type(obj)
            if kind in _PLAIN_KINDS:
                continue
            if isinstance(obj, TupleObj):
                pending += (o for v in obj.items for o in v)
            elif kind in _PLAIN_HOLDERS or (isinstance(obj, InstanceObj) and obj.cls.keras_base is None):
                pending += (o for v in held_values(self.state.fields(obj)) for o in v)
            else:
                return False
        return True

    def _opaque(self, args: Args, receiver: AV | None) -> None:
        """A call not followed: its arguments escape, and the instance it was a method of (the one `__init__`
        makes, say) has fields nobody knows (`attribute_of` reads them as unknown, not as the class's)."""
        self.escape_args(args)
        for obj in receiver if receiver is not None else ():
            if isinstance(obj, InstanceObj):
                self.state.set(obj, OPAQUE_FIELDS, TRUE)

    def _enter_module(self, frame: FrameObj) -> None:
        """Make `frame`'s module the one whose code runs (a call of a function another module defines)."""
        self.module_frame = frame
        if frame is self.home:
            self.star_modules, self.module_path = self.home_stars, self.project_home_path
            return
        for found in self.imported.values():
            if found.frame is frame:
                self.module_path = found.path
                break
        self.star_modules = []

    def _bind_params(self, func: FuncObj, args: Args, receiver: AV | None) -> dict[str, AV]:
        params = func.node.params
        positional_params = [*params.posonly_params, *params.params]
        given = list(args.positional)
        if receiver is not None and func.method_kind != "static":
            given.insert(0, receiver)
        out: dict[str, AV] = {}
        used: set[str] = set()
        for index, param in enumerate(positional_params):
            name = param.name.value
            if index < len(given):
                out[name] = given[index]
            elif name in args.keywords:
                out[name] = args.keywords[name]
                used.add(name)
            elif args.star:
                out[name] = TOP
            elif name in func.defaults:
                out[name] = func.defaults[name]
            else:
                out[name] = TOP
        extra = given[len(positional_params) :]
        if isinstance(params.star_arg, cst.Param):
            out[params.star_arg.name.value] = TOP if args.star else AV.of(TupleObj(tuple(extra)))
        for param in params.kwonly_params:
            name = param.name.value
            if name in args.keywords:
                out[name] = args.keywords[name]
                used.add(name)
            elif args.star:
                out[name] = TOP
            else:
                out[name] = func.defaults.get(name, TOP)
        if isinstance(params.star_kwarg, cst.Param):
            rest = DictObj(None)
            entries = Entries(
                tuple((k, v) for k, v in args.keywords.items() if k not in used and k not in out),
                not args.star,
                TOP if args.star else BOTTOM,
            )
            self.state.set(rest, "entries", entries)
            out[params.star_kwarg.name.value] = AV.of(rest)
        return out


# ============================================================================================ tables
def _dead() -> State:
    state = State()
    state.dead = True
    return state


def _bound(found: AV | None) -> AV:
    if found is None:
        return TOP
    value = present(found)
    return TOP if value.is_bottom else value


_UNPACK_JOINED = 8  # at most this many objects a value unpacked may be, each unpacked and the items joined

# Values that hold no state of their own: constants, code, modules, tensors (`_missing`'s "object that may exist").
_NOT_HELD = (
    Const,
    Absent,
    FuncObj,
    BoundMethod,
    PartialObj,
    ClassObj,
    ModuleRef,
    FrameObj,
    RangeObj,
    SuperObj,
    NamedTupleType,
    LazyName,
    ProjectModuleObj,
    TfFunction,
    TensorObj,
)


def _is_none(expr: cst.BaseExpression) -> bool:
    return isinstance(expr, cst.Name) and expr.value == "None"


def _identity_known(obj: Obj) -> bool:
    """Objects whose identity the analysis knows: two different ones are two different run-time objects."""
    return not isinstance(obj, (TupleObj, ModuleRef))


def _instance_mro(obj: Obj) -> list[ClassObj]:
    return obj.cls.mro() if isinstance(obj, InstanceObj) else []


def _known_star(ref: ModuleRef) -> bool:
    from tfvarfix.keras.table import layer_spec

    name = ref.canonical
    return name.startswith(("keras.", "tf.")) and (
        layer_spec(name) is not None or name.rsplit(".", 1)[-1][:1].isupper()
    )


def _callers_first(functions: list[FuncObj], scopes: Scopes) -> list[FuncObj]:
    """Entries in an order that runs a function before those it (by name) may call, so that a helper called
    from another entry runs with real arguments there rather than first on its own with unknown ones."""
    names: dict[str, list[FuncObj]] = {}
    for func in functions:
        names.setdefault(func.name, []).append(func)
    mentioned: set[str] = set()
    for func in functions:
        words = scopes(func.node).words
        mentioned.update(n for n in words & names.keys() if n != func.name)
    first = [f for f in functions if f.name not in mentioned]
    return first + [f for f in functions if f.name in mentioned]


def _base_names(node: cst.ClassDef) -> list[cst.Name]:
    out: list[cst.Name] = []
    for arg in node.bases:
        expr = arg.value
        while isinstance(expr, cst.Attribute):
            expr = expr.value
        if isinstance(expr, cst.Name):
            out.append(expr)
    return out


_PLAIN_KINDS = frozenset({Const, Absent, RangeObj})
_PLAIN_HOLDERS = frozenset({ListObj, DictObj})


def _methods_only(member: AV) -> bool:
    """Whether a class member is only functions (methods an instance's own fields rarely shadow)."""
    return not member.is_top and all(isinstance(o, FuncObj) for o in member)


def _unknown_args() -> Args:
    return Args((), {}, {}, True)


def _pattern_names(pattern: cst.MatchPattern) -> list[str]:
    out = []
    for node in descendants(pattern):
        if isinstance(node, (cst.MatchAs, cst.MatchStar)) and node.name is not None:
            out.append(node.name.value)
    return out


def _function_defs(module: cst.Module) -> list[cst.FunctionDef]:
    from tfvarfix.semantics.walker import descendants

    found = [n for n in descendants(module) if isinstance(n, cst.FunctionDef)]
    # descendants() is depth first from the end; source order puts outer functions first.
    return list(reversed(found))


def _expression_children(node: cst.CSTNode) -> list[cst.BaseExpression]:
    from tfvarfix.semantics.walker import children

    return [c for c in children(node) if isinstance(c, cst.BaseExpression)]


_BINARY_OPS: dict[type, Callable[[Any, Any], Any]] = {
    cst.Add: operator.add,
    cst.Subtract: operator.sub,
    cst.Multiply: operator.mul,
    cst.Divide: operator.truediv,
    cst.FloorDivide: operator.floordiv,
    cst.Modulo: operator.mod,
    cst.Power: operator.pow,
    cst.BitAnd: operator.and_,
    cst.BitOr: operator.or_,
    cst.BitXor: operator.xor,
    cst.LeftShift: operator.lshift,
    cst.RightShift: operator.rshift,
}
_AUG_TO_BINARY: dict[type, type] = {
    cst.AddAssign: cst.Add,
    cst.SubtractAssign: cst.Subtract,
    cst.MultiplyAssign: cst.Multiply,
    cst.DivideAssign: cst.Divide,
    cst.FloorDivideAssign: cst.FloorDivide,
    cst.ModuloAssign: cst.Modulo,
    cst.PowerAssign: cst.Power,
    cst.BitAndAssign: cst.BitAnd,
    cst.BitOrAssign: cst.BitOr,
    cst.BitXorAssign: cst.BitXor,
}
_COMPARE: dict[type, Callable[[Any, Any], Any]] = {
    cst.Equal: operator.eq,
    cst.NotEqual: operator.ne,
    cst.LessThan: operator.lt,
    cst.LessThanEqual: operator.le,
    cst.GreaterThan: operator.gt,
    cst.GreaterThanEqual: operator.ge,
    cst.In: lambda a, b: a in b,
    cst.NotIn: lambda a, b: a not in b,
}


def _too_big(op: cst.BaseBinaryOp, a: object, b: object) -> bool:
    """Whether folding `a op b` would build a value too big to hold (a repeated sequence, a huge shift)."""
    if isinstance(op, cst.Multiply) and isinstance(a, (str, bytes, tuple)) and isinstance(b, int):
        return len(a) * b > 10_000
    if isinstance(op, cst.LeftShift) and isinstance(a, int) and isinstance(b, int):
        return b > 4096
    return False


def _fold(op: cst.BaseBinaryOp, a: object, b: object) -> AV:
    fn = _BINARY_OPS.get(type(op))
    if fn is None:
        return TOP
    if isinstance(op, cst.Power) and isinstance(b, (int, float)) and abs(b) > 64:
        return TOP
    if _too_big(op, a, b) or _too_big(op, b, a):
        return TOP
    try:
        value = fn(a, b)
    except Exception:
        return TOP
    if isinstance(value, tuple):
        return AV.of(TupleObj(tuple(const(v) for v in value)))
    return const(value)


_STATEMENTS: dict[type, Callable[[Interpreter, Any], None]] = {
    cst.SimpleStatementLine: Interpreter._simple_line,
    cst.If: Interpreter._if,
    cst.For: Interpreter._for,
    cst.While: Interpreter._while,
    cst.With: Interpreter._with,
    cst.Try: Interpreter._try,
    cst.TryStar: Interpreter._try,
    cst.FunctionDef: Interpreter._function_def,
    cst.ClassDef: Interpreter._class_def,
    cst.Match: Interpreter._match,
}
_SMALL: dict[type, Callable[[Interpreter, Any], None]] = {
    cst.Expr: Interpreter._expr_statement,
    cst.Assign: Interpreter._assign,
    cst.AnnAssign: Interpreter._ann_assign,
    cst.AugAssign: Interpreter._aug_assign,
    cst.Return: Interpreter._return,
    cst.Raise: Interpreter._raise,
    cst.Break: Interpreter._break,
    cst.Continue: Interpreter._continue,
    cst.Del: Interpreter._delete,
    cst.Assert: Interpreter._assert,
    cst.Pass: Interpreter._pass,
    cst.Global: Interpreter._global,
    cst.Nonlocal: Interpreter._global,
    cst.Import: Interpreter._import,
    cst.ImportFrom: Interpreter._import_from,
}
_EXPRESSIONS: dict[type, Callable[[Interpreter, Any], AV]] = {
    cst.Name: Interpreter._name,
    cst.Integer: Interpreter._integer,
    cst.Float: Interpreter._float,
    cst.SimpleString: Interpreter._string,
    cst.ConcatenatedString: Interpreter._concatenated,
    cst.FormattedString: Interpreter._formatted,
    cst.Attribute: Interpreter._attribute,
    cst.Subscript: Interpreter._subscript,
    cst.Call: Interpreter._call,
    cst.List: Interpreter._list,
    cst.Tuple: Interpreter._list,
    cst.Set: Interpreter._list,
    cst.Dict: Interpreter._dict,
    cst.ListComp: Interpreter._comprehension,
    cst.SetComp: Interpreter._comprehension,
    cst.GeneratorExp: Interpreter._comprehension,
    cst.DictComp: Interpreter._comprehension,
    cst.BinaryOperation: Interpreter._binary,
    cst.UnaryOperation: Interpreter._unary,
    cst.BooleanOperation: Interpreter._boolean,
    cst.Comparison: Interpreter._comparison,
    cst.IfExp: Interpreter._if_exp,
    cst.NamedExpr: Interpreter._named,
    cst.Lambda: Interpreter._lambda,
    cst.Ellipsis: Interpreter._ellipsis,
    cst.Await: Interpreter._other,
    cst.Yield: Interpreter._other,
    cst.StarredElement: Interpreter._other,
    cst.Imaginary: Interpreter._other,
}
