"""The PTB language-model tutorial after its fix: a nested `make_cell()` returns a fresh (dropout-wrapped) cell from `_get_lstm_cell`, and the stack is `MultiRNNCell([make_cell() for _ in range(config.num_layers)])`, so each layer owns its weights.

Source: https://github.com/tensorflow/models/pull/2868
Shape: class, method, comprehension, helper, nested-function, tf1-graph
Target: tf1
Runtime: runs
"""

import os

os.environ["TF_USE_LEGACY_KERAS"] = "1"  # tf.compat.v1.nn.rnn_cell needs tf_keras

import numpy as np
import tensorflow.compat.v1 as tf

tf.disable_v2_behavior()


class SmallConfig(object):
    init_scale = 0.1
    num_layers = 2
    num_steps = 4
    hidden_size = 8
    keep_prob = 0.5
    batch_size = 2
    vocab_size = 20


class PTBModel(object):
    """The PTB model."""

    def __init__(self, is_training, config):
        self._is_training = is_training
        self.batch_size = config.batch_size
        self.num_steps = config.num_steps
        size = config.hidden_size
        vocab_size = config.vocab_size

        self.input_data = tf.placeholder(tf.int32, [config.batch_size, config.num_steps])
        self.targets = tf.placeholder(tf.int32, [config.batch_size, config.num_steps])
        embedding = tf.get_variable("embedding", [vocab_size, size], dtype=tf.float32)
        inputs = tf.nn.embedding_lookup(embedding, self.input_data)
        if is_training and config.keep_prob < 1:
            inputs = tf.nn.dropout(inputs, rate=1 - config.keep_prob)

        output, state = self._build_rnn_graph_lstm(inputs, config, is_training)

        softmax_w = tf.get_variable("softmax_w", [size, vocab_size], dtype=tf.float32)
        softmax_b = tf.get_variable("softmax_b", [vocab_size], dtype=tf.float32)
        logits = tf.nn.xw_plus_b(output, softmax_w, softmax_b)
        logits = tf.reshape(logits, [self.batch_size, self.num_steps, vocab_size])
        self._cost = tf.reduce_mean(
            tf.nn.sparse_softmax_cross_entropy_with_logits(labels=self.targets, logits=logits))
        self._final_state = state
        self._train_op = tf.train.GradientDescentOptimizer(1.0).minimize(self._cost)

    def _get_lstm_cell(self, config, is_training):
        return tf.nn.rnn_cell.BasicLSTMCell(
            config.hidden_size, forget_bias=0.0, state_is_tuple=True, reuse=not is_training)

    def _build_rnn_graph_lstm(self, inputs, config, is_training):
        """Build the inference graph using canonical LSTM cells."""
        def make_cell():
            cell = self._get_lstm_cell(config, is_training)
            if is_training and config.keep_prob < 1:
                cell = tf.nn.rnn_cell.DropoutWrapper(cell, output_keep_prob=config.keep_prob)
            return cell

        cell = tf.nn.rnn_cell.MultiRNNCell(
            [make_cell() for _ in range(config.num_layers)], state_is_tuple=True)

        self._initial_state = cell.zero_state(config.batch_size, tf.float32)
        state = self._initial_state
        outputs = []
        with tf.variable_scope("RNN"):
            for time_step in range(self.num_steps):
                if time_step > 0:
                    tf.get_variable_scope().reuse_variables()
                (cell_output, state) = cell(inputs[:, time_step, :], state)
                outputs.append(cell_output)
        output = tf.reshape(tf.concat(outputs, 1), [-1, config.hidden_size])
        return output, state


config = SmallConfig()
initializer = tf.random_uniform_initializer(-config.init_scale, config.init_scale)
with tf.name_scope("Train"):
    with tf.variable_scope("Model", reuse=None, initializer=initializer):
        m = PTBModel(is_training=True, config=config)

with tf.Session() as session:
    session.run(tf.global_variables_initializer())
    feed = {m.input_data: np.random.randint(0, 20, (2, 4)), m.targets: np.random.randint(0, 20, (2, 4))}
    print(session.run([m._cost, m._train_op], feed)[0])

names = [v.name for v in tf.trainable_variables()]
print(names)
if not any("cell_1" in name for name in names):
    print("TFVARFIX-BUG: both LSTM layers share the weights of cell_0")
