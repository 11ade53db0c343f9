"""A GRU classifier builds its stacked cell as `MultiRNNCell([gru_cell] * NUM_LAYERS, state_is_tuple=False)` from one `GRUCell`; the layers are one cell object, built for the embedding width, so the second layer's input does not fit its gates.

Source: https://github.com/tensorflow/tensorflow/issues/11337
Shape: module, constants, tf1-graph
Target: tf1
Runtime: raises ValueError: Dimensions must be equal
"""

import os

os.environ["TF_USE_LEGACY_KERAS"] = "1"  # tf.compat.v1.nn.rnn_cell needs tf_keras

import numpy as np
import tensorflow.compat.v1 as tf

tf.disable_v2_behavior()

INPUT_SIZE = 8
RNN_HIDDEN_SIZE = 20
NUM_LAYERS = 2
SEQ_LEN = 6
NUM_CLASSES = 3

inputs = tf.placeholder(tf.float32, (None, SEQ_LEN, INPUT_SIZE))
labels = tf.placeholder(tf.int32, (None,))

cell = tf.nn.rnn_cell.GRUCell(num_units=RNN_HIDDEN_SIZE)
layered_cell = tf.nn.rnn_cell.MultiRNNCell([cell] * NUM_LAYERS, state_is_tuple=False)  # expect: TFV303
rnn_outputs, rnn_states = tf.nn.dynamic_rnn(layered_cell, inputs, dtype=tf.float32)
logits = tf.layers.dense(rnn_outputs[:, -1], NUM_CLASSES)
loss = tf.reduce_mean(tf.nn.sparse_softmax_cross_entropy_with_logits(labels=labels, logits=logits))
train_op = tf.train.AdamOptimizer(0.01).minimize(loss)

with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    feed = {inputs: np.random.rand(4, SEQ_LEN, INPUT_SIZE), labels: np.array([0, 1, 2, 0])}
    print(sess.run(loss, feed))
