"""The kviz fix: the helper gives each Dense layer of the trained model a bias only when `layer.use_bias` says it has one, so the `use_bias=False` layer gets a one-entry list.

Source: https://github.com/gallettilance/kviz/issues/13
Shape: helper, loop, model-layers, type-test, guard
Target: keras3
Runtime: runs
"""

import numpy as np
import keras
from keras import layers


def scale_dense_weights(model, factor):
    for layer in model.layers:
        if isinstance(layer, layers.Dense):
            w = layer.get_weights()[0]
            if layer.use_bias:
                layer.set_weights([w * factor, np.zeros(layer.units)])
            else:
                layer.set_weights([w * factor])


model = keras.Sequential([
    keras.Input((3,)),
    layers.Dense(4, activation="relu"),
    layers.Dense(2, use_bias=False, activation="sigmoid"),
])
model.compile(optimizer="sgd", loss="binary_crossentropy")
model.fit(np.random.rand(8, 3), np.random.randint(0, 2, (8, 2)), epochs=1, verbose=0)
scale_dense_weights(model, 0.5)
assert not model.layers[0].get_weights()[1].any() and len(model.layers[1].get_weights()) == 1
