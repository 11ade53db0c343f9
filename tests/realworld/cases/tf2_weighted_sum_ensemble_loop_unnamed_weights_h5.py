"""A `WeightedSum` layer blends the outputs of several models with one learned weight per model, made by `add_weight` in a loop over `n_models` with no `name`: under tf_keras every one of them is `Variable:0` inside the layer, so saving the ensemble to HDF5 cannot write them (two datasets of one name in the layer's group).

Source: https://github.com/tensorflow/tensorflow/issues/51840
Shape: custom-layer, loop, list, helper, functional
Target: tf_keras
Runtime: raises ValueError: name already exists
"""

import os

os.environ["TF_USE_LEGACY_KERAS"] = "1"

import numpy as np
import tensorflow as tf
import tf_keras as krs


class WeightedSum(krs.layers.Layer):
    def __init__(self, n_models=2, **kwargs):
        super().__init__(**kwargs)
        self.n_models = n_models
        self.ensemble_weights = []

    def build(self, input_shape):
        for i in range(self.n_models):
            self.ensemble_weights.append(self.add_weight(shape=(1,), initializer="ones", trainable=True))  # expect: TFV202

    def call(self, inputs):
        normalizer = tf.add_n([w for w in self.ensemble_weights])
        output = tf.zeros_like(inputs[0])
        for i in range(self.n_models):
            output = output + self.ensemble_weights[i] * inputs[i]
        return output / normalizer

    def get_config(self):
        config = super().get_config()
        config.update({"n_models": self.n_models})
        return config


def member(inp, units):
    return krs.layers.Dense(units)(krs.layers.Dense(8, activation="relu")(inp))


inp = krs.Input((4,))
outputs = [member(inp, 1) for _ in range(3)]
ensemble = krs.Model(inp, WeightedSum(n_models=3)(outputs))
ensemble.compile(optimizer="adam", loss="mse")
ensemble.fit(np.random.rand(16, 4), np.random.rand(16, 1), epochs=1, verbose=0)
ensemble.save("ensemble.h5")
