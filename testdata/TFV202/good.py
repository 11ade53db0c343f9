# Near misses: get_config present, no arguments, layers with plain arguments and **kwargs, models, look-alikes.
import tensorflow as tf


@tf.keras.utils.register_keras_serializable(package="good")
class WithConfig(tf.keras.initializers.Initializer):
    def __init__(self, scale):
        self.scale = scale

    def __call__(self, shape, dtype=None):
        return tf.ones(shape, dtype=dtype) * self.scale

    def get_config(self):
        return {"scale": self.scale}


class NoArguments(tf.keras.initializers.Initializer):
    def __call__(self, shape, dtype=None):
        return tf.ones(shape, dtype=dtype)


class AutoConfigLayer(tf.keras.layers.Layer):
    def __init__(self, units, scale=2.0, **kwargs):
        super().__init__(**kwargs)
        self.units = units
        self.scale = scale

    def call(self, x):
        return x * self.scale


class Net(tf.keras.Model):
    def __init__(self, units):
        super().__init__()
        self.dense = tf.keras.layers.Dense(units)

    def call(self, x):
        return self.dense(x)


class Initializer:
    def __init__(self, scale):
        self.scale = scale
