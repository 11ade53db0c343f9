# tf_keras tracks tf.Variable attributes: helpers, loops, containers and helper methods that target it are not
# reported.
import os

os.environ["TF_USE_LEGACY_KERAS"] = "1"
import numpy as np
import tensorflow as tf
from tensorflow import keras


def glorot(shape):
    return tf.Variable(keras.initializers.GlorotUniform(seed=1)(shape))


class FromHelper(keras.layers.Layer):
    def build(self, input_shape):
        self.w = glorot((input_shape[-1], 2))

    def call(self, x):
        return tf.matmul(x, self.w)


class InAList(keras.layers.Layer):
    def build(self, input_shape):
        self.taps = [tf.Variable(tf.ones((input_shape[-1],))) for _ in range(2)]
        self.params = {"b": tf.Variable(tf.zeros((input_shape[-1],)))}

    def call(self, x):
        return x * self.taps[0] * self.taps[1] + self.params["b"]


class AcrossMethods(keras.layers.Layer):
    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self._make_state()

    def _make_state(self):
        self.offset = tf.Variable(0.5)

    def call(self, x):
        return x + self.offset


class Calibrated(keras.Model):
    def __init__(self):
        super().__init__()
        self.head = keras.layers.Dense(1)
        self.temperature = tf.Variable(1.0, trainable=True)

    def call(self, x):
        return self.head(x) / self.temperature


def case_trainable_counts():
    sequential = keras.Sequential([keras.Input((3,)), FromHelper(), InAList(), AcrossMethods()])
    subclassed = Calibrated()
    subclassed(np.zeros((1, 2), "float32"))
    return {"sequential": len(sequential.trainable_weights), "subclassed": len(subclassed.trainable_weights)}
