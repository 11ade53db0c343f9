"""A hyperparameter search that starts each trial with `keras.utils.clear_session()` and builds a fresh model of unnamed layers: every trial's layers are `dense`, `dense_1` again, but no two of them are ever in one model.

Source: https://keras.io/api/utils/config_utils/#clearsession-function
Shape: loop, helper, sequential, functional
Target: keras3
Runtime: runs
"""

import numpy as np
import keras


def make_model(units):
    inputs = keras.Input((4,))
    hidden = keras.layers.Dense(units, activation="relu")(inputs)
    return keras.Model(inputs, keras.layers.Dense(1)(hidden))


x, y = np.random.rand(8, 4), np.random.rand(8, 1)
scores = {}
for units in (2, 4, 8):
    keras.utils.clear_session()
    model = make_model(units)
    model.compile(optimizer="adam", loss="mse")
    scores[units] = model.fit(x, y, epochs=1, verbose=0).history["loss"][-1]
    assert [layer.name for layer in model.layers][1:] == ["dense", "dense_1"]

keras.backend.clear_session()
best = keras.Sequential([keras.Input((4,)), keras.layers.Dense(min(scores, key=scores.get)), keras.layers.Dense(1)])
assert [layer.name for layer in best.layers] == ["dense", "dense_1"]
