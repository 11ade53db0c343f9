"""Abstract values: what an expression may evaluate to, as a small set of abstract objects, or TOP.

An abstract object stands for the run-time objects made at one allocation site in one calling context: the
interpreter inlines calls and unrolls loops it can count, so `make()` called twice, or a loop body run twice,
allocates two objects. Objects compare by identity, except constants and a few value-like records, which compare
by what they hold, so that `1` on both arms of an `if` joins to one constant.

Mutable parts of objects (a list's items, an instance's attributes, a layer's built flag, a frame's variables)
live in the heap (`semantics.heap`), never in the objects, so that branches can be joined.
"""

from __future__ import annotations

import enum
import itertools
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar, TypeAlias, TypeVar

import libcst as cst

if TYPE_CHECKING:
    from tfvarfix.keras.spec import LayerSpec, WeightSpec

MAX_SET = 8  # a value that may be more objects than this is TOP
# Where an attribute is read or stored: `x.kernel`, or a getattr/setattr/hasattr call naming it in a constant
# string (`getattr(x, "kernel")`), which is that read or store.
AttrNode: TypeAlias = cst.Attribute | cst.Call


_SERIALS = itertools.count()


class Obj:
    """An abstract object. `site` is the node that made it (a call, a def, a literal), or None.

    `serial` orders objects by creation, so that iterating a value is the same on every run (objects hash by
    identity, and a frozenset's order would follow memory addresses into messages and fixes).
    """

    __slots__ = ("serial", "site")
    KIND: ClassVar[str] = "object"

    def __init__(self, site: cst.CSTNode | None = None) -> None:
        self.site = site
        self.serial = next(_SERIALS)

    def describe(self) -> str:
        return self.KIND


ObjT = TypeVar("ObjT", bound=Obj)


class AV:
    """An abstract value: the objects an expression may evaluate to. `objs is None` is TOP (anything)."""

    __slots__ = ("objs",)

    def __init__(self, objs: frozenset[Obj] | None) -> None:
        self.objs = objs

    @staticmethod
    def of(*objs: Obj) -> AV:
        return AV(frozenset(objs))

    @staticmethod
    def union(values: Iterable[AV]) -> AV:
        found: set[Obj] = set()
        for value in values:
            if value.objs is None:
                return TOP
            found.update(value.objs)
            if len(found) > MAX_SET:
                return TOP
        return AV(frozenset(found))

    @property
    def is_top(self) -> bool:
        return self.objs is None

    @property
    def is_bottom(self) -> bool:
        return self.objs is not None and not self.objs

    def __iter__(self) -> Iterator[Obj]:
        """The objects in creation order (deterministic, unlike the frozenset's)."""
        objs = self.objs
        if not objs:
            return iter(())
        if len(objs) == 1:
            return iter(objs)
        return iter(sorted(objs, key=_serial))

    def __len__(self) -> int:
        return len(self.objs) if self.objs is not None else MAX_SET + 1

    def single(self) -> Obj | None:
        """The one object this value certainly is, or None."""
        if self.objs is not None and len(self.objs) == 1:
            return next(iter(self.objs))
        return None

    def join(self, other: AV) -> AV:
        if self is other or other.objs == self.objs:
            return self
        if self.objs is None or other.objs is None:
            return TOP
        merged = self.objs | other.objs
        return TOP if len(merged) > MAX_SET else AV(merged)

    def only(self, kind: type[ObjT]) -> list[ObjT] | None:
        """Every object, when all of them are of `kind`; None when the value is TOP, empty or mixed."""
        if not self.objs:
            return None
        found = [o for o in self if isinstance(o, kind)]
        return found if len(found) == len(self.objs) else None

    def any(self, kind: type[ObjT]) -> list[ObjT]:
        return [o for o in self if isinstance(o, kind)]

    def const(self) -> object:
        """The Python value when this is certainly one constant (tuples of constants included), else NOTHING."""
        obj = self.single()
        if isinstance(obj, Const):
            return obj.value
        if isinstance(obj, TupleObj):
            items = [item.const() for item in obj.items]
            return NOTHING if any(i is NOTHING for i in items) else tuple(items)
        return NOTHING

    def __eq__(self, other: object) -> bool:
        return isinstance(other, AV) and other.objs == self.objs

    def __hash__(self) -> int:
        return hash(self.objs)

    def __repr__(self) -> str:
        if self.objs is None:
            return "TOP"
        return "{" + ", ".join(sorted(o.describe() for o in self.objs)) + "}"


