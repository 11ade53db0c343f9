"""TFV304 under TF 2.21 + tf_keras: a second build into one default graph raises; a fresh graph per pass builds."""

from __future__ import annotations

import pytest

from tests.fixtures import TESTDATA
from tests.runtime.harness import run_program
from tests.runtime.tf1_probe import CALL_TF1_CASES

pytestmark = pytest.mark.tensorflow

EXISTS = "already exists, disallowed. Did you mean to set reuse=True or reuse=tf.AUTO_REUSE in VarScope?"


def test_bad_raises_and_fixed_builds() -> None:
    bad = run_program(TESTDATA / "TFV304" / "bad.py", CALL_TF1_CASES, legacy=True)
    assert bad.out["case_sweep"]["error"] == f"Variable rnn/lstm_cell/kernel {EXISTS}"
    assert bad.out["case_train_and_predict"]["error"] == f"Variable rnn/lstm_cell/kernel {EXISTS}"
    assert bad.out["case_scoped_twice"]["error"] == f"Variable model/rnn/lstm_cell/kernel {EXISTS}"
    fixed = run_program(TESTDATA / "TFV304" / "fixed.py", CALL_TF1_CASES, legacy=True)
    assert fixed.out["case_sweep"]["variables"] == [
        "rnn/lstm_cell/bias:0",
        "rnn/lstm_cell/kernel:0",
        "w_out:0",
    ]
    # Two different calls (train, then predict) get no fix: a fresh graph would lose the trained weights.
    assert fixed.out["case_train_and_predict"] == bad.out["case_train_and_predict"]
    assert fixed.out["case_scoped_twice"] == bad.out["case_scoped_twice"]


def test_shapes_raise_and_the_sweeps_are_fixed() -> None:
    bad = run_program(TESTDATA / "TFV304" / "bad_shapes.py", CALL_TF1_CASES, legacy=True)
    assert bad.out["case_builder_as_parameter"]["error"] == f"Variable w {EXISTS}"
    assert bad.out["case_results_in_a_dict"]["error"] == f"Variable w {EXISTS}"
    assert bad.out["case_methods_of_a_class"]["error"] == f"Variable rnn/gru_cell/gates/kernel {EXISTS}"
    assert bad.out["case_shared_input"]["error"] == f"Variable tower_w {EXISTS}"
    # An unnamed dense layer in a fixed scope: the scope's counts restart when it is left, so `dense` again.
    assert bad.out["case_unnamed_dense_in_a_fixed_scope"]["error"] == f"Variable generator/dense/kernel {EXISTS}"
    # AUTO_REUSE shares `model/w`, but the second Adam makes its slots under the same name again.
    assert bad.out["case_auto_reuse_then_adam"]["error"] == f"Variable model/w/Adam/ {EXISTS}"
    assert bad.out["case_session_per_trial"]["error"] == f"Variable w {EXISTS}"
    assert bad.out["case_one_graph_for_every_trial"]["error"] == f"Variable w {EXISTS}"
    fixed = run_program(TESTDATA / "TFV304" / "fixed_shapes.py", CALL_TF1_CASES, legacy=True)
    names = ("case_builder_as_parameter", "case_results_in_a_dict", "case_methods_of_a_class", "case_session_per_trial")
    for name in names:
        assert fixed.out[name]["ok"], fixed.out[name]
    assert "model/w/Adam:0" in fixed.out["case_auto_reuse_then_adam"]["variables"]
    # No fix where the passes share an input, or for two calls whose tensors are used together.
    assert fixed.out["case_shared_input"] == bad.out["case_shared_input"]
    assert fixed.out["case_one_graph_for_every_trial"] == bad.out["case_one_graph_for_every_trial"]
    good = run_program(TESTDATA / "TFV304" / "good_shapes.py", CALL_TF1_CASES, legacy=True)
    assert all(case["ok"] for case in good.out.values()), good.out


def test_module_sweep_raises_and_fixed_runs() -> None:
    bad = run_program(TESTDATA / "TFV304" / "bad_module.py", legacy=True)
    assert bad.error == f"ValueError: Variable rnn/lstm_cell/kernel {EXISTS}"
    fixed = run_program(TESTDATA / "TFV304" / "fixed_module.py", legacy=True)
    assert fixed.error is None, fixed.error
