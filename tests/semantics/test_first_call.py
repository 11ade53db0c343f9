"""A layer's first call under Keras 3's default build: `call()` runs once to build (state made then is allowed),
then the call itself runs. Measured, Keras 3.15: a Model without `build` that holds an unbuilt Dense runs its
`call` twice on its first eager call and three times under `predict` or `fit` (the build, then tf.function's
trace and retrace); one that adds layers in `call()` raises `tf.function only supports singleton tf.Variables`
under both, and one that makes its layer under `if self.proj is None:` trains (4 weights)."""

from __future__ import annotations

from textwrap import dedent

import pytest

from tests.fixtures import TESTDATA
from tfvarfix import api

# testdata/TFV402/bad_added.py's Tower (its call() adds layers to a Sequential made in __init__), used by the module
# itself rather than by a function nothing calls.
TOWER = (TESTDATA / "TFV402" / "bad_added.py").read_text(encoding="utf-8").split("\ndef case_fit")[0]


GUARDED = """\
import numpy as np
import keras


class Guarded(keras.Model):
    def __init__(self):
        super().__init__()
        self.d = keras.layers.Dense(2)
        self.proj = None

    def call(self, x):
        if self.proj is None:
            self.proj = keras.layers.Dense(3)
        return self.proj(self.d(x))


model = Guarded()
model.compile(optimizer="sgd", loss="mse")
model.fit(np.ones((4, 3), "float32"), np.ones((4, 3), "float32"), epochs=1, verbose=0)
"""


@pytest.mark.parametrize(
    "use",
    [
        'model.compile(optimizer="sgd", loss="mse")\n'
        'model.fit(np.ones((8, 3), "float32"), np.ones((8, 2), "float32"), epochs=2, verbose=0)',
        'model.predict(np.ones((8, 3), "float32"), verbose=0)',
    ],
)
def test_layers_added_in_call_are_found_when_the_program_itself_trains_the_model(use: str) -> None:
    # The module's own fit/predict ran `call()` once, as the build, and so the function was no longer an entry
    # of its own: the creations were the build's, allowed, and nothing was reported.
    text = f"{TOWER}\nmodel = Tower(4)\n{use}\n"
    result = api.check_source(text, "tower.py")
    found = sorted((d.code, d.range.start.line) for d in result.diagnostics)
    expected = [i + 1 for i, line in enumerate(text.splitlines()) if line.endswith("# expect: TFV402")]
    assert len(expected) == 2 and found == [("TFV402", line) for line in expected]


def test_a_layer_made_once_under_a_guard_is_not_made_by_the_call_itself() -> None:
    result = api.check_source(dedent(GUARDED), "guarded.py")
    assert [d.code for d in result.diagnostics] == []


@pytest.mark.parametrize("built_first", [False, True])
@pytest.mark.parametrize("runner", ["fit", "predict", "evaluate"])
def test_fit_predict_and_evaluate_run_call_again_after_the_build(runner: str, built_first: bool) -> None:
    """Measured, Keras 3.15: a subclassed Model's `call` runs 3 times under `fit`, `predict` or `evaluate` when
    unbuilt and once when an eager call built it first: that run is a later call, where what `call()` makes is
    made again. The message says so whichever function the analysis ran first (it said "on the first call,
    after the build" when the program's own `fit` ran `call()` before it was analysed as an entry)."""
    arguments = {"fit": "x, y, epochs=2, verbose=0", "predict": "x, verbose=0", "evaluate": "x, y, verbose=0"}
    build = "model(x)\n" if built_first else ""
    text = (
        f"{TOWER}\nx, y = np.ones((8, 3), 'float32'), np.ones((8, 2), 'float32')\n"
        f"model = Tower(4)\nmodel.compile(optimizer='sgd', loss='mse')\n{build}model.{runner}({arguments[runner]})\n"
    )
    result = api.check_source(text, "tower.py")
    messages = [d.message for d in result.diagnostics if d.code == "TFV402"]
    assert len(messages) == 2 and all("on every call" in m for m in messages), messages
