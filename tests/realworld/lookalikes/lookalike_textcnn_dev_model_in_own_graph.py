"""The text-CNN training script builds the dev-set copy of the model inside its own tf.Graph, so the second build of
output/W lives in another graph and nothing clashes.

Source: https://github.com/dennybritz/cnn-text-classification-tf/issues/112
Shape: class-attribute, loop, tf1-graph
Target: tf1
Runtime: runs
"""

import numpy as np
import tensorflow.compat.v1 as tf

tf.disable_v2_behavior()


class TextCNN:
    def __init__(self, sequence_length, num_classes, vocab_size, embedding_size, num_filters):
        self.input_x = tf.placeholder(tf.int32, [None, sequence_length], name="input_x")
        with tf.name_scope("embedding"):
            self.W = tf.Variable(tf.random_uniform([vocab_size, embedding_size], -1.0, 1.0), name="W")
            embedded = tf.nn.embedding_lookup(self.W, self.input_x)
        h = tf.reduce_max(embedded, axis=1)
        with tf.variable_scope("output"):
            W = tf.get_variable("W", shape=[embedding_size, num_classes], initializer=tf.glorot_uniform_initializer())
            b = tf.get_variable("b", shape=[num_classes], initializer=tf.constant_initializer(0.1))
            self.scores = tf.nn.xw_plus_b(h, W, b, name="scores")


cnn = TextCNN(6, 2, 20, 4, 3)

dev_graph = tf.Graph()
with dev_graph.as_default():
    dev_cnn = TextCNN(6, 2, 20, 4, 3)
    with tf.Session(graph=dev_graph) as sess:
        sess.run(tf.global_variables_initializer())
        print(sess.run(dev_cnn.scores, {dev_cnn.input_x: np.zeros((2, 6), "int32")}).shape)
