"""A layer appends tf.Variables to a list attribute in build (and makes others in a comprehension); none is trained.

Source: https://github.com/keras-team/tf-keras/issues/513
Shape: subclassed, container, loop, comprehension, class-attribute, sequential
Target: keras3
Runtime: silent: the layer has no trainable weights, so fit leaves every scale at 1.0
"""

import numpy as np
import tensorflow as tf


class ScaleStack(tf.keras.layers.Layer):
    def __init__(self, depth, **kwargs):
        super().__init__(**kwargs)
        self.depth = depth

    def build(self, input_shape):
        self.scales = []
        for _ in range(self.depth):
            self.scales.append(tf.Variable(tf.ones(input_shape[-1:])))  # expect: TFV106
        self.shifts = [tf.Variable(tf.zeros(input_shape[-1:])) for _ in range(self.depth)]  # expect: TFV106

    def call(self, x):
        for scale, shift in zip(self.scales, self.shifts):
            x = x * scale + shift
        return x


layer = ScaleStack(2)
model = tf.keras.Sequential([tf.keras.Input((3,)), layer])
model.compile(optimizer=tf.keras.optimizers.SGD(0.5), loss="mse")
model.fit(np.ones((4, 3), "float32"), np.full((4, 3), 3.0, "float32"), epochs=1, verbose=0)

# --- probe ---
print("TFVARFIX-BUG" if not layer.trainable_weights and float(layer.scales[0][0]) == 1.0 else "TFVARFIX-OK")
