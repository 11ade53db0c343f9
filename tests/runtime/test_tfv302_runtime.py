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


def test_shapes_raise_and_fixed_shapes_build() -> None:
    bad = run_program(TESTDATA / "TFV302" / "bad_shapes.py", CALL_TF1_CASES, legacy=True)
    assert bad.out["case_helpers"]["error"] == f"Variable lm/embedding {EXISTS}"
    assert bad.out["case_loop"]["error"] == f"Variable w {EXISTS}"
    assert bad.out["case_names_in_a_list"]["error"] == f"Variable head/bias {EXISTS}"
    assert bad.out["case_names_as_parameters"]["error"] == f"Variable w {EXISTS}"
    assert bad.out["case_methods_of_a_class"]["error"] == f"Variable embeddings/table {EXISTS}"
    assert bad.out["case_dense_layers_in_a_scope"]["error"] == f"Variable generator/fc/kernel {EXISTS}"
    assert bad.out["case_batch_norm_twice"]["error"] == f"Variable bn/gamma {EXISTS}"
    fixed = run_program(TESTDATA / "TFV302" / "fixed_shapes.py", CALL_TF1_CASES, legacy=True)
    assert fixed.out["case_helpers"]["variables"] == ["lm/embedding:0", "lm/embedding_1:0"]
    assert fixed.out["case_methods_of_a_class"]["variables"] == ["embeddings/table:0", "embeddings/table_1:0"]
    assert "generator/fc_1/kernel:0" in fixed.out["case_dense_layers_in_a_scope"]["variables"]
    assert "bn_1/gamma:0" in fixed.out["case_batch_norm_twice"]["variables"]
    good = run_program(TESTDATA / "TFV302" / "good_shapes.py", CALL_TF1_CASES, legacy=True)
    assert all(case["ok"] for case in good.out.values()), good.out
    assert good.out["case_named_layers_without_variables"]["variables"] == []
    assert good.out["case_default_named_helper"]["variables"] == ["dense/kernel:0", "dense_1/kernel:0"]


def test_module_code_raises_and_fixed_builds() -> None:
    bad = run_program(TESTDATA / "TFV302" / "bad_module.py", legacy=True)
    assert bad.error == f"ValueError: Variable embedding {EXISTS}"
    assert run_program(TESTDATA / "TFV302" / "fixed_module.py", legacy=True).error is None


def test_reuse_that_cannot_share_raises_and_near_misses_build() -> None:
    bad = run_program(TESTDATA / "TFV302" / "bad_reuse.py", CALL_TF1_CASES, legacy=True)
    share = "Trying to share variable {}, but specified shape {} and found shape {}."
    assert bad.out["case_unnamed_dense_in_a_reused_helper"]["error"] == share.format(
        "attention/dense/kernel", "(8, 1)", "(16, 8)"
    )
    assert bad.out["case_get_variable_reused_at_another_shape"]["error"] == share.format(
        "embedding/table", "(4, 10)", "(10, 4)"
    )
    assert bad.out["case_auto_reuse_block_at_another_width"]["error"] == share.format(
        "block/conv/kernel", "(3, 3, 8, 16)", "(3, 3, 3, 8)"
    )
    assert bad.out["case_discriminator_reused_on_a_smaller_input"]["error"] == share.format(
        "discriminator/d_lin/Matrix", "(128, 1)", "(288, 1)"
    )
    assert bad.out["case_layer_object_rebuilt_after_reuse_variables"]["error"].startswith(
        "Variable main/memory_layer_1/kernel does not exist, or was not created with tf.get_variable()."
    )
    good = run_program(TESTDATA / "TFV302" / "good_reuse.py", CALL_TF1_CASES, legacy=True)
    assert all(case["ok"] for case in good.out.values()), good.out
    assert good.out["case_layer_object_called_again_after_reuse_variables"]["variables"] == [
        "main/memory_layer/kernel:0"
    ]
    assert good.out["case_get_variable_reused_at_its_shape"]["variables"] == ["embedding/table:0"]
    assert "infer/memory_layer/kernel:0" in good.out["case_second_layer_object_in_a_scope_of_its_own"]["variables"]


