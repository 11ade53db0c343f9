"""A multilabel time-series model stacks two LSTM layers with a cell built fresh in the comprehension, `MultiRNNCell([LSTMCell(n_hidden) for _ in range(2)])`.

Source: https://github.com/aqibsaeed/Multilabel-timeseries-classification-with-LSTM/issues/8
Shape: comprehension, helper, tf1-graph
Target: tf1
Runtime: runs
"""

import os

os.environ["TF_USE_LEGACY_KERAS"] = "1"  # tf.compat.v1.nn.rnn_cell needs tf_keras

import numpy as np
import tensorflow.compat.v1 as tf

tf.disable_v2_behavior()

n_steps, n_input, n_hidden, n_classes = 5, 3, 4, 2

x = tf.placeholder(tf.float32, [None, n_steps, n_input])
weight = tf.Variable(tf.truncated_normal([n_hidden, n_classes]))
bias = tf.Variable(tf.constant(0.1, shape=[n_classes]))


def RNN(x, weight, bias):
    cell = tf.nn.rnn_cell.LSTMCell(n_hidden, state_is_tuple=True)  # the single-layer version's cell, unused below
    multi_layer_cell = tf.nn.rnn_cell.MultiRNNCell([tf.nn.rnn_cell.LSTMCell(n_hidden, state_is_tuple=True) for _ in range(2)])
    output, state = tf.nn.dynamic_rnn(multi_layer_cell, x, dtype=tf.float32)
    last = output[:, -1, :]
    return tf.sigmoid(tf.matmul(last, weight) + bias)


prediction = RNN(x, weight, bias)
with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    print(sess.run(prediction, {x: np.ones((2, n_steps, n_input))}).shape)
names = [v.name for v in tf.trainable_variables()]
print(names)

# --- probe ---
print("TFVARFIX-OK" if any("cell_1" in n for n in names) else "TFVARFIX-BUG")
