"""A small text-classification framework keeps training and evaluation apart: `train(model)` and `evaluate(model)` each call `model.build_graph()` and open their own Session; run one after the other in the same script, the second `build_graph()` creates `layer1/weights1` again in the default graph.

Source: http://hunterx.xyz/run-build-graph-twice-err.html
Shape: class, method, helper, parameter, tf1-graph
Target: tf1
Runtime: raises ValueError: Variable layer1/weights1 already exists, disallowed
"""

import numpy as np
import tensorflow.compat.v1 as tf

tf.disable_v2_behavior()


class TextClassifier(object):
    def __init__(self, n_input=8, n_hidden=6, n_classes=2):
        self.n_input = n_input
        self.n_hidden = n_hidden
        self.n_classes = n_classes

    def build_graph(self):
        self.x = tf.placeholder(tf.float32, [None, self.n_input], name="x")
        self.y = tf.placeholder(tf.int64, [None], name="y")
        with tf.variable_scope("layer1"):
            weights1 = tf.get_variable("weights1", [self.n_input, self.n_hidden])
            biases1 = tf.get_variable("biases1", [self.n_hidden], initializer=tf.zeros_initializer())
            hidden = tf.nn.relu(tf.matmul(self.x, weights1) + biases1)
        with tf.variable_scope("layer2"):
            weights2 = tf.get_variable("weights2", [self.n_hidden, self.n_classes])
            biases2 = tf.get_variable("biases2", [self.n_classes], initializer=tf.zeros_initializer())
            self.logits = tf.matmul(hidden, weights2) + biases2
        self.loss = tf.reduce_mean(tf.nn.sparse_softmax_cross_entropy_with_logits(labels=self.y, logits=self.logits))
        self.train_op = tf.train.GradientDescentOptimizer(0.1).minimize(self.loss)
        self.accuracy = tf.reduce_mean(tf.cast(tf.equal(tf.argmax(self.logits, 1), self.y), tf.float32))
        self.saver = tf.train.Saver()


def train(model, x, y, ckpt):
    model.build_graph()
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        for _ in range(3):
            sess.run(model.train_op, {model.x: x, model.y: y})
        model.saver.save(sess, ckpt)


def evaluate(model, x, y, ckpt):
    model.build_graph()  # expect: TFV304
    with tf.Session() as sess:
        model.saver.restore(sess, ckpt)
        return sess.run(model.accuracy, {model.x: x, model.y: y})


import tempfile  # noqa: E402

ckpt = tempfile.mkdtemp() + "/model.ckpt"
data_x, data_y = np.random.rand(6, 8).astype(np.float32), np.array([0, 1, 0, 1, 1, 0])
model = TextClassifier()
train(model, data_x, data_y, ckpt)
print(evaluate(model, data_x, data_y, ckpt))
