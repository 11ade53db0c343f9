"""The accepted answer's object-oriented form of the same model: the Flatten and Dense layers are made once in the
Model's __init__, and the tf.function forward step only calls the model, so the variables are made on the first
trace only.

Source: https://github.com/tensorflow/tensorflow/issues/36504
Shape: subclassed, class-attribute, tf-function, loop
Target: keras3
Runtime: runs
"""

import numpy as np
import tensorflow as tf
import keras


class KerasModel(keras.Model):
    def __init__(self):
        super().__init__()
        self.flatten = keras.layers.Flatten()
        self.dense = keras.layers.Dense(10)

    def call(self, input_layer):
        return self.dense(self.flatten(input_layer))


model = KerasModel()


@tf.function
def forward(batch):
    return model(batch)


for step in range(2):
    output = forward(np.ones([1, 8, 8, 3], dtype=np.float32))
    print(step, output.shape)
assert len(model.trainable_weights) == 2
