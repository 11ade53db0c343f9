"""A custom layer constructs `Dense(self.units)` inside `call()` and applies it at once; under `fit` the new weights are refused.

Source: https://github.com/keras-team/keras/issues/11736
Shape: subclassed, functional, class-attribute
Target: keras3
Runtime: raises ValueError: tf.function only supports singleton tf.Variables created on the first call
"""

import numpy as np
import keras


class CustomLayer(keras.layers.Layer):
    def __init__(self, units, **kwargs):
        super().__init__(**kwargs)
        self.units = units

    def call(self, inputs):
        output = keras.layers.Dense(self.units)(inputs)  # expect: TFV402
        return output


inputs = keras.Input((4,))
outputs = CustomLayer(2)(inputs)
model = keras.Model(inputs, outputs)
model.compile(optimizer="sgd", loss="mse")
model.fit(np.ones((4, 4)), np.zeros((4, 2)), epochs=1, verbose=0)
print(len(model.trainable_weights))
