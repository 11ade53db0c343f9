# Rebinding a built layer's weight attribute: Keras 3 keeps tracking the old variable (or refuses, for kernels
# that are properties).
import numpy as np
import tensorflow as tf
from tensorflow import keras


def case_lstm_cell_kernel():
    lstm = keras.layers.LSTM(4, name="rnn")
    lstm(np.zeros((1, 2, 3), "float32"))
    lstm.cell.kernel.assign(np.ones((3, 16), "float32"))  # expect: TFV105
    return lstm, ("cell", "kernel"), np.ones((3, 16), "float32")


def case_dense_bias_through_get_layer():
    model = keras.Sequential([keras.Input((3,)), keras.layers.Dense(4, name="head")])
    model.get_layer("head").bias.assign(np.full((4,), 0.5, "float32"))  # expect: TFV105
    return model.get_layer("head"), ("bias",), np.full((4,), 0.5, "float32")


def case_dense_kernel_property():
    dense = keras.layers.Dense(2)
    dense.build((None, 3))
    dense.kernel.assign(np.full((3, 2), 2.0, "float32"))  # expect: TFV105
    return dense, ("kernel",), np.full((3, 2), 2.0, "float32")
