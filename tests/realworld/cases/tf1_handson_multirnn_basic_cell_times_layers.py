"""A deep-RNN notebook cell stacks three layers as `MultiRNNCell([basic_cell] * n_layers)` from one `BasicRNNCell`; the one cell builds its kernel for the 2-wide input of the first layer and the second layer, fed 100 units, cannot use it.

Source: https://github.com/ageron/handson-ml/issues/28
Shape: module, notebook-like, tf1-graph
Target: tf1
Runtime: raises ValueError: Dimensions must be equal
"""

import os

os.environ["TF_USE_LEGACY_KERAS"] = "1"  # tf.compat.v1.nn.rnn_cell needs tf_keras

import numpy as np
import tensorflow.compat.v1 as tf

tf.disable_v2_behavior()

tf.reset_default_graph()

n_inputs = 2
n_neurons = 100
n_layers = 3
n_steps = 5
keep_prob = 0.5

X = tf.placeholder(tf.float32, [None, n_steps, n_inputs])
basic_cell = tf.nn.rnn_cell.BasicRNNCell(num_units=n_neurons)
multi_layer_cell = tf.nn.rnn_cell.MultiRNNCell([basic_cell] * n_layers)  # expect: TFV303
outputs, states = tf.nn.dynamic_rnn(multi_layer_cell, X, dtype=tf.float32)

init = tf.global_variables_initializer()

X_batch = np.random.rand(2, n_steps, n_inputs)
with tf.Session() as sess:
    init.run()
    outputs_val = outputs.eval(feed_dict={X: X_batch})
print(outputs_val.shape)
