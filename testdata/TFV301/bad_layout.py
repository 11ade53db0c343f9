# Two dynamic_rnn calls in one scope, written over several lines and in single quotes: the fix keeps both.
import tensorflow.compat.v1 as tf

tf.disable_eager_execution()


def case_multiline_calls():
    tf.reset_default_graph()
    x = tf.placeholder(tf.float32, [None, 5, 3])
    with tf.variable_scope('model'):
        a, _ = tf.nn.dynamic_rnn(tf.nn.rnn_cell.LSTMCell(4), x,
                                 dtype=tf.float32)
        b, _ = tf.nn.dynamic_rnn(  # expect: TFV301
            tf.nn.rnn_cell.LSTMCell(4),
            x,
            dtype=tf.float32
        )
        c, _ = tf.nn.dynamic_rnn(  # expect: TFV301
            tf.nn.rnn_cell.LSTMCell(4),
            x,
            dtype=tf.float32,
        )
    return a, b, c
