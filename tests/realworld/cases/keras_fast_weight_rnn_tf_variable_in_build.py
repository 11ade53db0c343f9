"""A fast-weights RNN layer keeps its fast-weight matrix as `self.A = tf.Variable(..., trainable=False)` in `build` (the reporter's fix under TF 2.0); a Keras 3 layer does not track it.

Source: https://github.com/tensorflow/tensorflow/issues/33477
Shape: subclassed, class-attribute, sequential
Target: keras3
Runtime: silent: the fast-weight matrix is not in layer.variables, so save/load and the model's weights leave it out
"""

import numpy as np
import tensorflow as tf


class FastWeightRNN(tf.keras.layers.Layer):
    def __init__(self, units, decay_rate=0.9, learning_rate=0.5, **kwargs):
        super().__init__(**kwargs)
        self.units = units
        self.decay_rate = decay_rate
        self.eta = learning_rate

    def build(self, input_shape):
        self.W = self.add_weight(shape=(input_shape[-1], self.units), initializer="glorot_uniform", name="W")
        self.C = self.add_weight(shape=(self.units, self.units), initializer="identity", name="C")
        self.A = tf.Variable(  # expect: TFV106
            np.zeros((self.units, self.units)), shape=(self.units, self.units), name="fast_weight_matrix", dtype="float32", trainable=False
        )

    def call(self, inputs):
        h = tf.zeros((tf.shape(inputs)[0], self.units))
        for t in range(inputs.shape[1]):
            x_t = tf.matmul(inputs[:, t, :], self.W)
            h = tf.nn.relu(x_t + tf.matmul(h, self.C) + tf.matmul(h, self.A))
        return h


model = tf.keras.Sequential([tf.keras.Input((4, 3)), FastWeightRNN(5), tf.keras.layers.Dense(2, activation="softmax")])
model.compile(optimizer="adam", loss="categorical_crossentropy")
model.fit(np.ones((4, 4, 3), "float32"), np.eye(2, dtype="float32")[[0, 1, 0, 1]], epochs=1, verbose=0)

# --- probe ---
layer = model.layers[0]
print("TFVARFIX-BUG" if all(v is not layer.A for v in layer.variables) else "TFVARFIX-OK")
