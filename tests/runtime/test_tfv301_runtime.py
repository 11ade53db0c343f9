"""TFV301 under TF 2.21 + tf_keras (graph mode): the repeated RNN scope raises; a distinct `scope=` builds."""

from __future__ import annotations

import pytest

from tests.fixtures import TESTDATA
from tests.runtime.harness import run_program
from tests.runtime.tf1_probe import CALL_TF1_CASES

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
