"""Reads the gate matrices of an LSTM as `model.layers[0].kernel`, the Keras 2.0 answer; the weights are on the cell.

Source: https://github.com/keras-team/keras/issues/6185
Shape: sequential, layers-index, module
Target: keras3
Runtime: raises AttributeError: 'LSTM' object has no attribute 'kernel'
"""

import keras
import numpy as np

units = 3
model = keras.Sequential([keras.Input((5, 2)), keras.layers.LSTM(units), keras.layers.Dense(1)])
model.compile(optimizer="sgd", loss="mse")
model.fit(np.zeros((4, 5, 2), "float32"), np.zeros((4, 1), "float32"), epochs=1, verbose=0)

layer = model.layers[0]
kernel = keras.ops.convert_to_numpy(layer.kernel)  # expect: TFV103
recurrent_kernel = keras.ops.convert_to_numpy(layer.recurrent_kernel)  # expect: TFV103
W_i, W_f, W_c, W_o = np.split(kernel, 4, axis=1)
U_i, U_f, U_c, U_o = np.split(recurrent_kernel, 4, axis=1)
print(W_f.shape, U_f.shape)
