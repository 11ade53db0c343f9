# Near misses: the added weight is kept and read elsewhere; a program's own layer adds its weight in build.
import numpy as np
from tensorflow import keras

dense = keras.layers.Dense(3)
temperature = dense.add_weight(shape=(), initializer="ones", name="temperature")


class Scaled(keras.layers.Layer):
    def build(self, input_shape):
        self.scale = self.add_weight(shape=(input_shape[-1],), initializer="ones", name="scale")

    def call(self, x):
        return x * self.scale


out = Scaled()(np.ones((1, 3), "float32")) / temperature
