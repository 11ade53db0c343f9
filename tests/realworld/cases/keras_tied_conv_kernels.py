"""Tries to make a second Conv2D reuse the first one's kernel by assigning the attribute after both are built.

Source: https://github.com/tensorflow/tensorflow/issues/23572
Shape: helper, functional, parameter
Target: keras3
Runtime: raises ValueError: You cannot add new elements of state (variables or sub-layers) to a layer that is already built
"""

import keras


def infer(data_input, name):
    return keras.layers.Conv2D(4, 3, strides=2, padding="same", kernel_initializer="glorot_normal", name=name)


inputs = keras.Input((8, 8, 1))
conv_train = infer(inputs, "conv1")
conv_test = infer(inputs, "conv1_test")
network = conv_train(inputs)
network_test = conv_test(inputs)
conv_test.kernel = conv_train.kernel  # expect: TFV105
model = keras.Model(inputs, [network, network_test])
print(len(model.weights))
