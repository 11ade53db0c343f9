"""A TF1 char-RNN builds its stacked LSTM in a build_lstm() helper: one BasicLSTMCell, one DropoutWrapper around it,
and MultiRNNCell over a comprehension that repeats that one wrapper; the helper returns the cell and its zero state and
dynamic_rnn runs it on one-hot inputs wider than the cell, so layer 2 gets layer 1's kernel.

Source: https://github.com/NELSONZHAO/zhihu/issues/7
Shape: helper, parameter, comprehension, tf1-graph
Target: tf1
Runtime: raises ValueError: Dimensions must be equal
"""

import os

os.environ["TF_USE_LEGACY_KERAS"] = "1"  # tf.compat.v1.nn.rnn_cell needs tf_keras

import tensorflow.compat.v1 as tf

tf.disable_v2_behavior()

batch_size, num_steps, num_classes = 2, 5, 7
lstm_size, num_layers = 4, 2


def build_inputs(batch_size, num_steps):
    inputs = tf.placeholder(tf.int32, [batch_size, num_steps], name="inputs")
    keep_prob = tf.placeholder(tf.float32, name="keep_prob")
    return inputs, keep_prob


def build_lstm(lstm_size, num_layers, batch_size, keep_prob):
    lstm = tf.nn.rnn_cell.BasicLSTMCell(lstm_size)
    drop = tf.nn.rnn_cell.DropoutWrapper(lstm, output_keep_prob=keep_prob)
    cell = tf.nn.rnn_cell.MultiRNNCell([drop for _ in range(num_layers)])  # expect: TFV303
    initial_state = cell.zero_state(batch_size, tf.float32)
    return cell, initial_state


inputs, keep_prob = build_inputs(batch_size, num_steps)
cell, initial_state = build_lstm(lstm_size, num_layers, batch_size, keep_prob)
x_one_hot = tf.one_hot(inputs, num_classes)
outputs, state = tf.nn.dynamic_rnn(cell, x_one_hot, initial_state=initial_state)
