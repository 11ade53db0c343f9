"""TFV106 under Keras 3: tf.Variable attributes are not weights; add_weight ones are trained and saved."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from tests.fixtures import TESTDATA
from tests.runtime.harness import run_program

pytestmark = pytest.mark.tensorflow

PROBE = """
import os, tempfile
import numpy as np
import keras
model = ns["model"]
attrs = {"w": model.affine.w, "b": model.affine.b, "offset": model.affine.offset, "scale": model.scale}
out["tracked"] = sorted(k for k, v in attrs.items() if any(v is w for w in model.trainable_weights))
out["initial"] = {k: np.asarray(attrs[k]).tolist() for k in ("w", "b", "offset")}
before = {k: np.asarray(v).copy() for k, v in attrs.items()}
model.compile(optimizer=keras.optimizers.SGD(0.1), loss="mse")
x, y = np.ones((4, 3), "float32"), np.full((4, 2), 5.0, "float32")
model.fit(x, y, epochs=1, batch_size=4, verbose=0)
out["trained"] = sorted(k for k, v in attrs.items() if not np.allclose(before[k], np.asarray(v)))
with tempfile.TemporaryDirectory() as folder:
    path = os.path.join(folder, "m.keras")
    model.save(path)
    loaded = keras.models.load_model(path)
    out["loaded_equal"] = bool(np.allclose(loaded.predict(x, verbose=0), model.predict(x, verbose=0)))
    out["loaded_weights"] = len(loaded.trainable_weights)
"""


def test_untracked_variables_are_not_trained_and_the_fix_tracks_them() -> None:
    bad = run_program(TESTDATA / "TFV106" / "bad.py", PROBE)
    assert bad.error is None
    assert bad.out["tracked"] == [] and bad.out["trained"] == []
    assert bad.out["loaded_weights"] == 0
    assert bad.out["loaded_equal"] is False  # the reloaded model starts from fresh, random variables
    fixed = run_program(TESTDATA / "TFV106" / "fixed.py", PROBE)
    assert fixed.error is None, fixed.error
    assert fixed.out["initial"] == bad.out["initial"]
    assert fixed.out["tracked"] == ["b", "offset", "scale", "w"]
    assert fixed.out["trained"] == ["b", "offset", "scale", "w"]
    assert fixed.out["loaded_weights"] == 4 and fixed.out["loaded_equal"] is True


def test_tf_keras_tracks_the_same_code() -> None:
    result = run_program(
        TESTDATA / "TFV106" / "good_tf_keras.py",
        "import numpy as np\nlayer = ns['Legacy']()\nlayer(np.zeros((1, 3), 'float32'))\n"
        "out['weights'] = len(layer.trainable_weights)",
        legacy=True,
    )
    assert result.error is None and result.out == {"weights": 1}


CASES = """
for name, case in sorted(ns.items()):
    if name.startswith("case_"):
        out[name] = case()
