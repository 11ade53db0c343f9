"""TFV103 under real Keras: every bad case raises the AttributeError; every fixed case reads a real weight."""

from __future__ import annotations

import pytest

from tests.fixtures import TESTDATA
from tests.runtime.harness import run_program

pytestmark = pytest.mark.tensorflow

CALL_CASES = """
import keras
for name, case in sorted(ns.items()):
    if name.startswith("case_"):
        try:
            value = case()
            out[name] = {"ok": True, "shape": [int(d) for d in keras.ops.shape(value)]}
        except AttributeError as error:
            out[name] = {"ok": False, "error": str(error)}
"""


@pytest.mark.parametrize("legacy", [False, True], ids=["keras3", "tf_keras"])
def test_bad_cases_raise_and_fixed_cases_run(legacy: bool) -> None:
    bad = run_program(TESTDATA / "TFV103" / "bad.py", CALL_CASES, legacy=legacy)
    fixed = run_program(TESTDATA / "TFV103" / "fixed.py", CALL_CASES, legacy=legacy)
    assert bad.error is None and fixed.error is None
    assert len(bad.out) == 7 and set(bad.out) == set(fixed.out)
    for name, outcome in bad.out.items():
        assert outcome["ok"] is False, name
        assert "object has no attribute" in str(outcome["error"]), name
    assert "'LSTM' object has no attribute 'kernel'" in str(bad.out["case_name_binding"]["error"])
    shapes = {name: outcome["shape"] for name, outcome in fixed.out.items() if outcome["ok"]}
    assert len(shapes) == 7, fixed.out
    assert shapes["case_name_binding"] == [5, 16]
    assert shapes["case_get_layer"] == [4, 12]
    assert shapes["case_layers_index"] == [4]
    assert shapes["case_bidirectional_forward"] == [5, 16]
    assert shapes["case_time_distributed"] == [5, 4]
    assert shapes["case_conv_lstm"] == [3, 3, 2, 8]


def test_unfixable_paths_raise() -> None:
    result = run_program(TESTDATA / "TFV103" / "bad_nofix.py", CALL_CASES)
    assert result.out["case_bidirectional_without_direction"] == {
        "ok": False,
        "error": "'Bidirectional' object has no attribute 'kernel'",
    }
    # The wrapped object is copied by Bidirectional and never built.
    assert result.out["case_wrapped_layer_object"] == {
        "ok": False,
        "error": "'LSTMCell' object has no attribute 'kernel'",
    }


def test_seed_article_example() -> None:
    bad = run_program(TESTDATA / "TFV103" / "bad_seed.py")
    assert bad.error == "AttributeError: 'LSTM' object has no attribute 'kernel'"
    fixed = run_program(
        TESTDATA / "TFV103" / "fixed_seed.py", "out['shape'] = list(ns['initial_kernel_weights'].shape)"
    )
    assert fixed.error is None
    assert fixed.out["shape"] == [1, 256]
