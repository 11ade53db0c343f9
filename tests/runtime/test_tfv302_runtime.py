"""TFV302 under TF 2.21 + tf_keras: a duplicate get_variable raises; the fix shares or renames."""

from __future__ import annotations

import pytest

from tests.fixtures import TESTDATA
from tests.runtime.harness import run_program
from tests.runtime.tf1_probe import CALL_TF1_CASES

pytestmark = pytest.mark.tensorflow

EXISTS = "already exists, disallowed. Did you mean to set reuse=True or reuse=tf.AUTO_REUSE in VarScope?"


def test_bad_raises_and_fixed_builds() -> None:
    bad = run_program(TESTDATA / "TFV302" / "bad.py", CALL_TF1_CASES, legacy=True)
    assert bad.out["case_same_variable_twice"]["error"] == f"Variable proj/w {EXISTS}"
    assert bad.out["case_two_variables_one_name"]["error"] == f"Variable layer/weights {EXISTS}"
    assert bad.out["case_root_scope"]["error"] == f"Variable embedding {EXISTS}"
    assert bad.out["case_reopened_scope"]["error"] == f"Variable a/w {EXISTS}"
    assert bad.out["case_named_dense"]["error"] == f"Variable fc/kernel {EXISTS}"
    fixed = run_program(TESTDATA / "TFV302" / "fixed.py", CALL_TF1_CASES, legacy=True)
    assert all(case["ok"] for case in fixed.out.values()), fixed.out
    assert fixed.out["case_same_variable_twice"]["variables"] == ["proj/w:0"]  # shared, as written
    assert fixed.out["case_two_variables_one_name"]["variables"] == ["layer/weights:0", "layer/weights_1:0"]
    assert fixed.out["case_named_dense"]["variables"] == [
        "fc/bias:0",
        "fc/kernel:0",
        "fc_1/bias:0",
        "fc_1/kernel:0",
    ]
