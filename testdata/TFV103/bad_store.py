# A recurrent weight stored on the layer instead of on its cell: a new attribute the layer never reads.
import numpy as np
import tensorflow as tf
import keras

encoder = keras.layers.LSTM(2, name="encoder")
model = keras.Sequential([keras.Input((3, 4)), encoder])
encoder.bias = tf.Variable(np.ones(8, "float32"))  # expect: TFV103
encoder.kernel = np.full((4, 8), 0.5, "float32")  # expect: TFV103

# Not built yet: the cell has no kernel to assign to, so there is no fix.
decoder = keras.layers.GRU(2)
decoder.kernel = tf.Variable(np.zeros((4, 6), "float32"))  # expect: TFV103
