"""Python's scoping rules, as the interpreter reads them."""

from __future__ import annotations

import textwrap

import libcst as cst

from tfvarfix.semantics.scoping import scope_info


def _function(source: str) -> cst.FunctionDef:
    node = cst.parse_module(textwrap.dedent(source)).body[0]
    assert isinstance(node, cst.FunctionDef)
    return node


def test_every_binding_form_makes_a_local() -> None:
    info = scope_info(
        _function(
            """
            def f(a, *args, b=1, **kwargs):
                c = 1
                d += 1
                for e in []: pass
                with open(x) as g: pass
                try: pass
                except Exception as h: pass
                import i
                from j import k as l
                def m(): pass
                class N: pass
                (o := 1)
            """
        )
    )
    assert set(["a", "args", "b", "kwargs", "c", "d", "e", "g", "h", "i", "l", "m", "N", "o"]) <= info.locals
    assert "x" not in info.locals and not info.generator


def test_global_nonlocal_comprehension_targets_and_nested_functions() -> None:
    info = scope_info(
        _function(
            """
            def f():
                global g
                nonlocal_like = [x for x in range(3)]
                g = 1
                def inner():
                    y = 2
                yield 1
            """
        )
    )
    assert "g" not in info.locals and "g" in info.globals
    assert "x" not in info.locals and "y" not in info.locals
    assert info.generator


def test_a_comprehension_binds_its_targets_only() -> None:
    expr = cst.parse_expression("[a + b for a in xs for b in a if (c := b)]")
    info = scope_info(expr)
    assert {"a", "b"} <= info.locals and "xs" not in info.locals
