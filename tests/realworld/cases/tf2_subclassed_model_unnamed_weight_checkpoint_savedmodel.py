"""A subclassed model holds a custom scaling layer whose `build` makes its weight with `add_weight` and no `name`; a `ModelCheckpoint` callback, made by a helper, writes the whole model in the SavedModel format at the end of each epoch, and under tf_keras that save fails on the unnamed weight (its name is `None` where the SavedModel writer names the checkpoint entry).

Source: https://github.com/tensorflow/tensorflow/issues/59954
Shape: custom-layer, build, subclassed-model, helper, callback, fit
Target: tf_keras
Runtime: raises TypeError: bad argument type for built-in operation
"""

import os

os.environ["TF_USE_LEGACY_KERAS"] = "1"

import numpy as np
import tf_keras as keras


class Scale(keras.layers.Layer):
    def build(self, input_shape):
        self.scale = self.add_weight(shape=(input_shape[-1],), initializer="ones", trainable=True)  # expect: TFV202

    def call(self, x):
        return x * self.scale


class Net(keras.Model):
    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.hidden = keras.layers.Dense(8, activation="relu")
        self.scaled = Scale()
        self.out = keras.layers.Dense(1)

    def call(self, x):
        return self.out(self.scaled(self.hidden(x)))


def make_callbacks(folder):
    return [keras.callbacks.ModelCheckpoint(os.path.join(folder, "ckpt"), save_weights_only=False)]


net = Net()
net.compile(optimizer="adam", loss="mse")
net.fit(np.random.rand(16, 4), np.random.rand(16, 1), epochs=1, verbose=0, callbacks=make_callbacks("checkpoints"))
