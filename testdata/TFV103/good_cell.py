# `.cell` where the layer has one, or where its absence is handled: silent.
import numpy as np
from tensorflow import keras


def recurrent_layers():
    lstm = keras.layers.LSTM(4)
    conv = keras.layers.ConvLSTM2D(2, 3)
    rnn = keras.layers.RNN(keras.layers.LSTMCell(4))
    return lstm.cell, conv.cell, rnn.cell


def bidirectional_directions():
    bi = keras.layers.Bidirectional(keras.layers.LSTM(4))
    bi(np.zeros((2, 3, 5), "float32"))
    return bi.forward_layer.cell.kernel, bi.backward_layer.cell


def guarded(model):
    inputs = keras.Input((3, 5))
    x = keras.layers.LSTM(4, return_sequences=True)(inputs)
    x = keras.layers.TimeDistributed(keras.layers.Dense(2))(x)
    model = keras.Model(inputs, x)
    cells = []
    for layer in model.layers:
        if hasattr(layer, "cell"):
            cells.append(layer.cell)
        if isinstance(layer, keras.layers.RNN):
            cells.append(layer.cell)
        cells.append(getattr(layer, "cell", None))
        try:
            cells.append(layer.cell)
        except AttributeError:
            pass
    return cells


def fixed_dispatch(model):
    """keras-adamw after #29: a TimeDistributed of a non-recurrent layer reads the wrapped layer's own."""
    inputs = keras.Input((3, 5))
    x = keras.layers.LSTM(4, return_sequences=True)(inputs)
    x = keras.layers.TimeDistributed(keras.layers.Dense(2))(x)
    model = keras.Model(inputs, x)
    found = []
    for layer in model.layers:
        if hasattr(layer, "cell") or (hasattr(layer, "layer") and hasattr(layer.layer, "cell")):
            found.append(layer.cell.kernel if hasattr(layer, "cell") else layer.layer.cell.kernel)
        elif hasattr(layer, "layer") and not hasattr(layer.layer, "cell"):
            found.append(layer.layer.kernel)
    return found


def store(dense):
    dense = keras.layers.Dense(4)
    dense.cell = None
    return dense
