"""Python's builtins and containers for the interpreter: lists, tuples, dicts, range, len, zip, isinstance...

Each function answers None for "not mine", and the interpreter then asks the TF/Keras semantics, or gives TOP.
"""

from __future__ import annotations

import builtins as _builtins
from collections.abc import Callable
from typing import TYPE_CHECKING

import libcst as cst

from tfvarfix.semantics.heap import EMPTY_ENTRIES, Entries, Items, present
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
    ClassObj,
    Const,
    DictObj,
    FuncObj,
    InstanceObj,
    LayerObj,
    ListObj,
    ModelObj,
    ModuleRef,
    NamedTupleObj,
    NamedTupleType,
    Obj,
    RangeObj,
    SuperObj,
    TensorObj,
    TupleObj,
    VarObj,
    const,
)

if TYPE_CHECKING:
    from tfvarfix.semantics.interp import Interpreter

NAMES = frozenset(n for n in dir(_builtins) if not n.startswith("_")) | {"__name__", "__file__"}
_MAX_RANGE = 1000


class SliceObj(Obj):
    __slots__ = ("bounds",)
    KIND = "slice"

    def __init__(self, bounds: tuple[AV, AV, AV]) -> None:
        super().__init__(None)
        self.bounds = bounds

    def __eq__(self, other: object) -> bool:
        return isinstance(other, SliceObj) and other.bounds == self.bounds

    def __hash__(self) -> int:
        return hash(("slice", self.bounds))

    def const(self) -> slice | None:
        values = [b.const() for b in self.bounds]
        if any(v is NOTHING or not (v is None or isinstance(v, int)) for v in values):
            return None
        return slice(*values)


# ============================================================================================== calls
def call(interp: Interpreter, name: str, args: Args, node: cst.Call | None) -> AV | None:
    handler = _CALLS.get(name)
    if handler is None:
        return None
    return handler(interp, args, node)


Builtin = Callable[["Interpreter", Args, "cst.Call | None"], AV]


def _range(interp: Interpreter, args: Args, node: cst.Call | None) -> AV:
    values = [a.const() for a in args.positional]
    bounds = [v for v in values if isinstance(v, int) and not isinstance(v, bool)]
    if args.keywords or args.star or not values or len(bounds) != len(values):
        return TOP
    try:
        r = range(*bounds)
    except (TypeError, ValueError):
        return TOP
    return AV.of(RangeObj(r)) if len(r) <= _MAX_RANGE else TOP


def _len(interp: Interpreter, args: Args, node: cst.Call | None) -> AV:
    if len(args.positional) != 1:
        return TOP
    found = items_of(interp, args.positional[0].single()) if args.positional[0].single() else None
    if isinstance(found, list):
        return const(len(found))
    value = args.positional[0].const()
    if isinstance(value, (str, tuple, bytes)):
        return const(len(value))
    return TOP


def _container(kind: str) -> Builtin:
    def make(interp: Interpreter, args: Args, node: cst.Call | None) -> AV:
        obj = ListObj(node, kind)
        if not args.positional:
            interp.state.set(obj, "items", Items(()))
        else:
            found = interp.iteration(args.positional[0])
            interp.state.set(
                obj, "items", Items(tuple(found)) if isinstance(found, list) else Items(None, found)
            )
        return AV.of(obj)

    return make


def _tuple(interp: Interpreter, args: Args, node: cst.Call | None) -> AV:
    if not args.positional:
        return AV.of(TupleObj(()))
    found = interp.iteration(args.positional[0])
    if isinstance(found, list):
        return AV.of(TupleObj(tuple(found)))
    obj = ListObj(node, "tuple")
    interp.state.set(obj, "items", Items(None, found))
    return AV.of(obj)


def _dict(interp: Interpreter, args: Args, node: cst.Call | None) -> AV:
    obj = DictObj(node)
    interp.state.set(obj, "entries", dict_entries(interp, args))
    return AV.of(obj)


DICT_ENTRIES = "<dict entries>"  # the heap field of an instance of a plain `dict` subclass that keeps its items


