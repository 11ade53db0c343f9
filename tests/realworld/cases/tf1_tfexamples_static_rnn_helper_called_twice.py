"""A TF1 recurrent MNIST example keeps its output weights in `weights`/`biases` dicts and builds the network in an `RNN(x, weights, biases)` helper (unstack the steps, a fresh `BasicLSTMCell`, `static_rnn`); the script calls the helper for the training batch and again for the test batch in the same default graph, and the second call makes `rnn/basic_lstm_cell/kernel` again.

Source: https://github.com/aymericdamien/TensorFlow-Examples/issues/204
Shape: helper, parameter, container, tf1-graph, notebook-like
Target: tf1
Runtime: raises ValueError: Variable rnn/basic_lstm_cell/kernel already exists, disallowed
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
    lstm_cell = tf.nn.rnn_cell.BasicLSTMCell(num_hidden, forget_bias=1.0)
    outputs, states = tf.nn.static_rnn(lstm_cell, x, dtype=tf.float32)
    return tf.matmul(outputs[-1], weights["out"]) + biases["out"]


logits = RNN(X, weights, biases)
prediction = tf.nn.softmax(logits)

# later cell: evaluate on the test batch
test_logits = RNN(X_test, weights, biases)  # expect: TFV304
