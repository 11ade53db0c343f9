"""A BinaryNet port subclasses `Dense` as `BinaryDense`, and in `build` sets `self.kernel_constraint = Clip(-H, H)`, a custom constraint whose `get_config` returns `{"name": ..., "min_value": ..., "max_value": ...}`; `Dense.get_config` serializes that constraint, and `load_model` rebuilds it with `Clip(**config)`, which takes no `name`.

Source: https://github.com/DingKe/nn_playground/issues/6
Shape: subclassed, class-attribute, sequential
Target: keras3
Runtime: raises TypeError: got an unexpected keyword argument 'name'
"""

import os
import tempfile

import numpy as np
import keras
from keras import layers, ops


class Clip(keras.constraints.Constraint):
    def __init__(self, min_value, max_value=None):
        self.min_value = min_value
        self.max_value = max_value
        if not self.max_value:
            self.max_value = -self.min_value
        if self.min_value > self.max_value:
            self.min_value, self.max_value = self.max_value, self.min_value

    def __call__(self, p):
        return ops.clip(p, self.min_value, self.max_value)

    def get_config(self):  # expect: TFV202
        return {"name": self.__call__.__name__, "min_value": self.min_value, "max_value": self.max_value}


class BinaryDense(layers.Dense):
    def __init__(self, units, H=1.0, **kwargs):
        self.H = H
        super().__init__(units, **kwargs)

    def build(self, input_shape):
        self.kernel_constraint = Clip(-self.H, self.H)
        super().build(input_shape)

    def call(self, inputs):
        binary_kernel = ops.where(self.kernel >= 0, self.H, -self.H)
        return ops.matmul(inputs, binary_kernel) + self.bias

    def get_config(self):
        config = super().get_config()
        config.update({"H": self.H})
        return config


model = keras.Sequential([keras.Input((6,)), BinaryDense(4, H=1.0), layers.Dense(2, activation="softmax")])
model.compile(optimizer="adam", loss="sparse_categorical_crossentropy")
model.fit(np.random.rand(4, 6), np.array([0, 1, 0, 1]), epochs=1, verbose=0)
path = os.path.join(tempfile.mkdtemp(), "binary_mlp.keras")
model.save(path)
keras.models.load_model(path, custom_objects={"BinaryDense": BinaryDense, "Clip": Clip})
