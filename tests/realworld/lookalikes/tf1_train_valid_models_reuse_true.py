"""A PTB-style script builds the same model class twice in one graph, for training and for validation, the second time under `variable_scope('Model', reuse=True)` so both share the LSTM weights.

Source: https://github.com/tensorflow/tensorflow/issues/9824
Shape: class-attribute, tf1-graph
Target: tf1
Runtime: runs
"""

import os

os.environ["TF_USE_LEGACY_KERAS"] = "1"  # tf.compat.v1.nn.rnn_cell needs tf_keras

import numpy as np
import tensorflow.compat.v1 as tf

tf.disable_v2_behavior()


class ToyModel:
    def __init__(self):
        x = tf.get_variable("x", shape=[2, 4, 3], initializer=tf.random_uniform_initializer(), trainable=False)
        cell = tf.nn.rnn_cell.LSTMCell(3)
        self.y, _ = tf.nn.dynamic_rnn(cell, inputs=x, dtype=tf.float32)


graph_context = tf.Graph()
with graph_context.as_default():
    with tf.name_scope("Train"):
        with tf.variable_scope("Model", reuse=None):
            m1 = ToyModel()
    with tf.name_scope("Valid"):
        with tf.variable_scope("Model", reuse=True):
            m2 = ToyModel()
    tf_init = tf.global_variables_initializer()
    n_vars = len(tf.global_variables())

with tf.Session(graph=graph_context) as sess:
    sess.run(tf_init)
    y1, y2 = sess.run([m1.y, m2.y])

# --- probe ---
print("TFVARFIX-OK" if n_vars == 3 and np.allclose(y1, y2) else "TFVARFIX-BUG")
