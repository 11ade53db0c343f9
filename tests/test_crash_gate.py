"""The crash gate's scan (engine._needs_gate) reads tokens as Python does: brackets in strings, docstrings and
comments are not nesting, so only real nesting or real long statements send a file through CPython's parser."""

from __future__ import annotations

import io
import random
import tokenize

import pytest

from tfvarfix import engine
from tfvarfix.engine import _GATE_DEPTH, _needs_gate


def nested(depth: int) -> str:
    return "(" * depth + "1" + ")" * depth


def real_depth(text: str) -> int:
    """The deepest bracket nesting of the code, as Python's tokenizer sees it."""
    depth = deepest = 0
    for token in tokenize.generate_tokens(io.StringIO(text).readline):
        if token.type == tokenize.OP and token.string in "([{":
            depth += 1
            deepest = max(deepest, depth)
        elif token.type == tokenize.OP and token.string in ")]}":
            depth -= 1
    return deepest


FILLER = "import tensorflow as tf\n" + "x = tf.constant(1)\n" * 400  # long enough to be scanned


def test_brackets_in_strings_docstrings_and_comments_are_not_nesting() -> None:
    docstring = f'def f():\n    """Example:\n\n    {nested(300)}\n    {"(" * 300}\n    """\n'
    comment = f"# {'(' * 300}\n"
    strings = f"a = '{'[' * 300}'\nb = r\"{'{' * 300}\"\nc = b'''\n{'(' * 300}\n'''\n"
    for text in (docstring, comment, strings):
        assert _needs_gate(FILLER + text) is False
        assert real_depth(FILLER + text) < _GATE_DEPTH


def test_real_nesting_trips_it() -> None:
    assert _needs_gate(FILLER + f"y = {nested(_GATE_DEPTH + 1)}\n") is True
    assert _needs_gate(FILLER + f"y = {nested(_GATE_DEPTH)}\n") is False
    # after a string that holds closing brackets, the nesting is still counted from where it is
    assert _needs_gate(FILLER + "y = " + "(" * 60 + "')))))' + " + nested(60) + ")" * 60 + "\n") is True


def test_an_f_strings_fields_are_code() -> None:
    assert _needs_gate(FILLER + 'y = f"{' + nested(_GATE_DEPTH + 5) + '}"\n') is True
    assert _needs_gate(FILLER + "y = rf'{" + nested(_GATE_DEPTH + 5) + "}'\n") is True


def test_long_strings_are_one_term_and_continuations_in_strings_do_not_count() -> None:
    assert _needs_gate(FILLER + f"doc = '{'x' * 20_000}'\n") is False
    assert _needs_gate(FILLER + 'doc = """' + "line\n" * 5_000 + '"""\n') is False
    assert _needs_gate(FILLER + "s = '''" + "a \\\n" * 1_500 + "'''\n") is False
    assert _needs_gate(FILLER + "y = " + " + ".join(["x"] * 2_000) + "\n") is True  # a real long chain
    assert _needs_gate(FILLER + "y = 1" + " + \\\n 1" * 1_500 + "\n") is True  # real continuations


def test_it_never_misses_nesting_the_tokenizer_sees() -> None:
    rng = random.Random(4)
    pieces = ["'(((('", '"]]]"', "'))'", "# ((((\n", '"""\n((((\n"""', "f'{x}'", "1", "x", "[1, 2]"]
    for _ in range(300):
        depth = rng.randint(_GATE_DEPTH - 20, _GATE_DEPTH + 20)
        expression = "1"
        for _ in range(depth):
            opener, closer = rng.choice(["()", "[]", "{}"])
            expression = f"{opener}{rng.choice(pieces)}, {expression}\n, {rng.choice(pieces)}{closer}"
        text = FILLER + f"y = {expression}\n"
        deepest = real_depth(text)
        if deepest > _GATE_DEPTH:
            assert _needs_gate(text), deepest
        elif deepest < _GATE_DEPTH:  # an f-string's braces count one more level than the 3.11 tokenizer says
            assert not _needs_gate(text), deepest


def test_a_file_the_gate_stops_still_gets_a_clear_syntax_error() -> None:
    with pytest.raises(SyntaxError, match=r"too deeply nested|too many nested"):
        engine.parse(FILLER + f"y = {nested(1_000)}\n")
