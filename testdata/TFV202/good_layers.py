# Near misses: Keras 3 layers and models that do survive this module's save and load: **kwargs forwarded, no
# constructor arguments but **kwargs, their own get_config; and a layer without **kwargs in a module that never saves it.
import os

import keras
import numpy as np


class Scale(keras.layers.Layer):
    def __init__(self, factor=2.0, **kwargs):
        super().__init__(**kwargs)
        self.factor = factor

    def call(self, x):
        return x * self.factor


class Plain(keras.Model):
    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.dense = keras.layers.Dense(3)

    def call(self, x):
        return self.dense(x)


@keras.saving.register_keras_serializable(package="good")
class Configured(keras.Model):
    def __init__(self, units, **kwargs):
        super().__init__(**kwargs)
        self.units = units
        self.dense = keras.layers.Dense(units)

    def call(self, x):
        return self.dense(x)

    def get_config(self):
        return {"units": self.units}


def save_all(folder):
    inputs = keras.Input((4,))
    keras.Model(inputs, Scale(3.0)(inputs)).save(os.path.join(folder, "scale.keras"))
    for model in (Plain(), Configured(2)):
        model(np.zeros((1, 4)))
        model.save(os.path.join(folder, f"{type(model).__name__}.keras"))
