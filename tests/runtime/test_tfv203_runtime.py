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
