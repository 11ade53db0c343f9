"""Arrays and tensors made by numpy, TensorFlow and keras.ops: their static shapes and, when they are made from
constants, what they hold (`Content`).

A shape is a tuple with None for a dimension that is not known; an array whose rank is unknown has no shape.
`Content` says what an array made only from constants holds: every element one value (`np.full(3, .1)`,
`tf.zeros`, `np.ones_like(w)` of a known shape), a literal (`np.array([[1, 2]])`, a list of numbers), the
identity (`np.eye(n)`), or something else computed from constants (`np.ones(3) * 0.5`). Data, random numbers
and trained values have no content.
"""

from __future__ import annotations

import itertools
import operator
from collections.abc import Callable, Sequence
from typing import Protocol

import libcst as cst

from tfvarfix.semantics.values import AV, NOTHING, TOP, Args, Const, Content, TensorObj, TupleObj, VarObj

Shape = tuple[int | None, ...]
Index = tuple[int | slice, ...]  # per axis: an int, or a slice with constant bounds


class Resolver(Protocol):
    """What the interpreter can say of a value at this point (lists are read from the heap)."""

    def constant(self, value: AV) -> object:
        """The Python value the value certainly is (lists as tuples), or NOTHING."""

    def dims(self, value: AV) -> Shape | None:
        """A shape argument: an int or a tuple/list of ints, unknown entries as None; None when not a shape."""


_FILLS = {"zeros": 0.0, "ones": 1.0, "empty": None}
_LIKE = {"zeros_like": 0.0, "ones_like": 1.0, "full_like": None, "empty_like": None}
_RANDOM_SHAPE_FIRST = frozenset(
    {
        "normal",
        "uniform",
        "truncated_normal",
        "random_normal",
        "random_uniform",
        "standard_normal",
        "stateless_normal",
    }
)
_SIZE_KEYWORD = frozenset(
    {"normal", "uniform", "standard_normal", "randint", "choice", "random", "random_sample", "rand"}
)
# where numpy.random's `size` sits when it is given by position: np.random.normal(loc, scale, size),
# np.random.uniform(low, high, size), np.random.randint(low, high, size), np.random.choice(a, size),
# np.random.standard_normal(size), np.random.random(size), np.random.random_sample(size)
_SIZE_POSITION = {
    "normal": 2, "uniform": 2, "randint": 2, "choice": 1, "standard_normal": 0, "random": 0, "random_sample": 0,
}  # fmt: skip
_LITERAL = frozenset({"constant", "convert_to_tensor", "array", "asarray", "asanyarray", "cast", "identity"})
_ELEMENTWISE = frozenset(
    {
        "sqrt", "exp", "log", "abs", "square", "negative", "tanh", "sigmoid", "sin", "cos", "multiply", "add",
        "subtract", "divide", "maximum", "minimum", "clip", "clip_by_value", "where", "astype", "flip",
        "transpose", "reshape", "stack", "concatenate", "concat", "tile", "repeat", "diag", "expand_dims",
    }
)  # fmt: skip
_RESHAPING = frozenset(
    {
        "transpose",
        "reshape",
        "stack",
        "concatenate",
        "concat",
        "tile",
        "repeat",
        "diag",
        "expand_dims",
        "flip",
    }
)
_NAMESPACES = ("numpy.", "tf.", "keras.ops.", "keras.backend.", "keras.random.", "tf.compat.v1.")


def namespace_of(name: str) -> tuple[str, str] | None:
    """(namespace, function) of an array API name: `("numpy.random.", "normal")`, `("tf.", "zeros")`."""
    for prefix in ("numpy.random.", "tf.random.", "keras.random.", "tf.compat.v1.random.", *_NAMESPACES):
        if name.startswith(prefix) and "." not in name[len(prefix) :]:
            return prefix, name[len(prefix) :]
    return None


def int_tuple(value: object) -> Shape | None:
    if isinstance(value, int) and not isinstance(value, bool):
        return (value,)
    if isinstance(value, tuple) and all(
        (isinstance(v, int) and not isinstance(v, bool)) or v is None for v in value
    ):
        return value
    return None


