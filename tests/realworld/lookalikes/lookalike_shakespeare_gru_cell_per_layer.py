"""The corrected Shakespeare trainer: one fresh `GRUCell` per layer from a comprehension, each wrapped in its own `DropoutWrapper`, then `MultiRNNCell(dropcells, state_is_tuple=False)`; every layer has its own weights, so the stacked cell builds for the 98-wide input and the 16-wide layers above it.

Source: https://github.com/martin-gorner/tensorflow-rnn-shakespeare/issues/27
Shape: module, comprehension, container, tf1-graph
Target: tf1
Runtime: runs
"""

import os

os.environ["TF_USE_LEGACY_KERAS"] = "1"  # tf.compat.v1.nn.rnn_cell needs tf_keras

import tensorflow.compat.v1 as tf

tf.disable_v2_behavior()

ALPHASIZE = 98
INTERNALSIZE = 16
NLAYERS = 3

pkeep = tf.placeholder(tf.float32, name="pkeep")
X = tf.placeholder(tf.uint8, [None, None], name="X")
Xo = tf.one_hot(X, ALPHASIZE, 1.0, 0.0)
Hin = tf.placeholder(tf.float32, [None, INTERNALSIZE * NLAYERS], name="Hin")

cells = [tf.nn.rnn_cell.GRUCell(INTERNALSIZE) for _ in range(NLAYERS)]
dropcells = [tf.nn.rnn_cell.DropoutWrapper(cell, input_keep_prob=pkeep) for cell in cells]
multicell = tf.nn.rnn_cell.MultiRNNCell(dropcells, state_is_tuple=False)
multicell = tf.nn.rnn_cell.DropoutWrapper(multicell, output_keep_prob=pkeep)
Yr, H = tf.nn.dynamic_rnn(multicell, Xo, dtype=tf.float32, initial_state=Hin)
