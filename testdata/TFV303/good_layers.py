# Near misses of one cell met again: a fresh cell per layer, one RNN run over several inputs in one scope, a
# first step peeled off a loop in the loop's scope, a decoder stepping the encoder's cell under reuse.
import tensorflow.compat.v1 as tf

tf.disable_eager_execution()


def stack_bidirectional(cells_fw, cells_bw, inputs):
    layer = inputs
    with tf.variable_scope("stack_bidirectional_rnn"):
        for i, (cell_fw, cell_bw) in enumerate(zip(cells_fw, cells_bw)):
            with tf.variable_scope("cell_%d" % i):
                outputs, _ = tf.nn.bidirectional_dynamic_rnn(cell_fw, cell_bw, layer, dtype=tf.float32)
                layer = tf.concat(outputs, 2)
    return layer


def case_stacked_bidirectional_fresh_cells():
    tf.reset_default_graph()
    x = tf.placeholder(tf.float32, [None, 5, 3])
    fw_cells = [tf.nn.rnn_cell.LSTMCell(4) for _ in range(2)]
    bw_cells = [tf.nn.rnn_cell.LSTMCell(4) for _ in range(2)]
    return stack_bidirectional(fw_cells, bw_cells, x)


def case_fresh_cell_per_layer():
    tf.reset_default_graph()
    layer = tf.placeholder(tf.float32, [None, 5, 3])
    for i in range(2):
        cell = tf.nn.rnn_cell.GRUCell(4)
        with tf.variable_scope("layer_%d" % i):
            layer, _ = tf.nn.dynamic_rnn(cell, layer, dtype=tf.float32)
    return layer


def case_one_rnn_over_several_inputs():
    tf.reset_default_graph()
    cell = tf.nn.rnn_cell.GRUCell(4)
    outputs = []
    for _ in range(2):
        x = tf.placeholder(tf.float32, [None, 5, 3])
        outputs.append(tf.nn.dynamic_rnn(cell, x, dtype=tf.float32)[0])
    return outputs


def case_first_step_peeled_off_the_loop():
    tf.reset_default_graph()
    x = tf.placeholder(tf.float32, [2, 3, 4])
    cell = tf.nn.rnn_cell.GRUCell(8)
    state = cell.zero_state(2, tf.float32)
    with tf.variable_scope("rnn"):
        output, state = cell(x[:, 0], state)
        for t in range(1, 3):
            output, state = cell(x[:, t], state)
    return output


def case_decoder_under_reuse():
    tf.reset_default_graph()
    x = tf.placeholder(tf.float32, [2, 5, 4])
    cell = tf.nn.rnn_cell.GRUCell(4)
    _, state = tf.nn.dynamic_rnn(cell, x, dtype=tf.float32)
    with tf.variable_scope("decoder", reuse=True):
        output, state = cell(tf.zeros([2, 4]), state)
    return output
