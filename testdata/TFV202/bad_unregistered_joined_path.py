# An unregistered program layer in a model saved to `os.path.join("models", "offset.keras")` and loaded back from
# `os.path.join("models", "offset.keras")` without custom_objects (attention_keras#19 saves and loads
# `os.path.join('..', 'h5.models', 'nmt.h5')`): two joins of the same constant parts are one file.
import os

import keras
import numpy as np


class Offset(keras.layers.Layer):  # expect: TFV202
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
    return model, keras.models.load_model(os.path.join("models", "offset.keras"))


def build():
    inputs = keras.Input((3,))
    return keras.Model(inputs, keras.layers.Dense(2)(Offset(0.5)(inputs)))
