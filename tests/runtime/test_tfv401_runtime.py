"""TFV401 under real TF 2.21: a variable made in a tf.function body raises; hoisted once, it runs."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.fixtures import TESTDATA
from tests.runtime.harness import run_program

pytestmark = pytest.mark.tensorflow

SINGLETON = "tf.function only supports singleton tf.Variables created on the first call."
CALL_CASES = """
for name, case in sorted(ns.items()):
    if name.startswith("case_"):
        try:
            out[name] = {"ok": True, "value": case()}
        except ValueError as error:
            out[name] = {"ok": False, "error": str(error)}
"""


@pytest.mark.parametrize("legacy", [False, True], ids=["keras3", "tf_keras"])
def test_bad_raises_and_fixed_runs(legacy: bool) -> None:
    bad = run_program(TESTDATA / "TFV401" / "bad.py", CALL_CASES, legacy=legacy)
    names = (
        "case_scaled",
        "case_shifted",
        "case_running_sum",
        "case_running_sums",
        "case_accumulate",
        "case_counter",
    )
    for name in names:
        assert bad.out[name]["ok"] is False and SINGLETON in bad.out[name]["error"], bad.out[name]
    fixed = run_program(TESTDATA / "TFV401" / "fixed.py", CALL_CASES, legacy=legacy)
    assert fixed.out["case_scaled"] == {"ok": True, "value": 6.0}
    assert fixed.out["case_shifted"] == {"ok": True, "value": [1.0, 1.0, 1.0]}
    # Made once, and given its initial value again on every call: each call sums from zero, as intended.
    assert fixed.out["case_running_sum"] == {"ok": True, "value": [3.0, 3.0]}
    # Reported without a fix: the module-level name is taken by another fix, the initial value reads a
    # parameter, or the variable lives on an object.
    assert fixed.out["case_running_sums"]["ok"] is False
    assert fixed.out["case_accumulate"]["ok"] is False
    assert fixed.out["case_counter"]["ok"] is False


def test_a_hoist_without_the_reset_would_sum_across_calls(tmp_path: Path) -> None:
    """Why the fix re-assigns the initial value where the variable was made: without that line the hoisted
    accumulator carries its sum from one call into the next."""
    text = (TESTDATA / "TFV401" / "fixed.py").read_text()
    reset = "    total.assign(0.0)  # expect: TFV401\n"
    assert reset in text
    naive = tmp_path / "naive_hoist.py"
    naive.write_text(text.replace(reset, ""))
    assert run_program(naive, CALL_CASES).out["case_running_sum"] == {"ok": True, "value": [3.0, 6.0]}


def test_near_misses_run() -> None:
    """What good_shapes.py leaves alone runs: the lazily guarded variables are made once, the tests that expect
    the singleton error pass."""
    good = run_program(TESTDATA / "TFV401" / "good_shapes.py", CALL_CASES)
    assert good.error is None and all(r["ok"] for r in good.out.values()), good.out
    assert good.out["case_lazy_guards"]["value"] == [[1.0, 3.0], [2.0, 6.0], [2.0, 6.0]]
    assert good.out["case_tests"]["value"] == 1


def test_an_optimizer_made_per_call_is_refused_and_the_hoisted_one_trains() -> None:
    probe = """
for name, case in sorted(ns.items()):
    if name.startswith("case_"):
        try:
            out[name] = case()
        except ValueError as error:
            out[name] = str(error)
