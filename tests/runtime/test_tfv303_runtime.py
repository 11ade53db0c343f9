"""TFV303 under TF 2.21 + tf_keras: a shared cell raises (input ≠ units) or silently shares one weight set."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.fixtures import TESTDATA
from tests.runtime.harness import run_program
from tests.runtime.tf1_probe import CALL_TF1_CASES

pytestmark = pytest.mark.tensorflow


def _kernels(case: dict[str, object]) -> list[str]:
    names = case["variables"]
    assert isinstance(names, list)
    return [n for n in names if n.endswith("kernel:0")]


def test_bad_shares_or_raises_and_fixed_has_one_set_per_use() -> None:
    bad = run_program(TESTDATA / "TFV303" / "bad.py", CALL_TF1_CASES, legacy=True)
    assert bad.out["case_repeated_list_mismatch"]["error"].startswith(
        "Dimensions must be equal, but are 8 and 7 for '{{node rnn/multi_rnn_cell/cell_0/lstm_cell/MatMul_1}}"
    )
    assert _kernels(bad.out["case_repeated_list_silent"]) == ["rnn/multi_rnn_cell/cell_0/lstm_cell/kernel:0"]
    assert _kernels(bad.out["case_wrapped_in_comprehension"]) == _kernels(
        bad.out["case_repeated_list_silent"]
    )
    assert _kernels(bad.out["case_both_directions"]) == [
        "bidirectional_rnn/fw/gru_cell/candidate/kernel:0",
        "bidirectional_rnn/fw/gru_cell/gates/kernel:0",
    ]
    assert _kernels(bad.out["case_encoder_decoder"]) == ["encoder/lstm_cell/kernel:0"]
    fixed = run_program(TESTDATA / "TFV303" / "fixed.py", CALL_TF1_CASES, legacy=True)
    assert all(case["ok"] for case in fixed.out.values()), fixed.out
    assert _kernels(fixed.out["case_repeated_list_mismatch"]) == [
        "rnn/multi_rnn_cell/cell_0/lstm_cell/kernel:0",
        "rnn/multi_rnn_cell/cell_1/lstm_cell/kernel:0",
    ]
    assert len(_kernels(fixed.out["case_repeated_list_silent"])) == 2
    assert len(_kernels(fixed.out["case_wrapped_in_comprehension"])) == 2
    assert len(_kernels(fixed.out["case_both_directions"])) == 4
    assert _kernels(fixed.out["case_encoder_decoder"]) == [
        "decoder/lstm_cell/kernel:0",
        "encoder/lstm_cell/kernel:0",
    ]


def test_shapes_share_and_fixed_shapes_have_one_set_per_use() -> None:
    bad = run_program(TESTDATA / "TFV303" / "bad_shapes.py", CALL_TF1_CASES, legacy=True)
    one = ["rnn/multi_rnn_cell/cell_0/lstm_cell/kernel:0"]
    assert _kernels(bad.out["case_helper"]) == one
    assert _kernels(bad.out["case_wrapped_and_repeated"]) == one
    assert _kernels(bad.out["case_listed_twice"]) == ["rnn/multi_rnn_cell/cell_0/basic_lstm_cell/kernel:0"]
    assert len(_kernels(bad.out["case_appended_in_a_loop"])) == 2  # one GRU layer: gates and candidate
    assert _kernels(bad.out["case_cells_in_a_dict"]) == ["bidirectional_rnn/fw/lstm_cell/kernel:0"]
    assert _kernels(bad.out["case_cell_as_parameter"]) == ["bidirectional_rnn/fw/lstm_cell/kernel:0"]
    assert _kernels(bad.out["case_attribute_across_methods"]) == ["encoder/lstm_cell/kernel:0"]
    fixed = run_program(TESTDATA / "TFV303" / "fixed_shapes.py", CALL_TF1_CASES, legacy=True)
    for name in ("case_helper", "case_wrapped_and_repeated", "case_listed_twice"):
        assert len(_kernels(fixed.out[name])) == 2, fixed.out[name]
    # The decoder's own cell, `self.cell_1`, made in `__init__`: an encoder and a decoder set of weights.
    assert _kernels(fixed.out["case_attribute_across_methods"]) == [
        "decoder/lstm_cell/kernel:0",
        "encoder/lstm_cell/kernel:0",
    ]
    good = run_program(TESTDATA / "TFV303" / "good_shapes.py", CALL_TF1_CASES, legacy=True)
    assert all(case["ok"] for case in good.out.values()), good.out
    assert len(_kernels(good.out["case_fresh_cell_per_pass"])) == 2


def test_module_code_raises_and_fixed_builds() -> None:
    bad = run_program(TESTDATA / "TFV303" / "bad_module.py", legacy=True)
    assert bad.error is not None and bad.error.startswith("ValueError: Dimensions must be equal")
    assert run_program(TESTDATA / "TFV303" / "fixed_module.py", legacy=True).error is None


def test_adjacent_constructions_share_and_fixed_have_backward_and_layer_weights() -> None:
    bad = run_program(TESTDATA / "TFV303" / "bad_adjacent.py", CALL_TF1_CASES, legacy=True)
    forward_only = [
        "bidirectional_rnn/fw/lstm_cell/kernel:0",
    ]
    assert _kernels(bad.out["case_attribute_read_right_before"]) == forward_only
    assert _kernels(bad.out["case_stack_for_both_directions"]) == [
        "bidirectional_rnn/fw/multi_rnn_cell/cell_0/basic_lstm_cell/kernel:0"
    ]
    fixed = run_program(TESTDATA / "TFV303" / "fixed_adjacent.py", CALL_TF1_CASES, legacy=True)
    assert all(case["ok"] for case in fixed.out.values()), fixed.out
    assert _kernels(fixed.out["case_attribute_read_right_before"]) == [
        "bidirectional_rnn/bw/lstm_cell/kernel:0",
        "bidirectional_rnn/fw/lstm_cell/kernel:0",
    ]
    assert _kernels(fixed.out["case_stack_for_both_directions"]) == [
        f"bidirectional_rnn/{d}/multi_rnn_cell/cell_{i}/basic_lstm_cell/kernel:0"
        for d in ("bw", "fw")
        for i in (0, 1)
    ]
    # No fix where a method runs between the construction and the use: the file keeps the shared cell there.
    assert _kernels(fixed.out["case_attribute_changed_in_between"]) == forward_only


def test_a_conditionally_wrapped_cell_raises_and_the_helper_builds_one_per_layer() -> None:
    bad = run_program(TESTDATA / "TFV303" / "bad_conditional.py", CALL_TF1_CASES, legacy=True)
    assert all(c["error"].startswith("Dimensions must be equal") for c in bad.out.values()), bad.out
    fixed = run_program(TESTDATA / "TFV303" / "fixed_conditional.py", CALL_TF1_CASES, legacy=True)
    assert _kernels(fixed.out["case_dropout_when_training"]) == [
        "rnn/multi_rnn_cell/cell_0/lstm_cell/kernel:0",
        "rnn/multi_rnn_cell/cell_1/lstm_cell/kernel:0",
    ]
    # `[lstm_cell for _ in range(layers)]`: the comprehension calls the helper, one cell per pass
    assert _kernels(fixed.out["case_comprehension_of_one_cell"]) == [
        "rnn/multi_rnn_cell/cell_0/basic_lstm_cell/kernel:0",
        "rnn/multi_rnn_cell/cell_1/basic_lstm_cell/kernel:0",
    ], fixed.out
    # No fix where the cell is read after the stack: the statements that build it must stay.
    assert fixed.out["case_cell_read_after_the_stack"]["ok"] is False


def test_a_cell_held_as_an_attribute_shares_and_a_second_attribute_gives_the_backward_weights() -> None:
    bad = run_program(TESTDATA / "TFV303" / "bad_attribute.py", CALL_TF1_CASES, legacy=True)
    assert _kernels(bad.out["case_both_directions"]) == [
        "bidirectional_rnn/fw/gru/candidate/kernel:0",
        "bidirectional_rnn/fw/gru/gates/kernel:0",
    ]
    fixed = run_program(TESTDATA / "TFV303" / "fixed_attribute.py", CALL_TF1_CASES, legacy=True)
    assert _kernels(fixed.out["case_both_directions"]) == [
        "bidirectional_rnn/bw/gru/candidate/kernel:0",
        "bidirectional_rnn/bw/gru/gates/kernel:0",
        "bidirectional_rnn/fw/gru/candidate/kernel:0",
        "bidirectional_rnn/fw/gru/gates/kernel:0",
    ]


def test_a_cell_chosen_by_branches_raises_and_make_cell_builds_one_per_layer_on_every_path() -> None:
    """NeuralDialog-CVAE#5: the helper's GRU or LSTM cell (wrapped in dropout or not) stacked as one object
    raises (input size 10 != 6 units). Moved into `make_cell()` and called once per layer, every path builds
    its own cells; a one-layer call still returns the one cell, as before."""
    bad = run_program(TESTDATA / "TFV303" / "bad_branches.py", CALL_TF1_CASES, legacy=True)
    for name in ("case_gru_stack", "case_lstm_stack_with_dropout", "case_deep_gru"):
        assert bad.out[name]["ok"] is False and "Dimensions must be equal" in bad.out[name]["error"], bad.out
    fixed = run_program(TESTDATA / "TFV303" / "fixed_branches.py", CALL_TF1_CASES, legacy=True)
    assert all(c["ok"] for c in fixed.out.values()), fixed.out
    assert _kernels(fixed.out["case_gru_stack"]) == [
        f"rnn/multi_rnn_cell/cell_{i}/gru_cell/{part}/kernel:0" for i in (0, 1) for part in ("candidate", "gates")
    ]
    assert _kernels(fixed.out["case_lstm_stack_with_dropout"]) == [
        f"rnn/multi_rnn_cell/cell_{i}/lstm_cell/kernel:0" for i in (0, 1)
    ]
    assert _kernels(fixed.out["case_deep_gru"]) == _kernels(fixed.out["case_gru_stack"])
    # one layer: no stack, the one cell, the same variables as the original makes
    assert fixed.out["case_one_lstm_layer"] == bad.out["case_one_lstm_layer"]
    assert _kernels(fixed.out["case_one_lstm_layer"]) == ["rnn/lstm_cell/kernel:0"]


def test_a_cell_from_a_method_or_two_paths_raises_and_make_cell_builds_one_per_layer() -> None:
    """tensorflow/models#2868: the cell comes from a method returning a fresh BasicLSTMCell, is wrapped under a
    condition and the stack rebinds its name; #934: a GRU or, if asked, an LSTM, read by the one-layer path as
    `cell = single_cell`. Shared, every stack raises (input size 3 != 4 units); moved into `make_cell()` each
    layer builds its own, and the one-layer path makes the same variables as before."""
    bad = run_program(TESTDATA / "TFV303" / "bad_factory.py", CALL_TF1_CASES, legacy=True)
    fixed = run_program(TESTDATA / "TFV303" / "fixed_factory.py", CALL_TF1_CASES, legacy=True)
    stacks = ("case_method_cell_rebound", "case_gru_stack", "case_lstm_stack")
    for name in stacks:
        assert bad.out[name]["ok"] is False and "Dimensions must be equal" in bad.out[name]["error"], bad.out
        assert fixed.out[name]["ok"] is True, fixed.out
    lstm = [f"rnn/multi_rnn_cell/cell_{i}/basic_lstm_cell/kernel:0" for i in (0, 1)]
    assert _kernels(fixed.out["case_method_cell_rebound"]) == lstm
    assert _kernels(fixed.out["case_lstm_stack"]) == lstm
    assert _kernels(fixed.out["case_gru_stack"]) == [
        f"rnn/multi_rnn_cell/cell_{i}/gru_cell/{part}/kernel:0" for i in (0, 1) for part in ("candidate", "gates")
    ]
    assert fixed.out["case_one_gru_layer"] == bad.out["case_one_gru_layer"]
    one_layer = ["rnn/gru_cell/candidate/kernel:0", "rnn/gru_cell/gates/kernel:0"]
    assert _kernels(fixed.out["case_one_gru_layer"]) == one_layer


def test_two_cells_wrapped_under_one_condition_raise_and_each_gets_its_own_make_cell() -> None:
    """OpenNRE#37: the forward and backward cells are built side by side and wrapped under one `if`; each stack
    repeats its one cell and raises (input size 3 != 4 units). Each cell's lines moved into its own
    `make_<cell>()`, every layer of both directions has its own weights, with and without the dropout."""
    bad = run_program(TESTDATA / "TFV303" / "bad_paired.py", CALL_TF1_CASES, legacy=True)
    fixed = run_program(TESTDATA / "TFV303" / "fixed_paired.py", CALL_TF1_CASES, legacy=True)
    for name in ("case_paired_stacks", "case_paired_stacks_without_dropout"):
        assert bad.out[name]["ok"] is False and "Dimensions must be equal" in bad.out[name]["error"], bad.out
        assert fixed.out[name]["ok"] is True, fixed.out
        assert _kernels(fixed.out[name]) == [
            f"bidirectional_rnn/{way}/multi_rnn_cell/cell_{i}/gru_cell/{part}/kernel:0"
            for way in ("bw", "fw")
            for i in (0, 1)
            for part in ("candidate", "gates")
        ], fixed.out[name]


def test_a_cell_met_again_on_a_later_layer_or_by_a_decoder_raises_and_fresh_cells_build() -> None:
    """One cell run by one RNN call on a second layer (`[cell] * n` through a stacked-bidirectional helper, a
    layer loop) or called directly by a decoder in its own scope: it makes no variables there and runs on the
    first ones, so a wider input raises. Fresh cells, one RNN over several inputs in one scope, a peeled first
    step and a decoder under reuse build."""
    bad = run_program(TESTDATA / "TFV303" / "bad_layers.py", CALL_TF1_CASES, legacy=True)
    mismatch = "Dimensions must be equal, but are {} and 7 for '{{{{node {}/MatMul}}"
    assert bad.out["case_stacked_bidirectional_over_a_repeated_list"]["error"].startswith(
        mismatch.format(12, "lstm_cell")
    )
    assert bad.out["case_layer_loop"]["error"].startswith(mismatch.format(8, "gru_cell"))
    assert bad.out["case_encoder_cell_stepped_by_a_decoder"]["error"].startswith(mismatch.format(12, "gru_cell"))
    fixed = run_program(TESTDATA / "TFV303" / "fixed_layers.py", CALL_TF1_CASES, legacy=True)
    assert _kernels(fixed.out["case_layer_loop"]) == [
        "layer_0/rnn/gru_cell/candidate/kernel:0",
        "layer_0/rnn/gru_cell/gates/kernel:0",
        "layer_1/rnn/gru_cell/candidate/kernel:0",
        "layer_1/rnn/gru_cell/gates/kernel:0",
    ]
    good = run_program(TESTDATA / "TFV303" / "good_layers.py", CALL_TF1_CASES, legacy=True)
    assert all(case["ok"] for case in good.out.values()), good.out
    assert len(_kernels(good.out["case_stacked_bidirectional_fresh_cells"])) == 4
    one = ["rnn/gru_cell/candidate/kernel:0", "rnn/gru_cell/gates/kernel:0"]
    for name in (
        "case_one_rnn_over_several_inputs",
        "case_first_step_peeled_off_the_loop",
        "case_decoder_under_reuse",
    ):
        assert _kernels(good.out[name]) == one, name


def test_the_same_widths_share_the_first_layers_variables_silently(tmp_path: Path) -> None:
    program = tmp_path / "equal_widths.py"
    program.write_text("""
