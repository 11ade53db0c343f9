# Weights set on a layer that is certainly not built yet: it has no weights, so the write raises whatever the
# values are (here another layer's, not known at construction). Reported as errors; a copy of another layer's
# weights (`copy.set_weights(source.get_weights())`) is fixed by building the copy first, with the input shape
# the source was built with.
import numpy as np
import tensorflow as tf

X = np.zeros((2, 3, 5), "float32")


class Decoder:
    def cell_like(self, gru):
        cell = tf.keras.layers.GRUCell(gru.units)
        cell.set_weights(gru.get_weights())  # expect: TFV201
        return cell


def case_copy_into_a_fresh_cell():
    gru = tf.keras.layers.GRU(4)
    gru(X)
    cell = Decoder().cell_like(gru)
    return [bool(np.array_equal(a, b)) for a, b in zip(cell.get_weights(), gru.get_weights(), strict=True)]


def copy_dense(source, units):
    target = tf.keras.layers.Dense(units)
    target.set_weights(source.get_weights())  # expect: TFV201
    return target


def case_copy_into_a_fresh_dense():
    source = tf.keras.layers.Dense(3)
    source(np.zeros((1, 4), "float32"))
    target = copy_dense(source, 3)
    return [bool(np.array_equal(a, b)) for a, b in zip(target.get_weights(), source.get_weights(), strict=True)]
