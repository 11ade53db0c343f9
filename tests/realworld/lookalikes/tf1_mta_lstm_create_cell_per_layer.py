"""The fix posted in the MTA-LSTM thread: a nested `create_LSTM_cell()` builds a fresh `LSTMCell` (dropout-wrapped only when training) and the stack is `[create_LSTM_cell() for _ in range(config.num_layers)]`, one cell per layer.

Source: https://github.com/hit-computer/MTA-LSTM/issues/3
Shape: class, config-object, conditional-wrapper, nested-function, comprehension, tf1-graph
Target: tf1
Runtime: runs
"""

import os

os.environ["TF_USE_LEGACY_KERAS"] = "1"  # tf.compat.v1.nn.rnn_cell needs tf_keras

import numpy as np
import tensorflow.compat.v1 as tf

tf.disable_v2_behavior()


class Config(object):
    batch_size = 2
    num_steps = 4
    hidden_size = 16
    word_embedding_size = 10
    num_layers = 2
    keep_prob = 0.5
    vocab_size = 30


class Model(object):
    def __init__(self, is_training, config):
        self.batch_size = batch_size = config.batch_size
        self.num_steps = num_steps = config.num_steps
        size = config.hidden_size
        self._input_data = tf.placeholder(tf.int32, [batch_size, num_steps])

        def create_LSTM_cell():
            LSTM_cell = tf.nn.rnn_cell.LSTMCell(size, forget_bias=0.0, state_is_tuple=False)
            if is_training and config.keep_prob < 1:
                LSTM_cell = tf.nn.rnn_cell.DropoutWrapper(LSTM_cell, output_keep_prob=config.keep_prob)
            return LSTM_cell

        layers = [create_LSTM_cell() for _ in range(config.num_layers)]
        cell = tf.nn.rnn_cell.MultiRNNCell(layers, state_is_tuple=False)
        self._initial_state = cell.zero_state(batch_size, tf.float32)
        embedding = tf.get_variable("word_embedding", [config.vocab_size, config.word_embedding_size])
        inputs = tf.nn.embedding_lookup(embedding, self._input_data)
        outputs = []
        state = self._initial_state
        with tf.variable_scope("RNN"):
            for time_step in range(num_steps):
                if time_step > 0:
                    tf.get_variable_scope().reuse_variables()
                (cell_output, state) = cell(inputs[:, time_step, :], state)
                outputs.append(cell_output)
        self.output = tf.stack(outputs, axis=1)


config = Config()
with tf.Graph().as_default(), tf.Session() as session:
    with tf.variable_scope("model", reuse=None):
        m = Model(is_training=True, config=config)
    session.run(tf.global_variables_initializer())
    print(session.run(m.output, {m._input_data: np.zeros((2, 4))}).shape)
