# Near misses: the sub-network made inside the layer from plain arguments (a tuple of numbers, an int), and a
# layer that takes a Keras object but has a get_config of plain values: both save and load.
import os

import keras
from keras import layers


class SpatialTransformer(layers.Layer):
    def __init__(self, locnet_units, output_size, **kwargs):
        super().__init__(**kwargs)
        self.locnet = keras.Sequential([layers.Dense(locnet_units)])
        self.output_size = output_size

    def call(self, x):
        return x * keras.ops.mean(self.locnet(x))


class Scaled(layers.Layer):
    def __init__(self, units, initializer="glorot_uniform", **kwargs):
        super().__init__(**kwargs)
        self.units = units
        self.dense = layers.Dense(units, kernel_initializer=initializer)

    def call(self, x):
        return self.dense(x)

    def get_config(self):
        config = super().get_config()
        config.update({"units": self.units})
        return config


def save_transformer(folder):
    inputs = keras.Input((3,))
    model = keras.Model(inputs, SpatialTransformer(6, (16, 16))(inputs))
    path = os.path.join(folder, "transformer.keras")
    model.save(path)
    keras.models.load_model(path, custom_objects={"SpatialTransformer": SpatialTransformer})


def save_scaled(folder):
    inputs = keras.Input((3,))
    model = keras.Model(inputs, Scaled(2, keras.initializers.Constant(0.5))(inputs))
    path = os.path.join(folder, "scaled.keras")
    model.save(path)
    keras.models.load_model(path, custom_objects={"Scaled": Scaled})
