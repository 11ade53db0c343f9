"""keras-ocr's Keras 3 fix for the spatial-transformer localization head: the last `Dense` gets its identity start from `tf.constant_initializer` for the kernel (zeros) and the bias (the flattened 2x3 identity) instead of `weights=[...]`, so the constructor accepts it and the head starts at the identity transform.

Source: https://github.com/faustomorales/keras-ocr/issues/255
Shape: helper, functional, nested-model, conditional, constant-initializer
Target: keras3
Runtime: runs
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
        locnet_y = keras.layers.Dense(
            6,
            kernel_initializer=tf.constant_initializer(np.zeros((64, 6), dtype="float32")),
            bias_initializer=tf.constant_initializer(np.array([[1, 0, 0], [0, 1, 0]], dtype="float32").flatten()),
            name="stn_affine",
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

# --- probe ---
affine = None
for layer in model.layers:
    if isinstance(layer, keras.Model):
        affine = layer.get_layer("stn_affine")
kernel, bias = affine.get_weights()
ok = np.allclose(kernel, 0.0) and np.allclose(bias, [1, 0, 0, 0, 1, 0])
print("TFVARFIX-OK" if ok else "TFVARFIX-BUG")
