"""A cross-validation sweep calls a graph-building `train_model(i, j)` for every parameter pair, and starts each iteration with `tf.reset_default_graph()`, so every build gets an empty graph.

Source: https://github.com/tflearn/tflearn/issues/297
Shape: loop, helper, tf1-graph
Target: tf1
Runtime: runs
"""

import numpy as np
import tensorflow.compat.v1 as tf

tf.disable_v2_behavior()

X = np.random.RandomState(0).rand(6, 3).astype("float32")
Y = X.sum(axis=1, keepdims=True)


def train_model(n_hidden, learning_rate):
    x = tf.placeholder(tf.float32, [None, 3])
    y = tf.placeholder(tf.float32, [None, 1])
    w1 = tf.get_variable("w1", [3, n_hidden])
    w2 = tf.get_variable("w2", [n_hidden, 1])
    loss = tf.reduce_mean(tf.square(tf.matmul(tf.nn.relu(tf.matmul(x, w1)), w2) - y))
    train_op = tf.train.GradientDescentOptimizer(learning_rate).minimize(loss)
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        sess.run(train_op, {x: X, y: Y})
        return sess.run(loss, {x: X, y: Y})


param1 = [2, 3]
param2 = [0.1, 0.01]
metrics = {}
for i in param1:
    for j in param2:
        tf.reset_default_graph()
        metrics[(i, j)] = train_model(i, j)
print(metrics)
