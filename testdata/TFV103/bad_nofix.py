# Paths with two candidates (forward or backward): reported, not fixed.
import numpy as np
from tensorflow import keras


def case_bidirectional_without_direction():
    bi = keras.layers.Bidirectional(keras.layers.LSTM(4))
    bi(np.zeros((2, 3, 5), "float32"))
    return bi.kernel  # expect: TFV103


def case_wrapped_layer_object():
    inner = keras.layers.LSTM(4)
    bi = keras.layers.Bidirectional(inner)
    bi(np.zeros((2, 3, 5), "float32"))
    return inner.cell.kernel  # expect: TFV103


def case_rnn_of_stacked_cells():
    cells = keras.layers.StackedRNNCells([keras.layers.LSTMCell(4), keras.layers.LSTMCell(2)])
    rnn = keras.layers.RNN(cells)
    rnn(np.zeros((2, 3, 5), "float32"))
    return rnn.bias  # expect: TFV103
