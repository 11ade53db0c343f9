# Near misses in real shapes: a scope per pass, exclusive arms, expected failures, reuse done right, cells
# called directly in one block (TF names them lstm_cell, lstm_cell_1), one cell object run twice on purpose.
import unittest

import pytest
import tensorflow.compat.v1 as tf

tf.disable_eager_execution()


def inputs():
    return tf.placeholder(tf.float32, [None, 5, 3])


def case_scope_per_pass():
    tf.reset_default_graph()
    out = inputs()
    for index, size in enumerate([4, 4]):
        out, _ = tf.nn.dynamic_rnn(tf.nn.rnn_cell.GRUCell(size), out, dtype=tf.float32, scope="layer_%d" % index)
    return out


def layer(x, bidirectional):
    if bidirectional:
        return tf.nn.bidirectional_dynamic_rnn(tf.nn.rnn_cell.LSTMCell(4), tf.nn.rnn_cell.LSTMCell(4), x, dtype=tf.float32)[0][0]
    return tf.nn.dynamic_rnn(tf.nn.rnn_cell.LSTMCell(4), x, dtype=tf.float32)[0]


def case_exclusive_arms():
    tf.reset_default_graph()
    return layer(inputs(), bidirectional=True)


def case_expected_failure():
    tf.reset_default_graph()
    x = inputs()
    tf.nn.dynamic_rnn(tf.nn.rnn_cell.LSTMCell(4), x, dtype=tf.float32)
    with pytest.raises(ValueError, match="already exists"):
        tf.nn.dynamic_rnn(tf.nn.rnn_cell.LSTMCell(4), x, dtype=tf.float32)


def case_handled_failure():
    tf.reset_default_graph()
    x = inputs()
    first, _ = tf.nn.dynamic_rnn(tf.nn.rnn_cell.LSTMCell(4), x, dtype=tf.float32)
    try:
        second, _ = tf.nn.dynamic_rnn(tf.nn.rnn_cell.LSTMCell(4), x, dtype=tf.float32)
    except ValueError:
        second = first
    return second


class TestRepeatedScope(unittest.TestCase):
    def test_second_call_raises(self):
        tf.reset_default_graph()
        x = inputs()
        tf.nn.dynamic_rnn(tf.nn.rnn_cell.LSTMCell(4), x, dtype=tf.float32)
        with self.assertRaises(ValueError):
            tf.nn.dynamic_rnn(tf.nn.rnn_cell.LSTMCell(4), x, dtype=tf.float32)


def case_reuse_for_inference():
    tf.reset_default_graph()
    x = inputs()
    with tf.variable_scope("decoder"):
        train, _ = tf.nn.dynamic_rnn(tf.nn.rnn_cell.LSTMCell(4), x, dtype=tf.float32)
    with tf.variable_scope("decoder", reuse=tf.AUTO_REUSE):
        infer, _ = tf.nn.dynamic_rnn(tf.nn.rnn_cell.LSTMCell(4), x, dtype=tf.float32)
    return train, infer


def case_cells_called_in_one_block():
    tf.reset_default_graph()
    x = tf.placeholder(tf.float32, [2, 3])
    with tf.variable_scope("stack"):
        first = tf.nn.rnn_cell.LSTMCell(4)
        h, _ = first(x, first.zero_state(2, tf.float32))
        second = tf.nn.rnn_cell.LSTMCell(4)
        h, _ = second(h, second.zero_state(2, tf.float32))
    return h


def case_one_cell_unrolled():
    tf.reset_default_graph()
    cell = tf.nn.rnn_cell.LSTMCell(4)
    state = cell.zero_state(2, tf.float32)
    steps = [tf.placeholder(tf.float32, [2, 3]) for _ in range(3)]
    for step in steps:
        out, state = cell(step, state)
    return out


def case_fresh_graph_per_model():
    outputs = []
    for units in [4, 8]:
        with tf.Graph().as_default():
            outputs.append(tf.nn.dynamic_rnn(tf.nn.rnn_cell.LSTMCell(units), inputs(), dtype=tf.float32)[0])
    return outputs
