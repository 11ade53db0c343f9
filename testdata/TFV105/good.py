# Near misses: assign (of a computed value), unbuilt layers, custom layers' own attributes, a computed tensor on a plain attribute
# ("fast weights", as MAML writes them: the forward pass is meant to use it).
import numpy as np
import tensorflow as tf
from tensorflow import keras

lstm = keras.layers.LSTM(4)
lstm(np.zeros((1, 2, 3), "float32"))
lstm.cell.kernel.assign(lstm.cell.kernel * 0.5)
fast = keras.layers.Dense(2)
fast(np.zeros((1, 3), "float32"))
fast.bias = fast.bias - 0.1 * tf.ones((2,))
fresh = keras.layers.SimpleRNN(2)
fresh.cell.bias = None


class Own(keras.layers.Layer):
    def build(self, input_shape):
        self.kernel = self.add_weight(shape=(input_shape[-1], 2))

    def call(self, x):
        return x @ self.kernel
