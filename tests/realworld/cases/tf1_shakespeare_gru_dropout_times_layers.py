"""A character-level Shakespeare trainer makes one `GRUCell(INTERNALSIZE)`, wraps it in one `DropoutWrapper`, and stacks it `NLAYERS` times with `MultiRNNCell([dropcell] * NLAYERS, state_is_tuple=False)`; `dynamic_rnn` on the one-hot input builds the single GRU for the 98-wide alphabet, and its second layer (fed the 16-wide GRU output) cannot use that kernel.

Source: https://github.com/martin-gorner/tensorflow-rnn-shakespeare/issues/27
Shape: module, container, tf1-graph
Target: tf1
Runtime: raises ValueError: Dimensions must be equal
"""

import os

os.environ["TF_USE_LEGACY_KERAS"] = "1"  # tf.compat.v1.nn.rnn_cell needs tf_keras

import tensorflow.compat.v1 as tf

tf.disable_v2_behavior()

SEQLEN = 5
ALPHASIZE = 98
INTERNALSIZE = 16
NLAYERS = 3

pkeep = tf.placeholder(tf.float32, name="pkeep")
X = tf.placeholder(tf.uint8, [None, None], name="X")
Xo = tf.one_hot(X, ALPHASIZE, 1.0, 0.0)
Hin = tf.placeholder(tf.float32, [None, INTERNALSIZE * NLAYERS], name="Hin")

onecell = tf.nn.rnn_cell.GRUCell(INTERNALSIZE)
dropcell = tf.nn.rnn_cell.DropoutWrapper(onecell, input_keep_prob=pkeep)
multicell = tf.nn.rnn_cell.MultiRNNCell([dropcell] * NLAYERS, state_is_tuple=False)  # expect: TFV303
multicell = tf.nn.rnn_cell.DropoutWrapper(multicell, output_keep_prob=pkeep)
Yr, H = tf.nn.dynamic_rnn(multicell, Xo, dtype=tf.float32, initial_state=Hin)
