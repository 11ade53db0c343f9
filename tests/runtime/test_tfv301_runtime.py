"""TFV301 under TF 2.21 + tf_keras (graph mode): the repeated RNN scope raises; a distinct `scope=` builds."""

from __future__ import annotations

import pytest

from tests.fixtures import TESTDATA
from tests.runtime.harness import run_program
from tests.runtime.tf1_probe import CALL_TF1_CASES
from tfvarfix.engine import check_text
from tfvarfix.rule import registry

pytestmark = pytest.mark.tensorflow

EXISTS = "already exists, disallowed. Did you mean to set reuse=True or reuse=tf.AUTO_REUSE in VarScope?"


def test_bad_raises_and_fixed_builds() -> None:
    bad = run_program(TESTDATA / "TFV301" / "bad.py", CALL_TF1_CASES, legacy=True)
    assert bad.error is None
    assert bad.out["case_two_dynamic_rnn"]["error"] == f"Variable rnn/lstm_cell/kernel {EXISTS}"
    assert bad.out["case_cells_in_a_scope"]["error"].startswith("Variable model/rnn/gru_cell/")
    assert bad.out["case_reopened_scope"]["error"] == f"Variable stack/layer/basic_lstm_cell/kernel {EXISTS}"
    bidirectional = "bidirectional_rnn/fw/lstm_cell/kernel"
    assert bad.out["case_bidirectional"]["error"] == f"Variable {bidirectional} {EXISTS}"
    assert bad.out["case_static_rnn"]["error"] == f"Variable rnn/lstm_cell/kernel {EXISTS}"
    fixed = run_program(TESTDATA / "TFV301" / "fixed.py", CALL_TF1_CASES, legacy=True)
    assert all(case["ok"] for case in fixed.out.values()), fixed.out
    assert fixed.out["case_two_dynamic_rnn"]["variables"] == [
        "rnn/lstm_cell/bias:0",
        "rnn/lstm_cell/kernel:0",
        "rnn_1/lstm_cell/bias:0",
        "rnn_1/lstm_cell/kernel:0",
    ]
    assert "stack/layer_1/basic_lstm_cell/kernel:0" in fixed.out["case_reopened_scope"]["variables"]


def test_shapes_raise_and_fixed_shapes_build() -> None:
    bad = run_program(TESTDATA / "TFV301" / "bad_shapes.py", CALL_TF1_CASES, legacy=True)
    assert bad.out["case_helpers"]["error"] == f"Variable rnn/lstm_cell/kernel {EXISTS}"
    assert bad.out["case_loop_over_sizes"]["error"] == f"Variable rnn/gru_cell/gates/kernel {EXISTS}"
    assert bad.out["case_cells_in_a_dict"]["error"] == f"Variable rnn/lstm_cell/kernel {EXISTS}"
    assert bad.out["case_cells_as_parameters"]["error"] == f"Variable rnn/basic_lstm_cell/kernel {EXISTS}"
    assert bad.out["case_methods_of_a_class"]["error"] == f"Variable model/rnn/lstm_cell/kernel {EXISTS}"
    # Fresh cells called directly collide only when each call reopens the named scope.
    assert (
        bad.out["case_cells_called_in_reopened_scopes"]["error"] == f"Variable lstm/lstm_cell/kernel {EXISTS}"
    )
    fixed = run_program(TESTDATA / "TFV301" / "fixed_shapes.py", CALL_TF1_CASES, legacy=True)
    for name in (
        "case_helpers",
        "case_cells_in_a_dict",
        "case_cells_as_parameters",
        "case_methods_of_a_class",
    ):
        assert fixed.out[name]["ok"], fixed.out[name]
    assert "model/rnn_4/lstm_cell/kernel:0" in fixed.out["case_methods_of_a_class"]["variables"]
    good = run_program(TESTDATA / "TFV301" / "good_shapes.py", CALL_TF1_CASES, legacy=True)
    assert all(case["ok"] for case in good.out.values()), good.out
    assert "stack/lstm_cell_1/kernel:0" in good.out["case_cells_called_in_one_block"]["variables"]


def test_module_code_raises_and_fixed_builds() -> None:
    bad = run_program(TESTDATA / "TFV301" / "bad_module.py", legacy=True)
    assert bad.error == f"ValueError: Variable rnn/lstm_cell/kernel {EXISTS}"
    assert run_program(TESTDATA / "TFV301" / "fixed_module.py", legacy=True).error is None


def test_multiline_calls_raise_and_fixed_build() -> None:
    bad = run_program(TESTDATA / "TFV301" / "bad_layout.py", CALL_TF1_CASES, legacy=True)
    assert "model/rnn/lstm_cell/kernel already exists" in bad.out["case_multiline_calls"]["error"]
    fixed = run_program(TESTDATA / "TFV301" / "fixed_layout.py", CALL_TF1_CASES, legacy=True)
    variables = fixed.out["case_multiline_calls"]["variables"]
    assert [v for v in variables if v.endswith("kernel:0")] == [
        "model/rnn/lstm_cell/kernel:0",
        "model/rnn_1/lstm_cell/kernel:0",
        "model/rnn_2/lstm_cell/kernel:0",
    ]


