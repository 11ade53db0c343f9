"""TFV304 under TF 2.21 + tf_keras: a second build into one default graph raises; a fresh graph per pass builds."""

from __future__ import annotations

from pathlib import Path

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
    # A train and a predict build: the prediction copy shares the trained variables (one set, no second).
    assert fixed.out["case_train_and_predict"]["variables"] == fixed.out["case_sweep"]["variables"]
    assert fixed.out["case_scoped_twice"] == bad.out["case_scoped_twice"]


def test_shapes_raise_and_the_sweeps_are_fixed() -> None:
    bad = run_program(TESTDATA / "TFV304" / "bad_shapes.py", CALL_TF1_CASES, legacy=True)
    assert bad.out["case_builder_as_parameter"]["error"] == f"Variable w {EXISTS}"
    assert bad.out["case_results_in_a_dict"]["error"] == f"Variable w {EXISTS}"
    assert bad.out["case_methods_of_a_class"]["error"] == f"Variable rnn/gru_cell/gates/kernel {EXISTS}"
    assert bad.out["case_shared_input"]["error"] == f"Variable tower_w {EXISTS}"
    # An unnamed dense layer in a fixed scope: the scope's counts restart when it is left, so `dense` again.
    assert (
        bad.out["case_unnamed_dense_in_a_fixed_scope"]["error"] == f"Variable generator/dense/kernel {EXISTS}"
    )
    # AUTO_REUSE shares `model/w`, but the second Adam makes its slots under the same name again.
    assert bad.out["case_auto_reuse_then_adam"]["error"] == f"Variable model/w/Adam/ {EXISTS}"
    assert bad.out["case_session_per_trial"]["error"] == f"Variable w {EXISTS}"
    assert bad.out["case_one_graph_for_every_trial"]["error"] == f"Variable w {EXISTS}"
    fixed = run_program(TESTDATA / "TFV304" / "fixed_shapes.py", CALL_TF1_CASES, legacy=True)
    names = (
        "case_builder_as_parameter",
        "case_results_in_a_dict",
        "case_methods_of_a_class",
        "case_session_per_trial",
    )
    for name in names:
        assert fixed.out[name]["ok"], fixed.out[name]
    assert "model/w/Adam:0" in fixed.out["case_auto_reuse_then_adam"]["variables"]
    # `sample = generator(z)`: a sample from the generator, which shares its variables.
    assert fixed.out["case_unnamed_dense_in_a_fixed_scope"]["variables"] == [
        "generator/dense/bias:0",
        "generator/dense/kernel:0",
    ]
    # No fix where the passes share an input, or for two calls whose tensors are used together.
    assert fixed.out["case_shared_input"] == bad.out["case_shared_input"]
    assert fixed.out["case_one_graph_for_every_trial"] == bad.out["case_one_graph_for_every_trial"]
    good = run_program(TESTDATA / "TFV304" / "good_shapes.py", CALL_TF1_CASES, legacy=True)
    assert all(case["ok"] for case in good.out.values()), good.out


def test_a_pass_with_its_own_placeholders_is_fixed_and_trains() -> None:
    bad = run_program(TESTDATA / "TFV304" / "bad_shapes.py", CALL_TF1_CASES, legacy=True)
    assert bad.out["case_placeholders_of_a_pass"]["error"] == f"Variable w {EXISTS}"
    fixed = run_program(TESTDATA / "TFV304" / "fixed_shapes.py", CALL_TF1_CASES, legacy=True)
    assert fixed.out["case_placeholders_of_a_pass"] == {"ok": True, "variables": ["w:0"]}


