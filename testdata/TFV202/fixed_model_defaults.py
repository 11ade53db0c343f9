# Keras 3 subclassed models without get_config whose __init__ arguments all have plain defaults. Keras derives
# such a model's config from the defaults alone (Model.__new__ sees none of the arguments given), so the save
# works and the load rebuilds the defaults: made with scale=5.0, reloaded with scale=1.0 (other outputs); made
# with units=5, reloaded with 2 units (its weights fail to load). Without **kwargs, the load passes `trainable`
# to __init__ and raises TypeError.
import os

import keras
import numpy as np


@keras.utils.register_keras_serializable()
class Scaled(keras.Model):  # expect: TFV202
    def __init__(self, scale=1.0, **kwargs):
        super().__init__(**kwargs)
        self.scale = scale
        self.dense = keras.layers.Dense(2, kernel_initializer="ones")

    def get_config(self):
        return {"scale": self.scale}

    def call(self, x):
        return self.dense(x) * self.scale


@keras.utils.register_keras_serializable()
class Widened(keras.Model):  # expect: TFV202
    def __init__(self, units=2, **kwargs):
        super().__init__(**kwargs)
        self.units = units
        self.dense = keras.layers.Dense(units, kernel_initializer="ones")

    def get_config(self):
        return {"units": self.units}

    def call(self, x):
        return self.dense(x)


@keras.utils.register_keras_serializable()
class Plain(keras.Model):  # expect: TFV202
    def __init__(self, units=3):
        super().__init__()
        self.units = units
        self.dense = keras.layers.Dense(units, kernel_initializer="ones")

    def get_config(self):
        return {"units": self.units}

    def call(self, x):
        return self.dense(x)


def build():
    model = Scaled(scale=5.0)
    model(np.ones((1, 4)))
    return model


def save_scaled(folder):
    model = build()
    path = os.path.join(folder, "scaled.keras")
    model.save(path)
    return model, path


def save_widened(folder):
    model = Widened(units=5)
    model(np.ones((1, 4)))
    path = os.path.join(folder, "widened.keras")
    model.save(path)
    return model, path


def save_plain(folder):
    model = Plain()
    model(np.ones((1, 4)))
    path = os.path.join(folder, "plain.keras")
    model.save(path)
    return model, path
