# Custom initializers whose guard is false for the shape of every weight they are given.
import tensorflow as tf


class FirstGate(tf.keras.initializers.Initializer):
    def __call__(self, shape, dtype=None):
        values = tf.zeros(shape, dtype=dtype)
        if shape[1] == shape[0] * 4:  # expect: TFV204
            values = values + 0.5
        return values


lstm = tf.keras.layers.LSTM(64, kernel_initializer=FirstGate(), use_bias=False)
lstm(tf.zeros((2, 10, 1)))


class ConvOnly(tf.keras.initializers.Initializer):
    """Meant for 4-D conv kernels, given to two Dense layers."""

    def __call__(self, shape, dtype=None):
        rank = len(shape)
        values = tf.zeros(shape, dtype=dtype)
        if rank == 4 and shape[-1] >= 1:  # expect: TFV204
            values = values + 1.0
        return values


conv_only = ConvOnly()
first = tf.keras.layers.Dense(8, kernel_initializer=conv_only)
second = tf.keras.layers.Dense(3, kernel_initializer=conv_only)
second(first(tf.zeros((2, 5))))


class WideFilters(tf.keras.initializers.Initializer):
    def __call__(self, shape, dtype=None):
        height = shape[0]
        width = shape[1]
        area = height * width
        values = tf.zeros(shape, dtype=dtype)
        if not shape[-1] < 128 or 1 < area <= 4:  # expect: TFV204
            values = values - 1.0
        return values


def make_conv():
    conv = tf.keras.layers.Conv2D(16, 3, kernel_initializer=WideFilters())
    conv(tf.zeros((1, 8, 8, 2)))
    return conv


make_conv()
