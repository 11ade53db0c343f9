# One TF1 cell made right before its use from an object's attributes or a tensor, then used twice: the
# construction can be repeated at the use (nothing runs in between), also through a wrapper and a `[x] * n`.
import tensorflow.compat.v1 as tf

tf.disable_eager_execution()


class Config:
    units = 3


class Tagger:
    def __init__(self, config):
        self.config = config

    def encode(self, x):
        cell = tf.nn.rnn_cell.LSTMCell(self.config.units, state_is_tuple=True)
        (fw, bw), _ = tf.nn.bidirectional_dynamic_rnn(
            cell, tf.nn.rnn_cell.LSTMCell(self.config.units, state_is_tuple=True), x, dtype=tf.float32
        )  # expect: TFV303
        return tf.concat([fw, bw], axis=-1)

    def grow(self):
        self.config.units += 1
        return self.config.units

    def encode_after_a_change(self, x):
        cell = tf.nn.rnn_cell.LSTMCell(self.config.units)
        self.grow()
        return tf.nn.bidirectional_dynamic_rnn(cell, cell, x, dtype=tf.float32)[0]  # expect: TFV303


def case_attribute_read_right_before():
    tf.reset_default_graph()
    return Tagger(Config()).encode(tf.placeholder(tf.float32, [None, 5, 3]))


def case_attribute_changed_in_between():
    tf.reset_default_graph()
    return Tagger(Config()).encode_after_a_change(tf.placeholder(tf.float32, [None, 5, 3]))


def case_stack_for_both_directions(layers=2):
    tf.reset_default_graph()
    x = tf.placeholder(tf.float32, [None, 5, 4])
    keep = tf.placeholder_with_default(1.0, [])
    lstm = tf.nn.rnn_cell.BasicLSTMCell(4)
    drop = tf.nn.rnn_cell.DropoutWrapper(lstm, input_keep_prob=keep)
    stack = tf.nn.rnn_cell.MultiRNNCell(
        [tf.nn.rnn_cell.DropoutWrapper(tf.nn.rnn_cell.BasicLSTMCell(4), input_keep_prob=keep) for _ in range(layers)]
    )  # expect: TFV303
    _, state = tf.nn.bidirectional_dynamic_rnn(
        cell_fw=stack,
        cell_bw=tf.nn.rnn_cell.MultiRNNCell([tf.nn.rnn_cell.DropoutWrapper(tf.nn.rnn_cell.BasicLSTMCell(4), input_keep_prob=keep) for _ in range(layers)]),
        inputs=x,
        dtype=tf.float32,
    )  # expect: TFV303
    return state
