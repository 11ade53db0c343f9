"""A tree-to-network regressor seeds each Dense with a custom `WB_Init(dat=...)` that has no `get_config`; loading calls it with `dat=None`.

Source: https://github.com/tensorflow/tensorflow/issues/42830
Shape: class-attribute, loop, container, helper, sequential
Target: keras3
Runtime: raises ValueError: Attempt to convert a value (None) with an unsupported type
"""

import os
import tempfile

import numpy as np
import tensorflow as tf


class WB_Init(tf.keras.initializers.Initializer):  # expect: TFV202
    def __init__(self, dat=None):
        self.dat = dat

    def __call__(self, shape, dtype=None):
        return tf.convert_to_tensor(self.dat, dtype=dtype)


class DJINNRegressor:
    def __init__(self, ntrees, model_path):
        self.ntrees = ntrees
        self.model_path = model_path
        self.__models = {}

    def _tree_weights(self, p):
        rng = np.random.default_rng(p)
        return [rng.normal(size=(3, 4)).astype("float32"), rng.normal(size=(4, 1)).astype("float32")]

    def train(self, x, y):
        for p in range(self.ntrees):
            w_hidden, w_out = self._tree_weights(p)
            model = tf.keras.Sequential(
                [
                    tf.keras.Input((3,)),
                    tf.keras.layers.Dense(4, activation="relu", kernel_initializer=WB_Init(dat=w_hidden)),
                    tf.keras.layers.Dense(1, kernel_initializer=WB_Init(dat=w_out)),
                ]
            )
            model.compile(optimizer="adam", loss="mse")
            model.fit(x, y, epochs=1, verbose=0)
            model.save(os.path.join(self.model_path, f"tree{p}.keras"))

    def load_model(self):
        for p in range(self.ntrees):
            path = os.path.join(self.model_path, f"tree{p}.keras")
            self.__models[p] = tf.keras.models.load_model(path, custom_objects={"WB_Init": WB_Init})

    def predict(self, x):
        if not self.__models:
            self.load_model()
        return np.median([m.predict(x, verbose=0) for m in self.__models.values()], axis=0)


x = np.random.rand(6, 3).astype("float32")
y = np.random.rand(6, 1).astype("float32")
regressor = DJINNRegressor(ntrees=2, model_path=tempfile.mkdtemp())
regressor.train(x, y)
print(regressor.predict(x).shape)
