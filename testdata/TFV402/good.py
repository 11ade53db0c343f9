# Near misses: state made in __init__ or build, weightless layers in call, a plain class's call.
import numpy as np
import keras
import tensorflow as tf


class Head(keras.layers.Layer):
    def __init__(self, units, **kwargs):
        super().__init__(**kwargs)
        self.units = units
        self.proj = keras.layers.Dense(units)

    def get_config(self):
        return {**super().get_config(), "units": self.units}

    def call(self, x):
        return self.proj(x)


class Built(keras.layers.Layer):
    def build(self, input_shape):
        self.w = self.add_weight(shape=(input_shape[-1], 1))
        self.proj = keras.layers.Dense(1)

    def call(self, x):
        return tf.matmul(x, self.w) + self.proj(x)


class Flat(keras.layers.Layer):
    def call(self, x):
        return keras.layers.Flatten()(x)


class NotALayer:
    def call(self, x):
        return keras.layers.Dense(1)(x)


def case_all():
    model = keras.Sequential([keras.Input((3,)), Head(2), Built(), Flat()])
    model.compile(optimizer="sgd", loss="mse")
    model.fit(np.ones((4, 3), "float32"), np.ones((4, 1), "float32"), verbose=0)
    return len(model.trainable_weights)