def dict_entries(interp: Interpreter, args: Args) -> Entries:
    """The items `dict(...)` (or a plain subclass of it) is made with: another dict's, a list or tuple of
    `(key, value)` pairs with constant keys (`dict([("a", x), ("b", y)])`, a comprehension of pairs), keywords."""
    entries = EMPTY_ENTRIES
    if len(args.positional) > 1:
        return Entries((), False, TOP)
    if args.positional:
        source = args.positional[0].single()
        if isinstance(source, DictObj):
            entries = interp.state.entries(source)
        else:
            pairs = _pairs(interp, args.positional[0]) if source is not None else None
            entries = pairs if pairs is not None else Entries((), False, TOP)
    for key, value in args.keywords.items():
        entries = entries.put(key, value)
    if args.star:
        entries = Entries(entries.items, False, TOP)
    return entries


def _pairs(interp: Interpreter, source: AV) -> Entries | None:
    """The entries of a list of `(key, value)` tuples whose keys are constants; None when not all known."""
    found = interp.iteration(source)
    if not isinstance(found, list):
        return None
    entries = EMPTY_ENTRIES
    for item in found:
        pair = item.single()
        if not isinstance(pair, TupleObj) or len(pair.items) != 2:
            return None
        key = pair.items[0].const()
        if isinstance(key, bool) or not isinstance(key, (str, int)):
            return None
        entries = entries.put(key, pair.items[1])
    return entries


def _enumerate(interp: Interpreter, args: Args, node: cst.Call | None) -> AV:
    if not args.positional:
        return TOP
    found = interp.iteration(args.positional[0])
    start = args.keywords.get("start", args.positional[1] if len(args.positional) > 1 else const(0)).const()
    obj = ListObj(node, "generator")
    if isinstance(found, list) and isinstance(start, int):
        pairs = tuple(AV.of(TupleObj((const(start + i), item))) for i, item in enumerate(found))
        interp.state.set(obj, "items", Items(pairs))
    else:
        interp.state.set(
            obj, "items", Items(None, AV.of(TupleObj((TOP, found if isinstance(found, AV) else TOP))))
        )
    return AV.of(obj)


def _zip(interp: Interpreter, args: Args, node: cst.Call | None) -> AV:
    columns = [interp.iteration(a) for a in args.positional]
    obj = ListObj(node, "generator")
    if columns and all(isinstance(c, list) for c in columns) and not args.star:
        rows = zip(*columns, strict=False)
        interp.state.set(obj, "items", Items(tuple(AV.of(TupleObj(tuple(r))) for r in rows)))
    else:
        merged = tuple(AV.union(c) if isinstance(c, list) else c for c in columns)
        interp.state.set(obj, "items", Items(None, AV.of(TupleObj(merged)) if merged else TOP))
    return AV.of(obj)


def _reversed(interp: Interpreter, args: Args, node: cst.Call | None) -> AV:
    if not args.positional:
        return TOP
    found = interp.iteration(args.positional[0])
    obj = ListObj(node, "generator")
    interp.state.set(
        obj, "items", Items(tuple(reversed(found))) if isinstance(found, list) else Items(None, found)
    )
    return AV.of(obj)


def _sorted(interp: Interpreter, args: Args, node: cst.Call | None) -> AV:
    if not args.positional:
        return TOP
    found = interp.iteration(args.positional[0])
    obj = ListObj(node)
    interp.state.set(obj, "items", Items(None, AV.union(found) if isinstance(found, list) else found))
    return AV.of(obj)


def _isinstance(interp: Interpreter, args: Args, node: cst.Call | None) -> AV:
    if len(args.positional) != 2:
        return TOP
    names = class_names(interp, args.positional[1])
    value = args.positional[0]
    if names is None or value.objs is None or not value.objs:
        return TOP
    verdicts = {isinstance_of(interp, o, names) for o in value.objs}
    if len(verdicts) == 1 and None not in verdicts:
        return TRUE if verdicts.pop() else FALSE
    return TOP


