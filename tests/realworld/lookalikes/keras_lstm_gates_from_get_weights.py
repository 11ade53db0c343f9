"""The accepted answer: split `model.layers[0].get_weights()` of an LSTM into the i, f, c, o blocks by units.

Source: https://stats.stackexchange.com/questions/558766/how-to-interpret-the-model-weights-extracted-from-tensorflow2-keras-lstm-model
Shape: sequential, layers-index, module
Target: keras3
Runtime: runs
"""

import keras

model = keras.Sequential([keras.Input((10, 10)), keras.layers.LSTM(8), keras.layers.Dense(1)])

units = int(int(model.layers[0].trainable_weights[0].shape[1]) / 4)
W = model.layers[0].get_weights()[0]
U = model.layers[0].get_weights()[1]
b = model.layers[0].get_weights()[2]
W_i, W_f, W_c, W_o = (W[:, k * units : (k + 1) * units] for k in range(4))
U_i, U_f, U_c, U_o = (U[:, k * units : (k + 1) * units] for k in range(4))
b_i, b_f, b_c, b_o = (b[k * units : (k + 1) * units] for k in range(4))
print(units, W_f.shape, U_o.shape, b_c.shape)
