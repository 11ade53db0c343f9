# The generic `keras.layers.RNN(cell)` has no weight attributes of its own, whatever its cell (Keras 3, tf_keras):
# `'RNN' object has no attribute 'kernel'`. They are the cell's.
import numpy as np
from tensorflow import keras


def case_rnn_of_a_cell():
    rnn = keras.layers.RNN(keras.layers.LSTMCell(4), name="rnn")
    rnn(np.zeros((2, 3, 5), "float32"))
    return rnn.cell.kernel  # expect: TFV103


def case_rnn_in_a_model():
    model = keras.Sequential([keras.Input((3, 5)), keras.layers.RNN(keras.layers.GRUCell(6), name="gru")])
    return model.get_layer("gru").cell.recurrent_kernel  # expect: TFV103
