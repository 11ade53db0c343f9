# Near misses: the guard holds, a dimension is unknown, one use of a shared instance is unknown, the guard reads
# a constructor argument, the guard only validates.
import tensorflow as tf


class FirstGate(tf.keras.initializers.Initializer):
    def __call__(self, shape, dtype=None):
        values = tf.zeros(shape, dtype=dtype)
        if shape[1] == 4 * 64:
            values = values + 0.5
        return values


holds = tf.keras.layers.LSTM(64, kernel_initializer=FirstGate(), use_bias=False)
holds(tf.zeros((2, 10, 1)))


class SquareOnly(tf.keras.initializers.Initializer):
    def __call__(self, shape, dtype=None):
        values = tf.zeros(shape, dtype=dtype)
        if shape[0] == shape[1]:
            values = values + 1.0
        return values


def unknown_input(inputs):
    # Never called here: the input's last dimension is not known.
    dense = tf.keras.layers.Dense(8, kernel_initializer=SquareOnly())
    return dense(inputs)


class WideOnly(tf.keras.initializers.Initializer):
    def __call__(self, shape, dtype=None):
        values = tf.zeros(shape, dtype=dtype)
        if shape[0] > 16:
            values = values + 1.0
        return values


wide_only = WideOnly()
known = tf.keras.layers.Dense(4, kernel_initializer=wide_only)
known(tf.zeros((2, 3)))


def shared_use(inputs):
    return tf.keras.layers.Dense(4, kernel_initializer=wide_only)(inputs)


shared_use(tf.zeros((2, 32)))


class Sized(tf.keras.initializers.Initializer):
    def __init__(self, width):
        self.width = width

    def __call__(self, shape, dtype=None):
        values = tf.zeros(shape, dtype=dtype)
        if shape[1] == self.width:
            values = values + 1.0
        return values

    def get_config(self):
        return {"width": self.width}


sized = tf.keras.layers.Dense(8, kernel_initializer=Sized(8))
sized(tf.zeros((2, 3)))


class Checked(tf.keras.initializers.Initializer):
    def __call__(self, shape, dtype=None):
        if len(shape) != 2:
            raise ValueError("2-D kernels only")
        return tf.ones(shape, dtype=dtype)


checked = tf.keras.layers.Dense(2, kernel_initializer=Checked())
checked(tf.zeros((2, 3)))
