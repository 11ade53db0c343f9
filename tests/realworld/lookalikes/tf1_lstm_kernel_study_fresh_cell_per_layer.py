"""A model whose LSTM kernels are inspected builds its stack with `MultiRNNCell([lstm_cell() for _ in range(num_layers)])`: the helper makes a new dropout-wrapped cell on every call, so each layer owns its own kernel.

Source: https://github.com/tensorflow/tensorflow/issues/15087
Shape: closure, comprehension, helper, tf1-graph
Target: tf1
Runtime: runs
"""

import os

os.environ["TF_USE_LEGACY_KERAS"] = "1"  # tf.compat.v1.nn.rnn_cell needs tf_keras

import numpy as np
import tensorflow.compat.v1 as tf

tf.disable_v2_behavior()

state_size = 7
num_layers = 2
dropKeepRate = tf.placeholder(tf.float32, name="keep")
inputs = tf.placeholder(tf.float32, [None, None, 27])


def build(inputs):
    def lstm_cell():
        cell = tf.nn.rnn_cell.LSTMCell(num_units=state_size, state_is_tuple=True)
        cell = tf.nn.rnn_cell.DropoutWrapper(cell, output_keep_prob=dropKeepRate)
        return cell

    cell = tf.nn.rnn_cell.MultiRNNCell([lstm_cell() for _ in range(num_layers)], state_is_tuple=True)
    outputs, _ = tf.nn.dynamic_rnn(cell, inputs, dtype=tf.float32)
    return outputs


outputs = build(inputs)
with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    print([v.shape.as_list() for v in tf.trainable_variables() if "kernel" in v.name])
    print(sess.run(outputs, {inputs: np.zeros((1, 3, 27)), dropKeepRate: 1.0}).shape)
