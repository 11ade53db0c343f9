"""TFV201 under real Keras: the post-build edit and the generated initializer give bit-identical weights, in
separate processes after `set_random_seed`, in Keras 3 and in tf_keras; the rewritten models survive
save/load."""

from __future__ import annotations

import numpy as np
import pytest

from tests.fixtures import TESTDATA
from tests.runtime.harness import RUN_CASES, run_program

pytestmark = pytest.mark.tensorflow

HASH_CASES = """
import hashlib, os, tempfile
import numpy as np
import tensorflow as tf
models = {}
for name, case in sorted(ns.items()):
    if name.startswith("case_"):
        models[name] = case()
for name, model in models.items():
    weights = model.get_weights()
    digest = hashlib.sha256(b"".join(np.ascontiguousarray(w).tobytes() for w in weights)).hexdigest()
    out[name] = {"sha": digest, "weights": [w.tolist() for w in weights]}
if SAVE:
    folder = tempfile.mkdtemp()
    for name, model in models.items():
        path = os.path.join(folder, name + ".keras")
        model.save(path)
        loaded = tf.keras.models.load_model(path)
        out[name]["reloaded"] = all(
            np.array_equal(a, b) for a, b in zip(model.get_weights(), loaded.get_weights())
        )
"""


def _probe(save: bool) -> str:
    return f"SAVE = {save}\n" + HASH_CASES


@pytest.mark.parametrize("legacy", [False, True], ids=["keras3", "tf_keras"])
def test_generated_initializers_are_bit_identical_and_reload(legacy: bool) -> None:
    bad = run_program(TESTDATA / "TFV201" / "bad.py", _probe(False), legacy=legacy)
    fixed = run_program(TESTDATA / "TFV201" / "fixed.py", _probe(True), legacy=legacy)
    assert bad.error is None and fixed.error is None, (bad.error, fixed.error)
    assert len(bad.out) == 6 and set(bad.out) == set(fixed.out)
    for name in bad.out:
        assert bad.out[name]["sha"] == fixed.out[name]["sha"], name
        assert fixed.out[name]["reloaded"] is True, name
    kernel = fixed.out["case_get_weights_round_trip"]["weights"][0]
    assert kernel[1][2] == -1.5 and [row[0] for row in kernel] == [0.25] * 4
    assert fixed.out["case_lstm_forget_bias_slice"]["weights"][2] == [0.0, 0.0, 1.0, 1.0, 0.0, 0.0, 0.0, 0.0]


def test_seed_article_edit_is_bit_identical() -> None:
    probe = """
import hashlib, numpy as np
out["sha"] = hashlib.sha256(b"".join(w.tobytes() for w in ns["lstm_layer"].get_weights())).hexdigest()
out["first"] = float(ns["lstm_layer"].cell.kernel[0, 0].numpy())
"""
    bad = run_program(TESTDATA / "TFV201" / "bad_seed.py", probe)
    fixed = run_program(TESTDATA / "TFV201" / "fixed_seed.py", probe)
    assert bad.error is None and fixed.error is None, (bad.error, fixed.error)
    assert bad.out == fixed.out and bad.out["first"] == 0.5


def test_unsafe_fixes_give_the_intended_values() -> None:
    fixed = run_program(TESTDATA / "TFV201" / "fixed_unsafe.py", _probe(True))
    bad = run_program(TESTDATA / "TFV201" / "bad_unsafe.py", _probe(False))
    assert bad.error is None and fixed.error is None, (bad.error, fixed.error)
    assert fixed.out["case_full_overwrite_of_random_kernel"]["weights"][0] == [[0.25] * 3] * 4
    assert fixed.out["case_literal_set_weights"]["weights"] == [[[1.0, 1.0], [1.0, 1.0]], [0.0, 0.0]]
    recurrent = fixed.out["case_recurrent_kernel_slice"]["weights"][1]
    assert recurrent[0] == [0.0] * 8 and bad.out["case_recurrent_kernel_slice"]["weights"][1][0] == [0.0] * 8
    for name in fixed.out:
        assert fixed.out[name]["reloaded"] is True, name
    # Why these fixes are unsafe: Constant drops GlorotUniform's seed draw and the recurrent initializer's
    # draw moves before the kernel's, so the LSTM built later gets other random weights.
    assert bad.out["case_recurrent_kernel_slice"]["sha"] != fixed.out["case_recurrent_kernel_slice"]["sha"]