def _hasattr(interp: Interpreter, args: Args, node: cst.Call | None) -> AV:
    if len(args.positional) != 2 or not args.positional[0].objs:
        return TOP
    name = args.positional[1].const()
    if not isinstance(name, str):
        return TOP
    verdicts = {has_attribute(interp, obj, name) for obj in args.positional[0].objs}
    if len(verdicts) == 1 and None not in verdicts:
        return TRUE if verdicts.pop() else FALSE
    return TOP


def has_attribute(interp: Interpreter, obj: Obj, name: str) -> bool | None:
    """Whether `obj` has the attribute `name` (None: not known)."""
    if isinstance(obj, InstanceObj):
        own = interp.state.value(obj, name)
        return True if own is not None and not present(own).is_bottom else None
    return interp.semantics.has_attribute(obj, name)


def _getattr(interp: Interpreter, args: Args, node: cst.Call | None) -> AV:
    if len(args.positional) in (2, 3) and node is not None:
        name = args.positional[1].const()
        if not isinstance(name, str) or not name.isidentifier():
            return TOP
        if len(args.positional) == 3:
            # `getattr(obj, name, default)`: the attribute where the object certainly has it, the default where it
            # certainly has not; unknown otherwise.
            has = _hasattr(interp, Args((args.positional[0], args.positional[1]), {}, {}, False), node)
            if has is FALSE:
                return args.positional[2]
            if has is not TRUE:
                return TOP
        # The read `obj.<name>`, recorded at the call (a weight read there raises as `obj.kernel` would).
        return interp.get_attribute(args.positional[0], name, node)
    return TOP


def _setattr(interp: Interpreter, args: Args, node: cst.Call | None) -> AV:
    if len(args.positional) == 3:
        name = args.positional[1].const()
        if node is not None and isinstance(name, str) and name.isidentifier():
            # `setattr(obj, "bias", value)` is the store `obj.bias = value`, recorded at the call.
            base = args.positional[0]
            strong = base.single() is not None
            for obj in base:
                interp.set_attribute(obj, name, args.positional[2], node, strong)
            return NONE
        for obj in args.positional[0]:
            if isinstance(obj, InstanceObj) and isinstance(name, str):
                old = interp.state.value(obj, name)
                value = args.positional[2]
                interp.state.set(
                    obj, name, value if args.positional[0].single() else value.join(old or BOTTOM)
                )
    return NONE


def _super(interp: Interpreter, args: Args, node: cst.Call | None) -> AV:
    if len(args.positional) == 2:
        cls, instance = args.positional[0].single(), args.positional[1].single()
    else:
        frame = interp.frame
        func = interp.activations[-1].func
        cls = func.owner if func is not None else None
        params = func.node.params.params if func is not None else ()
        first = params[0].name.value if params else None
        bound = interp.state.value(frame, first) if first else None
        instance = bound.single() if bound else None
    if isinstance(cls, ClassObj) and instance is not None:
        return AV.of(SuperObj(cls, instance))
    return TOP


def _type(interp: Interpreter, args: Args, node: cst.Call | None) -> AV:
    if len(args.positional) == 1:
        obj = args.positional[0].single()
        if isinstance(obj, InstanceObj):
            return AV.of(obj.cls)
        if isinstance(obj, LayerObj):
            return AV.of(ModuleRef(obj.cls))
    return TOP


def _str(interp: Interpreter, args: Args, node: cst.Call | None) -> AV:
    if len(args.positional) == 1:
        obj = args.positional[0].single()
        if isinstance(obj, LayerObj) and not obj.synthetic:
            # Keras 3 prints `<LSTM name=lstm, built=True>`, tf_keras `<keras...lstm.LSTM object at 0x...>`.
            return const(f"<{obj.short} name={obj.name or obj.short.lower()}>")
        if isinstance(obj, InstanceObj):
            return TOP
    return _number(str)(interp, args, node)


def _print(interp: Interpreter, args: Args, node: cst.Call | None) -> AV:
    return NONE


def _identity(interp: Interpreter, args: Args, node: cst.Call | None) -> AV:
    return args.positional[0] if len(args.positional) == 1 else TOP