def _serial(obj: Obj) -> int:
    return obj.serial


class _Nothing:
    """No statically known Python value (distinct from None, which is a value)."""

    def __repr__(self) -> str:
        return "NOTHING"


NOTHING: object = _Nothing()
TOP = AV(None)
BOTTOM = AV(frozenset())


# ------------------------------------------------------------------------------------------- constants
class Const(Obj):
    """A Python literal: str, bytes, int, float, complex, bool, None, Ellipsis; equal by type and value."""

    __slots__ = ("value",)
    KIND = "const"

    def __init__(self, value: object) -> None:
        super().__init__(None)
        self.value = value

    def __eq__(self, other: object) -> bool:
        return (
            isinstance(other, Const) and type(other.value) is type(self.value) and other.value == self.value
        )

    def __hash__(self) -> int:
        return hash((type(self.value), self.value))

    def describe(self) -> str:
        return repr(self.value)


_INTERNED: dict[tuple[type, object], AV] = {}


def const(value: object) -> AV:
    """The value of one constant (small values are interned)."""
    try:
        key = (type(value), value)
        found = _INTERNED.get(key)
    except TypeError:
        return AV.of(Const(value))
    if found is None:
        found = AV.of(Const(value))
        if len(_INTERNED) < 4096:
            _INTERNED[key] = found
    return found


NONE = const(None)
TRUE = const(True)
FALSE = const(False)


class Absent(Obj):
    """A dictionary key or attribute that may not be there (joined with what is there on another path)."""

    __slots__ = ()
    KIND = "absent"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Absent)

    def __hash__(self) -> int:
        return 17


ABSENT = AV.of(Absent())


# --------------------------------------------------------------------------------------- module names
class ModuleRef(Obj):
    """A module or module member reached through the imports, by its dotted name as imported."""

    __slots__ = ("_canonical", "dotted")
    KIND = "module"

    def __init__(self, dotted: str) -> None:
        super().__init__(None)
        self.dotted = dotted
        self._canonical: str | None = None

    @property
    def canonical(self) -> str:
        if self._canonical is None:
            from tfvarfix.keras.names import canonical

            self._canonical = canonical(self.dotted)
        return self._canonical

    def __eq__(self, other: object) -> bool:
        # One class reached through two imports is one value (`keras = tf.keras` in one arm, `import tf_keras as
        # keras` in the other: tensorflow/hub's tests), so calling it constructs one object, not one per import.
        return isinstance(other, ModuleRef) and (other.dotted == self.dotted or other.canonical == self.canonical)

    def __hash__(self) -> int:
        return hash(("module", self.canonical))

    def describe(self) -> str:
        return self.canonical


# -------------------------------------------------------------------------------- functions and classes
class FrameObj(Obj):
    """A function activation, a class body or the module: its variables are the heap fields of this object."""

    __slots__ = ("locals", "name", "node", "parent")
    KIND = "frame"

    def __init__(
        self, node: cst.CSTNode, parent: FrameObj | None, local_names: frozenset[str], name: str
    ) -> None:
        super().__init__(node)
        self.node = node
        self.parent = parent  # the enclosing function frame, for closures (None: the module)
        self.locals = local_names
        self.name = name


