"""A verification wrapper shares a trained Dense layer's weights with its own copy by rebinding `copy.kernel = layer.kernel`; since Keras 3.0.3 `kernel` is a property without a setter.

Source: https://github.com/airbus/decomon/pull/141
Shape: helper, parameter, loop, functional, layers-index
Target: keras3
Runtime: raises AttributeError: property 'kernel' of 'Dense' object has no setter
"""

import keras
import numpy as np


def share_weights(original, copy):
    copy.kernel = original.kernel  # expect: TFV105
    copy.bias = original.bias  # expect: TFV105


inputs = keras.Input((3,))
hidden = keras.layers.Dense(4, activation="relu", name="hidden")
outputs = keras.layers.Dense(1, name="out")(hidden(inputs))
model = keras.Model(inputs, outputs)
model.compile(optimizer="sgd", loss="mse")
model.fit(np.ones((4, 3), "float32"), np.ones((4, 1), "float32"), epochs=1, verbose=0)

for layer in model.layers[1:]:
    clone = keras.layers.Dense(layer.units, name=layer.name + "_decomon")
    share_weights(layer, clone)
