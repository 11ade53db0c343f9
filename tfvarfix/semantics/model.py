"""The facts a module yields: what its names hold, where layers and models are made and built.

Facts are plain mutable records built by one walk (`semantics.builder`) and then read, never changed, by rules.
Order is per scope: `order` counts the statements of a scope's body, nested blocks included, in source order.
"""

from __future__ import annotations

import enum
import itertools
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

import libcst as cst

from tfvarfix.keras.table import LayerSpec


class ScopeKind(enum.Enum):
    MODULE = "module"
    FUNCTION = "function"
    CLASS = "class"


@dataclass(eq=False)
class Scope:
    kind: ScopeKind
    name: str
    node: cst.CSTNode
    parent: Scope | None
    bindings: dict[str, Value] = field(default_factory=dict)
    class_fact: ClassFact | None = None  # for a method: the class it belongs to
    decorators: tuple[str, ...] = ()  # canonical names of a function's decorators

    def lookup(self, name: str) -> Value | None:
        scope: Scope | None = self
        while scope is not None:
            if name in scope.bindings:
                return scope.bindings[name]
            # Class bodies are not visible from the methods inside them.
            scope = scope.parent
            while scope is not None and scope.kind is ScopeKind.CLASS and scope is not self:
                scope = scope.parent
        return None

    @property
    def function_name(self) -> str:
        return self.name if self.kind is ScopeKind.FUNCTION else ""


# ----------------------------------------------------------------------------------------------- values
class Value:
    """What an expression is known to evaluate to."""


class Unknown(Value):
    """Bound, but to something the analysis cannot follow (a parameter, a loop target, a merge of branches)."""


UNKNOWN = Unknown()


@dataclass(eq=False)
class Imported(Value):
    """A module or a module member, by its fully qualified dotted name as written in the imports."""

    dotted: str

    @property
    def canonical(self) -> str:
        from tfvarfix.keras.names import canonical

        return canonical(self.dotted)


@dataclass(eq=False)
class Constant(Value):
    value: object  # str, int, float, bool, None, or a tuple of those


@dataclass(eq=False)
class LayerValue(Value):
    layer: LayerFact


@dataclass(eq=False)
class ModelValue(Value):
    model: ModelFact


@dataclass(eq=False)
class TensorValue(Value):
    """A symbolic tensor: the output of a layer call, an `Input`, or an op on tensors."""

    layer: LayerFact | None
    inputs: tuple[TensorValue, ...] = ()
    is_input: bool = False
    shape: tuple[int | None, ...] | None = None


@dataclass(eq=False)
class VariableValue(Value):
    variable: VariableFact


@dataclass(eq=False)
class InstanceValue(Value):
    """An instance of a class defined in this module (`self` inside its methods)."""

    cls: ClassFact


@dataclass(eq=False)
class ListValue(Value):
    items: tuple[Value, ...]


@dataclass(eq=False)
class FunctionValue(Value):
    """A function defined in this module."""

    node: cst.FunctionDef
    scope: Scope  # the scope it is defined in


@dataclass(eq=False)
class ClassValue(Value):
    cls: ClassFact


@dataclass(eq=False)
class WeightValue(Value):
    """A reference to a layer's weight (`lstm.cell.kernel`)."""

    ref: WeightRef


# ------------------------------------------------------------------------------------------------ facts
@dataclass(eq=False)
class LayerFact:
    """A layer construction: `LSTM(64, name='my_lstm')`."""

    node: cst.Call
    cls: str  # canonical class, `keras.layers.LSTM`, or the local class's name
    spec: LayerSpec | None
    scope: Scope
    order: int
    statement: cst.CSTNode
    name: str | None = None  # the literal `name=`
    name_node: cst.BaseExpression | None = None
    keywords: dict[str, cst.Arg] = field(default_factory=dict)
    positional: tuple[cst.Arg, ...] = ()
    symbols: list[str] = field(default_factory=list)  # names or `self.attr` it is bound to
    model: ModelFact | None = None
    wrapped: LayerFact | None = None  # Bidirectional/TimeDistributed: the inner layer
    wrapper: LayerFact | None = None
    in_loop: bool = False
    local_class: ClassFact | None = None
    builds: list[tuple[Scope, int]] = field(default_factory=list)  # statements that build it
    input_dim: int | None = None
    arms: tuple[tuple[int, int], ...] = ()  # (if/match, arm) it is made in; see `exclusive`

    def built_before(self, scope: Scope, order: int) -> bool:
        """Whether a statement before `order` in `scope` certainly built this layer."""
        return any(s is scope and o < order for s, o in self.builds)

    def built_anywhere(self) -> bool:
        return bool(self.builds)

    @property
    def short_class(self) -> str:
        return self.cls.rsplit(".", 1)[-1]

    def argument(self, keyword: str) -> cst.BaseExpression | None:
        """The expression given for a config keyword, by keyword or by its position."""
        if keyword in self.keywords:
            return self.keywords[keyword].value
        if self.spec is not None and keyword in self.spec.positional:
            index = self.spec.positional.index(keyword)
            if index < len(self.positional):
                return self.positional[index].value
        return None


