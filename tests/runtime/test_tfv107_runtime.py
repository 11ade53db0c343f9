"""TFV107 under real tf_keras: lambdas made in a loop that read the loop variable all compute the last layer's
penalty; bound as the lambda's default, each computes its own layer's. Keras 3 refuses the callable."""

from __future__ import annotations

import pytest

from tests.fixtures import TESTDATA
from tests.runtime.harness import run_program

pytestmark = pytest.mark.tensorflow

PROBE = """
import tensorflow as tf
out["model"] = [float(v) for v in ns["model"].losses]
out["own"] = [float(ns["l2"](layer.kernel)) for layer in ns["model"].layers]
out["backbone"] = [float(v) for v in ns["backbone"].losses]
out["backbone_own"] = [0.5 * float(tf.reduce_sum(tf.square(layer.kernel))) for layer in ns["backbone"].layers]
out["stack"] = [float(v) for v in ns["stack"].losses]
out["stack_own"] = [float(ns["l2"](layer.kernel)) for layer in ns["stack"].layers]
"""


def test_every_penalty_reads_the_last_layer_then_its_own() -> None:
    bad = run_program(TESTDATA / "TFV107" / "bad.py", PROBE, legacy=True)
    fixed = run_program(TESTDATA / "TFV107" / "fixed.py", PROBE, legacy=True)
    assert bad.error is None and fixed.error is None, (bad.error, fixed.error)
    assert bad.out["own"][0] != pytest.approx(bad.out["own"][1])
    assert bad.out["model"] == pytest.approx([bad.out["own"][1]] * 2)  # both read the last Dense
    assert bad.out["backbone"] == pytest.approx([bad.out["backbone_own"][1]] * 2)
    assert bad.out["stack"] == pytest.approx([bad.out["stack_own"][1]] * 2)  # the body's name: the last Dense
    assert fixed.out["model"] == pytest.approx(fixed.out["own"])  # each its own layer's
    assert fixed.out["backbone"] == pytest.approx(fixed.out["backbone_own"])
    assert fixed.out["stack"] == pytest.approx(fixed.out["stack_own"])
    assert fixed.out["own"] == pytest.approx(
        bad.out["own"]
    )  # the same weights (one seed): only the penalty moved


def test_keras3_refuses_a_callable(tmp_path: object) -> None:
    from pathlib import Path

    assert isinstance(tmp_path, Path)
    program = tmp_path / "keras3.py"
    program.write_text(
        (TESTDATA / "TFV107" / "bad.py")
        .read_text(encoding="utf-8")
        .replace('os.environ["TF_USE_LEGACY_KERAS"] = "1"', 'os.environ.pop("TF_USE_LEGACY_KERAS", None)'),
        encoding="utf-8",
    )
    result = run_program(program, "")
    assert (
        result.error is not None
        and "`add_loss()` can only be called from inside `build()` or `call()`" in result.error
    )


WEIGHTS_PROBE = """
import tensorflow as tf
model, frozen = ns["model"], ns["frozen"]
out["model"] = [float(v) for v in model.losses]
out["model_trainable"] = [w.name for w in model.trainable_weights]
out["last"] = float(tf.nn.l2_loss(model.trainable_weights[-1]))
out["frozen"] = [float(v) for v in frozen.losses]
out["frozen_trainable"] = [w.name for w in frozen.trainable_variables]
out["frozen_last"] = float(tf.reduce_sum(tf.square(frozen.trainable_variables[-1])))
unet = ns["unet"]
out["unet"] = [float(v) for v in unet.losses]
out["unet_weights"] = [float(tf.keras.regularizers.l2(0.5)(w)) for w in unet.trainable_weights]
"""


def test_a_loop_over_trainable_weights_reads_the_last_weight() -> None:
    """tensorflow#42880: the passes are the model's trainable weights, layer by layer, less those that do not
    train (BatchNormalization's moving statistics, a frozen layer's); every penalty reads the last one."""
    result = run_program(TESTDATA / "TFV107" / "bad_weights.py", WEIGHTS_PROBE, legacy=True)
    assert result.error is None, result.error
    assert len(result.out["model_trainable"]) == 6 and "moving" not in " ".join(result.out["model_trainable"])
    assert result.out["model"] == pytest.approx([result.out["last"]] * 4)  # four non-bias passes
    assert len(result.out["frozen_trainable"]) == 2  # the frozen Dense's weights are not among them
    assert result.out["frozen"] == pytest.approx([result.out["frozen_last"]] * 2)
    # The nested encoder's convolution (its pooling layers hold no weight): both penalties read its bias, zeros.
    kernel, bias = result.out["unet_weights"]
    assert kernel > 0 and bias == 0 and result.out["unet"] == pytest.approx([bias, bias])
    probe = (
        'import tensorflow as tf\n'
        'm = ns["model"]\n'
        'out["losses"] = [float(v) for v in m.losses]\n'
        'out["own"] = [float(tf.nn.l2_loss(w)) for w in m.trainable_weights if "bias" not in w.name]\n'
        'out["unet"] = [float(v) for v in ns["unet"].losses]\n'
        'out["unet_own"] = [float(tf.keras.regularizers.l2(0.5)(w)) for w in ns["unet"].trainable_weights]\n'
    )
    fixed = run_program(TESTDATA / "TFV107" / "fixed_weights.py", probe, legacy=True)
    assert fixed.error is None and fixed.out["losses"] == pytest.approx(fixed.out["own"])  # each its own weight
    assert fixed.out["unet"] == pytest.approx(fixed.out["unet_own"])


def test_the_near_misses_with_trainable_weights_run_one_pass_or_none() -> None:
    probe = 'out["counts"] = [len(ns[n].losses) for n in ("model", "made_frozen", "set_frozen")]'
    result = run_program(TESTDATA / "TFV107" / "good_weights.py", probe, legacy=True)
    assert result.error is None, result.error
    assert result.out["counts"] == [4, 1, 0]
