"""A one-class-NN experiment script pulls in two model modules that each make their radius with `r = tf.get_variable(name="r", shape=(), trainable=False)` at module level; run in one process (here both sections inlined into one script), the second section asks for `r` again in the same root scope and TF1 refuses.

Source: https://github.com/raghavchalapathy/oc-nn_old/issues/8
Shape: module, two-sites, tf1-graph
Target: tf1
Runtime: raises ValueError: Variable r already exists, disallowed
"""

import numpy as np
import tensorflow.compat.v1 as tf

tf.disable_eager_execution()

# --- tf_OneClass_CNN_model section ---
x_cnn = tf.placeholder(tf.float32, [None, 8])
w_cnn = tf.get_variable(name="w_cnn", shape=(8, 1))
r = tf.get_variable(name="r", dtype=tf.float32, shape=(), trainable=False)
cnn_score = tf.matmul(x_cnn, w_cnn) - r

# --- tf_OneClass_NN_model section ---
x_nn = tf.placeholder(tf.float32, [None, 8])
w_nn = tf.get_variable(name="w_nn", shape=(8, 1))
r = tf.get_variable(name="r", dtype=tf.float32, shape=(), trainable=False)  # expect: TFV302
nn_score = tf.matmul(x_nn, w_nn) - r

with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    print(sess.run(nn_score, {x_nn: np.ones((2, 8), np.float32)}))
