"""A helper sets hand-made weights on a `Dense` before the layer has ever been called, so it has no weights to set yet.

Source: https://github.com/keras-team/keras/issues/7229
Shape: helper, functional, parameter
Target: keras3
Runtime: raises ValueError: but the layer was expecting 0 weights
"""

import numpy as np
import keras


def build_encoder(input_dim, units):
    input_imgs = keras.Input(shape=(input_dim,))
    dense = keras.layers.Dense(units, activation="relu")
    dense.set_weights([np.eye(input_dim, units), np.full(units, 0.1)])  # expect: TFV201
    encoded = dense(input_imgs)
    return keras.Model(input_imgs, encoded)


encoder = build_encoder(6, 4)
print(encoder.layers[-1].get_weights()[1])
