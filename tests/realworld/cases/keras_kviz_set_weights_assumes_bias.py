"""A visualiser's helper rewrites every Dense layer's weights of the trained model with `layer.set_weights([w, b])`, assuming each has a bias; the model's `use_bias=False` layer rejects the two-entry list.

Source: https://github.com/gallettilance/kviz/issues/13
Shape: helper, loop, model-layers, type-test
Target: keras3
Runtime: raises ValueError: but the layer was expecting 1 weights
"""

import numpy as np
import keras
from keras import layers


def scale_dense_weights(model, factor):
    for layer in model.layers:
        if isinstance(layer, layers.Dense):
            w = layer.get_weights()[0]
            b = np.zeros(layer.units)
            layer.set_weights([w * factor, b])  # expect: TFV102


model = keras.Sequential([
    keras.Input((3,)),
    layers.Dense(4, activation="relu"),
    layers.Dense(2, use_bias=False, activation="sigmoid"),
])
model.compile(optimizer="sgd", loss="binary_crossentropy")
model.fit(np.random.rand(8, 3), np.random.randint(0, 2, (8, 2)), epochs=1, verbose=0)
scale_dense_weights(model, 0.5)