def _number(kind: type) -> Builtin:
    def convert(interp: Interpreter, args: Args, node: cst.Call | None) -> AV:
        if len(args.positional) == 1:
            value = args.positional[0].const()
            if isinstance(value, (int, float, str, bool)):
                try:
                    return const(kind(value))
                except (TypeError, ValueError):
                    return TOP
        return TOP

    return convert


def _bool(interp: Interpreter, args: Args, node: cst.Call | None) -> AV:
    """`bool(x)`: the truth the interpreter knows (`bool(outputs)` of a list with known items)."""
    if len(args.positional) != 1 or args.keywords or args.star:
        return TOP
    known = interp.truth_of(args.positional[0])
    return const(known) if known is not None else TOP


def _minmax(fn: Callable[[list[object]], object]) -> Builtin:
    def pick(interp: Interpreter, args: Args, node: cst.Call | None) -> AV:
        values = [a.const() for a in args.positional]
        if len(values) >= 2 and all(isinstance(v, (int, float)) for v in values):
            return const(fn(values))
        return TOP

    return pick


_CALLS: dict[str, Builtin] = {
    "range": _range,
    "len": _len,
    "list": _container("list"),
    "set": _container("set"),
    "frozenset": _container("set"),
    "tuple": _tuple,
    "dict": _dict,
    "enumerate": _enumerate,
    "zip": _zip,
    "reversed": _reversed,
    "sorted": _sorted,
    "isinstance": _isinstance,
    "hasattr": _hasattr,
    "getattr": _getattr,
    "setattr": _setattr,
    "super": _super,
    "type": _type,
    "print": _print,
    "int": _number(int),
    "float": _number(float),
    "str": _str,
    "repr": _str,
    "bool": _bool,
    "iter": _identity,
    "min": _minmax(lambda values: min(values)),  # type: ignore[type-var]
    "max": _minmax(lambda values: max(values)),  # type: ignore[type-var]
}


# ============================================================================================ methods
def method(interp: Interpreter, obj: Obj, name: str, args: Args, node: cst.Call | None) -> AV | None:
    state = interp.state
    if type(obj) is TupleObj and name == "as_list" and not args.positional and not args.keywords:
        # A tensor's `get_shape()` is modelled as the tuple of its sizes: `TensorShape.as_list()` is them as a list
        # (a tuple has no `as_list`: no other tuple gets here in a program that runs).
        made = ListObj(node)
        state.set(made, "items", Items(obj.items))
        return AV.of(made)
    if isinstance(obj, ListObj):
        items = state.items(obj)
        value = args.positional[0] if args.positional else TOP
        if name == "append" and len(args.positional) == 1:
            state.set(
                obj,
                "items",
                Items((*items.exact, value))
                if items.exact is not None
                else Items(None, items.merged.join(value)),
            )
            return NONE
        if name == "extend" and len(args.positional) == 1:
            extend(interp, obj, value)
            return NONE
        if name == "insert" and len(args.positional) == 2:
            where = args.positional[0].const()
            item = args.positional[1]
            if items.exact is not None and isinstance(where, int):
                exact = list(items.exact)
                exact.insert(where, item)
                state.set(obj, "items", Items(tuple(exact)))
            else:
                state.set(obj, "items", Items(None, items.every.join(item)))
            return NONE
        if name == "pop":
            if items.exact is not None and items.exact and not args.positional:
                state.set(obj, "items", Items(items.exact[:-1]))
                return items.exact[-1]
            state.set(obj, "items", items.smeared())
            return items.every if not items.every.is_bottom else TOP
        if name in ("reverse", "sort", "remove", "clear"):
            if name == "reverse" and items.exact is not None:
                state.set(obj, "items", Items(tuple(reversed(items.exact))))
            elif name == "clear":
                state.set(obj, "items", Items(()))
            else:
                state.set(obj, "items", items.smeared())
            return NONE
        if name in ("index", "count"):
            return TOP
        if name == "copy":
            copy = ListObj(node, obj.kind)
            state.set(copy, "items", items)
            return AV.of(copy)
        return None
    if isinstance(obj, DictObj):
        entries = state.entries(obj)
        if name == "get" and args.positional:
            key = args.positional[0].const()
            default = args.positional[1] if len(args.positional) > 1 else NONE
            if key is NOTHING:
                return TOP
            found = entries.get(key)
            if found.objs is not None and not any(isinstance(o, Absent) for o in found.objs):
                return found  # the key is there on every path: the default is not read (autokeras's hp.get)
            return present(found).join(default) if found.objs is None or any(True for _ in found) else default
        if name in ("items", "values", "keys"):
            out = ListObj(node, "generator")
            if entries.exact:
                if name == "values":
                    rows = tuple(v for _, v in entries.items)
                elif name == "keys":
                    rows = tuple(const(k) for k, _ in entries.items)
                else:
                    rows = tuple(AV.of(TupleObj((const(k), v))) for k, v in entries.items)
                state.set(out, "items", Items(rows))
            else:
                every = entries.every()
                state.set(out, "items", Items(None, every if name == "values" else TOP))
            return AV.of(out)
        if name == "pop" and args.positional and not args.star and entries.exact:
            key = args.positional[0].const()
            if key is not NOTHING:
                found = entries.get(key)
                kept = tuple((k, v) for k, v in entries.items if not (type(k) is type(key) and k == key))
                state.set(obj, "entries", Entries(kept, True, entries.rest))
                default = args.positional[1] if len(args.positional) > 1 else BOTTOM
                value = present(found)
                return value.join(default) if value is not found or found.is_top else found
        if name == "update" or name == "setdefault" or name == "pop":
            state.set(obj, "entries", Entries(entries.items, False, TOP))
            return TOP
        return None
    if isinstance(obj, Const) and isinstance(obj.value, str) and name in _STRING_METHODS:
        return _string_method(obj.value, name, args)
    return None


