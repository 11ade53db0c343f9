# Near misses of two MultiRNNCells called directly: each in its own named `variable_scope`; stacks whose first
# cells have other variable names (an LSTM stack and a GRU stack); plain LSTMCells, whose own scopes are made
# unique (`lstm_cell`, `lstm_cell_1`); and both stacks made and called in `keras_style_scope()`.
import os

os.environ["TF_USE_LEGACY_KERAS"] = "1"

import tensorflow.compat.v1 as tf

tf.disable_v2_behavior()


def stack(cell, units, layers):
    return tf.nn.rnn_cell.MultiRNNCell([cell(units) for _ in range(layers)])


def case_a_scope_each():
    tf.reset_default_graph()
    x = tf.placeholder(tf.float32, [2, 4])
    encoder, decoder = stack(tf.nn.rnn_cell.LSTMCell, 4, 2), stack(tf.nn.rnn_cell.LSTMCell, 4, 2)
    with tf.variable_scope("encoder"):
        encoder(x, encoder.zero_state(2, tf.float32))
    with tf.variable_scope("decoder"):
        decoder(x, decoder.zero_state(2, tf.float32))


def case_an_lstm_stack_and_a_gru_stack():
    tf.reset_default_graph()
    x = tf.placeholder(tf.float32, [2, 4])
    lstm, gru = stack(tf.nn.rnn_cell.LSTMCell, 4, 2), stack(tf.nn.rnn_cell.GRUCell, 4, 2)
    lstm(x, lstm.zero_state(2, tf.float32))
    gru(x, gru.zero_state(2, tf.float32))


def case_plain_cells():
    tf.reset_default_graph()
    x = tf.placeholder(tf.float32, [2, 4])
    first, second = tf.nn.rnn_cell.LSTMCell(4), tf.nn.rnn_cell.LSTMCell(4)
    first(x, first.zero_state(2, tf.float32))
    second(x, second.zero_state(2, tf.float32))


def case_keras_style_scope():
    tf.reset_default_graph()
    x = tf.placeholder(tf.float32, [2, 4])
    with tf.layers.experimental.keras_style_scope():
        encoder, decoder = stack(tf.nn.rnn_cell.LSTMCell, 4, 2), stack(tf.nn.rnn_cell.LSTMCell, 4, 2)
        encoder(x, encoder.zero_state(2, tf.float32))
        decoder(x, decoder.zero_state(2, tf.float32))
