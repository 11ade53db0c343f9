"""An accepted answer shows the LSTM gate order by building the layer on a dummy batch, taking its kernel from `lstm.weights[0]` and splitting it into the i, f, c, o blocks; that reads the real, tracked kernel.

Source: https://example-a.com/answer/68860273
Shape: weights-index, split, helper
Target: keras3
Runtime: runs
"""

import numpy as np
import tensorflow as tf
from tensorflow.keras.layers import LSTM


def gate_blocks(layer):
    kernel = layer.weights[0]
    return tf.split(kernel, 4, axis=1)


lstm = LSTM(6)
lstm(np.zeros((2, 3, 5), "float32"))
w_i, w_f, w_c, w_o = gate_blocks(lstm)
print(*(w.shape for w in (w_i, w_f, w_c, w_o)))
assert lstm.weights[0] is lstm.cell.kernel
assert all(tuple(w.shape) == (5, 6) for w in (w_i, w_f, w_c, w_o))