_STRING_METHODS = frozenset(
    {"format", "join", "replace", "lower", "upper", "strip", "split", "startswith", "endswith"}
)


def _string_method(text: str, name: str, args: Args) -> AV:
    values = [a.const() for a in args.positional]
    if any(v is NOTHING for v in values) or args.star:
        return TOP
    if name == "format":
        keywords = {k: v.const() for k, v in args.keywords.items()}
        if any(v is NOTHING for v in keywords.values()):
            return TOP
        try:
            return const(text.format(*values, **keywords))
        except (IndexError, KeyError, ValueError, TypeError):  # "{:5.1f}".format(None) raises TypeError
            return TOP
    if name == "join":
        return TOP
    try:
        return const(getattr(text, name)(*values))
    except (TypeError, ValueError):
        return TOP


def extend(interp: Interpreter, obj: ListObj, value: AV) -> None:
    items = interp.state.items(obj)
    found = interp.iteration(value)
    if items.exact is not None and isinstance(found, list):
        interp.state.set(obj, "items", Items((*items.exact, *found)))
    else:
        more = AV.union(found) if isinstance(found, list) else found
        interp.state.set(obj, "items", Items(None, items.every.join(more)))


def attribute(interp: Interpreter, obj: Obj, attr: str, node: AttrNode) -> AV:
    from tfvarfix.semantics.interp import MethodRef

    if isinstance(obj, (ListObj, DictObj)) or (isinstance(obj, Const) and isinstance(obj.value, str)):
        return AV.of(MethodRef(obj, attr))
    if type(obj) is TupleObj and attr == "as_list":
        return AV.of(MethodRef(obj, attr))  # a tensor's TensorShape (see `method`)
    if isinstance(obj, NamedTupleObj):
        found = obj.field(attr)
        return found if found is not None else TOP
    return TOP


# ========================================================================================= namedtuple
NAMEDTUPLE_FACTORIES = frozenset({"collections.namedtuple", "typing.NamedTuple"})
DICT_TYPES = frozenset({"collections.OrderedDict"})


