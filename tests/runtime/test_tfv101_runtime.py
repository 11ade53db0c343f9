"""TFV101 under real Keras: the detached variable leaves the layer's weight untouched; the fix sets it."""

from __future__ import annotations

import pytest

from tests.fixtures import TESTDATA
from tests.runtime.harness import run_program

pytestmark = pytest.mark.tensorflow

COMPARE_CASES = """
import numpy as np
for name, case in sorted(ns.items()):
    if name.startswith("case_"):
        weight, intended = case()
        equal = bool(np.allclose(np.asarray(weight), intended))
        out[name] = {"equal": equal, "shape": list(np.shape(weight))}
"""


@pytest.mark.parametrize("legacy", [False, True], ids=["keras3", "tf_keras"])
def test_detached_variable_is_ignored_and_the_fix_sets_the_weight(legacy: bool) -> None:
    bad = run_program(TESTDATA / "TFV101" / "bad.py", COMPARE_CASES, legacy=legacy)
    fixed = run_program(TESTDATA / "TFV101" / "fixed.py", COMPARE_CASES, legacy=legacy)
    assert bad.error is None and fixed.error is None, (bad.error, fixed.error)
    assert len(bad.out) == 5 and set(bad.out) == set(fixed.out)
    for name in bad.out:
        assert bad.out[name]["equal"] is False, name  # the layer never saw the value
        assert fixed.out[name] == {"equal": True, "shape": bad.out[name]["shape"]}, name


def test_unfixable_cases_are_detached_too() -> None:
    result = run_program(TESTDATA / "TFV101" / "bad_nofix.py", COMPARE_CASES)
    assert result.error is None
    assert len(result.out) == 4
    assert all(outcome["equal"] is False for outcome in result.out.values())


SEED_PROBE = """
import numpy as np
model, variable = ns["model"], ns["my_lstm_kernel"]
out["variable_name"] = variable.name
out["weights_before_build"] = len(model.weights)
model.build((None, 10, 100))
kernel = model.get_layer("my_lstm").cell.kernel
out["kernel_shape"] = list(kernel.shape)
out["variable_shape"] = list(variable.shape)
out["tracked"] = any(w is variable for w in model.weights)
"""


def test_seed_article_raises_nothing_and_stays_detached() -> None:
    result = run_program(TESTDATA / "TFV101" / "bad_seed.py", SEED_PROBE)
    assert result.error is None  # the article expects a naming conflict; TF 2.21 raises nothing
    assert result.out == {
        "variable_name": "my_lstm/kernel:0",
        "weights_before_build": 0,
        "kernel_shape": [100, 256],
        "variable_shape": [100, 64],
        "tracked": False,
    }


def test_tf1_variable_beside_a_layer_is_new_and_the_fix_reads_the_layers() -> None:
    from tests.runtime.tf1_probe import CALL_TF1_CASES

    probe = CALL_TF1_CASES.replace(
        "case()\n", "returned = case()\n"
    ).replace('"variables":', '"returned": returned.name, "variables":')
    bad = run_program(TESTDATA / "TFV101" / "bad_tf1.py", probe, legacy=True)
    fixed = run_program(TESTDATA / "TFV101" / "fixed_tf1.py", probe, legacy=True)
    nofix = run_program(TESTDATA / "TFV101" / "bad_tf1_nofix.py", probe, legacy=True)
    good = run_program(TESTDATA / "TFV101" / "good_tf1.py", probe, legacy=True)
    expected = {
        "case_helper": ("cam_fc/kernel:0", "cam_fc/dense/kernel:0"),
        "case_helper_per_scale": ("scale_1/kernel:0", "scale_1/dense/kernel:0"),
        "case_conv_bias": ("stem/bias:0", "stem/conv2d/bias:0"),
    }
    for name, (detached, weight) in expected.items():
        assert bad.out[name]["returned"] == detached and detached in bad.out[name]["variables"], bad.out
        assert fixed.out[name]["returned"] == weight and detached not in fixed.out[name]["variables"], fixed.out
    assert nofix.out["case_no_reuse"]["returned"] == "head/bias:0"
    assert good.out["case_full_name_under_auto_reuse"]["returned"] == "cam/dense/kernel:0"
    assert all(case["ok"] for case in good.out.values()), good.out


ADDED_PROBE = """
import numpy as np
conv, x = ns["conv"], ns["x"]
added = next(w for w in conv.weights if "kernelA" in w.name)
before = np.asarray(conv(x))
added.assign(np.zeros(added.shape, "float32"))
out["same"] = bool(np.allclose(before, np.asarray(conv(x))))
out["tracked"] = any(w is added for w in conv.trainable_weights)
dense, kept = ns["dense"], ns["own_kernel"]
ones = np.ones((1, 4), "float32")
before = np.asarray(dense(ones))
kept.assign(np.full(kept.shape, 5.0, "float32"))
out["kept_same"] = bool(np.allclose(before, np.asarray(dense(ones))))
out["kept_tracked"] = any(w is kept for w in dense.trainable_weights) and dense.kernel is not kept
"""


@pytest.mark.parametrize("legacy", [False, True], ids=["keras3", "tf_keras"])
def test_a_weight_added_from_outside_is_tracked_and_never_read(legacy: bool) -> None:
    result = run_program(TESTDATA / "TFV101" / "bad_add_weight.py", ADDED_PROBE, legacy=legacy)
    assert result.error is None, result.error
    assert result.out == {"same": True, "tracked": True, "kept_same": True, "kept_tracked": True}


def test_get_variable_of_a_keras_layer_weight_raises_and_the_fix_reads_the_layers() -> None:
    """keras#4220: `get_variable("dense_1/kernel")` under reuse asks TF1's store for a tf_keras layer's weight,
    which the store never holds: `Variable dense_1/kernel does not exist`. The fix reads the layer's own
    variable: `head.bias` through the name bound to the layer, else looked up among the graph's variables."""
    probe = """
import tensorflow as tf
for name, case in sorted(ns.items()):
    if name.startswith("case_"):
        try:
            variable, _ = case()
            out[name] = {"ok": True, "returned": variable.name,
                         "variables": sorted(v.name for v in tf.compat.v1.global_variables())}
        except ValueError as error:
            out[name] = {"ok": False, "error": str(error).strip().splitlines()[0]}
"""
    bad = run_program(TESTDATA / "TFV101" / "bad_tf1_keras_store.py", probe, legacy=True)
    fixed = run_program(TESTDATA / "TFV101" / "fixed_tf1_keras_store.py", probe, legacy=True)
    for name, weight in (("case_unbound_layer", "dense_1/kernel"), ("case_bound_layer", "head/bias")):
        assert bad.out[name]["ok"] is False and f"Variable {weight} does not exist" in bad.out[name]["error"], bad.out
        layer = weight.split("/")[0]
        assert fixed.out[name] == {
            "ok": True,
            "returned": f"{weight}:0",
            "variables": [f"{layer}/bias:0", f"{layer}/kernel:0"],
        }, fixed.out
