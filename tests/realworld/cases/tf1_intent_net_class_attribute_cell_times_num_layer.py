"""An intent classifier's graph class keeps its cell class as a class attribute and stacks `MultiRNNCell([lstm_entity] * self.num_layer)`: one dropout-wrapped cell object for every layer, so the second layer runs weights built for the first layer's input width.

Source: https://github.com/tensorflow/tensorflow/issues/8191
Shape: class, class-attribute, tf1-graph
Target: tf1
Runtime: raises ValueError: Dimensions must be equal
"""

import os

os.environ["TF_USE_LEGACY_KERAS"] = "1"  # tf.compat.v1.nn.rnn_cell needs tf_keras

import numpy as np
import tensorflow.compat.v1 as tf

tf.disable_v2_behavior()


class Net:
    LSTMCell = tf.nn.rnn_cell.LSTMCell

    def __init__(self, data, target, num_hidden, num_layer):
        self.data = data
        self.target = target
        self.num_hidden = num_hidden
        self.num_layer = num_layer
        lstm_cell = self.LSTMCell(self.num_hidden)
        lstm_entity = tf.nn.rnn_cell.DropoutWrapper(lstm_cell, output_keep_prob=0.5)
        layer = tf.nn.rnn_cell.MultiRNNCell([lstm_entity] * self.num_layer)  # expect: TFV303
        output, _ = tf.nn.dynamic_rnn(layer, self.data, dtype=tf.float64)
        last = output[:, -1, :]
        weight = tf.get_variable("weight", [num_hidden, int(target.get_shape()[1])], dtype=tf.float64)
        self.prediction = tf.nn.softmax(tf.matmul(last, weight))


data = tf.placeholder(tf.float64, [None, 4, 3])
target = tf.placeholder(tf.float64, [None, 2])
net = Net(data, target, 5, 2)

with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    print(sess.run(net.prediction, {data: np.zeros((1, 4, 3))}).shape)