def literal_shape(value: object) -> Shape | None:
    """The shape of a nested tuple of numbers (as `AV.const()` gives it): `((1, 2), (3, 4))` -> (2, 2)."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return ()
    if not isinstance(value, tuple) or not value:
        return None
    inner = [literal_shape(v) for v in value]
    if any(s is None for s in inner) or len(set(inner)) != 1:
        return None
    first = inner[0]
    assert first is not None
    return (len(value), *first)


def _numbers(value: object) -> bool:
    if isinstance(value, tuple):
        return all(_numbers(v) for v in value)
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def shape_of(value: AV, resolve: Resolver) -> Shape | None:
    """The static shape of a value that is certainly one array, a number or a nested list of numbers."""
    obj = value.single()
    if isinstance(obj, TensorObj):
        return obj.shape
    known = resolve.constant(value)
    if known is not NOTHING:
        return literal_shape(known)
    return None


def index_of(value: AV) -> Index | None:
    """A subscript's index as ints and slices with constant bounds (`w[0, 1:3]` -> `(0, slice(1, 3))`), or None."""
    from tfvarfix.semantics.pybuiltins import SliceObj

    obj = value.single()
    parts = obj.items if isinstance(obj, TupleObj) else (value,)
    out: list[int | slice] = []
    for part in parts:
        item = part.single()
        if isinstance(item, SliceObj):
            bounds = item.const()
            if bounds is None:
                return None
            out.append(bounds)
        elif isinstance(item, Const) and isinstance(item.value, int) and not isinstance(item.value, bool):
            out.append(item.value)
        else:
            return None
    return tuple(out)


def combined(contents: Sequence[Content | None]) -> Content | None:
    """What a value computed from values with these contents holds: "other" when all are made from constants,
    "initial" when they are constants and the initial values of one weight, else nothing known."""
    if not contents or any(c is None for c in contents):
        return None
    weights = {c.weight for c in contents if c is not None and c.kind == "initial"}
    if not weights:
        return Content("other")
    return Content("initial", weight=weights.pop()) if len(weights) == 1 else None


def content_of(value: AV, resolve: Resolver) -> Content | None:
    obj = value.single()
    if isinstance(obj, TensorObj):
        return obj.content
    known = resolve.constant(value)
    if known is not NOTHING and _numbers(known):
        if isinstance(known, (int, float)):
            return Content("full", fill=known)
        return Content("literal", literal=known)
    return None


