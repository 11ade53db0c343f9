"""A helper copies a trained `GRU`'s weights into a fresh `GRUCell` with `set_weights` before the cell has been built, so it has no weights to take them.

Source: https://github.com/tensorflow/tensorflow/issues/51974
Shape: helper, parameter, method
Target: keras3
Runtime: raises ValueError: but the layer was expecting 0 weights
"""

import numpy as np
import tensorflow as tf


class Decoder:
    def get_gru_cell(self, gru):
        gru_cell = tf.keras.layers.GRUCell(gru.units)
        gru_cell.set_weights(gru.get_weights())  # expect: TFV201
        return gru_cell


gru = tf.keras.layers.GRU(4)
gru(np.zeros((2, 3, 5), "float32"))
cell = Decoder().get_gru_cell(gru)
print(len(cell.weights))
