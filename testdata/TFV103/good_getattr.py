# Near misses of getattr/setattr/hasattr on recurrent layers: each runs (Keras 3, tf_keras).
import numpy as np
import keras


def case_getattr_of_the_cell():
    lstm = keras.layers.LSTM(4)
    lstm(np.zeros((2, 3, 5), "float32"))
    return getattr(lstm.cell, "kernel").shape.as_list()


def case_name_not_known():
    lstm = keras.layers.LSTM(4)
    lstm(np.zeros((2, 3, 5), "float32"))
    return [getattr(lstm, name) is not None for name in dir(lstm) if name == "kernel"]


def case_getattr_with_a_default():
    # The LSTM has no `kernel`: the default, no error.
    lstm = keras.layers.LSTM(4)
    lstm(np.zeros((2, 3, 5), "float32"))
    return getattr(lstm, "kernel", None) is None


def case_hasattr_guard():
    lstm = keras.layers.LSTM(4)
    lstm(np.zeros((2, 3, 5), "float32"))
    if hasattr(lstm, "kernel"):
        return lstm.kernel.shape.as_list()
    return lstm.cell.kernel.shape.as_list()


def case_hasattr_guard_in_a_loop():
    model = keras.Sequential([keras.Input((3, 5)), keras.layers.LSTM(4), keras.layers.Dense(2)])
    shapes = []
    for layer in model.layers:
        if hasattr(layer, "kernel"):
            shapes.append(layer.kernel.shape.as_list())
        elif not hasattr(layer, "kernel"):
            shapes.append(layer.cell.kernel.shape.as_list())
    return shapes


def case_getattr_dense():
    dense = keras.layers.Dense(3)
    dense(np.zeros((2, 5), "float32"))
    return getattr(dense, "kernel").shape.as_list()
