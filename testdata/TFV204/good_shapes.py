# Near misses in real shapes: a helper whose second use satisfies the guard, an instance also called directly.
import tensorflow as tf


class SquareOnly(tf.keras.initializers.Initializer):
    def __call__(self, shape, dtype=None):
        values = tf.zeros(shape, dtype=dtype)
        if shape[0] == shape[1]:
            values = values + 1.0
        return values


def head(inputs, units):
    return tf.keras.layers.Dense(units, kernel_initializer=SquareOnly())(inputs)


inputs = tf.keras.Input((4,))
model = tf.keras.Model(inputs, head(head(inputs, 4), 2))


class WideOnly(tf.keras.initializers.Initializer):
    def __call__(self, shape, dtype=None):
        values = tf.zeros(shape, dtype=dtype)
        if shape[0] > 16:
            values = values + 1.0
        return values


wide = WideOnly()
narrow = tf.keras.layers.Dense(2, kernel_initializer=wide)
narrow(tf.zeros((1, 3)))
table = wide((32, 2), dtype="float32")
