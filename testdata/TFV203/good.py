# Near misses: the default bias, ones/zeros, unit_forget_bias off, no bias, a GRU, a non-Keras LSTM look-alike.
import tensorflow as tf
from tensorflow import keras

default = keras.layers.LSTM(4)
zeros = keras.layers.LSTM(4, bias_initializer="zeros")
ones = keras.layers.LSTM(4, bias_initializer=keras.initializers.Ones())
constant_one = keras.layers.LSTM(4, bias_initializer=keras.initializers.Constant(1.0))
switched_off = keras.layers.LSTM(4, bias_initializer="random_normal", unit_forget_bias=False)
no_bias = keras.layers.LSTM(4, bias_initializer="random_normal", use_bias=False)
gru = keras.layers.GRU(4, bias_initializer="random_normal")


class LSTM:
    def __init__(self, units, bias_initializer=None):
        self.units = units


local = LSTM(4, bias_initializer="random_normal")
