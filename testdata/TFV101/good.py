# Near misses: names that match no layer weight, layers named alike elsewhere, deliberate weight transfer,
# optimizer slots, add_weight in a custom layer, tf.Module variables.
import numpy as np
import tensorflow as tf
from tensorflow import keras

encoder = keras.Sequential([keras.Input((4,)), keras.layers.Dense(3, name="enc")])
decoder = keras.Sequential([keras.Input((4,)), keras.layers.Dense(3, name="enc")])
# Two layers called `enc` in two models: which one is meant cannot be told.
ambiguous = tf.Variable(np.zeros((4, 3), "float32"), name="enc/kernel")
# Names that match no weight the layer owns.
step = tf.Variable(0, name="enc/step")
scale = tf.Variable(1.0, name="enc_kernel")
other = tf.Variable(np.zeros((4, 3), "float32"), name="dense_99/kernel")

# Deliberate transfer between two models through the layers themselves.
source = keras.Sequential([keras.Input((3, 4)), keras.layers.LSTM(2, name="rnn")])
target = keras.Sequential([keras.Input((3, 4)), keras.layers.LSTM(2, name="rnn_copy")])
target.get_layer("rnn_copy").cell.kernel.assign(source.get_layer("rnn").cell.kernel)

# Optimizer slots are variables named after weights, made by the optimizer.
optimizer = keras.optimizers.Adam()
optimizer.build(source.trainable_variables)


def build_model():
    return keras.Sequential([keras.Input((4,)), keras.layers.Dense(2, name="fc")])


def make_variable():
    # A layer named `fc` exists only inside another function.
    return tf.Variable(np.zeros((4, 2), "float32"), name="fc/kernel")


class Scale(keras.layers.Layer):
    def build(self, input_shape):
        self.kernel = self.add_weight(name="kernel", shape=(input_shape[-1],), initializer="ones")

    def call(self, x):
        return x * self.kernel


class Counter(tf.Module):
    def __init__(self):
        super().__init__(name="enc")
        self.kernel = tf.Variable(np.zeros((4, 3), "float32"), name="kernel")
