"""The accepted fix for a lab's stacked LSTM: a small factory `lstm_cell()` is called once per layer inside the list comprehension given to `MultiRNNCell`, so every layer gets its own cell.

Source: https://github.com/yala/introdeeplearning/issues/8
Shape: helper, comprehension, tf1-graph
Target: tf1
Runtime: runs
"""

import os

os.environ["TF_USE_LEGACY_KERAS"] = "1"  # tf.compat.v1.nn.rnn_cell needs tf_keras

import numpy as np
import tensorflow.compat.v1 as tf

tf.disable_v2_behavior()

hidden_size = 6


def lstm_cell():
    return tf.nn.rnn_cell.LSTMCell(hidden_size)


multi_lstm_cells = tf.nn.rnn_cell.MultiRNNCell([lstm_cell() for _ in range(2)], state_is_tuple=True)
inputs = tf.placeholder(tf.float32, (None, 4, 3))
outputs, _ = tf.nn.dynamic_rnn(multi_lstm_cells, inputs, dtype=tf.float32)
with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    sess.run(outputs, {inputs: np.zeros((2, 4, 3))})
