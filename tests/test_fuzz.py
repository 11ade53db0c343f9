"""Fuzzing the engine: it never raises, every fix parses and compiles, fixing is idempotent, clean files stay
byte-identical, and every position lies inside the file.

Three sources of programs (tests/tfprograms.py): TF/Keras-shaped programs from a grammar of the statements the
rules look at (the one that makes rules and fixes fire), mutations of real TF/Keras files (the fixtures and the
installed keras sources), and hypothesmith's programs from CPython's grammar.

By default a fast deterministic slice runs (`derandomize=True`, a fixed number of examples per test). The long
run draws fresh examples: `TFVARFIX_FUZZ_EXAMPLES=5000 python -m pytest tests/test_fuzz.py -n 2` (the number is
the examples per test; with the variable set, runs are randomized and each one explores new programs).
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

import libcst as cst
import pytest
from hypothesis import HealthCheck, given, settings

from tests.tfprograms import corpus_files, hypothesmith_programs, mutated_files, tf_programs
from tfvarfix.api import FixMode, check_file, check_source
from tfvarfix.source import LineIndex
from tfvarfix.types import Diagnostic, FileResult

F = TypeVar("F", bound=Callable[..., None])
_LONG = os.environ.get("TFVARFIX_FUZZ_EXAMPLES")


def fuzz(examples: int) -> Callable[[F], F]:
    """Hypothesis settings: `examples` deterministic ones in CI, or TFVARFIX_FUZZ_EXAMPLES random ones."""
    return settings(  # type: ignore[return-value]
        max_examples=int(_LONG) if _LONG else examples,
        deadline=None,
        derandomize=not _LONG,
        database=None,
        suppress_health_check=list(HealthCheck),
    )


def compiles(text: str) -> bool:
    try:
        compile(text, "<fuzz>", "exec", dont_inherit=True)
    except (SyntaxError, ValueError):
        return False
    return True


def positions_inside(diagnostics: tuple[Diagnostic, ...], text: str) -> None:
    lines = LineIndex(text)
    for d in diagnostics:
        assert d.range.start <= d.range.end, d
        for p in (d.range.start, d.range.end):
            assert 1 <= p.line <= lines.line_count, (d, lines.line_count)
            assert 0 <= p.column <= len(lines.line_text(p.line)), (d, lines.line_text(p.line))
        for edit in d.fix.edits if d.fix is not None else ():
            for p in (edit.range.start, edit.range.end):
                assert 1 <= p.line <= lines.line_count + 1, (edit, lines.line_count)


def no_failure(result: FileResult) -> None:
    """TFV004 is a crash of ours; TFV003 a fix that broke the syntax or did not converge: both are bugs."""
    failures = [(d.code, d.message) for d in result.diagnostics if d.code in ("TFV003", "TFV004")]
    assert not failures, failures


def check_properties(text: str) -> None:
    checked = check_source(text, "fuzz.py")
    no_failure(checked)
    positions_inside(checked.diagnostics, text)
    assert checked.fixed_source is None
    for unsafe in (False, True):
        mode = FixMode(apply=True, unsafe=unsafe)
        fixed = check_source(text, "fuzz.py", mode=mode)
        no_failure(fixed)
        out = fixed.fixed_source if fixed.fixed_source is not None else text
        positions_inside(fixed.diagnostics, out)  # after --fix, what is left is reported in the fixed text
        if fixed.fixed_source is None:
            continue
        cst.parse_module(out)
        if compiles(text):
            assert compiles(out), out
        again = check_source(out, "fuzz.py", mode=mode)
        no_failure(again)
        assert again.fixed_source is None or again.fixed_source == out, "--fix twice differs from --fix once"


def unchanged_on_disk_when_nothing_to_fix(text: str) -> None:
    """check_file with --fix --unsafe-fixes: a file it does not change keeps its bytes and its mtime."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "fuzz.py"
        data = text.encode("utf-8")
        path.write_bytes(data)
        os.utime(path, ns=(1_000_000_000, 1_000_000_000))
        result = check_file(path, mode=FixMode(apply=True, unsafe=True, write=True))
        no_failure(result)
        if result.changed:
            fixed = path.read_bytes()
            assert fixed == (result.fixed_source or "").encode("utf-8")
        else:
            assert path.read_bytes() == data
            assert path.stat().st_mtime_ns == 1_000_000_000
        assert sorted(p.name for p in Path(folder).iterdir()) == ["fuzz.py"]


# ------------------------------------------------------------------------------------- TF/Keras-shaped
@fuzz(examples=80)
@given(tf_programs())
def test_tf_shaped_programs(text: str) -> None:
    assert compiles(text), text  # the grammar makes valid programs: a rule that breaks one is caught below
    check_properties(text)


@fuzz(examples=40)
@given(tf_programs())
def test_tf_shaped_files_on_disk(text: str) -> None:
    unchanged_on_disk_when_nothing_to_fix(text)


