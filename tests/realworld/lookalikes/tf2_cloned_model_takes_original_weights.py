"""A cloned model is given the original model's trained weights with `set_weights(original.get_weights())`: values from another model, not constants.

Source: https://github.com/keras-team/keras/issues/16668
Shape: sequential, helper, module
Target: keras3
Runtime: runs
"""

import numpy as np
import keras


def make_model():
    return keras.Sequential([keras.Input((4,)), keras.layers.Dense(3, activation="relu"), keras.layers.Dense(1)])


original_model = make_model()
original_model.compile(optimizer="sgd", loss="mse")
original_model.fit(np.random.rand(8, 4), np.random.rand(8, 1), epochs=1, verbose=0)

cloned_model = keras.models.clone_model(original_model)
cloned_model.set_weights(original_model.get_weights())

# --- probe ---
same = all(np.array_equal(a, b) for a, b in zip(cloned_model.get_weights(), original_model.get_weights()))
print("TFVARFIX-OK" if same else "TFVARFIX-BUG")