def test_the_fix_says_which_variables_it_renames() -> None:
    """The renames a fix reports are the variable names TF really gives: the old scope is where the original
    collided, the new one is where the rewrite builds the variables."""
    text = (TESTDATA / "TFV301" / "bad_layout.py").read_text()
    fixes = [d.fix for d in check_text(text, [registry().rules["TFV301"]]).diagnostics if d.fix is not None]
    renames = [r for fix in fixes for r in fix.renames]
    assert [(r.kind, r.old, r.new) for r in renames] == [
        ("variable_scope", "model/rnn/lstm_cell", "model/rnn_1/lstm_cell"),
        ("variable_scope", "model/rnn/lstm_cell", "model/rnn_2/lstm_cell"),
    ]
    assert all(f"`{r.old}/...` -> `{r.new}/...`" in fix.title for fix, r in zip(fixes, renames, strict=True))
    fixed = run_program(TESTDATA / "TFV301" / "fixed_layout.py", CALL_TF1_CASES, legacy=True)
    variables = fixed.out["case_multiline_calls"]["variables"]
    for rename in renames:
        assert f"{rename.new}/kernel:0" in variables


def test_rnn_layers_made_in_a_loop_raise_and_a_scope_per_pass_builds() -> None:
    bad = run_program(TESTDATA / "TFV301" / "bad_loop.py", CALL_TF1_CASES, legacy=True)
    assert (
        bad.out["case_enumerated_sizes"]["error"]
        == f"Variable bidirectional_rnn/fw/lstm_cell/kernel {EXISTS}"
    )
    assert bad.out["case_cells_made_in_scopes"]["error"] == f"Variable rnn/gru_cell/gates/kernel {EXISTS}"
    fixed = run_program(TESTDATA / "TFV301" / "fixed_loop.py", CALL_TF1_CASES, legacy=True)
    assert all(case["ok"] for case in fixed.out.values()), fixed.out
    made = fixed.out["case_enumerated_sizes"]["variables"]
    assert "bidirectional_rnn_0/fw/lstm_cell/kernel:0" in made
    assert "bidirectional_rnn_1/bw/lstm_cell/kernel:0" in made
    assert {v.split("/")[0] for v in fixed.out["case_cells_made_in_scopes"]["variables"]} == {
        "rnn_0",
        "rnn_1",
    }


def test_two_loops_do_not_both_get_the_scopes_of_one() -> None:
    """`f"rnn_{i}"` in two loops would make `rnn_0` twice: the second loop is left without a fix."""
    loop = "for size in [4, 4]:\n    out, _ = tf.nn.dynamic_rnn(tf.nn.rnn_cell.LSTMCell(size), out, dtype=tf.float32)\n"
    text = (
        "import tensorflow.compat.v1 as tf\n\ntf.disable_eager_execution()\n"
        "out = tf.placeholder(tf.float32, [None, 5, 3])\n"
    )
    rules = [registry().rules["TFV301"]]
    fixed = check_text(text + loop + loop, rules, fix=True, unsafe=True).text
    assert fixed.count('scope=f"rnn_{i}"') == 1, fixed
    assert [d.fix for d in check_text(fixed, rules).diagnostics] == [None]


def test_two_multi_rnn_cells_called_directly_raise_and_their_near_misses_build() -> None:
    """A MultiRNNCell called directly keeps `multi_rnn_cell` as its scope: a second stack in the same scope
    makes `multi_rnn_cell/cell_0/<cell>/...` again, where two plain cells get `lstm_cell` and `lstm_cell_1`."""
    bad = run_program(TESTDATA / "TFV301" / "bad_multi_cells_called_directly.py", CALL_TF1_CASES, legacy=True)
    assert bad.out["case_two_stacks_in_one_block"]["error"].startswith(
        f"Variable multi_rnn_cell/cell_0/lstm_cell/kernel {EXISTS}"
    )
    assert bad.out["case_stacks_of_other_cells_in_a_scope"]["error"].startswith(
        "Variable towers/multi_rnn_cell/cell_0/gru_cell/gates/kernel already exists"
    )
    good = run_program(TESTDATA / "TFV301" / "good_multi_cells_called_directly.py", CALL_TF1_CASES, legacy=True)
    assert all(case["ok"] for case in good.out.values()), good.out
    assert "lstm_cell_1/kernel:0" in good.out["case_plain_cells"]["variables"]
    assert "decoder/multi_rnn_cell/cell_1/lstm_cell/kernel:0" in good.out["case_a_scope_each"]["variables"]
    assert len(good.out["case_keras_style_scope"]["variables"]) == 8
