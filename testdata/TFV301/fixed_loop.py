# Stacked RNN layers built in a loop: each pass makes fresh cells, but every pass's RNN call uses the default
# scope, so the second pass creates the first pass's variables again.
import tensorflow.compat.v1 as tf

tf.disable_eager_execution()


def inputs():
    return tf.placeholder(tf.float32, [None, 5, 3])


def case_enumerated_sizes():
    tf.reset_default_graph()
    out = inputs()
    for idx, size in enumerate([4, 4]):
        fw, bw = tf.nn.rnn_cell.LSTMCell(size), tf.nn.rnn_cell.LSTMCell(size)
        pair, _ = tf.nn.bidirectional_dynamic_rnn(
            fw, bw, out, dtype=tf.float32, scope=f"bidirectional_rnn_{idx}"
        )  # expect: TFV301
        out = tf.concat(pair, 2)
    return out


def case_cells_made_in_scopes():
    tf.reset_default_graph()
    cells = []
    for n, size in enumerate([4, 4]):
        with tf.variable_scope("layer_%d" % n):
            cells.append(tf.nn.rnn_cell.GRUCell(size))
    out = inputs()
    for i, cell in enumerate(cells):
        out, _ = tf.nn.dynamic_rnn(cell, out, dtype=tf.float32, scope=f"rnn_{i}")  # expect: TFV301
    return out
