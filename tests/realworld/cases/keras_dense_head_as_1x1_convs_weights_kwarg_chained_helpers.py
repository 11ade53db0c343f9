"""A CNN's trained `Dense` head is re-expressed as 1x1 convolutions by two chained helpers, each building a `Conv2D` from one dense layer with `weights=[kernel.reshape(1, 1, ...), bias]`; that constructor argument is gone from Keras 3's `Conv2D` (only `Embedding` keeps it), so the first helper cannot even make its layer.

Source: https://github.com/keras-team/keras/issues/8099
Shape: helper, parameter, closure, functional, get-layer
Target: keras3
Runtime: raises ValueError: Unrecognized keyword arguments passed to Conv2D
"""

import numpy as np
import keras
from keras import layers


def classifier():
    inputs = keras.Input((8, 8, 3))
    x = layers.Conv2D(16, 3, padding="same", activation="relu", name="conv")(inputs)
    x = layers.GlobalAveragePooling2D(keepdims=True, name="gap")(x)
    x = layers.Flatten()(x)
    x = layers.Dense(32, activation="relu", name="fc1")(x)
    return keras.Model(inputs, layers.Dense(4, activation="softmax", name="fc2")(x))


def make_dense_to_conv(dense):
    kernel, bias = dense.get_weights()

    def dense_to_conv(x):
        conv = layers.Conv2D(  # expect: TFV201
            dense.units,
            (1, 1),
            activation=dense.activation,
            weights=[kernel.reshape((1, 1) + kernel.shape), bias],
            name=dense.name + "_conv",
        )
        return conv(x)

    return dense_to_conv


trained = classifier()
dense_to_conv1 = make_dense_to_conv(trained.get_layer("fc1"))
dense_to_conv2 = make_dense_to_conv(trained.get_layer("fc2"))

la = trained.get_layer("gap").output
la = dense_to_conv1(la)
print(la)
la = dense_to_conv2(la)
print(la)
fully_conv = keras.Model(trained.input, la)
print(fully_conv.predict(np.zeros((1, 8, 8, 3), "float32"), verbose=0).shape)
