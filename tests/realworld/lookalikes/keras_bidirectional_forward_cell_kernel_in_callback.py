"""A callback that clips a bidirectional LSTM's forward input kernel after each epoch, reaching it the right way: `get_layer("bi").forward_layer.cell.kernel`.

Source: https://github.com/keras-team/keras/issues/7257
Shape: class-attribute, get-layer, subclassed, sequential
Target: keras3
Runtime: runs
"""

import numpy as np
import tensorflow as tf
import keras


class ForwardKernelClip(keras.callbacks.Callback):
    def __init__(self, limit):
        super().__init__()
        self.limit = limit

    def on_epoch_end(self, epoch, logs=None):
        kernel = self.model.get_layer("bi").forward_layer.cell.kernel
        kernel.assign(tf.clip_by_value(kernel, -self.limit, self.limit))


model = keras.Sequential([keras.Input((5, 3)), keras.layers.Bidirectional(keras.layers.LSTM(4), name="bi"), keras.layers.Dense(1)])
model.compile(optimizer="adam", loss="mse")
model.fit(np.random.rand(4, 5, 3), np.random.rand(4, 1), epochs=1, verbose=0, callbacks=[ForwardKernelClip(0.01)])
assert float(tf.reduce_max(tf.abs(model.get_layer("bi").forward_layer.cell.kernel))) <= 0.01 + 1e-6