def namedtuple(interp: Interpreter, args: Args, node: cst.Call | None) -> AV:
    """`namedtuple("Feat", ["name", "dim"])` (or `"name dim"`, `"name, dim"`, `defaults=`), and
    `typing.NamedTuple("Feat", [("name", str), ...])`: a NamedTupleType when the names are constants."""
    name = args.first("typename", 0).const()
    spec = args.first("field_names", 1)
    if not isinstance(name, str) or args.star:
        return TOP
    text = spec.const()
    fields: tuple[object, ...]
    if isinstance(text, str):
        fields = tuple(text.replace(",", " ").split())
    else:
        found_items = items_of(interp, spec.single())
        if not isinstance(found_items, list):
            return TOP
        names: list[object] = []
        for entry in found_items:  # "name", or ("name", type) for typing.NamedTuple
            head = entry.single()
            if isinstance(head, TupleObj) and head.items:
                head = head.items[0].single()
            names.append(head.value if isinstance(head, Const) else None)
        fields = tuple(names)
    checked = tuple(f for f in fields if isinstance(f, str) and f.isidentifier())
    if len(checked) != len(fields):
        return TOP
    defaults: tuple[AV, ...] = ()
    given = args.get("defaults")
    if not given.is_bottom:
        found = items_of(interp, given.single())
        if not isinstance(found, list) or len(found) > len(checked):
            return TOP
        defaults = tuple(found)
    return AV.of(NamedTupleType(node, name, checked, defaults))


def make_namedtuple(cls: NamedTupleType, args: Args, node: cst.Call | None) -> AV:
    """`Feat("user", 4)`: its fields from the arguments and the defaults; unknown when they do not fit."""
    if args.star or len(args.positional) > len(cls.fields):
        return TOP
    values: dict[str, AV] = dict(zip(cls.fields, args.positional, strict=False))
    for key, value in args.keywords.items():
        if key not in cls.fields or key in values:
            return TOP
        values[key] = value
    first_default = len(cls.fields) - len(cls.defaults)
    items: list[AV] = []
    for index, field_name in enumerate(cls.fields):
        if field_name in values:
            items.append(values[field_name])
        elif index >= first_default:
            items.append(cls.defaults[index - first_default])
        else:
            return TOP  # Python raises: a required field is missing
    return AV.of(NamedTupleObj(tuple(items), cls, node))


# ========================================================================================= iteration
def items_of(interp: Interpreter, obj: Obj | None) -> list[AV] | AV | None:
    """The items an object iterates over: exact, one value for all, or None (not a container we know)."""
    if obj is None:
        return None
    if isinstance(obj, TupleObj):
        return list(obj.items)
    if isinstance(obj, ListObj):
        items = interp.state.items(obj)
        return list(items.exact) if items.exact is not None else items.merged
    if isinstance(obj, RangeObj):
        return [const(v) for v in obj.values]
    if isinstance(obj, DictObj):
        entries = interp.state.entries(obj)
        return [const(k) for k, _ in entries.items] if entries.exact else TOP
    if isinstance(obj, Const) and isinstance(obj.value, str):
        return TOP
    return None


def item(interp: Interpreter, obj: Obj, index: AV, node: cst.Subscript) -> AV | None:
    key = index.const()
    if isinstance(obj, (TupleObj, ListObj)):
        found = items_of(interp, obj)
        slicer = index.single()
        if isinstance(slicer, SliceObj):
            bounds = slicer.const()
            result = ListObj(node, "list" if isinstance(obj, ListObj) else "tuple")
            if isinstance(found, list) and bounds is not None:
                part = tuple(found[bounds])
                if isinstance(obj, TupleObj):
                    return AV.of(TupleObj(part))
                interp.state.set(result, "items", Items(part))
            else:
                interp.state.set(
                    result, "items", Items(None, AV.union(found) if isinstance(found, list) else found or TOP)
                )
            return AV.of(result)
        if isinstance(found, list) and isinstance(key, int) and not isinstance(key, bool):
            if -len(found) <= key < len(found):
                return found[key]
            return TOP
        if isinstance(found, list):
            return AV.union(found) if found else TOP
        return found if found is not None and not found.is_bottom else TOP
    held = interp.state.get(obj, DICT_ENTRIES) if isinstance(obj, InstanceObj) else None
    if isinstance(obj, DictObj) or isinstance(held, Entries):
        entries = held if isinstance(held, Entries) else interp.state.entries(obj)
        if key is NOTHING:
            # A key not known: one of the values (else a KeyError), when every value stored is known, under
            # known keys or not (a dict that a loop of `build` fills by unknown names, read by name in `call`).
            # A dict whose contents are not known (a parameter, an escape) holds TOP among them.
            every = present(entries.every())
            return every if not every.is_bottom else TOP
        found_value = entries.get(key)
        value = present(found_value)
        return value if not value.is_bottom else TOP
    if isinstance(obj, Const) and isinstance(obj.value, (str, tuple)) and isinstance(key, int):
        try:
            return const(obj.value[key])
        except IndexError:
            return TOP
    return None


