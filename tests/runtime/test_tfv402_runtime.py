"""TFV402 under Keras 3: state created in call() fails (eagerly, or under fit); moved, it trains."""

from __future__ import annotations

import pytest

from tests.fixtures import TESTDATA
from tests.runtime.harness import RUN_CASES, run_program

pytestmark = pytest.mark.tensorflow

SINGLETON = "tf.function only supports singleton tf.Variables created on the first call"
NEW_STATE = "You cannot add new elements of state (variables or sub-layers) to a layer that is already built."
CALL_CASES = """
for name, case in sorted(ns.items()):
    if name.startswith("case_"):
        try:
            out[name] = {"ok": True, "trainable": case()}
        except (ValueError, KeyError) as error:
            out[name] = {"ok": False, "error": str(error)}
"""


def test_keras3_bad_raises_and_fixed_trains() -> None:
    bad = run_program(TESTDATA / "TFV402" / "bad.py", CALL_CASES)
    assert NEW_STATE in bad.out["case_head"]["error"]
    assert NEW_STATE in bad.out["case_lazy_head"]["error"]
    assert SINGLETON in bad.out["case_local_dense"]["error"]
    assert bad.out["case_shape_dependent"]["ok"] is False
    fixed = run_program(TESTDATA / "TFV402" / "fixed.py", CALL_CASES)
    assert fixed.out["case_head"] == {"ok": True, "trainable": 2}
    assert fixed.out["case_lazy_head"] == {"ok": True, "trainable": 2}
    assert fixed.out["case_shape_dependent"] == {"ok": True, "trainable": 1}  # its weight made in build
    # A model without `__init__` whose call() made a Dense: the Dense is made once, in a new `build`.
    assert SINGLETON in bad.out["case_local_dense"]["error"]
    assert fixed.out["case_local_dense"] == {"ok": True, "trainable": 2}


def test_weights_sized_by_the_inputs_in_call_raise_and_built_in_build_train() -> None:
    """tensorflow#32729: add_weight in call() with the input size read there; the fix gives the layer a
    build(input_shape) that makes them once, sized from input_shape."""
    bad = run_program(TESTDATA / "TFV402" / "bad_build.py")
    assert bad.error is not None and NEW_STATE in (bad.error_text or "")
    probe = "out['weights'] = [v.path for v in ns['model'].trainable_variables]"
    fixed = run_program(TESTDATA / "TFV402" / "fixed_build.py", probe)
    assert fixed.error is None, fixed.error
    assert [w.rsplit("/", 1)[-1] for w in fixed.out["weights"]] == ["mu_w", "bias"]


def test_keras3_near_misses_run() -> None:
    """What good_shapes.py leaves alone is right: every case trains, a lazily made head of a layer that Keras 3
    builds by running call() included, and the test that expects the failure passes."""
    good = run_program(TESTDATA / "TFV402" / "good_shapes.py", CALL_CASES)
    assert all(result["ok"] for result in good.out.values()), good.out
    assert good.out["case_lazy_heads"] == {"ok": True, "trainable": [4, 4]}
    assert good.out["case_expected_failure_in_a_test"] == {"ok": True, "trainable": [1, True]}
    bad = run_program(TESTDATA / "TFV402" / "bad_shapes.py", CALL_CASES)
    # Made lazily with no unbuilt sublayer to make Keras 3 build by running call(): refused.
    assert NEW_STATE in bad.out["case_subclassed_model"]["error"]


def test_a_layer_made_on_the_spot_in_call_breaks_fit_and_the_fix_trains() -> None:
    probe = """
for name in ("case_projection", "case_two_heads"):
    try:
        model = ns[name]()
        out[name] = {"fit": True, "trainable": len(model.trainable_weights)}
    except ValueError as error:
        out[name] = {"fit": False, "error": str(error)}
"""
    bad = run_program(TESTDATA / "TFV402" / "bad_local.py", probe)
    fixed = run_program(TESTDATA / "TFV402" / "fixed_local.py", probe)
    assert len(bad.out) == 2, bad.out
    assert all(not r["fit"] and "singleton tf.Variables" in r["error"] for r in bad.out.values()), bad.out
    assert fixed.out == {
        "case_projection": {"fit": True, "trainable": 2},
        "case_two_heads": {"fit": True, "trainable": 4},
    }


