# Near misses in real shapes: a graph per trial, a reset per trial in a helper, exclusive arms, an expected
# failure, a second build that reuses the first one's variables, AUTO_REUSE without optimizer slots.
import pytest
import tensorflow.compat.v1 as tf

tf.disable_eager_execution()


def build(learning_rate):
    x = tf.placeholder(tf.float32, [None, 3])
    w = tf.get_variable("w", [3, 1])
    loss = tf.reduce_mean(tf.matmul(x, w) ** 2)
    return tf.train.AdamOptimizer(learning_rate).minimize(loss)


class Model:
    def __init__(self, learning_rate):
        self.graph = tf.Graph()
        with self.graph.as_default():
            self.train_op = build(learning_rate)


def case_graph_per_trial():
    return [Model(rate) for rate in [0.1, 0.01]]


def trial(learning_rate):
    tf.reset_default_graph()
    return build(learning_rate)


def case_reset_in_the_trial():
    return [trial(rate) for rate in [0.1, 0.01]]


def case_exclusive_arms(mode="train"):
    tf.reset_default_graph()
    if mode == "train":
        op = build(0.1)
    else:
        op = build(0.0)
    return op


def case_expected_failure():
    tf.reset_default_graph()
    build(0.1)
    with pytest.raises(ValueError, match="already exists"):
        build(0.01)


def tower(x, reuse=False):
    with tf.variable_scope("tower", reuse=reuse):
        return tf.matmul(x, tf.get_variable("w", [3, 3]))


def case_second_build_reuses():
    tf.reset_default_graph()
    x = tf.placeholder(tf.float32, [None, 3])
    return tower(x), tower(x, reuse=True)


def shared(x):
    with tf.variable_scope("shared", reuse=tf.AUTO_REUSE):
        return tf.matmul(x, tf.get_variable("w", [3, 3]))


def case_auto_reuse_without_slots():
    tf.reset_default_graph()
    x = tf.placeholder(tf.float32, [None, 3])
    outputs = []
    for _ in range(2):
        loss = tf.reduce_mean(shared(x))
        outputs.append(tf.train.GradientDescentOptimizer(0.1).minimize(loss))
    return outputs
