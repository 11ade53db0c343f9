"""TFV203 under real Keras: with unit_forget_bias left True the forget gate is 1.0 whatever the initializer
says; after the fix the whole bias holds the initializer's value."""

from __future__ import annotations

import pytest

from tests.fixtures import TESTDATA
from tests.runtime.harness import run_program

pytestmark = pytest.mark.tensorflow

PROBE = """
import numpy as np
out["constant"] = ns["constant"].cell.bias.numpy().tolist()
"""
SEED_PROBE = """
out["bias"] = ns["lstm_layer"].cell.bias.numpy()[60:70].tolist()
"""


@pytest.mark.parametrize("legacy", [False, True], ids=["keras3", "tf_keras"])
def test_forget_gate_is_forced_then_kept(legacy: bool) -> None:
    bad = run_program(TESTDATA / "TFV203" / "bad.py", PROBE, legacy=legacy)
    fixed = run_program(TESTDATA / "TFV203" / "fixed.py", PROBE, legacy=legacy)
    assert bad.error is None and fixed.error is None
    assert bad.out["constant"] == [0.25] * 4 + [1.0] * 4 + [0.25] * 8
    assert fixed.out["constant"] == [0.25] * 16


def test_seed_article_example() -> None:
    bad = run_program(TESTDATA / "TFV203" / "bad_seed.py", SEED_PROBE)
    fixed = run_program(TESTDATA / "TFV203" / "fixed_seed.py", SEED_PROBE)
    assert bad.error is None and fixed.error is None
    assert bad.out["bias"] == [0.25] * 4 + [1.0] * 6
    assert fixed.out["bias"] == [0.25] * 10


def test_real_shapes_forced_then_kept() -> None:
    probe = """
import numpy as np
import tensorflow as tf
ns["stacked"](tf.zeros((1, 2, 3)))
ns["conv"](tf.zeros((1, 2, 5, 5, 1)))
encoder = [layer for layer in ns["model"].layers if type(layer).__name__ == "Encoder"][0]
out["first"] = ns["first"].cell.bias.numpy()[4:8].tolist()
out["cell"] = ns["cells"][0].bias.numpy()[2:4].tolist()
out["conv"] = ns["conv"].cell.bias.numpy()[2:4].tolist()
out["encoder"] = encoder.lstm.cell.bias.numpy()[4:8].tolist()
"""
    bad = run_program(TESTDATA / "TFV203" / "bad_shapes.py", probe)
    fixed = run_program(TESTDATA / "TFV203" / "fixed_shapes.py", probe)
    assert bad.error is None and fixed.error is None, (bad.error, fixed.error)
    assert bad.out == {"first": [1.0] * 4, "cell": [1.0] * 2, "conv": [1.0] * 2, "encoder": [1.0] * 4}
    assert fixed.out["first"] == pytest.approx([0.1] * 4) and fixed.out["conv"] == pytest.approx([0.3] * 2)
    assert fixed.out["encoder"] == [0.5] * 4 and fixed.out["cell"] != [1.0, 1.0]


def test_multiline_calls_forced_then_kept() -> None:
    probe = """
out["stacked"] = ns["model"].layers[0].cell.bias.numpy().tolist()
out["aligned"] = ns["aligned"].cell.bias.numpy().tolist()
"""
    bad = run_program(TESTDATA / "TFV203" / "bad_layout.py", probe)
    fixed = run_program(TESTDATA / "TFV203" / "fixed_layout.py", probe)
    assert bad.error is None and fixed.error is None, (bad.error, fixed.error)
    assert bad.out["stacked"] == [0.25] * 4 + [1.0] * 4 + [0.25] * 8
    assert bad.out["aligned"] == [0.5] * 4 + [1.0] * 4 + [0.5] * 8
    assert fixed.out == {"stacked": [0.25] * 16, "aligned": [0.5] * 16}
