"""A script turns on `tf.get_variable_scope().reuse_variables()` before it builds its first network, then builds a two-layer LSTM stack through a nested cell-factory helper and runs `dynamic_rnn`; the cells ask a reusing scope for variables that were never made.

Source: https://github.com/tensorflow/tensorflow/issues/15788
Shape: nested-helper, factory-comprehension, name-scope, module, tf1-graph
Target: tf1
Runtime: raises ValueError: rnn/multi_rnn_cell/cell_0/lstm_cell/kernel does not exist, or was not created with tf.get_variable()
"""

import os

os.environ["TF_USE_LEGACY_KERAS"] = "1"  # tf.compat.v1.nn.rnn_cell needs tf_keras

import tensorflow.compat.v1 as tf

tf.disable_v2_behavior()

x = tf.random_normal([6, 5, 10])


def build_lstm(num_units, num_layers, batch_size):
    def build_cell(num_units):
        return tf.nn.rnn_cell.LSTMCell(num_units)

    with tf.name_scope("multi_cells"):
        cell = tf.nn.rnn_cell.MultiRNNCell([build_cell(num_units) for _ in range(num_layers)])
    init_state = cell.zero_state(batch_size, tf.float32)

    return cell, init_state


tf.get_variable_scope().reuse_variables()
lstm_cell, lstm_init_state = build_lstm(8, 2, 6)
lstm, final_state = tf.nn.dynamic_rnn(lstm_cell, x, initial_state=lstm_init_state)  # expect: TFV302

with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    print(sess.run(lstm).shape)
