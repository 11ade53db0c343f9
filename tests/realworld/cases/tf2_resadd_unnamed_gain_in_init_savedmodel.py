"""A residual `ResAdd` layer makes its scalar gain in `__init__` with `add_weight` and no `name`, and a generator uses it after each of its blocks; saving to HDF5 works, but saving the generator in the TensorFlow (SavedModel) format fails under tf_keras: the weight's name is `None`.

Source: https://github.com/tensorflow/tensorflow/issues/51835
Shape: custom-layer, __init__, helper, loop, functional
Target: tf_keras
Runtime: raises AttributeError: 'NoneType' object has no attribute 'replace'
"""

import os

os.environ["TF_USE_LEGACY_KERAS"] = "1"

import tensorflow as tf
from tf_keras.layers import Conv2D, Input, Layer
from tf_keras.models import Model


class ResAdd(Layer):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.res_gain = self.add_weight(shape=(), initializer="zeros", trainable=True)  # expect: TFV202

    def call(self, inputs):
        res, skip = inputs
        gain = tf.cast(self.res_gain, res.dtype)
        return res * gain + skip


def res_block(x, filters):
    res = Conv2D(filters, 3, padding="same", activation="relu")(x)
    res = Conv2D(filters, 3, padding="same")(res)
    return ResAdd()([res, x])


def load_gen(n_blocks=2):
    inp = Input((16, 16, 8))
    x = inp
    for _ in range(n_blocks):
        x = res_block(x, 8)
    return Model(inp, Conv2D(3, 1)(x))


gen = load_gen()
gen.save("generator_h5.h5")
gen.save("generator")
