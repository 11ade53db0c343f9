"""A siamese text-similarity model's `BiRNN(x, dropout, scope, ...)` method stacks three LSTM layers per direction as `MultiRNNCell([lstm_fw_cell] * n_layers)` of one DropoutWrapper'd BasicLSTMCell; the three layers are one cell whose kernel only fits the first layer's input, so `static_bidirectional_rnn` fails on the second layer.

Source: https://github.com/dhwajraj/deep-siamese-text-similarity/issues/15
Shape: class, method, parameter, scope-parameter, tf1-graph
Target: tf1
Runtime: raises ValueError: Dimensions must be equal
"""

import os

os.environ["TF_USE_LEGACY_KERAS"] = "1"  # tf.compat.v1.nn.rnn_cell needs tf_keras

import numpy as np
import tensorflow.compat.v1 as tf

tf.disable_v2_behavior()


class SiameseLSTM(object):
    """
    A LSTM based deep Siamese network for text similarity.
    Uses an character embedding layer, followed by a biLSTM and Energy Loss layer.
    """

    def BiRNN(self, x, dropout, scope, embedding_size, sequence_length):
        n_input = embedding_size
        n_steps = sequence_length
        n_hidden = n_steps
        n_layers = 3
        # Prepare data shape to match `bidirectional_rnn` function requirements
        x = tf.transpose(x, [1, 0, 2])
        x = tf.reshape(x, [-1, n_input])
        x = tf.split(x, n_steps, 0)
        # Forward direction cell
        with tf.name_scope("fw" + scope), tf.variable_scope("fw" + scope):
            fw_cell = tf.nn.rnn_cell.BasicLSTMCell(n_hidden, forget_bias=1.0, state_is_tuple=True)
            lstm_fw_cell = tf.nn.rnn_cell.DropoutWrapper(fw_cell, output_keep_prob=dropout)
            lstm_fw_cell_m = tf.nn.rnn_cell.MultiRNNCell([lstm_fw_cell] * n_layers, state_is_tuple=True)  # expect: TFV303
        # Backward direction cell
        with tf.name_scope("bw" + scope), tf.variable_scope("bw" + scope):
            bw_cell = tf.nn.rnn_cell.BasicLSTMCell(n_hidden, forget_bias=1.0, state_is_tuple=True)
            lstm_bw_cell = tf.nn.rnn_cell.DropoutWrapper(bw_cell, output_keep_prob=dropout)
            lstm_bw_cell_m = tf.nn.rnn_cell.MultiRNNCell([lstm_bw_cell] * n_layers, state_is_tuple=True)  # expect: TFV303
        # Get lstm cell output
        with tf.name_scope("bw" + scope), tf.variable_scope("bw" + scope):
            outputs, _, _ = tf.nn.static_bidirectional_rnn(lstm_fw_cell_m, lstm_bw_cell_m, x, dtype=tf.float32)
        return outputs[-1]

    def contrastive_loss(self, y, d, batch_size):
        tmp = y * tf.square(d)
        tmp2 = (1 - y) * tf.square(tf.maximum((1 - d), 0))
        return tf.reduce_sum(tmp + tmp2) / batch_size / 2

    def __init__(self, sequence_length, vocab_size, embedding_size, hidden_units, l2_reg_lambda, batch_size):
        self.input_x1 = tf.placeholder(tf.int32, [None, sequence_length], name="input_x1")
        self.input_x2 = tf.placeholder(tf.int32, [None, sequence_length], name="input_x2")
        self.input_y = tf.placeholder(tf.float32, [None], name="input_y")
        self.dropout_keep_prob = tf.placeholder(tf.float32, name="dropout_keep_prob")

        with tf.name_scope("embedding"):
            self.W = tf.Variable(tf.random_uniform([vocab_size, embedding_size], -1.0, 1.0), trainable=True, name="W")
            self.embedded_chars1 = tf.nn.embedding_lookup(self.W, self.input_x1)
            self.embedded_chars2 = tf.nn.embedding_lookup(self.W, self.input_x2)

        with tf.name_scope("output"):
            self.out1 = self.BiRNN(self.embedded_chars1, self.dropout_keep_prob, "side1", embedding_size, sequence_length)
            self.out2 = self.BiRNN(self.embedded_chars2, self.dropout_keep_prob, "side2", embedding_size, sequence_length)
            self.distance = tf.sqrt(tf.reduce_sum(tf.square(tf.subtract(self.out1, self.out2)), 1, keepdims=True))
            self.distance = tf.reshape(self.distance, [-1], name="distance")
        with tf.name_scope("loss"):
            self.loss = self.contrastive_loss(self.input_y, self.distance, batch_size)


siameseModel = SiameseLSTM(sequence_length=4, vocab_size=20, embedding_size=6, hidden_units=4, l2_reg_lambda=0.0, batch_size=2)
with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    feed = {siameseModel.input_x1: np.ones((2, 4), np.int32), siameseModel.input_x2: np.zeros((2, 4), np.int32),
            siameseModel.input_y: np.array([1.0, 0.0], np.float32), siameseModel.dropout_keep_prob: 1.0}
    print(sess.run(siameseModel.loss, feed))
