# One TF1 cell object used where several are meant, in real shapes: helpers, loops, containers, parameters,
# attributes shared across methods.
import tensorflow.compat.v1 as tf

tf.disable_eager_execution()


def stacked(units, layers):
    cell = tf.nn.rnn_cell.LSTMCell(units)
    return tf.nn.rnn_cell.MultiRNNCell([tf.nn.rnn_cell.LSTMCell(units) for _ in range(layers)])  # expect: TFV303


def case_helper():
    tf.reset_default_graph()
    x = tf.placeholder(tf.float32, [None, 5, 4])
    return tf.nn.dynamic_rnn(stacked(4, 2), x, dtype=tf.float32)[0]


def case_appended_in_a_loop():
    tf.reset_default_graph()
    x = tf.placeholder(tf.float32, [None, 5, 4])
    cell = tf.nn.rnn_cell.GRUCell(4)
    cells = []
    for _ in range(2):
        cells.append(cell)
    return tf.nn.dynamic_rnn(tf.nn.rnn_cell.MultiRNNCell(cells), x, dtype=tf.float32)[0]  # expect: TFV303


def case_cells_in_a_dict():
    tf.reset_default_graph()
    x = tf.placeholder(tf.float32, [None, 5, 3])
    cell = tf.nn.rnn_cell.LSTMCell(4)
    cells = {"fw": cell, "bw": cell}
    return tf.nn.bidirectional_dynamic_rnn(cells["fw"], cells["bw"], x, dtype=tf.float32)[0]  # expect: TFV303


def bilstm(x, cell):
    return tf.nn.bidirectional_dynamic_rnn(cell, cell, x, dtype=tf.float32)[0]  # expect: TFV303


def case_cell_as_parameter():
    tf.reset_default_graph()
    return bilstm(tf.placeholder(tf.float32, [None, 5, 3]), tf.nn.rnn_cell.LSTMCell(4))


class Translator:
    def __init__(self, units=4):
        self.cell = tf.nn.rnn_cell.LSTMCell(units)
        self.cell_1 = tf.nn.rnn_cell.LSTMCell(units)
        self.source = tf.placeholder(tf.float32, [None, 5, 4])

    def encode(self):
        self.memory, _ = tf.nn.dynamic_rnn(self.cell, self.source, dtype=tf.float32, scope="encoder")

    def decode(self):
        self.output, _ = tf.nn.dynamic_rnn(self.cell_1, self.memory, dtype=tf.float32, scope="decoder")  # expect: TFV303

    def build(self):
        self.encode()
        self.decode()
        return self.output


def case_attribute_across_methods():
    tf.reset_default_graph()
    return Translator().build()


def case_listed_twice():
    tf.reset_default_graph()
    x = tf.placeholder(tf.float32, [None, 5, 4])
    cell = tf.nn.rnn_cell.BasicLSTMCell(4)
    stack = tf.nn.rnn_cell.MultiRNNCell([cell, tf.nn.rnn_cell.BasicLSTMCell(4)])  # expect: TFV303
    return tf.nn.dynamic_rnn(stack, x, dtype=tf.float32)[0]


def case_wrapped_and_repeated():
    tf.reset_default_graph()
    x = tf.placeholder(tf.float32, [None, 5, 4])
    drop = tf.nn.rnn_cell.DropoutWrapper(tf.nn.rnn_cell.LSTMCell(4), output_keep_prob=0.5)
    return tf.nn.dynamic_rnn(tf.nn.rnn_cell.MultiRNNCell([tf.nn.rnn_cell.DropoutWrapper(tf.nn.rnn_cell.LSTMCell(4), output_keep_prob=0.5) for _ in range(2)]), x, dtype=tf.float32)[0]  # expect: TFV303
