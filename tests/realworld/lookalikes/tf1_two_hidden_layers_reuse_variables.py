"""A two-layer helper creates `h1_weights`... with get_variable and is applied to two inputs in one `variable_scope`, with `scope.reuse_variables()` between the calls to share the weights.

Source: https://github.com/wdxtub/deep-learning-note/blob/master/cs20/13_variable_sharing.py
Shape: helper, tf1-graph
Target: tf1
Runtime: runs
"""

import tensorflow.compat.v1 as tf

tf.disable_v2_behavior()

x1 = tf.truncated_normal([20, 10], name="x1")
x2 = tf.truncated_normal([20, 10], name="x2")


def two_hidden_layers_2(x):
    w1 = tf.get_variable("h1_weights", [10, 5], initializer=tf.random_normal_initializer())
    b1 = tf.get_variable("h1_biases", [5], initializer=tf.constant_initializer(0.0))
    h1 = tf.matmul(x, w1) + b1
    w2 = tf.get_variable("h2_weights", [5, 3], initializer=tf.random_normal_initializer())
    b2 = tf.get_variable("h2_biases", [3], initializer=tf.constant_initializer(0.0))
    return tf.matmul(h1, w2) + b2


with tf.variable_scope("two_layers") as scope:
    logits1 = two_hidden_layers_2(x1)
    scope.reuse_variables()
    logits2 = two_hidden_layers_2(x2)

print(len(tf.trainable_variables()), logits1, logits2)
