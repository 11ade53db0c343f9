"""A TF1 learned-optimizer script stacks one LSTM cell object twice in MultiRNNCell and calls the stacked cell by
hand once per unrolled step on a one-wide gradient input; layer 2 is the same cell and gets layer 1's kernel.

Source: https://github.com/runopti/Learning-To-Learn/issues/2
Shape: module, loop, tf1-graph
Target: tf1
Runtime: raises ValueError: Dimensions must be equal
"""

import os

os.environ["TF_USE_LEGACY_KERAS"] = "1"  # tf.compat.v1.nn.rnn_cell needs tf_keras

import tensorflow.compat.v1 as tf

tf.disable_v2_behavior()

num_hidden, num_layers, batch_size, unroll = 5, 2, 3, 4

grads = [tf.placeholder(tf.float32, [batch_size, 1], name="grad_%d" % t) for t in range(unroll)]
cell = tf.nn.rnn_cell.BasicLSTMCell(num_hidden)
cell = tf.nn.rnn_cell.MultiRNNCell([cell] * num_layers)  # expect: TFV303
state = cell.zero_state(batch_size, tf.float32)
W_out = tf.get_variable("W_out", [num_hidden, 1])

updates = []
with tf.variable_scope("optimizer") as scope:
    for t, grad_h_t in enumerate(grads):
        if t > 0:
            scope.reuse_variables()
        cell_output, state = cell(grad_h_t, state)
        updates.append(tf.matmul(cell_output, W_out))
