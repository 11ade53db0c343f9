"""TFV304 under TF 2.21 + tf_keras: a second build into one default graph raises; a fresh graph builds."""

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
    assert all(case["ok"] for case in fixed.out.values()), fixed.out
    assert fixed.out["case_sweep"]["variables"] == [
        "rnn/lstm_cell/bias:0",
        "rnn/lstm_cell/kernel:0",
        "w_out:0",
    ]
