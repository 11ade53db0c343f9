# A helper picks the cell type and a dropout wrapper by its arguments, then stacks the one cell
# (NeuralDialog-CVAE#5): every layer is the same object, so one set of weights is shared, and with input size
# != units the stack raises. The statements that build the cell move into a local `make_cell()`, run once per
# layer: each path (GRU or LSTM, with or without dropout) builds its own cells as before.
import tensorflow.compat.v1 as tf

tf.disable_eager_execution()
rnn_cell = tf.nn.rnn_cell


def get_rnncell(cell_type, size, keep_prob, layers):
    if cell_type == "gru":
        cell = rnn_cell.GRUCell(size)
    else:
        cell = rnn_cell.LSTMCell(size, forget_bias=1.0)
    if keep_prob < 1.0:
        cell = rnn_cell.DropoutWrapper(cell, output_keep_prob=keep_prob)
    return rnn_cell.MultiRNNCell([cell] * layers)  # expect: TFV303


def get_cell(cell_type, size, layers):
    # the stack only when deeper than one layer; the one cell is returned otherwise
    if cell_type == "gru":
        cell = rnn_cell.GRUCell(size)
    else:
        cell = rnn_cell.LSTMCell(size)
    if layers > 1:
        cell = rnn_cell.MultiRNNCell([cell] * layers)  # expect: TFV303
    return cell


def _run(cell):
    x = tf.placeholder(tf.float32, [None, 4, 10])
    return tf.nn.dynamic_rnn(cell, x, dtype=tf.float32)


def case_gru_stack():
    tf.reset_default_graph()
    _run(get_rnncell("gru", 6, 1.0, 2))


def case_lstm_stack_with_dropout():
    tf.reset_default_graph()
    _run(get_rnncell("lstm", 6, 0.5, 2))


def case_deep_gru():
    tf.reset_default_graph()
    _run(get_cell("gru", 6, 2))


def case_one_lstm_layer():
    tf.reset_default_graph()
    _run(get_cell("lstm", 6, 1))
