"""The tf-keras #513 remedy: the list of per-depth scales is made with self.add_weight, so every entry is tracked and trained.

Source: https://github.com/keras-team/tf-keras/issues/513
Shape: subclassed, container, loop, comprehension, class-attribute, sequential
Target: keras3
Runtime: runs
"""

import numpy as np
import tensorflow as tf


class ScaleStack(tf.keras.layers.Layer):
    def __init__(self, depth, **kwargs):
        super().__init__(**kwargs)
        self.depth = depth

    def build(self, input_shape):
        self.scales = []
        for i in range(self.depth):
            self.scales.append(self.add_weight(name=f"scale_{i}", shape=input_shape[-1:], initializer="ones"))
        self.shifts = [self.add_weight(name=f"shift_{i}", shape=input_shape[-1:], initializer="zeros") for i in range(self.depth)]

    def call(self, x):
        for scale, shift in zip(self.scales, self.shifts):
            x = x * scale + shift
        return x


layer = ScaleStack(2)
model = tf.keras.Sequential([tf.keras.Input((3,)), layer])
model.compile(optimizer=tf.keras.optimizers.SGD(0.5), loss="mse")
model.fit(np.ones((4, 3), "float32"), np.full((4, 3), 3.0, "float32"), epochs=1, verbose=0)

# --- probe ---
print("TFVARFIX-OK" if len(layer.trainable_weights) == 4 and float(layer.scales[0][0]) != 1.0 else "TFVARFIX-BUG")
