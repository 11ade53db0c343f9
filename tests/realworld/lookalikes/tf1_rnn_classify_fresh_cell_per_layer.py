"""The RNN text classifier with one fresh `BasicLSTMCell` per layer, built in a comprehension, as the TensorFlow error message advises.

Source: https://github.com/tensorflow/tensorflow/issues/9129
Shape: class, loop, tf1-graph
Target: tf1
Runtime: runs
"""

import os

os.environ["TF_USE_LEGACY_KERAS"] = "1"  # tf.compat.v1.nn.rnn_cell needs tf_keras

import tensorflow.compat.v1 as tf

tf.disable_v2_behavior()


class Config:
    num_step = 4
    embed_dim = 6
    hidden_neural_size = 3
    hidden_layer_num = 2
    batch_size = 2
    keep_prob = 0.5


class RNN_Model:
    def __init__(self, config, is_training=True):
        self.keep_prob = config.keep_prob
        self.batch_size = config.batch_size
        num_step = config.num_step
        self.input_data = tf.placeholder(tf.float32, [None, num_step, config.embed_dim])

        def make_cell():
            lstm_cell = tf.nn.rnn_cell.BasicLSTMCell(config.hidden_neural_size, forget_bias=0.0, state_is_tuple=True)
            if self.keep_prob < 1:
                lstm_cell = tf.nn.rnn_cell.DropoutWrapper(lstm_cell, output_keep_prob=self.keep_prob)
            return lstm_cell

        cell = tf.nn.rnn_cell.MultiRNNCell([make_cell() for _ in range(config.hidden_layer_num)], state_is_tuple=True)
        self._initial_state = cell.zero_state(self.batch_size, dtype=tf.float32)
        out_put = []
        state = self._initial_state
        with tf.variable_scope("LSTM_layer"):
            for time_step in range(num_step):
                if time_step > 0:
                    tf.get_variable_scope().reuse_variables()
                (cell_output, state) = cell(self.input_data[:, time_step, :], state)
                out_put.append(cell_output)
        self.final = out_put[-1]


initializer = tf.random_uniform_initializer(-0.1, 0.1)
with tf.variable_scope("model", reuse=None, initializer=initializer):
    model = RNN_Model(config=Config(), is_training=True)
print(model.final)
