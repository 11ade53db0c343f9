# Repeated RNN scopes in real shapes: helpers, loops, containers, parameters, methods, direct cell calls.
import tensorflow.compat.v1 as tf

tf.disable_eager_execution()


def inputs():
    return tf.placeholder(tf.float32, [None, 5, 3])


def encode(x):
    return tf.nn.dynamic_rnn(tf.nn.rnn_cell.LSTMCell(4), x, dtype=tf.float32)[0]


def decode(x):
    return tf.nn.dynamic_rnn(tf.nn.rnn_cell.LSTMCell(4), x, dtype=tf.float32, scope="rnn_1")[0]  # expect: TFV301


def case_helpers():
    tf.reset_default_graph()
    return decode(encode(inputs()))


def case_loop_over_sizes():
    tf.reset_default_graph()
    out = inputs()
    for size in [4, 4]:
        out, _ = tf.nn.dynamic_rnn(tf.nn.rnn_cell.GRUCell(size), out, dtype=tf.float32)  # expect: TFV301
    return out


def case_cells_in_a_dict():
    tf.reset_default_graph()
    x = inputs()
    cells = {"encoder": tf.nn.rnn_cell.LSTMCell(4), "decoder": tf.nn.rnn_cell.LSTMCell(4)}
    encoded, _ = tf.nn.dynamic_rnn(cells["encoder"], x, dtype=tf.float32)
    decoded, _ = tf.nn.dynamic_rnn(cells["decoder"], encoded, dtype=tf.float32, scope="rnn_2")  # expect: TFV301
    return decoded


def stack(x, first, second):
    hidden, _ = tf.nn.dynamic_rnn(first, x, dtype=tf.float32)
    out, _ = tf.nn.dynamic_rnn(second, hidden, dtype=tf.float32, scope="rnn_3")  # expect: TFV301
    return out


def case_cells_as_parameters():
    tf.reset_default_graph()
    return stack(inputs(), tf.nn.rnn_cell.BasicLSTMCell(3), tf.nn.rnn_cell.BasicLSTMCell(3))


class Seq2Seq:
    def __init__(self, units=4):
        self.units = units
        self.source = inputs()

    def encoder(self):
        with tf.variable_scope("model"):
            self.memory, _ = tf.nn.dynamic_rnn(tf.nn.rnn_cell.LSTMCell(self.units), self.source, dtype=tf.float32)

    def decoder(self):
        with tf.variable_scope("model"):
            self.output, _ = tf.nn.dynamic_rnn(
                tf.nn.rnn_cell.LSTMCell(self.units), self.memory, dtype=tf.float32, scope="rnn_4"
            )  # expect: TFV301

    def build(self):
        self.encoder()
        self.decoder()
        return self.output


def case_methods_of_a_class():
    tf.reset_default_graph()
    return Seq2Seq().build()


def case_cells_called_in_reopened_scopes():
    tf.reset_default_graph()
    x = tf.placeholder(tf.float32, [2, 3])
    with tf.variable_scope("lstm"):
        first = tf.nn.rnn_cell.LSTMCell(4)
        h, _ = first(x, first.zero_state(2, tf.float32))
    with tf.variable_scope("lstm"):
        second = tf.nn.rnn_cell.LSTMCell(4)
        h, _ = second(h, second.zero_state(2, tf.float32))  # expect: TFV301
    return h