def test_no_reset_where_passes_are_used_together(tmp_path: Path) -> None:
    """The ops of every pass grouped after the loop, and a pass that itself builds twice: no fix. A reset at
    the top of the loop body (what the fix would insert) makes the first raise "must be from the same graph",
    and leaves the second raising as before."""
    bad_path = TESTDATA / "TFV304" / "bad_shapes.py"
    bad = run_program(bad_path, CALL_TF1_CASES, legacy=True)
    fixed = run_program(TESTDATA / "TFV304" / "fixed_shapes.py", CALL_TF1_CASES, legacy=True)
    for name in ("case_ops_grouped_after_the_loop", "case_a_pass_builds_twice"):
        assert bad.out[name]["error"] == f"Variable w {EXISTS}"
        assert fixed.out[name] == bad.out[name]
    text = bad_path.read_text()
    for line in (
        "        ops.append(build(rate))  # expect: TFV304",
        "        x = tf.placeholder(tf.float32, [None, 3])\n        hidden",
    ):
        assert line in text
        text = text.replace(line, "        tf.reset_default_graph()\n" + line, 1)
    forced = tmp_path / "forced_reset.py"
    forced.write_text(text)
    out = run_program(forced, WHOLE_ERRORS, legacy=True).out
    assert "must be from the same graph" in out["case_ops_grouped_after_the_loop"], out
    assert out["case_a_pass_builds_twice"].startswith(f"Variable w {EXISTS}"), out


WHOLE_ERRORS = """
for name in ("case_ops_grouped_after_the_loop", "case_a_pass_builds_twice"):
    try:
        ns[name]()
        out[name] = "ok"
    except ValueError as error:
        out[name] = str(error)
"""


def test_module_sweep_raises_and_fixed_runs() -> None:
    bad = run_program(TESTDATA / "TFV304" / "bad_module.py", legacy=True)
    assert bad.error == f"ValueError: Variable rnn/lstm_cell/kernel {EXISTS}"
    fixed = run_program(TESTDATA / "TFV304" / "fixed_module.py", legacy=True)
    assert fixed.error is None, fixed.error


def test_builds_whose_intent_the_code_states_raise_and_the_fixes_build_what_was_meant() -> None:
    probe = """
import tensorflow as tf
for name, case in sorted(ns.items()):
    if name.startswith("case_"):
        try:
            value = case()
            names = sorted(v.name for v in tf.compat.v1.global_variables())
            fetched = [v.tolist() for v in value] if name == "case_classify_twice" else value
            kept = fetched if "frame" in name or "classify" in name else None
            out[name] = {"ok": True, "variables": names, "value": kept}
        except ValueError as error:
            out[name] = {"ok": False, "error": str(error).strip().splitlines()[0]}
"""
    bad = run_program(TESTDATA / "TFV304" / "bad_intent.py", probe, legacy=True)
    assert len(bad.out) == 4, bad.out
    assert all("already exists, disallowed" in case["error"] for case in bad.out.values()), bad.out
    fixed = run_program(TESTDATA / "TFV304" / "fixed_intent.py", probe, legacy=True)
    assert all(case["ok"] for case in fixed.out.values()), fixed.out
    # `reuse=True`: the sample is drawn from the generator's one set of weights.
    assert fixed.out["case_sample_from_the_trained_generator"]["variables"] == ["generator/w:0"]
    # A scope per stacked block: two layers, the first keeps its name.
    assert fixed.out["case_stacked_blocks"]["variables"] == ["block/w:0", "block_1/w:0"]
    # Each classification in a graph of its own: both return their values, the default graph stays empty.
    classified = fixed.out["case_classify_twice"]
    assert classified == {"ok": True, "variables": [], "value": [[[3.0]], [[3.0], [3.0]]]}
    # Built once before the loop: every frame runs the one graph.
    assert fixed.out["case_build_per_frame"] == {
        "ok": True,
        "variables": ["dense_w:0"],
        "value": [[[3.0]], [[0.0]]],
    }