def test_state_made_in_a_lambda_function_breaks_fit_and_pure_lambdas_train() -> None:
    bad = run_program(TESTDATA / "TFV402" / "bad_lambda.py", RUN_CASES)
    good = run_program(TESTDATA / "TFV402" / "good_lambda.py", RUN_CASES)
    assert len(bad.out) == 2 and all(
        not r["ok"] and "singleton tf.Variables" in r["error"] for r in bad.out.values()
    ), bad.out
    assert len(good.out) == 2 and all(r["ok"] for r in good.out.values()), good.out


@pytest.mark.parametrize("legacy", [False, True], ids=["keras3", "tf_keras"])
def test_a_local_variable_made_in_call_breaks_fit_and_the_fix_runs_with_per_call_values(legacy: bool) -> None:
    bad = run_program(TESTDATA / "TFV402" / "bad_variables.py", RUN_CASES, legacy=legacy)
    assert SINGLETON in bad.out["case_counted_scale"]["error"], bad.out
    # A tensor as the initial value cannot even be lifted out of the functional model's trace.
    assert "could not be lifted out of a `tf.function`" in bad.out["case_table"]["error"], bad.out
    fixed = run_program(TESTDATA / "TFV402" / "fixed_variables.py", RUN_CASES, legacy=legacy)
    # Made once in __init__ and given its initial value on every call: the counter counts one call, as before.
    assert fixed.out["case_counted_scale"] == {"ok": True, "value": [[1.0, 1.0, 1.0]]}
    assert fixed.out["case_table"] == {"ok": True, "value": [[3.0, 3.0]]}
    # Reported without a fix: the initial value reads the inputs, so it cannot be made in __init__.
    assert fixed.out["case_input_shaped"]["ok"] is False


def test_layers_added_to_a_sequential_in_call_break_fit_and_added_once_in_init_train() -> None:
    bad = run_program(TESTDATA / "TFV402" / "bad_added.py", CALL_CASES)
    assert bad.out["case_fit"]["ok"] is False, bad.out
    fixed = run_program(TESTDATA / "TFV402" / "fixed_added.py", CALL_CASES)
    assert fixed.out["case_fit"] == {"ok": True, "trainable": 4}  # two Dense layers: kernel and bias each


def test_weights_made_in_a_loop_of_call_raise_and_made_in_build_train_in_the_same_order() -> None:
    """A cross network's kernel and bias per pass of `for i in range(self.layers_num)` in `call()`, locals bound
    to `self.add_weight(...)`, and a weight next to the class's own `build`: Keras 3 raises; moved into `build`
    (list attributes filled in the same loop, so the weights keep the order the loop made them in), `fit`
    trains them. The count that only `call()` knows (a parameter of `call`) is withheld and still raises."""
    bad = run_program(TESTDATA / "TFV402" / "bad_loop.py", RUN_CASES)
    fixed = run_program(TESTDATA / "TFV402" / "fixed_loop.py", RUN_CASES)
    assert bad.error is None and fixed.error is None, (bad.error, fixed.error)
    assert set(bad.out) == set(fixed.out) == {"case_cross", "case_shifted", "case_stack"}
    for name, outcome in bad.out.items():
        assert outcome["ok"] is False and NEW_STATE in str(outcome["error"]), (name, outcome)
    cross = [["kernel_0", 3, 1], ["bias_0", 3, 1], ["kernel_1", 3, 1], ["bias_1", 3, 1], ["logit", 3, 1]]
    assert fixed.out["case_cross"] == {"ok": True, "value": cross}
    shapes = {name: [w[1:] for w in fixed.out[name]["value"]] for name in ("case_stack", "case_shifted")}
    assert shapes == {"case_stack": [[3], [3], [3]], "case_shifted": [[3, 3], [3]]}  # unnamed: auto-numbered
    withheld = run_program(TESTDATA / "TFV402" / "bad_loop_nofix.py", RUN_CASES).out["case_per_call"]
    assert withheld["ok"] is False and NEW_STATE in str(withheld["error"]), withheld


