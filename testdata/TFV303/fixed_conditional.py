# One cell built in two steps, the second under a condition, then stacked with `[cell] * n`.
import tensorflow.compat.v1 as tf

tf.disable_eager_execution()


def case_dropout_when_training(keep_prob=0.5, layers=2):
    tf.reset_default_graph()
    x = tf.placeholder(tf.float32, [None, 5, 3])
    def make_cell():
        cell = tf.nn.rnn_cell.LSTMCell(4)
        if keep_prob < 1:
            cell = tf.nn.rnn_cell.DropoutWrapper(cell, output_keep_prob=keep_prob)
        return cell
    stack = tf.nn.rnn_cell.MultiRNNCell([make_cell() for _ in range(layers)])  # expect: TFV303
    return tf.nn.dynamic_rnn(stack, x, dtype=tf.float32)[0]


def case_cell_read_after_the_stack(keep_prob=0.5, layers=2):
    tf.reset_default_graph()
    x = tf.placeholder(tf.float32, [None, 5, 3])
    cell = tf.nn.rnn_cell.LSTMCell(4)
    if keep_prob < 1:
        cell = tf.nn.rnn_cell.DropoutWrapper(cell, output_keep_prob=keep_prob)
    stack = tf.nn.rnn_cell.MultiRNNCell([cell] * layers)  # expect: TFV303
    outputs = tf.nn.dynamic_rnn(stack, x, dtype=tf.float32)[0]
    return outputs, cell.output_size


def case_comprehension_of_one_cell(keep_prob=0.5, layers=2):
    # the stack written as a comprehension over the one cell (`[cell for _ in range(n)]`): the same object each pass
    tf.reset_default_graph()
    x = tf.placeholder(tf.float32, [None, 5, 3])
    def make_lstm_cell():
        lstm_cell = tf.nn.rnn_cell.BasicLSTMCell(4, forget_bias=0.0)
        if keep_prob < 1:
            lstm_cell = tf.nn.rnn_cell.DropoutWrapper(lstm_cell, output_keep_prob=keep_prob)
        return lstm_cell
    stack = tf.nn.rnn_cell.MultiRNNCell([make_lstm_cell() for _ in range(layers)])  # expect: TFV303
    return tf.nn.dynamic_rnn(stack, x, dtype=tf.float32)[0]
