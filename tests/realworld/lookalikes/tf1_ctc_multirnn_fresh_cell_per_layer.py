"""A CTC speech model stacks its recurrent layers by making a fresh GRU cell (wrapped in dropout) on every pass of a loop, so each layer of `MultiRNNCell` owns its weights.

Source: https://github.com/igormq/ctc_tensorflow_example/issues/15
Shape: helper, loop, container, tf1-graph
Target: tf1
Runtime: runs
"""

import os

os.environ["TF_USE_LEGACY_KERAS"] = "1"  # tf.compat.v1.nn.rnn_cell needs tf_keras

import tensorflow.compat.v1 as tf

tf.disable_v2_behavior()

num_features, num_units, num_layers, dropout = 4, 6, 3, 0.1


def RNN(inputs, seq_len):
    cells = []
    for _ in range(num_layers):
        cell = tf.nn.rnn_cell.GRUCell(num_units)
        cell = tf.nn.rnn_cell.DropoutWrapper(cell, output_keep_prob=1.0 - dropout)
        cells.append(cell)
    stack = tf.nn.rnn_cell.MultiRNNCell(cells)
    outputs, _ = tf.nn.dynamic_rnn(stack, inputs, seq_len, dtype=tf.float32)
    return outputs


inputs = tf.placeholder(tf.float32, [None, None, num_features])
seq_len = tf.placeholder(tf.int32, [None])
outputs = RNN(inputs, seq_len)
print([v.name for v in tf.trainable_variables()])