def create(name: str, args: Args, site: cst.CSTNode | None, resolve: Resolver) -> TensorObj | None:
    """The array an array-creating call makes, or None when `name` is not one."""
    constant, dims = resolve.constant, resolve.dims
    found = namespace_of(name)
    if found is None:
        return None
    prefix, short = found
    randomized = prefix.endswith("random.")
    if randomized:
        if short in _SIZE_KEYWORD and prefix == "numpy.random.":
            if short in ("rand", "randn"):
                given = tuple(constant(a) for a in args.positional)
                return TensorObj(site, shape=int_tuple(given))
            return TensorObj(site, shape=dims(args.first("size", _SIZE_POSITION[short])))
        if short in _RANDOM_SHAPE_FIRST or short in (
            "uniform",
            "normal",
            "randint",
            "shuffle",
            "categorical",
        ):
            return TensorObj(site, shape=dims(args.first("shape")))
        return None
    if prefix == "numpy." and short in ("rand", "randn"):
        return None
    if short in _FILLS or short in ("full", "fill"):
        shape = dims(args.first("shape", 0)) if short != "fill" else dims(args.first("dims", 0))
        fill: object = _FILLS.get(short)
        if short in ("full", "fill"):
            fill = constant(args.first("fill_value" if short == "full" else "value", 1))
        content = (
            Content("full", fill=fill)
            if isinstance(fill, (int, float)) and not isinstance(fill, bool)
            else None
        )
        if short == "empty":
            content = None
        return TensorObj(site, shape=shape, content=content if shape is not None else None)
    if short in _LIKE:
        source = args.first("a" if prefix == "numpy." else "input", 0)
        template = source.single()
        shape = template.shape if isinstance(template, TensorObj) else shape_of(source, resolve)
        fill = _LIKE[short]
        if short == "full_like":
            fill = constant(args.first("fill_value", 1))
        content = (
            Content("full", fill=fill)
            if isinstance(fill, (int, float)) and not isinstance(fill, bool)
            else None
        )
        return TensorObj(site, shape=shape, content=content if shape is not None else None)
    if short in ("eye", "identity") and prefix in ("numpy.", "tf.", "keras.ops."):
        n = constant(args.first("N" if prefix == "numpy." else "num_rows", 0))
        m = (
            constant(args.first("M" if prefix == "numpy." else "num_columns", 1))
            if len(args.positional) > 1
            else n
        )
        if short == "identity" and prefix == "tf.":
            return _copy(args, site, resolve)
        if isinstance(n, int) and isinstance(m, int):
            return TensorObj(site, shape=(n, m), content=Content("eye"))
        return TensorObj(site, content=Content("eye"))
    if short in _LITERAL:
        return _copy(args, site, resolve)
    if short in ("arange", "linspace"):
        values = [constant(a) for a in args.positional]
        if values and all(isinstance(v, (int, float)) for v in values):
            if short == "arange":
                ints = [v for v in values if isinstance(v, int)]
                count = len(range(*ints)) if len(ints) == len(values) else None
            else:
                num = constant(args.get("num"))
                third = values[2] if len(values) > 2 and isinstance(values[2], int) else 50
                count = num if isinstance(num, int) else third
            return TensorObj(site, shape=(count,), content=Content("other"))
        return TensorObj(site)
    if short in _ELEMENTWISE or short in ("dot", "matmul", "outer", "kron", "sum", "mean"):
        inputs = [v.single() for v in (*args.positional, *args.keywords.values())]
        tensors = [t for t in inputs if isinstance(t, TensorObj)]
        made = combined(
            [
                t.content
                if isinstance(t, TensorObj)
                else Content("other")
                if constant(v) is not NOTHING
                else None
                for t, v in zip(inputs, (*args.positional, *args.keywords.values()), strict=True)
            ]
        )
        symbolic = any(t.symbolic for t in tensors)
        keeps = short in _ELEMENTWISE and short not in _RESHAPING
        shape = tensors[0].shape if tensors and keeps else None
        for other in tensors[1:] if keeps else ():
            shape = broadcast(shape, other.shape)  # `tf.maximum(x, 0.2 * x)`: the tensors broadcast
        if short == "flip" and tensors:
            shape = tensors[0].shape
        array = args.first("a" if prefix == "numpy." else "tensor", 0).single()
        if short == "reshape" and isinstance(array, TensorObj):
            shape = reshaped(array.shape, reshape_argument(args, resolve, method=False))
        factors = [o for o in inputs if isinstance(o, (TensorObj, VarObj))]
        if short == "matmul" and prefix != "numpy." and len(factors) == 2 and not args.keywords:
            a, b = (f.shape for f in factors)
            if a is not None and b is not None and len(a) == 2 and len(b) == 2:
                shape = (a[0], b[1])  # `tf.matmul(x, w)` with a variable as often as a tensor
        return TensorObj(site, shape=shape, symbolic=symbolic, content=made)
    return None


def _copy(args: Args, site: cst.CSTNode | None, resolve: Resolver) -> TensorObj:
    constant, dims = resolve.constant, resolve.dims
    source = args.first("value", 0)
    obj = source.single()
    shape_kw = dims(args.get("shape"))
    if isinstance(obj, TensorObj):
        return TensorObj(
            site,
            shape=shape_kw or obj.shape,
            content=obj.content,
            symbolic=obj.symbolic,
            source=obj.source,
            producer=obj.producer,
            inputs=obj.inputs,
        )
    known = constant(source)
    if known is not NOTHING and _numbers(known):
        shape = shape_kw or literal_shape(known)
        content = (
            Content("full", fill=known)
            if isinstance(known, (int, float))
            else Content("literal", literal=known)
        )
        return TensorObj(site, shape=shape, content=content)
    return TensorObj(site, shape=shape_kw)


def _divide(x: float, y: float) -> float | None:
    return x / y if y else None


_FOLD: dict[type[cst.BaseBinaryOp], Callable[[float, float], float | None]] = {
    cst.Add: operator.add,
    cst.Subtract: operator.sub,
    cst.Multiply: operator.mul,
    cst.Divide: _divide,
}


def _fill(obj: object, value: AV) -> float | int | None:
    """The one value every element of an operand holds: a number, or an array full of one value."""
    if isinstance(obj, TensorObj):
        return obj.content.fill if obj.content is not None and obj.content.kind == "full" else None
    known = value.const()
    return known if isinstance(known, (int, float)) and not isinstance(known, bool) else None


