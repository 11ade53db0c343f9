"""Two fresh `BasicLSTMCell(3)` objects are called directly on two inputs in one block, with no variable scope: on TF 2.x's compatibility cells each cell is a layer with its own unique name (`basic_lstm_cell`, `basic_lstm_cell_1`), so the two sets of weights do not collide (the TF 0.9 "already exists" error of the report does not happen).

Source: https://github.com/tensorflow/tensorflow/issues/3188
Shape: module, tf1-graph, two-sites
Target: tf1
Runtime: runs
"""

import os

os.environ["TF_USE_LEGACY_KERAS"] = "1"  # tf.compat.v1.nn.rnn_cell needs tf_keras

import numpy as np
import tensorflow.compat.v1 as tf

tf.disable_v2_behavior()

sess = tf.Session()
init_state = tf.nn.rnn_cell.LSTMStateTuple(tf.zeros([32, 3]), tf.zeros([32, 3]))
init_state2 = tf.nn.rnn_cell.LSTMStateTuple(tf.zeros([32, 3]), tf.zeros([32, 3]))
input = tf.placeholder(tf.float32, [32, 10])
input2 = tf.placeholder(tf.float32, [32, 10])
output, state = tf.nn.rnn_cell.BasicLSTMCell(3)(input, init_state)
output2, state2 = tf.nn.rnn_cell.BasicLSTMCell(3)(input2, init_state2)
sess.run(tf.global_variables_initializer())
names = sorted(v.name for v in tf.global_variables())
print(names)
assert len(names) == 4, names
print(sess.run(output2, {input2: np.ones((32, 10), np.float32)}).shape)
