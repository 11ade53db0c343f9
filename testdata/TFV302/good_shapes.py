# Near misses in real shapes: a scope per pass, default-named scopes, exclusive arms, expected failures,
# reuse through a parameter, unnamed layers, layers that make no variables, eager code in a graph of its own.
import unittest

import pytest
import tensorflow.compat.v1 as tf

tf.disable_eager_execution()


def case_scope_per_pass():
    tf.reset_default_graph()
    weights = []
    for index, size in enumerate([4, 8]):
        with tf.variable_scope("layer_%d" % index):
            weights.append(tf.get_variable("w", [3, size]))
    return weights


def dense(x, units):
    with tf.variable_scope(None, default_name="dense"):
        return tf.matmul(x, tf.get_variable("kernel", [3, units]))


def case_default_named_helper():
    tf.reset_default_graph()
    x = tf.placeholder(tf.float32, [None, 3])
    return dense(x, 3) + dense(x, 3)


def case_exclusive_arms(tied=True):
    tf.reset_default_graph()
    embedding = tf.get_variable("embedding", [10, 4])
    if tied:
        softmax_w = tf.transpose(embedding)
    else:
        softmax_w = tf.get_variable("softmax_w", [4, 10])
    return softmax_w


def case_expected_failure():
    tf.reset_default_graph()
    tf.get_variable("w", [2])
    with pytest.raises(ValueError, match="already exists"):
        tf.get_variable("w", [2])


class TestDuplicate(unittest.TestCase):
    def test_second_get_variable_raises(self):
        tf.reset_default_graph()
        tf.get_variable("w", [2])
        with self.assertRaises(ValueError):
            tf.get_variable("w", [2])


def tower(x, reuse):
    with tf.variable_scope("tower", reuse=reuse):
        return tf.matmul(x, tf.get_variable("w", [3, 3]))


def case_siamese_towers():
    tf.reset_default_graph()
    left = tower(tf.placeholder(tf.float32, [None, 3]), reuse=False)
    right = tower(tf.placeholder(tf.float32, [None, 3]), reuse=True)
    return left, right


def case_unnamed_dense_in_one_block():
    tf.reset_default_graph()
    x = tf.placeholder(tf.float32, [None, 3])
    with tf.variable_scope("generator"):
        return tf.layers.dense(tf.layers.dense(x, 4), 3)


def case_named_layers_without_variables():
    tf.reset_default_graph()
    x = tf.placeholder(tf.float32, [None, 3])
    return tf.layers.dropout(tf.layers.dropout(x, 0.5, name="drop"), 0.5, name="drop")


def case_distinct_names_in_a_loop():
    tf.reset_default_graph()
    return [tf.get_variable(name, [2]) for name in ["kernel", "bias"]]


def case_reuse_variables_in_a_loop():
    tf.reset_default_graph()
    outputs = []
    with tf.variable_scope("rnn_step") as scope:
        for step in range(2):
            if step > 0:
                scope.reuse_variables()
            outputs.append(tf.get_variable("w", [2]))
    return outputs
