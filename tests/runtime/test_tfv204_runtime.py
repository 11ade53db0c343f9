"""TFV204 under real Keras: the seed's guard is `256 == 4` for its (1, 256) kernel, so 0.5 is never written; a
guard that holds writes it."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.fixtures import TESTDATA
from tests.runtime.harness import run_program

pytestmark = pytest.mark.tensorflow

SEED_PROBE = """
out["kernel00"] = float(ns["lstm_layer"].cell.kernel[0, 0].numpy())
out["shape"] = list(ns["lstm_layer"].cell.kernel.shape)
"""
PROBE = """
out["bad"] = float(ns["lstm"].cell.kernel[0, 0].numpy())
out["conv"] = float(ns["make_conv"]().kernel.numpy().min())
"""
GOOD_PROBE = """
out["holds"] = float(ns["holds"].cell.kernel[0, 0].numpy())
"""


@pytest.mark.parametrize("legacy", [False, True], ids=["keras3", "tf_keras"])
def test_seed_value_is_never_written(legacy: bool, tmp_path: Path) -> None:
    as_written = run_program(TESTDATA / "TFV204" / "bad_seed.py", legacy=legacy)
    assert as_written.error == "AttributeError: 'LSTM' object has no attribute 'kernel'"
    # With TFV103's `.cell` the seed runs to the end; the kernel is (1, 256) and [0, 0] stays random.
    text = (TESTDATA / "TFV204" / "bad_seed.py").read_text()
    program = tmp_path / "seed_cell.py"
    program.write_text(text.replace("lstm_layer.kernel", "lstm_layer.cell.kernel"))
    seed = run_program(program, SEED_PROBE, legacy=legacy)
    assert seed.error is None
    assert seed.out["shape"] == [1, 256]
    assert seed.out["kernel00"] != 0.5


def test_guard_false_then_true() -> None:
    bad = run_program(TESTDATA / "TFV204" / "bad.py", PROBE)
    good = run_program(TESTDATA / "TFV204" / "good.py", GOOD_PROBE)
    assert bad.error is None and good.error is None
    assert bad.out["bad"] == 0.0 and bad.out["conv"] == 0.0
    assert good.out["holds"] == 0.5


def test_real_shapes_never_and_sometimes_hold() -> None:
    probe = """
out["kernels"] = sorted({float(v) for w in ns[NAME].get_weights() if w.ndim == 2 for v in w.ravel()})
"""
    bad = run_program(TESTDATA / "TFV204" / "bad_shapes.py", probe.replace("NAME", '"model"'))
    odd = run_program(TESTDATA / "TFV204" / "bad_shapes.py", probe.replace("NAME", '"odd"'))
    good = run_program(TESTDATA / "TFV204" / "good_shapes.py", probe.replace("NAME", '"model"'))
    assert bad.error is None and odd.error is None and good.error is None
    assert bad.out["kernels"] == [0.0] and odd.out["kernels"] == [0.0]
    assert good.out["kernels"] == [0.0, 1.0]  # the (4, 4) kernel holds the value, the (4, 2) one does not
