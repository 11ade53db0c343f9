"""The fixed BiLSTM-CRF NER model builds a separate `cell_fw` and `cell_bw` for each bidirectional_dynamic_rnn (chars and words).

Source: https://github.com/guillaumegenthial/sequence_tagging/blob/master/model/ner_model.py
Shape: class-attribute, helper, tf1-graph
Target: tf1
Runtime: runs
"""

import os

os.environ["TF_USE_LEGACY_KERAS"] = "1"  # tf.compat.v1.nn.rnn_cell needs tf_keras

import numpy as np
import tensorflow.compat.v1 as tf

tf.disable_v2_behavior()


class Config:
    nwords, nchars, ntags = 12, 8, 3
    dim_word, dim_char = 4, 3
    hidden_size_char, hidden_size_lstm = 3, 4


class NERModel:
    def __init__(self, config):
        self.config = config

    def add_placeholders(self):
        self.word_ids = tf.placeholder(tf.int32, [None, None], name="word_ids")
        self.sequence_lengths = tf.placeholder(tf.int32, [None], name="sequence_lengths")
        self.char_ids = tf.placeholder(tf.int32, [None, None, None], name="char_ids")
        self.word_lengths = tf.placeholder(tf.int32, [None, None], name="word_lengths")

    def add_word_embeddings_op(self):
        with tf.variable_scope("words"):
            _word_embeddings = tf.get_variable("_word_embeddings", [self.config.nwords, self.config.dim_word])
            word_embeddings = tf.nn.embedding_lookup(_word_embeddings, self.word_ids)
        with tf.variable_scope("chars"):
            _char_embeddings = tf.get_variable("_char_embeddings", [self.config.nchars, self.config.dim_char])
            char_embeddings = tf.nn.embedding_lookup(_char_embeddings, self.char_ids)
            s = tf.shape(char_embeddings)
            char_embeddings = tf.reshape(char_embeddings, [s[0] * s[1], s[-2], self.config.dim_char])
            word_lengths = tf.reshape(self.word_lengths, [s[0] * s[1]])
            cell_fw = tf.nn.rnn_cell.LSTMCell(self.config.hidden_size_char, state_is_tuple=True)
            cell_bw = tf.nn.rnn_cell.LSTMCell(self.config.hidden_size_char, state_is_tuple=True)
            _output = tf.nn.bidirectional_dynamic_rnn(cell_fw, cell_bw, char_embeddings, sequence_length=word_lengths, dtype=tf.float32)
            _, ((_, output_fw), (_, output_bw)) = _output
            output = tf.concat([output_fw, output_bw], axis=-1)
            output = tf.reshape(output, [s[0], s[1], 2 * self.config.hidden_size_char])
            self.word_embeddings = tf.concat([word_embeddings, output], axis=-1)

    def add_logits_op(self):
        with tf.variable_scope("bi-lstm"):
            cell_fw = tf.nn.rnn_cell.LSTMCell(self.config.hidden_size_lstm)
            cell_bw = tf.nn.rnn_cell.LSTMCell(self.config.hidden_size_lstm)
            (output_fw, output_bw), _ = tf.nn.bidirectional_dynamic_rnn(cell_fw, cell_bw, self.word_embeddings, sequence_length=self.sequence_lengths, dtype=tf.float32)
            output = tf.concat([output_fw, output_bw], axis=-1)
        with tf.variable_scope("proj"):
            W = tf.get_variable("W", [2 * self.config.hidden_size_lstm, self.config.ntags])
            nsteps = tf.shape(output)[1]
            pred = tf.matmul(tf.reshape(output, [-1, 2 * self.config.hidden_size_lstm]), W)
            self.logits = tf.reshape(pred, [-1, nsteps, self.config.ntags])

    def build(self):
        self.add_placeholders()
        self.add_word_embeddings_op()
        self.add_logits_op()


model = NERModel(Config())
model.build()
with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    feed = {
        model.word_ids: np.array([[1, 2, 3], [4, 5, 0]]),
        model.sequence_lengths: np.array([3, 2]),
        model.char_ids: np.ones((2, 3, 4), "int32"),
        model.word_lengths: np.full((2, 3), 4, "int32"),
    }
    print(sess.run(model.logits, feed).shape)

names = [v.name for v in tf.trainable_variables()]
# --- probe ---
print("TFVARFIX-OK" if sum("/bw/" in n for n in names) == 4 else "TFVARFIX-BUG")
