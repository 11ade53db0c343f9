# Near misses: distinct scopes, reuse, AUTO_REUSE, cells with different names, separate graphs, exclusive arms.
import tensorflow.compat.v1 as tf

tf.disable_eager_execution()


def inputs():
    return tf.placeholder(tf.float32, [None, 5, 3])


def case_distinct_scope_arguments():
    tf.reset_default_graph()
    x = inputs()
    encoded, _ = tf.nn.dynamic_rnn(tf.nn.rnn_cell.LSTMCell(4), x, dtype=tf.float32, scope="encoder")
    decoded, _ = tf.nn.dynamic_rnn(tf.nn.rnn_cell.LSTMCell(4), encoded, dtype=tf.float32, scope="decoder")
    return decoded


def case_distinct_variable_scopes():
    tf.reset_default_graph()
    x = inputs()
    with tf.variable_scope("enc"):
        a, _ = tf.nn.dynamic_rnn(tf.nn.rnn_cell.LSTMCell(4), x, dtype=tf.float32)
    with tf.variable_scope("dec"):
        b, _ = tf.nn.dynamic_rnn(tf.nn.rnn_cell.LSTMCell(4), a, dtype=tf.float32)
    return b


def case_reuse_true():
    tf.reset_default_graph()
    x = inputs()
    with tf.variable_scope("shared"):
        a, _ = tf.nn.dynamic_rnn(tf.nn.rnn_cell.LSTMCell(4), x, dtype=tf.float32)
    with tf.variable_scope("shared", reuse=True):
        b, _ = tf.nn.dynamic_rnn(tf.nn.rnn_cell.LSTMCell(4), x, dtype=tf.float32)
    return b


def case_auto_reuse():
    tf.reset_default_graph()
    x = inputs()
    with tf.variable_scope("shared", reuse=tf.AUTO_REUSE):
        a, _ = tf.nn.dynamic_rnn(tf.nn.rnn_cell.LSTMCell(4), x, dtype=tf.float32)
        b, _ = tf.nn.dynamic_rnn(tf.nn.rnn_cell.LSTMCell(4), x, dtype=tf.float32)
    return b


def case_reuse_variables():
    tf.reset_default_graph()
    x = inputs()
    with tf.variable_scope("tied"):
        a, _ = tf.nn.dynamic_rnn(tf.nn.rnn_cell.LSTMCell(4), x, dtype=tf.float32)
        tf.get_variable_scope().reuse_variables()
        b, _ = tf.nn.dynamic_rnn(tf.nn.rnn_cell.LSTMCell(4), x, dtype=tf.float32)
    return b


def case_different_cells():
    tf.reset_default_graph()
    x = inputs()
    a, _ = tf.nn.dynamic_rnn(tf.nn.rnn_cell.LSTMCell(4), x, dtype=tf.float32)
    b, _ = tf.nn.dynamic_rnn(tf.nn.rnn_cell.GRUCell(4), a, dtype=tf.float32)
    c, _ = tf.nn.dynamic_rnn(tf.nn.rnn_cell.LSTMCell(4, name="top"), b, dtype=tf.float32)
    return c


def case_separate_graphs():
    outputs = []
    for _ in range(1):
        with tf.Graph().as_default():
            x = inputs()
            outputs.append(tf.nn.dynamic_rnn(tf.nn.rnn_cell.LSTMCell(4), x, dtype=tf.float32)[0])
    with tf.Graph().as_default():
        x = inputs()
        outputs.append(tf.nn.dynamic_rnn(tf.nn.rnn_cell.LSTMCell(4), x, dtype=tf.float32)[0])
    return outputs


def case_one_of_two(bidirectional=False):
    tf.reset_default_graph()
    x = inputs()
    if bidirectional:
        out, _ = tf.nn.dynamic_rnn(tf.nn.rnn_cell.LSTMCell(2), x, dtype=tf.float32)
    else:
        out, _ = tf.nn.dynamic_rnn(tf.nn.rnn_cell.LSTMCell(4), x, dtype=tf.float32)
    return out


def case_computed_scopes():
    tf.reset_default_graph()
    out = inputs()
    for i in range(2):
        with tf.variable_scope("layer_%d" % i):
            out, _ = tf.nn.dynamic_rnn(tf.nn.rnn_cell.LSTMCell(3), out, dtype=tf.float32)
    return out


def run_with(cell, x, scope):
    return tf.nn.dynamic_rnn(cell, x, dtype=tf.float32, scope=scope)[0]
