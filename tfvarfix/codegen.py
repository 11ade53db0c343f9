"""Code that fixes write into a module, in the module's own spelling: how it reaches Keras, a layer call with
keywords set, initializer expressions for values known at construction, generated initializer classes, and
the registration decorator (under the user's package, never ours).

Shared by the rules that move values into initializers (TFV201), give `unit_forget_bias` (TFV203) and make
custom objects serializable (TFV202).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

import libcst as cst

from tfvarfix.keras.spec import WeightSpec
from tfvarfix.semantics.evaluate import dotted_name
from tfvarfix.semantics.facts import Facts
from tfvarfix.semantics.values import AV, ClassObj, Const, Content, KerasObj, LayerObj
from tfvarfix.semantics.walker import PerStatement, children

DETERMINISTIC = frozenset({"zeros", "ones", "constant"})
_KERAS_MODULES = ("keras", "tensorflow.keras", "tf_keras")
_REGISTER = ("keras.saving.register_keras_serializable", "keras.utils.register_keras_serializable")
MAX_LITERAL = 64  # elements of a value written out as a `Constant([...])` literal


@dataclass(frozen=True)
class BaseInitializer:
    """The initializer a layer weight starts from: `code` builds it (in the module's names), `kind` is its
    snake_case class (`glorot_uniform`), `explicit_call` says the call is written in the layer's arguments."""

    code: str
    kind: str
    explicit_call: bool

    @property
    def deterministic(self) -> bool:
        return self.kind in DETERMINISTIC


def snake(name: str) -> str:
    return re.sub(r"(?<!^)(?=[A-Z])", "_", name).lower()


def keras_prefix(facts: Facts, hint: cst.BaseExpression | None = None) -> str | None:
    """How the module reaches Keras: `hint` (a call's callee such as `tf.keras.layers.Dense`) up to its family
    (`.layers.`, `.initializers.`...) when its head is an import, else a module-level import."""
    text = dotted_name(hint) if hint is not None else None
    if text:
        for family in (".layers.", ".initializers.", ".constraints.", ".regularizers."):
            if family in text:
                prefix = text.split(family, 1)[0]
                head = prefix.split(".", 1)[0]
                if facts.imported(head) in ("tensorflow", *_KERAS_MODULES):
                    return prefix
    namespace, needs_import = facts.keras_namespace()
    return namespace if namespace and not needs_import else None


def user_package(facts: Facts) -> str | None:
    """The package the user's classes register under: configured, or the one the module already uses."""
    if facts.package:
        return facts.package
    for cls in facts.classes:
        for name, decorator in zip(cls.decorators, cls.node.decorators, strict=False):
            expr = decorator.decorator
            if name not in _REGISTER or not isinstance(expr, cst.Call):
                continue
            for arg in expr.args:
                named = arg.keyword is not None and arg.keyword.value == "package"
                if named and isinstance(arg.value, cst.SimpleString):
                    value = arg.value.evaluated_value
                    if isinstance(value, str) and value:
                        return value
    return None


def register_decorator(facts: Facts, prefix: str) -> str:
    """`@<prefix>.utils.register_keras_serializable(...)` under the user's package (Keras's default when unknown)."""
    package = user_package(facts)
    argument = f"package={string(facts, package)}" if package else ""
    return f"@{prefix}.utils.register_keras_serializable({argument})"


def is_registered(cls: ClassObj) -> bool:
    """A decorator registers the class, or may (one we cannot resolve: Keras's own `keras_export` does)."""
    harmless = ("builtins.", "dataclasses.", "functools.", "typing.", "abc.")
    return any(name in _REGISTER or not name.startswith(harmless) for name in cls.decorators)


def _quoted(text: str, quote: str = '"') -> str:
    """`text` as a string literal, in `quote` unless the text holds that quote and not the other."""
    other = "'" if quote == '"' else '"'
    if quote in text and other not in text:
        quote, other = other, quote
    body = repr(text)[1:-1]  # escapes, in a '-quoted literal
    if quote == '"':
        body = body.replace("\\'", "'").replace('"', '\\"')
    return f"{quote}{body}{quote}"


def quote_of(module: cst.Module) -> str:
    """The quote the module writes its strings in: `'` when single-quoted strings outnumber double-quoted
    ones (docstrings and triple-quoted strings aside, an f-string counted once), else `"`."""
    kept = _QUOTE_OF[0] if _QUOTE_OF else None
    if kept is not None and kept[0] is module:  # asked once per fix: kept for the latest module
        return kept[1]
    counts = _QUOTES.values(module)  # per top-level statement: the editor re-counts only what changed
    single, double = sum(c[0] for c in counts), sum(c[1] for c in counts)
    quote = "'" if single > double else '"'
    _QUOTE_OF[:] = [(module, quote)]
    return quote


def _quotes_in(node: cst.CSTNode) -> tuple[int, int]:
    single = double = 0
    stack = [node]
    while stack:
        current = stack.pop()
        if isinstance(current, (cst.SimpleString, cst.FormattedString)):
            text = current.value if isinstance(current, cst.SimpleString) else current.start
            body = text.lstrip("rRbBuUfF")
            if not body.startswith(("'''", '"""')):
                single += body.startswith("'")
                double += body.startswith('"')
            continue  # an f-string's inner strings are part of it
        stack.extend(children(current))
    return single, double


_QUOTES = PerStatement(_quotes_in)
_QUOTE_OF: list[tuple[cst.Module, str]] = []  # the latest module's quote, at most one


def string(facts: Facts, text: str) -> str:
    """`text` as a string literal in the module's own quote style."""
    return _quoted(text, quote_of(facts.module))


# ============================================================================================ values
def number(value: object) -> str | None:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    text = repr(value)
    return text if text not in ("nan", "inf", "-inf") else None


def literal(value: object) -> str | None:
    """A nested tuple of numbers as a list literal: `((1, 2),)` -> `[[1, 2]]`."""
    if isinstance(value, tuple):
        parts = [literal(v) for v in value]
        return (
            None
            if any(p is None for p in parts)
            else "[" + ", ".join(p for p in parts if p is not None) + "]"
        )
    return number(value)


def constant_initializer(
    prefix: str, content: Content | None, shape: tuple[int | None, ...] | None
) -> str | None:
    """An initializer that gives a weight this content: `Constant(0.1)`, `Constant([[...]])`, `Identity()`."""
    if content is None:
        return None
    if content.kind == "full":
        value = number(content.fill)
        return f"{prefix}.initializers.Constant({value})" if value is not None else None
    if content.kind == "literal" and content.literal is not None and _size(content.literal) <= MAX_LITERAL:
        text = literal(content.literal)
        return f"{prefix}.initializers.Constant({text})" if text is not None else None
    if content.kind == "eye" and shape is not None and len(shape) == 2:
        return f"{prefix}.initializers.Identity()"
    return None


def _size(value: object) -> int:
    return sum(_size(v) for v in value) if isinstance(value, tuple) else 1


def base_initializer(
    facts: Facts, layer: LayerObj, weight: WeightSpec, prefix: str
) -> BaseInitializer | None:
    """The initializer a weight starts from: the explicit one (a string, or a Keras initializer built in the
    layer's arguments from constants), or the layer's default from the table. None when it cannot be written."""
    keyword = weight.initializer
    if keyword is None:
        return None
    given = layer.args.get(keyword)
    if given.is_bottom:
        default = weight.default_initializer
        if default is None or layer.args.star:
            return None
        positional = layer.spec.positional if layer.spec is not None else ()
        if keyword in positional and positional.index(keyword) < len(layer.args.positional):
            return None
        return BaseInitializer(f"{prefix}.initializers.{default}()", snake(default), False)
    value = given.single()
    expr = layer.args.node_of(keyword)
    if isinstance(value, Const) and isinstance(value.value, str):
        return BaseInitializer(
            f"{prefix}.initializers.get({string(facts, value.value)})", value.value.lower(), False
        )
    if isinstance(value, KerasObj) and value.site is expr and isinstance(expr, cst.Call):
        short = value.cls.rsplit(".", 1)[-1]
        literal_args = all(_literal_argument(a.value) for a in expr.args)
        if value.cls.startswith("keras.initializers.") and short[:1].isupper() and literal_args:
            return BaseInitializer(facts.code_for(expr), snake(short), True)
    return None


def _literal_argument(expr: cst.BaseExpression) -> bool:
    if isinstance(expr, cst.Name):
        return expr.value in ("None", "True", "False")
    if isinstance(expr, cst.UnaryOperation) and isinstance(expr.operator, cst.Minus):
        return isinstance(expr.expression, (cst.Integer, cst.Float))
    return isinstance(expr, (cst.Integer, cst.Float, cst.SimpleString))


def index_text(index: tuple[object, ...]) -> str | None:
    parts = []
    for item in index:
        if isinstance(item, int) and not isinstance(item, bool):
            parts.append(str(item))
        elif isinstance(item, slice) and item.step is None:
            start = "" if item.start is None else str(item.start)
            stop = "" if item.stop is None else str(item.stop)
            parts.append(f"{start}:{stop}")
        else:
            return None
    return ", ".join(parts)


def override_class(
    name: str,
    prefix: str,
    numpy: str,
    base: str,
    variable: str,
    updates: list[tuple[str, str]],
    about: str,
    decorator: str,
) -> str:
    """A registered, serializable initializer: `base` (built in `__init__`, where the layer would have built
    it, so Keras 3 draws its seed at the same point), then `updates` (index text, value text)."""
    lines = [
        decorator,
        f"class {name}({prefix}.initializers.Initializer):",
        f'    """{about}"""',
        "",
        "    def __init__(self):",
        f"        self.base = {base}",
        "",
        "    def __call__(self, shape, dtype=None, **kwargs):",
        f"        {variable} = {numpy}.array(self.base(shape, dtype=dtype, **kwargs))",
        *(f"        {variable}[{index}] = {value}" for index, value in updates),
        f"        return {variable}",
        "",
        "    def get_config(self):",
        "        return {}",
    ]
    return "\n".join(lines)


def with_keywords(call: cst.Call, values: dict[str, str]) -> cst.Call:
    """`call` with each keyword set to the expression text given (replaced in place, or appended)."""
    for keyword, text in values.items():
        expr = cst.parse_expression(text)
        args = list(call.args)
        at = next(
            (i for i, a in enumerate(args) if a.keyword is not None and a.keyword.value == keyword), None
        )
        if at is not None:
            args[at] = args[at].with_changes(value=expr)
            call = call.with_changes(args=args)
            continue
        new = cst.Arg(
            value=expr,
            keyword=cst.Name(keyword),
            equal=cst.AssignEqual(cst.SimpleWhitespace(""), cst.SimpleWhitespace("")),
        )
        call = append_argument(call, new)
    return call


def append_argument(call: cst.Call, new: cst.Arg) -> cst.Call:
    """`call` with `new` as its last argument, laid out as the call is: after `, ` on one line; on a line of
    its own, indented as the arguments before it, when they stand one a line; a trailing comma kept."""
    args = list(call.args)
    if not args:
        return call.with_changes(args=[new])
    last = args[-1]
    separator: cst.BaseParenthesizableWhitespace = cst.SimpleWhitespace(" ")
    if len(args) >= 2 and isinstance(args[-2].comma, cst.Comma):
        separator = args[-2].comma.whitespace_after
    elif isinstance(call.whitespace_before_args, cst.ParenthesizedWhitespace):
        separator = call.whitespace_before_args  # `f(\n    only,\n)`: the one argument's own line
    if isinstance(separator, cst.ParenthesizedWhitespace):
        # The line break and the indentation, without the comments and blank lines that stood there.
        separator = separator.with_changes(first_line=cst.TrailingWhitespace(), empty_lines=[])
    if isinstance(last.comma, cst.Comma):
        # `a,\n)`: the new argument comes after the comma, and takes it over with what stood before `)`.
        closing = last.comma.whitespace_after
        args[-1] = last.with_changes(comma=last.comma.with_changes(whitespace_after=separator))
        new = new.with_changes(comma=last.comma.with_changes(whitespace_after=closing))
    else:
        closing = last.whitespace_after_arg
        args[-1] = last.with_changes(
            comma=cst.Comma(whitespace_after=separator), whitespace_after_arg=cst.SimpleWhitespace("")
        )
        new = new.with_changes(whitespace_after_arg=closing)
    return call.with_changes(args=[*args, new])


def keyword_text(value: AV) -> str | None:
    """A constant argument value as source text (numbers, strings, None, booleans)."""
    known = value.const()
    if isinstance(known, str):
        return _quoted(known)
    if known is None or isinstance(known, bool):
        return repr(known)
    return number(known)


def unique_name(base: str, taken: Callable[[str], bool]) -> str:
    """The first of `base_1`, `base_2`, ... that `taken` refuses: how fixes rename a layer, scope or variable
    (as Keras and TF1 uniquify their own default names)."""
    suffix = 1
    while taken(f"{base}_{suffix}"):
        suffix += 1
    return f"{base}_{suffix}"


def realigned(code: str, old_column: int, new_column: int) -> str:
    """`code`, an expression that stood at `old_column` of its first line, written to start at `new_column`:
    continuation lines aligned with its opening bracket (`Conv2D(filters=8,` / `       kernel_size=1)`) move by
    as much as it does, so they stay aligned. A hanging layout (the first line ends with its bracket) and code
    with a multi-line string keep their lines as they are."""
    lines = code.split("\n")
    delta = new_column - old_column
    if len(lines) == 1 or delta == 0 or '"""' in code or "'''" in code:
        return code
    if lines[0].rstrip().endswith(("(", "[", "{")):
        return code
    out = [lines[0]]
    for line in lines[1:]:
        if not line.strip():
            out.append(line)
        elif delta > 0:
            out.append(" " * delta + line)
        else:
            lead = len(line) - len(line.lstrip(" "))
            out.append(line[min(lead, -delta) :])
    return "\n".join(out)
