"""The abstract heap: the mutable fields of abstract objects, copied on write so that branches fork cheaply.

A `State` maps each object with mutable parts to its fields: a frame's variables, an instance's attributes,
a list's items, a layer's built flag. Forking a state copies the map, not the fields; the first write to an
object's fields after a fork copies them. Joining two states joins field by field, and only where the two
hold different field maps, so an `if` costs what its arms changed.

Lists are exact (`Items.exact`, one value per position) while every operation on them is known; an
unknown index store, an unknown-length extend, a loop of unknown count or an escape into unknown code makes
them merged: one value for every element, and an unknown length.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass

from tfvarfix.semantics.values import ABSENT, AV, BOTTOM, TOP, Absent, Obj

Fields = dict[str, object]


@dataclass(frozen=True)
class Items:
    """The items of a list: exact (one value per position) or merged (`exact is None`, every item `merged`)."""

    exact: tuple[AV, ...] | None
    merged: AV = BOTTOM

    @staticmethod
    def of(values: Iterable[AV]) -> Items:
        return Items(tuple(values))

    @property
    def every(self) -> AV:
        """A value for any element."""
        if self.exact is None:
            return self.merged
        return AV.union(self.exact) if self.exact else BOTTOM

    def smeared(self) -> Items:
        return Items(None, self.every)

    def join(self, other: Items) -> Items:
        if self is other:
            return self
        if self.exact is not None and other.exact is not None and len(self.exact) == len(other.exact):
            return Items(tuple(a.join(b) for a, b in zip(self.exact, other.exact, strict=True)))
        return Items(None, self.every.join(other.every))


EMPTY_ITEMS = Items(())
UNKNOWN_ITEMS = Items(None, TOP)


@dataclass(frozen=True)
class Entries:
    """The items of a dict by constant key; `exact` False when some keys are unknown (`rest` holds them)."""

    items: tuple[tuple[object, AV], ...]
    exact: bool = True
    rest: AV = BOTTOM

    def get(self, key: object) -> AV:
        for k, v in self.items:
            if type(k) is type(key) and k == key:
                return v if self.exact else v.join(self.rest)
        return ABSENT if self.exact else self.rest.join(ABSENT)

    def put(self, key: object, value: AV) -> Entries:
        kept = tuple((k, v) for k, v in self.items if not (type(k) is type(key) and k == key))
        return Entries((*kept, (key, value)), self.exact, self.rest)

    def every(self) -> AV:
        return AV.union([v for _, v in self.items] + [self.rest])

    def join(self, other: Entries) -> Entries:
        if self is other:
            return self
        keys = [k for k, _ in self.items] + [k for k, _ in other.items if not _has(self, k)]
        joined = tuple((k, self.get(k).join(other.get(k))) for k in keys)
        return Entries(joined, self.exact and other.exact, self.rest.join(other.rest))


def _has(entries: Entries, key: object) -> bool:
    return any(type(k) is type(key) and k == key for k, _ in entries.items)


EMPTY_ENTRIES = Entries(())


class _Layer(Mapping[Obj, Fields]):
    """A frozen delta on top of another heap: what one path changed before it forked (never mutated).

    A fork of a state that changed much turns its delta into a layer both paths share, instead of copying it, and
    a join looks only at what changed above the layer its states share: an `if` deep in a long function costs
    what its arms changed, not what the function did before it. `root` is the frozen heap below every layer."""

    __slots__ = ("depth", "own", "parent", "root")

    def __init__(self, own: dict[Obj, Fields], parent: Mapping[Obj, Fields]) -> None:
        self.own = own
        self.parent = parent
        if type(parent) is _Layer:
            self.root: Mapping[Obj, Fields] = parent.root
            self.depth: int = parent.depth + 1
        else:
            self.root = parent
            self.depth = 1

    def get(self, obj: Obj, default: object = None) -> Fields | None:  # type: ignore[override]
        layer: Mapping[Obj, Fields] = self
        while type(layer) is _Layer:
            found = layer.own.get(obj)
            if found is not None:
                return found
            layer = layer.parent
        found = layer.get(obj)
        return found if found is not None else default  # type: ignore[return-value]

    def __contains__(self, obj: object) -> bool:
        return self.get(obj) is not None  # type: ignore[arg-type]

    def __getitem__(self, obj: Obj) -> Fields:
        found = self.get(obj)
        if found is None:
            raise KeyError(obj)
        return found

    def chain(self) -> list[_Layer]:
        """The layers from this one down to the root's, top first."""
        out: list[_Layer] = []
        layer: Mapping[Obj, Fields] = self
        while type(layer) is _Layer:
            out.append(layer)
            layer = layer.parent
        return out

    def changes(self) -> dict[Obj, Fields]:
        """Every object changed above the root, with its fields here (in the order the changes were made)."""
        return _changes_above(self, None)

    def __iter__(self) -> Iterator[Obj]:
        changed = self.changes()
        yield from changed
        yield from (k for k in self.root if k not in changed)

    def __len__(self) -> int:
        changed = self.changes()
        return len(changed) + sum(1 for k in self.root if k not in changed)


