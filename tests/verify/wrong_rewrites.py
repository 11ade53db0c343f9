"""Deliberately wrong rewrites that `verify` must fail: each takes tfvarfix's own rewrite of a program and spoils it
(a changed value, a dropped reset, a renamed weight or scope, another weight read).

    python -m tests.verify.wrong_rewrites      # the catch rate over all of them

`CAUGHT` are those verify fails today (tests/verify/test_verify_wrong_rewrites.py keeps them failing);
`NOT_CAUGHT` are those it still passes. Where the original crashes at the bug, so that the rewrite's new values
have nothing in the original to be compared with, verify judges the fix by what the finding meant: a per-call
reset against the original run eagerly (every tf.function call with its fresh variable, each entry called
twice), an attribute read by the weight name the finding named, a TF1 lookup by the original's graph.
"""

from __future__ import annotations

import dataclasses
import sys
from dataclasses import dataclass
from pathlib import Path

from tests.fixtures import TESTDATA
from tfvarfix import api
from tfvarfix.types import FileResult
from tfvarfix.verify import Options, Pool
from tfvarfix.verify.core import verify_result

ENTRIES = ("case_*", "build")
REALWORLD = Path(__file__).resolve().parents[1] / "realworld" / "cases"

REPAIRED = """\
import numpy as np
import tensorflow as tf
l = tf.keras.layers.LSTM(2)
seen = l(np.full((1, 2, 3), 0.5, "float32"))
print("units", l.units)
k = l.kernel
print("done")
"""

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


@dataclass(frozen=True)
class Wrong:
    name: str
    kind: str  # changed value | dropped reset | renamed weight | other weight
    source: str  # a testdata path (TFVnnn/file.py) or program text
    code: str | None  # the rule whose fix is spoiled (None: every rule)
    old: str
    new: str

    def text(self) -> tuple[str, str]:
        if self.source.startswith("TFV"):
            path = TESTDATA / self.source
            return path.read_text(), str(path)
        return self.source, f"{self.name}.py"


CAUGHT = [
    Wrong("equivalent-initializer-value", "changed value", "TFV201/bad.py", "TFV201", "-1.5", "-1.25"),
    Wrong(
        "intended-assign-value",
        "changed value",
        "TFV101/bad.py",
        "TFV101",
        'enc_kernel.assign(np.full((4, 3), 0.5, "float32"))',
        'enc_kernel.assign(np.full((4, 3), 0.25, "float32"))',
    ),
    Wrong(
        "intended-rebinding-value",
        "changed value",
        "TFV105/bad.py",
        "TFV105",
        'lstm.cell.kernel.assign(np.ones((3, 16), "float32"))',
        'lstm.cell.kernel.assign(np.zeros((3, 16), "float32"))',
    ),
    Wrong("intended-warm-start", "changed value", WARM_START, None, "Constant(0.5)", "Constant(0.25)"),
    Wrong("repairs-input-before-error", "changed value", REPAIRED, None, '0.5, "float32"', '0.25, "float32"'),
    Wrong("repairs-printed-before-error", "changed value", REPAIRED, None, '"units"', '"width"'),
    Wrong(
        "repairs-tf1-scope",
        "renamed weight",
        "TFV302/bad.py",
        "TFV302",
        'tf.get_variable("weights_1", [8]',
        'tf.get_variable("weights", [8]',
    ),
    Wrong(
        "repairs-layer-name",
        "renamed weight",
        "TFV104/bad.py",
        "TFV104",
        'keras.layers.Dense(8, name="hidden_1")',
        'keras.layers.Dense(8, name="hidden")',
    ),
    Wrong(
        "repairs-reads-another-weight",
        "other weight",
        "TFV103/bad.py",
        "TFV103",
        "return lstm.cell.kernel",
        "return lstm.cell.kernel_",
    ),
    Wrong(
        "repairs-dropped-reset",
        "dropped reset",
        "TFV401/bad.py",
        "TFV401",
        "total.assign(0.0)  # expect: TFV401",
        "pass  # expect: TFV401",
    ),
    Wrong(
        "repairs-recurrent-kernel-instead",
        "other weight",
        "TFV103/bad.py",
        "TFV103",
        "return lstm.cell.kernel",
        "return lstm.cell.recurrent_kernel",
    ),
    Wrong(
        "repairs-reset-to-another-value",
        "changed value",
        "TFV401/bad.py",
        "TFV401",
        "scale.assign(2.0)  # expect: TFV401",
        "scale.assign(2.5)  # expect: TFV401",
    ),
    Wrong(
        "intended-tf1-lookup-misses-the-layer",
        "renamed weight",
        "TFV101/bad_tf1.py",
        "TFV101",
        'tf.get_variable("dense/kernel"',
        'tf.get_variable("dense_kernel"',
    ),
    Wrong(
        "repairs-tf1-initial-value",
        "changed value",
        "TFV302/bad.py",
        "TFV302",
        'kernel = tf.get_variable("weights", [3, 8])',
        'kernel = tf.get_variable("weights", [3, 8], initializer=tf.ones_initializer())',
    ),
    Wrong(
        "intended-set-weights-value",
        "changed value",
        (REALWORLD / "tf2_set_weights_on_unbuilt_dense.py").read_text(encoding="utf-8"),
        "TFV201",
        "keras.initializers.Constant(0.1)",
        "keras.initializers.Constant(0.2)",
    ),
]

NOT_CAUGHT: list[Wrong] = []


def spoiled(wrong: Wrong) -> tuple[FileResult, FileResult]:
    """tfvarfix's rewrite with `wrong` applied, and the unfixed check verify compares it against."""
    text, path = wrong.text()
    codes = frozenset({wrong.code}) if wrong.code else None
    result = api.check_source(text, path, codes, api.FixMode(apply=True, unsafe=True))
    assert result.fixed_source is not None and wrong.old in result.fixed_source, wrong.name
    bad = dataclasses.replace(result, fixed_source=result.fixed_source.replace(wrong.old, wrong.new, 1))
    return bad, api.check_source(text, path, codes)


def judged(wrong: Wrong, pool: Pool) -> tuple[str, str]:
    """verify's file status on the spoiled rewrite, and the first failing reason."""
    result, plain = spoiled(wrong)
    verification = verify_result(result, plain, Options(entries=ENTRIES), pool)
    reasons = [f.reason for f in verification.fixes if not f.passed]
    return verification.status, reasons[0] if reasons else ""


def main() -> int:
    caught = 0
    every = CAUGHT + NOT_CAUGHT
    with Pool() as pool:
        for wrong in every:
            status, why = judged(wrong, pool)
            caught += status != "verified"
            print(
                f"{'caught' if status != 'verified' else 'MISSED':<7} {wrong.kind:<15} {wrong.name:<34} {why[:110]}"
            )
    print(f"caught {caught} of {len(every)} wrong rewrites")
    return 0


if __name__ == "__main__":
    sys.exit(main())