def test_layers_made_per_pass_of_a_loop_in_call_break_fit_and_a_list_made_in_init_trains() -> None:
    """One Dense per pass of `for _ in range(self.depth)` in call(), or in a method that loop calls: `fit`
    raises; made once in `__init__` as `self.denses`, each pass calls its own and the blocks train."""
    bad = run_program(TESTDATA / "TFV402" / "bad_loop_layers.py", RUN_CASES)
    for name in ("case_tower", "case_block"):
        failed = bad.out[name]
        assert failed["ok"] is False and "only supports singleton tf.Variables" in failed["error"], failed
    fixed = run_program(TESTDATA / "TFV402" / "fixed_loop_layers.py", RUN_CASES)
    assert fixed.out["case_tower"] == {"ok": True, "value": [[5, 4], [4], [4, 4], [4], [4, 4], [4]]}, fixed.out
    # the method `call()`'s loop calls is given each pass's own Dense: 5 -> 7 -> 9 features
    assert fixed.out["case_block"] == {"ok": True, "value": [[5, 2], [2], [7, 2], [2]]}, fixed.out


def test_sublayers_made_lazily_by_a_helper_of_call_are_refused_on_the_first_call() -> None:
    """tensorflow-gnn's HGTGraphUpdate shape: `call()` runs a helper that makes the sublayers once, into an
    attribute and a dict attribute; Keras 3 refuses them on that first call (the message says so, not "on every
    call")."""
    bad = run_program(TESTDATA / "TFV402" / "bad_lazy_helper.py", CALL_CASES)
    assert NEW_STATE in bad.out["case_graph_update"]["error"]
    assert NEW_STATE in bad.out["case_head"]["error"]


def test_a_lambda_wrapping_a_constant_variable_fails_and_the_constant_layer_predicts_it() -> None:
    """Mask R-CNN#2412: `Lambda(lambda x: tf.Variable(anchors))` fails in `predict` (a variable per call of the
    traced function; Mask R-CNN's own copy, the name rebound to the Lambda's output, fails earlier on the
    KerasTensor its lambda reads); the generated ConstantLayer, made with the value, gives it:
    zero offsets plus the ones of the anchors. A variable made from the input (no fix) fails as before: Keras
    cannot infer the Lambda's output shape."""
    bad = run_program(TESTDATA / "TFV402" / "bad_lambda_constant.py", RUN_CASES)
    fixed = run_program(TESTDATA / "TFV402" / "fixed_lambda_constant.py", RUN_CASES)
    failed = bad.out["case_anchors"]
    assert failed["ok"] is False and "only supports singleton tf.Variables" in failed["error"], bad.out
    assert fixed.out["case_anchors"] == {"ok": True, "value": [[[1.0, 1.0]] * 3] * 2}, fixed.out
    for out in (bad.out, fixed.out):
        near = out["case_value_from_the_input"]
        assert near["ok"] is False and "could not automatically infer the shape" in near["error"], out


def test_a_layer_made_in_call_of_a_model_called_eagerly_breaks_the_tf_save_and_made_once_saves() -> None:
    """scrabble-gan#7 (tf_keras): a functional model holding a layer whose `call()` makes a Dense, called on each
    step of an eager training loop and then saved in the TensorFlow format: the save traces the call and raises;
    the near miss (the Dense made once, in `__init__`) trains and saves."""
    bad = run_program(TESTDATA / "TFV402" / "bad_eager_model_call.py")
    assert bad.error is not None and SINGLETON in (bad.error_text or ""), bad
    good = run_program(TESTDATA / "TFV402" / "good_eager_model_call.py")
    assert good.error is None, good
    fixed = run_program(TESTDATA / "TFV402" / "fixed_eager_model_call.py")  # the Dense made in `build`
    assert fixed.error is None, fixed


