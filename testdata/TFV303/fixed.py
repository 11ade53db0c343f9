# One TF1 cell object used for several layers or directions.
import tensorflow.compat.v1 as tf

tf.disable_eager_execution()


def case_repeated_list_mismatch():
    tf.reset_default_graph()
    x = tf.placeholder(tf.float32, [None, 5, 3])
    cell = tf.nn.rnn_cell.LSTMCell(4)
    stack = tf.nn.rnn_cell.MultiRNNCell([tf.nn.rnn_cell.LSTMCell(4) for _ in range(2)])  # expect: TFV303
    return tf.nn.dynamic_rnn(stack, x, dtype=tf.float32)[0]


def case_repeated_list_silent():
    tf.reset_default_graph()
    x = tf.placeholder(tf.float32, [None, 5, 4])
    cell = tf.nn.rnn_cell.LSTMCell(4)
    stack = tf.nn.rnn_cell.MultiRNNCell([tf.nn.rnn_cell.LSTMCell(4) for _ in range(2)])  # expect: TFV303
    return tf.nn.dynamic_rnn(stack, x, dtype=tf.float32)[0]


def case_wrapped_in_comprehension(layers=2):
    tf.reset_default_graph()
    x = tf.placeholder(tf.float32, [None, 5, 4])
    cell = tf.nn.rnn_cell.LSTMCell(4)
    stack = tf.nn.rnn_cell.MultiRNNCell(
        [tf.nn.rnn_cell.DropoutWrapper(tf.nn.rnn_cell.LSTMCell(4), output_keep_prob=0.9) for _ in range(layers)]  # expect: TFV303
    )
    return tf.nn.dynamic_rnn(stack, x, dtype=tf.float32)[0]


def case_both_directions():
    tf.reset_default_graph()
    x = tf.placeholder(tf.float32, [None, 5, 3])
    cell = tf.nn.rnn_cell.GRUCell(4)
    (fw, bw), _ = tf.nn.bidirectional_dynamic_rnn(
        cell, tf.nn.rnn_cell.GRUCell(4), x, dtype=tf.float32
    )  # expect: TFV303
    return fw


def case_encoder_decoder(units=4):
    tf.reset_default_graph()
    x = tf.placeholder(tf.float32, [None, 5, 4])
    cell = tf.nn.rnn_cell.LSTMCell(units)
    encoded, _ = tf.nn.dynamic_rnn(cell, x, dtype=tf.float32, scope="encoder")
    decoded, _ = tf.nn.dynamic_rnn(
        tf.nn.rnn_cell.LSTMCell(units), encoded, dtype=tf.float32, scope="decoder"
    )  # expect: TFV303
    return decoded
