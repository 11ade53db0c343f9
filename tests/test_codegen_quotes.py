"""Generated strings follow the module's own quote style (`codegen.quote_of`)."""

from __future__ import annotations

import libcst as cst

from tfvarfix import codegen


def _quote(source: str) -> str:
    return codegen.quote_of(cst.parse_module(source))


def test_the_quote_most_strings_use() -> None:
    assert _quote("a = 'x'\nb = 'y'\nc = \"z\"\n") == "'"
    assert _quote("a = 'x'\nb = \"y\"\nc = \"z\"\n") == '"'
    assert _quote("a = 'x'\nb = \"y\"\n") == '"'  # a tie, and a module without strings: double
    assert _quote("x = 1\n") == '"'


def test_docstrings_triple_quotes_and_prefixes() -> None:
    source = 'def f():\n    """Doc."""\n    return r\'a\', b\'b\', u"c", \'\'\'d\'\'\'\n'
    assert _quote(source) == "'"  # r'a' and b'b' against u"c"; the docstring and the triple-quoted aside


def test_an_f_string_counts_once_whatever_it_holds() -> None:
    assert _quote("a = f'{x[\"k\"]} {y[\"j\"]}'\nb = \"z\"\nc = 'w'\n") == "'"


def test_a_statement_edited_is_counted_again() -> None:
    first = cst.parse_module("a = 'x'\n\nb = 'y'\n\nc = \"z\"\n")
    assert codegen.quote_of(first) == "'"
    # the editor's assembled module keeps unchanged statements (same nodes) and replaces the edited one
    edited = first.with_changes(body=[first.body[0], cst.parse_statement('b = "y"\n'), first.body[2]])
    assert codegen.quote_of(edited) == '"'
    assert codegen.quote_of(first) == "'"
