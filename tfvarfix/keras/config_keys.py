"""The keys a `get_config` returns, read from its body when they are certain.

Keras rebuilds a layer or object with `cls.from_config(config)`, which by default is `cls(**config)`: an
`__init__` argument without a default that the config lacks makes `load_model` raise `TypeError: ... missing 1
required positional argument`. The spellings read here are the ones Keras's own guides and real projects use:

    config = super().get_config()
    config.update({"units": self.units})          # or config["units"] = ..., or update(units=...)
    return config                                  # or {**config, ...}, dict(config, ...),
                                                   # dict(list(base.items()) + list(config.items()))

Anything else (a branch, a loop, `config.update(self.extra)`, `**self.kwargs`) makes the keys unknown: None.
`BASE` stands for what the Keras base class's own `get_config` gives, which the caller resolves.
"""

from __future__ import annotations

from collections.abc import Sequence

import libcst as cst

__all__ = ["BASE", "in_config_order", "returned_keys"]

BASE = "<base config>"  # a key standing for every key of the base class's config
Keys = frozenset[str]


def returned_keys(func: cst.FunctionDef) -> Keys | None:
    """The keys `func` (a `get_config`) certainly returns, with `BASE` for the base config; None if unknown."""
    if not isinstance(func.body, cst.IndentedBlock):
        return None
    env: dict[str, Keys] = {}
    body = list(func.body.body)
    if body and _is_docstring(body[0]):
        body = body[1:]
    for index, statement in enumerate(body):
        if not isinstance(statement, cst.SimpleStatementLine) or len(statement.body) != 1:
            return None
        small = statement.body[0]
        if isinstance(small, cst.Return):
            return _keys(small.value, env) if index == len(body) - 1 and small.value is not None else None
        if not _statement(small, env):
            return None
    return None


def in_config_order(func: cst.FunctionDef, keys: set[str], base: Sequence[str]) -> list[str]:
    """`keys` in the order the returned config holds them, read in source order: the spellings `returned_keys`
    accepts add each key where it is written, and `super().get_config()` gives `base` (the base class's keys,
    in its order) where it is called. A key not seen goes last, sorted. (Python's `TypeError` for
    `cls(**config)` names the first unexpected key.)"""
    order: list[str] = []

    class _Order(cst.CSTVisitor):
        def visit_Call(self, node: cst.Call) -> None:
            if isinstance(node.func, cst.Attribute) and node.func.attr.value == "get_config" and _is_super(
                node.func.value
            ):
                order.extend(base)

        def visit_SimpleString(self, node: cst.SimpleString) -> None:
            value = node.evaluated_value
            if isinstance(value, str):
                order.append(value)

        def visit_Arg(self, node: cst.Arg) -> None:
            if node.keyword is not None:
                order.append(node.keyword.value)

    func.body.visit(_Order())
    seen = [k for k in dict.fromkeys(order) if k in keys]
    return seen + sorted(keys - set(seen))


def _statement(small: cst.BaseSmallStatement, env: dict[str, Keys]) -> bool:
    """Apply one statement to `env`; False when its effect on the keys is not known."""
    if isinstance(small, cst.Assign) and len(small.targets) == 1:
        target = small.targets[0].target
        if isinstance(target, cst.Name):
            keys = _keys(small.value, env)
            if keys is None:
                return False
            env[target.value] = keys
            return True
        if isinstance(target, cst.Subscript) and isinstance(target.value, cst.Name) and target.value.value in env:
            key = _subscript_key(target)
            if key is None:
                return False
            env[target.value.value] = env[target.value.value] | {key}
            return True
        return not _mentions(small, env)
    if isinstance(small, cst.Expr) and isinstance(small.value, cst.Call):
        call = small.value
        func = call.func
        if isinstance(func, cst.Attribute) and isinstance(func.value, cst.Name) and func.attr.value == "update":
            name = func.value.value
            if name not in env:
                return not _mentions(small, env)
            added = _dict_call_keys(call.args, env)
            if added is None:
                return False
            env[name] = env[name] | added
            return True
    return not _mentions(small, env)


