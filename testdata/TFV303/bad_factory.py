# A cell made by statements under a condition and stacked as one object, where the first statement calls a
# method that returns a fresh cell and the stack rebinds the cell's name (tensorflow/models#2868), or where two
# paths bind the name to two different cells and a one-layer path reads it through another name
# (tensorflow/models#934).
import tensorflow.compat.v1 as tf

tf.disable_eager_execution()


class Language:
    def _get_lstm_cell(self, units):
        return tf.nn.rnn_cell.BasicLSTMCell(units, forget_bias=0.0)

    def build(self, x, keep_prob, layers):
        cell = self._get_lstm_cell(4)
        if keep_prob < 1:
            cell = tf.nn.rnn_cell.DropoutWrapper(cell, output_keep_prob=keep_prob)
        cell = tf.nn.rnn_cell.MultiRNNCell([cell for _ in range(layers)])  # expect: TFV303
        return tf.nn.dynamic_rnn(cell, x, dtype=tf.float32)[0]


def case_method_cell_rebound(keep_prob=0.5, layers=2):
    tf.reset_default_graph()
    x = tf.placeholder(tf.float32, [None, 5, 3])
    return Language().build(x, keep_prob, layers)


def translate(x, use_lstm, layers):
    single_cell = tf.nn.rnn_cell.GRUCell(4)
    if use_lstm:
        single_cell = tf.nn.rnn_cell.BasicLSTMCell(4)
    cell = single_cell
    if layers > 1:
        cell = tf.nn.rnn_cell.MultiRNNCell([single_cell] * layers)  # expect: TFV303
    return tf.nn.dynamic_rnn(cell, x, dtype=tf.float32)[0]


def case_gru_stack():
    tf.reset_default_graph()
    return translate(tf.placeholder(tf.float32, [None, 5, 3]), False, 2)


def case_lstm_stack():
    tf.reset_default_graph()
    return translate(tf.placeholder(tf.float32, [None, 5, 3]), True, 2)


def case_one_gru_layer():
    tf.reset_default_graph()
    return translate(tf.placeholder(tf.float32, [None, 5, 3]), False, 1)
