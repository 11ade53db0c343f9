"""The project's base layer."""

from tensorflow import keras


class Base(keras.layers.Layer):
    def __init__(self, units, **kwargs):
        super().__init__(**kwargs)
        self.units = units
