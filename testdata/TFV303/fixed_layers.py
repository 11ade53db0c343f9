# One cell met again by the same RNN code on a later layer, or called directly by a decoder in its own scope: a
# stacked-bidirectional helper over `[cell] * n`, a layer loop, an encoder's cell stepped by a decoder helper.
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


def case_stacked_bidirectional_over_a_repeated_list():
    tf.reset_default_graph()
    x = tf.placeholder(tf.float32, [None, 5, 3])
    fw_cell = tf.nn.rnn_cell.LSTMCell(4)
    bw_cell = tf.nn.rnn_cell.LSTMCell(4)
    fw_cells = [fw_cell] * 2  # expect: TFV303
    bw_cells = [bw_cell] * 2
    return stack_bidirectional(fw_cells, bw_cells, x)


def case_layer_loop():
    tf.reset_default_graph()
    layer = tf.placeholder(tf.float32, [None, 5, 3])
    cell = tf.nn.rnn_cell.GRUCell(4)
    for i in range(2):
        with tf.variable_scope("layer_%d" % i):
            layer, _ = tf.nn.dynamic_rnn(tf.nn.rnn_cell.GRUCell(4), layer, dtype=tf.float32)  # expect: TFV303
    return layer


def decode(cell, state, steps):
    with tf.variable_scope("decoder"):
        step = tf.zeros([2, 8])
        for i in range(steps):
            if i > 0:
                tf.get_variable_scope().reuse_variables()
            step, state = cell(step, state)  # expect: TFV303
    return step


def case_encoder_cell_stepped_by_a_decoder():
    tf.reset_default_graph()
    x = tf.placeholder(tf.float32, [2, 5, 3])
    cell = tf.nn.rnn_cell.GRUCell(4)
    _, state = tf.nn.dynamic_rnn(cell, x, dtype=tf.float32)
    return decode(cell, state, 2)
