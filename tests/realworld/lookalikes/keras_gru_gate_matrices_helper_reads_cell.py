"""The blog post "Finding recurrent network weights in Keras models" splits a trained GRU's weights into its update, reset and candidate matrices; written for Keras 3, the helper walks `model.layers`, reads the GRU's `cell.kernel` / `cell.recurrent_kernel` / `cell.bias` (a Keras 3 GRU keeps them on its cell) and the Dense head's own `kernel`, and slices them by `units`.

Source: http://dieuwkehupkes.nl/finding-recurrent-network-weights-in-keras-models/
Shape: helper, loop, type-test, sequential, slicing
Target: keras3
Runtime: runs
"""

import numpy as np
import keras
from keras.layers import GRU, Dense


def gate_matrices(model):
    found = {}
    for layer in model.layers:
        if isinstance(layer, GRU):
            units = layer.units
            kernel = layer.cell.kernel.numpy()
            recurrent = layer.cell.recurrent_kernel.numpy()
            bias = layer.cell.bias.numpy()
            for k, gate in enumerate("zrh"):
                cols = slice(k * units, (k + 1) * units)
                found[(layer.name, gate)] = (kernel[:, cols], recurrent[:, cols], bias[..., cols])
        elif isinstance(layer, Dense):
            found[(layer.name, "out")] = (layer.kernel.numpy(), None, layer.bias.numpy())
    return found


model = keras.Sequential([keras.Input((5, 3)), GRU(4, name="gru"), Dense(2, name="head")])
model.compile(optimizer="adam", loss="mse")
model.fit(np.random.rand(6, 5, 3), np.random.rand(6, 2), epochs=1, verbose=0)
matrices = gate_matrices(model)
assert matrices[("gru", "z")][0].shape == (3, 4) and matrices[("gru", "h")][1].shape == (4, 4)
assert matrices[("head", "out")][0].shape == (4, 2)
