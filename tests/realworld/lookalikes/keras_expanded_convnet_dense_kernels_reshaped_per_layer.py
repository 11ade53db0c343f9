"""The answer's `makeExpandedConvnet`: it walks a trained patch classifier's layers, copies every convolution as it is, and for each `Dense` after the `Flatten` adds a `Conv2D` (as wide as the incoming feature map for the first, 1x1 after) whose weights are the dense kernel reshaped to the new layer's own kernel shape.

Source: https://github.com/heuritech/convnets-keras/issues/1
Shape: helper, parameter, loop, isinstance, functional, sequential
Target: keras3
Runtime: runs
"""

import numpy as np
import keras
from keras import layers


def make_patchnet(size=32):
    return keras.Sequential(
        [
            keras.Input((size, size, 3)),
            layers.Conv2D(16, 3, activation="relu"),
            layers.MaxPooling2D(),
            layers.Conv2D(32, 3, activation="relu"),
            layers.MaxPooling2D(),
            layers.Flatten(),
            layers.Dense(64, activation="relu"),
            layers.Dense(3, activation="softmax"),
        ]
    )


def make_expanded_convnet(patchnet, input_shape):
    """Same weights, but the dense classifier slides over a bigger input."""
    inputs = keras.Input(input_shape)
    x = inputs
    fmap = None
    for layer in patchnet.layers:
        if isinstance(layer, layers.Conv2D):
            conv = layers.Conv2D(layer.filters, layer.kernel_size, activation=layer.activation)
            x = conv(x)
            conv.set_weights(layer.get_weights())
        elif isinstance(layer, layers.MaxPooling2D):
            x = layers.MaxPooling2D(layer.pool_size)(x)
            fmap = layer.output.shape[1:3]
        elif isinstance(layer, layers.Dense):
            kernel, bias = layer.get_weights()
            size = fmap if fmap is not None else (1, 1)
            conv = layers.Conv2D(layer.units, size, activation=layer.activation)
            x = conv(x)
            conv.set_weights([kernel.reshape(conv.get_weights()[0].shape), bias])
            fmap = None
    return keras.Model(inputs, x)


patchnet = make_patchnet()
expanded = make_expanded_convnet(patchnet, (None, None, 3))
patch = np.random.rand(1, 32, 32, 3).astype("float32")
same = expanded.predict(patch, verbose=0)[0, 0, 0]
assert np.allclose(same, patchnet.predict(patch, verbose=0)[0], atol=1e-5)
print(expanded.predict(np.zeros((1, 64, 64, 3), "float32"), verbose=0).shape)
