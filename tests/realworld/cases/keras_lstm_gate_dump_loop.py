"""A gate-visualisation helper walks model.layers, picks the LSTMs by their repr and reads `layer.kernel` on each.

Source: https://github.com/keras-team/keras/issues/1922
Shape: helper, loop, type-test, sequential
Target: tf_keras
Runtime: raises AttributeError: 'LSTM' object has no attribute 'kernel'
"""

import os

os.environ["TF_USE_LEGACY_KERAS"] = "1"

import numpy as np
import tensorflow as tf
from tensorflow.keras import backend as K


def print_gate_weights(model):
    for layer in model.layers:
        if "LSTM" in str(layer):
            units = layer.units
            kernel = K.get_value(layer.kernel)  # expect: TFV103
            recurrent = K.get_value(layer.recurrent_kernel)  # expect: TFV103
            bias = K.get_value(layer.bias)  # expect: TFV103
            for gate, k in zip("ifco", range(4)):
                sl = slice(k * units, (k + 1) * units)
                print(gate, kernel[:, sl].shape, recurrent[:, sl].shape, bias[sl].shape)


model = tf.keras.Sequential([
    tf.keras.Input((6, 2)),
    tf.keras.layers.LSTM(4, return_sequences=True),
    tf.keras.layers.LSTM(3),
    tf.keras.layers.Dense(1),
])
model.predict(np.zeros((1, 6, 2), "float32"), verbose=0)
print_gate_weights(model)
