# Found by the custom object rule: a constraint made in a Dense subclass's `build` and stored on
# `self.kernel_constraint`, which Dense's own `get_config` saves; the constraint's config has a key its
# `__init__` cannot take, so loading the saved model raises (DingKe/nn_playground#6, BinaryNet).
import os
import tempfile

import numpy as np
import keras
from keras import layers, ops


class Clip(keras.constraints.Constraint):
    def __init__(self, min_value, max_value=None, **kwargs):
        self.min_value = min_value
        self.max_value = max_value if max_value is not None else -min_value

    def __call__(self, p):
        return ops.clip(p, min(self.min_value, self.max_value), max(self.min_value, self.max_value))

    def get_config(self):  # expect: TFV202
        return {"name": self.__class__.__name__, "min_value": self.min_value, "max_value": self.max_value}


class BinaryDense(layers.Dense):
    def __init__(self, units, H=1.0, **kwargs):
        self.H = H
        super().__init__(units, **kwargs)

    def build(self, input_shape):
        self.kernel_constraint = Clip(-self.H, self.H)
        super().build(input_shape)

    def get_config(self):
        config = super().get_config()
        config.update({"H": self.H})
        return config


def case_save_and_load():
    model = keras.Sequential([keras.Input((6,)), BinaryDense(4, H=1.0), layers.Dense(2)])
    model(np.zeros((1, 6), "float32"))
    path = os.path.join(tempfile.mkdtemp(), "binary_mlp.keras")
    model.save(path)
    loaded = keras.models.load_model(path, custom_objects={"BinaryDense": BinaryDense, "Clip": Clip})
    return loaded.layers[0].kernel_constraint.get_config()["max_value"]