def test_tf_shaped_programs_make_rules_fire() -> None:
    """The grammar is worth its keep only if the rules and their fixes fire on what it makes."""
    from hypothesis import strategies as st

    codes: set[str] = set()
    fixed: set[str] = set()

    @settings(max_examples=60, deadline=None, derandomize=True, database=None)
    @given(st.data())
    def collect(data: st.DataObject) -> None:
        text = data.draw(tf_programs())
        fixed.update(
            d.code for d in check_source(text, "f.py", mode=FixMode(apply=True, unsafe=True)).applied_fixes
        )
        codes.update(d.code for d in check_source(text, "f.py").diagnostics)

    collect()
    required = {"TFV101", "TFV103", "TFV104", "TFV202", "TFV203", "TFV301", "TFV302", "TFV401", "TFV402"}
    assert required <= codes and len(fixed) >= 8, (sorted(codes), sorted(fixed))


# ------------------------------------------------------------------------------------------ mutations
CORPUS = corpus_files()


def test_mutation_corpus_is_real() -> None:
    assert len(CORPUS) >= 60 and any("keras" in p.parts for p in CORPUS)


@fuzz(examples=120)
@given(mutated_files(CORPUS))
def test_mutated_real_files(text: str) -> None:
    check_properties(text)


# ---------------------------------------------------------------------------------------- hypothesmith
@fuzz(examples=40)
@given(hypothesmith_programs())
def test_hypothesmith_programs(text: str) -> None:
    check_properties(text)


# ------------------------------------------------------------------------- regressions found by fuzzing
HEADER = "import tensorflow as tf\nimport tf_keras as keras\n"


@pytest.mark.parametrize(
    "body",
    [
        pytest.param(
            "d = keras.layers.GRU(7, name='x')\nm = keras.Sequential([d])\nm.add(d)\n", id="list-then-add"
        ),
        pytest.param(
            "d = keras.layers.Dense(2, name='x')\nm = keras.Sequential()\nm.add(d)\nm.add(d)\n",
            id="add-twice",
        ),
    ],
)
def test_one_layer_added_twice_is_no_duplicate_name(body: str) -> None:
    text = HEADER + body
    # Found by test_tf_shaped_programs: TFV104 counted one layer object twice and renamed it round after round
    # ("fixes did not converge"). Keras compares names only between distinct layers.
    result = check_source(text, "m.py", mode=FixMode(apply=True, unsafe=True))
    assert [d.code for d in result.diagnostics] == [] and result.fixed_source is None


def test_two_layers_with_one_name_are_still_a_duplicate() -> None:
    text = HEADER + "a = keras.layers.Dense(2, name='x')\nb = keras.layers.Dense(2, name='x')\n"
    text += "m = keras.Sequential([a])\nm.add(b)\nm.add(a)\n"
    result = check_source(text, "m.py", mode=FixMode(apply=True, unsafe=True))
    assert result.fixed_source == text.replace(
        "b = keras.layers.Dense(2, name='x')", "b = keras.layers.Dense(2, name='x_1')"
    )


@pytest.mark.parametrize(
    "source, line, column, message",
    [
        pytest.param("x = (\n\n", 2, 4, "'(' was never closed", id="unclosed-paren-before-blank-line"),
        pytest.param("def f(:\n    pass\n", 2, 6, "invalid syntax", id="bad-parameter"),
        pytest.param("if x:\npass\n", 3, 0, "expected an indented block", id="missing-indent"),
        pytest.param("x = [1,\n  2\n", 2, 4, "'[' was never closed", id="unclosed-bracket-at-eof"),
    ],
)
def test_syntax_errors_point_inside_the_file(source: str, line: int, column: int, message: str) -> None:
    # Found by test_mutated_real_files: libcst puts an error at the end of a line on the next line, at a column
    # that line may not have (line 4, column 4 of an empty line). CPython's parser now says where, and what.
    text = "import tensorflow as tf\n" + source
    (diagnostic,) = check_source(text, "m.py").diagnostics
    assert diagnostic.code == "TFV001" and message in diagnostic.message
    assert (diagnostic.line, diagnostic.column) == (line, column)
    positions_inside((diagnostic,), text)


def test_decorator_stays_on_its_class_when_module_code_is_added_at_the_same_line() -> None:
    # Found by test_tf_shaped_programs: TFV202's registration decorator (inserted before the class) and TFV401's
    # hoisted variable (inserted after the imports) met at one offset; the variable landed between the decorator
    # and the class ("fix would break the syntax"). Module additions now anchor at the end of the imports.
    text = (
        HEADER
        + "class Scale(keras.regularizers.Regularizer):\n"
        + "    def __init__(self, scale=1.0):\n        self.scale = scale\n\n"
        + "    def __call__(self, w):\n        return self.scale * w\n\n\n"
        + "@tf.function\ndef step(x):\n    v = tf.Variable(tf.ones([3]))\n    return x + v\n"
    )
    result = check_source(text, "m.py", mode=FixMode(apply=True, unsafe=True))
    no_failure(result)
    fixed = result.fixed_source or ""
    assert {d.code for d in result.applied_fixes} == {"TFV202", "TFV401"}
    assert "@keras.utils.register_keras_serializable()\nclass Scale(" in fixed
    assert compiles(fixed) and fixed.index("v = tf.Variable") < fixed.index("@keras.utils")
