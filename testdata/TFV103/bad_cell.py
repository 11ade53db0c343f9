# `.cell` read on a layer that has none: only the recurrent layers (LSTM, GRU, SimpleRNN, ConvLSTM) have one.
# Reported without a fix: what the code meant to read there is the author's to say (keras-adamw#29).
import numpy as np
from tensorflow import keras


def case_time_distributed_dense():
    td = keras.layers.TimeDistributed(keras.layers.Dense(4))
    td(np.zeros((2, 3, 5), "float32"))
    return td.cell  # expect: TFV103


def case_bidirectional():
    bi = keras.layers.Bidirectional(keras.layers.GRU(4))
    return bi.cell.kernel  # expect: TFV103


def case_dense():
    dense = keras.layers.Dense(4)
    return dense.cell  # expect: TFV103


def _rnn_regularized(layer):
    return layer.cell.recurrent_regularizer  # expect: TFV103


def case_helper_dispatch_by_hasattr():
    inputs = keras.Input((3, 5))
    x = keras.layers.LSTM(4, return_sequences=True)(inputs)
    x = keras.layers.TimeDistributed(keras.layers.Dense(2))(x)
    model = keras.Model(inputs, x)
    found = []
    for layer in model.layers:
        if hasattr(layer, "layer") or hasattr(layer, "cell"):
            found.append(_rnn_regularized(layer))
    return found
