"""A human-activity LSTM notebook builds its graph with a helper (two stacked LSTM cells, `static_rnn`, weight dicts); the graph cell runs the helper a second time into the same default graph, and the second build collides with the first.

Source: https://github.com/guillaume-chevalier/LSTM-Human-Activity-Recognition/issues/14
Shape: helper, container, notebook-like, tf1-graph
Target: tf1
Runtime: raises ValueError: Variable rnn/multi_rnn_cell/cell_0/basic_lstm_cell/kernel already exists, disallowed
"""

import os

os.environ["TF_USE_LEGACY_KERAS"] = "1"  # tf.compat.v1.nn.rnn_cell needs tf_keras

import tensorflow.compat.v1 as tf

tf.disable_v2_behavior()

n_steps, n_input, n_hidden, n_classes = 4, 3, 8, 2


def LSTM_RNN(_X, _weights, _biases):
    _X = tf.reshape(tf.transpose(_X, [1, 0, 2]), [-1, n_input])
    _X = tf.nn.relu(tf.matmul(_X, _weights["hidden"]) + _biases["hidden"])
    _X = tf.split(_X, n_steps, 0)
    lstm_cell_1 = tf.nn.rnn_cell.BasicLSTMCell(n_hidden, forget_bias=1.0)
    lstm_cell_2 = tf.nn.rnn_cell.BasicLSTMCell(n_hidden, forget_bias=1.0)
    lstm_cells = tf.nn.rnn_cell.MultiRNNCell([lstm_cell_1, lstm_cell_2])
    outputs, states = tf.nn.static_rnn(lstm_cells, _X, dtype=tf.float32)
    return tf.matmul(outputs[-1], _weights["out"]) + _biases["out"]


x = tf.placeholder(tf.float32, [None, n_steps, n_input])
weights = {
    "hidden": tf.Variable(tf.random_normal([n_input, n_hidden])),
    "out": tf.Variable(tf.random_normal([n_hidden, n_classes])),
}
biases = {"hidden": tf.Variable(tf.random_normal([n_hidden])), "out": tf.Variable(tf.random_normal([n_classes]))}

pred = LSTM_RNN(x, weights, biases)
# ... the notebook cell holding the graph is run again ...
pred = LSTM_RNN(x, weights, biases)  # expect: TFV304
