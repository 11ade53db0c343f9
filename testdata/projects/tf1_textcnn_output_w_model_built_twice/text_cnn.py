"""TextCNN graph: the class builds every variable in __init__; the output layer uses get_variable under a fixed scope."""

import tensorflow.compat.v1 as tf


class TextCNN:
    def __init__(self, sequence_length, num_classes, vocab_size, embedding_size, filter_sizes, num_filters):
        self.input_x = tf.placeholder(tf.int32, [None, sequence_length], name="input_x")
        self.input_y = tf.placeholder(tf.float32, [None, num_classes], name="input_y")

        with tf.name_scope("embedding"):
            self.W = tf.Variable(tf.random_uniform([vocab_size, embedding_size], -1.0, 1.0), name="W")
            embedded = tf.expand_dims(tf.nn.embedding_lookup(self.W, self.input_x), -1)

        pooled_outputs = []
        for filter_size in filter_sizes:
            with tf.name_scope("conv-maxpool-%s" % filter_size):
                W = tf.Variable(tf.truncated_normal([filter_size, embedding_size, 1, num_filters], stddev=0.1), name="W")
                b = tf.Variable(tf.constant(0.1, shape=[num_filters]), name="b")
                h = tf.nn.relu(tf.nn.conv2d(embedded, W, strides=[1, 1, 1, 1], padding="VALID") + b)
                pooled_outputs.append(tf.reduce_max(h, axis=1, keepdims=True))

        num_filters_total = num_filters * len(filter_sizes)
        h_pool_flat = tf.reshape(tf.concat(pooled_outputs, 3), [-1, num_filters_total])

        with tf.variable_scope("output"):
            W = tf.get_variable("W", shape=[num_filters_total, num_classes], initializer=tf.glorot_uniform_initializer())
            b = tf.get_variable("b", shape=[num_classes], initializer=tf.constant_initializer(0.1))
            self.scores = tf.nn.xw_plus_b(h_pool_flat, W, b, name="scores")
            self.predictions = tf.argmax(self.scores, 1, name="predictions")
        self.loss = tf.reduce_mean(tf.nn.softmax_cross_entropy_with_logits(logits=self.scores, labels=self.input_y))
