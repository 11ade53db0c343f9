# Near misses: a fresh graph per build, reset_default_graph, distinct or reusing scopes, one build.
import tensorflow.compat.v1 as tf

tf.disable_eager_execution()


def build(learning_rate):
    x = tf.placeholder(tf.float32, [None, 3])
    w = tf.get_variable("w", [3, 1])
    loss = tf.reduce_mean(tf.matmul(x, w) ** 2)
    return tf.train.GradientDescentOptimizer(learning_rate).minimize(loss)


def build_fresh(learning_rate):
    tf.reset_default_graph()
    return build(learning_rate)


def case_graph_per_build():
    ops = []
    for lr in [0.1, 0.01]:
        with tf.Graph().as_default():
            ops.append(build(lr))
    return ops


def case_reset_in_loop():
    ops = []
    for lr in [0.1, 0.01]:
        tf.reset_default_graph()
        ops.append(build(lr))
    return ops


def case_reset_inside():
    return [build_fresh(0.1), build_fresh(0.01)]


def case_distinct_scopes():
    tf.reset_default_graph()
    ops = []
    for i, lr in enumerate([0.1, 0.01]):
        with tf.variable_scope("run_%d" % i):
            ops.append(build(lr))
    return ops


def case_reuse():
    tf.reset_default_graph()
    with tf.variable_scope("model"):
        train_op = build(0.1)
    with tf.variable_scope("model", reuse=True):
        predict_op = build(0.0)
    return train_op, predict_op


def case_once():
    tf.reset_default_graph()
    return build(0.1)


def case_reset_between():
    tf.reset_default_graph()
    first = build(0.1)
    tf.reset_default_graph()
    second = build(0.1)
    return first, second