"""
    bad = run_program(TESTDATA / "TFV401" / "bad_optimizer.py", probe)
    fixed = run_program(TESTDATA / "TFV401" / "fixed_optimizer.py", probe)
    assert all("singleton tf.Variables" in str(v) for v in bad.out.values()) and len(bad.out) == 2, bad.out
    losses = fixed.out["case_train_steps"]
    assert losses[0] > losses[1] > losses[2], losses  # one optimizer, stepping across calls
    assert all(abs(w) < 3.0 for w in fixed.out["case_minimize_steps"]), fixed.out


def test_made_once_bad_raises_and_fixed_runs_with_per_call_values() -> None:
    bad = run_program(TESTDATA / "TFV401" / "bad_made_once.py", CALL_CASES)
    assert sorted(bad.out) == [
        "case_factory",
        "case_gradient_of_the_variable",
        "case_method_sums_each_call",
        "case_metric_per_call",
        "case_only_read",
        "case_optimizer_per_trial",
    ]
    for name, case in bad.out.items():
        assert case["ok"] is False and SINGLETON in case["error"], (name, case)
    fixed = run_program(TESTDATA / "TFV401" / "fixed_made_once.py", CALL_CASES)
    # Made once per instance and reset on each call: every call sums its own input, as the original meant.
    assert fixed.out["case_method_sums_each_call"] == {"ok": True, "value": [3.0, 3.0]}
    assert fixed.out["case_only_read"] == {"ok": True, "value": [8.0, 16.0]}
    assert fixed.out["case_factory"] == {"ok": True, "value": [[2, 3], [3, 1]]}
    # One module-level metric, reset per call: each call's mean alone (without the reset: 2.0 then 4.0).
    assert fixed.out["case_metric_per_call"] == {"ok": True, "value": [2.0, 6.0]}
    assert fixed.out["case_optimizer_per_trial"] == {"ok": True, "value": [4.0, 4.0]}
    # Reported without a fix: the tape takes the gradient of the variable, which a constant would not have.
    assert fixed.out["case_gradient_of_the_variable"]["ok"] is False


def test_a_model_built_in_a_traced_loss_raises_and_built_once_trains() -> None:
    bad = run_program(TESTDATA / "TFV401" / "bad_model.py")
    assert bad.error is not None and SINGLETON in bad.error, bad.error
    fixed = run_program(
        TESTDATA / "TFV401" / "fixed_model.py", 'out["losses"] = ns["history"].history["loss"]'
    )
    assert fixed.error is None, fixed.error
    assert len(fixed.out["losses"]) == 2 and all(loss > 0 for loss in fixed.out["losses"]), fixed.out


def test_a_model_built_in_a_loss_method_raises_and_built_once_per_instance_trains() -> None:
    """SRGAN's VGG_LOSS (plaidml#379): the loss method given to `compile` builds and freezes a feature model;
    the fix builds it at the end of `__init__`, its freezing loop too, and the method reads `self.extractor`."""
    bad = run_program(TESTDATA / "TFV401" / "bad_loss_method.py")
    assert bad.error is not None and SINGLETON in bad.error, bad.error
    probe = (
        'out["losses"] = ns["history"].history["loss"]\n'
        'out["frozen"] = [l.trainable for l in ns["model"].loss.__self__.extractor.layers]'
    )
    fixed = run_program(TESTDATA / "TFV401" / "fixed_loss_method.py", probe)
    assert fixed.error is None, fixed.error
    assert len(fixed.out["losses"]) == 2 and all(loss > 0 for loss in fixed.out["losses"]), fixed.out
    assert fixed.out["frozen"] == [False, False], fixed.out


def test_a_layer_made_inline_in_a_tf_function_raises_and_made_once_runs() -> None:
    """tensorflow#36504: `return Dense(3)(x)` in a tf.function makes a Dense per trace and raises; the Dense made
    once at module level is built by the first call, and each call computes the same outputs."""
    bad = run_program(TESTDATA / "TFV401" / "bad_inline_layer.py")
    assert bad.error_type == "ValueError" and SINGLETON in bad.error_text, bad.error_text
    fixed = run_program(
        TESTDATA / "TFV401" / "fixed_inline_layer.py",
        'out["outputs"] = ns["outputs"]; out["weights"] = len(ns["dense"].weights)',
    )
    assert fixed.error is None, fixed.error
    assert fixed.out == {"outputs": [[[4.0] * 3] * 2] * 2, "weights": 2}, fixed.out


def test_a_model_factory_under_tf_function_raises_and_undecorated_trains() -> None:
    """Attention-Based-Aspect-Extraction#21: a tf.function cannot return the model it builds (TypeError at the
    end of the first trace); without the decorator the factory builds it eagerly and fit trains it."""
    bad = run_program(TESTDATA / "TFV401" / "bad_model_factory.py")
    assert bad.error_type == "TypeError" and "must return zero or more Tensors" in str(bad.error_text), bad.error
    probe = (
        'out["losses"] = ns["history"].history["loss"]; '
        'out["trainable"] = [w.path for w in ns["model"].trainable_weights]'
    )
    fixed = run_program(TESTDATA / "TFV401" / "fixed_model_factory.py", probe)
    assert fixed.error is None, fixed.error
    assert fixed.out["trainable"] == ["out/kernel", "out/bias"]  # the frozen embedding stays frozen
    assert len(fixed.out["losses"]) == 2 and fixed.out["losses"][1] < fixed.out["losses"][0], fixed.out


def test_a_model_build_reading_a_name_bound_after_the_function_is_not_moved() -> None:
    """Moved before the function, the build would read `shape` before the module binds it."""
    from tfvarfix.engine import check_text
    from tfvarfix.rule import registry

    text = (TESTDATA / "TFV401" / "bad_model.py").read_text(encoding="utf-8")
    later = text.replace("features_shape = (4,)\n", "").replace(
        "\n\ndef combined_loss", "\n\nfeatures_shape = (4,)\n\n\ndef combined_loss"
    )
    assert later != text
    found = check_text(later, [registry().rules["TFV401"]]).diagnostics
    assert [d.code for d in found] == ["TFV401"] and found[0].fix is None
    assert check_text(text, [registry().rules["TFV401"]]).diagnostics[0].fix is not None


def test_an_attribute_made_in_a_method_is_made_once_and_reset_per_call() -> None:
    """`self.w = tf.Variable(...)` in a tf.function method raises; made once (in `__init__`, or on the first call
    under `if self.w is None:`) and assigned its initial value where it was made, each call computes what the
    original's body computes on a first call. The withheld shapes still raise."""
    from tests.runtime.harness import RUN_CASES

    bad = run_program(TESTDATA / "TFV401" / "bad_attribute.py", RUN_CASES)
    fixed = run_program(TESTDATA / "TFV401" / "fixed_attribute.py", RUN_CASES)
    assert bad.error is None and fixed.error is None, (bad.error, fixed.error)
    assert len(bad.out) == 4 and set(bad.out) == set(fixed.out)
    for name, outcome in bad.out.items():
        assert outcome["ok"] is False and SINGLETON in str(outcome["error"]), (name, outcome)
    # (1 + 1) * 3 per row, two rows; the second call starts from the initial value again (not 3 + 1).
    assert fixed.out["case_made_in_init"] == {"ok": True, "value": [12.0, 12.0]}
    assert fixed.out["case_made_on_the_first_call"] == {"ok": True, "value": [[[3.0] * 4] * 2, [[6.0] * 4]]}
    for withheld in ("case_initial_value_reads_the_inputs", "case_attribute_set_elsewhere"):
        assert fixed.out[withheld]["ok"] is False and SINGLETON in str(fixed.out[withheld]["error"])


