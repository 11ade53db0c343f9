"""A PTB-style name-generator model class makes one BasicLSTMCell per layer in a loop, dropout-wrapping each when training, and stacks the list in `MultiRNNCell`, unrolled by calling the cell per time step; the validation model shares them under `reuse=True`: every layer owns its weights.

Source: https://github.com/tensorflow/models/blob/master/namignizer/model.py
Shape: class-attribute, config-object, conditional-rebind, per-layer-loop, per-step-loop, train-and-eval-models, tf1-graph
Target: tf1
Runtime: runs
"""

import os

os.environ["TF_USE_LEGACY_KERAS"] = "1"  # tf.compat.v1.nn.rnn_cell needs tf_keras

import numpy as np
import tensorflow.compat.v1 as tf

tf.disable_v2_behavior()


class SmallConfig:
    batch_size = 2
    num_steps = 4
    hidden_size = 6
    vocab_size = 27
    num_layers = 3
    keep_prob = 0.9
    max_grad_norm = 5
    learning_rate = 1.0


class NameModel:
    """Character model for names, in the shape of the PTB tutorial."""

    def __init__(self, is_training, config):
        self.batch_size = batch_size = config.batch_size
        self.num_steps = num_steps = config.num_steps
        size = config.hidden_size
        vocab_size = config.vocab_size

        self._input_data = tf.placeholder(tf.int32, [batch_size, num_steps])
        self._targets = tf.placeholder(tf.int32, [batch_size, num_steps])
        self._weights = tf.placeholder(tf.float32, [batch_size * num_steps])

        lstm_cells = []
        for layer in range(config.num_layers):
            lstm_cell = tf.nn.rnn_cell.BasicLSTMCell(size, forget_bias=0.0)
            if is_training and config.keep_prob < 1:
                lstm_cell = tf.nn.rnn_cell.DropoutWrapper(lstm_cell, output_keep_prob=config.keep_prob)
            lstm_cells.append(lstm_cell)
        cell = tf.nn.rnn_cell.MultiRNNCell(lstm_cells)

        self._initial_state = cell.zero_state(batch_size, tf.float32)

        embedding = tf.get_variable("embedding", [vocab_size, size])
        inputs = tf.nn.embedding_lookup(embedding, self._input_data)
        if is_training and config.keep_prob < 1:
            inputs = tf.nn.dropout(inputs, config.keep_prob)

        outputs = []
        state = self._initial_state
        with tf.variable_scope("RNN"):
            for time_step in range(num_steps):
                if time_step > 0:
                    tf.get_variable_scope().reuse_variables()
                cell_output, state = cell(inputs[:, time_step, :], state)
                outputs.append(cell_output)

        output = tf.reshape(tf.concat(outputs, 1), [-1, size])
        softmax_w = tf.get_variable("softmax_w", [size, vocab_size])
        softmax_b = tf.get_variable("softmax_b", [vocab_size])
        logits = tf.matmul(output, softmax_w) + softmax_b
        loss = tf.nn.sparse_softmax_cross_entropy_with_logits(labels=tf.reshape(self._targets, [-1]), logits=logits)
        self._cost = cost = tf.reduce_sum(loss * self._weights) / batch_size
        self._final_state = state
        self._activations = tf.nn.softmax(logits)

        if not is_training:
            return

        self._lr = tf.Variable(0.0, trainable=False)
        tvars = tf.trainable_variables()
        grads, _ = tf.clip_by_global_norm(tf.gradients(cost, tvars), config.max_grad_norm)
        optimizer = tf.train.GradientDescentOptimizer(self._lr)
        self._train_op = optimizer.apply_gradients(zip(grads, tvars))

    def assign_lr(self, session, lr_value):
        session.run(tf.assign(self._lr, lr_value))


config = SmallConfig()
initializer = tf.random_uniform_initializer(-0.1, 0.1)
with tf.variable_scope("model", reuse=None, initializer=initializer):
    m = NameModel(is_training=True, config=config)
with tf.variable_scope("model", reuse=True, initializer=initializer):
    mtest = NameModel(is_training=False, config=config)

rng = np.random.RandomState(0)
with tf.Session() as session:
    session.run(tf.global_variables_initializer())
    m.assign_lr(session, config.learning_rate)
    feed = {
        m._input_data: rng.randint(0, config.vocab_size, (config.batch_size, config.num_steps)),
        m._targets: rng.randint(0, config.vocab_size, (config.batch_size, config.num_steps)),
        m._weights: np.ones(config.batch_size * config.num_steps, "float32"),
    }
    cost, _ = session.run([m._cost, m._train_op], feed)
    print("cost", cost)

names = [v.name for v in tf.trainable_variables()]
print(names)

# --- probe ---
per_layer = [any(f"cell_{i}/" in name for name in names) for i in range(config.num_layers)]
print("TFVARFIX-OK" if all(per_layer) and len(names) == 2 + 2 * config.num_layers + 1 else "TFVARFIX-BUG")