def store_item(interp: Interpreter, obj: Obj, index: AV, value: AV, node: cst.Subscript) -> bool:
    state = interp.state
    if isinstance(obj, ListObj):
        items = state.items(obj)
        key = index.const()
        if items.exact is not None and isinstance(key, int) and -len(items.exact) <= key < len(items.exact):
            exact = list(items.exact)
            exact[key] = value
            state.set(obj, "items", Items(tuple(exact)))
        else:
            state.set(obj, "items", Items(None, items.every.join(value)))
        return True
    held = state.get(obj, DICT_ENTRIES) if isinstance(obj, InstanceObj) else None
    if isinstance(obj, DictObj) or isinstance(held, Entries):
        field = DICT_ENTRIES if isinstance(held, Entries) else "entries"
        key = index.const()
        entries = held if isinstance(held, Entries) else state.entries(obj)
        if key is NOTHING:
            state.set(obj, field, Entries(entries.items, False, entries.rest.join(value)))
        else:
            state.set(obj, field, entries.put(key, value))
        return True
    return False


def binary(
    interp: Interpreter, op: cst.BaseBinaryOp, left: AV, right: AV, node: cst.BinaryOperation | None
) -> AV | None:
    a, b = left.single(), right.single()
    if isinstance(op, cst.Add) and isinstance(a, (ListObj, TupleObj)) and isinstance(b, (ListObj, TupleObj)):
        first, second = items_of(interp, a), items_of(interp, b)
        if isinstance(a, TupleObj) and isinstance(b, TupleObj):
            return AV.of(TupleObj((*a.items, *b.items)))
        result = ListObj(node)
        if isinstance(first, list) and isinstance(second, list):
            interp.state.set(result, "items", Items((*first, *second)))
        else:
            merged = [x if isinstance(x, AV) else AV.union(x) for x in (first, second) if x is not None]
            interp.state.set(result, "items", Items(None, AV.union(merged)))
        return AV.of(result)
    if isinstance(op, cst.Multiply):
        container, times = (a, right) if isinstance(a, (ListObj, TupleObj)) else (b, left)
        count = times.const()
        if isinstance(container, (ListObj, TupleObj)):
            found = items_of(interp, container)
            result = ListObj(node, "list" if isinstance(container, ListObj) else "tuple")
            if isinstance(found, list) and isinstance(count, int) and 0 <= count * len(found) <= 64:
                interp.state.set(result, "items", Items(tuple(found) * count))
            else:
                every = AV.union(found) if isinstance(found, list) else found or TOP
                interp.state.set(result, "items", Items(None, every))
                interp.state.set(result, "repeated", AV.of(container))
            return AV.of(result)
    return None


def contains(interp: Interpreter, container: AV, value: AV, positive: bool) -> bool | None:
    return None


