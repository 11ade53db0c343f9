"""The lab's stacked LSTM done right: `MultiRNNCell` gets a fresh `BasicLSTMCell` per layer from a list comprehension, so each layer has its own kernel.

Source: https://github.com/hunkim/DeepLearningZeroToAll/issues/263
Shape: notebook, comprehension, module-level
Target: tf1
Runtime: runs
"""

import os

os.environ["TF_USE_LEGACY_KERAS"] = "1"  # tf.compat.v1.nn.rnn_cell needs tf_keras

import numpy as np
import tensorflow.compat.v1 as tf

tf.disable_v2_behavior()

h = [1, 0, 0, 0, 0]
e = [0, 1, 0, 0, 0]
l = [0, 0, 1, 0, 0]
o = [0, 0, 0, 1, 0]
x_data = np.array([[h, e, l, l, o], [e, o, l, l, l], [l, l, e, e, l]], dtype=np.float32)

hidden_size = 2
cell = tf.nn.rnn_cell.MultiRNNCell(
    [tf.nn.rnn_cell.BasicLSTMCell(num_units=hidden_size, state_is_tuple=True) for _ in range(2)], state_is_tuple=True
)
outputs, _states = tf.nn.dynamic_rnn(cell, x_data, dtype=tf.float32)
with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    assert sess.run(outputs).shape == (3, 5, 2)
