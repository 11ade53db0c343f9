# A `get_config` that saves an argument under another key than `__init__` takes (`"lambda"` for `lambd`,
# tensorflow#41164): `load_model` calls `cls(**config)` and raises. The key is renamed to the parameter; where
# the value under the wrong key is not the argument's alone, no fix.
import os
import tempfile

import keras
import numpy as np
from keras import ops


@keras.saving.register_keras_serializable(package="fixtures")
class Smooth(keras.regularizers.Regularizer):
    def __init__(self, lambd, matrix_x):
        self.lambd = lambd
        self.matrix_x = np.asarray(matrix_x, dtype="float32")

    def __call__(self, x):
        return self.lambd * ops.sum(ops.square(ops.matmul(self.matrix_x, x)))

    def get_config(self):  # expect: TFV202
        return {"lambda": float(self.lambd), "matrix_x": self.matrix_x.tolist()}


@keras.saving.register_keras_serializable(package="fixtures")
class Scaled(keras.regularizers.Regularizer):
    def __init__(self, low, high):
        self.low = low
        self.high = high

    def __call__(self, x):
        return (self.high - self.low) * ops.sum(ops.square(x))

    def get_config(self):  # expect: TFV202
        return {"span": self.high - self.low, "low": self.low}


def save_and_load(regularizer):
    model = keras.Sequential([keras.Input((4,)), keras.layers.Dense(4, kernel_regularizer=regularizer)])
    path = os.path.join(tempfile.mkdtemp(), "model.keras")
    model.save(path)
    loaded = keras.models.load_model(path).layers[0].kernel_regularizer
    return type(loaded).__name__, loaded.get_config()


def case_smooth():
    return save_and_load(Smooth(0.01, np.eye(4) - np.eye(4, k=1)))


def case_span():
    return save_and_load(Scaled(0.5, 2.0))
