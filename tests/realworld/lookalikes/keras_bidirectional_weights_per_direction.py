"""A converter reads a Bidirectional LSTM's matrices per direction with forward_layer.get_weights() / backward_layer.get_weights().

Source: https://github.com/onnx/keras-onnx/blob/master/keras2onnx/ke2onnx/bidirectional.py
Shape: helper, parameter, isinstance, sequential, layers-index
Target: keras3
Runtime: runs
"""

import keras
import numpy as np


def convert_bidirectional(op):
    forward_layer = op.forward_layer
    backward_layer = op.backward_layer
    if not isinstance(forward_layer, keras.layers.LSTM):
        raise TypeError("only LSTM")
    hidden_size = forward_layer.units
    W_x = forward_layer.get_weights()[0].T
    W_h = forward_layer.get_weights()[1].T
    W_x_back = backward_layer.get_weights()[0].T
    gates = [W_x[k * hidden_size : (k + 1) * hidden_size] for k in (0, 3, 1, 2)]
    return np.concatenate(gates).shape, W_h.shape, W_x_back.shape


model = keras.Sequential([keras.Input((6, 2)), keras.layers.Bidirectional(keras.layers.LSTM(3)), keras.layers.Dense(1)])
print(convert_bidirectional(model.layers[0]))
