"""The recurrent MNIST helper with the fix from the thread: `RNN(x, weights, biases)` opens `variable_scope("rnn", reuse=tf.AUTO_REUSE)` around `static_rnn`, so the second call (the test batch) reuses the LSTM weights of the first instead of making them again.

Source: https://github.com/aymericdamien/TensorFlow-Examples/issues/204
Shape: helper, parameter, container, tf1-graph
Target: tf1
Runtime: runs
"""

import os

os.environ["TF_USE_LEGACY_KERAS"] = "1"  # tf.compat.v1.nn.rnn_cell needs tf_keras

import tensorflow.compat.v1 as tf

tf.disable_v2_behavior()

timesteps, num_input, num_hidden, num_classes = 4, 3, 5, 2

X = tf.placeholder(tf.float32, [None, timesteps, num_input])
X_test = tf.placeholder(tf.float32, [None, timesteps, num_input])

weights = {"out": tf.Variable(tf.random_normal([num_hidden, num_classes]))}
biases = {"out": tf.Variable(tf.random_normal([num_classes]))}


def RNN(x, weights, biases):
    x = tf.unstack(x, timesteps, 1)
    with tf.variable_scope("rnn", reuse=tf.AUTO_REUSE):
        lstm_cell = tf.nn.rnn_cell.BasicLSTMCell(num_hidden, forget_bias=1.0)
        outputs, states = tf.nn.static_rnn(lstm_cell, x, dtype=tf.float32)
    return tf.matmul(outputs[-1], weights["out"]) + biases["out"]


logits = RNN(X, weights, biases)
test_logits = RNN(X_test, weights, biases)
assert len(tf.trainable_variables()) == 4, tf.trainable_variables()