def test_layers_without_variables_made_per_trace_run() -> None:
    """tensorflow#36504's Flatten: made on every trace of a tf.function, retraced three times, it makes nothing
    twice (good_stateless.py is silent); a Dropout made so does raise, which is why it is not on that list."""
    from tests.runtime.harness import RUN_CASES

    good = run_program(TESTDATA / "TFV401" / "good_stateless.py", RUN_CASES)
    assert good.out["case_retraced"]["ok"] is True, good.out
    assert good.out["case_retraced"]["value"][::2] == [[1, 8], [1, 12], [1, 16]]
    probe = """
import numpy as np
import tensorflow as tf
import keras
@tf.function
def dropped(x):
    return keras.layers.Dropout(0.5)(x, training=True)
try:
    for width in (2, 3):
        dropped(np.ones((1, width), "float32"))
    out["dropout"] = "ran"
except ValueError as error:
    out["dropout"] = str(error).splitlines()[0][:60]
"""
    dropout = run_program(TESTDATA / "TFV401" / "good_stateless.py", probe)
    assert dropout.out["dropout"] != "ran", dropout.out


def test_a_factory_step_reused_by_a_repeated_experiment_raises_and_built_optimizers_train_as_fresh_steps() -> None:
    """tensorflow#42000: the second experiment's optimizer reaches the factory's traced step and is refused; with
    each optimizer built before the call (the fix, inside the helper's batch loop: a second `build` is a no-op),
    both experiments train exactly as with a fresh train step for each (the same losses, step by step)."""
    probe = """
import keras
import numpy as np
x, y = np.ones((4, 2), "float32"), np.zeros((4, 1), "float32")
try:
    out["case"] = {"ok": True, "value": ns["case_repeated_experiment"]()}
except ValueError as error:
    out["case"] = {"ok": False, "error": str(error)}
fresh = []
for rate in (0.1, 0.01):
    model = keras.Sequential([keras.Input((2,)), keras.layers.Dense(1, kernel_initializer="ones")])
    fresh.append(ns["train_epoch"](model, keras.optimizers.Adam(rate), ns["get_apply_grad_fn"](), x, y))
out["fresh"] = fresh
"""
    bad = run_program(TESTDATA / "TFV401" / "bad_step_factory.py", probe)
    assert bad.out["case"]["ok"] is False and SINGLETON in bad.out["case"]["error"], bad.out
    fixed = run_program(TESTDATA / "TFV401" / "fixed_step_factory.py", probe)
    assert fixed.error is None and fixed.out["case"] == {"ok": True, "value": fixed.out["fresh"]}, fixed.out
    assert fixed.out["fresh"][0][0] > fixed.out["fresh"][0][1], fixed.out  # it trains