class ProjectModuleObj(Obj):
    """A module of the project (another file), imported: its names are the fields of `frame` once its body ran.

    `state`: "new" (not read yet: its body runs when one of its names is first used), "running", "ran", or
    "failed" (it cannot be read or parsed, or cost too much: its names are unknown)."""

    __slots__ = ("frame", "name", "path", "source", "state")
    KIND = "module"

    def __init__(self, name: str, path: Path) -> None:
        super().__init__(None)
        self.name = name
        self.path = path
        self.frame: FrameObj | None = None
        self.source: object = None  # its semantics.project.ProjectModule, once read
        self.state = "new"

    def describe(self) -> str:
        return f"module {self.name}"


class LazyName(Obj):
    """`from m import name` in an imported module of the project: `m`'s body runs when the name is first used
    (most of what imported modules import is never used by the code the analysis runs)."""

    __slots__ = ("module", "name")
    KIND = "import"

    def __init__(self, module: ProjectModuleObj, name: str) -> None:
        super().__init__(None)
        self.module = module
        self.name = name


class FuncObj(Obj):
    """A function or lambda defined in the program."""

    __slots__ = ("closure", "decorators", "defaults", "method_kind", "module", "node", "owner", "qualname")
    KIND = "function"

    def __init__(
        self,
        node: cst.FunctionDef | cst.Lambda,
        closure: FrameObj | None,
        defaults: dict[str, AV],
        qualname: str,
    ) -> None:
        super().__init__(node)
        self.node = node
        self.closure = closure
        self.defaults = defaults
        self.owner: ClassObj | None = None  # the class whose body defines it
        self.decorators: tuple[str, ...] = ()  # canonical names of the decorators we could resolve
        self.method_kind = "function"  # "function" | "static" | "class" | "property"
        self.qualname = qualname
        self.module: FrameObj | None = None  # the frame of the module that defines it

    @property
    def name(self) -> str:
        return self.node.name.value if isinstance(self.node, cst.FunctionDef) else "<lambda>"

    def describe(self) -> str:
        return f"function {self.qualname}"


class BoundMethod(Obj):
    __slots__ = ("func", "receiver")
    KIND = "method"

    def __init__(self, func: FuncObj, receiver: Obj) -> None:
        super().__init__(None)
        self.func = func
        self.receiver = receiver

    def __eq__(self, other: object) -> bool:
        return isinstance(other, BoundMethod) and other.func is self.func and other.receiver is self.receiver

    def __hash__(self) -> int:
        return hash((id(self.func), id(self.receiver)))


class PartialObj(Obj):
    """`functools.partial(func, *args, **keywords)`: calling it calls `func` with these arguments first and the
    call's own after them (a keyword of the call replaces the partial's), as Python does. `Conv =
    partial(Conv2D, padding="same")` makes `Conv(32, 3)` a construction of `Conv2D`."""

    __slots__ = ("args", "func")
    KIND = "partial"

    def __init__(self, site: cst.CSTNode | None, func: AV, args: Args) -> None:
        super().__init__(site)
        self.func = func
        self.args = args

    def applied(self, args: Args) -> Args:
        """The arguments `func` gets when the partial is called with `args`. The call's argument nodes are kept
        (positions shifted after the partial's); the partial's own nodes are not, so that an edit of an
        argument node never lands in the one `partial(...)` that every call shares."""
        given = len(self.args.positional)
        nodes: dict[str | int, cst.Arg] = {
            (key + given if isinstance(key, int) else key): arg for key, arg in args.nodes.items()
        }
        return Args(
            self.args.positional + args.positional,
            {**self.args.keywords, **args.keywords},
            nodes,
            self.args.star or args.star,
        )

    def describe(self) -> str:
        return "functools.partial"


