# Near misses: add_weight, keras.Variable, tf.Module, variables outside __init__/build, plain classes.
import numpy as np
import tensorflow as tf
from tensorflow import keras


class Tracked(keras.layers.Layer):
    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.offset = keras.Variable(0.5)

    def build(self, input_shape):
        self.w = self.add_weight(shape=(input_shape[-1], 2), initializer="ones")

    def call(self, x):
        return tf.matmul(x, self.w) + self.offset


class Counter(tf.Module):
    def __init__(self):
        super().__init__()
        self.count = tf.Variable(0)


class Plain:
    def __init__(self):
        self.v = tf.Variable(np.zeros(3))


class Lazy(keras.layers.Layer):
    def get_state(self):
        state = tf.Variable(0.0)
        return state
