"""Start values are chosen by hand for the first layer of a `Sequential` model: its kernel and bias are read with `model.layers[0].get_weights()` only for their shapes, replaced by constant 0.75 and 0.25 arrays through `set_weights`, and the model is trained; the values live only in that edit, so a model rebuilt from the config (here `clone_model`) starts from the random initializer instead.

Source: https://github.com/keras-team/tf-keras/issues/609
Shape: sequential, layers-index, get-set-round-trip, module
Target: keras3
Runtime: silent: the 0.75 / 0.25 start values are lost by `keras.models.clone_model(model)`, whose first layer holds a random kernel and a zero bias
"""

import numpy as np
import keras
from keras.layers import Dense
from keras.models import Sequential

model = Sequential()
model.add(keras.Input((784,)))
model.add(Dense(10))
model.add(Dense(10))
model.compile(loss="categorical_crossentropy", metrics=["accuracy"])
old_weights, old_bias = model.layers[0].get_weights()
shape_w = old_weights.shape
initial_weights = np.ones(shape_w) * 0.75
shape_b = old_bias.shape
initial_bias = np.ones(shape_b) * 0.25
model.layers[0].set_weights([initial_weights, initial_bias])  # expect: TFV201

replica = keras.models.clone_model(model)
kernel, bias = replica.layers[0].get_weights()
print(kernel[:2, :3], bias[:3])
if not np.allclose(kernel, 0.75) or not np.allclose(bias, 0.25):
    print("TFVARFIX-BUG: the cloned first layer does not start from the chosen 0.75 / 0.25 values")
