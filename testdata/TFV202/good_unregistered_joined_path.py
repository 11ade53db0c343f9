# Near miss of bad_unregistered_joined_path.py: the model holding the unregistered layer is saved to
# `os.path.join("models", "offset.keras")`, and the load reads `os.path.join("models", "plain.keras")`, another
# file, which holds built-in layers only.
import os

import keras
import numpy as np


class Offset(keras.layers.Layer):
    def __init__(self, shift=1.0, **kwargs):
        super().__init__(**kwargs)
        self.shift = shift

    def call(self, x):
        return x + self.shift


def save_and_load():
    os.makedirs("models", exist_ok=True)
    inputs = keras.Input((3,))
    model = keras.Model(inputs, keras.layers.Dense(2)(Offset(0.5)(inputs)))
    model.save(os.path.join("models", "offset.keras"))
    plain = keras.Model(inputs, keras.layers.Dense(2)(inputs))
    plain.save(os.path.join("models", "plain.keras"))
    return plain, keras.models.load_model(os.path.join("models", "plain.keras"))
