# Near misses in real shapes: a fresh cell per loop pass, per direction from a helper, exclusive arms, expected
# failures, sharing under reuse, one cell stepped by hand over time.
import pytest
import tensorflow.compat.v1 as tf

tf.disable_eager_execution()


def case_fresh_cell_per_pass():
    tf.reset_default_graph()
    x = tf.placeholder(tf.float32, [None, 5, 3])
    cells = []
    for _ in range(2):
        cells.append(tf.nn.rnn_cell.DropoutWrapper(tf.nn.rnn_cell.LSTMCell(4), output_keep_prob=0.9))
    return tf.nn.dynamic_rnn(tf.nn.rnn_cell.MultiRNNCell(cells), x, dtype=tf.float32)[0]


def make_cell(units):
    return tf.nn.rnn_cell.GRUCell(units)


def case_cell_factory_per_direction():
    tf.reset_default_graph()
    x = tf.placeholder(tf.float32, [None, 5, 3])
    return tf.nn.bidirectional_dynamic_rnn(make_cell(4), make_cell(4), x, dtype=tf.float32)[0]


def case_exclusive_arms(tied=False):
    tf.reset_default_graph()
    x = tf.placeholder(tf.float32, [None, 5, 3])
    forward = tf.nn.rnn_cell.LSTMCell(4)
    if tied:
        return tf.nn.dynamic_rnn(forward, x, dtype=tf.float32)[0]
    return tf.nn.bidirectional_dynamic_rnn(forward, tf.nn.rnn_cell.LSTMCell(4), x, dtype=tf.float32)[0]


def case_expected_failure():
    tf.reset_default_graph()
    x = tf.placeholder(tf.float32, [None, 5, 3])
    cell = tf.nn.rnn_cell.LSTMCell(4)
    with pytest.raises(ValueError, match="Dimensions must be equal"):
        tf.nn.dynamic_rnn(tf.nn.rnn_cell.MultiRNNCell([cell] * 2), x, dtype=tf.float32)


def case_train_and_infer_share_on_purpose():
    tf.reset_default_graph()
    x = tf.placeholder(tf.float32, [None, 5, 3])
    cell = tf.nn.rnn_cell.LSTMCell(4)
    with tf.variable_scope("decoder") as scope:
        train, _ = tf.nn.dynamic_rnn(cell, x, dtype=tf.float32, scope=scope)
        scope.reuse_variables()
        infer, _ = tf.nn.dynamic_rnn(cell, x, dtype=tf.float32, scope=scope)
    return train, infer


def case_one_cell_stepped_by_hand():
    tf.reset_default_graph()
    cell = tf.nn.rnn_cell.BasicRNNCell(4)
    state = cell.zero_state(2, tf.float32)
    outputs = []
    for step in [tf.placeholder(tf.float32, [2, 4]) for _ in range(3)]:
        out, state = cell(step, state)
        outputs.append(out)
    return outputs
