# Found by the repeated-rnn-scope rule: two `MultiRNNCell`s called directly (`cell(x, state)`) in one block.
# A MultiRNNCell keeps its default scope `multi_rnn_cell` (it is not made unique as an LSTMCell's
# `lstm_cell`, `lstm_cell_1` is), and each of its `cell_<i>` scopes is entered afresh, so the second stack
# makes `multi_rnn_cell/cell_0/lstm_cell/kernel` again (measured, TF 2.21 + tf_keras). No fix.
import os

os.environ["TF_USE_LEGACY_KERAS"] = "1"

import tensorflow.compat.v1 as tf

tf.disable_v2_behavior()


def stack(units, layers):
    return tf.nn.rnn_cell.MultiRNNCell([tf.nn.rnn_cell.LSTMCell(units) for _ in range(layers)])


def case_two_stacks_in_one_block():
    tf.reset_default_graph()
    x = tf.placeholder(tf.float32, [2, 4])
    encoder, decoder = stack(4, 2), stack(4, 2)
    encoder(x, encoder.zero_state(2, tf.float32))
    decoder(x, decoder.zero_state(2, tf.float32))  # expect: TFV301


def case_stacks_of_other_cells_in_a_scope():
    tf.reset_default_graph()
    x = tf.placeholder(tf.float32, [2, 4])
    with tf.variable_scope("towers"):
        first = tf.nn.rnn_cell.MultiRNNCell([tf.nn.rnn_cell.GRUCell(4)])
        second = tf.nn.rnn_cell.MultiRNNCell([tf.nn.rnn_cell.GRUCell(4), tf.nn.rnn_cell.GRUCell(4)])
        first(x, first.zero_state(2, tf.float32))
        second(x, second.zero_state(2, tf.float32))  # expect: TFV301
