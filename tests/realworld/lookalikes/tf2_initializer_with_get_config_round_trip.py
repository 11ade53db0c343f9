"""Each tree network's Dense gets a registered custom initializer that returns its data from `get_config`, so load rebuilds it with the data.

Source: https://keras.io/guides/serialization_and_saving/
Shape: class-attribute, loop, container, sequential
Target: keras3
Runtime: runs
"""

import os
import tempfile

import numpy as np
import tensorflow as tf


@tf.keras.utils.register_keras_serializable(package="djinn")
class WBInit(tf.keras.initializers.Initializer):
    def __init__(self, dat):
        self.dat = dat

    def __call__(self, shape, dtype=None):
        return tf.reshape(tf.convert_to_tensor(self.dat, dtype=dtype), shape)

    def get_config(self):
        return {"dat": np.asarray(self.dat).tolist()}


class Forest:
    def __init__(self, ntrees, path):
        self.ntrees = ntrees
        self.path = path
        self.models = {}

    def train(self, x, y):
        for p in range(self.ntrees):
            rng = np.random.default_rng(p)
            model = tf.keras.Sequential(
                [tf.keras.Input((3,)), tf.keras.layers.Dense(2, kernel_initializer=WBInit(rng.normal(size=(3, 2))))]
            )
            model.compile(optimizer="adam", loss="mse")
            model.fit(x, y, epochs=1, verbose=0)
            model.save(os.path.join(self.path, f"tree{p}.keras"))

    def load(self):
        for p in range(self.ntrees):
            self.models[p] = tf.keras.models.load_model(os.path.join(self.path, f"tree{p}.keras"))


forest = Forest(2, tempfile.mkdtemp())
forest.train(np.random.rand(6, 3), np.random.rand(6, 2))
forest.load()

# --- probe ---
init = forest.models[1].layers[0].kernel_initializer
print("TFVARFIX-OK" if np.asarray(init.dat).shape == (3, 2) else "TFVARFIX-BUG")
