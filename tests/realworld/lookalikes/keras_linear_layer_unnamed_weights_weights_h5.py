"""The custom-layer guide's `Linear` layer with unnamed `add_weight` calls, under Keras 3: Keras names them `variable`, `variable_1` and stores weights by position in a `.weights.h5` file, so the checkpoint written during `fit` saves and loads (the tf_keras HDF5 name clash of the report does not happen).

Source: https://github.com/tensorflow/tensorflow/issues/36650
Shape: custom-layer, sequential, fit, callback
Target: keras3
Runtime: runs
"""

import numpy as np
import keras


class Linear(keras.layers.Layer):
    def __init__(self, units=32, **kwargs):
        super().__init__(**kwargs)
        self.units = units

    def build(self, input_shape):
        self.w = self.add_weight(shape=(input_shape[-1], self.units), initializer="random_normal", trainable=True)
        self.b = self.add_weight(shape=(self.units,), initializer="zeros", trainable=True)

    def call(self, inputs):
        return keras.ops.matmul(inputs, self.w) + self.b


model = keras.Sequential([keras.Input((4,)), Linear(8), keras.layers.Dense(1)])
model.compile(optimizer="adam", loss="mse")
checkpoint = keras.callbacks.ModelCheckpoint("model.weights.h5", save_weights_only=True)
model.fit(np.random.rand(16, 4), np.random.rand(16, 1), epochs=1, verbose=0, callbacks=[checkpoint])
model.load_weights("model.weights.h5")
print([w.name for w in model.weights])
