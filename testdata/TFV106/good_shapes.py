# Near misses of bad_shapes.py: state Keras 3 tracks (add_weight, keras.Variable, in lists and dicts too),
# tf.Variable held by tf.Module or plain classes, and names that are not tf.Variable once rebinding is followed.
import numpy as np
import tensorflow as tf
from tensorflow import keras


def glorot(layer, shape):
    return layer.add_weight(shape=shape, initializer=keras.initializers.GlorotUniform(seed=1))


class FromHelper(keras.layers.Layer):
    def build(self, input_shape):
        self.w = glorot(self, (input_shape[-1], 2))

    def call(self, x):
        return tf.matmul(x, self.w)


class KerasVariables(keras.layers.Layer):
    def build(self, input_shape):
        self.taps = [keras.Variable(np.ones((input_shape[-1],), "float32")) for _ in range(2)]
        self.params = {"b": keras.Variable(np.zeros((input_shape[-1],), "float32"))}

    def call(self, x):
        return x * self.taps[0] * self.taps[1] + self.params["b"]


Variable = tf.Variable


def make_offset():
    return Variable(0.5)


Variable = keras.Variable


class ReboundName(keras.layers.Layer):
    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        # At construction `Variable` is keras.Variable: tracked.
        self.offset = make_offset()

    def call(self, x):
        return x + self.offset


class BothArms(keras.layers.Layer):
    def __init__(self, learn_scale, **kwargs):
        super().__init__(**kwargs)
        if learn_scale:
            self.scale = self.add_weight(shape=(), initializer="ones")
        else:
            self.scale = tf.constant(1.0)

    def call(self, x):
        return x * self.scale


class Conditional(keras.layers.Layer):
    def __init__(self, frozen=False, **kwargs):
        super().__init__(**kwargs)
        self.shift = keras.Variable(0.0, trainable=False) if frozen else self.add_weight(shape=(), initializer="zeros")

    def call(self, x):
        return x + self.shift


class Portable(keras.layers.Layer):
    def build(self, input_shape):
        try:
            self.gain = keras.Variable(np.ones((input_shape[-1],), "float32"))
        except AttributeError:  # tf_keras has no keras.Variable, and tracks tf.Variable
            self.gain = tf.Variable(np.ones((input_shape[-1],), "float32"))

    def call(self, x):
        return x * self.gain


class Counter(tf.Module):
    def __init__(self):
        super().__init__()
        self.count = tf.Variable(0)


class Cache:
    def __init__(self):
        self.v = tf.Variable(np.zeros(3))


def case_trainable_counts():
    sequential = keras.Sequential([keras.Input((3,)), FromHelper(), KerasVariables(), ReboundName(), BothArms(True), Conditional(), Portable()])
    sequential(np.zeros((1, 3), "float32"))
    return {
        "sequential": len(sequential.trainable_weights),
        "counter": len(Counter().trainable_variables),
        "cache": Cache().v.shape,
    }
