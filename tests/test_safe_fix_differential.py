"""Safe means behaviour-preserving, proven: generated TF/Keras programs, fixed with the safe fixes only (what
`tfvarfix check --fix` applies), run before and after under real TensorFlow with one seed; what they raise, print,
hold in their layers' weights (by path) and compute on fixed inputs must be the same.

Programs come from tests/tfprograms.py: `runnable_programs()` (weight edits for TFV201, recurrent weights read on
the layer for TFV103, custom objects without `get_config` for TFV202, and the fuzz grammar's programs). An
original that raises for another reason than the bug a fix repairs (the rewrite raises the same) is discarded and
counted; one that raises TFV103's `AttributeError` is compared through its run with Keras 2's attributes; one
that raises what the fix repairs (a load that fails) must print the same up to there. Canary pairs, rewritten by
hand to change a weight, an output, a print, or to crash, run in the same batches and must be found different.

`TFVARFIX_DIFF_EXAMPLES=N` draws N programs at random (default: a fixed slice); `scripts/safe_fix_differential.py`
runs a larger batch and prints the numbers.
"""

from __future__ import annotations

import os

import pytest

from tests import differential
from tests.differential import Pair, Summary, Verdict
from tests.fixtures import TESTDATA
from tests.runtime.harness import require_tensorflow
from tests.tfprograms import runnable_programs
from tfvarfix.api import FixMode, check_source

pytestmark = pytest.mark.tensorflow

_LONG = os.environ.get("TFVARFIX_DIFF_EXAMPLES")
EXAMPLES = int(_LONG) if _LONG else 100

_HEAD = (
    "import tensorflow as tf\nfrom tensorflow import keras\nimport numpy as np\n\n"
    "X = np.linspace(-1.0, 1.0, 8).reshape((2, 4)).astype('float32')\n"
)
_MODEL = (
    _HEAD + "dense = keras.layers.Dense(3, name='dense'{act})\n"
    "model = keras.Sequential([keras.Input((4,)), dense, keras.layers.Dense(2, name='head')])\n"
)
_LSTM = (
    "import tensorflow as tf\nimport keras\nimport numpy as np\n\n"
    "lstm = keras.layers.LSTM(3, name='lstm')\nmodel = keras.Sequential([keras.Input((5, 4)), lstm])\n"
)
_PLAIN = _MODEL.format(act="")

#: (key, original, rewrite, expected verdict, a word the diff must contain)
CANARIES = (
    (
        "weight-and-print",
        _PLAIN + "dense.kernel[0, 0].assign(0.5)\nprint(np.round(model(X).numpy(), 5))\n",
        _PLAIN + "dense.kernel[0, 0].assign(0.25)\nprint(np.round(model(X).numpy(), 5))\n",
        "different",
        "sequential/dense/kernel",
    ),
    (
        "weight-only",
        _PLAIN + "dense.bias.assign(np.ones((3,)))\n",
        _PLAIN + "dense.bias.assign(np.zeros((3,)))\n",
        "different",
        "weight sequential/dense/bias",
    ),
    (
        "output-only",
        _PLAIN,
        _MODEL.format(act=", activation='relu'"),
        "different",
        "outputs on fixed inputs",
    ),
    ("print-only", _PLAIN + "print('a')\n", _PLAIN + "print('b')\n", "different", "printed"),
    (
        "rewrite-crashes",
        _PLAIN + "k = dense.kernel\n",
        _PLAIN + "k = dense.cell.kernel\n",
        "different",
        "AttributeError",
    ),
    (
        "same-program-twice",
        _PLAIN
        + "model.compile(optimizer='sgd', loss='mse')\nmodel.fit(X, np.ones((2, 2)), epochs=2, verbose=0)\n",
        _PLAIN
        + "model.compile(optimizer='sgd', loss='mse')  # a comment\n"
        + "model.fit(X, np.ones((2, 2)), epochs=2, verbose=0)\n",
        "identical",
        "",
    ),
    (
        "keras2-same-weight",
        _LSTM + "k = lstm.kernel\nprint(np.round(np.sum(k.numpy()), 5))\n",
        _LSTM + "k = lstm.cell.kernel\nprint(np.round(np.sum(k.numpy()), 5))\n",
        "identical",
        "",
    ),
    (
        "keras2-other-weight",
        _LSTM + "k = lstm.kernel\nprint(tuple(k.shape))\n",
        _LSTM + "k = lstm.cell.recurrent_kernel\nprint(tuple(k.shape))\n",
        "different",
        "printed",
    ),
    (
        "repaired-other-prints",
        _PLAIN + "print('before')\nraise ValueError('the bug')\n",
        _PLAIN + "print('other')\nprint('after')\n",
        "different",
        "before the original raised",
    ),
    (
        "repaired",
        _PLAIN + "print('before')\nraise ValueError('the bug')\n",
        _PLAIN + "print('before')\nprint('after')\n",
        "repaired",
        "",
    ),
    (
        "raises-the-same",
        _PLAIN + "raise ValueError('another bug')\n",
        _PLAIN + "dense.bias.assign(np.zeros((3,)))\nraise ValueError('another bug')\n",
        "discarded",
        "",
    ),
)


