# Two TF1 RNN calls whose fresh cells create the same variables in one variable scope (graph mode).
import tensorflow.compat.v1 as tf

tf.disable_eager_execution()


def inputs():
    return tf.placeholder(tf.float32, [None, 5, 3])


def case_two_dynamic_rnn():
    tf.reset_default_graph()
    x = inputs()
    encoded, _ = tf.nn.dynamic_rnn(tf.nn.rnn_cell.LSTMCell(4), x, dtype=tf.float32)
    decoded, _ = tf.nn.dynamic_rnn(
        tf.nn.rnn_cell.LSTMCell(4), encoded, dtype=tf.float32, scope="rnn_1"
    )  # expect: TFV301
    return decoded


def case_cells_in_a_scope():
    tf.reset_default_graph()
    x = inputs()
    with tf.variable_scope("model"):
        first = tf.nn.rnn_cell.GRUCell(4)
        second = tf.nn.rnn_cell.GRUCell(4)
        a, _ = tf.nn.dynamic_rnn(first, x, dtype=tf.float32)
        b, _ = tf.nn.dynamic_rnn(second, a, dtype=tf.float32, scope="rnn_2")  # expect: TFV301
    return b


def case_reopened_scope():
    tf.reset_default_graph()
    x = inputs()
    with tf.variable_scope("stack"):
        a, _ = tf.nn.dynamic_rnn(tf.nn.rnn_cell.BasicLSTMCell(3), x, dtype=tf.float32, scope="layer")
    with tf.variable_scope("stack"):
        b, _ = tf.nn.dynamic_rnn(tf.nn.rnn_cell.BasicLSTMCell(3), a, dtype=tf.float32, scope="layer_1")  # expect: TFV301
    return b


def case_bidirectional():
    tf.reset_default_graph()
    x = inputs()
    cell = tf.nn.rnn_cell.LSTMCell
    tf.nn.bidirectional_dynamic_rnn(cell(4), cell(4), x, dtype=tf.float32)
    (fw, bw), _ = tf.nn.bidirectional_dynamic_rnn(
        cell(4), cell(4), x, dtype=tf.float32, scope="bidirectional_rnn_1"
    )  # expect: TFV301
    return fw


def case_static_rnn():
    tf.reset_default_graph()
    steps = tf.unstack(inputs(), axis=1)
    first, _ = tf.nn.static_rnn(tf.nn.rnn_cell.LSTMCell(3), steps, dtype=tf.float32)
    second, _ = tf.nn.static_rnn(tf.nn.rnn_cell.LSTMCell(3), first, dtype=tf.float32, scope="rnn_3")  # expect: TFV301
    return second