def test_reuse_of_variables_never_made_raises_and_near_misses_build() -> None:
    bad = run_program(TESTDATA / "TFV302" / "bad_never_made.py", CALL_TF1_CASES, legacy=True)
    missing = (
        "Variable {} does not exist, or was not created with tf.get_variable(). Did you mean to set "
        "reuse=tf.AUTO_REUSE in VarScope?"
    )
    assert bad.out["case_reuse_variables_before_the_first_build"]["error"] == missing.format("w")
    assert bad.out["case_test_mode_builds_with_reuse_true"]["error"] == missing.format("gen/dense/kernel")
    assert bad.out["case_stacked_cells_under_reuse_variables"]["error"] == missing.format(
        "rnn/multi_rnn_cell/cell_0/lstm_cell/kernel"
    )
    assert bad.out["case_layer_object_in_a_reusing_scope"]["error"] == missing.format("head/dense/kernel")
    assert bad.out["case_a_helper_asks_before_it_builds"]["error"] == missing.format("tower/w")
    assert bad.out["case_train_mode_builds_then_samples"]["ok"], bad.out  # the same helper, built first
    good = run_program(TESTDATA / "TFV302" / "good_never_made.py", CALL_TF1_CASES, legacy=True)
    assert all(case["ok"] for case in good.out.values()), good.out
    assert good.out["case_keras_layer_in_a_reusing_scope"]["variables"] == ["head/dense/bias:0", "head/dense/kernel:0"]
    assert good.out["case_made_by_code_not_followed"]["variables"] == ["global_step:0"]


SHAPES_PROGRAM = """
import tensorflow.compat.v1 as tf

tf.disable_eager_execution()
x = tf.placeholder(tf.float32, [4, 9, 9, 3])
free = tf.placeholder(tf.float32, [None, 9, 9, 3])
w = tf.get_variable("w", [3, 3, 3, 5])
same = tf.nn.conv2d(x, w, strides=[1, 2, 2, 1], padding="SAME")
valid = tf.nn.conv2d(x, w, strides=[1, 2, 2, 1], padding="VALID")
unknown_batch = tf.nn.conv2d(free, w, strides=1, padding="VALID")
three = tf.nn.conv2d(x, w, 3, "SAME")
biased = tf.nn.bias_add(same, tf.get_variable("b", [5]))
leaky = tf.maximum(biased, 0.2 * biased)
activated = tf.nn.relu(leaky)
flat = tf.reshape(activated, [4, -1])
projected = tf.matmul(flat, tf.get_variable("m", [flat.get_shape().as_list()[1], 7]))
up = tf.nn.conv2d_transpose(x, tf.get_variable("t", [3, 3, 2, 3]), output_shape=[4, 18, 18, 2], strides=[1, 2, 2, 1])
free_up = tf.nn.conv2d_transpose(free, tf.get_variable("u", [3, 3, 2, 3]), output_shape=[4, 18, 18, 2], strides=2)
channels = x.get_shape()[-1]
width = flat.get_shape().as_list()[1]
"""
SHAPE_NAMES = (
    *("same", "valid", "unknown_batch", "three", "biased", "leaky", "activated", "flat", "projected"),
    *("up", "free_up"),
)


def test_tensor_shapes_the_analysis_gives_are_tensorflows(tmp_path: object) -> None:
    """What `get_shape()` says of each op's output at graph construction (TF 2.21) is the shape the analysis
    gives it (a size it does not know, None, must be one TF does not know either), and the sizes read from
    shapes are TF's."""
    from pathlib import Path

    import libcst as cst

    from tfvarfix.keras.spec import Flavor
    from tfvarfix.semantics.facts import analyze
    from tfvarfix.semantics.heap import present
    from tfvarfix.semantics.values import Const, TensorObj

    program = Path(str(tmp_path)) / "shapes.py"
    program.write_text(SHAPES_PROGRAM, encoding="utf-8")
    probe = "\n".join(
        [f'out["{n}"] = ns["{n}"].get_shape().as_list()' for n in SHAPE_NAMES]
        + ['out["channels"] = int(ns["channels"])', 'out["width"] = ns["width"]']
    )
    measured = run_program(program, probe, legacy=True)
    assert measured.error is None, measured.error
    facts = analyze(cst.parse_module(SHAPES_PROGRAM), SHAPES_PROGRAM, Flavor.TF_KERAS)
    for name in SHAPE_NAMES:
        tensor = present(facts.module_names[name]).single()  # type: ignore[arg-type]
        assert isinstance(tensor, TensorObj) and tensor.shape is not None, name
        assert list(tensor.shape) == measured.out[name], name
    for name in ("channels", "width"):
        value = present(facts.module_names[name]).single()  # type: ignore[arg-type]
        assert isinstance(value, Const) and value.value == measured.out[name], name
