"""A five-layer GRU stack is written `MultiRNNCell([cell for _ in range(5)])` around the one dropout-wrapped `GRUCell(10)`; every layer is the same cell object, so the cell built for the 16-wide embeddings is asked to run on the 10-wide output of the layer below.

Source: https://github.com/tensorflow/tensorflow/issues/12581
Shape: comprehension, module, tf1-graph
Target: tf1
Runtime: raises ValueError: Dimensions must be equal
"""

import os

os.environ["TF_USE_LEGACY_KERAS"] = "1"  # tf.compat.v1.nn.rnn_cell needs tf_keras

import numpy as np
import tensorflow.compat.v1 as tf

tf.disable_v2_behavior()
rnn = tf.nn.rnn_cell

inputs = tf.placeholder(dtype=tf.int32, shape=[None, None], name="inputs")
keep_prob = tf.placeholder(dtype=tf.float32, name="keep_prob")
embedding = tf.get_variable("embedding", [50, 16], dtype=tf.float32)
embedded = tf.nn.embedding_lookup(embedding, inputs)

cell = rnn.GRUCell(10)
cell = rnn.DropoutWrapper(cell=cell, input_keep_prob=keep_prob)
cell = rnn.MultiRNNCell([cell for _ in range(5)], state_is_tuple=True)  # expect: TFV303

outs, states = tf.nn.dynamic_rnn(cell=cell, inputs=embedded, dtype=tf.float32)

with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    print(sess.run(outs, {inputs: np.zeros((2, 3), "int32"), keep_prob: 1.0}).shape)
