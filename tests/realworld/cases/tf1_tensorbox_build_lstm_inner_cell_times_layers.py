"""TensorBox's LSTM decoder helper, `build_lstm_inner(H, lstm_input)`, stacks `H['num_lstm_layers']` layers as `MultiRNNCell([lstm_cell] * H['num_lstm_layers'])` of one `BasicLSTMCell`: both layers are one cell object, built for the first layer's input width, so the second layer's input does not fit its kernel.

Source: https://github.com/Russell91/TensorBox/issues/252
Shape: helper, parameter, container, conditional, loop, tf1-graph
Target: tf1
Runtime: raises ValueError: Dimensions must be equal
"""

import os

os.environ["TF_USE_LEGACY_KERAS"] = "1"  # tf.compat.v1.nn.rnn_cell needs tf_keras

import numpy as np
import tensorflow.compat.v1 as tf

tf.disable_v2_behavior()

rnn_cell = tf.nn.rnn_cell


def build_lstm_inner(H, lstm_input):
    '''
    build lstm decoder
    '''
    lstm_cell = rnn_cell.BasicLSTMCell(H['lstm_size'], forget_bias=0.0, state_is_tuple=True, reuse=tf.get_variable_scope().reuse)
    if H['num_lstm_layers'] > 1:
        lstm = rnn_cell.MultiRNNCell([lstm_cell] * H['num_lstm_layers'], state_is_tuple=True)  # expect: TFV303
    else:
        lstm = lstm_cell

    batch_size = H['batch_size'] * H['grid_height'] * H['grid_width']
    state = lstm.zero_state(batch_size, tf.float32)

    outputs = []
    with tf.variable_scope('RNN', initializer=tf.random_uniform_initializer(-0.1, 0.1)):
        for time_step in range(H['rnn_len']):
            if time_step > 0: tf.get_variable_scope().reuse_variables()  # noqa: E701  (as in the report)
            output, state = lstm(lstm_input, state)
            outputs.append(output)
    return outputs


H = {'lstm_size': 50, 'num_lstm_layers': 2, 'batch_size': 2, 'grid_height': 3, 'grid_width': 4, 'rnn_len': 5}
lstm_input = tf.placeholder(tf.float32, [H['batch_size'] * H['grid_height'] * H['grid_width'], 102])
outputs = build_lstm_inner(H, lstm_input)
with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    print(sess.run(outputs[-1], {lstm_input: np.ones((24, 102))}).shape)
