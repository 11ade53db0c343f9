"""The BinaryNet constraint with a `get_config` that holds only its constructor arguments (`min_value`, `max_value`); `BinaryDense` sets it as the kernel constraint in `build`, and the saved model loads back.

Source: https://github.com/DingKe/nn_playground/issues/6
Shape: subclassed, class-attribute, sequential
Target: keras3
Runtime: runs
"""

import os
import tempfile

import numpy as np
import keras
from keras import layers, ops


class Clip(keras.constraints.Constraint):
    def __init__(self, min_value, max_value=None):
        self.min_value = min_value
        self.max_value = max_value if max_value else -min_value
        if self.min_value > self.max_value:
            self.min_value, self.max_value = self.max_value, self.min_value

    def __call__(self, p):
        return ops.clip(p, self.min_value, self.max_value)

    def get_config(self):
        return {"min_value": self.min_value, "max_value": self.max_value}


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


model = keras.Sequential([keras.Input((6,)), BinaryDense(4, H=1.0), layers.Dense(2, activation="softmax")])
model.compile(optimizer="adam", loss="sparse_categorical_crossentropy")
model.fit(np.random.rand(4, 6), np.array([0, 1, 0, 1]), epochs=1, verbose=0)
path = os.path.join(tempfile.mkdtemp(), "binary_mlp.keras")
model.save(path)
restored = keras.models.load_model(path, custom_objects={"BinaryDense": BinaryDense, "Clip": Clip})
assert restored.layers[0].kernel_constraint.max_value == 1.0
