# A helper whose parameter is the layer: `.cell` is inserted where every layer the program passes is recurrent
# (unsafe: a caller in another module could pass a layer that has the weight itself); withheld where a call
# passes a layer the analysis does not know.
import keras
import numpy as np


def gate_blocks(layer):
    units = layer.units
    recurrent = layer.cell.recurrent_kernel.numpy()  # expect: TFV103
    return [recurrent[:, i * units : (i + 1) * units] for i in range(3)]


def case_helper_gets_the_gru():
    model = keras.Sequential([keras.Input((5, 2)), keras.layers.GRU(3, name="gru"), keras.layers.Dense(1)])
    return np.stack(gate_blocks(model.get_layer("gru")))


def kernel_of(layer):
    return layer.cell.kernel  # expect: TFV103


def case_helper_gets_two_rnns():
    lstm = keras.layers.LSTM(4)
    rnn = keras.layers.SimpleRNN(2)
    lstm(np.zeros((1, 3, 5), "float32"))
    rnn(np.zeros((1, 3, 6), "float32"))
    return keras.ops.concatenate([kernel_of(lstm), keras.ops.pad(kernel_of(rnn), [[0, 0], [0, 14]])], axis=0)


def bias_of(layer):
    return layer.bias  # expect: TFV103


def case_helper_gets_an_unknown_layer():
    lstm = keras.layers.LSTM(4)
    lstm(np.zeros((1, 3, 5), "float32"))
    first = bias_of(lstm)
    loaded = keras.layers.deserialize(keras.layers.serialize(keras.layers.Dense(2)))
    loaded.build((None, 3))
    return keras.ops.concatenate([first, bias_of(loaded)], axis=0)
