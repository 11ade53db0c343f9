"""An RNN tutorial builds a three-layer LSTM as `MultiRNNCell([cell] * 3)` from one BasicLSTMCell inside a `variable_scope`, so all three layers are one cell whose kernel only fits the first layer's input.

Source: https://github.com/hunkim/DeepLearningZeroToAll/issues/212
Shape: module, notebook-like, tf1-graph
Target: tf1
Runtime: raises ValueError: Dimensions must be equal
"""

import os

os.environ["TF_USE_LEGACY_KERAS"] = "1"  # tf.compat.v1.nn.rnn_cell needs tf_keras

import numpy as np
import tensorflow.compat.v1 as tf

tf.disable_v2_behavior()

rnn = tf.nn.rnn_cell
sess = tf.InteractiveSession()

# One-hot 'h', 'e', 'l', 'o': batch 3, sequence 5, input dim 4
h, e, l, o = [1, 0, 0, 0], [0, 1, 0, 0], [0, 0, 1, 0], [0, 0, 0, 1]
x_data = np.array([[h, e, l, l, o], [e, o, l, l, l], [l, l, e, e, l]], dtype=np.float32)

with tf.variable_scope("MultiRNNCell") as scope:
    # Make rnn
    cell = rnn.BasicLSTMCell(num_units=5, state_is_tuple=True)
    cell = rnn.MultiRNNCell([cell] * 3, state_is_tuple=True)  # expect: TFV303

    # rnn in/out
    outputs, _states = tf.nn.dynamic_rnn(cell, x_data, dtype=tf.float32)
    sess.run(tf.global_variables_initializer())
    print("dynamic rnn: ", outputs.eval().shape)
