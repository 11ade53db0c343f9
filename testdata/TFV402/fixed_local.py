# A layer made and called on the spot in `call()`: a new one, with new weights, on every call.
import numpy as np
from tensorflow import keras


class Projection(keras.layers.Layer):
    def __init__(self, units, **kwargs):
        super().__init__(**kwargs)
        self.units = units
        self.dense = keras.layers.Dense(self.units)

    def call(self, inputs):
        return self.dense(inputs)  # expect: TFV402


class TwoHeads(keras.layers.Layer):
    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.dense = keras.layers.Dense(2)
        self.dense_1 = keras.layers.Dense(2, activation="relu")

    def call(self, inputs):
        left = self.dense(inputs)
        right = self.dense_1(inputs)  # expect: TFV402
        return left + right


def build(layer):
    inputs = keras.Input((3,))
    model = keras.Model(inputs, layer(inputs))
    model.compile(optimizer="sgd", loss="mse")
    return model


def case_projection():
    return build(Projection(4))


def case_two_heads():
    return build(TwoHeads())


X, Y4, Y2 = np.ones((8, 3), "float32"), np.ones((8, 4), "float32"), np.ones((8, 2), "float32")
