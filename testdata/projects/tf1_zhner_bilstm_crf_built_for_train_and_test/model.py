"""The model module of a Chinese NER tagger: a `BiLSTM_CRF` class whose `build_graph` method adds placeholders, an embedding lookup and a `biLSTM_layer_op` that runs `bidirectional_dynamic_rnn` on two fresh `LSTMCell`s under `variable_scope("bi-lstm")` and a projection under `variable_scope("proj")` (no reuse anywhere).

Source: https://github.com/Determined22/zh-NER-TF/issues/34
Shape: class-attribute, subclassed, tf1-graph, two-module
Target: tf1
Runtime: raises ValueError: Variable bi-lstm/bidirectional_rnn/fw/lstm_cell/kernel already exists, disallowed
"""

import os

os.environ["TF_USE_LEGACY_KERAS"] = "1"  # tf.compat.v1.nn.rnn_cell needs tf_keras

import numpy as np
import tensorflow.compat.v1 as tf

tf.disable_v2_behavior()


class BiLSTM_CRF:
    def __init__(self, hidden_dim, embeddings, tag2label):
        self.hidden_dim = hidden_dim
        self.embeddings = embeddings
        self.num_tags = len(tag2label)

    def build_graph(self):
        self.add_placeholders()
        self.lookup_layer_op()
        self.biLSTM_layer_op()
        self.loss_op()

    def add_placeholders(self):
        self.word_ids = tf.placeholder(tf.int32, shape=[None, None], name="word_ids")
        self.labels = tf.placeholder(tf.int32, shape=[None, None], name="labels")
        self.sequence_lengths = tf.placeholder(tf.int32, shape=[None], name="sequence_lengths")

    def lookup_layer_op(self):
        with tf.variable_scope("words"):
            _word_embeddings = tf.Variable(self.embeddings, dtype=tf.float32, name="_word_embeddings")
            self.word_embeddings = tf.nn.embedding_lookup(_word_embeddings, self.word_ids)

    def biLSTM_layer_op(self):
        with tf.variable_scope("bi-lstm"):
            cell_fw = tf.nn.rnn_cell.LSTMCell(self.hidden_dim)
            cell_bw = tf.nn.rnn_cell.LSTMCell(self.hidden_dim)
            (output_fw, output_bw), _ = tf.nn.bidirectional_dynamic_rnn(
                cell_fw, cell_bw, self.word_embeddings, sequence_length=self.sequence_lengths, dtype=tf.float32)
            output = tf.concat([output_fw, output_bw], axis=-1)
        with tf.variable_scope("proj"):
            W = tf.get_variable("W", shape=[2 * self.hidden_dim, self.num_tags], dtype=tf.float32)
            b = tf.get_variable("b", shape=[self.num_tags], initializer=tf.zeros_initializer(), dtype=tf.float32)
            s = tf.shape(output)
            output = tf.reshape(output, [-1, 2 * self.hidden_dim])
            self.logits = tf.reshape(tf.matmul(output, W) + b, [-1, s[1], self.num_tags])

    def loss_op(self):
        losses = tf.nn.sparse_softmax_cross_entropy_with_logits(logits=self.logits, labels=self.labels)
        self.loss = tf.reduce_mean(losses)


def random_embedding(vocab_size, embedding_dim):
    return np.random.uniform(-0.25, 0.25, (vocab_size, embedding_dim)).astype(np.float32)
