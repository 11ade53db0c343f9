"""Two stacked LSTM layers: each cell is made inside its own `variable_scope`, but the `dynamic_rnn` calls that build the weights run outside it, so both land on `rnn/basic_lstm_cell`.

Source: https://github.com/tensorflow/tensorflow/issues/13341
Shape: helper, loop, list, tf1-graph
Target: tf1
Runtime: raises ValueError: Variable rnn/basic_lstm_cell/kernel already exists, disallowed
"""

import os

os.environ["TF_USE_LEGACY_KERAS"] = "1"  # tf.compat.v1.nn.rnn_cell needs tf_keras

import tensorflow.compat.v1 as tf

tf.disable_v2_behavior()


def stacked_lstm(inputs, layer_sizes):
    cells = []
    for i, size in enumerate(layer_sizes):
        with tf.variable_scope("lstm_layer_%d" % i):
            cells.append(tf.nn.rnn_cell.BasicLSTMCell(size))
    outputs = inputs
    for cell in cells:
        outputs, _ = tf.nn.dynamic_rnn(cell, outputs, dtype=tf.float32)  # expect: TFV301
    return outputs


x = tf.placeholder(tf.float32, [None, 10, 3])
y = stacked_lstm(x, [8, 8])
print([v.name for v in tf.global_variables()])