# Found by this test (TFV201 fixes that were safe and changed the weights): a Keras 3 SimpleRNN's cell draws its
# dropout seed before it makes its initializers, so the generated initializer (made before the layer) took that
# draw; an LSTM bias overwritten whole became `Constant(v)`, and `unit_forget_bias` put ones in its forget gate.
SEEDGEN = TESTDATA / "TFV201" / "bad_seedgen.py"
FORGET = TESTDATA / "TFV201" / "bad_forget.py"


def _regression_pairs() -> list[tuple[str, str, str, str, str]]:
    text = SEEDGEN.read_text(encoding="utf-8")
    legacy = text.replace("import keras\n", "import tf_keras as keras\n")
    forget = FORGET.read_text(encoding="utf-8")
    unsafe = check_source(text, "m.py", mode=FixMode(apply=True, unsafe=True)).fixed_source
    safe = check_source(legacy, "m.py", mode=FixMode(apply=True)).fixed_source
    forget_fixed = check_source(forget, "m.py", mode=FixMode(apply=True)).fixed_source
    assert unsafe is not None and safe is not None and forget_fixed is not None
    # Keras 3: the (unsafe) fix changes the kernel; tf_keras draws when the initializer is called: the same.
    return [
        ("seedgen-keras3-unsafe", text, unsafe, "different", "simple_rnn_cell/kernel"),
        ("seedgen-tf-keras-safe", legacy, safe, "identical", ""),
        ("forget-gate-bias", forget, forget_fixed, "identical", ""),
    ]


def test_keras3_simple_rnn_element_edit_is_unsafe() -> None:
    text = SEEDGEN.read_text(encoding="utf-8")
    assert check_source(text, "m.py", mode=FixMode(apply=True)).fixed_source is None
    assert check_source(text, "m.py", mode=FixMode(apply=True, unsafe=True)).fixed_source is not None


@pytest.fixture(scope="module")
def outcome() -> tuple[Summary, list[Verdict]]:
    require_tensorflow()
    programs = differential.draw_programs(runnable_programs(), EXAMPLES, randomize=bool(_LONG))
    canaries = [Pair(f"canary-{key}", a, b) for key, a, b, _, _ in (*CANARIES, *_regression_pairs())]
    return differential.differential(programs, canaries)


def test_safe_fixes_change_nothing(outcome: tuple[Summary, list[Verdict]]) -> None:
    summary, _ = outcome
    different = [v for v in summary.verdicts if v.status == "different"]
    assert not different, (
        "\n".join(summary.lines()) + "\n\n" + "\n\n".join(differential.explain(v) for v in different)
    )


def test_the_programs_exercise_every_safe_fix(outcome: tuple[Summary, list[Verdict]]) -> None:
    """Worth its keep only if most generated programs get safe fixes and run, for each rule with safe fixes."""
    summary, _ = outcome
    compared = summary.count("identical") + summary.count("repaired") + summary.count("different")
    numbers = "\n".join(summary.lines())
    assert summary.fixed >= summary.generated // 4, numbers
    assert compared >= summary.fixed * 3 // 4, numbers
    assert {"TFV103", "TFV201", "TFV202"} <= summary.codes("identical"), numbers
    assert any(v.reference == "keras2" for v in summary.verdicts), numbers


@pytest.mark.parametrize(
    "key, expected, word", [(k, e, w) for k, _, _, e, w in (*CANARIES, *_regression_pairs())]
)
def test_a_changed_program_is_found(
    outcome: tuple[Summary, list[Verdict]], key: str, expected: str, word: str
) -> None:
    _, canaries = outcome
    (found,) = [v for v in canaries if v.pair.key == f"canary-{key}"]
    assert found.status == expected, differential.explain(found)
    assert word in "\n".join(found.diff), found.diff
