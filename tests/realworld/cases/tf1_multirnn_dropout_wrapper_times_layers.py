"""A sentiment notebook wraps one LSTM cell in a DropoutWrapper and stacks that one object `num_layers` times with `MultiRNNCell([drop] * num_layers)`; the second layer reuses the first layer's kernel, whose input size is wrong for it.

Source: https://github.com/Currie32/Movie-Reviews-Sentiment/issues/1
Shape: notebook-like, module, tf1-graph
Target: tf1
Runtime: raises ValueError: Dimensions must be equal
"""

import os

os.environ["TF_USE_LEGACY_KERAS"] = "1"  # tf.compat.v1.nn.rnn_cell needs tf_keras

import numpy as np
import tensorflow.compat.v1 as tf

tf.disable_v2_behavior()

n_words, embed_size, lstm_size, num_layers, batch_size = 20, 3, 4, 2, 2

tf.reset_default_graph()
with tf.name_scope("inputs"):
    inputs = tf.placeholder(tf.int32, [None, None], name="inputs")
    keep_prob = tf.placeholder_with_default(1.0, [], name="keep_prob")

with tf.name_scope("embeddings"):
    embedding = tf.Variable(tf.random_uniform((n_words, embed_size), -1, 1))
    embed = tf.nn.embedding_lookup(embedding, inputs)

with tf.name_scope("RNN_layers"):
    lstm = tf.nn.rnn_cell.BasicLSTMCell(lstm_size)
    drop = tf.nn.rnn_cell.DropoutWrapper(lstm, output_keep_prob=keep_prob)
    cell = tf.nn.rnn_cell.MultiRNNCell([drop] * num_layers)  # expect: TFV303

with tf.name_scope("RNN_init_state"):
    initial_state = cell.zero_state(batch_size, tf.float32)

with tf.name_scope("RNN_forward"):
    outputs, final_state = tf.nn.dynamic_rnn(cell, embed, initial_state=initial_state)

with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    print(sess.run(outputs, {inputs: np.ones((batch_size, 5), "int32")}).shape)
