"""Notebooks: masking IPython syntax, one program across cells, cell positions, fixes written back."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from tfvarfix import api
from tfvarfix.notebook import (
    Notebook,
    NotebookWriteError,
    confine,
    ipython_dedent,
    mask,
    placeholder,
)
from tfvarfix.types import Diagnostic, Edit, Fix, FixSafety, Position, Range, VerifyCheck

IMPORTS = "import numpy as np\nimport tensorflow as tf\nfrom tensorflow import keras"
LAYER = (
    'inputs = keras.Input((4,))\nhidden = keras.layers.Dense(3, name="hidden")\n'
    "model = keras.Model(inputs, hidden(inputs))"
)
DETACHED = 'hidden_bias = tf.Variable(np.full((3,), 0.5, "float32"), name="hidden/bias")'
RNN = "lstm = keras.layers.LSTM(4)\nlstm.build((None, 2, 3))\nk = lstm.kernel"


def code(source: str, count: int | None = None, outputs: list[Any] | None = None) -> dict[str, Any]:
    lines = source.splitlines(keepends=True)
    return {
        "cell_type": "code",
        "execution_count": count,
        "metadata": {"tags": ["t"]},
        "outputs": outputs or [],
        "source": lines,
    }


def markdown(text: str) -> dict[str, Any]:
    return {"cell_type": "markdown", "metadata": {}, "source": [text]}


def notebook(*cells: dict[str, Any]) -> dict[str, Any]:
    return {
        "cells": list(cells),
        "metadata": {
            "kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"},
            "language_info": {"name": "python", "version": "3.11.7"},
        },
        "nbformat": 4,
        "nbformat_minor": 5,
    }


def nbformat_style(data: dict[str, Any]) -> str:
    """How Jupyter (nbformat) writes a notebook."""
    return json.dumps(data, indent=1, sort_keys=True, ensure_ascii=False) + "\n"


def run_cli(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "tfvarfix", *args], capture_output=True, text=True, cwd=cwd, check=False
    )


# ------------------------------------------------------------------------------------------- masking
@pytest.mark.parametrize(
    ("source", "masked_lines"),
    [
        pytest.param("%matplotlib inline\nx = 1\n", {0}, id="line-magic"),
        pytest.param("!pip install -q tensorflow\n", {0}, id="shell-escape"),
        pytest.param("?tf.Variable\nmodel.fit??\n", {0, 1}, id="help"),
        pytest.param("files = !ls\nt = %timeit -o f()\n", {0, 1}, id="assigned-magic"),
        pytest.param("if x:\n    !echo hi\n", {1}, id="indented-shell"),
        pytest.param("x = (a\n     % b)\n", set(), id="modulo-continuation-kept"),
        pytest.param('s = """\n%d items?\n!x"""\n', set(), id="inside-string-kept"),
        pytest.param("%%time\nx = tf.Variable(1.0)\n", {0}, id="python-cell-magic"),
        pytest.param("%%bash\necho hi\n  if [ x ]\n", {0, 1, 2}, id="other-cell-magic"),
        pytest.param("%env A=\\\n  B\nx = 1\n", {0, 1}, id="magic-continued-by-backslash"),
        pytest.param(
            "if x:\n  !python main.py \\\n      --flag=1 \\\n      --b\n  !rm -rf d\n",
            {1, 2, 3, 4},
            id="shell-continued-by-backslash-in-a-block",
        ),
    ],
)
def test_mask(source: str, masked_lines: set[int]) -> None:
    masked, indexes = mask(source)
    assert set(indexes) == masked_lines
    old, new = source.splitlines(), masked.splitlines()
    assert [len(line) for line in old] == [len(line) for line in new]  # positions stay right
    for i, (before, after) in enumerate(zip(old, new, strict=True)):
        assert (before == after) == (i not in masked_lines)
    compile(masked, "<cell>", "exec")  # what is left is Python


def test_placeholder_is_python_of_the_same_length() -> None:
    for length in range(1, 8):
        text = placeholder(length)
        assert len(text) == length
        compile(text, "<p>", "exec")


# ------------------------------------------------------------------------------------- one program
def test_layer_in_one_cell_and_detached_variable_in_another_are_found(tmp_path: Path) -> None:
    data = notebook(
        markdown("# A model"),
        code("%matplotlib inline\n" + IMPORTS, 1),
        code(LAYER, 2),
        markdown("more"),
        code("!nvidia-smi\nprint(model.summary())", 3),
        code(DETACHED, 4),
    )
    path = tmp_path / "split.ipynb"
    path.write_text(nbformat_style(data), encoding="utf-8")
    done = run_cli("--output-format", "concise", path.name, cwd=tmp_path)
    assert done.returncode == 1, done.stderr
    assert done.stdout.splitlines()[0].startswith("split.ipynb:cell 6:1:15: TFV101 ")
    as_json = json.loads(run_cli("--output-format", "json", path.name, cwd=tmp_path).stdout)
    assert [(i["code"], i["cell"], i["location"], i["noqa_row"]) for i in as_json] == [
        ("TFV101", 6, {"row": 1, "column": 15}, 1)
    ]
    full = run_cli(path.name, cwd=tmp_path).stdout
    assert "split.ipynb:cell 6:1:15: TFV101" in full
    assert f"1 | {DETACHED}" in full  # the frame shows the cell, numbered in the cell


def test_graph_built_twice_across_cells_is_found(tmp_path: Path) -> None:
    data = notebook(
        code("import tensorflow.compat.v1 as tf\ntf.disable_eager_execution()", 1),
        code('def build():\n    return tf.get_variable("w", [3, 1])', 2),
        code("train = build()", 3),
        code("predict = build()", 4),
    )
    result = api.check_source(nbformat_style(data), "graph.ipynb")
    assert result.notebook is not None
    found = [(d.code, result.notebook.locate(d.range.start.line)) for d in result.diagnostics]
    assert found == [("TFV304", (4, 1))]


def test_markdown_mentions_do_not_make_code(tmp_path: Path) -> None:
    data = notebook(markdown("We use tensorflow here: `tf.Variable(...)`"), code("x = 1", 1))
    result = api.check_source(nbformat_style(data), "plain.ipynb")
    assert result.diagnostics == ()
    assert result.status.value == "skipped"


# ------------------------------------------------------------------------------------------- fixes
@pytest.mark.parametrize(
    "dump",
    [
        pytest.param(nbformat_style, id="nbformat"),
        pytest.param(lambda d: json.dumps(d, indent=2, ensure_ascii=True), id="indent2-ascii-no-newline"),
        pytest.param(lambda d: json.dumps(d, indent=4) + "\n", id="indent4"),
    ],
)
def test_fix_writes_cells_back_and_nothing_else(tmp_path: Path, dump: Any) -> None:
    output = {"name": "stdout", "output_type": "stream", "text": ["résumé ✓\n"]}
    cell = code("%%time\n" + RNN, 7, [output])
    cell["source"] = "".join(cell["source"])  # one cell stores a string, not a list
    data = notebook(code("%load_ext autoreload\n" + IMPORTS, 1), cell, code("!ls\nk2 = lstm.kernel\n", 9))
    original = dump(data)
    path = tmp_path / "fix.ipynb"
    path.write_text(original, encoding="utf-8")
    result = api.check_file(path, mode=api.FixMode(apply=True, write=True))
    assert [d.code for d in result.applied_fixes] == ["TFV103", "TFV103"]
    written = path.read_text(encoding="utf-8")
    expected = json.loads(original)
    expected["cells"][1]["source"] = "%%time\n" + RNN.replace("lstm.kernel", "lstm.cell.kernel")
    expected["cells"][2]["source"] = ["!ls\n", "k2 = lstm.cell.kernel\n"]
    assert written == dump(expected)  # same formatting, outputs, metadata, counts; magics kept
    again = api.check_file(path, mode=api.FixMode(apply=True, write=True))
    assert again.diagnostics == () and path.read_text(encoding="utf-8") == written


def test_fix_is_refused_when_the_json_formatting_cannot_be_reproduced(tmp_path: Path) -> None:
    data = notebook(code(IMPORTS + "\n" + RNN, 1))
    text = nbformat_style(data).replace('"nbformat": 4', '"nbformat":   4')
    path = tmp_path / "odd.ipynb"
    path.write_text(text, encoding="utf-8")
    result = api.check_file(path, mode=api.FixMode(apply=True, write=True))
    assert path.read_text(encoding="utf-8") == text
    assert [d.code for d in result.diagnostics] == ["TFV103", "TFV003"]
    assert "formatting" in result.notes[-1]


def test_split_refuses_a_program_whose_cells_ran_together() -> None:
    book = Notebook(nbformat_style(notebook(code(IMPORTS, 1), code(RNN, 2))))
    program = book.program()
    assert book.split(program) == [IMPORTS + "\n", RNN + "\n"]
    with pytest.raises(NotebookWriteError):
        book.split(program.replace(book.boundary + "\n", "", 1))


def test_a_fix_crossing_a_cell_boundary_is_not_offered() -> None:
    book = Notebook(nbformat_style(notebook(code("a = 1\nb = 2", 1), code("c = 3", 2))))
    cells = book.cell_map(book.program())
    assert cells.starts == (1, 4) and cells.locate(4) == (2, 1)

    def diagnostic(start: Position, end: Position) -> Diagnostic:
        fix = Fix("t", FixSafety.SAFE, (Edit(Range(start, end), "x"),), VerifyCheck.EQUIVALENT)
        return Diagnostic("TFV103", "n", "m", Range(Position(1, 0), Position(1, 1)), fix)

    inside = diagnostic(Position(1, 0), Position(2, 5))
    assert confine(inside, cells).fix is not None
    assert confine(diagnostic(Position(2, 0), Position(4, 1)), cells).fix is None
    assert confine(diagnostic(Position(3, 0), Position(3, 0)), cells).fix is not None  # insertion above


def test_broken_notebooks_are_one_line_diagnostics(tmp_path: Path) -> None:
    (tmp_path / "bad.ipynb").write_text('{"cells": [tensorflow', encoding="utf-8")
    (tmp_path / "other.ipynb").write_text('{"keras": 1}', encoding="utf-8")
    done = run_cli("--output-format", "concise", ".", cwd=tmp_path)
    assert done.returncode == 1 and "Traceback" not in done.stderr
    lines = done.stdout.splitlines()
    assert lines[0].startswith("bad.ipynb:1:12: TFV001 invalid notebook JSON")
    assert lines[1].startswith("other.ipynb:1:1: TFV001 not a Jupyter notebook")


def test_syntax_error_in_a_cell_is_reported_in_that_cell(tmp_path: Path) -> None:
    data = notebook(code(IMPORTS, 1), code("x = (1,\n", 2))
    result = api.check_source(nbformat_style(data), "syntax.ipynb")
    assert result.notebook is not None
    assert [d.code for d in result.diagnostics] == ["TFV001"]
    assert result.notebook.locate(result.diagnostics[0].range.start.line)[0] == 2


# ------------------------------------------------------------------------------------- IPython's dedent
@pytest.mark.parametrize(
    ("source", "columns"),
    [
        pytest.param(" # install\n !curl x | sudo apt-key add -\n", 1, id="every-line-indented"),
        pytest.param("  a = 1\n\n    b = 2\n", 2, id="blank-lines-ignored"),
        pytest.param(" Params = {\n    'a': 1,\n}\nprint(Params)\n", 0, id="a-line-at-column-0"),
        pytest.param("x = 1\n", 0, id="not-indented"),
        pytest.param("\tx = 1\n y = 2\n", 0, id="tab-and-space"),
    ],
)
def test_ipython_dedent(source: str, columns: int) -> None:
    assert ipython_dedent(source) == columns


def test_a_cell_ipython_dedents_is_checked_at_its_own_columns_without_fixes() -> None:
    """google/automl's efficientdet tf2 tutorial has a cell of `" # install edgetpu compiler"` and `" !curl ..."`
    lines: IPython dedents it and runs it (measured, IPython 9.18), Python alone calls it an unexpected indent.
    The notebook is checked, and a finding in such a cell is at the cell's columns, with no fix."""
    indented = "".join("  " + line for line in DETACHED.splitlines(keepends=True))
    data = notebook(code(IMPORTS, 1), code(LAYER, 2), code(" # install\n !echo hi\n", 3), code(indented, 4))
    result = api.check_source(json.dumps(data, indent=1), "nb.ipynb", None)
    found = [(d.code, d.range.start.column, d.fix) for d in result.diagnostics]
    plain = api.check_source(
        json.dumps(notebook(code(IMPORTS), code(LAYER), code(DETACHED)), indent=1), "p.ipynb", None
    )
    column = next(d.range.start.column for d in plain.diagnostics if d.code == "TFV101")
    assert found == [("TFV101", column + 2, None)]
