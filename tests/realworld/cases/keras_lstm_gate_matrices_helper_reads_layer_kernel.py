"""To look at the gates of a trained LSTM, the script follows an old answer that says the weights are at `layer.kernel` and `layer.recurrent_kernel`: a helper takes the layer, found by a walk over model.layers, and slices both matrices per gate; in Keras 3 the recurrent layer keeps them on its cell and has no `kernel` attribute.

Source: https://github.com/keras-team/keras/issues/6185
Shape: sequential, layers-loop, isinstance-filter, function-parameter, rnn-weights, gate-slices
Target: keras3
Runtime: raises AttributeError: 'LSTM' object has no attribute 'kernel'
"""

import numpy as np
from keras import layers, models, ops

GATES = ("i", "f", "c", "o")


def gate_matrices(layer):
    units = layer.units
    kernel = ops.convert_to_numpy(layer.kernel)  # expect: TFV103
    recurrent = ops.convert_to_numpy(layer.recurrent_kernel)  # expect: TFV103
    out = {}
    for g, gate in enumerate(GATES):
        out["W_" + gate] = kernel[:, g * units : (g + 1) * units]
        out["U_" + gate] = recurrent[:, g * units : (g + 1) * units]
    return out


model = models.Sequential(
    [layers.Input((6,)), layers.Embedding(30, 5), layers.LSTM(4), layers.Dense(1, activation="sigmoid")]
)
model.compile(optimizer="adam", loss="binary_crossentropy")
model.fit(np.random.randint(0, 30, (16, 6)), np.random.randint(0, 2, (16, 1)), epochs=1, verbose=0)

for layer in model.layers:
    if isinstance(layer, layers.LSTM):
        for name, matrix in gate_matrices(layer).items():
            print(layer.name, name, matrix.shape)
