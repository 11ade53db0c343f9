"""The accepted answer on what an LSTM's `kernel` and `recurrent_kernel` hold: the four gate matrices sit side by
side along the second axis, sliced as the cell itself does (`kernel[:, :units]`, `[:, units:2*units]`, ...). A
helper walks `model.layers`, reads each LSTM's weights from its `cell` and returns the per-gate blocks.

Source: https://stackguides.com/questions/55723284/what-is-the-meaning-of-multiple-kernels-in-keras-lstm-layer
Shape: helper, loop, model-layers, isinstance, cell-weights, dict
Target: keras3
Runtime: runs
"""

import numpy as np
import tensorflow as tf
from tensorflow.keras.layers import LSTM, Dense
from tensorflow.keras.models import Sequential

GATES = ("i", "f", "c", "o")


def gate_blocks(layer):
    units = layer.units
    kernel = layer.cell.kernel
    recurrent_kernel = layer.cell.recurrent_kernel
    blocks = {}
    for n, gate in enumerate(GATES):
        blocks["kernel_" + gate] = kernel[:, units * n : units * (n + 1)]
        blocks["recurrent_kernel_" + gate] = recurrent_kernel[:, units * n : units * (n + 1)]
    blocks["bias_f"] = layer.cell.bias[units : units * 2]
    return blocks


def lstm_gates(model):
    found = {}
    for layer in model.layers:
        if isinstance(layer, LSTM):
            found[layer.name] = gate_blocks(layer)
    return found


model = Sequential()
model.add(LSTM(6, return_sequences=True, input_shape=(4, 3), name="lstm_a"))
model.add(LSTM(5, name="lstm_b"))
model.add(Dense(1))
model.compile(optimizer="adam", loss="mse")
model.fit(np.random.rand(8, 4, 3), np.random.rand(8, 1), verbose=0)

gates = lstm_gates(model)
assert sorted(gates) == ["lstm_a", "lstm_b"]
assert tuple(gates["lstm_a"]["kernel_i"].shape) == (3, 6)
assert tuple(gates["lstm_a"]["recurrent_kernel_o"].shape) == (6, 6)
assert tuple(gates["lstm_b"]["kernel_c"].shape) == (6, 5)
kernel, recurrent_kernel, bias = model.layers[1].get_weights()
assert np.allclose(np.asarray(gates["lstm_b"]["kernel_f"]), kernel[:, 5:10])
assert np.allclose(np.asarray(gates["lstm_b"]["bias_f"]), bias[5:10])
print({name: tuple(tf.shape(b["kernel_i"]).numpy()) for name, b in gates.items()})