import tensorflow.compat.v1 as tf
tf.disable_eager_execution()

def case_layer_loop_equal_widths():
    tf.reset_default_graph()
    layer = tf.placeholder(tf.float32, [None, 5, 4])
    cell = tf.nn.rnn_cell.GRUCell(4)
    for i in range(2):
        with tf.variable_scope("layer_%d" % i):
            layer, _ = tf.nn.dynamic_rnn(cell, layer, dtype=tf.float32)

def case_decoder_equal_widths():
    tf.reset_default_graph()
    x = tf.placeholder(tf.float32, [2, 5, 4])
    cell = tf.nn.rnn_cell.GRUCell(4)
    _, state = tf.nn.dynamic_rnn(cell, x, dtype=tf.float32)
    with tf.variable_scope("decoder"):
        cell(tf.zeros([2, 4]), state)
""")
    out = run_program(program, CALL_TF1_CASES, legacy=True).out
    assert _kernels(out["case_layer_loop_equal_widths"]) == [
        "layer_0/rnn/gru_cell/candidate/kernel:0",
        "layer_0/rnn/gru_cell/gates/kernel:0",
    ]
    assert _kernels(out["case_decoder_equal_widths"]) == [
        "rnn/gru_cell/candidate/kernel:0",
        "rnn/gru_cell/gates/kernel:0",
    ]
