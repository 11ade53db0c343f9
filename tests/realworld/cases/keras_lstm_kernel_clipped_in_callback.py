"""A training callback clips the recurrent model's input kernel after every epoch and reaches it as `self.model.get_layer("encoder").kernel`; the weights of a Keras LSTM live on its cell (`.cell.kernel`), so the callback fails at the end of the first epoch.

Source: https://github.com/keras-team/keras/issues/11954
Shape: class-attribute, get-layer, subclassed, sequential
Target: keras3
Runtime: raises AttributeError: 'LSTM' object has no attribute 'kernel'
"""

import numpy as np
import tensorflow as tf
import keras


class KernelClip(keras.callbacks.Callback):
    def __init__(self, layer_name, limit):
        super().__init__()
        self.layer_name = layer_name
        self.limit = limit

    def on_epoch_end(self, epoch, logs=None):
        kernel = self.model.get_layer("encoder").kernel  # expect: TFV103
        kernel.assign(tf.clip_by_value(kernel, -self.limit, self.limit))


model = keras.Sequential([keras.Input((5, 3)), keras.layers.LSTM(4, name="encoder"), keras.layers.Dense(1)])
model.compile(optimizer="adam", loss="mse")
model.fit(np.random.rand(4, 5, 3), np.random.rand(4, 1), epochs=1, verbose=0, callbacks=[KernelClip("encoder", 0.5)])
