# A helper picks the cell type and a dropout wrapper by its arguments, then stacks the one cell
# (NeuralDialog-CVAE#5). This call takes the GRU path; a fix that repeated `GRUCell(size)` would be wrong for
# the LSTM and dropout paths, so none is offered.
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


x = tf.placeholder(tf.float32, [None, 4, 10])
stacked = get_rnncell("gru", 6, 1.0, 2)
outputs, state = tf.nn.dynamic_rnn(stacked, x, dtype=tf.float32)
