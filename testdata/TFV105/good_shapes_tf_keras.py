# tf_keras swaps the tracked weight when an attribute is rebound: code that targets it is not reported.
import os

os.environ["TF_USE_LEGACY_KERAS"] = "1"
import numpy as np
import tensorflow as tf
import tf_keras

X = np.zeros((2, 3, 5), "float32")


def replace_bias(layer, value):
    layer.bias = tf.Variable(value)


def case_through_parameter():
    dense = tf_keras.layers.Dense(3)
    dense.build((None, 4))
    replace_bias(dense, np.full((3,), 0.5, "float32"))
    return any(w is dense.bias for w in dense.weights)


class Encoder(tf_keras.Model):
    def __init__(self):
        super().__init__()
        self.rnn = tf_keras.layers.LSTM(2)
        self.rnn.build((None, 3, 5))

    def call(self, x):
        return self.rnn(x)

    def reset_kernel(self, value):
        self.rnn.cell.kernel = tf.Variable(value)


encoder = Encoder()
encoder.reset_kernel(np.ones((5, 8), "float32"))


def case_across_methods():
    return any(w is encoder.rnn.cell.kernel for w in encoder.rnn.weights)


def case_get_layer_kernel():
    model = tf_keras.Sequential([tf_keras.Input((4,)), tf_keras.layers.Dense(3, name="proj")])
    model.get_layer("proj").kernel = tf.Variable(np.ones((4, 3), "float32"))
    return any(w is model.get_layer("proj").kernel for w in model.weights)


def case_isinstance_filter():
    model = tf_keras.Sequential([tf_keras.Input((3, 5)), tf_keras.layers.LSTM(2), tf_keras.layers.Dense(1)])
    for layer in model.layers:
        if isinstance(layer, tf_keras.layers.LSTM):
            layer.cell.bias = tf.Variable(tf.ones_like(layer.cell.bias))
    return any(w is model.layers[0].cell.bias for w in model.weights)


lstm = tf_keras.layers.LSTM(2)
lstm(X)
lstm.cell.kernel = tf.Variable(np.full((5, 8), 0.5, "float32"))


def case_module_level():
    return any(w is lstm.cell.kernel for w in lstm.weights)