def test_layers_sized_by_the_inputs_in_call_break_fit_and_made_in_build_train() -> None:
    """scrabble-gan#7's shape: 1x1 projections made and called in call(), sized by the inputs' channels (through
    locals, a tuple of them too); the fix makes them in `build(input_shape)` (a new one, or the end of the
    class's own), with the locals recomputed from `input_shape`."""
    probe = """
for name in ("case_attention", "case_gated"):
    try:
        model = ns[name]()
        out[name] = {"fit": True, "weights": sorted(v.path for v in model.trainable_weights)}
    except ValueError as error:
        out[name] = {"fit": False, "error": str(error)}
"""
    bad = run_program(TESTDATA / "TFV402" / "bad_sized_by_inputs.py", probe)
    assert all(not r["fit"] and SINGLETON in r["error"] for r in bad.out.values()) and len(bad.out) == 2, bad.out
    fixed = run_program(TESTDATA / "TFV402" / "fixed_sized_by_inputs.py", probe)
    assert fixed.out["case_attention"]["fit"] is True, fixed.out
    assert fixed.out["case_gated"]["fit"] is True, fixed.out
    attention = fixed.out["case_attention"]["weights"]
    assert [w.rsplit("/", 1)[-1] for w in attention] == ["bias", "kernel", "kernel", "kernel"], attention
    assert {w.split("/")[-2] for w in attention} >= {"query", "key"}, attention
    assert sorted(w.rsplit("/", 1)[-1] for w in fixed.out["case_gated"]["weights"]) == ["bias", "gate", "kernel"]


def test_state_made_in_a_lambda_a_sequential_holds_breaks_fit_and_predict() -> None:
    """keras-applications#168: a Lambda added to a Sequential (after an `Input`, or in a list without one) is
    never called on a tensor by the program; Keras runs its function when it builds the model and again in the
    traced step of fit/predict, which raises (measured, Keras 3.15.1). Lambdas that only compute, and a sub-model
    made once and added, train."""
    bad = run_program(TESTDATA / "TFV402" / "bad_lambda_sequential.py", RUN_CASES)
    assert len(bad.out) == 3 and all(not r["ok"] and SINGLETON in r["error"] for r in bad.out.values()), bad.out
    good = run_program(TESTDATA / "TFV402" / "good_lambda_sequential.py", RUN_CASES)
    assert good.out == {
        "case_ops_only": {"ok": True, "value": 2},
        "case_sub_model_made_once": {"ok": True, "value": 6},
    }, good.out


def test_tf_keras_refuses_state_made_in_a_lambda_on_its_first_call() -> None:
    """keras#4608 (tf_keras): `K.variable`, `tf.Variable` or a Dense made in a Lambda's function raise on the
    Lambda's first call, in a functional model, a Sequential's build and eagerly alike (tf_keras accepts a layer
    made lazily on the first call of a layer's own `call()`, not in a Lambda). Lambdas that only compute run."""
    bad = run_program(TESTDATA / "TFV402" / "bad_lambda_tf_keras.py", RUN_CASES)
    assert len(bad.out) == 3, bad.out
    for result in bad.out.values():
        assert not result["ok"], bad.out
        assert "The following Variables were created within a Lambda layer" in result["error"], bad.out
        assert "but are not tracked by said layer" in result["error"], bad.out
    good = run_program(TESTDATA / "TFV402" / "good_lambda_tf_keras.py", RUN_CASES)
    assert good.out["case_functional"] == {"ok": True, "value": 2}, good.out
    assert good.out["case_sequential"] == {"ok": True, "value": [[2.0, 2.0, 2.0]] * 4}, good.out


def test_layers_made_in_an_own_dunder_call_go_untrained_or_break_fit_and_near_misses_train() -> None:
    """keras-attention#56: a layer overriding `__call__` makes its Dense there. In a Keras 3 `Sequential` the
    graph uses the Dense but the model does not track it (`fit` leaves its kernel unchanged); called by a
    subclassed model's `call()`, `fit` raises. Made once in `__init__`, delegating to `super().__call__`, or in a
    functional model (whose graph tracks it), it trains."""
    bad = run_program(TESTDATA / "TFV402" / "bad_dunder_call.py", RUN_CASES)
    assert bad.out["case_in_a_sequential"] == {"ok": True, "value": [0, True]}, bad.out
    assert SINGLETON in bad.out["case_called_by_a_subclassed_model"]["error"], bad.out
    good = run_program(TESTDATA / "TFV402" / "good_dunder_call.py", RUN_CASES)
    assert good.out == {
        "case_called_by_a_subclassed_model": {"ok": True, "value": [4, True]},
        "case_delegating_in_a_sequential": {"ok": True, "value": [2, True]},
        "case_made_once_in_a_sequential": {"ok": True, "value": [2, True]},
        "case_made_per_call_in_a_functional_model": {"ok": True, "value": [2, True]},
    }, good.out