def _changes_above(base: Mapping[Obj, Fields], below: Mapping[Obj, Fields] | None) -> dict[Obj, Fields]:
    """What the layers of `base` above `below` (the root when None) changed: lower layers first, so that a key
    keeps the place of its first change and the value of its last."""
    out: dict[Obj, Fields] = {}
    if type(base) is not _Layer:
        return out
    for layer in reversed(base.chain()):
        if below is not None and layer is below:
            out.clear()  # what lies at or below `below` is not a change above it
            continue
        out.update(layer.own)
    return out


def _root_of(base: Mapping[Obj, Fields]) -> Mapping[Obj, Fields]:
    return base.root if type(base) is _Layer else base


_LAYER_AT = 64  # a fork of a state that changed more objects than this shares its delta as a layer
_FLATTEN_AT = 12  # layers deeper than this are merged into one (above the same root)


class State:
    """One abstract program state: the heap, and whether the path is dead (after return/raise/break).

    The heap is a frozen `base` shared by every state forked from one point (the module's end state, for the
    entries) and a `delta` of what changed since, so a fork costs what its path changed, not the heap's size.
    """

    __slots__ = ("base", "dead", "delta", "owned")

    def __init__(
        self, base: Mapping[Obj, Fields] | None = None, delta: dict[Obj, Fields] | None = None
    ) -> None:
        self.base: Mapping[Obj, Fields] = base if base is not None else _EMPTY_BASE
        self.delta: dict[Obj, Fields] = delta if delta is not None else {}
        self.owned: set[int] = set()  # ids of the field maps this state alone holds
        self.dead = False

    # ------------------------------------------------------------------------------------ fields
    def _fields(self, obj: Obj) -> Fields | None:
        found = self.delta.get(obj)
        return found if found is not None else self.base.get(obj)

    def get(self, obj: Obj, field: str) -> object | None:
        fields = self._fields(obj)
        return fields.get(field) if fields is not None else None

    def value(self, obj: Obj, field: str) -> AV | None:
        found = self.get(obj, field)
        return found if isinstance(found, AV) else None

    def has(self, obj: Obj) -> bool:
        return obj in self.delta or obj in self.base

    def fields(self, obj: Obj) -> Mapping[str, object]:
        return self._fields(obj) or {}

    def snapshot(self, obj: Obj) -> Mapping[str, object]:
        """The object's fields as they are now, never changed later (the next write copies them)."""
        fields = self._fields(obj)
        if fields is None:
            return {}
        self.owned.discard(id(fields))
        return fields

    def set(self, obj: Obj, field: str, value: object) -> None:
        fields = self.delta.get(obj)
        if fields is None:
            inherited = self.base.get(obj)
            fields = dict(inherited) if inherited is not None else {}
            self.delta[obj] = fields
            self.owned.add(id(fields))
        elif id(fields) not in self.owned:
            fields = dict(fields)
            self.delta[obj] = fields
            self.owned.add(id(fields))
        fields[field] = value

    def objects(self) -> Iterator[Obj]:
        """Every object the heap holds fields of here (a scan: for rare questions, not for every step)."""
        yield from self.delta
        yield from (obj for obj in self.base if obj not in self.delta)

    def touch(self, obj: Obj) -> None:
        """Record that `obj` exists here, before any field of it is set: a join with a path that sets a field of
        it then knows the field may be absent (an object no path before the fork held is taken as made on the
        one path that holds it, its fields as they are there)."""
        if obj not in self.delta and obj not in self.base:
            fields: Fields = {}
            self.delta[obj] = fields
            self.owned.add(id(fields))

    def remove(self, obj: Obj, field: str) -> None:
        if field in self.fields(obj):
            self.set(obj, field, None)
            del self.delta[obj][field]

    def items(self, obj: Obj) -> Items:
        found = self.get(obj, "items")
        return found if isinstance(found, Items) else UNKNOWN_ITEMS

    def entries(self, obj: Obj) -> Entries:
        found = self.get(obj, "entries")
        return found if isinstance(found, Entries) else Entries((), False, TOP)

    # ------------------------------------------------------------------------------------ paths
    def fork(self) -> State:
        self.owned = set()
        if len(self.delta) > _LAYER_AT:
            self._share()
            other = State(self.base, {})
        else:
            other = State(self.base, dict(self.delta))
        other.dead = self.dead
        return other

    def _share(self) -> None:
        """Turn the delta into a layer of the base (this state and its forks share it; writes copy)."""
        layer = _Layer(self.delta, self.base)
        if layer.depth > _FLATTEN_AT:
            layer = _Layer(layer.changes(), layer.root)
        self.base, self.delta, self.owned = layer, {}, set()

    def changed_count(self) -> int:
        """About how many objects changed since the root (an upper bound)."""
        base = self.base
        return len(self.delta) + (sum(len(layer.own) for layer in base.chain()) if type(base) is _Layer else 0)

    def frozen(self) -> State:
        """A state whose base is everything this one holds: forks of it start with an empty delta."""
        if not self.delta and type(self.base) is not _Layer:
            return State(self.base)
        root = _root_of(self.base)
        merged = dict(root)
        merged.update(_changes_above(self.base, None))
        merged.update(self.delta)
        self.owned = set()
        return State(merged)

    def view(self) -> HeapView:
        """The heap as it is now, never changed later."""
        if len(self.delta) > _LAYER_AT:
            self._share()
        self.owned = set()
        return HeapView(self.base, dict(self.delta))

    @staticmethod
    def join(states: Iterable[State]) -> State:
        live = [s for s in states if not s.dead]
        if not live:
            dead = State()
            dead.dead = True
            return dead
        first = live[0]
        if len(live) == 1:
            return first
        base = first.base
        deltas = [s.delta for s in live]
        if any(s.base is not base for s in live[1:]):
            root = _root_of(base)
            if any(_root_of(s.base) is not root for s in live[1:]):
                # Rare (states from different frozen points): join over everything.
                live = [State(_EMPTY_BASE, {**s.base, **s.delta}) for s in live]
                base, deltas = _EMPTY_BASE, [s.delta for s in live]
            else:
                # Paths that forked from a shared layer: join what each changed above the deepest one they share.
                base = _shared_layer([s.base for s in live])
                deltas = [{**_changes_above(s.base, base if base is not root else None), **s.delta} for s in live]
        delta = dict(deltas[0])
        for other_delta in deltas[1:]:
            # In insertion order, not a set's: the joined heap's order (fields, visible objects) must not vary
            # with hashing from one run to the next.
            for obj in [*delta, *(o for o in other_delta if o not in delta)]:
                mine = delta.get(obj)
                theirs = other_delta.get(obj)
                if mine is theirs:
                    continue
                if mine is None:
                    mine = base.get(obj)
                if theirs is None:
                    theirs = base.get(obj)
                if mine is None or theirs is None:
                    delta[obj] = mine if theirs is None else theirs  # type: ignore[assignment]
                elif mine is not theirs:
                    delta[obj] = _join_fields(mine, theirs)
        return State(base, delta)


