"""Loads converted weights layer by layer from a name-keyed store; the bottleneck weights are from a 512-d model, the layer is 128-d.

Source: https://github.com/nyoki-mtl/keras-facenet/issues/10
Shape: loop, container, functional, helper
Target: keras3
Runtime: raises ValueError: Layer Bottleneck weight shape (6, 4) is not compatible with provided weight shape (6, 8)
"""

import keras
import numpy as np


def inception_resnet_stub(classes=4):
    inputs = keras.Input((6,))
    x = keras.layers.Dense(6, activation="relu", name="Conv2d_1a_3x3")(inputs)
    x = keras.layers.Dense(classes, use_bias=False, name="Bottleneck")(x)
    return keras.Model(inputs, x)


# what the tf_to_keras conversion wrote, one entry per layer (the checkpoint had a 512-d bottleneck)
npy_weights = {
    "Conv2d_1a_3x3": [np.zeros((6, 6), "float32"), np.zeros((6,), "float32")],
    "Bottleneck": [np.zeros((6, 8), "float32")],
}

model = inception_resnet_stub(classes=4)
for layer in model.layers:
    if layer.name in npy_weights:
        weights = npy_weights[layer.name]
        layer.set_weights(weights)  # expect: TFV102
