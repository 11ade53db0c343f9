# get_variable of one name twice in one variable scope, without reuse (graph mode).
import tensorflow.compat.v1 as tf

tf.disable_eager_execution()


def case_same_variable_twice():
    tf.reset_default_graph()
    with tf.variable_scope("proj", reuse=tf.AUTO_REUSE):
        w_in = tf.get_variable("w", [4, 4])
        w_out = tf.get_variable("w", [4, 4])  # expect: TFV302
    return [w_in, w_out]


def case_two_variables_one_name():
    tf.reset_default_graph()
    with tf.variable_scope("layer"):
        kernel = tf.get_variable("weights", [3, 8])
        bias = tf.get_variable("weights_1", [8], initializer=tf.zeros_initializer())  # expect: TFV302
    return [kernel, bias]


def case_root_scope():
    tf.reset_default_graph()
    embedding = tf.get_variable(name="embedding", shape=[10, 4])
    output_embedding = tf.get_variable(name="embedding_1", shape=[10, 4])  # expect: TFV302
    return [embedding, output_embedding]


def case_reopened_scope():
    tf.reset_default_graph()
    with tf.variable_scope("a"):
        first = tf.get_variable("w", [2])
    with tf.variable_scope("a"):
        second = tf.get_variable("w_1", [3])  # expect: TFV302
    return [first, second]


def case_named_dense():
    tf.reset_default_graph()
    x = tf.placeholder(tf.float32, [None, 3])
    hidden = tf.layers.dense(x, 4, name="fc")
    return tf.layers.dense(hidden, 4, name="fc_1")  # expect: TFV302
