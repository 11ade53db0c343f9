"""The TensorFlow-Examples bidirectional RNN: forward and backward `BasicLSTMCell`s given to `static_bidirectional_rnn` in a `try`, and the same call again in the `except` for old TensorFlow versions that returned only the outputs. The handler runs only when the first call failed, so the cells are used by one call that succeeds, never by two.

Source: https://github.com/aymericdamien/TensorFlow-Examples/blob/master/tensorflow_v1/examples/3_NeuralNetworks/bidirectional_rnn.py
Shape: tf1-graph, helper, try-except
Target: tf1
Runtime: runs
"""

import os

os.environ["TF_USE_LEGACY_KERAS"] = "1"  # tf.compat.v1.nn.rnn_cell needs tf_keras

import numpy as np
import tensorflow.compat.v1 as tf

tf.disable_v2_behavior()

num_input, timesteps, num_hidden, num_classes = 4, 6, 8, 3

X = tf.placeholder("float", [None, timesteps, num_input])
weights = {"out": tf.Variable(tf.random_normal([2 * num_hidden, num_classes]))}
biases = {"out": tf.Variable(tf.random_normal([num_classes]))}


def BiRNN(x, weights, biases):
    x = tf.unstack(x, timesteps, 1)
    lstm_fw_cell = tf.nn.rnn_cell.BasicLSTMCell(num_hidden, forget_bias=1.0)
    lstm_bw_cell = tf.nn.rnn_cell.BasicLSTMCell(num_hidden, forget_bias=1.0)
    try:
        outputs, _, _ = tf.nn.static_bidirectional_rnn(lstm_fw_cell, lstm_bw_cell, x, dtype=tf.float32)
    except Exception:  # Old TensorFlow version only returns outputs not states
        outputs = tf.nn.static_bidirectional_rnn(lstm_fw_cell, lstm_bw_cell, x, dtype=tf.float32)
    return tf.matmul(outputs[-1], weights["out"]) + biases["out"]


logits = BiRNN(X, weights, biases)
with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    out = sess.run(logits, {X: np.ones((2, timesteps, num_input), np.float32)})
assert out.shape == (2, num_classes)
assert len(tf.trainable_variables()) == 6  # out, bias, and one kernel and bias per direction
