"""A text recognizer's builder starts its spatial-transformer localization head at the identity transform by giving the last `Dense` `weights=[zeros, identity]`; in Keras 3 (what `tensorflow.keras` is in TF 2.16+) the constructor refuses the keyword.

Source: https://github.com/faustomorales/keras-ocr/issues/260
Shape: helper, functional, nested-model, conditional
Target: keras3
Runtime: raises ValueError: Unrecognized keyword arguments passed to Dense
"""

import numpy as np
import tensorflow as tf
from tensorflow import keras


def _transform(inputs):
    locnet_x, locnet_y = inputs
    return locnet_x * tf.reduce_mean(locnet_y)


def build_model(alphabet, height, width, color, filters, rnn_units, dropout, pool_size=2, stn=True):
    inputs = keras.layers.Input((height, width, 3 if color else 1))
    x = keras.layers.Permute((2, 1, 3))(inputs)
    x = keras.layers.Conv2D(filters[0], (3, 3), activation="relu", padding="same", name="conv_1")(x)
    x = keras.layers.MaxPooling2D(pool_size=(pool_size, pool_size), name="pool_1")(x)
    x = keras.layers.Conv2D(filters[1], (3, 3), activation="relu", padding="same", name="conv_2")(x)
    x = keras.layers.MaxPooling2D(pool_size=(pool_size, pool_size), name="pool_2")(x)
    if stn:
        stn_input_output_shape = (width // pool_size**2, height // pool_size**2, filters[1])
        stn_input_layer = keras.layers.Input(shape=stn_input_output_shape)
        locnet_y = keras.layers.Conv2D(16, (5, 5), padding="same", activation="relu")(stn_input_layer)
        locnet_y = keras.layers.Flatten()(locnet_y)
        locnet_y = keras.layers.Dense(64, activation="relu")(locnet_y)
        locnet_y = keras.layers.Dense(  # expect: TFV201
            6,
            weights=[
                np.zeros((64, 6), dtype="float32"),
                np.array([[1, 0, 0], [0, 1, 0]], dtype="float32").flatten(),
            ],
        )(locnet_y)
        localization_net = keras.models.Model(inputs=stn_input_layer, outputs=locnet_y)
        x = keras.layers.Lambda(_transform, output_shape=stn_input_output_shape)([x, localization_net(x)])
    x = keras.layers.Reshape(target_shape=(width // pool_size**2, (height // pool_size**2) * filters[-1]))(x)
    x = keras.layers.Dense(rnn_units[0], activation="relu", name="fc_9")(x)
    x = keras.layers.Dropout(dropout)(x)
    x = keras.layers.Dense(len(alphabet) + 1, activation="softmax", name="fc_12")(x)
    return keras.models.Model(inputs=inputs, outputs=x)


model = build_model("0123456789", height=16, width=32, color=False, filters=(8, 8), rnn_units=(16,), dropout=0.25)
print(model.count_params())