# =========================================================================================== truth
def truth(interp: Interpreter, obj: Obj) -> bool | None:
    if isinstance(obj, Const):
        try:
            return bool(obj.value)
        except Exception:
            return None
    if isinstance(obj, TupleObj):
        return bool(obj.items)
    if isinstance(obj, ListObj):
        items = interp.state.items(obj)
        if items.exact is not None:
            return bool(items.exact)
        return None
    if isinstance(obj, (LayerObj, ModelObj, FuncObj, ClassObj, ModuleRef, VarObj)):
        return True
    if (
        isinstance(obj, InstanceObj)
        and not interp.class_attribute(obj.cls, "__len__")
        and not interp.class_attribute(obj.cls, "__bool__")
    ):
        return True
    return None


def enter(interp: Interpreter, obj: Obj, node: cst.WithItem) -> tuple[AV, None] | None:
    if isinstance(obj, InstanceObj):
        method = interp.class_attribute(obj.cls, "__enter__")
        if method is not None:
            return interp.call(interp._bind_method(method, obj), Args((), {}, {}, False), None), None
    return None


# ========================================================================================= isinstance
def class_names(interp: Interpreter, value: AV) -> tuple[object, ...] | None:
    """The classes an isinstance test names: canonical names of TF/Keras/builtin classes, or ClassObjs."""
    obj = value.single()
    if isinstance(obj, TupleObj):
        out: list[object] = []
        for item in obj.items:
            inner = class_names(interp, item)
            if inner is None:
                return None
            out.extend(inner)
        return tuple(out)
    if isinstance(obj, ModuleRef):
        return (obj.canonical,)
    if isinstance(obj, (ClassObj, NamedTupleType)):
        return (obj,)
    return None


_PY_TYPES: dict[type, str] = {
    int: "builtins.int",
    float: "builtins.float",
    str: "builtins.str",
    bool: "builtins.bool",
    bytes: "builtins.bytes",
    type(None): "builtins.NoneType",
}


def isinstance_of(interp: Interpreter, obj: Obj, names: tuple[object, ...]) -> bool | None:
    from tfvarfix.keras.transfer import keras_isinstance

    if isinstance(obj, Const):
        mine = _PY_TYPES.get(type(obj.value))
        if mine is None:
            return None
        if mine == "builtins.bool" and "builtins.int" in names:
            return True
        return (
            mine in names
            if all(isinstance(n, str) and n.startswith("builtins.") for n in names)
            else (mine in names or None)
        )
    if isinstance(obj, NamedTupleObj):
        return obj.cls in names or "builtins.tuple" in names or "builtins.object" in names
    if isinstance(obj, (ListObj, TupleObj, DictObj)):
        kind = (
            "builtins.tuple"
            if isinstance(obj, TupleObj)
            else "builtins.dict"
            if isinstance(obj, DictObj)
            else f"builtins.{obj.kind}"
        )
        if kind in names:
            return True
        return (
            False
            if all(isinstance(n, str) and n.startswith(("builtins.", "keras.", "tf.")) for n in names)
            else None
        )
    if isinstance(obj, InstanceObj):
        mro = obj.cls.mro()
        if any(isinstance(n, ClassObj) and n in mro for n in names):
            return True
        if any(
            isinstance(n, str) and keras_isinstance(c.keras_base or "", n)
            for c in mro
            for n in names
            if c.keras_base
        ):
            return True
        if obj.cls.unknown_base:
            return None
        return (
            False
            if all(
                isinstance(n, ClassObj) or (isinstance(n, str) and n.startswith(("keras.", "builtins.")))
                for n in names
            )
            else None
        )
    if isinstance(obj, (LayerObj, ModelObj, VarObj, TensorObj)):
        return keras_isinstance_obj(obj, names)
    return None


def keras_isinstance_obj(obj: Obj, names: tuple[object, ...]) -> bool | None:
    from tfvarfix.keras.transfer import class_of, keras_isinstance

    mine = class_of(obj)
    if mine is None:
        return None
    verdicts: list[bool | None] = []
    for name in names:
        if isinstance(name, ClassObj):
            verdicts.append(False)
        elif isinstance(name, str):
            verdicts.append(keras_isinstance(mine, name))
    if any(v is True for v in verdicts):
        return True
    if all(v is False for v in verdicts):
        return False
    return None
