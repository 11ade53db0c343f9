"""To start a highway transform gate closed, the answer negates its bias through get_weights / edit / set_weights after the build; the model's config still says ones.

Source: https://github.com/keras-team/keras/issues/5399
Shape: functional, layers-index, helper
Target: keras3
Runtime: silent: the negative gate bias exists only in the edit; `keras.models.clone_model(model)` builds the gate with the configured `ones` bias
"""

import numpy as np
import keras


def highway_block(x, units):
    transform = keras.layers.Dense(units, activation="sigmoid", bias_initializer="ones", name="transform_gate")(x)
    hidden = keras.layers.Dense(units, activation="relu")(x)
    carry = keras.layers.Rescaling(-1.0, offset=1.0)(transform)
    return keras.layers.Add()([keras.layers.Multiply()([transform, hidden]), keras.layers.Multiply()([carry, x])])


inputs = keras.Input((5,))
model = keras.Model(inputs, highway_block(inputs, 5))
highway_weights = model.layers[1].get_weights()
highway_weights[1] *= -1.0
model.layers[1].set_weights(highway_weights)  # expect: TFV201
print(model.layers[1].name, model.layers[1].get_weights()[1])

# --- probe ---
clone = keras.models.clone_model(model)
print("TFVARFIX-BUG" if not np.allclose(clone.get_layer("transform_gate").get_weights()[1], -1.0) else "TFVARFIX-OK")
