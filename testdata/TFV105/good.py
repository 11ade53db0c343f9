# Near misses: assign, unbuilt layers, custom layers' own attributes, weight tying with another layer's weight.
import numpy as np
import tensorflow as tf
from tensorflow import keras

lstm = keras.layers.LSTM(4)
lstm(np.zeros((1, 2, 3), "float32"))
lstm.cell.kernel.assign(np.ones((3, 16), "float32"))
other = keras.layers.LSTM(4)
other(np.zeros((1, 2, 3), "float32"))
other.cell.recurrent_kernel = lstm.cell.recurrent_kernel
fresh = keras.layers.SimpleRNN(2)
fresh.cell.bias = None


class Own(keras.layers.Layer):
    def build(self, input_shape):
        self.kernel = self.add_weight(shape=(input_shape[-1], 2))

    def call(self, x):
        return x @ self.kernel
