# A layer made and called on the spot in `call()`: a new one, with new weights, on every call.
import numpy as np
from tensorflow import keras


class Projection(keras.layers.Layer):
    def __init__(self, units, **kwargs):
        super().__init__(**kwargs)
        self.units = units

    def call(self, inputs):
        return keras.layers.Dense(self.units)(inputs)  # expect: TFV402


class TwoHeads(keras.layers.Layer):
    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.dense = keras.layers.Dense(2)

    def call(self, inputs):
        left = self.dense(inputs)
        right = keras.layers.Dense(2, activation="relu")(inputs)  # expect: TFV402
        return left + right


def train(layer, width):
    inputs = keras.Input((3,))
    model = keras.Model(inputs, layer(inputs))
    model.compile(optimizer="sgd", loss="mse")
    model.fit(np.ones((8, 3), "float32"), np.ones((8, width), "float32"), epochs=1, verbose=0)
    return model


def case_projection():
    return train(Projection(4), 4)


def case_two_heads():
    return train(TwoHeads(), 2)
