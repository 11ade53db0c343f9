"""A batch-renormalization layer wraps its clipping schedule in `K.variable(...)` inside `call()`; `fit` traces `call` and refuses it.

Source: https://github.com/hellloxiaotian/BRDNet/issues/6
Shape: subclassed, class-attribute, sequential
Target: tf_keras
Runtime: raises ValueError: tf.function only supports singleton tf.Variables created on the first call
"""

import os

os.environ["TF_USE_LEGACY_KERAS"] = "1"

import numpy as np  # noqa: E402
import tensorflow as tf  # noqa: E402
from tensorflow.keras import backend as K  # noqa: E402


class BatchRenormalization(tf.keras.layers.Layer):
    def __init__(self, r_max_value=3.0, t_delta=1e-3, **kwargs):
        super().__init__(**kwargs)
        self.r_max_value = r_max_value
        self.t_delta = t_delta

    def build(self, input_shape):
        dim = input_shape[-1]
        self.gamma = self.add_weight(name="gamma", shape=(dim,), initializer="ones")
        self.beta = self.add_weight(name="beta", shape=(dim,), initializer="zeros")
        self.r_max = self.add_weight(name="r_max", shape=(), initializer="ones", trainable=False)
        self.t = self.add_weight(name="t", shape=(), initializer="zeros", trainable=False)

    def call(self, inputs, training=None):
        mean, var = tf.nn.moments(inputs, axes=[0])
        std = K.sqrt(var + 1e-3)
        r = K.clip(std / (K.sqrt(var) + 1e-3), 1.0 / self.r_max, self.r_max)
        x = (inputs - mean) / std * r
        r_val = K.variable(self.r_max_value / (1 + (self.r_max_value - 1) * np.exp(-1.0)))  # expect: TFV402
        self.add_update([K.update(self.r_max, r_val), K.update_add(self.t, self.t_delta)])
        return self.gamma * x + self.beta


model = tf.keras.Sequential([tf.keras.Input((3,)), BatchRenormalization(), tf.keras.layers.Dense(1)])
model.compile(optimizer="adam", loss="mse")
model.fit(np.random.rand(8, 3), np.random.rand(8, 1), epochs=1, verbose=0)
print("trained")
