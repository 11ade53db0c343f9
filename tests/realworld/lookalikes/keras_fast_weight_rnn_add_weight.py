"""The fast-weights layer of tensorflow#33477 with its fast-weight matrix made by `add_weight(trainable=False)`, which Keras 3 tracks.

Source: https://github.com/tensorflow/tensorflow/issues/33477
Shape: subclassed, class-attribute, sequential
Target: keras3
Runtime: runs
"""

import numpy as np
import tensorflow as tf


class FastWeightRNN(tf.keras.layers.Layer):
    def __init__(self, units, **kwargs):
        super().__init__(**kwargs)
        self.units = units

    def build(self, input_shape):
        self.W = self.add_weight(shape=(input_shape[-1], self.units), initializer="glorot_uniform", name="W")
        self.C = self.add_weight(shape=(self.units, self.units), initializer="identity", name="C")
        self.A = self.add_weight(shape=(self.units, self.units), initializer="zeros", name="fast_weight_matrix", trainable=False)

    def call(self, inputs):
        h = tf.zeros((tf.shape(inputs)[0], self.units))
        for t in range(inputs.shape[1]):
            x_t = tf.matmul(inputs[:, t, :], self.W)
            h = tf.nn.relu(x_t + tf.matmul(h, self.C) + tf.matmul(h, self.A))
        return h


model = tf.keras.Sequential([tf.keras.Input((4, 3)), FastWeightRNN(5), tf.keras.layers.Dense(2, activation="softmax")])
model.compile(optimizer="adam", loss="categorical_crossentropy")
model.fit(np.ones((4, 4, 3), "float32"), np.eye(2, dtype="float32")[[0, 1, 0, 1]], epochs=1, verbose=0)
print(len(model.layers[0].variables))
