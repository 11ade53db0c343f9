"""What a layer's initializer keyword holds, and how to write initializer code in the module's own names.

Shared by the rules that move values into initializers (TFV201) and reason about them (TFV203).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import libcst as cst

from tfvarfix.semantics.evaluate import dotted_name, literal_value
from tfvarfix.semantics.model import Imported, LayerFact, ModuleFacts

DETERMINISTIC = frozenset({"zeros", "ones", "constant"})


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


def keras_prefix(facts: ModuleFacts, layer: LayerFact) -> str | None:
    """How this module reaches the Keras of `layer`: `tf.keras`, `keras`, ... or None."""
    func = dotted_name(layer.node.func) or ""
    if ".layers." in func:
        prefix = func.rsplit(".layers.", 1)[0]
        if "." in prefix or prefix in ("keras", "tf_keras") or _binds(facts, prefix, ("tensorflow", "keras")):
            return prefix
    for name, value in facts.scopes[0].bindings.items():
        if isinstance(value, Imported) and value.dotted in ("keras", "tensorflow.keras", "tf_keras"):
            return name
    for name, value in facts.scopes[0].bindings.items():
        if isinstance(value, Imported) and value.dotted == "tensorflow":
            return f"{name}.keras"
    return None


def numpy_alias(facts: ModuleFacts) -> tuple[str, bool] | None:
    """The module's name for numpy and whether an import must be added; None when `np` is taken."""
    for name, value in facts.scopes[0].bindings.items():
        if isinstance(value, Imported) and value.dotted == "numpy":
            return name, False
    return None if "np" in facts.scopes[0].bindings else ("np", True)


def _binds(facts: ModuleFacts, name: str, modules: tuple[str, ...]) -> bool:
    value = facts.scopes[0].bindings.get(name)
    return isinstance(value, Imported) and value.dotted in modules


def base_initializer(
    module: cst.Module, layer: LayerFact, keyword: str, default: str | None, prefix: str
) -> BaseInitializer | None:
    """The initializer a weight starts from: the explicit one (a string, or a Keras initializer built from
    literals), or the layer's default from the table. None when it cannot be written down."""
    expr = layer.argument(keyword)
    if expr is None:
        if default is None:
            return None
        return BaseInitializer(f"{prefix}.initializers.{default}()", snake(default), False)
    if keyword not in layer.keywords:
        return None
    value = literal_value(expr, None)
    if isinstance(value, str):
        quoted = f'"{value}"' if '"' not in value and "\\" not in value else repr(value)
        return BaseInitializer(f"{prefix}.initializers.get({quoted})", value.lower(), False)
    if isinstance(expr, cst.Call):
        callee = dotted_name(expr.func) or ""
        head, _, short = callee.rpartition(".initializers.")
        literal = all(literal_value(a.value, None) is not None for a in expr.args)
        if head and short[:1].isupper() and literal and not any(a.star for a in expr.args):
            return BaseInitializer(module.code_for_node(expr), snake(short), True)
    return None


def index_text(index: tuple[int | tuple[int | None, int | None], ...]) -> str:
    parts = []
    for item in index:
        if isinstance(item, int):
            parts.append(str(item))
        else:
            start, stop = item
            parts.append(f"{'' if start is None else start}:{'' if stop is None else stop}")
    return ", ".join(parts)


def override_class(
    name: str,
    prefix: str,
    numpy: str,
    base: str,
    variable: str,
    updates: list[tuple[str, float | int]],
    about: str,
) -> str:
    """A registered, serializable initializer: `base` (built in `__init__`, where the layer would have built
    it, so Keras 3 draws its seed at the same point), then `updates` (index text, value)."""
    lines = [
        f'@{prefix}.utils.register_keras_serializable(package="tfvarfix")',
        f"class {name}({prefix}.initializers.Initializer):",
        f'    """{about}"""',
        "",
        "    def __init__(self):",
        f"        self.base = {base}",
        "",
        "    def __call__(self, shape, dtype=None, **kwargs):",
        f"        {variable} = {numpy}.array(self.base(shape, dtype=dtype, **kwargs))",
        *(f"        {variable}[{index}] = {value!r}" for index, value in updates),
        f"        return {variable}",
        "",
        "    def get_config(self):",
        "        return {}",
    ]
    return "\n".join(lines)


def with_keywords(call: cst.Call, values: dict[str, str]) -> cst.Call:
    """`call` with each keyword set to the expression text given (replaced in place, or appended)."""
    args = list(call.args)
    for keyword, text in values.items():
        expr = cst.parse_expression(text)
        at = next(
            (i for i, a in enumerate(args) if a.keyword is not None and a.keyword.value == keyword), None
        )
        if at is not None:
            args[at] = args[at].with_changes(value=expr)
            continue
        new = cst.Arg(
            value=expr,
            keyword=cst.Name(keyword),
            equal=cst.AssignEqual(cst.SimpleWhitespace(""), cst.SimpleWhitespace("")),
        )
        if args:
            last = args[-1]
            if isinstance(last.comma, cst.Comma):
                new = new.with_changes(comma=last.comma)
            else:
                args[-1] = last.with_changes(comma=cst.Comma(whitespace_after=cst.SimpleWhitespace(" ")))
        args.append(new)
    return call.with_changes(args=args)


def resolve(facts: ModuleFacts, expr: cst.BaseExpression) -> str | None:
    """The canonical name of a dotted expression through the module's imports (module-level names only)."""
    from tfvarfix.keras.names import canonical

    dotted = dotted_name(expr)
    if dotted is None:
        return None
    head, _, rest = dotted.partition(".")
    value = facts.scopes[0].bindings.get(head)
    if not isinstance(value, Imported):
        return None
    return canonical(f"{value.dotted}.{rest}" if rest else value.dotted)


def module_keras_prefix(facts: ModuleFacts, hint: cst.BaseExpression | None = None) -> str | None:
    """How the module reaches Keras: `hint` up to `.initializers.`, `.layers.`..., else an import."""
    text = dotted_name(hint) if hint is not None else None
    if text:
        for family in (".initializers.", ".constraints.", ".regularizers.", ".layers."):
            if family in text:
                return text.split(family, 1)[0]
    for name, value in facts.scopes[0].bindings.items():
        if isinstance(value, Imported) and value.dotted in ("keras", "tensorflow.keras", "tf_keras"):
            return name
    for name, value in facts.scopes[0].bindings.items():
        if isinstance(value, Imported) and value.dotted == "tensorflow":
            return f"{name}.keras"
    return None
