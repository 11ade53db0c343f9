"""A text classifier runs a forward dynamic_rnn and a second dynamic_rnn over the reversed sequence, each in its own `variable_scope` (the cells are only built under a name_scope).

Source: https://github.com/tensorflow/tensorflow/issues/16072
Shape: class-attribute, tf1-graph
Target: tf1
Runtime: runs
"""

import os

os.environ["TF_USE_LEGACY_KERAS"] = "1"  # tf.compat.v1.nn.rnn_cell needs tf_keras

import numpy as np
import tensorflow.compat.v1 as tf

tf.disable_v2_behavior()


class TextRNN:
    def __init__(self, vocab_size=10, embedding_size=3, hidden_size=4):
        self.input_x = tf.placeholder(tf.int32, [None, None], name="input_x")
        self.seqlen = tf.placeholder(tf.int32, [None], name="seqlen")
        with tf.name_scope("embedding"):
            W = tf.Variable(tf.random_uniform([vocab_size, embedding_size], -1.0, 1.0), name="W")
            self.embedded_chars = tf.nn.embedding_lookup(W, self.input_x)

        with tf.name_scope("bidirectional-lstm"):
            lstm_fw_cell = tf.nn.rnn_cell.BasicLSTMCell(hidden_size, forget_bias=1.0)
            lstm_bw_cell = tf.nn.rnn_cell.BasicLSTMCell(hidden_size, forget_bias=1.0)
        with tf.variable_scope("lstm-output-fw"):
            self.lstm_outputs_fw, _ = tf.nn.dynamic_rnn(lstm_fw_cell, self.embedded_chars, sequence_length=self.seqlen, dtype=tf.float32)
        with tf.variable_scope("lstm-output-bw"):
            self.embedded_chars_rev = tf.reverse_sequence(self.embedded_chars, seq_lengths=self.seqlen, seq_axis=1)
            self.lstm_outputs_bw, _ = tf.nn.dynamic_rnn(lstm_bw_cell, self.embedded_chars_rev, sequence_length=self.seqlen, dtype=tf.float32)
        self.lstm_outputs = tf.concat([self.lstm_outputs_fw, self.lstm_outputs_bw], axis=2)


model = TextRNN()
with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    out = sess.run(model.lstm_outputs, {model.input_x: np.ones((2, 5), "int32"), model.seqlen: [5, 3]})
print(out.shape, [v.name for v in tf.trainable_variables()])
