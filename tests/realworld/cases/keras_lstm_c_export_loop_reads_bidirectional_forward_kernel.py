"""An exporter that writes a model's recurrent weights for a portable C implementation loops over model.layers, tests each layer's type and reads `kernel`/`recurrent_kernel` off each LSTM, and off `forward_layer`/`backward_layer` of a Bidirectional; Keras 3 keeps them on the cell.

Source: https://github.com/keras-team/keras/issues/3088
Shape: loop, type-test, helper, wrapper, sequential
Target: keras3
Runtime: raises AttributeError: 'LSTM' object has no attribute 'kernel'
"""

import numpy as np
import tensorflow as tf
from tensorflow.keras import layers


def write_matrix(out, name, value):
    out.append((name, np.asarray(value).shape))


def export_lstm(out, prefix, lstm):
    write_matrix(out, prefix + "_W", lstm.kernel)  # expect: TFV103
    write_matrix(out, prefix + "_U", lstm.recurrent_kernel)  # expect: TFV103
    write_matrix(out, prefix + "_b", lstm.bias)  # expect: TFV103


def export(model):
    out = []
    for i, layer in enumerate(model.layers):
        if isinstance(layer, layers.Bidirectional):
            export_lstm(out, f"l{i}_fw", layer.forward_layer)
            export_lstm(out, f"l{i}_bw", layer.backward_layer)
        elif isinstance(layer, layers.LSTM):
            export_lstm(out, f"l{i}", layer)
    return out


model = tf.keras.Sequential([
    tf.keras.Input((7, 5)),
    layers.Bidirectional(layers.LSTM(4, return_sequences=True)),
    layers.LSTM(3),
    layers.Dense(1),
])
model.predict(np.zeros((1, 7, 5), "float32"), verbose=0)
print(export(model))