def _keys(expr: cst.BaseExpression, env: dict[str, Keys]) -> Keys | None:
    if isinstance(expr, cst.Name):
        return env.get(expr.value)
    if isinstance(expr, cst.Dict):
        out: set[str] = set()
        for element in expr.elements:
            if isinstance(element, cst.StarredDictElement):
                inner = _keys(element.value, env)
                if inner is None:
                    return None
                out |= inner
            elif isinstance(element, cst.DictElement):
                key = _string(element.key)
                if key is None:
                    return None
                out.add(key)
            else:
                return None
        return frozenset(out)
    if isinstance(expr, cst.Call):
        func = expr.func
        if isinstance(func, cst.Attribute) and func.attr.value == "get_config" and _is_super(func.value):
            return frozenset({BASE})
        if isinstance(func, cst.Attribute) and func.attr.value == "copy" and not expr.args:
            return _keys(func.value, env)
        if isinstance(func, cst.Name) and func.value == "dict":
            return _dict_call_keys(expr.args, env)
        if _dotted(func) == "copy.deepcopy" and len(expr.args) == 1:
            return _keys(expr.args[0].value, env)
        if isinstance(func, cst.Name) and func.value == "list" and len(expr.args) == 1:
            return _items_of(expr.args[0].value, env)
        return None
    if isinstance(expr, cst.BinaryOperation) and isinstance(expr.operator, (cst.BitOr, cst.Add)):
        left, right = _keys(expr.left, env), _keys(expr.right, env)
        return None if left is None or right is None else left | right
    return None


def _dict_call_keys(args: Sequence[cst.Arg], env: dict[str, Keys]) -> Keys | None:
    """The keys `dict(*args)` / `d.update(*args)` gives: a mapping or a list of items, and keywords."""
    out: set[str] = set()
    for arg in args:
        if arg.star == "**":
            inner = _keys(arg.value, env)
        elif arg.star:
            return None
        elif arg.keyword is not None:
            inner = frozenset({arg.keyword.value})
        else:
            inner = _keys(arg.value, env)
        if inner is None:
            return None
        out |= inner
    return frozenset(out)


def _items_of(expr: cst.BaseExpression, env: dict[str, Keys]) -> Keys | None:
    """`list(d.items())` (for `dict(list(a.items()) + list(b.items()))`)."""
    if (
        isinstance(expr, cst.Call)
        and isinstance(expr.func, cst.Attribute)
        and expr.func.attr.value == "items"
        and not expr.args
    ):
        return _keys(expr.func.value, env)
    return None


def _is_super(expr: cst.BaseExpression) -> bool:
    return isinstance(expr, cst.Call) and isinstance(expr.func, cst.Name) and expr.func.value == "super"


def _string(expr: cst.BaseExpression | None) -> str | None:
    if isinstance(expr, cst.SimpleString):
        value = expr.evaluated_value
        return value if isinstance(value, str) else None
    return None


def _subscript_key(target: cst.Subscript) -> str | None:
    if len(target.slice) != 1 or not isinstance(target.slice[0].slice, cst.Index):
        return None
    return _string(target.slice[0].slice.value)


def _dotted(expr: cst.BaseExpression) -> str | None:
    if isinstance(expr, cst.Name):
        return expr.value
    if isinstance(expr, cst.Attribute):
        head = _dotted(expr.value)
        return f"{head}.{expr.attr.value}" if head else None
    return None


def _mentions(node: cst.CSTNode, env: dict[str, Keys]) -> bool:
    """Whether `node` names a tracked config (it might change it in a way not read here)."""
    from tfvarfix.semantics.walker import descendants

    return any(isinstance(n, cst.Name) and n.value in env for n in descendants(node))


def _is_docstring(statement: cst.BaseStatement) -> bool:
    return (
        isinstance(statement, cst.SimpleStatementLine)
        and len(statement.body) == 1
        and isinstance(statement.body[0], cst.Expr)
        and isinstance(statement.body[0].value, (cst.SimpleString, cst.ConcatenatedString))
    )