class ClassObj(Obj):
    """A class defined in the program. `keras_base` is the canonical Keras class it derives from, if any;
    `unknown_base` is True when some base could not be resolved (its attributes are then not all known).
    `optimizer_base` is the canonical Keras optimizer class it derives from, if any (a base the analysis does
    not model otherwise: `keras_base` stays None and `unknown_base` True for it)."""

    __slots__ = (
        "bases", "decorators", "keras_base", "name", "namespace", "node", "optimizer_base", "qualname", "unknown_base",
    )  # fmt: skip
    KIND = "class"

    def __init__(self, node: cst.ClassDef, namespace: FrameObj, qualname: str) -> None:
        super().__init__(node)
        self.node = node
        self.name = node.name.value
        self.bases: tuple[Obj, ...] = ()
        self.keras_base: str | None = None
        self.optimizer_base: str | None = None
        self.unknown_base = False
        self.namespace = namespace
        self.qualname = qualname
        self.decorators: tuple[str, ...] = ()  # canonical names of its decorators ("" when unresolved)

    def mro(self) -> list[ClassObj]:
        out: list[ClassObj] = []
        pending: list[ClassObj] = [self]
        while pending:
            cls = pending.pop(0)
            if cls in out:
                continue
            out.append(cls)
            pending.extend(b for b in cls.bases if isinstance(b, ClassObj))
        return out

    @property
    def is_layer(self) -> bool:
        return self.keras_base is not None and not self.is_serializable_object

    @property
    def is_model(self) -> bool:
        return self.keras_base in ("keras.Model", "keras.Sequential")

    @property
    def is_serializable_object(self) -> bool:
        """An Initializer, Constraint or Regularizer subclass: serializable, but not a layer."""
        return self.keras_base is not None and self.keras_base.startswith(
            ("keras.initializers.", "keras.constraints.", "keras.regularizers.")
        )

    def describe(self) -> str:
        return f"class {self.name}"


class InstanceObj(Obj):
    """An instance of a class defined in the program; its attributes are heap fields."""

    __slots__ = ("cls", "synthetic")
    KIND = "instance"

    def __init__(self, site: cst.CSTNode | None, cls: ClassObj, synthetic: bool = False) -> None:
        super().__init__(site)
        self.cls = cls
        self.synthetic = synthetic  # made to analyse methods that no code of the module calls

    def describe(self) -> str:
        return f"{self.cls.name}()"


class SuperObj(Obj):
    __slots__ = ("cls", "instance")
    KIND = "super"

    def __init__(self, cls: ClassObj, instance: Obj) -> None:
        super().__init__(None)
        self.cls = cls
        self.instance = instance


# ------------------------------------------------------------------------------------------ containers
class ListObj(Obj):
    """A list (or a set, `kind="set"`); its items are heap fields (exact while known)."""

    __slots__ = ("kind",)
    KIND = "list"

    def __init__(self, site: cst.CSTNode | None, kind: str = "list") -> None:
        super().__init__(site)
        self.kind = kind


class TupleObj(Obj):
    """An immutable tuple of values."""

    __slots__ = ("items",)
    KIND = "tuple"

    def __init__(self, items: tuple[AV, ...], site: cst.CSTNode | None = None) -> None:
        super().__init__(site)
        self.items = items

    def __eq__(self, other: object) -> bool:
        return type(other) is TupleObj and other.items == self.items

    def __hash__(self) -> int:
        return hash(("tuple", self.items))

    def describe(self) -> str:
        return "(" + ", ".join(repr(i) for i in self.items) + ")"


class NamedTupleType(Obj):
    """A tuple class with named fields: `collections.namedtuple("Feat", ["name", "dim"])`,
    `typing.NamedTuple("Feat", [("name", str), ...])`. Calling it makes a NamedTupleObj."""

    __slots__ = ("defaults", "fields", "name")
    KIND = "class"

    def __init__(
        self, site: cst.CSTNode | None, name: str, fields: tuple[str, ...], defaults: tuple[AV, ...]
    ) -> None:
        super().__init__(site)
        self.name = name
        self.fields = fields
        self.defaults = defaults  # for the last fields, as namedtuple's `defaults=`

    def describe(self) -> str:
        return f"namedtuple {self.name}"