def test_real_shapes_give_the_edited_values() -> None:
    probe = """
import numpy as np
models = {name: case() for name, case in sorted(ns.items()) if name.startswith("case_")}
for name, model in models.items():
    out[name] = {"/".join(w.path.split("/")[-2:]): np.asarray(w).tolist() for w in model.weights}
"""
    bad = run_program(TESTDATA / "TFV201" / "bad_shapes.py", probe)
    fixed = run_program(TESTDATA / "TFV201" / "fixed_shapes.py", probe)
    assert bad.error is None and fixed.error is None, (bad.error, fixed.error)
    assert set(bad.out) == set(fixed.out) == {
        "case_across_methods",
        "case_get_layer_in_helper",
        "case_layers_index",
        "case_round_trip_slice",
        "case_whole_then_element",
    }
    # The fixed layers hold what the edits wrote (the kernel of `gate` is glorot in both: not compared).
    for name, path in [
        ("case_get_layer_in_helper", "head/bias"),
        ("case_layers_index", "square/kernel"),
        ("case_layers_index", "square/bias"),
        ("case_round_trip_slice", "gate/bias"),
        ("case_across_methods", "score/bias"),
        ("case_whole_then_element", "mix/kernel"),
    ]:
        assert bad.out[name][path] == fixed.out[name][path], (name, path)
    assert fixed.out["case_layers_index"]["square/kernel"] == np.eye(3).tolist()
    assert fixed.out["case_round_trip_slice"]["gate/bias"] == [1.0, 1.0, 0.0, 0.0]
    # A whole-kernel assign and then one element: one Constant of the final matrix.
    assert fixed.out["case_whole_then_element"]["mix/kernel"] == [[9.0, 2.0], [3.0, 4.0]]


def test_near_misses_run() -> None:
    probe = """
for name in ("per_batch_bias", "expected_to_fail", "after_loading", "trained_then_shrunk", "copied_from_trained"):
    ns[name]()
    out[name] = "ran"
"""
    good = run_program(TESTDATA / "TFV201" / "good_shapes.py", probe)
    assert good.error is None and len(good.out) == 5, good.error


def test_weights_set_on_an_unbuilt_layer_raise_whatever_the_values() -> None:
    result = run_program(TESTDATA / "TFV201" / "bad_unbuilt.py", RUN_CASES)
    assert result.error is None and len(result.out) == 2
    assert all(
        not r["ok"] and r["error"].startswith("ValueError") and "but the layer was expecting 0 weights" in r["error"]
        for r in result.out.values()
    ), result.out
    # Built first with the source's input shape, the copy holds the source's weights (Keras 3 and tf_keras).
    for legacy in (False, True):
        fixed = run_program(TESTDATA / "TFV201" / "fixed_unbuilt.py", RUN_CASES, legacy=legacy)
        assert fixed.out == {
            "case_copy_into_a_fresh_cell": {"ok": True, "value": [True, True, True]},
            "case_copy_into_a_fresh_dense": {"ok": True, "value": [True, True]},
        }, legacy


def test_set_value_on_a_variable_raises_and_the_fix_assigns() -> None:
    bad = run_program(TESTDATA / "TFV201" / "bad_set_value.py", RUN_CASES)
    fixed = run_program(TESTDATA / "TFV201" / "fixed_set_value.py", RUN_CASES)
    assert bad.out["case_zero_biases"]["ok"] is False
    assert bad.out["case_zero_biases"]["error"].startswith("AttributeError:")
    assert "set_value" in bad.out["case_zero_biases"]["error"]
    assert fixed.out["case_zero_biases"] == {"ok": True, "value": [[0.5, 0.5, 0.5], [0.5, 0.5, 0.5]]}