def _shared_layer(bases: list[Mapping[Obj, Fields]]) -> Mapping[Obj, Fields]:
    """The deepest heap in every base's chain (the layer the paths forked from; at worst their shared root)."""
    first = bases[0]
    chains = [{id(layer) for layer in b.chain()} if type(b) is _Layer else set() for b in bases[1:]]
    if type(first) is _Layer:
        for layer in first.chain():
            if all(id(layer) in chain for chain in chains):
                return layer
    return _root_of(first)


class HeapView(Mapping[Obj, Mapping[str, object]]):
    """A read-only heap snapshot kept by events: the shared base (its layers included) and a copy of the delta."""

    __slots__ = ("_base", "_changed", "_delta")

    def __init__(self, base: Mapping[Obj, Fields], delta: dict[Obj, Fields]) -> None:
        self._base = base
        self._delta = delta
        self._changed: dict[Obj, Fields] | None = None if type(base) is _Layer else delta

    @property
    def base(self) -> Mapping[Obj, Fields]:
        """The frozen heap this view shares with every view taken since the same point (see `State`)."""
        return _root_of(self._base)

    @property
    def changed(self) -> Mapping[Obj, Fields]:
        """The objects whose fields differ from `base`, with their fields here."""
        if self._changed is None:
            self._changed = {**_changes_above(self._base, None), **self._delta}
        return self._changed

    def __getitem__(self, obj: Obj) -> Mapping[str, object]:
        found = self._delta.get(obj)
        if found is None:
            found = self._base[obj]
        return found

    def get(self, obj: Obj, default: object = None) -> Mapping[str, object] | None:  # type: ignore[override]
        found = self._delta.get(obj)
        if found is None:
            found = self._base.get(obj)
        return found if found is not None else default  # type: ignore[return-value]

    def __iter__(self) -> Iterator[Obj]:
        changed = self.changed
        yield from changed
        yield from (k for k in self.base if k not in changed)

    def __len__(self) -> int:
        changed = self.changed
        return len(changed) + sum(1 for k in self.base if k not in changed)


