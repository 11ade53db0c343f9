"""A custom residual layer takes no arguments and no `**kwargs` in `__init__` and has no `get_config`; the model saves, but loading calls `MyLayer(name=..., trainable=..., dtype=...)` and fails.

Source: https://github.com/tensorflow/tensorflow/issues/57574
Shape: subclassed, sequential, custom-object
Target: keras3
Runtime: raises TypeError: could not be deserialized properly
"""

import os
import tempfile

import keras
from keras.layers import Dense, Layer


class MyLayer(Layer):  # expect: TFV202
    def __init__(self):
        super().__init__()
        self.dense = Dense(8)

    def call(self, X):
        short = X
        X = self.dense(X)
        X = short + X
        return X


def main():
    model = keras.Sequential([keras.Input((8,)), MyLayer()])
    path = os.path.join(tempfile.mkdtemp(), "my_model.keras")
    model.save(path)
    keras.models.load_model(path, custom_objects={"MyLayer": MyLayer})


main()
