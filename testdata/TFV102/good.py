# Near misses: shapes that fit, shapes that are not known, Constant values that broadcast.
import numpy as np
import tensorflow as tf
from tensorflow import keras

lstm = keras.layers.LSTM(64, name="my_lstm")
lstm(tf.zeros((1, 5, 100)))
lstm.cell.kernel.assign(tf.random.normal([100, 256]))
lstm.cell.bias.assign(tf.random.normal([256]))
weights = np.load.__doc__  # not an array: its shape is unknown
dense = keras.layers.Dense(3, kernel_initializer=keras.initializers.Constant(np.arange(3.0)), name="row")
dense(tf.zeros((1, 4)))
dense.set_weights([np.random.rand(4, 3), np.random.rand(3)])
scalar = keras.layers.Dense(3, bias_initializer=keras.initializers.Constant(0.1), name="scalar")
unbuilt = keras.layers.Dense(3, name="unknown_input")
unbuilt.build((None, 7))
unbuilt.kernel.assign(lstm.cell.kernel[:7, :3])


def reshaped(value):
    # Only known after the call: the parameter's shape is not static.
    lstm.cell.kernel.assign(value)
    shape_changed = np.zeros((256, 100)).T
    lstm.cell.kernel.assign(shape_changed)
