"""A transformer's `PositionalEncoding(position, d_model)` layer precomputes its table in `__init__` from helper methods and takes no `**kwargs`; the model saves, but loading calls `PositionalEncoding(**config)` with the base config's `trainable` and `dtype` too, which `__init__` cannot take.

Source: https://github.com/tensorflow/datasets/issues/3175
Shape: custom-layer, method, helper, functional, save-load
Target: keras3
Runtime: raises TypeError: unexpected keyword argument
"""

import numpy as np
import tensorflow as tf
import keras


class PositionalEncoding(keras.layers.Layer):  # expect: TFV202
    def __init__(self, position, d_model):
        super(PositionalEncoding, self).__init__()
        self.pos_encoding = self.positional_encoding(position, d_model)

    def get_angles(self, position, i, d_model):
        angles = 1 / tf.pow(10000, (2 * (i // 2)) / tf.cast(d_model, tf.float32))
        return position * angles

    def positional_encoding(self, position, d_model):
        angle_rads = self.get_angles(
            position=tf.range(position, dtype=tf.float32)[:, tf.newaxis],
            i=tf.range(d_model, dtype=tf.float32)[tf.newaxis, :],
            d_model=d_model,
        )
        sines = tf.math.sin(angle_rads[:, 0::2])
        cosines = tf.math.cos(angle_rads[:, 1::2])
        pos_encoding = tf.concat([sines, cosines], axis=-1)
        return tf.cast(pos_encoding[tf.newaxis, ...], tf.float32)

    def call(self, inputs):
        return inputs + self.pos_encoding[:, : tf.shape(inputs)[1], :]


inputs = keras.Input((10, 8))
x = PositionalEncoding(50, 8)(inputs)
outputs = keras.layers.Dense(2)(x)
model = keras.Model(inputs, outputs)
model.save("newest_model.keras")
model = keras.models.load_model("newest_model.keras", custom_objects={"PositionalEncoding": PositionalEncoding})
print(model.predict(np.zeros((1, 10, 8)), verbose=0).shape)
