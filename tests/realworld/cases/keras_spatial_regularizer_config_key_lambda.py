"""A custom `Regularizer` takes its strength as `lambd` (plus a smoothing matrix) but its `get_config` writes the strength under the key `"lambda"`; the model trains and saves, and `load_model` rebuilds the regularizer with `My_Regularizer(**config)`, which has no `lambda` parameter.

Source: https://github.com/tensorflow/tensorflow/issues/41164
Shape: subclassed, helper, sequential
Target: keras3
Runtime: raises TypeError: got an unexpected keyword argument 'lambda'
"""

import os
import tempfile

import numpy as np
import keras
from keras import layers, ops


class My_Regularizer(keras.regularizers.Regularizer):
    def __init__(self, lambd, matrix_x):
        self.lambd = lambd
        self.matrix_x = np.asarray(matrix_x, dtype="float32")

    def __call__(self, x):
        return self.lambd * ops.sum(ops.square(ops.matmul(self.matrix_x, x)))

    def get_config(self):  # expect: TFV202
        return {"lambda": float(self.lambd), "matrix_x": self.matrix_x.tolist()}


def build_model(n_in=4):
    smooth = np.eye(n_in) - np.eye(n_in, k=1)
    return keras.Sequential([
        keras.Input((n_in,)),
        layers.Dense(3, kernel_regularizer=My_Regularizer(0.01, smooth)),
        layers.Dense(1),
    ])


model = build_model()
model.compile(optimizer="adam", loss="mse")
model.fit(np.random.rand(4, 4), np.random.rand(4, 1), epochs=1, verbose=0)
path = os.path.join(tempfile.mkdtemp(), "model.keras")
model.save(path)
keras.models.load_model(path, custom_objects={"My_Regularizer": My_Regularizer})
