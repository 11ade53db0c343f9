"""The TF API page of `keras_style_scope`: a `tf.keras.Model` subclass holds a `MultiRNNCell` of two LSTM cells and calls it in `call`; a second instance, under its own model name, calls its own cells, whose TF1 variable scopes are the same default `multi_rnn_cell/cell_0/lstm_cell`, and graph mode refuses to make them again.

Source: https://www.tensorflow.org/api_docs/python/tf/layers/experimental/keras_style_scope
Shape: class, subclassed-model, method, comprehension, attribute, tf1-graph
Target: tf1
Runtime: raises ValueError: Variable multi_rnn_cell/cell_0/lstm_cell/kernel already exists, disallowed
"""

import os

os.environ["TF_USE_LEGACY_KERAS"] = "1"  # tf.compat.v1.nn.rnn_cell needs tf_keras

import numpy as np
import tensorflow.compat.v1 as tf

tf.disable_v2_behavior()


class RNNModel(tf.keras.Model):
    def __init__(self, name):
        super(RNNModel, self).__init__(name=name)
        self.rnn = tf.nn.rnn_cell.MultiRNNCell([tf.nn.rnn_cell.LSTMCell(8) for _ in range(2)])

    def call(self, input, state):
        return self.rnn(input, state)


inputs = tf.placeholder(tf.float32, [2, 8])
model_1 = RNNModel("model_1")
model_2 = RNNModel("model_2")
state = model_1.rnn.zero_state(2, tf.float32)

output_1, next_state_1 = model_1(inputs, state)
output_2, next_state_2 = model_2(inputs, state)  # expect: TFV304
with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    print(sess.run(output_2, {inputs: np.zeros((2, 8), "float32")}).shape)