def exclusive(a: tuple[tuple[int, int], ...], b: tuple[tuple[int, int], ...]) -> bool:
    """Whether two facts were made on different arms of one if/match, so at most one of them runs."""
    arms = dict(a)
    return any(node in arms and arms[node] != arm for node, arm in b)


class ModelKind(enum.Enum):
    SEQUENTIAL = "sequential"
    FUNCTIONAL = "functional"
    SUBCLASSED = "subclassed"


@dataclass(eq=False)
class ModelFact:
    kind: ModelKind
    node: cst.CSTNode
    scope: Scope
    order: int
    layers: list[LayerFact] = field(default_factory=list)
    symbols: list[str] = field(default_factory=list)
    name: str | None = None
    starts_with_input: bool = False
    builds: list[tuple[Scope, int]] = field(default_factory=list)
    cls: ClassFact | None = None
    complete: bool = True  # False when some of its layers could not be followed
    add_calls: list[cst.Call] = field(default_factory=list)
    input_dim: int | None = None  # the last dimension of its Input, when static

    def built_before(self, scope: Scope, order: int) -> bool:
        return any(s is scope and o < order for s, o in self.builds)

    def find_layer(self, name: str) -> LayerFact | None:
        found = [layer for layer in self.layers if layer.name == name]
        return found[0] if len(found) == 1 else None


@dataclass(eq=False)
class ClassFact:
    """A class defined in the module. `keras_base` is the canonical Keras base it derives from, if any."""

    node: cst.ClassDef
    name: str
    scope: Scope
    keras_base: str | None
    bases: tuple[str, ...]
    attributes: dict[str, Value] = field(default_factory=dict)  # `self.x = ...` in __init__/build
    layers: list[LayerFact] = field(default_factory=list)  # layers bound to attributes in __init__
    methods: dict[str, cst.FunctionDef] = field(default_factory=dict)

    @property
    def is_layer(self) -> bool:
        return self.keras_base is not None and not self.is_serializable_object

    @property
    def is_serializable_object(self) -> bool:
        """An Initializer, Constraint or Regularizer subclass: serializable, but not a layer."""
        return self.keras_base is not None and self.keras_base.startswith(
            ("keras.initializers.", "keras.constraints.", "keras.regularizers.")
        )

    @property
    def is_model(self) -> bool:
        return self.keras_base in ("keras.Model", "keras.Sequential")


class RefContext(enum.Enum):
    LOAD = "load"
    STORE = "store"
    DELETE = "delete"


@dataclass(eq=False)
class WeightRef:
    """An attribute chain that reaches a layer weight: `lstm.cell.kernel`, `model.get_layer('x').kernel`.

    `layer_node` is the expression that evaluates to the layer; `path` is the attribute chain after it.
    """

    node: cst.Attribute
    layer_node: cst.BaseExpression
    layer: LayerFact
    path: tuple[str, ...]
    context: RefContext
    scope: Scope
    order: int
    statement: cst.CSTNode


@dataclass(eq=False)
class VariableFact:
    """A variable creation: `tf.Variable(...)`, `keras.Variable(...)`, `get_variable(...)`, `add_weight(...)`."""

    node: cst.Call
    constructor: str  # canonical callee, or "add_weight"
    scope: Scope
    order: int
    statement: cst.CSTNode
    name: str | None = None  # the statically known name
    name_node: cst.BaseExpression | None = None
    initial_value: cst.BaseExpression | None = None
    symbols: list[str] = field(default_factory=list)
    in_loop: bool = False