TWO_BUILDS = """
import numpy as np
import tensorflow as tf
v1 = tf.compat.v1
for name, case in sorted(ns.items()):
    if name.startswith("case_"):
        try:
            result = case()
            record = {"ok": True, "variables": sorted(v.name for v in v1.global_variables())}
            if name == "case_one_encoder_on_two_inputs":
                graph = v1.get_default_graph()
                feeds = [op.outputs[0] for op in graph.get_operations() if op.type == "Placeholder"]
                with v1.Session() as sess:
                    sess.run(v1.global_variables_initializer())
                    prior, posterior = sess.run(list(result), {p: np.ones((2, 1), "float32") for p in feeds})
                record["same"] = bool(np.allclose(prior, posterior))
            out[name] = record
        except ValueError as error:
            out[name] = {"ok": False, "error": str(error).strip().splitlines()[0]}
"""


def test_two_builds_share_or_get_their_own_scope_as_the_code_says() -> None:
    bad = run_program(TESTDATA / "TFV304" / "bad_two_builds.py", TWO_BUILDS, legacy=True)
    assert len(bad.out) == 9 and all(EXISTS in case["error"] for case in bad.out.values()), bad.out
    fixed = run_program(TESTDATA / "TFV304" / "fixed_two_builds.py", TWO_BUILDS, legacy=True)
    # An evaluation copy and one encoder on two inputs: the second build reads the first's variables.
    assert fixed.out["case_evaluation_copy"]["variables"] == [
        "hidden/bias:0",
        "hidden/kernel:0",
        "out/bias:0",
        "out/kernel:0",
    ]
    # The network on a tensor a TF call makes of its input (tensorflow#11333's flipped view): the same weights.
    assert fixed.out["case_network_on_a_reversed_input"] == fixed.out["case_evaluation_copy"], fixed.out
    encoder = fixed.out["case_one_encoder_on_two_inputs"]
    assert encoder["variables"] == [
        "encoder/layer_0/bias:0",
        "encoder/layer_0/kernel:0",
        "mean/bias:0",
        "mean/kernel:0",
    ]
    assert encoder["same"] is True  # one set of weights: the same input gives the same output
    # A model rebuilt with another config, and a target network: weights of their own, under a new scope.
    assert fixed.out["case_model_rebuilt_with_another_config"]["variables"] == ["model_1/w:0", "w:0"]
    assert fixed.out["case_target_network"]["variables"] == [
        "q/q_values/bias:0",
        "q/q_values/kernel:0",
        "target_q/q/q_values/bias:0",
        "target_q/q/q_values/kernel:0",
    ]
    # An evaluation model whose constructor also builds its training step: one set of weights, and its Adam
    # reuses the first's slots (`relight/kernel/Adam`, `Adam_1`) under the shared scope; only the beta powers,
    # which are not made by get_variable, come twice.
    assert fixed.out["case_evaluation_model_that_builds_its_training_step"] == {
        "ok": True,
        "variables": [
            "beta1_power:0",
            "beta1_power_1:0",
            "beta2_power:0",
            "beta2_power_1:0",
            "relight/bias/Adam:0",
            "relight/bias/Adam_1:0",
            "relight/bias:0",
            "relight/kernel/Adam:0",
            "relight/kernel/Adam_1:0",
            "relight/kernel:0",
        ],
    }, fixed.out
    # Nothing tells, and an evaluation copy whose build returns its training step: no fix, still raising.
    assert fixed.out["case_two_builds_nothing_tells"] == bad.out["case_two_builds_nothing_tells"]
    assert fixed.out["case_evaluation_copy_that_trains"] == bad.out["case_evaluation_copy_that_trains"]
    # Both results, and the function that holds both builds, are named for evaluation: that tells them not apart.
    assert fixed.out["case_both_named_for_evaluation"] == bad.out["case_both_named_for_evaluation"]


