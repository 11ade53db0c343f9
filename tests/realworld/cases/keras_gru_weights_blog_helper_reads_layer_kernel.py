"""A weight-inspection helper from a blog post reads the input and recurrent matrices of a model's last GRU straight off the layer (`layer.kernel`, `layer.recurrent_kernel`, `layer.bias`) and splits them per gate; in Keras 3 they live on `layer.cell`.

Source: http://dieuwkehupkes.nl/finding-recurrent-network-weights-in-keras-models/
Shape: helper, model.layers[i], sequential, several functions
Target: keras3
Runtime: raises AttributeError: 'GRU' object has no attribute 'kernel'
"""

import numpy as np
import tensorflow as tf
from tensorflow import keras


def build_model(units=4):
    model = keras.Sequential([
        keras.Input((6, 3)),
        keras.layers.Dense(3),
        keras.layers.GRU(units),
    ])
    model.compile(optimizer="adam", loss="mse")
    return model


def split_gates(matrix, units):
    return {gate: matrix[..., i * units:(i + 1) * units] for i, gate in enumerate("zrh")}


def gru_weights(model):
    layer = model.layers[-1]
    units = layer.units
    kernel = keras.ops.convert_to_numpy(layer.kernel)  # expect: TFV103
    recurrent = keras.ops.convert_to_numpy(layer.recurrent_kernel)  # expect: TFV103
    bias = keras.ops.convert_to_numpy(layer.bias)  # expect: TFV103
    return split_gates(kernel, units), split_gates(recurrent, units), bias


model = build_model()
model.fit(np.zeros((4, 6, 3), "float32"), np.zeros((4, 4), "float32"), epochs=1, verbose=0)
w, u, b = gru_weights(model)
print({k: v.shape for k, v in w.items()}, tf.shape(b))