"""
REGULARIZED = """
import numpy as np
import keras
model = keras.Sequential([
    keras.Input((3,)),
    keras.layers.Dense(2, use_bias=False, kernel_initializer="ones", kernel_regularizer=keras.regularizers.L2(0.01)),
])
model.compile(optimizer=keras.optimizers.SGD(0.1), loss="mse")
model.fit(np.ones((4, 3), "float32"), np.zeros((4, 2), "float32"), epochs=1, batch_size=4, verbose=0)
out["kernel"] = np.round(np.asarray(model.layers[0].kernel), 6).tolist()
"""


def test_a_copy_of_a_weight_is_read_as_the_weight_or_kept_out_of_training(tmp_path: Path) -> None:
    """A penalty on an untracked copy regularizes nothing; the fix reads the kernel itself, which then trains
    as a kernel_regularizer would make it. A frozen reference point or a running average becomes a weight
    the optimizer does not train. The old fix, a new trainable weight, left the kernel unregularized."""
    bad = run_program(TESTDATA / "TFV106" / "bad_copies.py", CASES)
    fixed = run_program(TESTDATA / "TFV106" / "fixed_copies.py", CASES)
    assert bad.error is None and fixed.error is None, (bad.error, fixed.error)
    empty = tmp_path / "empty.py"
    empty.write_text("")
    regularized = run_program(empty, REGULARIZED).out["kernel"]
    plain = bad.out["case_anchored"]["kernel"]
    assert regularized != plain
    assert bad.out["case_penalized"] == {"trainable": 1, "kernel": plain}
    assert fixed.out["case_penalized"] == {"trainable": 1, "kernel": regularized}
    for name in ("case_anchored", "case_averaged"):
        assert bad.out[name] == fixed.out[name] == {"trainable": 1, "kernel": plain}
    text = (TESTDATA / "TFV106" / "fixed_copies.py").read_text()
    fix = "self.kernel_copy = self.kernel"
    assert fix in text
    old_fix = (
        'self.kernel_copy = self.add_weight(name="kernel_copy", shape=self.kernel.shape, '
        "initializer=keras.initializers.Constant(self.kernel))"
    )
    naive = tmp_path / "naive.py"
    naive.write_text(text.replace(fix, old_fix))
    assert run_program(naive, CASES).out["case_penalized"] == {"trainable": 2, "kernel": plain}


def test_variables_made_in_helpers_loops_and_comprehensions_become_weights() -> None:
    """A helper of `__init__`, a loop appending to a list, a comprehension, an initializer method returning the
    variable, a `shape=` argument: each becomes `self.add_weight(...)` with the same initial value, and fit
    trains them. A helper that runs again after the build keeps no fix (its `add_weight` would raise)."""
    bad = run_program(TESTDATA / "TFV106" / "bad_helpers.py", CASES)
    fixed = run_program(TESTDATA / "TFV106" / "fixed_helpers.py", CASES)
    assert bad.error is None and fixed.error is None, (bad.error, fixed.error)
    assert bad.out["case_helpers"]["trainable"] == 0 and bad.out["case_helpers"]["non_trainable"] == 0
    assert bad.out["case_helpers"]["gain_trained"] is False
    assert fixed.out["case_helpers"]["initial"] == bad.out["case_helpers"]["initial"]
    assert fixed.out["case_helpers"]["trainable"] == 6  # gain, 2 steps, 2 shifts, widths
    assert fixed.out["case_helpers"]["non_trainable"] == 1  # memory, trainable=False as written
    assert fixed.out["case_helpers"]["gain_trained"] is True
    assert bad.out["case_reset"] == fixed.out["case_reset"] == {"weights": 0}
    assert (
        "def reset_state(self, size):\n        self.state = tf.Variable("
        in (TESTDATA / "TFV106" / "fixed_helpers.py").read_text()
    )


def test_a_variable_made_while_an_outer_call_is_traced_and_the_fix_made_in_init_scope() -> None:
    """keras#18461: the inner layer builds while Keras traces the outer layer's call; the index tensor belongs to
    that scratch graph. The fix computes it in tf.init_scope() and makes it a frozen int64 weight."""
    probe = (
        "m = ns['model']; out['weights'] = [(w.path, str(w.dtype), w.trainable) for w in m.weights]; "
        "out['index'] = m.layers[1].bias.index.numpy().tolist()"
    )
    bad = run_program(TESTDATA / "TFV106" / "bad_nested.py")
    fixed = run_program(TESTDATA / "TFV106" / "fixed_nested.py", probe)
    assert bad.error_text is not None and "could not be lifted out of a `tf.function`" in bad.error_text, bad.error
    assert fixed.error is None, fixed.error
    assert fixed.out["weights"][1] == ["block/position_bias/index", "int64", False]
    assert fixed.out["index"] == [[2, 1, 0], [3, 2, 1], [4, 3, 2]]


def test_a_variable_from_a_helpers_draw_is_untracked_and_the_fix_tracks_the_same_value() -> None:
    """keras#15470: the value is computed first and handed to add_weight whole (its shape cannot be written)."""
    probe = "out['trainable'] = [v.path for v in ns['model'].trainable_variables]; out['start'] = ns['start'].tolist()"
    bad = run_program(TESTDATA / "TFV106" / "bad_computed.py", probe)
    fixed = run_program(TESTDATA / "TFV106" / "fixed_computed.py", probe)
    assert bad.error is None and fixed.error is None, (bad.error, fixed.error)
    assert bad.out["trainable"] == []  # untracked: nothing to train
    assert [p.rsplit("/", 1)[-1] for p in fixed.out["trainable"]] == ["weight"]
    assert fixed.out["start"] == bad.out["start"]  # the same draw, the same starting value


