"""Whether the `if` at the top of a custom initializer's `__call__` can hold for a statically known shape.

The interpreter gives the shapes an initializer is called with (the weights of the layers it is given to); this
evaluates the guard for each. Only straight-line code is read: name assignments before the `if` (ints,
`shape[i]`, `len(shape)` and `+ - * //` over them), then the `if` (no `else`) whose body writes the value, then
one `return`. Anything else gives None.
"""

from __future__ import annotations

import operator
from collections.abc import Callable
from dataclasses import dataclass

import libcst as cst

from tfvarfix.semantics.values import FuncObj
from tfvarfix.semantics.walker import descendants

_ARITH: dict[type[cst.BaseBinaryOp], Callable[[int, int], int]] = {
    cst.Add: operator.add,
    cst.Subtract: operator.sub,
    cst.Multiply: operator.mul,
    cst.FloorDivide: operator.floordiv,
}
_COMPARE: dict[type[cst.BaseCompOp], tuple[str, Callable[[int, int], bool]]] = {
    cst.Equal: ("==", operator.eq),
    cst.NotEqual: ("!=", operator.ne),
    cst.LessThan: ("<", operator.lt),
    cst.LessThanEqual: ("<=", operator.le),
    cst.GreaterThan: (">", operator.gt),
    cst.GreaterThanEqual: (">=", operator.ge),
}


class _Unknown(Exception):
    """The expression is not statically known for this shape."""


@dataclass(frozen=True)
class Guard:
    """`test` guards every write of the value; `steps` are the assignments before it, in order."""

    test: cst.BaseExpression
    shape: str
    steps: tuple[tuple[str, cst.BaseExpression], ...]


def guard_of(func: FuncObj | None) -> Guard | None:
    """The guard of a `__call__(self, shape, ...)` method, when its body has the shape above."""
    method = func.node if func is not None else None
    if not isinstance(method, cst.FunctionDef) or not isinstance(method.body, cst.IndentedBlock):
        return None
    params = method.params.params
    if len(params) < 2 or method.params.posonly_params:
        return None
    shape = params[1].name.value
    steps: list[tuple[str, cst.BaseExpression]] = []
    body = list(method.body.body)
    for index, statement in enumerate(body):
        if isinstance(statement, cst.If):
            rest = body[index + 1 :]
            if statement.orelse is not None or not _writes(statement.body) or not _returns_only(rest):
                return None
            if _walrus(statement.test):
                return None
            return Guard(statement.test, shape, tuple(steps))
        if not isinstance(statement, cst.SimpleStatementLine):
            return None
        for small in statement.body:
            if index == 0 and isinstance(small, cst.Expr) and isinstance(small.value, cst.SimpleString):
                continue  # the docstring
            if not isinstance(small, cst.Assign) or len(small.targets) != 1:
                return None
            target = small.targets[0].target
            if not isinstance(target, cst.Name) or target.value == shape or _walrus(small.value):
                return None
            if any(name == target.value for name, _ in steps):
                return None
            steps.append((target.value, small.value))
    return None


def evaluate(guard: Guard, shape: tuple[int | None, ...], len_shadowed: bool) -> tuple[bool, str] | None:
    """The test's value for `shape` and its text with every value substituted; None when not known."""
    env: dict[str, int | None] = {}
    for name, expr in guard.steps:
        try:
            env[name] = _int(expr, env, guard.shape, shape, len_shadowed or "len" in env)
        except _Unknown:
            env[name] = None
    try:
        return _test(guard.test, env, guard.shape, shape, len_shadowed or "len" in env)
    except _Unknown:
        return None


