"""A multi-layer bidirectional LSTM loops over the layers with fresh forward/backward cells per layer and gives each bidirectional_dynamic_rnn call its own `scope='BLSTM_' + str(n)`.

Source: https://sql-oc.wekeepcoding.com/article/19494971/How+to+use+multilayered+bidirectional+LSTM+in+Tensorflow
Shape: loop, container, tf1-graph
Target: tf1
Runtime: runs
"""

import os

os.environ["TF_USE_LEGACY_KERAS"] = "1"  # tf.compat.v1.nn.rnn_cell needs tf_keras

import numpy as np
import tensorflow.compat.v1 as tf

tf.disable_v2_behavior()

num_layers, n_hidden, batch_size = 2, 4, 2
output = tf.placeholder(tf.float32, [batch_size, 5, 3])
cell_forw = [tf.nn.rnn_cell.BasicLSTMCell(n_hidden) for _ in range(num_layers)]
cell_back = [tf.nn.rnn_cell.BasicLSTMCell(n_hidden) for _ in range(num_layers)]
inputs = output

for n in range(num_layers):
    cell_fw = cell_forw[n]
    cell_bw = cell_back[n]
    state_fw = cell_fw.zero_state(batch_size, tf.float32)
    state_bw = cell_bw.zero_state(batch_size, tf.float32)
    (output_fw, output_bw), last_state = tf.nn.bidirectional_dynamic_rnn(cell_fw, cell_bw, output, initial_state_fw=state_fw, initial_state_bw=state_bw, scope="BLSTM_" + str(n), dtype=tf.float32)
    output = tf.concat([output_fw, output_bw], axis=2)

with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    print(sess.run(output, {inputs: np.ones((batch_size, 5, 3))}).shape)
print(len(tf.trainable_variables()))
