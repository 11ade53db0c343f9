"""verify picks each file's environment from the file's facts and seeds without breaking unseeded programs
(issue 14, environment): real TensorFlow, CPU."""

from __future__ import annotations

from collections.abc import Iterator

import numpy as np
import pytest

from tests.runtime.harness import require_tensorflow
from tfvarfix.verify import Environment, Options, Pool, verify_text
from tfvarfix.verify.core import keras_of, run_program

pytestmark = pytest.mark.tensorflow

TF1_UNSEEDED = """\
import tensorflow.compat.v1 as tf
tf.disable_eager_execution()
noise = tf.random.normal([2, 2])
x = tf.placeholder(tf.float32, [None, 3])
w = tf.get_variable("w", [3, 3])
h = tf.layers.dense(tf.matmul(x, w), 4, name="d")
o = tf.layers.dense(h, 4, name="d")
with tf.Session() as session:
    session.run(tf.global_variables_initializer())
    print(session.run(noise).round(6).tolist())
"""

NON_DETERMINISTIC_GENERATOR = """\
import tensorflow as tf
g = tf.random.Generator.from_non_deterministic_state()
drawn = g.normal([3])
l = tf.keras.layers.LSTM(2)
l(tf.zeros((1, 2, 3)))
k = l.kernel
"""

TF_KERAS = """\
import os
os.environ["TF_USE_LEGACY_KERAS"] = "1"
import tensorflow as tf
m = tf.keras.Sequential([tf.keras.layers.Dense(2, name="d"), tf.keras.layers.Dense(2, name="d")])
m.build((None, 3))
flavor = type(m).__module__.split(".")[0]
print(flavor)
"""

READS_ENV = """\
import os
import tensorflow as tf
print(os.environ.get("TFVARFIX_LEAK"))
l = tf.keras.layers.LSTM(2)
l(tf.zeros((1, 2, 3)))
k = l.kernel
"""

SETS_ENV = READS_ENV.replace("print(", "os.environ['TFVARFIX_LEAK'] = 'yes'\nprint(", 1)


@pytest.fixture(scope="module")
def pool() -> Iterator[Pool]:
    require_tensorflow()
    with Pool() as warm:
        yield warm


def test_the_file_says_which_keras() -> None:
    assert keras_of("import tf_keras\n")[0]
    assert keras_of("import os\nos.environ['TF_USE_LEGACY_KERAS'] = '1'\n")[0]
    assert keras_of("import tensorflow.compat.v1 as tf\ntf.disable_v2_behavior()\n")[0]
    assert not keras_of("import tensorflow as tf\nm = tf.keras.Sequential()\n")[0]
    assert keras_of("import tensorflow as tf\nm = tf.keras.Sequential()\n", keras_version=2)[0]
    assert keras_of("import keras\n", legacy_flag=True)[0]


def test_unseeded_graph_mode_random_ops_run_and_agree(pool: Pool) -> None:
    # Before: op determinism made `tf.random.normal` raise "Random ops require a seed" in both runs.
    verification = verify_text(TF1_UNSEEDED, "tf1.py", Options(), pool, unsafe=True)
    assert verification.status == "verified", [f.reason for f in verification.fixes]
    assert verification.original is not None and verification.rewritten is not None
    assert "Variable d/kernel already exists" in (verification.original.error or "")
    assert "tf_keras" in verification.environment and "graph-level seed" in verification.environment
    assert "TF1 graph mode" in verification.environment
    # The graph seed makes the unseeded draw the same in both runs.
    assert verification.original.stdout == ""  # the original raised before the print
    assert verification.rewritten.stdout.startswith("[[")
    again = verify_text(TF1_UNSEEDED, "tf1.py", Options(), pool, unsafe=True)
    assert again.rewritten is not None and again.rewritten.stdout == verification.rewritten.stdout


def test_non_deterministic_generator_is_seeded(pool: Pool) -> None:
    verification = verify_text(NON_DETERMINISTIC_GENERATOR, "gen.py", Options(), pool)
    assert verification.status == "verified", [f.reason for f in verification.fixes]
    drawn = [r for r in verification.rows if r.label == "drawn"]
    assert drawn and drawn[0].verdict == "identical"  # both runs drew the same numbers
    assert verification.environment.startswith("Keras 3")


def test_a_tf_keras_file_runs_under_tf_keras(pool: Pool) -> None:
    verification = verify_text(TF_KERAS, "legacy.py", Options(), pool, unsafe=True)
    assert verification.status == "verified", [f.reason for f in verification.fixes]
    assert verification.rewritten is not None and verification.rewritten.stdout == "tf_keras\n"
    assert verification.environment.startswith("tf_keras (the file sets TF_USE_LEGACY_KERAS)")


def test_a_warm_worker_does_not_keep_the_previous_files_environ(pool: Pool) -> None:
    first = verify_text(SETS_ENV, "sets.py", Options(), pool)
    assert first.original is not None and first.original.stdout == "yes\n"
    second = verify_text(READS_ENV, "reads.py", Options(), pool)
    assert second.original is not None and second.original.stdout == "None\n"


TF1_SESSION = """\
import tensorflow.compat.v1 as tf
tf.disable_eager_execution()
{first}w = tf.get_variable("w", [2], initializer=tf.zeros_initializer())
b = tf.get_variable("b", [3])
with tf.Session() as session:
    session.run(tf.global_variables_initializer())
    session.run(w.assign([1.5, 2.5]))
"""


def _graph_run(pool: Pool, text: str) -> dict[tuple[str, str], np.ndarray]:
    """(label, variable) -> value of what a TF1 run collected: `<graph>` initial values, `<session>` values."""
    outcome = run_program(
        pool, Environment(legacy_keras=True), text, "tf1.py", Options(), {}, False, None, []
    )
    assert outcome.status == "ok" and outcome.result["module_error"] is None, outcome.message
    return {
        (obj["label"], weight["path"]): outcome.arrays[weight["array"]]
        for obj in outcome.result["objects"]
        if obj["kind"] in ("graph", "session")
        for weight in obj["weights"]
        if "array" in weight
    }


def test_tf1_values_come_from_the_session_and_seeds_from_name_scopes(pool: Pool) -> None:
    plain = _graph_run(pool, TF1_SESSION.format(first=""))
    # What the session held as it closed (after the assign), and the initial values a fresh session gives.
    assert plain[("<session>", "w")].tolist() == [1.5, 2.5]
    assert plain[("<graph>", "w")].tolist() == [0.0, 0.0]
    # One more unseeded variable made first moves no other variable's initial value (TF's own op seeds count the
    # random ops before: `b` would draw other numbers).
    more = _graph_run(pool, TF1_SESSION.format(first='a = tf.get_variable("a", [3])\n'))
    assert ("<graph>", "a") in more and ("<graph>", "a") not in plain
    assert np.array_equal(more[("<graph>", "b")], plain[("<graph>", "b")])
    assert not np.array_equal(more[("<graph>", "a")], more[("<graph>", "b")])
