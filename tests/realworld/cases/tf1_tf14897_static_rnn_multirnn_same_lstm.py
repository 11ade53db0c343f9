"""A TF1 program stacks two LSTM layers as `MultiRNNCell([lstm] * 2)` around one `BasicLSTMCell` and runs `static_rnn` over a list of per-step inputs of width 8; the one cell is built for the 8-wide input plus its 32-wide state, and its second use (32-wide input) cannot multiply with that kernel.

Source: https://github.com/tensorflow/tensorflow/issues/14897
Shape: module, container, tf1-graph
Target: tf1
Runtime: raises ValueError: Dimensions must be equal
"""

import os

os.environ["TF_USE_LEGACY_KERAS"] = "1"  # tf.compat.v1.nn.rnn_cell needs tf_keras

import tensorflow.compat.v1 as tf

tf.disable_v2_behavior()

n_hidden = 32
n_steps = 3
input_list = [tf.placeholder(tf.float32, [None, 8]) for _ in range(n_steps)]

lstm = tf.nn.rnn_cell.BasicLSTMCell(n_hidden)
stacked_lstm = tf.nn.rnn_cell.MultiRNNCell([lstm] * 2)  # expect: TFV303
outputs, states = tf.nn.static_rnn(stacked_lstm, input_list, dtype=tf.float32)