def _int(
    expr: cst.BaseExpression,
    env: dict[str, int | None],
    param: str,
    shape: tuple[int | None, ...],
    no_len: bool,
) -> int:
    if isinstance(expr, cst.Integer):
        return int(expr.evaluated_value)
    if isinstance(expr, cst.Name):
        value = env.get(expr.value)
        if value is None:
            raise _Unknown
        return value
    if isinstance(expr, cst.UnaryOperation) and isinstance(expr.operator, cst.Minus):
        return -_int(expr.expression, env, param, shape, no_len)
    if isinstance(expr, cst.BinaryOperation) and type(expr.operator) in _ARITH:
        left = _int(expr.left, env, param, shape, no_len)
        right = _int(expr.right, env, param, shape, no_len)
        if isinstance(expr.operator, cst.FloorDivide) and right == 0:
            raise _Unknown
        return _ARITH[type(expr.operator)](left, right)
    if isinstance(expr, cst.Subscript) and isinstance(expr.value, cst.Name) and expr.value.value == param:
        if len(expr.slice) != 1 or not isinstance(expr.slice[0].slice, cst.Index):
            raise _Unknown
        index = expr.slice[0].slice.value
        if not isinstance(index, (cst.Integer, cst.UnaryOperation)) or param in env:
            raise _Unknown
        position = _int(index, {}, param, (), True)
        if not -len(shape) <= position < len(shape) or shape[position] is None:
            raise _Unknown
        dim = shape[position]
        assert dim is not None
        return dim
    if (
        isinstance(expr, cst.Call)
        and isinstance(expr.func, cst.Name)
        and expr.func.value == "len"
        and not no_len
        and len(expr.args) == 1
        and not expr.args[0].star
        and expr.args[0].keyword is None
        and isinstance(expr.args[0].value, cst.Name)
        and expr.args[0].value.value == param
    ):
        return len(shape)
    raise _Unknown


def _test(
    expr: cst.BaseExpression,
    env: dict[str, int | None],
    param: str,
    shape: tuple[int | None, ...],
    no_len: bool,
) -> tuple[bool, str]:
    if isinstance(expr, cst.Comparison):
        left = _int(expr.left, env, param, shape, no_len)
        text, value = str(left), True
        for target in expr.comparisons:
            if type(target.operator) not in _COMPARE:
                raise _Unknown
            symbol, compare = _COMPARE[type(target.operator)]
            right = _int(target.comparator, env, param, shape, no_len)
            value = value and compare(left, right)
            text, left = f"{text} {symbol} {right}", right
        return value, text
    if isinstance(expr, cst.UnaryOperation) and isinstance(expr.operator, cst.Not):
        value, text = _test(expr.expression, env, param, shape, no_len)
        return not value, f"not ({text})"
    if isinstance(expr, cst.BooleanOperation):
        left, left_text = _test(expr.left, env, param, shape, no_len)
        right, right_text = _test(expr.right, env, param, shape, no_len)
        if isinstance(expr.operator, cst.And):
            return left and right, f"({left_text}) and ({right_text})"
        return left or right, f"({left_text}) or ({right_text})"
    raise _Unknown


def _writes(block: cst.BaseSuite) -> bool:
    """The `if` body is plain statements that assign or return something, and raise or assert nothing."""
    if not isinstance(block, cst.IndentedBlock):
        return False
    kinds = [small for s in block.body if isinstance(s, cst.SimpleStatementLine) for small in s.body]
    if len(kinds) == 0 or any(not isinstance(s, cst.SimpleStatementLine) for s in block.body):
        return False
    if any(isinstance(small, (cst.Raise, cst.Assert, cst.Global, cst.Nonlocal)) for small in kinds):
        return False
    return any(isinstance(small, (cst.Assign, cst.AugAssign, cst.Return)) for small in kinds)


def _returns_only(rest: list[cst.BaseStatement]) -> bool:
    return (
        len(rest) == 1
        and isinstance(rest[0], cst.SimpleStatementLine)
        and len(rest[0].body) == 1
        and isinstance(rest[0].body[0], cst.Return)
    )


def _walrus(node: cst.CSTNode) -> bool:
    return any(isinstance(n, (cst.NamedExpr, cst.Lambda)) for n in descendants(node))
