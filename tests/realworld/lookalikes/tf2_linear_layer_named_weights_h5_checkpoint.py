"""The custom-layer guide's `Linear` layer with a `name` for each `add_weight` (the fix the report settles on): under tf_keras the kernel and bias are `linear/w:0` and `linear/b:0`, and the HDF5 checkpoint written during `fit` holds both.

Source: https://github.com/tensorflow/tensorflow/issues/36650
Shape: custom-layer, sequential, fit, callback
Target: tf_keras
Runtime: runs
"""

import os

os.environ["TF_USE_LEGACY_KERAS"] = "1"

import numpy as np
import tensorflow as tf
import tf_keras as keras


class Linear(keras.layers.Layer):
    def __init__(self, units=32, **kwargs):
        super().__init__(**kwargs)
        self.units = units

    def build(self, input_shape):
        self.w = self.add_weight(
            name="w", shape=(input_shape[-1], self.units), initializer="random_normal", trainable=True
        )
        self.b = self.add_weight(name="b", shape=(self.units,), initializer="zeros", trainable=True)

    def call(self, inputs):
        return tf.matmul(inputs, self.w) + self.b


model = keras.Sequential([keras.Input((4,)), Linear(8), keras.layers.Dense(1)])
model.compile(optimizer="adam", loss="mse")
checkpoint = keras.callbacks.ModelCheckpoint("weights.h5", save_weights_only=True)
model.fit(np.random.rand(16, 4), np.random.rand(16, 1), epochs=1, verbose=0, callbacks=[checkpoint])
model.load_weights("weights.h5")
print([w.name for w in model.weights])
