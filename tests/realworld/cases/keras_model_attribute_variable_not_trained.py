"""A subclassed model adds a trainable offset as `self.y = tf.Variable(...)`; Keras 3 never trains or saves it.

Source: https://github.com/tensorflow/tensorflow/issues/26792
Shape: subclassed, class-attribute, module
Target: keras3
Runtime: silent: y is not in model.trainable_weights and keeps its initial value after fit
"""

import numpy as np
import tensorflow as tf


class OffsetModel(tf.keras.Model):
    def __init__(self):
        super().__init__()
        self.dense = tf.keras.layers.Dense(1)
        self.y = tf.Variable(0.0, trainable=True, name="y")  # expect: TFV106

    def call(self, x):
        return self.dense(x) + self.y


model = OffsetModel()
model.compile(optimizer=tf.keras.optimizers.SGD(0.1), loss="mse")
model.fit(np.zeros((4, 2), "float32"), np.full((4, 1), 5.0, "float32"), epochs=1, verbose=0)
print(len(model.trainable_weights), float(model.y))

# --- probe ---
print("TFVARFIX-BUG" if float(model.y) == 0.0 and len(model.trainable_weights) == 2 else "TFVARFIX-OK")
