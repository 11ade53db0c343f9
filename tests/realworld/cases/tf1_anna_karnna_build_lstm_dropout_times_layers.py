"""A character-level LSTM notebook builds its stacked cell in a `build_lstm` helper: one `BasicLSTMCell`, one `DropoutWrapper` around it, then `MultiRNNCell([drop] * num_layers)`; the helper returns the cell and its zero state, and `dynamic_rnn` on the one-hot input fails because the single cell serves two layers of different input width.

Source: https://github.com/udacity/deep-learning/issues/132
Shape: helper, parameter, tf1-graph, notebook-like
Target: tf1
Runtime: raises ValueError: Dimensions must be equal
"""

import os

os.environ["TF_USE_LEGACY_KERAS"] = "1"  # tf.compat.v1.nn.rnn_cell needs tf_keras

import tensorflow.compat.v1 as tf

tf.disable_v2_behavior()


def build_inputs(batch_size, num_steps):
    inputs = tf.placeholder(tf.int32, [batch_size, num_steps], name="inputs")
    keep_prob = tf.placeholder(tf.float32, name="keep_prob")
    return inputs, keep_prob


def build_lstm(lstm_size, num_layers, batch_size, keep_prob):
    lstm = tf.nn.rnn_cell.BasicLSTMCell(lstm_size)
    drop = tf.nn.rnn_cell.DropoutWrapper(lstm, output_keep_prob=keep_prob)
    cell = tf.nn.rnn_cell.MultiRNNCell([drop] * num_layers)  # expect: TFV303
    initial_state = cell.zero_state(batch_size, tf.float32)
    return cell, initial_state


class CharRNN:
    def __init__(self, num_classes, batch_size=2, num_steps=5, lstm_size=8, num_layers=2):
        self.inputs, self.keep_prob = build_inputs(batch_size, num_steps)
        cell, self.initial_state = build_lstm(lstm_size, num_layers, batch_size, self.keep_prob)
        x_one_hot = tf.one_hot(self.inputs, num_classes)
        outputs, state = tf.nn.dynamic_rnn(cell, x_one_hot, initial_state=self.initial_state)
        self.final_state = state


model = CharRNN(num_classes=12)
