"""An audio-classification helper stacks two LSTM layers with `MultiRNNCell([cell] * 2)`: one cell object is reused for both layers, and the second layer's input width does not match the weights the first one built.

Source: https://github.com/aqibsaeed/Urban-Sound-Classification/issues/19
Shape: helper, tf1-graph
Target: tf1
Runtime: raises ValueError: Dimensions must be equal
"""

import os

os.environ["TF_USE_LEGACY_KERAS"] = "1"  # tf.compat.v1.nn.rnn_cell needs tf_keras

import tensorflow.compat.v1 as tf

tf.disable_v2_behavior()

n_steps, n_input, n_hidden, n_classes = 5, 4, 6, 3

x = tf.placeholder(tf.float32, [None, n_steps, n_input])
weight = tf.Variable(tf.random_normal([n_hidden, n_classes]))
bias = tf.Variable(tf.random_normal([n_classes]))


def RNN(x, weight, bias):
    cell = tf.nn.rnn_cell.LSTMCell(n_hidden, state_is_tuple=True)
    cell = tf.nn.rnn_cell.MultiRNNCell([cell] * 2)  # expect: TFV303
    output, state = tf.nn.dynamic_rnn(cell, x, dtype=tf.float32)
    output = tf.transpose(output, [1, 0, 2])
    last = tf.gather(output, int(output.get_shape()[0]) - 1)
    return tf.nn.softmax(tf.matmul(last, weight) + bias)


prediction = RNN(x, weight, bias)
