# Each case reads a recurrent weight on the layer instead of its cell: an AttributeError in Keras 3 and tf_keras.
import numpy as np
import tensorflow as tf
from tensorflow import keras
from tensorflow.keras.layers import GRU
from tensorflow.keras.layers import LSTM as L


def case_name_binding():
    lstm = L(4, name="enc")
    lstm(np.zeros((2, 3, 5), "float32"))
    return lstm.cell.kernel  # expect: TFV103


def case_get_layer():
    model = keras.Sequential([keras.Input((3, 5)), GRU(4, name="gru")])
    return model.get_layer("gru").cell.recurrent_kernel  # expect: TFV103


def case_layers_index():
    model = keras.Sequential([keras.Input((3, 5)), keras.layers.SimpleRNN(4)])
    return model.layers[0].cell.bias  # expect: TFV103


def case_bidirectional_forward():
    model = keras.Sequential([keras.Input((3, 5)), keras.layers.Bidirectional(keras.layers.LSTM(4), name="bi")])
    return model.get_layer("bi").forward_layer.cell.kernel  # expect: TFV103


def case_time_distributed():
    td = keras.layers.TimeDistributed(keras.layers.Dense(4))
    td(np.zeros((2, 3, 5), "float32"))
    return td.layer.kernel  # expect: TFV103


def case_conv_lstm():
    conv = tf.keras.layers.ConvLSTM2D(2, 3)
    conv.build((None, 2, 6, 6, 1))
    return conv.cell.recurrent_kernel  # expect: TFV103


def case_functional():
    inputs = keras.Input((3, 5))
    recurrent = keras.layers.LSTM(4)
    outputs = recurrent(inputs)
    keras.Model(inputs, outputs)
    return tf.shape(recurrent.cell.kernel)  # expect: TFV103
