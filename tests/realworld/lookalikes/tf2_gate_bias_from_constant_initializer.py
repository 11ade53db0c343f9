"""The highway transform gate starts closed because its `bias_initializer` says -1, so a clone of the model starts the same way.

Source: https://github.com/keras-team/keras/issues/5399
Shape: functional, helper, get-layer
Target: keras3
Runtime: runs
"""

import numpy as np
import keras


def highway_block(x, units):
    gate_init = keras.initializers.Constant(-1.0)
    transform = keras.layers.Dense(units, activation="sigmoid", bias_initializer=gate_init, name="transform_gate")(x)
    hidden = keras.layers.Dense(units, activation="relu")(x)
    carry = keras.layers.Rescaling(-1.0, offset=1.0)(transform)
    return keras.layers.Add()([keras.layers.Multiply()([transform, hidden]), keras.layers.Multiply()([carry, x])])


inputs = keras.Input((5,))
model = keras.Model(inputs, highway_block(inputs, 5))
print(model.get_layer("transform_gate").get_weights()[1])

# --- probe ---
clone = keras.models.clone_model(model)
print("TFVARFIX-OK" if np.allclose(clone.get_layer("transform_gate").get_weights()[1], -1.0) else "TFVARFIX-BUG")
