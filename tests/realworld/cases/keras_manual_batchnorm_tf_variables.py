"""A hand-written batch normalization keeps gamma/beta and the moving statistics as tf.Variables made in __init__.

Source: https://github.com/tensorflow/tensorflow/issues/46325
Shape: subclassed, class-attribute, functional
Target: keras3
Runtime: silent: none of the four variables is in layer.variables, so fit never updates gamma/beta and save drops them
"""

import numpy as np
import tensorflow as tf


class BatchNormalization(tf.keras.layers.Layer):
    def __init__(self, shape, trainable_stats=False, **kwargs):
        super().__init__(**kwargs)
        self.shape = shape
        self.beta = tf.Variable(initial_value=tf.zeros(shape), trainable=True)  # expect: TFV106
        self.gamma = tf.Variable(initial_value=tf.ones(shape), trainable=True)  # expect: TFV106
        self.moving_mean = tf.Variable(tf.zeros(shape), trainable=trainable_stats)  # expect: TFV106
        self.moving_var = tf.Variable(tf.ones(shape), trainable=trainable_stats)  # expect: TFV106

    def call(self, x, training=None):
        if training:
            mean, var = tf.nn.moments(x, axes=[0])
            self.moving_mean.assign(0.9 * self.moving_mean + 0.1 * mean)
            self.moving_var.assign(0.9 * self.moving_var + 0.1 * var)
        else:
            mean, var = self.moving_mean, self.moving_var
        return tf.nn.batch_normalization(x, mean, var, self.beta, self.gamma, 1e-3)


inputs = tf.keras.Input((4,))
bn = BatchNormalization((4,))
outputs = tf.keras.layers.Dense(1)(bn(inputs))
model = tf.keras.Model(inputs, outputs)
model.compile(optimizer="sgd", loss="mse")
model.fit(np.ones((4, 4), "float32"), np.ones((4, 1), "float32"), epochs=1, verbose=0)
print(len(model.variables), len(bn.variables))

# --- probe ---
print("TFVARFIX-BUG" if len(bn.variables) == 0 else "TFVARFIX-OK")
