# Reported without a fix: transformed arguments, a layer whose __init__ takes no **kwargs and passes its own.
import tensorflow as tf


class Doubled(tf.keras.initializers.Initializer):  # expect: TFV202
    def __init__(self, scale):
        self.scale = scale * 2

    def __call__(self, shape, dtype=None):
        return tf.ones(shape, dtype=dtype) * self.scale


class Shift(tf.keras.layers.Layer):  # expect: TFV202
    def __init__(self, offset):
        super().__init__(trainable=False)
        self.offset = offset

    def call(self, x):
        return x + self.offset


def build():
    inputs = tf.keras.Input((4,))
    outputs = Shift(1.0)(tf.keras.layers.Dense(3, kernel_initializer=Doubled(0.5), name="dense")(inputs))
    return tf.keras.Model(inputs, outputs)


def save(path):
    inputs = tf.keras.Input((4,))
    model = tf.keras.Model(inputs, Shift(1.0)(inputs))
    model.save(path)