class NamedTupleObj(TupleObj):
    """An instance of a NamedTupleType: a tuple whose items are also its fields."""

    __slots__ = ("cls",)
    KIND = "tuple"

    def __init__(self, items: tuple[AV, ...], cls: NamedTupleType, site: cst.CSTNode | None = None) -> None:
        super().__init__(items, site)
        self.cls = cls

    def __eq__(self, other: object) -> bool:
        return isinstance(other, NamedTupleObj) and other.cls is self.cls and other.items == self.items

    def __hash__(self) -> int:
        return hash(("namedtuple", id(self.cls), self.items))

    def field(self, name: str) -> AV | None:
        return self.items[self.cls.fields.index(name)] if name in self.cls.fields else None

    def describe(self) -> str:
        return f"{self.cls.name}(...)"


class DictObj(Obj):
    __slots__ = ()
    KIND = "dict"


class RangeObj(Obj):
    """`range(...)` with constant bounds."""

    __slots__ = ("values",)
    KIND = "range"

    def __init__(self, values: range) -> None:
        super().__init__(None)
        self.values = values

    def __eq__(self, other: object) -> bool:
        return isinstance(other, RangeObj) and other.values == self.values

    def __hash__(self) -> int:
        return hash(("range", self.values))


# ---------------------------------------------------------------------------------------- TF and Keras
class Target(enum.Enum):
    """Which Keras a layer belongs to."""

    KERAS3 = "keras3"
    TF_KERAS = "tf_keras"


class LayerObj(Obj):
    """A built-in Keras layer (or a TF1 RNN cell), made by `cls(...)`; `cls` is canonical."""

    __slots__ = (
        "args",
        "cls",
        "in_loop",
        "input_dim",
        "known",
        "name",
        "name_node",
        "serial",
        "spec",
        "synthetic",
        "wrapped",
        "wrapper",
    )  # fmt: skip
    KIND = "layer"
    _serial = 0

    def __init__(
        self,
        site: cst.CSTNode,
        cls: str,
        spec: LayerSpec | None,
        args: Args,
        name: str | None,
        in_loop: bool,
    ) -> None:
        super().__init__(site)
        self.input_dim: int | None = None  # the last dimension of its input, once built with a known one
        self.cls = cls
        self.spec = spec
        self.args = args
        self.name = name
        self.name_node = args.node_of("name")
        self.wrapped: LayerObj | None = None  # Bidirectional/TimeDistributed: the layer it wraps
        self.wrapper: LayerObj | None = None  # the wrapper made around it
        self.in_loop = in_loop  # made on a pass of a loop, or in a function called in one
        self.synthetic = False  # stands for any layer of its class (an isinstance test on an unknown value)
        self.known: dict[str, object] = {}  # config keyword -> its constant value (NOTHING when not constant)
        LayerObj._serial += 1
        self.serial = LayerObj._serial

    @property
    def short(self) -> str:
        return self.cls.rsplit(".", 1)[-1]

    @property
    def call(self) -> cst.Call | None:
        return self.site if isinstance(self.site, cst.Call) else None

    def config(self, keyword: str) -> AV:
        """The value given for a config keyword, by keyword or by its position (TOP when not given)."""
        positional = self.spec.positional if self.spec is not None else ()
        return self.args.get(keyword, positional)

    def describe(self) -> str:
        return f"{self.short}({self.name or ''})"


class PartObj(Obj):
    """A part of a layer reached by navigation (`lstm.cell`, `bidi.forward_layer`, `bidi.forward_layer.cell`):
    the layer and the attribute path from it."""

    __slots__ = ("layer", "path")
    KIND = "part"

    def __init__(self, layer: LayerObj, path: tuple[str, ...]) -> None:
        super().__init__(None)
        self.layer = layer
        self.path = path

    def __eq__(self, other: object) -> bool:
        return isinstance(other, PartObj) and other.layer is self.layer and other.path == self.path

    def __hash__(self) -> int:
        return hash((id(self.layer), self.path))

    def describe(self) -> str:
        return f"{self.layer.describe()}.{'.'.join(self.path)}"


