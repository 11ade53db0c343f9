"""A stock-price script builds its LSTM graph in `lstm(batch)`, calls it from `train_lstm()` and again from `prediction()` in the same run, and the second build meets `lstm_def/rnn/basic_lstm_cell/kernel`.

Source: https://github.com/tensorflow/tensorflow/issues/8771
Shape: helper, module, parameter, tf1-graph
Target: tf1
Runtime: raises ValueError: Variable lstm_def/rnn/basic_lstm_cell/kernel already exists, disallowed
"""

import os

os.environ["TF_USE_LEGACY_KERAS"] = "1"  # tf.compat.v1.nn.rnn_cell needs tf_keras

import numpy as np
import tensorflow.compat.v1 as tf

tf.disable_v2_behavior()

rnn_unit, input_size, output_size, time_step = 4, 3, 1, 5
data = np.random.RandomState(0).rand(12, input_size).astype("float32")

X = tf.placeholder(tf.float32, [None, time_step, input_size])
Y = tf.placeholder(tf.float32, [None, time_step, output_size])
weights = {
    "in": tf.Variable(tf.random_normal([input_size, rnn_unit])),
    "out": tf.Variable(tf.random_normal([rnn_unit, 1])),
}
biases = {
    "in": tf.Variable(tf.constant(0.1, shape=[rnn_unit])),
    "out": tf.Variable(tf.constant(0.1, shape=[1])),
}


def lstm(batch):
    w_in = weights["in"]
    b_in = biases["in"]
    input = tf.reshape(X, [-1, input_size])
    input_rnn = tf.matmul(input, w_in) + b_in
    input_rnn = tf.reshape(input_rnn, [-1, time_step, rnn_unit])
    with tf.variable_scope("cell_def"):
        cell = tf.nn.rnn_cell.BasicLSTMCell(rnn_unit)
        init_state = cell.zero_state(batch, dtype=tf.float32)
    with tf.variable_scope("lstm_def"):
        output_rnn, final_states = tf.nn.dynamic_rnn(cell, input_rnn, initial_state=init_state, dtype=tf.float32)
    output = tf.reshape(output_rnn, [-1, rnn_unit])
    pred = tf.matmul(output, weights["out"]) + biases["out"]
    return pred, final_states


def train_lstm(batch_size=2):
    pred, _ = lstm(batch_size)
    loss = tf.reduce_mean(tf.square(tf.reshape(pred, [-1]) - tf.reshape(Y, [-1])))
    train_op = tf.train.AdamOptimizer(0.001).minimize(loss)
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        x = data[:10].reshape(2, time_step, input_size)
        y = x[:, :, :1]
        sess.run(train_op, {X: x, Y: y})


def prediction():
    pred, _ = lstm(1)  # expect: TFV304
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        print(sess.run(pred, {X: data[:time_step].reshape(1, time_step, input_size)}).shape)


train_lstm()
prediction()
