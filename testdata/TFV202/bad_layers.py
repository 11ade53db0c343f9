# Keras 3 layers and models of the program that this module saves: a layer whose __init__ takes no **kwargs
# fails at load, a subclassed model without get_config fails at save. A fix registers under the package the
# module already uses.
import os

import keras
import numpy as np


@keras.saving.register_keras_serializable(package="shapes")
class Halved(keras.initializers.Initializer):
    def __call__(self, shape, dtype=None):
        return keras.ops.ones(shape, dtype=dtype) * 0.5


class Scale(keras.layers.Layer):  # expect: TFV202
    def __init__(self, factor):
        super().__init__()
        self.factor = factor

    def call(self, x):
        return x * self.factor


class Head(keras.Model):  # expect: TFV202
    def __init__(self, units, **kwargs):
        super().__init__(**kwargs)
        self.units = units
        self.dense = keras.layers.Dense(units, kernel_initializer=Halved())

    def call(self, x):
        return self.dense(x)


def save_scale(folder):
    inputs = keras.Input((4,))
    model = keras.Model(inputs, Scale(2.0)(inputs))
    path = os.path.join(folder, "scale.keras")
    model.save(path)
    return path


def save_head(folder):
    head = Head(3)
    head(np.zeros((1, 4)))
    path = os.path.join(folder, "head.keras")
    head.save(path)
    return path
