"""A car-damage notebook loads VGG-style conv weights saved in Theano's channels-first kernel order and copies them into a channels-last Keras model with a loop over `zip(model.layers, weight_list)`; each kernel is `(filters, in, kh, kw)` where the layer holds `(kh, kw, in, filters)`.

Source: https://github.com/neokt/car-damage-detective/issues/13
Shape: helper, loop, layers-index, sequential
Target: keras3
Runtime: raises ValueError: not compatible with provided weight shape
"""

import numpy as np
import keras


def build_vgg_top(input_shape=(8, 8, 3)):
    model = keras.Sequential()
    model.add(keras.Input(input_shape))
    model.add(keras.layers.Conv2D(16, (3, 3), activation="relu", padding="same", name="block1_conv1"))
    model.add(keras.layers.Conv2D(16, (3, 3), activation="relu", padding="same", name="block1_conv2"))
    return model


def load_theano_weights():
    # stand-in for the .h5 of the Theano-era model: kernels in (filters, in_channels, kh, kw) order
    return [
        [np.zeros((16, 3, 3, 3), "float32"), np.zeros((16,), "float32")],
        [np.zeros((16, 16, 3, 3), "float32"), np.zeros((16,), "float32")],
    ]


model = build_vgg_top()
weight_list = load_theano_weights()
for layer, weights in zip(model.layers, weight_list):
    layer.set_weights(weights)  # expect: TFV102
