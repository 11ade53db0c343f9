# Near miss of bad_unregistered_tuple_output.py: the model holding the unregistered two-output layer is made
# but never saved; the model this module saves and loads back holds built-in layers only.
import keras
import numpy as np


class SplitGate(keras.layers.Layer):
    def call(self, x):
        return keras.ops.tanh(x), keras.ops.sigmoid(x)


def gated():
    inputs = keras.Input((3,))
    values, gates = SplitGate()(inputs)
    mixed = keras.layers.Concatenate()([values, gates])
    return keras.Model(inputs, keras.layers.Dense(2)(mixed))


def save_and_load():
    model = gated()
    inputs = keras.Input((3,))
    plain = keras.Model(inputs, keras.layers.Dense(2)(keras.layers.Dense(4)(inputs)))
    plain.save("plain.keras")
    return plain, keras.models.load_model("plain.keras")
