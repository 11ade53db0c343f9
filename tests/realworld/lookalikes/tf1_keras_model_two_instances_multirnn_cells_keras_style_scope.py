"""The fix the same TF API page gives: build and call both models in `keras_style_scope()`, where TF1 cells use Keras-style variable names, so each model gets variables of its own.

Source: https://www.tensorflow.org/api_docs/python/tf/layers/experimental/keras_style_scope
Shape: class, subclassed-model, method, comprehension, attribute, tf1-graph
Target: tf1
Runtime: runs
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
with tf.layers.experimental.keras_style_scope():
    model_1 = RNNModel("model_1")
    model_2 = RNNModel("model_2")
state = model_1.rnn.zero_state(2, tf.float32)

with tf.layers.experimental.keras_style_scope():
    output_1, next_state_1 = model_1(inputs, state)
    output_2, next_state_2 = model_2(inputs, state)
with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    print(sess.run(output_2, {inputs: np.zeros((2, 8), "float32")}).shape)