@dataclass(eq=False)
class CallFact:
    """A call whose callee resolves to a canonical TF/Keras name (`tf.compat.v1.variable_scope`, ...)."""

    node: cst.Call
    callee: str
    scope: Scope
    order: int
    statement: cst.CSTNode
    receiver: Value | None = None  # for method calls on known values: the object


@dataclass(eq=False)
class ModuleFacts:
    module: cst.Module
    scopes: list[Scope] = field(default_factory=list)
    layers: list[LayerFact] = field(default_factory=list)
    models: list[ModelFact] = field(default_factory=list)
    classes: list[ClassFact] = field(default_factory=list)
    weight_refs: list[WeightRef] = field(default_factory=list)
    variables: list[VariableFact] = field(default_factory=list)
    calls: list[CallFact] = field(default_factory=list)
    # Extension collectors store their own facts here, under their name.
    extra: dict[str, object] = field(default_factory=dict)
    mentions_legacy_keras: bool = False
    # The module's text, when the engine has it: `module.code` regenerates the whole text on every call.
    source: str | None = None
    _quoted: Counter[str] | None = field(default=None, repr=False)
    _indexes: dict[str, tuple[int, object]] = field(default_factory=dict, repr=False)

    @property
    def code(self) -> str:
        """The module's source text (generated at most once)."""
        if self.source is None:
            self.source = self.module.code
        return self.source

    def quoted_count(self, text: str) -> int:
        """How often `'text'` or `"text"` (optionally prefixed: r'', b'', u'') stands in the source as a whole quoted
        string, not right after a word character; counted for every string in one pass over the source, so that
        asking for many names stays linear. Overlapping quotes count more, never less, than a regex scan."""
        if "'" in text or '"' in text or "\n" in text:
            pattern = re.compile(r"""(?<![\w])[rRbBuU]?(['"])""" + re.escape(text) + r"\1")
            return len(pattern.findall(self.code))
        if self._quoted is None:
            self._quoted = _quoted_strings(self.code)
        return self._quoted[text]

    def layers_in(self, scope: Scope) -> list[LayerFact]:
        return [layer for _, layer in self._layer_index().get(id(scope), ())]

    def layers_in_any(self, scopes: Iterable[Scope]) -> list[LayerFact]:
        """The layers made in any of `scopes`, in the order they were found."""
        index = self._layer_index()
        found = [item for key in {id(scope) for scope in scopes} for item in index.get(key, ())]
        return [layer for _, layer in sorted(found, key=lambda item: item[0])]

    def calls_to(self, *callees: str) -> list[CallFact]:
        index = self._call_index()
        if len(callees) == 1:
            return [call for _, call in index.get(callees[0], ())]
        found = [item for callee in set(callees) for item in index.get(callee, ())]
        return [call for _, call in sorted(found, key=lambda item: item[0])]

    # Indexes built on first use and rebuilt when facts were added since: asking once per layer, class or
    # variable must not cost a pass over every fact of the module (that is quadratic on large modules).
    def _layer_index(self) -> dict[int, list[tuple[int, LayerFact]]]:
        cached = self._indexes.get("layers")
        if cached is None or cached[0] != len(self.layers):
            by_scope: dict[int, list[tuple[int, LayerFact]]] = {}
            for position, layer in enumerate(self.layers):
                by_scope.setdefault(id(layer.scope), []).append((position, layer))
            cached = (len(self.layers), by_scope)
            self._indexes["layers"] = cached
        return cached[1]  # type: ignore[return-value]

    def _call_index(self) -> dict[str, list[tuple[int, CallFact]]]:
        cached = self._indexes.get("calls")
        if cached is None or cached[0] != len(self.calls):
            by_callee: dict[str, list[tuple[int, CallFact]]] = {}
            for position, call in enumerate(self.calls):
                by_callee.setdefault(call.callee, []).append((position, call))
            cached = (len(self.calls), by_callee)
            self._indexes["calls"] = cached
        return cached[1]  # type: ignore[return-value]


_QUOTE = re.compile(r"['\"\n]")


def _word(char: str) -> bool:
    return char.isalnum() or char == "_"


def _quoted_strings(code: str) -> Counter[str]:
    """For each quote, the text up to the next quote or newline when that is the same quote character, counted
    where the opening quote (or its one-letter prefix) does not follow a word character."""
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
