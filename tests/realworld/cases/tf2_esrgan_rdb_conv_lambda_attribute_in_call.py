"""ESRGAN's residual dense block keeps `self.conv = lambda x: Conv2D(...)(x)` from its `__init__` and calls that attribute five times in `call()`, so every call of the block constructs five new convolutions; the RRDB generator, whose blocks sit in a `Sequential` trunk built from a `functools.partial`, decorates its `call` with `tf.function`, and its first call makes the convolutions' variables inside that function.

Source: https://github.com/captain-pool/GSOC/issues/37
Shape: subclassed, lambda, class-attribute, helper, partial, sequential, tf-function, nested-layers
Target: tf_keras
Runtime: raises ValueError: tf.function only supports singleton tf.Variables created on the first call
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
        self.conv = lambda x: tf.keras.layers.Conv2D(  # expect: TFV402
            out_features, kernel_size=[3, 3], strides=[1, 1], padding="same", use_bias=bias)(x)
        self.lrelu = tf.keras.layers.LeakyReLU(0.2)
        self.beta = 0.2

    def call(self, input_):
        x1 = self.lrelu(self.conv(input_))
        x2 = self.lrelu(self.conv(tf.concat([input_, x1], -1)))
        x3 = self.lrelu(self.conv(tf.concat([input_, x1, x2], -1)))
        x4 = self.lrelu(self.conv(tf.concat([input_, x1, x2, x3], -1)))
        x5 = self.conv(tf.concat([input_, x1, x2, x3, x4], -1))
        return input_ + self.beta * x5


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
print(fake.shape, len(generator.trainable_weights))
