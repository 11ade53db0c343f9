# Near misses: fresh cells per layer, per direction, per call; sharing on purpose under reuse.
import tensorflow.compat.v1 as tf

tf.disable_eager_execution()


def case_comprehension():
    tf.reset_default_graph()
    x = tf.placeholder(tf.float32, [None, 5, 3])
    stack = tf.nn.rnn_cell.MultiRNNCell([tf.nn.rnn_cell.LSTMCell(4) for _ in range(2)])
    return tf.nn.dynamic_rnn(stack, x, dtype=tf.float32)[0]


def case_wrapped_fresh():
    tf.reset_default_graph()
    x = tf.placeholder(tf.float32, [None, 5, 3])
    cells = [tf.nn.rnn_cell.DropoutWrapper(tf.nn.rnn_cell.GRUCell(4)) for _ in range(2)]
    return tf.nn.dynamic_rnn(tf.nn.rnn_cell.MultiRNNCell(cells), x, dtype=tf.float32)[0]


def case_two_cells():
    tf.reset_default_graph()
    x = tf.placeholder(tf.float32, [None, 5, 3])
    forward = tf.nn.rnn_cell.LSTMCell(4)
    backward = tf.nn.rnn_cell.LSTMCell(4)
    return tf.nn.bidirectional_dynamic_rnn(forward, backward, x, dtype=tf.float32)[0]


def case_listed_cells():
    tf.reset_default_graph()
    x = tf.placeholder(tf.float32, [None, 5, 3])
    first, second = tf.nn.rnn_cell.LSTMCell(4), tf.nn.rnn_cell.LSTMCell(4)
    return tf.nn.dynamic_rnn(tf.nn.rnn_cell.MultiRNNCell([first, second]), x, dtype=tf.float32)[0]


def case_shared_on_purpose():
    tf.reset_default_graph()
    x = tf.placeholder(tf.float32, [None, 5, 3])
    cell = tf.nn.rnn_cell.LSTMCell(4)
    with tf.variable_scope("decoder"):
        train, _ = tf.nn.dynamic_rnn(cell, x, dtype=tf.float32)
    with tf.variable_scope("decoder", reuse=True):
        infer, _ = tf.nn.dynamic_rnn(cell, x, dtype=tf.float32)
    return train, infer


def case_one_branch(bidirectional=True):
    tf.reset_default_graph()
    x = tf.placeholder(tf.float32, [None, 5, 3])
    cell = tf.nn.rnn_cell.LSTMCell(4)
    if bidirectional:
        out = tf.nn.bidirectional_dynamic_rnn(cell, tf.nn.rnn_cell.LSTMCell(4), x, dtype=tf.float32)[0]
    else:
        out = tf.nn.dynamic_rnn(cell, x, dtype=tf.float32)[0]
    return out
