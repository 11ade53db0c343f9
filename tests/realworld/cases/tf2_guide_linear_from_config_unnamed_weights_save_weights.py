"""The custom-layer guide's serializable `Linear` (kernel and bias from `add_weight` without `name`, a `get_config` holding `units`) round-trips its config fine, but after training a functional model built on it, `model.save_weights()` to a TensorFlow checkpoint prefix fails under tf_keras: both weights are named `None`.

Source: https://github.com/tensorflow/tensorflow/issues/26811
Shape: custom-layer, build, get_config, from_config, functional, fit
Target: tf_keras
Runtime: raises AttributeError: 'NoneType' object has no attribute 'replace'
"""

import os

os.environ["TF_USE_LEGACY_KERAS"] = "1"

import numpy as np
import tensorflow as tf
import tf_keras as keras

layers = keras.layers


class Linear(layers.Layer):
    def __init__(self, units=32, **kwargs):
        super(Linear, self).__init__(**kwargs)
        self.units = units

    def build(self, input_shape):
        self.w = self.add_weight(shape=(input_shape[-1], self.units),  # expect: TFV202
                                 initializer="random_normal",
                                 trainable=True)
        self.b = self.add_weight(shape=(self.units,),
                                 initializer="random_normal",
                                 trainable=True)

    def call(self, inputs):
        return tf.matmul(inputs, self.w) + self.b

    def get_config(self):
        config = super(Linear, self).get_config()
        config.update({"units": self.units})
        return config


layer = Linear(10)
config = layer.get_config()
print(config)
new_layer = Linear.from_config(config)

data = np.random.random((64, 10))
labels = np.random.random((64, 10))
inputs = keras.Input(shape=(10,))
x = Linear(10)(inputs)
model = keras.Model(inputs, x)
model.compile(optimizer="adam", loss="mse")
model.fit(data, labels, epochs=1, verbose=0)
model.save_weights("path_to_my_weights")
