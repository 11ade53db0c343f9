"""The model module of a chatbot transformer: a `PositionalEncoding` layer whose `get_config` starts from `super().get_config()` (which holds `name`, `trainable`, `dtype`) while its `__init__` takes only `position` and `d_model`, and a `build_transformer` helper that puts it in a functional model.

Source: https://github.com/tensorflow/datasets/issues/3175
Shape: subclassed, helper, functional, two-module
Target: keras3
Runtime: raises TypeError: unexpected keyword argument
"""

import numpy as np
import tensorflow as tf
import keras


@keras.saving.register_keras_serializable(package="chatbot")
class PositionalEncoding(keras.layers.Layer):
    def __init__(self, position, d_model):
        super().__init__()
        self.position = position
        self.d_model = d_model
        self.pos_encoding = self.positional_encoding(position, d_model)

    def get_config(self):  # expect: TFV202
        config = super().get_config()
        config.update({"position": self.position, "d_model": self.d_model})
        return config

    def get_angles(self, position, i, d_model):
        return position / np.power(10000, (2 * (i // 2)) / np.float32(d_model))

    def positional_encoding(self, position, d_model):
        angle_rads = self.get_angles(np.arange(position)[:, None], np.arange(d_model)[None, :], d_model)
        angle_rads[:, 0::2] = np.sin(angle_rads[:, 0::2])
        angle_rads[:, 1::2] = np.cos(angle_rads[:, 1::2])
        return tf.cast(angle_rads[None, ...], tf.float32)

    def call(self, inputs):
        return inputs + self.pos_encoding[:, : tf.shape(inputs)[1], :]


def build_transformer(vocab_size, max_length, d_model):
    inputs = keras.Input((max_length,), dtype="int32")
    x = keras.layers.Embedding(vocab_size, d_model)(inputs)
    x = PositionalEncoding(max_length, d_model)(x)
    x = keras.layers.GlobalAveragePooling1D()(x)
    return keras.Model(inputs, keras.layers.Dense(vocab_size)(x))