def test_values_move_into_the_helper_that_makes_the_layer() -> None:
    """pointnet-keras#5's shape: the layer is made in a helper its caller calls once, and set after the build; the
    fix puts the values into the helper's construction, so `clone_model` (which re-runs the initializers) keeps
    them. The helper that two callers share gets no fix (both would change)."""
    probe = """
import keras
import numpy as np
model = ns["case_identity_start"]()
replica = keras.models.clone_model(model)
out["model"] = [w.tolist() for w in model.get_layer("tnet_out").get_weights()]
out["replica_bias"] = replica.get_layer("tnet_out").get_weights()[1].tolist()
"""
    bad = run_program(TESTDATA / "TFV201" / "bad_made_in_helper.py", probe)
    fixed = run_program(TESTDATA / "TFV201" / "fixed_made_in_helper.py", probe)
    assert bad.error is None and fixed.error is None, (bad.error, fixed.error)
    identity = np.eye(3).flatten().tolist()
    assert bad.out["model"] == fixed.out["model"] == [np.zeros((16, 9)).tolist(), identity]
    assert bad.out["replica_bias"] == [0.0] * 9  # the bug: the clone starts from the configured zeros
    assert fixed.out["replica_bias"] == identity
    twice = (TESTDATA / "TFV201" / "fixed_made_in_helper.py").read_text(encoding="utf-8")
    assert 'model.get_layer("head").set_weights' in twice and 'Dense(2, name="head")' in twice


def test_graph_initializer_undoes_weights_given_at_construction_and_initializers_keep_them() -> None:
    """keras#7697's shape: in TF1 graph code the values of `weights=[...]` are written at the build, and the
    `global_variables_initializer()` the script runs afterwards re-runs the layers' initializers. The fix gives
    the values to the initializers, which the initializer op then runs. Run before the layer is made (the near
    miss), the initializer leaves Keras's write alone."""
    probe = """
import numpy as np
out["rows"] = np.asarray(ns["rows"]).tolist()
out["expected_rows"] = ns["vec"][[1, 2, 0]].tolist()
if "scores" in ns:
    out["scores"] = np.asarray(ns["scores"]).ravel().tolist()
"""
    bad = run_program(TESTDATA / "TFV201" / "bad_graph_weights.py", probe, legacy=True)
    fixed = run_program(TESTDATA / "TFV201" / "fixed_graph_weights.py", probe, legacy=True)
    good = run_program(TESTDATA / "TFV201" / "good_graph_weights.py", probe, legacy=True)
    assert bad.error is None and fixed.error is None and good.error is None, (bad.error, fixed.error, good.error)
    assert bad.out["rows"] != [bad.out["expected_rows"]]  # random rows: the pre-trained ones are gone
    assert fixed.out["rows"] == [fixed.out["expected_rows"]]
    assert fixed.out["scores"] == [1.0, 2.0, 0.0]  # 0.5 * (row + row), no bias
    assert bad.out["scores"] != fixed.out["scores"]
    assert good.out["rows"] == [good.out["expected_rows"]]



def test_monitored_session_undoes_weights_given_at_construction_and_initializers_keep_them() -> None:
    """tensorflow#14392's shape: a model_fn gives an Embedding its rows in `weights=[...]`, and the
    `MonitoredTrainingSession` made after the build runs the graph's initializer op itself: the rows are random.
    The fix's Constant initializer is what that op runs; the near miss read through Keras's own session keeps
    the rows written at the build."""
    probe = """
import numpy as np
out["rows"] = np.asarray(ns["rows"]).tolist()
out["expected_rows"] = ns["vec"][[1, 2, 0]].tolist()
if "kept_rows" in ns:
    out["kept_rows"] = np.asarray(ns["kept_rows"]).tolist()
"""
    bad = run_program(TESTDATA / "TFV201" / "bad_monitored_session.py", probe, legacy=True)
    fixed = run_program(TESTDATA / "TFV201" / "fixed_monitored_session.py", probe, legacy=True)
    good = run_program(TESTDATA / "TFV201" / "good_monitored_session.py", probe, legacy=True)
    assert bad.error is None and fixed.error is None and good.error is None, (bad.error, fixed.error, good.error)
    assert bad.out["rows"] != [bad.out["expected_rows"]]  # random rows: the pre-trained ones are gone
    assert fixed.out["rows"] == [fixed.out["expected_rows"]]
    assert good.out["rows"] == [good.out["expected_rows"]]
    assert good.out["kept_rows"] == [good.out["expected_rows"]]

WRAPPED = """
import numpy as np
for name in ("case_time_distributed", "case_bidirectional"):
    if name not in ns:
        continue
    model = ns[name]()
    wrapper = model.layers[1]
    inner = wrapper.forward_layer if hasattr(wrapper, "forward_layer") else wrapper.layer
    given = ns["loss_weights"] if name == "case_time_distributed" else ns["lstm_weights"][0]
    out[name] = bool(np.allclose(inner.get_weights()[0], given))
"""