class ModelKind(enum.Enum):
    SEQUENTIAL = "sequential"
    FUNCTIONAL = "functional"


class ModelObj(Obj):
    """A `Sequential` or functional `Model`; its layers are a heap field (a list of values)."""

    __slots__ = ("args", "kind", "name")
    KIND = "model"

    def __init__(self, site: cst.Call, kind: ModelKind, name: str | None, args: Args) -> None:
        super().__init__(site)
        self.kind = kind
        self.name = name
        self.args = args

    def describe(self) -> str:
        return f"{self.kind.value} model {self.name or ''}".strip()


class ApplicationLayers(ModelObj):
    """The inner layers of a `keras.applications` model, as they stand in an outer functional model built from its
    `input`/`output` tensors (Keras flattens them into it), named by the one inner name the application always
    gives (`mixed0`). No argument of the application renames them."""

    __slots__ = ()


class TensorObj(Obj):
    """A tensor or array. Symbolic tensors (`Input`, layer outputs) record the layer that made them and its
    inputs; arrays made from constants record their content (`content`), for initializers and edits."""

    __slots__ = ("content", "groups", "inputs", "producer", "shape", "source", "symbolic")
    KIND = "tensor"

    def __init__(
        self,
        site: cst.CSTNode | None,
        *,
        shape: tuple[int | None, ...] | None = None,
        producer: Obj | None = None,
        inputs: tuple[TensorObj, ...] = (),
        symbolic: bool = False,
        content: Content | None = None,
        source: WeightRef | None = None,
        groups: tuple[tuple[TensorObj, ...], ...] | None = None,
    ) -> None:
        super().__init__(site)
        self.producer = producer
        self.inputs = inputs
        # The inputs by what is known of them: a group of one is certainly an input; a group of several holds
        # alternatives (a value that is one tensor or another, as after an `if` whose arms made different ones).
        self.groups = groups if groups is not None else tuple((t,) for t in inputs)
        self.shape = shape
        self.symbolic = symbolic
        self.content = content
        self.source = source  # a copy of a layer weight (`get_weights()[i]`, `kernel.numpy()`)

    def describe(self) -> str:
        return "tensor" if self.shape is None else f"tensor{self.shape}"


def upstream(tensors: Iterable[TensorObj], limit: int) -> Iterator[TensorObj]:
    """The tensors and every tensor they were computed from (through each op's inputs), once each, at most
    `limit` of them."""
    stack = list(tensors)
    seen: set[int] = set()
    while stack and len(seen) < limit:
        tensor = stack.pop()
        if id(tensor) in seen:
            continue
        seen.add(id(tensor))
        yield tensor
        stack.extend(t for group in tensor.groups for t in group)


@dataclass(frozen=True)
class Content:
    """What an array made from constants holds: `kind` is "full" (every element `fill`), "literal" (a nested
    tuple of numbers in `literal`), "eye" or "other" (computed from constants only, value not followed), or
    "initial": computed from constants and the untouched initial values of one layer weight (`weight`), so
    still known when the layer is made (`k = dense.kernel.numpy() * 0.1`)."""

    kind: str
    fill: float | int | None = None
    literal: object = None
    weight: WeightRef | None = None


@dataclass(frozen=True, eq=True)
class WeightRef:
    """A weight a layer owns: the layer object, the table's spec, the attribute path from the layer."""

    layer: LayerObj
    spec: WeightSpec
    path: tuple[str, ...]


