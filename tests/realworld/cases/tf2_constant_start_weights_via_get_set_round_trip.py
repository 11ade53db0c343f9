"""Starting weights of 0.75/0.25 are written after compile through a get_weights/set_weights round trip; a model rebuilt from the config starts from glorot again.

Source: https://github.com/keras-team/keras/issues/16539
Shape: sequential, layers-index, module
Target: keras3
Runtime: silent: the chosen start values live only in the edit statement; `Sequential.from_config(model.get_config())` rebuilds the first layer with random kernel and zero bias
"""

import numpy as np
import keras

model = keras.Sequential()
model.add(keras.Input((12,)))
model.add(keras.layers.Dense(10))
model.add(keras.layers.Dense(10))
model.compile(optimizer="sgd", loss="categorical_crossentropy", metrics=["accuracy"])
old_weights, old_bias = model.layers[0].get_weights()
initial_weights = np.ones(old_weights.shape) * 0.75
initial_bias = np.ones(old_bias.shape) * 0.25
model.layers[0].set_weights([initial_weights, initial_bias])  # expect: TFV201

# --- probe ---
rebuilt = keras.Sequential.from_config(model.get_config())
kernel, bias = rebuilt.layers[0].get_weights()
print("TFVARFIX-BUG" if not (np.allclose(kernel, 0.75) and np.allclose(bias, 0.25)) else "TFVARFIX-OK")