def arithmetic(
    left: AV, right: AV, site: cst.CSTNode | None, op: cst.BaseBinaryOp | None = None
) -> TensorObj | None:
    """`a * 0.5`, `w + 1` with an array on one side: an array of the same shape (when broadcasting keeps it).
    An array full of one value stays full (`np.ones(s) * 0.75`) when `op` is known."""
    a, b = left.single(), right.single()
    tensors = [t for t in (a, b) if isinstance(t, TensorObj)]
    if not tensors:
        return None
    content = combined(
        [
            o.content if isinstance(o, TensorObj) else Content("other") if v.const() is not NOTHING else None
            for o, v in ((a, left), (b, right))
        ]
    )
    fold = _FOLD.get(type(op)) if op is not None else None
    x, y = _fill(a, left), _fill(b, right)
    if (
        content is not None
        and content.kind == "other"
        and fold is not None
        and x is not None
        and y is not None
    ):
        result = fold(x, y)
        if isinstance(result, (int, float)):
            content = Content("full", fill=result)
    shapes = [t.shape for t in tensors]
    shape = shapes[0] if len(shapes) == 1 or (len(shapes) == 2 and shapes[0] == shapes[1]) else None
    if shape is None and len(shapes) == 2:
        shape = broadcast(shapes[0], shapes[1])
    symbolic = any(t.symbolic for t in tensors)
    return TensorObj(
        site,
        shape=shape,
        symbolic=symbolic,
        content=content,
        inputs=tuple(t for t in tensors if t.symbolic),
        producer=None,
    )


def broadcast(a: Shape | None, b: Shape | None) -> Shape | None:
    """numpy's broadcast of two shapes (`(7, 3)` and `(7, 1)` give `(7, 3)`); None when either is unknown, an
    axis is unknown where it matters, or they do not broadcast (numpy raises)."""
    if a is None or b is None:
        return None
    out: list[int | None] = []
    for x, y in itertools.zip_longest(reversed(a), reversed(b), fillvalue=1):
        if x == y or y == 1:
            out.append(x)
        elif x == 1:
            out.append(y)
        else:
            return None
    return tuple(reversed(out))


def shape_value(shape: Shape | None) -> AV:
    from tfvarfix.semantics.values import const

    if shape is None:
        return TOP
    return AV.of(TupleObj(tuple(const(d) if d is not None else TOP for d in shape)))


# ===================================================================================== shapes of views
def indexed_shape(shape: Shape | None, index: AV, resolve: Resolver) -> Shape | None:
    """The shape of `a[index]` for a numpy array `a` of `shape`: an int drops its axis, a slice keeps it (with
    its length when the bounds and the axis are known), `None` adds an axis of 1, and one list of ints (fancy
    indexing, `a[[1, 0, 2, 3]]`) gives its axis that many entries. With a list, ints are advanced indices too:
    when a slice or `None` stands between them and the list, the list's axis goes first (`a[0, :, [1, 2]]`
    has shape (2, n)). Anything else (a mask, an array of indices, `...`, two lists, an index out of range:
    numpy raises) gives no shape."""
    from tfvarfix.semantics.pybuiltins import SliceObj
    from tfvarfix.semantics.values import ListObj, ModuleRef

    if shape is None:
        return None
    obj = index.single()
    parts = obj.items if isinstance(obj, TupleObj) else (index,)
    out: list[int | None] = []
    axis = 0
    fancy: int | None = None  # where the list's axis is in `out`
    advanced: list[int] = []  # positions in `parts` of the ints and the list
    for position, part in enumerate(parts):
        item = part.single()
        if (isinstance(item, Const) and item.value is None) or (
            isinstance(item, ModuleRef) and item.dotted == "numpy.newaxis"  # `np.newaxis` is None
        ):
            out.append(1)
            continue
        if axis >= len(shape):
            return None
        dim = shape[axis]
        axis += 1
        if isinstance(item, SliceObj):
            bounds = item.const()
            if bounds == slice(None):
                out.append(dim)
            elif bounds is None or dim is None:
                out.append(None)
            else:
                out.append(len(range(*bounds.indices(dim))))
        elif isinstance(item, Const) and isinstance(item.value, int) and not isinstance(item.value, bool):
            if dim is not None and not -dim <= item.value < dim:
                return None
            advanced.append(position)
        elif isinstance(item, ListObj) and fancy is None:
            picked = resolve.constant(part)
            if not isinstance(picked, tuple) or not picked or not all(_index(v, dim) for v in picked):
                return None
            fancy = len(out)
            out.append(len(picked))
            advanced.append(position)
        else:
            return None
    if fancy is not None and advanced[-1] - advanced[0] + 1 != len(advanced):
        out.insert(0, out.pop(fancy))
    return (*out, *shape[axis:])


