"""The copy in decomon#141's shape, written without rebinding: the copy is built and takes the trained values with `assign`.

Source: https://github.com/airbus/decomon/pull/141
Shape: helper, parameter, loop, functional
Target: keras3
Runtime: runs
"""

import keras
import numpy as np


def share_weights(original, copy):
    copy.build(original.input.shape)
    copy.kernel.assign(original.kernel)
    copy.bias.assign(original.bias)


inputs = keras.Input((3,))
hidden = keras.layers.Dense(4, activation="relu", name="hidden")
outputs = keras.layers.Dense(1, name="out")(hidden(inputs))
model = keras.Model(inputs, outputs)
model.compile(optimizer="sgd", loss="mse")
model.fit(np.ones((4, 3), "float32"), np.ones((4, 1), "float32"), epochs=1, verbose=0)

for layer in model.layers[1:]:
    clone = keras.layers.Dense(layer.units, name=layer.name + "_decomon")
    share_weights(layer, clone)
    print(np.allclose(keras.ops.convert_to_numpy(clone.kernel), keras.ops.convert_to_numpy(layer.kernel)))
