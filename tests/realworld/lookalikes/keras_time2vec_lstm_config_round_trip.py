"""A `Time2Vec(kernel_size, periodic_activation)` layer without `get_config`, used by a `time2vec_lstm` helper; under tf_keras 2.21 `model.get_config()` derives the layer's config from its constructor arguments and `Model.from_config(..., custom_objects=...)` rebuilds it (the reported NotImplementedError does not reproduce).

Source: https://github.com/email81227/Time2Vec-TensorFlow2/issues/2
Shape: subclassed, helper, functional, parameter
Target: tf_keras
Runtime: runs
"""

import os

os.environ["TF_USE_LEGACY_KERAS"] = "1"

import numpy as np
import tensorflow as tf
from tensorflow.keras import layers


class Time2Vec(layers.Layer):
    def __init__(self, kernel_size, periodic_activation="sin"):
        super().__init__(trainable=True, name="Time2VecLayer_" + periodic_activation.upper())
        self.k = kernel_size
        self.p_activation = periodic_activation

    def build(self, input_shape):
        self.wb = self.add_weight(name="wb", shape=(input_shape[1],), initializer="uniform", trainable=True)
        self.bb = self.add_weight(name="bb", shape=(input_shape[1],), initializer="uniform", trainable=True)
        self.wa = self.add_weight(name="wa", shape=(1, input_shape[1], self.k), initializer="uniform", trainable=True)
        self.ba = self.add_weight(name="ba", shape=(1, input_shape[1], self.k), initializer="uniform", trainable=True)
        super().build(input_shape)

    def call(self, inputs):
        bias = self.wb * inputs + self.bb
        wgts = tf.math.sin(tf.keras.backend.dot(inputs, self.wa) + self.ba)
        return tf.concat([tf.expand_dims(bias, -1), wgts], -1)


def time2vec_lstm(seq_len, units):
    inp = layers.Input(shape=(seq_len,))
    x = Time2Vec(16)(inp)
    x = layers.LSTM(units)(x)
    return tf.keras.Model(inp, layers.Dense(1)(x))


SEQ_LEN = 10
model = time2vec_lstm(SEQ_LEN, 16)
model.compile(loss=tf.keras.losses.mean_squared_error, optimizer=tf.keras.optimizers.Adam(learning_rate=1e-3))
model.fit(np.random.rand(8, SEQ_LEN), np.random.rand(8, 1), epochs=1, verbose=0)
config = model.get_config()
clone = tf.keras.Model.from_config(config, custom_objects={"Time2Vec": Time2Vec})
assert clone.layers[1].k == 16
