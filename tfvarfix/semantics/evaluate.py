"""Static evaluation of literal expressions: strings (with f-strings and concatenation), numbers, tuples."""

from __future__ import annotations

import ast
from collections.abc import Callable
from typing import TypeGuard

import libcst as cst

Resolver = Callable[[cst.BaseExpression], object | None]


def dotted_name(node: cst.BaseExpression | cst.CSTNode) -> str | None:
    """`a.b.c` for a Name/Attribute chain, else None."""
    parts: list[str] = []
    while isinstance(node, cst.Attribute):
        parts.append(node.attr.value)
        node = node.value
    if not isinstance(node, cst.Name):
        return None
    parts.append(node.value)
    return ".".join(reversed(parts))


def caught_names(handler: cst.ExceptHandler | cst.ExceptStarHandler) -> list[str]:
    """The exception classes an `except` clause names, by their last part; [""] for a bare `except:`."""
    if handler.type is None:
        return [""]
    caught = handler.type.elements if isinstance(handler.type, cst.Tuple) else [handler.type]
    return [
        (dotted_name(e.value if isinstance(e, cst.BaseElement) else e) or "").rsplit(".", 1)[-1] for e in caught
    ]


def literal_value(expr: cst.BaseExpression, resolve: Resolver | None) -> object | None:
    """The value of a literal expression, or None. `resolve` gives the value of names and attributes.

    Handles str/bytes/int/float literals, concatenated and f-strings whose fields resolve, `+` on strings and
    numbers, `*` on ints, unary minus, tuples and lists of literals (as tuples), None/True/False.
    """
    if isinstance(expr, cst.SimpleString):
        try:
            value = ast.literal_eval(expr.value)
        except (ValueError, SyntaxError):
            return None
        return value if isinstance(value, str) else None
    if isinstance(expr, cst.Integer):
        try:
            return int(expr.value.replace("_", ""), 0)
        except ValueError:
            return None
    if isinstance(expr, cst.Float):
        try:
            return float(expr.value.replace("_", ""))
        except ValueError:
            return None
    if isinstance(expr, cst.ConcatenatedString):
        left = literal_value(expr.left, resolve)
        right = literal_value(expr.right, resolve)
        return left + right if isinstance(left, str) and isinstance(right, str) else None
    if isinstance(expr, cst.FormattedString):
        return _formatted(expr, resolve)
    if isinstance(expr, cst.Name):
        if expr.value in ("None", "True", "False"):
            return {"None": None, "True": True, "False": False}[expr.value]
        return resolve(expr) if resolve is not None else None
    if isinstance(expr, cst.Attribute):
        return resolve(expr) if resolve is not None else None
    if isinstance(expr, (cst.Tuple, cst.List)):
        items: list[object] = []
        for element in expr.elements:
            if isinstance(element, cst.StarredElement):
                return None
            item = literal_value(element.value, resolve)
            if item is None and not (isinstance(element.value, cst.Name) and element.value.value == "None"):
                return None
            items.append(item)
        return tuple(items)
    if isinstance(expr, cst.UnaryOperation) and isinstance(expr.operator, cst.Minus):
        inner = literal_value(expr.expression, resolve)
        return -inner if isinstance(inner, (int, float)) and not isinstance(inner, bool) else None
    if isinstance(expr, cst.BinaryOperation):
        left = literal_value(expr.left, resolve)
        right = literal_value(expr.right, resolve)
        if left is None or right is None:
            return None
        if isinstance(expr.operator, cst.Add):
            if isinstance(left, str) and isinstance(right, str):
                return left + right
            if _number(left) and _number(right):
                return left + right
        if isinstance(expr.operator, cst.Multiply) and _int(left) and _int(right):
            return left * right
        if isinstance(expr.operator, cst.FloorDivide) and _int(left) and _int(right) and right:
            return left // right
        if isinstance(expr.operator, cst.Subtract) and _number(left) and _number(right):
            return left - right
    return None


def _number(value: object) -> TypeGuard[int | float]:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _int(value: object) -> TypeGuard[int]:
    return isinstance(value, int) and not isinstance(value, bool)


def _formatted(expr: cst.FormattedString, resolve: Resolver | None) -> str | None:
    if "b" in expr.prefix.lower():
        return None
    out: list[str] = []
    for part in expr.parts:
        if isinstance(part, cst.FormattedStringText):
            out.append(part.value.replace("{{", "{").replace("}}", "}"))
            continue
        if not isinstance(part, cst.FormattedStringExpression):
            return None
        if part.format_spec is not None or part.conversion is not None:
            return None
        value = literal_value(part.expression, resolve)
        if not isinstance(value, (str, int)) or isinstance(value, bool):
            return None
        out.append(str(value))
    return "".join(out)
