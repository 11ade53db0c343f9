"""ESRGAN's residual dense block as the project fixed it: a `functools.partial` of `Conv2D` (not a lambda that applies a new layer) makes the five convolutions once in `__init__`, kept in a dict and looked up by key in `call()`; the `tf.function`-decorated RRDB generator's first call builds them and every later call reuses them.

Source: https://github.com/captain-pool/GSOC/pull/38
Shape: subclassed, partial, container, dict, sequential, tf-function, nested-layers
Target: tf_keras
Runtime: runs
"""

import os

os.environ["TF_USE_LEGACY_KERAS"] = "1"

from functools import partial

import numpy as np
import tensorflow as tf


class RDB(tf.keras.layers.Layer):
    """Residual Dense Block"""

    def __init__(self, out_features=8, bias=True):
        super(RDB, self).__init__()
        _create_conv2d = partial(
            tf.keras.layers.Conv2D, out_features, kernel_size=[3, 3], strides=[1, 1], padding="same", use_bias=bias)
        self._conv2d_layers = {"conv_%d" % i: _create_conv2d() for i in range(1, 6)}
        self._lrelu = tf.keras.layers.LeakyReLU(0.2)
        self._beta = 0.2

    def call(self, input_):
        x1 = self._lrelu(self._conv2d_layers["conv_1"](input_))
        x2 = self._lrelu(self._conv2d_layers["conv_2"](tf.concat([input_, x1], -1)))
        x3 = self._lrelu(self._conv2d_layers["conv_3"](tf.concat([input_, x1, x2], -1)))
        x4 = self._lrelu(self._conv2d_layers["conv_4"](tf.concat([input_, x1, x2, x3], -1)))
        x5 = self._conv2d_layers["conv_5"](tf.concat([input_, x1, x2, x3, x4], -1))
        return input_ + self._beta * x5


class RRDB(tf.keras.layers.Layer):
    """Residual in Residual Block"""

    def __init__(self, out_features=8):
        super(RRDB, self).__init__()
        self.RDB1 = RDB(out_features)
        self.RDB2 = RDB(out_features)
        self.beta = 0.2

    def call(self, input_):
        out = self.RDB1(input_)
        trunk = input_ + out
        out = self.RDB2(trunk)
        trunk = trunk + out
        return input_ + self.beta * trunk


class RRDBNet(tf.keras.Model):
    def __init__(self, out_channel, num_features=8, trunk_size=2, growth_channel=8):
        super(RRDBNet, self).__init__()
        self.rrdb_block = partial(RRDB, growth_channel)
        conv = partial(tf.keras.layers.Conv2D, kernel_size=[3, 3], strides=[1, 1], padding="same")
        self.conv_first = conv(filters=num_features)
        self.rdb_trunk = tf.keras.Sequential([self.rrdb_block() for _ in range(trunk_size)])
        self.conv_trunk = conv(filters=num_features)
        self.conv_last = conv(filters=out_channel)

    @tf.function(input_signature=[tf.TensorSpec(shape=[None, None, None, 3], dtype=tf.float32)])
    def call(self, input_):
        feature = self.conv_first(input_)
        trunk = self.conv_trunk(self.rdb_trunk(feature))
        return self.conv_last(trunk + feature)


generator = RRDBNet(out_channel=3)
image = np.random.rand(1, 8, 8, 3).astype("float32")
fake = generator(image)
fake = generator(np.random.rand(2, 8, 8, 3).astype("float32"))
print(fake.shape, len(generator.trainable_weights))
assert len(generator.trainable_weights) == 6 + 2 * 2 * 5 * 2
