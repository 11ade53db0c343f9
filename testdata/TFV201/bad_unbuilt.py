# Weights set on a layer that is certainly not built yet: it has no weights, so the write raises whatever the
# values are (here another layer's, not known at construction). Reported as errors, without a fix.
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
    return Decoder().cell_like(gru)


def copy_dense(source, units):
    target = tf.keras.layers.Dense(units)
    target.set_weights(source.get_weights())  # expect: TFV201
    return target


def case_copy_into_a_fresh_dense():
    source = tf.keras.layers.Dense(3)
    source(np.zeros((1, 4), "float32"))
    return copy_dense(source, 3)
