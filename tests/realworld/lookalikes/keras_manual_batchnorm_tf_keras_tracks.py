"""The hand-written batch normalization of tensorflow#46325 run on tf_keras, which tracks tf.Variable attributes.

Source: https://github.com/tensorflow/tensorflow/issues/46325
Shape: subclassed, class-attribute, functional
Target: tf_keras
Runtime: runs
"""

import os

os.environ["TF_USE_LEGACY_KERAS"] = "1"

import numpy as np
import tensorflow as tf


class BatchNormalization(tf.keras.layers.Layer):
    def __init__(self, shape, **kwargs):
        super().__init__(**kwargs)
        self.beta = tf.Variable(initial_value=tf.zeros(shape), trainable=True)
        self.gamma = tf.Variable(initial_value=tf.ones(shape), trainable=True)
        self.moving_mean = tf.Variable(tf.zeros(shape), trainable=False)
        self.moving_var = tf.Variable(tf.ones(shape), trainable=False)

    def call(self, x, training=None):
        mean, var = self.moving_mean, self.moving_var
        return tf.nn.batch_normalization(x, mean, var, self.beta, self.gamma, 1e-3)


inputs = tf.keras.Input((4,))
bn = BatchNormalization((4,))
model = tf.keras.Model(inputs, tf.keras.layers.Dense(1)(bn(inputs)))
model.compile(optimizer="sgd", loss="mse")
model.fit(np.ones((4, 4), "float32"), np.ones((4, 1), "float32"), epochs=1, verbose=0)

# --- probe ---
print("TFVARFIX-OK" if len(bn.variables) == 4 and len(bn.trainable_variables) == 2 else "TFVARFIX-BUG")