_EMPTY_BASE: Mapping[Obj, Fields] = {}


def _join_fields(a: Fields, b: Fields) -> Fields:
    out: Fields = {}
    for key in [*a, *(k for k in b if k not in a)]:  # a's order, then b's new keys: never a set's order
        x, y = a.get(key), b.get(key)
        if x is y:
            out[key] = x
        elif x is None:
            out[key] = _with_absent(y)
        elif y is None:
            out[key] = _with_absent(x)
        else:
            out[key] = join_field(x, y)
    return out


def _with_absent(value: object) -> object:
    return value.join(ABSENT) if isinstance(value, AV) else value


def join_field(x: object, y: object) -> object:
    if isinstance(x, AV) and isinstance(y, AV):
        return x.join(y)
    if isinstance(x, Items) and isinstance(y, Items):
        return x.join(y)
    if isinstance(x, Entries) and isinstance(y, Entries):
        return x.join(y)
    if isinstance(x, tuple) and isinstance(y, tuple):
        return x if x == y else _merge_records(x, y)
    return x if x == y else TOP


def _merge_records(x: tuple[object, ...], y: tuple[object, ...]) -> tuple[object, ...]:
    """Record lists (edits, events) that differ between two paths: keep the common prefix."""
    out: list[object] = []
    for a, b in zip(x, y, strict=False):
        if a != b:
            break
        out.append(a)
    return (*out, MERGED)


class _Merged:
    def __repr__(self) -> str:
        return "MERGED"


MERGED = _Merged()


def present(value: AV) -> AV:
    """The value without its 'may be absent' part."""
    if value.objs is None or not any(isinstance(o, Absent) for o in value.objs):
        return value
    return AV(frozenset(o for o in value.objs if not isinstance(o, Absent)))


def held_values(fields: Mapping[str, object]) -> Iterator[AV]:
    """The values an object's fields hold: plain values, a list's items, a dict's entries."""
    for value in fields.values():
        if isinstance(value, AV):
            yield value
        elif isinstance(value, Items):
            yield from value.exact if value.exact is not None else (value.merged,)
        elif isinstance(value, Entries):
            yield from (v for _, v in value.items)
            yield value.rest


def maybe_absent(value: AV) -> bool:
    return value.objs is not None and any(isinstance(o, Absent) for o in value.objs)
