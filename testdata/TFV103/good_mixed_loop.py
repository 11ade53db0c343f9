# The same loop where no pass reads a recurrent layer's `.kernel`: the LSTM has no regularizer (the guard skips
# it), or the loop reads the cell's kernel where there is a cell.
import keras
from keras import layers, regularizers


def weight_decays(model):
    decays = {}
    for layer in model.layers:
        reg = getattr(layer, "kernel_regularizer", None)
        if reg is not None:
            decays[layer.kernel.path] = float(reg.l2)
    return decays


def case_unregularized_lstm():
    model = keras.Sequential([
        keras.Input((6, 4)),
        layers.LSTM(8),
        layers.Dense(3, kernel_regularizer=regularizers.l2(1e-4)),
    ])
    return weight_decays(model)


def case_cell_where_there_is_one():
    model = keras.Sequential([keras.Input((6, 4)), layers.LSTM(8), layers.Dense(3)])
    return [(layer.cell if hasattr(layer, "cell") else layer).kernel.path for layer in model.layers]
