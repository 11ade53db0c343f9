# Near misses for tf_keras: it records a layer's arguments and reloads a subclassed model without get_config, so
# neither an __init__ without **kwargs nor a model without get_config fails there.
import os

os.environ["TF_USE_LEGACY_KERAS"] = "1"

import numpy as np  # noqa: E402
import tensorflow as tf  # noqa: E402


class Shift(tf.keras.layers.Layer):
    def __init__(self, offset):
        super().__init__()
        self.offset = offset

    def call(self, x):
        return x + self.offset


class Head(tf.keras.Model):
    def __init__(self, units, **kwargs):
        super().__init__(**kwargs)
        self.dense = tf.keras.layers.Dense(units)

    def call(self, x):
        return self.dense(x)


def save_both(folder):
    inputs = tf.keras.Input((4,))
    tf.keras.Model(inputs, Shift(1.0)(inputs)).save(os.path.join(folder, "shift.keras"))
    head = Head(3)
    head(np.zeros((1, 4)))
    head.save(os.path.join(folder, "head.keras"))