def _index(value: object, dim: int | None) -> bool:
    """An int that indexes an axis of `dim` entries (any int when `dim` is not known)."""
    if not isinstance(value, int) or isinstance(value, bool):
        return False
    return dim is None or -dim <= value < dim


def reshaped(shape: Shape | None, new: Shape | None) -> Shape | None:
    """The shape `reshape(new)` gives an array of `shape`: one -1 is worked out when every size is known; a
    size that cannot hold the elements (numpy raises) gives no shape."""
    if new is None or any(d is not None and d < -1 for d in new) or sum(1 for d in new if d == -1) > 1:
        return None
    total = _size(shape)
    rest = _size(tuple(d for d in new if d != -1))
    if -1 in new:
        if total is None or rest is None or rest == 0 or total % rest:
            return None
        return tuple(total // rest if d == -1 else d for d in new)
    if total is not None and rest is not None and total != rest:
        return None
    return new


REARRANGING = frozenset({"reshape", "flatten", "ravel", "squeeze", "transpose"})  # array methods
REDUCING = frozenset({"sum", "mean", "max", "min", "prod", "std", "var"})  # array methods that drop an axis


def reduced(shape: Shape | None, args: Args, resolve: Resolver) -> Shape | None:
    """The shape `a.sum(axis)` (or `mean`, `max`, ...) gives an array of `shape`: no axis, a scalar; an int
    axis (negative too) drops that axis, or keeps it as 1 with `keepdims=True`. None when unknown."""
    if shape is None or len(args.positional) > 1:
        return None
    given = args.first("axis", 0)
    axis = None if given.is_bottom else resolve.constant(given)
    keep = args.get("keepdims")
    keepdims = False if keep.is_bottom else resolve.constant(keep)
    if not isinstance(keepdims, bool):
        return None
    if axis is None:
        return tuple(1 for _ in shape) if keepdims else ()
    if not isinstance(axis, int) or isinstance(axis, bool) or not -len(shape) <= axis < len(shape):
        return None
    axis %= len(shape)
    return (*shape[:axis], *((1,) if keepdims else ()), *shape[axis + 1 :])


def rearranged(method: str, shape: Shape | None, args: Args, resolve: Resolver) -> Shape | None:
    """The shape an array method of `REARRANGING` gives an array of `shape` (None when unknown)."""
    if method == "reshape":
        return reshaped(shape, reshape_argument(args, resolve, method=True))
    if shape is None:
        return None
    if method in ("flatten", "ravel"):
        return (_size(shape),)
    if method == "transpose" and not args.positional and not args.keywords:
        return shape[::-1]
    if method == "squeeze" and not args.positional and not args.keywords and None not in shape:
        return tuple(d for d in shape if d != 1)
    return None


def _size(shape: Shape | None) -> int | None:
    if shape is None or any(d is None for d in shape):
        return None
    size = 1
    for d in shape:
        assert d is not None
        size *= d
    return size


def reshape_argument(args: Args, resolve: Resolver, method: bool) -> Shape | None:
    """The new shape given to `a.reshape((4, 64))`, `a.reshape(4, 64)` (method) or `np.reshape(a, (4, 64))`."""
    if method and len(args.positional) > 1:
        dims = [resolve.constant(a) for a in args.positional]
        ints = [d for d in dims if isinstance(d, int) and not isinstance(d, bool)]
        return tuple(ints) if len(ints) == len(dims) else None
    if method:
        given = args.positional[0] if args.positional else args.get("shape")
    else:
        given = args.first("newshape", 1)
        if given.is_bottom:
            given = args.get("shape")
    return resolve.dims(given)


# ============================================================================ shapes of TensorFlow ops
# The ops whose output has their first input's shape (measured, TF 2.21 graph mode: the static shape is kept).
_SAME_SHAPE_OPS = frozenset(
    {
        "nn.relu", "nn.relu6", "nn.elu", "nn.selu", "nn.leaky_relu", "nn.sigmoid", "nn.tanh", "nn.softplus",
        "nn.softsign", "nn.softmax", "nn.log_softmax", "nn.dropout", "nn.l2_normalize", "nn.bias_add",
        "nn.batch_normalization", "nn.local_response_normalization", "nn.lrn", "nn.swish",
        "nn.silu", "nn.gelu",
    }
)  # fmt: skip
# The keyword of each op's first input where it is not `x`.
_INPUT_KEYWORD = {
    "nn.relu": "features", "nn.relu6": "features", "nn.elu": "features", "nn.selu": "features",
    "nn.leaky_relu": "features", "nn.softplus": "features", "nn.softsign": "features", "nn.swish": "features",
    "nn.silu": "features", "nn.gelu": "features", "nn.softmax": "logits", "nn.log_softmax": "logits",
    "nn.bias_add": "value", "nn.conv2d": "input", "nn.conv2d_transpose": "input", "nn.lrn": "input",
    "nn.local_response_normalization": "input",
}  # fmt: skip


def graph_op(name: str, args: Args, site: cst.CSTNode | None, resolve: Resolver) -> TensorObj | None:
    """The tensor a TensorFlow op makes, with its static shape where the op's rule gives it from what is known
    (`tf.nn.conv2d` on a (64, 16, 16, 3) input with a (5, 5, 3, 64) filter, strides 2, 'SAME': (64, 8, 8, 64)),
    as `tensor.get_shape()` reports it at graph construction. None when `name` is not one of these ops."""
    if name.startswith("tf.compat.v1."):
        name = "tf." + name[len("tf.compat.v1.") :]
    if not name.startswith("tf."):
        return None
    op = name[3:]
    first = args.first(_INPUT_KEYWORD.get(op, "x"), 0).single()
    if op in _SAME_SHAPE_OPS:
        if not isinstance(first, TensorObj):
            return None
        return TensorObj(site, shape=first.shape, symbolic=first.symbolic, inputs=_symbolic(first))
    if op == "nn.conv2d":
        return _conv2d(args, site, resolve, first)
    if op == "nn.conv2d_transpose":
        given = resolve.dims(args.first("output_shape", 2))
        symbolic = isinstance(first, TensorObj) and first.symbolic
        # TF 2.21 gives the transposed convolution its output_shape but for the batch, which is the input's
        # (measured: a (None, 9, 9, 3) input with output_shape [4, 18, 18, 2] gives (None, 18, 18, 2)).
        batch = first.shape[0] if isinstance(first, TensorObj) and first.shape else None
        shape = (batch, *given[1:]) if given is not None and len(given) == 4 else None
        return TensorObj(site, shape=shape, symbolic=symbolic, inputs=_symbolic(first))
    return None


def _symbolic(tensor: object) -> tuple[TensorObj, ...]:
    return (tensor,) if isinstance(tensor, TensorObj) and tensor.symbolic else ()


def _conv2d(args: Args, site: cst.CSTNode | None, resolve: Resolver, first: object) -> TensorObj | None:
    """`tf.nn.conv2d(input, filters, strides, padding)`, NHWC: each spatial size is `ceil(size / stride)` with
    'SAME' padding and `ceil((size - k + 1) / stride)` with 'VALID'; the channels are the filter's last axis."""
    if not isinstance(first, TensorObj):
        return None
    out = TensorObj(site, symbolic=first.symbolic, inputs=_symbolic(first))
    given = args.get("filter")  # tf.compat.v1's keyword
    filters = (given if not given.is_bottom else args.first("filters", 1)).single()
    data_format = resolve.constant(args.get("data_format"))
    dilations = args.get("dilations")
    padding = resolve.constant(args.first("padding", 3))
    strides = resolve.constant(args.first("strides", 2))
    if isinstance(strides, int):
        strides = (strides, strides)
    elif isinstance(strides, tuple) and len(strides) == 4 and all(isinstance(s, int) for s in strides):
        strides = strides[1:3]
    shape = first.shape
    kernel = filters.shape if isinstance(filters, (TensorObj, VarObj)) else None
    if (
        shape is None
        or len(shape) != 4
        or kernel is None
        or len(kernel) != 4
        or not (data_format is NOTHING or data_format == "NHWC")
        or not dilations.is_bottom
        or len(args.positional) > 4
        or padding not in ("SAME", "VALID")
        or not isinstance(strides, tuple)
        or len(strides) != 2
        or not all(isinstance(s, int) and s > 0 for s in strides)
    ):
        return out
    sizes: list[int | None] = []
    for size, k, stride in zip(shape[1:3], kernel[:2], strides, strict=True):
        if size is None or k is None:
            sizes.append(None)
        elif padding == "SAME":
            sizes.append(-(-size // stride))
        else:
            sizes.append(-(-(size - k + 1) // stride) if size >= k else None)
    out.shape = (shape[0], sizes[0], sizes[1], kernel[3])
    return out
