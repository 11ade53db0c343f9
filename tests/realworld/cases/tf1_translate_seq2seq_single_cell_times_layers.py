"""The translate tutorial's Seq2SeqModel makes one `single_cell` (a GRUCell, or a BasicLSTMCell with `use_lstm`) and, when `num_layers > 1`, stacks it as `MultiRNNCell([single_cell] * num_layers)`; with the embedding size equal to the cell size nothing fails, but every layer runs on the one cell's weights.

Source: https://github.com/tensorflow/models/pull/934
Shape: class, conditional, rebinding, tf1-graph
Target: tf1
Runtime: silent: only multi_rnn_cell/cell_0 weights exist; the upper layers share them
"""

import os

os.environ["TF_USE_LEGACY_KERAS"] = "1"  # tf.compat.v1.nn.rnn_cell needs tf_keras

import numpy as np
import tensorflow.compat.v1 as tf

tf.disable_v2_behavior()


class Seq2SeqModel(object):
    def __init__(self, source_vocab_size, target_vocab_size, size, num_layers, batch_size, use_lstm=False,
                 dtype=tf.float32):
        self.source_vocab_size = source_vocab_size
        self.target_vocab_size = target_vocab_size
        self.batch_size = batch_size

        # Create the internal multi-layer cell for our RNN.
        single_cell = tf.nn.rnn_cell.GRUCell(size)
        if use_lstm:
            single_cell = tf.nn.rnn_cell.BasicLSTMCell(size)
        cell = single_cell
        if num_layers > 1:
            cell = tf.nn.rnn_cell.MultiRNNCell([single_cell] * num_layers)  # expect: TFV303

        # Feeds for inputs.
        self.encoder_inputs = tf.placeholder(tf.int32, shape=[None, 5], name="encoder")
        self.targets = tf.placeholder(tf.int32, shape=[None], name="target")
        embedding = tf.get_variable("embedding", [source_vocab_size, size], dtype=dtype)
        embedded = tf.nn.embedding_lookup(embedding, self.encoder_inputs)
        _, state = tf.nn.dynamic_rnn(cell, embedded, dtype=dtype)
        last = state[-1] if isinstance(state, tuple) else state
        proj_w = tf.get_variable("proj_w", [size, target_vocab_size], dtype=dtype)
        proj_b = tf.get_variable("proj_b", [target_vocab_size], dtype=dtype)
        logits = tf.matmul(last, proj_w) + proj_b
        self.loss = tf.reduce_mean(tf.nn.sparse_softmax_cross_entropy_with_logits(labels=self.targets, logits=logits))
        self.update = tf.train.GradientDescentOptimizer(0.5).minimize(self.loss)


model = Seq2SeqModel(source_vocab_size=20, target_vocab_size=20, size=8, num_layers=3, batch_size=2)
with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    feed = {model.encoder_inputs: np.random.randint(0, 20, (2, 5)), model.targets: np.array([1, 2])}
    print(sess.run([model.loss, model.update], feed)[0])

names = [v.name for v in tf.trainable_variables()]
print(names)
if not any("cell_1" in name for name in names):
    print("TFVARFIX-BUG: the three GRU layers share one set of weights")