def test_a_variable_a_lambda_reads_is_not_the_models_and_is_never_trained() -> None:
    """tensorflow#30587 under Keras 3.15: a module-level tf.Variable read by a Lambda's function is not among the
    model's weights and keeps its value through fit; good_lambda (a trainable=False table, the matrix as a
    custom layer's weight) runs, its one weight trained."""
    probe = """
import numpy as np
for name, width, var in (("case_matmul", 4, "B"), ("case_scaled", 3, "scale")):
    before = np.array(ns[var].numpy())
    model = ns["train"](ns[name](), width)
    out[name] = {"weights": len(model.weights), "changed": bool(not np.allclose(before, ns[var].numpy()))}
"""
    bad = run_program(TESTDATA / "TFV106" / "bad_lambda.py", probe)
    assert bad.error is None, bad
    assert bad.out == {
        "case_matmul": {"weights": 0, "changed": False},
        "case_scaled": {"weights": 0, "changed": False},
    }, bad.out
    assert run_program(TESTDATA / "TFV106" / "good_lambda.py").error is None


def test_a_variable_handed_straight_to_an_op_is_not_a_weight() -> None:
    """keras#4401: `self.means = ops.expand_dims(keras.Variable(m), 1)` (and the tf.Variable form) leave the
    layer with no weights; `add_weight` (or a keras.Variable held by the attribute) gives it two."""
    probe = 'out["weights"] = len(ns["layer"].weights)'
    bad = run_program(TESTDATA / "TFV106" / "bad_wrapped_in_op.py", probe)
    good = run_program(TESTDATA / "TFV106" / "good_wrapped_in_op.py", probe)
    assert bad.error is None and good.error is None, (bad.error, good.error)
    assert (bad.out["weights"], good.out["weights"]) == (0, 2)


def test_the_unwrapped_variable_is_tracked_and_the_op_in_call_gives_the_same_outputs() -> None:
    """The fix keeps the keras.Variable in the attribute and applies the op where the attribute is read: the
    layer tracks it and computes what it computed before; the tf.Variable (no fix) and the near miss read
    outside the class stay untracked."""
    probe = """
import numpy as np
out["weights"] = sorted(w.name for w in ns["layer"].weights)
out["outputs"] = np.asarray(ns["outputs"]).tolist()
out["centered"] = len(ns["centered"].weights)
"""
    bad = run_program(TESTDATA / "TFV106" / "bad_wrapped_in_op.py", probe)
    fixed = run_program(TESTDATA / "TFV106" / "fixed_wrapped_in_op.py", probe)
    assert bad.error is None and fixed.error is None, (bad.error, fixed.error)
    assert bad.out["weights"] == [] and len(fixed.out["weights"]) == 1, fixed.out["weights"]
    assert fixed.out["outputs"] == bad.out["outputs"]
    assert bad.out["centered"] == fixed.out["centered"] == 0


def test_a_variable_an_initializer_draws_becomes_a_weight_drawn_by_it_with_the_same_outputs() -> None:
    """tensorflow#39540: `tf.Variable(initial_value=GlorotNormal(seed=3)(shape=(1, 2), dtype=tf.float32))` in a
    model's `build` (the model built by the program, `net.build(...)`) and a `Constant` draw in `__init__` become
    `add_weight(shape=..., initializer=...)`: the weights are tracked and the outputs are the same. The near
    misses (a draw scaled afterwards, an initializer that reads the layer) get the computed-first fix, which
    starts from the very draw."""
    probe = """
import numpy as np
for key in ("net", "layer", "near", "seeded"):
    out[key] = sorted(w.name for w in ns[key].trainable_weights)
for key in ("outputs", "scaled", "near_outputs", "seeded_outputs"):
    out[key] = np.asarray(ns[key]).tolist()
out["dtype"] = str(getattr(ns["net"].dummy.dtype, "name", ns["net"].dummy.dtype))
"""
    bad = run_program(TESTDATA / "TFV106" / "bad_drawn.py", probe)
    fixed = run_program(TESTDATA / "TFV106" / "fixed_drawn.py", probe)
    assert bad.error is None and fixed.error is None, (bad.error, fixed.error)
    assert bad.out["net"] == ["bias", "kernel"] and bad.out["layer"] == [] and bad.out["near"] == [], bad.out
    assert fixed.out["net"] == ["bias", "dummy", "kernel"] and fixed.out["layer"] == ["gain"]
    assert fixed.out["near"] == ["w"] and fixed.out["seeded"] == ["w"]
    for key in ("outputs", "scaled", "near_outputs", "seeded_outputs"):
        assert np.allclose(fixed.out[key], bad.out[key]), key
    assert bad.out["dtype"] == fixed.out["dtype"] == "float32"