def test_a_rebuild_raises_before_its_training_step_and_built_once_it_trains_twice() -> None:
    """scDREAMER#4's shape: the second pass raises at the rebuild (the one finding); built once before the loop,
    the model trains on both passes (each `minimize` makes its own uniquely named Adam slots)."""
    from tests.runtime.harness import RUN_CASES

    bad = run_program(TESTDATA / "TFV304" / "bad_slots_after_collision.py", RUN_CASES, legacy=True)
    fixed = run_program(TESTDATA / "TFV304" / "fixed_slots_after_collision.py", RUN_CASES, legacy=True)
    failed = bad.out["case_rebuilt_per_setting"]
    assert failed["ok"] is False and f"Variable encoder/w {EXISTS}" in failed["error"], failed
    trained = fixed.out["case_rebuilt_per_setting"]
    assert trained["ok"] is True and len(trained["value"]) == 2, trained


def test_a_sweep_sharing_its_placeholder_and_session_gets_a_scope_per_pass() -> None:
    """scDREAMER#4's shape: passes over literal settings share a placeholder and a Session made before the loop,
    so no fresh graph can be had per pass; the second pass raises. With `variable_scope(f"total_{i}")` around
    each pass's build, both run, each on its own variables (renamed `total_0/dense/weights`, ...)."""
    bad = run_program(TESTDATA / "TFV304" / "bad_sweep_scope.py")
    assert bad.error is not None and "Variable dense/weights already exists" in bad.error, bad.error
    probe = 'out["results"] = ns["results"]; out["variables"] = ns["variables"]'
    fixed = run_program(TESTDATA / "TFV304" / "fixed_sweep_scope.py", probe)
    assert fixed.error is None, fixed.error
    assert fixed.out == {
        "results": [8.0, 12.0],
        "variables": ["total_0/dense/weights:0", "total_1/dense/weights:0"],
    }, fixed.out


def test_towers_built_without_reuse_raise_and_share_one_set_under_auto_reuse() -> None:
    """DIGITS#1739: one tower per device, each under a name scope or a device, raises on the second; built
    under variable_scope(get_variable_scope(), reuse=AUTO_REUSE) the towers share `net/w`, the one variable."""
    bad = run_program(TESTDATA / "TFV304" / "bad_towers.py", CALL_TF1_CASES, legacy=True)
    fixed = run_program(TESTDATA / "TFV304" / "fixed_towers.py", CALL_TF1_CASES, legacy=True)
    for name in ("case_towers", "case_device_towers"):
        assert bad.out[name]["ok"] is False and f"Variable net/w {EXISTS}" in bad.out[name]["error"], bad.out
        assert fixed.out[name] == {"ok": True, "variables": ["net/w:0"]}, fixed.out
    # Towers that each make an optimizer get no fix: the rewrite leaves the case as it was, raising.
    for result in (bad, fixed):
        case = result.out["case_towers_with_optimizer"]
        assert case["ok"] is False and f"Variable net/w {EXISTS}" in case["error"], result.out


def test_passes_over_slices_of_one_tensor_raise_and_get_no_fresh_graph() -> None:
    """Each pass reads a slice of a placeholder made before the loop: the second build raises, and a fresh
    graph per pass (the sweep's fix, no longer offered here) raised "must be from the same graph" (measured)."""
    bad = run_program(TESTDATA / "TFV304" / "bad_split_passes.py", CALL_TF1_CASES, legacy=True)
    case = bad.out["case_split_passes"]
    assert case["ok"] is False and f"Variable net/w {EXISTS}" in case["error"], bad.out
    assert not (TESTDATA / "TFV304" / "fixed_split_passes.py").exists()


def test_layer_makers_held_in_a_dict_of_pairs_rebuild_and_raise() -> None:
    """bayesgan#9's shape: the second build through a dict (plain, or a subclass adding attribute access) made
    from (key, value) pairs raises; the near misses (a new name, an own `__getitem__`, `update`) run."""
    bad = run_program(TESTDATA / "TFV304" / "bad_dict_items.py", "", legacy=True)
    assert bad.error is not None and "Variable tower/bn1/gamma already exists, disallowed" in bad.error
    good = run_program(TESTDATA / "TFV304" / "good_dict_items.py", "", legacy=True)
    assert good.error is None, good.error