def test_tf_keras_backend_ones_and_eye_in_a_regularizer_are_refused_by_fit() -> None:
    """simec#4, tf_keras 2.21: a kernel regularizer's `__call__` runs in `fit`'s traced step, and its `K.ones` /
    `K.eye` mask (variables in tf_keras) is refused there; the same mask of `tf.ones` / `tf.eye` trains."""
    bad = run_program(TESTDATA / "TFV401" / "bad_regularizer_in_fit.py", CALL_CASES, legacy=True)
    assert bad.out["case_orthogonality_mask"]["ok"] is False, bad.out
    assert SINGLETON in bad.out["case_orthogonality_mask"]["error"], bad.out
    assert bad.out["case_tensor_mask"]["ok"] is True and len(bad.out["case_tensor_mask"]["value"]) == 2, bad.out


def test_a_program_optimizer_making_a_variable_in_update_step_is_refused_where_keras_traces_it() -> None:
    """NoteDance/optimizers#2, Keras 3.15: `fit`, `train_on_batch` and a custom loop's `@tf.function` run a program
    optimizer's `update_step` (and an `apply_gradients` override) in a trace, so a variable made there is refused;
    the fix makes the read-only one a constant, which trains. The near misses train: variables made once in
    `build` or lazily, tensors in `update_step`, `run_eagerly`, `evaluate`/`predict` only, an eager loop."""
    bad = run_program(TESTDATA / "TFV401" / "bad_optimizer_step.py", CALL_CASES)
    for name in ("case_fit", "case_train_on_batch", "case_custom_loop", "case_override"):
        assert bad.out[name]["ok"] is False and SINGLETON in bad.out[name]["error"], bad.out
    fixed = run_program(TESTDATA / "TFV401" / "fixed_optimizer_step.py", CALL_CASES)
    assert fixed.out["case_override"]["ok"] is True and len(fixed.out["case_override"]["value"]) == 1, fixed.out
    assert fixed.out["case_fit"]["ok"] is False, fixed.out  # reported without a fix
    good = run_program(TESTDATA / "TFV401" / "good_optimizer_step.py", CALL_CASES)
    assert good.error is None, good.error
    for name, result in good.out.items():
        assert result["ok"] is True, (name, result)


def test_a_program_optimizer_making_a_variable_in_update_step_is_refused_by_tf_keras_fit() -> None:
    """tf_keras 2.21: `fit` -> `minimize` -> `apply_gradients` -> `update_step(gradient, variable)`, traced."""
    bad = run_program(TESTDATA / "TFV401" / "bad_optimizer_step_tf_keras.py", CALL_CASES, legacy=True)
    assert bad.out["case_fit"]["ok"] is False and SINGLETON in bad.out["case_fit"]["error"], bad.out
    assert bad.out["case_tensor_copy"]["ok"] is True and len(bad.out["case_tensor_copy"]["value"]) == 2, bad.out
