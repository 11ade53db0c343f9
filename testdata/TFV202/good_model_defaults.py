# Near misses of bad_model_defaults.py that save and load the same model (Keras 3.15.1, measured): a subclassed
# model made with no argument but `name` (tensorflow/docs' intro_to_modules: MySequentialModel(name=...)), one
# made with its defaults, and the layers a subclassed model's __init__ makes: the load runs that __init__ again,
# so they are never looked up by name (an unregistered layer without **kwargs, a plain function as an
# initializer).
import os

import keras
import numpy as np


def ones(shape, dtype=None):
    return keras.ops.ones(shape, dtype=dtype)


class Halve(keras.layers.Layer):
    def __init__(self, units):
        super().__init__()
        self.units = units

    def build(self, input_shape):
        self.w = self.add_weight(shape=(input_shape[-1], self.units), initializer="ones", name="w")

    def call(self, x):
        return keras.ops.matmul(x, self.w) * 0.5


@keras.saving.register_keras_serializable(package="near_misses")
class Stack(keras.Model):
    def __init__(self, name=None, **kwargs):
        super().__init__(**kwargs)
        self.first = Halve(3)
        self.second = keras.layers.Dense(2, kernel_initializer=ones)

    def call(self, x):
        return self.second(self.first(x))


@keras.saving.register_keras_serializable(package="near_misses")
class Scaled(keras.Model):
    def __init__(self, scale=1.0, **kwargs):
        super().__init__(**kwargs)
        self.scale = scale
        self.dense = keras.layers.Dense(2, kernel_initializer="ones")

    def call(self, x):
        return self.dense(x) * self.scale


def save_all(folder):
    saved = []
    for name, model in [("stack", Stack(name="the_model")), ("scaled", Scaled()), ("same", Scaled(scale=1.0))]:
        model(np.ones((1, 4)))
        path = os.path.join(folder, name + ".keras")
        model.save(path)
        saved.append((model, path))
    return saved
