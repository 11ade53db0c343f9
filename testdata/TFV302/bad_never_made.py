# Variables asked for under reuse=True that no code made before in the graph: there is nothing to share.
import tensorflow.compat.v1 as tf

tf.disable_eager_execution()


def case_reuse_variables_before_the_first_build():
    tf.reset_default_graph()
    tf.get_variable_scope().reuse_variables()
    return tf.get_variable("w", [4, 4])  # expect: TFV302


def generator(z, reuse=False):
    with tf.variable_scope("gen", reuse=reuse):
        hidden = tf.layers.dense(z, 8)
        return tf.layers.batch_normalization(hidden, training=True)


def case_train_mode_builds_then_samples():
    tf.reset_default_graph()
    z = tf.placeholder(tf.float32, [None, 4])
    return generator(z), generator(z, reuse=True)


def case_test_mode_builds_with_reuse_true():
    # Copied from the training graph's sampling branch, where the generator was built first.
    tf.reset_default_graph()
    z = tf.placeholder(tf.float32, [None, 4])
    return generator(z, reuse=True)  # expect: TFV302


def case_stacked_cells_under_reuse_variables():
    tf.reset_default_graph()
    inputs = tf.placeholder(tf.float32, [None, 5, 3])
    tf.get_variable_scope().reuse_variables()
    cells = tf.nn.rnn_cell.MultiRNNCell([tf.nn.rnn_cell.LSTMCell(8) for _ in range(2)])
    state = cells.zero_state(2, tf.float32)
    return tf.nn.dynamic_rnn(cells, inputs, initial_state=state)  # expect: TFV302


def case_layer_object_in_a_reusing_scope():
    tf.reset_default_graph()
    x = tf.placeholder(tf.float32, [None, 3])
    with tf.variable_scope("head", reuse=True):
        return tf.layers.Dense(2)(x)  # expect: TFV302


def case_a_helper_asks_before_it_builds():
    tf.reset_default_graph()
    outputs = []
    for index, reuse in enumerate([True, False]):
        with tf.variable_scope("tower", reuse=reuse):
            outputs.append(tf.get_variable("w", [2, 2]) * index)  # expect: TFV302
    return outputs