def test_weights_given_to_a_wrapped_layer_are_lost_and_initializers_keep_them() -> None:
    """coxlab/prednet#9 under tf_keras 2.21: `TimeDistributed(Dense(1, weights=[w, b]))` and
    `Bidirectional(LSTM(2, weights=[...]))` hold random values; the rewrite's Constant initializers hold `w`; the
    near misses (an unwrapped layer's weights=, a wrapped layer with Constant initializers) hold the values."""
    bad = run_program(TESTDATA / "TFV201" / "bad_wrapped.py", WRAPPED, legacy=True)
    fixed = run_program(TESTDATA / "TFV201" / "fixed_wrapped.py", WRAPPED, legacy=True)
    assert bad.error is None and bad.out == {"case_time_distributed": False, "case_bidirectional": False}, bad
    assert fixed.error is None and fixed.out["case_time_distributed"] is True, fixed
    assert run_program(TESTDATA / "TFV201" / "good_wrapped.py", legacy=True).error is None


REFUSED = """
for name in sorted(ns):
    if name.startswith("case_"):
        try:
            ns[name]()
            out[name] = "ok"
        except ValueError as error:
            out[name] = str(error).split(":")[0]
"""


def test_keras3_refuses_weights_outside_embedding_and_bidirectional() -> None:
    """tensorflow#27541 under Keras 3.15: `Conv2D`, `Dense` and `BatchNormalization` given `weights=[...]` raise at
    construction; `Embedding(weights=...)` and Constant initializers build."""
    bad = run_program(TESTDATA / "TFV201" / "bad_refused_weights.py", REFUSED)
    assert bad.error is None and bad.out == {
        "case_batchnorm": "Unrecognized keyword arguments passed to BatchNormalization",
        "case_conv_in_functional_model": "Unrecognized keyword arguments passed to Conv2D",
        "case_dense_in_sequential": "Unrecognized keyword arguments passed to Dense",
    }, bad
    good = run_program(TESTDATA / "TFV201" / "good_refused_weights.py", REFUSED)
    # (Bidirectional(weights=...) builds but never writes them: bad_bidirectional_weights, not a good case.)
    assert good.error is None and good.out == {"case_conv_initializers": "ok", "case_embedding": "ok"}, good


def test_bidirectional_weights_kwarg_is_never_written() -> None:
    """keras#8957: `Bidirectional(LSTM(5), weights=trained.get_weights())` keeps its own random weights (Keras 3
    and tf_keras hand the list to the directions' unused `initial_weights`); `set_weights` on the built wrapper
    writes them (the good fixture asserts its copy predicts as the trained model)."""
    probe = """
import numpy as np
out["same"] = all(
    np.allclose(a, b) for a, b in zip(ns["copy"].layers[1].get_weights(), ns["trained"].get_weights())
)
"""
    bad = run_program(TESTDATA / "TFV201" / "bad_bidirectional_weights.py", probe)
    good = run_program(TESTDATA / "TFV201" / "good_bidirectional_weights.py", "")
    assert bad.error is None and good.error is None, (bad.error, good.error)
    assert bad.out["same"] is False


def test_refused_weights_moved_to_the_initializers_build_with_the_given_values() -> None:
    """The fix gives each array of `weights=[...]` to the layer's initializer for that weight (in the layer's
    order): the constructions that raised build and hold exactly the arrays; the one without a fix still raises."""
    probe = REFUSED + """
import numpy as np
conv = ns["case_conv_in_functional_model"]().layers[1]
out["conv"] = [np.asarray(w).tolist() for w in conv.get_weights()]
bn = ns["case_batchnorm"]().layers[0]
out["batchnorm"] = [np.asarray(w).tolist() for w in bn.get_weights()]
"""
    fixed = run_program(TESTDATA / "TFV201" / "fixed_refused_weights.py", probe)
    assert fixed.error is None, fixed.error
    assert fixed.out["case_conv_in_functional_model"] == "ok" and fixed.out["case_batchnorm"] == "ok"
    assert fixed.out["case_dense_in_sequential"] == "Unrecognized keyword arguments passed to Dense"
    kernel, bias = fixed.out["conv"]
    assert np.allclose(kernel, np.full((1, 1, 1, 1), -0.8888)) and bias == [0.0]
    assert fixed.out["batchnorm"] == [[1.0] * 4, [0.0] * 4, [0.0] * 4, [1.0] * 4]
