"""A custom layer whose inner Dense depends on the input width creates it in `build(input_shape)`, not in `call()`.

Source: https://keras.io/guides/making_new_layers_and_models_via_subclassing/
Shape: subclassed, functional, class-attribute
Target: keras3
Runtime: runs
"""

import numpy as np
import keras


class ExpandProject(keras.layers.Layer):
    def __init__(self, factor, **kwargs):
        super().__init__(**kwargs)
        self.factor = factor

    def build(self, input_shape):
        self.fc1 = keras.layers.Dense(int(input_shape[-1] * self.factor), name="fc1")
        self.fc2 = keras.layers.Dense(input_shape[-1], name="fc2")
        self.fc1.build(input_shape)
        self.fc2.build(input_shape[:-1] + (int(input_shape[-1] * self.factor),))

    def call(self, inputs):
        return self.fc2(self.fc1(inputs))


inputs = keras.Input((4,))
model = keras.Model(inputs, ExpandProject(2)(inputs))
model.compile(optimizer="sgd", loss="mse")
model.fit(np.ones((4, 4)), np.zeros((4, 4)), epochs=1, verbose=0)
print(len(model.trainable_weights))
