"""The analyzer on the real-world reproductions: every marker of a case is reported (line and code), nothing else
is, and a look-alike gets no finding at all. `KNOWN_MISSES` lists the markers the analyzer cannot find yet, each
with why; the test fails when one of them starts being found, so the list stays true.
`python scripts/realworld_recall.py` prints the same as numbers."""

from __future__ import annotations

import pytest
from tfvarfix.engine import check_text
from tfvarfix.rule import registry

from tests.realworld.corpus import Case, load_cases

RULES = list(registry().rules.values())
CASES = load_cases()

# case id -> (markers it misses, why)
KNOWN_MISSES: dict[str, tuple[list[tuple[int, str]], str]] = {
    "keras_pix2pix_converter_generator_ngf_half_of_checkpoint": (
        [(70, "TFV102")],
        "the arrays come from `.npy` files the program wrote (`np.save` then `np.load`): their shapes are not "
        "followed through the files, so the (4, 4, 3, 64) kernel given to the (4, 4, 3, 32) layer is not known",
    ),
    "tf2_subclassed_model_build_add_loss_lambda_conv_layers": (
        [(24, "TFV107")],
        "the layers of a `keras.applications` model are not modelled, so the loop over `self._model.layers` has "
        "no known passes",
    ),
    "tf2_melgan_weight_norm_conv_transpose_savedmodel": (
        [(32, "TFV105")],
        "tfvarfix/rules/tfv105_weight_attribute_rebind.py: Rule.check returns at once for Flavor.TF_KERAS, on the "
        "premise that tf_keras swaps the tracked weight; a WeightNormalization wrapper rebinding `self.layer.kernel` "
        "to a tensor computed in call() still breaks there: tf.saved_model.save fails on the wrapped "
        "Conv1DTranspose ('captures graph tensor ... compute_weights/mul')",
    ),
    "keras_transformer_lr_schedule_tensor_in_config_savedmodel": (
        [(30, "TFV202")],
        "tfvarfix/rules/tfv202_unserializable_custom_object.py checks get_config only for Layer/Model and the "
        "OBJECT_BASES (Initializer, Constraint, Regularizer: tfvarfix/keras/names.py); a "
        "`LearningRateSchedule` subclass given to the optimizer is not modelled, nor a config value that is a "
        "tensor (`self.d_model = tf.cast(...)`), which tf_keras's SavedModel save cannot write as JSON",
    ),
    "keras_subclass_head_swapped_by_attribute_tracked_twice": (
        [(31, "TFV106")],
        "no rule models a sublayer attribute rebound on a Keras 3 instance: "
        "tfvarfix/rules/tfv105_weight_attribute_rebind.py:check follows an Attribute store only when "
        "_weight_of / layer.spec.weight_at names a weight of a built-in layer (kernel, bias...), and "
        "tfvarfix/rules/tfv106_untracked_layer_variable.py only tf.Variable Holds; `model.head = "
        "Dense(100)` on a CustomModel whose __init__ already bound `self.head` is an ordinary store, "
        "although Keras 3's append-only tracker keeps the old head (never built) in model.layers and the "
        "saved config still makes a 10-class head",
    ),
    "keras_deepcalib_predict_focal_classes_grid_differs_from_training": (
        [(56, "TFV102")],
        "tfvarfix/keras/transfer.py:_model_method takes `load_weights` only as the point where the weights stop "
        "being the initializers' (_mark_trained, for TFV201), and _checkpoints follows a ModelCheckpoint only when "
        "it saves the whole model (save_weights_only False): nothing records which model's weights a weights file "
        "holds, so the (196, 46) output_focal kernel the training checkpoint wrote is never compared with the "
        "(196, 47) kernel of the prediction model that loads it (the path is also a `{epoch:02d}` template found "
        "again by `glob`)",
    ),
}


def _found(case: Case) -> list[tuple[int, str]]:
    diagnostics = check_text(case.path.read_text(encoding="utf-8"), RULES).diagnostics
    return sorted({(d.line, d.code) for d in diagnostics})


@pytest.mark.parametrize("case", [c for c in CASES if not c.lookalike], ids=lambda c: c.id)
def test_case_markers_are_found(case: Case) -> None:
    found = _found(case)
    missed, _why = KNOWN_MISSES.get(case.id, ([], ""))
    expected = sorted(m for m in case.expected if m not in missed)
    assert found == expected
    assert not set(missed) & set(found), f"{case.id} now finds {missed}: drop it from KNOWN_MISSES"


@pytest.mark.parametrize("case", [c for c in CASES if c.lookalike], ids=lambda c: c.id)
def test_lookalike_is_silent(case: Case) -> None:
    assert _found(case) == []


def test_known_misses_name_real_cases() -> None:
    ids = {c.id for c in CASES}
    assert set(KNOWN_MISSES) <= ids


def test_no_program_is_named_like_a_test_module() -> None:
    """pytest collects `test_*.py` and `*_test.py`: a program named so would be imported (and run) by the test
    run itself, as `tf1_..._for_train_and_test.py` was (its TF1 graph raised during collection)."""
    named = [c.path.name for c in load_cases() if c.path.name.startswith("test_") or c.path.stem.endswith("_test")]
    assert named == []