class VarObj(Obj):
    """A variable: one made by `tf.Variable`/`keras.Variable`/`add_weight`/`get_variable` (`ctor` is its
    canonical constructor), or a layer's own weight (`weight` set, `ctor` empty)."""

    __slots__ = ("ctor", "initial", "initial_node", "name", "name_node", "shape", "weight")
    KIND = "variable"

    def __init__(
        self,
        site: cst.CSTNode | None,
        ctor: str,
        *,
        name: str | None = None,
        name_node: cst.BaseExpression | None = None,
        initial: AV = BOTTOM,
        initial_node: cst.BaseExpression | None = None,
        shape: tuple[int | None, ...] | None = None,
        weight: WeightRef | None = None,
    ) -> None:
        super().__init__(site)
        self.ctor = ctor
        self.name = name
        self.name_node = name_node
        self.initial = initial
        self.initial_node = initial_node
        self.shape = shape
        self.weight = weight

    def describe(self) -> str:
        if self.weight is not None:
            return f"{self.weight.layer.describe()}.{'.'.join(self.weight.path)}"
        return f"{self.ctor}({self.name or ''})"


class KerasObj(Obj):
    """Another object of a TF/Keras class: an initializer, optimizer, metric, graph, variable scope..."""

    __slots__ = ("args", "cls", "shape")
    KIND = "keras"

    def __init__(self, site: cst.CSTNode | None, cls: str, args: Args | None = None) -> None:
        super().__init__(site)
        self.cls = cls
        self.args = args if args is not None else Args.EMPTY
        self.shape: tuple[int | None, ...] | None = None  # a Constant initializer's value shape

    def describe(self) -> str:
        return self.cls.rsplit(".", 1)[-1] + "()"


class TfFunction(Obj):
    """`tf.function(f)` or `@tf.function`: calling it traces `func`."""

    __slots__ = ("func",)
    KIND = "tf.function"

    def __init__(self, site: cst.CSTNode | None, func: AV) -> None:
        super().__init__(site)
        self.func = func


# ------------------------------------------------------------------------------------------ arguments
class Args:
    """Evaluated call arguments with their nodes."""

    __slots__ = ("keywords", "nodes", "positional", "star")
    EMPTY: ClassVar[Args]

    def __init__(
        self,
        positional: tuple[AV, ...],
        keywords: dict[str, AV],
        nodes: dict[str | int, cst.Arg],
        star: bool,
    ) -> None:
        self.positional = positional
        self.keywords = keywords
        self.nodes = nodes  # keyword or position -> the argument node
        self.star = star  # *args or **kwargs were passed: positions and keywords are not all known

    def get(self, keyword: str, positional_names: tuple[str, ...] = ()) -> AV:
        if keyword in self.keywords:
            return self.keywords[keyword]
        if keyword in positional_names:
            index = positional_names.index(keyword)
            if index < len(self.positional):
                return self.positional[index]
        return TOP if self.star else BOTTOM

    def given(self, keyword: str, positional_names: tuple[str, ...] = ()) -> bool:
        return not self.get(keyword, positional_names).is_bottom

    def node_of(self, keyword: str, positional_names: tuple[str, ...] = ()) -> cst.BaseExpression | None:
        arg = self.nodes.get(keyword)
        if arg is None and keyword in positional_names:
            arg = self.nodes.get(positional_names.index(keyword))
        return arg.value if arg is not None else None

    def arg_of(self, keyword: str, positional_names: tuple[str, ...] = ()) -> cst.Arg | None:
        arg = self.nodes.get(keyword)
        if arg is None and keyword in positional_names:
            arg = self.nodes.get(positional_names.index(keyword))
        return arg

    def first(self, keyword: str, index: int = 0) -> AV:
        """The argument given by `keyword`, or else at position `index`."""
        if keyword in self.keywords:
            return self.keywords[keyword]
        if index < len(self.positional):
            return self.positional[index]
        return TOP if self.star else BOTTOM

    def first_node(self, keyword: str, index: int = 0) -> cst.BaseExpression | None:
        arg = self.nodes.get(keyword) or self.nodes.get(index)
        return arg.value if arg is not None else None


Args.EMPTY = Args((), {}, {}, False)


def objects(values: Iterable[AV]) -> Iterator[Obj]:
    for value in values:
        yield from value
