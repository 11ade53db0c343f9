"""The wavelet-deconvolution layer makes its learnable widths in `build` through its own initializer method, which now calls `add_weight`, so the widths are tracked and trained.

Source: https://github.com/haidark/WaveletDeconv/issues/1
Shape: subclassed, class-attribute, helper, sequential
Target: keras3
Runtime: runs
"""

import numpy as np
import tensorflow as tf
import keras
from keras.layers import Layer


class WaveletDeconvolution(Layer):
    def __init__(self, nb_widths, filter_length=9, **kwargs):
        super().__init__(**kwargs)
        self.nb_widths = nb_widths
        self.filter_length = filter_length
        self.init = self.didactic

    def build(self, input_shape):
        self.input_dim = input_shape[1]
        self.W = self.init(self.nb_widths, name="{}_W".format(self.name))

    def call(self, x):
        X = (np.arange(0, self.filter_length) - (self.filter_length - 1.0) / 2).astype("float32")
        X2 = X**2
        w2 = tf.reshape(self.W, (-1, 1)) ** 2
        A = 2 / ((3 * tf.reshape(self.W, (-1, 1))) ** 0.5 * np.pi**0.25)
        kernel = A * (1 - X2 / w2) * tf.exp(-X2 / (2 * w2))
        kernel = tf.transpose(kernel)[:, None, :]
        signals = tf.reshape(x, (-1, tf.shape(x)[2], 1))
        out = tf.nn.conv1d(signals, kernel, stride=1, padding="SAME")
        return tf.reshape(out, (-1, self.input_dim, tf.shape(x)[2], self.nb_widths))

    def didactic(self, shape, name=None):
        x = 2 ** np.arange(shape).astype("float32")
        return self.add_weight(name=name, shape=(shape,), initializer=keras.initializers.Constant(x))


model = keras.Sequential([keras.Input((2, 16)), WaveletDeconvolution(3, name="wd"), keras.layers.Flatten(), keras.layers.Dense(1)])
model.compile(optimizer=keras.optimizers.SGD(0.1), loss="mse")
before = keras.ops.convert_to_numpy(model.get_layer("wd").W).copy()
model.fit(np.random.rand(4, 2, 16).astype("float32"), np.ones((4, 1)), epochs=1, verbose=0)
after = keras.ops.convert_to_numpy(model.get_layer("wd").W)

# --- probe ---
print("TFVARFIX-OK" if len(model.get_layer("wd").trainable_weights) == 1 and not np.array_equal(before, after) else "TFVARFIX-BUG")
