# Two cells built side by side, both wrapped under one condition, each stacked as one object (OpenNRE#37's
# bidirectional GRU): every layer of a stack is the same cell. The fix moves each cell's lines into its own
# make_<cell>() and leaves the other cell's where they were.
import tensorflow.compat.v1 as tf

tf.disable_eager_execution()


def encode(x, keep_prob, layers):
    cell_fw = tf.nn.rnn_cell.GRUCell(4)
    cell_bw = tf.nn.rnn_cell.GRUCell(4)
    if keep_prob < 1:
        cell_fw = tf.nn.rnn_cell.DropoutWrapper(cell_fw, output_keep_prob=keep_prob)
        cell_bw = tf.nn.rnn_cell.DropoutWrapper(cell_bw, output_keep_prob=keep_prob)
    stack_fw = tf.nn.rnn_cell.MultiRNNCell([cell_fw] * layers)  # expect: TFV303
    stack_bw = tf.nn.rnn_cell.MultiRNNCell([cell_bw] * layers)  # expect: TFV303
    return tf.nn.bidirectional_dynamic_rnn(stack_fw, stack_bw, x, dtype=tf.float32)[0]


def case_paired_stacks():
    tf.reset_default_graph()
    return encode(tf.placeholder(tf.float32, [None, 5, 3]), 0.5, 2)


def case_paired_stacks_without_dropout():
    tf.reset_default_graph()
    return encode(tf.placeholder(tf.float32, [None, 5, 3]), 1.0, 2)
