# Values whose static shape cannot fit the weight they are given to.
import numpy as np
import tensorflow as tf
from tensorflow import keras


def case_assign_to_lstm_kernel():
    lstm = keras.layers.LSTM(64, name="my_lstm")
    lstm(tf.zeros((1, 5, 100)))
    lstm.cell.kernel.assign(tf.random.normal([100, 64]))  # expect: TFV102


def case_assign_through_get_layer():
    model = keras.Sequential([keras.Input((3, 4)), keras.layers.GRU(2, name="gru")])
    model.get_layer("gru").cell.recurrent_kernel.assign(np.zeros((2, 2)))  # expect: TFV102


def case_set_weights():
    dense = keras.layers.Dense(3, name="proj")
    dense.build((None, 4))
    dense.set_weights([np.ones((5, 3)), np.zeros(3)])  # expect: TFV102


def case_constant_initializer():
    init = np.ones((5, 3), "float32")
    layer = keras.layers.Dense(3, kernel_initializer=keras.initializers.Constant(init), name="head")  # expect: TFV102
    layer(tf.zeros((1, 4)))


def case_detached_variable_of_the_wrong_shape():
    model = keras.Sequential([keras.Input((10, 100)), keras.layers.SimpleRNN(8, name="rnn")])
    tf.Variable(tf.zeros([8, 100]), name="rnn/kernel")  # expect: TFV101, TFV102
    return model
