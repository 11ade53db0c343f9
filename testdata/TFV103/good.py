# Near misses: correct paths, non-recurrent layers, shadowed and unknown names, look-alikes from other libraries.
import numpy as np
import torch
from tensorflow import keras

lstm = keras.layers.LSTM(4)
lstm(np.zeros((2, 3, 5), "float32"))
ok_cell = lstm.cell.kernel
dense = keras.layers.Dense(3)
dense(np.zeros((2, 5), "float32"))
ok_dense = dense.kernel
bi = keras.layers.Bidirectional(keras.layers.LSTM(4))
bi(np.zeros((2, 3, 5), "float32"))
ok_bi = bi.forward_layer.cell.kernel
td = keras.layers.TimeDistributed(keras.layers.Dense(4))
ok_td = td.layer.kernel
torch_lstm = torch.nn.LSTM(5, 4)
torch_weights = torch_lstm.weight_ih_l0


def shadowed(lstm):
    return lstm.kernel


def rebound():
    layer = keras.layers.LSTM(4)
    layer = keras.layers.Dense(4)
    return layer.kernel


def either(flag):
    layer = keras.layers.Dense(4)
    if flag:
        layer = keras.layers.LSTM(4)
    return layer.kernel


class Custom(keras.layers.Layer):
    def build(self, input_shape):
        self.kernel = self.add_weight(shape=(input_shape[-1], 3))

    def call(self, x):
        return x @ self.kernel