def test_an_optimizer_after_a_root_reuse_variables_raises_and_its_near_misses_build() -> None:
    bad = run_program(TESTDATA / "TFV304" / "bad_reuse_slots.py", CALL_TF1_CASES, legacy=True)
    missing = "does not exist, or was not created with tf.get_variable(). Did you mean to set reuse=tf.AUTO_REUSE"
    assert bad.out == {
        "case_adam_after_a_shared_build": {"ok": False, "error": f"Variable d_w/Adam/ {missing} in VarScope?"},
        "case_momentum_on_a_filtered_var_list": {
            "ok": False,
            "error": f"Variable d_w/Momentum/ {missing} in VarScope?",
        },
        "case_reuse_false_does_not_undo_it": {"ok": False, "error": f"Variable d_w/RMSProp/ {missing} in VarScope?"},
    }
    good = run_program(TESTDATA / "TFV304" / "good_reuse_slots.py", CALL_TF1_CASES, legacy=True)
    assert all(outcome["ok"] for outcome in good.out.values()), good.out
    # Under AUTO_REUSE each optimizer makes slots of its own; none takes another's.
    variables = good.out["case_optimizers_under_auto_reuse"]["variables"]
    assert [v for v in variables if v.startswith("d_w/")] == [
        "d_w/Adam:0",
        "d_w/Adam_1:0",
        "d_w/Adam_2:0",
        "d_w/Adam_3:0",
    ]


def test_a_moving_average_applied_under_reuse_raises_and_its_near_misses_build() -> None:
    """DCGAN's batch_norm class in a shared second build: `ExponentialMovingAverage.apply` makes the averages of
    the new call's moments with `get_variable`, which `reuse=True` forbids (text-to-image#13)."""
    bad = run_program(TESTDATA / "TFV304" / "bad_moving_average_reuse.py", CALL_TF1_CASES, legacy=True)
    missing = "does not exist, or was not created with tf.get_variable(). Did you mean to set reuse=tf.AUTO_REUSE"
    errors = {name: outcome.get("error", "") for name, outcome in bad.out.items()}
    assert not any(outcome["ok"] for outcome in bad.out.values()), bad.out
    assert errors["case_batch_norm_object_under_root_reuse"].startswith("Variable d_bn/d_bn")
    assert errors["case_helper_in_a_reusing_scope"].startswith("Variable net/bn/net_1/bn/moments")
    assert all("/ExponentialMovingAverage/ " + missing in error for error in errors.values()), errors
    good = run_program(TESTDATA / "TFV304" / "good_moving_average_reuse.py", CALL_TF1_CASES, legacy=True)
    assert all(outcome["ok"] for outcome in good.out.values()), good.out
    # Under AUTO_REUSE the second build shares the weight and averages its own moments.
    variables = good.out["case_shared_build_under_auto_reuse"]["variables"]
    assert [v for v in variables if v.startswith("d_w")] == ["d_w:0"]
    assert len([v for v in variables if v.endswith("/ExponentialMovingAverage:0")]) == 4


def test_a_scope_named_after_the_class_collides_on_a_second_instance_and_not_across_subclasses() -> None:
    bad = run_program(TESTDATA / "TFV304" / "bad_class_name.py", CALL_TF1_CASES, legacy=True)
    assert bad.out["case_second_instance_of_one_class"]["error"] == f"Variable pnet/weights {EXISTS}"
    assert bad.out["case_scope_named_by_type_of_self"]["error"] == f"Variable Tower/fc/kernel {EXISTS}"
    good = run_program(TESTDATA / "TFV304" / "good_class_name.py", CALL_TF1_CASES, legacy=True)
    assert all(case["ok"] for case in good.out.values()), good.out
    assert good.out["case_two_subclasses_in_one_graph"]["variables"] == ["pnet/weights:0", "rnet/weights:0"]
