# An inner layer computes an int64 index with numpy in build() and keeps it in a tf.Variable (keras#18461, the
# keras.io Swin example). The outer layer calls it, so it builds while Keras traces the outer call to learn its
# output: the index tensor belongs to that scratch graph and no variable can start from it. The fix computes the
# value in tf.init_scope(), eagerly, and makes it a weight.
import keras
import numpy as np
import tensorflow as tf


class PositionBias(keras.layers.Layer):
    def __init__(self, size, **kwargs):
        super().__init__(**kwargs)
        self.size = size

    def build(self, input_shape):
        self.table = self.add_weight(shape=(2 * self.size - 1,), initializer="ones")
        coords = np.arange(self.size)
        index = coords[:, None] - coords[None, :] + self.size - 1
        with tf.init_scope():
            index_initial = tf.convert_to_tensor(index)
        self.index = self.add_weight(
            name="index",
            shape=tuple(index_initial.shape),
            initializer=lambda shape, dtype=None: index_initial,
            dtype=index_initial.dtype,
            trainable=False,
        )  # expect: TFV106

    def call(self, x):
        return x + tf.gather(self.table, self.index)


class Block(keras.layers.Layer):
    def __init__(self, size, **kwargs):
        super().__init__(**kwargs)
        self.bias = PositionBias(size)

    def call(self, x):
        return self.bias(x)


inputs = keras.Input((3, 3))
model = keras.Model(inputs, Block(3)(inputs))
