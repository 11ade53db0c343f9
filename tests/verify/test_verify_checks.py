"""verify's checks catch wrong fixes and pass right ones that other bugs would mask (issue 14, checks): real
TensorFlow, CPU."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.fixtures import TESTDATA
from tests.runtime.harness import require_tensorflow
from tfvarfix import api
from tfvarfix.types import FileResult
from tfvarfix.verify import Options, Pool, verify_text
from tfvarfix.verify.core import printed, verify_result

pytestmark = pytest.mark.tensorflow

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "lstm_weights.py"

REPAIRED = """\
import numpy as np
import tensorflow as tf
l = tf.keras.layers.LSTM(2)
seen = l(np.full((1, 2, 3), 0.5, "float32"))
print("units", l.units)
k = l.kernel
print("done")
"""

EXITS_CLEANLY = REPAIRED + "import sys\nsys.exit(0)\n"

NOTHING_AT_MODULE_LEVEL = """\
import numpy as np
import tensorflow as tf
from tensorflow import keras


def main():
    dense = keras.layers.Dense(2)
    dense.build((None, 3))
    dense.kernel = np.full((3, 2), 2.0, "float32")


main()
"""


@pytest.fixture(scope="module")
def pool() -> Iterator[Pool]:
    require_tensorflow()
    with Pool() as warm:
        yield warm


def _fixed(text: str, path: str = "p.py", unsafe: bool = True) -> tuple[FileResult, FileResult]:
    mode = api.FixMode(apply=True, unsafe=unsafe)
    return api.check_source(text, path, None, mode), api.check_source(text, path)


def _tamper(result: FileResult, old: str, new: str) -> FileResult:
    assert result.fixed_source is not None and old in result.fixed_source
    return dataclasses.replace(result, fixed_source=result.fixed_source.replace(old, new, 1))


def test_the_bundled_example_verifies(pool: Pool) -> None:
    # Safe fixes only: TFV103's rewrite runs on into the TFV104 bug, which it did not fix.
    text = EXAMPLE.read_text()
    safe = verify_text(text, str(EXAMPLE), Options(), pool)
    assert safe.status == "verified", [f.reason for f in safe.fixes]
    assert [f.code for f in safe.fixes] == ["TFV103"]
    assert "stopped at TFV104" in safe.fixes[0].reason
    # Every fix: TFV104's bug is masked in the original by TFV103's, so it is judged alone.
    everything = verify_text(text, str(EXAMPLE), Options(), pool, unsafe=True)
    assert everything.status == "verified", [f.reason for f in everything.fixes]
    by_code = {f.code: f for f in everything.fixes}
    assert by_code.keys() == {"TFV103", "TFV104"}
    assert by_code["TFV104"].reason.startswith("judged alone (TFV103 at line 17")


def test_a_repair_that_computes_something_else_fails(pool: Pool) -> None:
    result, plain = _fixed(REPAIRED)
    right = verify_result(result, plain, Options(), pool)
    assert right.status == "verified", [f.reason for f in right.fixes]
    # The rewrite still runs, but the output both runs have is different.
    changed = verify_result(_tamper(result, '0.5, "float32"', '0.25, "float32"'), plain, Options(), pool)
    assert changed.status == "failed"
    assert "changes what the fix did not mean to" in changed.fixes[0].reason
    assert "seen" in changed.fixes[0].reason
    # ... or it prints something else than the original did before its error.
    reprinted = verify_result(_tamper(result, '"units"', '"width"'), plain, Options(), pool)
    assert reprinted.status == "failed"
    assert "does not print what the original printed ('units 2')" in reprinted.fixes[0].reason


def test_sys_exit_0_is_no_failure(pool: Pool) -> None:
    verification = verify_text(EXITS_CLEANLY, "exits.py", Options(), pool)
    assert verification.status == "verified", [f.reason for f in verification.fixes]
    assert verification.rewritten is not None and verification.rewritten.error == "SystemExit: 0"


def test_nothing_collected_is_its_own_verdict(pool: Pool) -> None:
    # Its models are made in functions that need a folder argument: nothing at module level, no entry to call.
    bad = TESTDATA / "TFV202" / "bad_layers.py"
    verification = verify_text(
        bad.read_text(), str(bad), Options(), pool, codes=frozenset({"TFV202"}), unsafe=True
    )
    assert verification.fixes
    assert verification.status == "nothing collected", [f.reason for f in verification.fixes]
    assert "nothing was collected" in verification.fixes[0].reason
    assert not verification.passed


def test_an_intended_fix_inside_a_function_is_judged_right_after_its_statement(pool: Pool) -> None:
    # Nothing is left at module level, but the rewrite's replacement expression is noted when it runs.
    verification = verify_text(
        NOTHING_AT_MODULE_LEVEL, "main.py", Options(), pool, codes=frozenset({"TFV105"}), unsafe=True
    )
    assert verification.status == "verified", [f.reason for f in verification.fixes]
    assert "right after the rewritten statement" in verification.fixes[0].reason


def test_printed_ignores_progress_and_addresses() -> None:
    text = "Epoch 1/2\n1/1 [====] - 0s 12ms/step - loss: 0.5\r\n<object at 0x7f00deadbeef>\nloss 0.25\n"
    assert printed(text) == ["Epoch 1/2", "<object at 0x…>", "loss 0.25"]


WARM_START = """\
import numpy as np
import tensorflow as tf


class OffsetModel(tf.keras.Model):
    def __init__(self):
        super().__init__()
        self.dense = tf.keras.layers.Dense(1)
        self.y = tf.Variable(0.5, trainable=True, name="y")

    def call(self, x):
        return self.dense(x) + self.y


model = OffsetModel()
model.compile(optimizer=tf.keras.optimizers.SGD(0.1), loss="mse")
model.fit(np.zeros((4, 2), "float32"), np.full((4, 1), 5.0, "float32"), epochs=1, verbose=0)
"""


def test_intended_reads_the_weight_right_after_the_statement(pool: Pool) -> None:
    # Before: the weight was read after fit, when training had moved it off 0.5, and the right fix failed.
    result, plain = _fixed(WARM_START)
    assert result.fixed_source is not None and "add_weight" in result.fixed_source
    verification = verify_result(result, plain, Options(), pool)
    assert verification.status == "verified", [f.reason for f in verification.fixes]
    assert "right after the rewritten statement" in verification.fixes[0].reason
    wrong = verify_result(_tamper(result, "Constant(0.5)", "Constant(0.25)"), plain, Options(), pool)
    assert wrong.status == "failed"


def test_intended_is_the_value_the_original_variable_was_made_with(pool: Pool) -> None:
    # tensorflow#39540: the program assigns the untracked variable after making it. The original's intended value
    # was read at the end of its run (3.0, assigned), the rewrite's right after its statement (0.5), and the
    # right add_weight fix failed with "no weight of the rewrite holds the intended value".
    assigned = WARM_START.replace("model.compile(", "model.y.assign(3.0)\nmodel.compile(", 1)
    result, plain = _fixed(assigned)
    assert result.fixed_source is not None and "add_weight" in result.fixed_source
    verification = verify_result(result, plain, Options(), pool)
    assert verification.status == "verified", [f.reason for f in verification.fixes]
    wrong = verify_result(_tamper(result, "Constant(0.5)", "Constant(3.0)"), plain, Options(), pool)
    assert wrong.status == "failed", [f.reason for f in wrong.fixes]
