"""Zeroing chosen weights of a freshly built model by calling `.set_value(...)` on entries of `model.weights` in a loop.

Source: https://github.com/Sarunas-Girdenas/neural_decomposition/issues/1
Shape: class-attribute, loop, layers-index, functional
Target: keras3
Runtime: raises AttributeError: 'Variable' object has no attribute 'set_value'
"""

import numpy as np
import keras


class NeuralDecomposition:
    def __init__(self, units):
        self.units = units
        inputs = keras.Input((1,))
        sine = keras.layers.Dense(units, activation=keras.ops.sin, name="sine")(inputs)
        linear = keras.layers.Dense(units, name="linear")(inputs)
        merged = keras.layers.Concatenate()([sine, linear])
        self.model = keras.Model(inputs, keras.layers.Dense(1)(merged))

    def get_cycles(self):
        keras_model_cycles = self.model
        for layer in (1, 3):
            keras_model_cycles.weights[layer].set_value(np.zeros((self.units,), dtype="float32"))  # expect: TFV201
        return keras_model_cycles


nd = NeuralDecomposition(units=3)
print(nd.get_cycles().predict(np.ones((2, 1)), verbose=0))