LAMBDA_LAYERS = """
import numpy as np
for name, case in sorted(ns.items()):
    if name.startswith("case_"):
        model, kernel = case()
        before = np.array(kernel.numpy())
        ns["train"](model)
        out[name] = {
            "tracked": any(w is kernel for w in model.trainable_weights),
            "trained": bool(not np.allclose(before, kernel.numpy())),
        }
"""


def test_a_layer_called_in_a_lambda_is_not_the_models_and_is_never_trained() -> None:
    """keras#11744 under Keras 3.15: a model (or a Dense) made outside a Lambda's function and called inside it
    is not among the model's trainable weights and keeps its kernel through fit; the near misses (also called
    on the graph, no weights of its own, made by the function) leave the model's kernels tracked."""
    bad = run_program(TESTDATA / "TFV106" / "bad_lambda_layers.py", LAMBDA_LAYERS)
    assert bad.out == {
        "case_model_in_a_lambda": {"tracked": False, "trained": False},
        "case_layer_in_a_function": {"tracked": False, "trained": False},
    }, bad.out
    good = run_program(TESTDATA / "TFV106" / "good_lambda_layers.py", LAMBDA_LAYERS)
    assert all(case["tracked"] for case in good.out.values()), good.out
    assert good.out["case_also_called_on_the_graph"]["trained"] is True, good.out


UNTRACKED_LAYERS = """
import os, tempfile
import numpy as np
import keras
x = np.random.RandomState(0).rand(8, 4).astype("float32")
for name, case in sorted(ns.items()):
    if name.startswith("case_"):
        model, expected = case()
        model.compile(optimizer="adam", loss="mse")
        model.fit(x, x, epochs=1, verbose=0)
        with tempfile.TemporaryDirectory() as folder:
            path = os.path.join(folder, "m.keras")
            model.save(path)
            classes = {k: v for k, v in ns.items() if isinstance(v, type) and issubclass(v, keras.layers.Layer)}
            loaded = keras.models.load_model(path, custom_objects=classes)
            gap = float(np.abs(loaded.predict(x, verbose=0) - model.predict(x, verbose=0)).max())
        out[name] = {"weights": len(model.trainable_weights), "expected": expected, "reloads": gap < 1e-6}
"""


def test_layers_kept_where_the_tracker_does_not_look_are_not_trained_or_not_saved() -> None:
    """keras#20598 and keras#20260 under Keras 3.15.1: a plain list appended (empty) to a tracked list and filled
    afterwards, a dict entry filled after it was set, an inserted stage, items set by index in a tracked list:
    none of their Dense weights is the model's. `self._layers` in a Layer subclass: trained, but the reloaded
    model predicts from fresh weights. The near misses: every weight tracked, and the model reloads exactly."""
    bad = run_program(TESTDATA / "TFV106" / "bad_untracked_layers.py", UNTRACKED_LAYERS)
    assert {k: v["weights"] for k, v in bad.out.items()} == {
        "case_nested_lists": 0,
        "case_dict_of_lists": 0,
        "case_inserted_stage": 0,
        "case_slots_set_by_index": 0,
        "case_private_layers_attribute": 4,
    }, bad.out
    assert bad.out["case_private_layers_attribute"]["reloads"] is False, bad.out
    good = run_program(TESTDATA / "TFV106" / "good_untracked_layers.py", UNTRACKED_LAYERS)
    assert all(v["weights"] == v["expected"] and v["reloads"] for v in good.out.values()), good.out
