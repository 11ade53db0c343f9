"""TFV103 under real Keras: every bad case raises the AttributeError; every fixed case reads a real weight."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.fixtures import TESTDATA
from tests.runtime.harness import run_program

pytestmark = pytest.mark.tensorflow

CALL_CASES = """
import keras
for name, case in sorted(ns.items()):
    if name.startswith("case_"):
        try:
            value = case()
            out[name] = {"ok": True, "shape": [int(d) for d in keras.ops.shape(value)]}
        except AttributeError as error:
            out[name] = {"ok": False, "error": str(error)}
"""


@pytest.mark.parametrize("legacy", [False, True], ids=["keras3", "tf_keras"])
def test_bad_cases_raise_and_fixed_cases_run(legacy: bool) -> None:
    bad = run_program(TESTDATA / "TFV103" / "bad.py", CALL_CASES, legacy=legacy)
    fixed = run_program(TESTDATA / "TFV103" / "fixed.py", CALL_CASES, legacy=legacy)
    assert bad.error is None and fixed.error is None
    assert len(bad.out) == 7 and set(bad.out) == set(fixed.out)
    for name, outcome in bad.out.items():
        assert outcome["ok"] is False, name
        assert "object has no attribute" in str(outcome["error"]), name
    assert "'LSTM' object has no attribute 'kernel'" in str(bad.out["case_name_binding"]["error"])
    shapes = {name: outcome["shape"] for name, outcome in fixed.out.items() if outcome["ok"]}
    assert len(shapes) == 7, fixed.out
    assert shapes["case_name_binding"] == [5, 16]
    assert shapes["case_get_layer"] == [4, 12]
    assert shapes["case_layers_index"] == [4]
    assert shapes["case_bidirectional_forward"] == [5, 16]
    assert shapes["case_time_distributed"] == [5, 4]
    assert shapes["case_conv_lstm"] == [3, 3, 2, 8]


def test_unfixable_paths_raise() -> None:
    result = run_program(TESTDATA / "TFV103" / "bad_nofix.py", CALL_CASES)
    assert result.out["case_bidirectional_without_direction"] == {
        "ok": False,
        "error": "'Bidirectional' object has no attribute 'kernel'",
    }
    # The wrapped object is copied by Bidirectional and never built.
    assert result.out["case_wrapped_layer_object"] == {
        "ok": False,
        "error": "'LSTMCell' object has no attribute 'kernel'",
    }


@pytest.mark.parametrize("legacy", [False, True], ids=["keras3", "tf_keras"])
def test_the_generic_rnn_keeps_its_weights_on_its_cell(legacy: bool) -> None:
    bad = run_program(TESTDATA / "TFV103" / "bad_rnn.py", CALL_CASES, legacy=legacy)
    fixed = run_program(TESTDATA / "TFV103" / "fixed_rnn.py", CALL_CASES, legacy=legacy)
    assert bad.out == {
        "case_rnn_of_a_cell": {"ok": False, "error": "'RNN' object has no attribute 'kernel'"},
        "case_rnn_in_a_model": {"ok": False, "error": "'RNN' object has no attribute 'recurrent_kernel'"},
    }, bad
    assert fixed.out == {
        "case_rnn_of_a_cell": {"ok": True, "shape": [5, 16]},
        "case_rnn_in_a_model": {"ok": True, "shape": [6, 18]},
    }, fixed
    stacked = run_program(TESTDATA / "TFV103" / "bad_nofix.py", CALL_CASES, legacy=legacy)
    assert stacked.out["case_rnn_of_stacked_cells"] == {
        "ok": False,
        "error": "'RNN' object has no attribute 'bias'",
    }, stacked


def test_seed_article_example() -> None:
    bad = run_program(TESTDATA / "TFV103" / "bad_seed.py")
    assert bad.error == "AttributeError: 'LSTM' object has no attribute 'kernel'"
    fixed = run_program(
        TESTDATA / "TFV103" / "fixed_seed.py", "out['shape'] = list(ns['initial_kernel_weights'].shape)"
    )
    assert fixed.error is None
    assert fixed.out["shape"] == [1, 256]


STORED = """
import numpy as np
weights = ns["model"].weights  # the model's tracked variables: kernel, recurrent_kernel, bias
names = [w.name.split("/")[-1].split(":")[0] for w in weights]
out["tracked_bias"] = np.asarray(weights[names.index("bias")]).tolist()
out["tracked_kernel_mean"] = float(np.mean(np.asarray(weights[names.index("kernel")])))
out["weights"] = len(weights)
"""


def test_a_store_on_the_layer_changes_nothing_and_the_assign_gives_the_weight_its_value(
    tmp_path: Path,
) -> None:
    """`encoder.bias = ...` on a built LSTM raises nothing and leaves the model's bias as it was; the fix
    assigns into the cell's weight. The old fix, `encoder.cell.bias = ...`, rebinds an attribute and leaves
    the tracked weight unchanged too."""
    bad = run_program(TESTDATA / "TFV103" / "bad_store.py", STORED)
    fixed = run_program(TESTDATA / "TFV103" / "fixed_store.py", STORED)
    assert bad.error is None and fixed.error is None, (bad.error, fixed.error)
    unit_forget = [0.0, 0.0, 1.0, 1.0, 0.0, 0.0, 0.0, 0.0]
    assert bad.out["tracked_bias"] == unit_forget and bad.out["tracked_kernel_mean"] != 0.5
    assert fixed.out["tracked_bias"] == [1.0] * 8 and fixed.out["tracked_kernel_mean"] == 0.5
    assert bad.out["weights"] == fixed.out["weights"] == 3
    text = (TESTDATA / "TFV103" / "bad_store.py").read_text()
    rebound = tmp_path / "rebound.py"
    rebound.write_text(
        text.replace("encoder.bias =", "encoder.cell.bias =").replace(
            "encoder.kernel =", "encoder.cell.kernel ="
        )
    )
    old = run_program(rebound, STORED)
    assert old.error is None and old.out["tracked_bias"] == unit_forget and old.out["weights"] == 3


def test_a_held_rnn_that_bidirectional_copied_raises_and_the_fix_reads_the_copy() -> None:
    from tests.runtime.harness import RUN_CASES

    bad = run_program(TESTDATA / "TFV103" / "bad_copied.py", RUN_CASES)
    fixed = run_program(TESTDATA / "TFV103" / "fixed_copied.py", RUN_CASES)
    assert bad.out["case_penalty"]["ok"] is False
    assert bad.out["case_penalty"]["error"].startswith("AttributeError:")
    assert "kernel" in bad.out["case_penalty"]["error"]
    # The fixed penalty is the one of the weights the wrapper trains.
    assert fixed.out["case_penalty"] == {"ok": True, "value": True}


def test_a_helper_given_the_layer_raises_and_the_fix_reads_the_cell() -> None:
    """`layer.recurrent_kernel` in a helper every call of which passes an RNN layer raises; the fix reads the
    cell's weight. The helper that is also given a layer the analysis does not follow keeps its read (withheld)
    and still raises on the LSTM."""
    bad = run_program(TESTDATA / "TFV103" / "bad_parameter.py", CALL_CASES)
    fixed = run_program(TESTDATA / "TFV103" / "fixed_parameter.py", CALL_CASES)
    assert bad.error is None and fixed.error is None
    assert bad.out["case_helper_gets_the_gru"] == {
        "ok": False,
        "error": "'GRU' object has no attribute 'recurrent_kernel'",
    }
    assert bad.out["case_helper_gets_two_rnns"] == {
        "ok": False,
        "error": "'LSTM' object has no attribute 'kernel'",
    }
    assert fixed.out["case_helper_gets_the_gru"] == {"ok": True, "shape": [3, 3, 3]}  # three gates of (3, 3)
    assert fixed.out["case_helper_gets_two_rnns"] == {"ok": True, "shape": [11, 16]}
    withheld = {"ok": False, "error": "'LSTM' object has no attribute 'bias'"}
    assert (
        bad.out["case_helper_gets_an_unknown_layer"]
        == fixed.out["case_helper_gets_an_unknown_layer"]
        == withheld
    )


def test_a_loop_over_mixed_layers_raises_on_the_lstm_pass() -> None:
    """keras-adamw#32's shape: `getattr(layer, "kernel_regularizer", None)` is the LSTM's own (it forwards its
    cell's), so the loop reaches `layer.kernel` on the LSTM and raises; without a regularizer on the LSTM, or
    reading the cell where there is one, the loop runs."""
    from tests.runtime.harness import RUN_CASES

    bad = run_program(TESTDATA / "TFV103" / "bad_mixed_loop.py", RUN_CASES)
    good = run_program(TESTDATA / "TFV103" / "good_mixed_loop.py", RUN_CASES)
    assert bad.out["case_lstm_then_dense"]["ok"] is False
    assert "'LSTM' object has no attribute 'kernel'" in bad.out["case_lstm_then_dense"]["error"]
    unregularized = good.out["case_unregularized_lstm"]
    assert unregularized["ok"] is True and list(unregularized["value"].values()) == [0.0001], good.out
    paths = good.out["case_cell_where_there_is_one"]["value"]
    assert [p.split("/", 1)[1] for p in paths] == ["lstm/lstm_cell/kernel", "dense/kernel"], good.out
    # The fix, getattr(layer, "cell", layer).kernel: the LSTM's cell kernel, the Dense's own, both decays kept.
    fixed = run_program(TESTDATA / "TFV103" / "fixed_mixed_loop.py", RUN_CASES)
    decays = fixed.out["case_lstm_then_dense"]
    assert decays["ok"] is True, fixed.out
    assert [p.split("/", 1)[1] for p in decays["value"]] == ["lstm/lstm_cell/kernel", "dense/kernel"], fixed.out
    assert list(decays["value"].values()) == [0.0001, 0.0001]


@pytest.mark.parametrize("legacy", [False, True], ids=["keras3", "tf_keras"])
def test_getattr_and_setattr_of_a_constant_name_raise_or_do_nothing_and_the_fixes_read_and_assign_the_cell(
    legacy: bool,
) -> None:
    """`getattr(lstm, "kernel")` raises as `lstm.kernel` does, also in a loop over the weights' names; the fix
    reads `getattr(lstm.cell, ...)`. `setattr(lstm, "bias", v)` leaves the tracked bias as it was; the fix
    assigns it. The near misses (the cell's weight, a default, hasattr guards, a Dense) run."""
    from tests.runtime.harness import RUN_CASES

    bad = run_program(TESTDATA / "TFV103" / "bad_getattr.py", RUN_CASES, legacy=legacy)
    fixed = run_program(TESTDATA / "TFV103" / "fixed_getattr.py", RUN_CASES, legacy=legacy)
    good = run_program(TESTDATA / "TFV103" / "good_getattr.py", RUN_CASES, legacy=legacy)
    assert bad.error is None and fixed.error is None and good.error is None
    for name in ("case_getattr_after_build", "case_getattr_on_get_layer", "case_dump_gate_weights"):
        assert bad.out[name]["ok"] is False and "object has no attribute" in bad.out[name]["error"], name
    assert "'GRU' object has no attribute 'kernel'" in bad.out["case_dump_gate_weights"]["error"]
    unit_forget = [0.0, 0.0, 1.0, 1.0, 0.0, 0.0, 0.0, 0.0]
    assert bad.out["case_setattr_bias"] == {"ok": True, "value": unit_forget}
    assert fixed.out == {
        "case_getattr_after_build": {"ok": True, "value": [5, 16]},
        "case_getattr_on_get_layer": {"ok": True, "value": [4, 16]},
        "case_dump_gate_weights": {
            "ok": True,
            "value": {"kernel": [5, 6], "recurrent_kernel": [2, 6], "bias": [2, 6]},
        },
        "case_setattr_bias": {"ok": True, "value": [1.0] * 8},
    }
    assert all(outcome["ok"] for outcome in good.out.values()), good.out


CELL_CASES = """
import inspect
for name, case in sorted(ns.items()):
    if inspect.isfunction(case) and case.__module__ == ns.get("__name__") and not name.startswith("_"):
        try:
            case(*[None] * len(inspect.signature(case).parameters))
            out[name] = {"ok": True}
        except AttributeError as error:
            out[name] = {"ok": False, "error": str(error)}
"""


@pytest.mark.parametrize("legacy", [False, True], ids=["keras3", "tf_keras"])
def test_cell_on_a_layer_without_one_raises(legacy: bool) -> None:
    """Only the recurrent layers have `.cell`: the bad cases raise on it, the good ones (guards, RNNs) run."""
    bad = run_program(TESTDATA / "TFV103" / "bad_cell.py", CELL_CASES, legacy=legacy)
    good = run_program(TESTDATA / "TFV103" / "good_cell.py", CELL_CASES, legacy=legacy)
    assert bad.error is None and good.error is None
    assert len(bad.out) == 4, bad.out
    for name, outcome in bad.out.items():
        assert outcome["ok"] is False, name
        assert "object has no attribute 'cell'" in str(outcome["error"]), (name, outcome)
    assert "'TimeDistributed' object" in str(bad.out["case_helper_dispatch_by_hasattr"]["error"])
    assert len(good.out) == 5 and all(outcome["ok"] for outcome in good.out.values()), good.out
