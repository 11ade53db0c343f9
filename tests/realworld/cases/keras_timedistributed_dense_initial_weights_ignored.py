"""A per-timestep linear head is given its starting kernel and bias through `Dense(weights=...)` and wrapped in TimeDistributed; the wrapper builds the Dense itself and the given values never land, so the model starts from random weights.

Source: https://github.com/keras-team/keras/issues/8895
Shape: wrapper, constructor-weights, functional, model.layers[i]
Target: tf_keras
Runtime: silent: model.layers[1].get_weights() holds a random kernel instead of the zeros it was given
"""

import os

os.environ["TF_USE_LEGACY_KERAS"] = "1"

import numpy as np
from tensorflow.keras.layers import Dense, Input, TimeDistributed
from tensorflow.keras.models import Model

inputs = Input(shape=(5, 1))
time_dist_layer = TimeDistributed(Dense(1, weights=[np.zeros((1, 1)), np.ones(1)]))(inputs)  # expect: TFV201
model = Model(inputs, time_dist_layer)

kernel, bias = model.layers[1].get_weights()
print(kernel, bias)

# --- probe ---
if not (np.allclose(kernel, 0.0) and np.allclose(bias, 1.0)):
    print("TFVARFIX-BUG: TimeDistributed kept the initializer's values", kernel.ravel(), bias)
