# Near miss of bad_unregistered.py: the model holding the unregistered layer is saved to "models/offset.keras",
# and the only load reads "models/plain.keras", another file, which holds built-in layers only (measured, Keras
# 3.15: the load succeeds).
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
    model.save("models/offset.keras")
    plain = keras.Model(inputs, keras.layers.Dense(2)(inputs))
    plain.save("models/plain.keras")
    return plain, keras.models.load_model("models/plain.keras")
