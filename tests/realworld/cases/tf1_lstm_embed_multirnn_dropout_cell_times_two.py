"""Following the official PTB example, a two-layer LSTM over 64-wide embeddings is stacked as `MultiRNNCell([drop] * 2)` of one dropout-wrapped BasicLSTMCell: the second layer reuses the first layer's kernel, made for 64 + 32 inputs.

Source: https://github.com/tensorflow/tensorflow/issues/16186
Shape: module, name-scope, dropout-wrapper, tf1-graph
Target: tf1
Runtime: raises ValueError: Dimensions must be equal
"""

import os

os.environ["TF_USE_LEGACY_KERAS"] = "1"  # tf.compat.v1.nn.rnn_cell needs tf_keras

import tensorflow.compat.v1 as tf

tf.disable_v2_behavior()

hidden_layer_size = 32
keep_prob = 0.8
embed = tf.zeros((128, 6, 64), dtype=tf.float32)

with tf.name_scope("lstm"):
    lstm = tf.nn.rnn_cell.BasicLSTMCell(hidden_layer_size)
    drop = tf.nn.rnn_cell.DropoutWrapper(lstm, output_keep_prob=keep_prob)
    cell = tf.nn.rnn_cell.MultiRNNCell([drop] * 2)  # expect: TFV303
    initial_state = cell.zero_state(128, tf.float32)
    outputs, final_state = tf.nn.dynamic_rnn(cell, embed, initial_state=initial_state)

with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    print(sess.run(outputs).shape)
