"""A BiLSTM-CRF NER model passes one LSTMCell object as both the forward and the backward cell of bidirectional_dynamic_rnn (for chars and for words), so each direction pair shares one set of weights and no backward weights exist.

Source: https://github.com/guillaumegenthial/sequence_tagging/issues/2
Shape: class-attribute, helper, tf1-graph
Target: tf1
Runtime: silent: the backward LSTMs own no variables; `bidirectional_rnn/bw/...` is never created and the two directions share the forward weights
"""

import os

os.environ["TF_USE_LEGACY_KERAS"] = "1"  # tf.compat.v1.nn.rnn_cell needs tf_keras

import numpy as np
import tensorflow.compat.v1 as tf

tf.disable_v2_behavior()


class Config:
    nwords, nchars, ntags = 12, 8, 3
    dim_word, dim_char = 4, 3
    char_hidden_size, hidden_size = 3, 4
    lr = 0.01


class NERModel:
    def __init__(self, config):
        self.config = config

    def add_placeholders(self):
        self.word_ids = tf.placeholder(tf.int32, [None, None], name="word_ids")
        self.sequence_lengths = tf.placeholder(tf.int32, [None], name="sequence_lengths")
        self.char_ids = tf.placeholder(tf.int32, [None, None, None], name="char_ids")
        self.word_lengths = tf.placeholder(tf.int32, [None, None], name="word_lengths")
        self.labels = tf.placeholder(tf.int32, [None, None], name="labels")

    def add_word_embeddings_op(self):
        with tf.variable_scope("words"):
            _word_embeddings = tf.get_variable("_word_embeddings", [self.config.nwords, self.config.dim_word])
            word_embeddings = tf.nn.embedding_lookup(_word_embeddings, self.word_ids)
        with tf.variable_scope("chars"):
            _char_embeddings = tf.get_variable("_char_embeddings", [self.config.nchars, self.config.dim_char])
            char_embeddings = tf.nn.embedding_lookup(_char_embeddings, self.char_ids)
            s = tf.shape(char_embeddings)
            char_embeddings = tf.reshape(char_embeddings, [-1, s[-2], self.config.dim_char])
            word_lengths = tf.reshape(self.word_lengths, [-1])
            lstm_cell = tf.nn.rnn_cell.LSTMCell(self.config.char_hidden_size, state_is_tuple=True)
            _, ((_, output_fw), (_, output_bw)) = tf.nn.bidirectional_dynamic_rnn(lstm_cell, lstm_cell, char_embeddings, sequence_length=word_lengths, dtype=tf.float32)  # expect: TFV303
            output = tf.concat([output_fw, output_bw], axis=-1)
            output = tf.reshape(output, [-1, s[1], 2 * self.config.char_hidden_size])
        self.word_embeddings = tf.concat([word_embeddings, output], axis=-1)

    def add_logits_op(self):
        with tf.variable_scope("bi-lstm"):
            lstm_cell = tf.nn.rnn_cell.LSTMCell(self.config.hidden_size)
            (output_fw, output_bw), _ = tf.nn.bidirectional_dynamic_rnn(lstm_cell, lstm_cell, self.word_embeddings, sequence_length=self.sequence_lengths, dtype=tf.float32)  # expect: TFV303
            output = tf.concat([output_fw, output_bw], axis=-1)
        with tf.variable_scope("proj"):
            W = tf.get_variable("W", [2 * self.config.hidden_size, self.config.ntags])
            b = tf.get_variable("b", [self.config.ntags], initializer=tf.zeros_initializer())
            ntime_steps = tf.shape(output)[1]
            pred = tf.matmul(tf.reshape(output, [-1, 2 * self.config.hidden_size]), W) + b
            self.logits = tf.reshape(pred, [-1, ntime_steps, self.config.ntags])

    def add_loss_op(self):
        losses = tf.nn.sparse_softmax_cross_entropy_with_logits(logits=self.logits, labels=self.labels)
        self.loss = tf.reduce_mean(tf.boolean_mask(losses, tf.sequence_mask(self.sequence_lengths)))

    def add_train_op(self):
        with tf.variable_scope("train_step"):
            self.train_op = tf.train.AdamOptimizer(self.config.lr).minimize(self.loss)

    def build(self):
        self.add_placeholders()
        self.add_word_embeddings_op()
        self.add_logits_op()
        self.add_loss_op()
        self.add_train_op()


model = NERModel(Config())
model.build()
with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    feed = {
        model.word_ids: np.array([[1, 2, 3], [4, 5, 0]]),
        model.sequence_lengths: np.array([3, 2]),
        model.char_ids: np.ones((2, 3, 4), "int32"),
        model.word_lengths: np.full((2, 3), 4, "int32"),
        model.labels: np.array([[0, 1, 2], [1, 0, 0]]),
    }
    sess.run(model.train_op, feed)

names = [v.name for v in tf.trainable_variables()]
print(names)

# --- probe ---
has_backward = any("/bw/" in name for name in names)
print("TFVARFIX-BUG" if not has_backward else "TFVARFIX-OK")
