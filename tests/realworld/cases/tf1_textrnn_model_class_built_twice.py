"""A text-classification RNN keeps its whole TF1 graph in a model class whose `__init__` calls `self.rnn()`, which makes the embedding with `get_variable("embedding")`; a notebook builds the model, then builds it again (to test with another config) in the same default graph, and the second embedding collides.

Source: https://github.com/gaussic/text-classification-cnn-rnn/issues/144
Shape: class-attribute, subclassed, helper, tf1-graph, notebook-like
Target: tf1
Runtime: raises ValueError: Variable embedding already exists, disallowed
"""

import os

os.environ["TF_USE_LEGACY_KERAS"] = "1"  # tf.compat.v1.nn.rnn_cell needs tf_keras

import tensorflow.compat.v1 as tf

tf.disable_v2_behavior()


class TRNNConfig(object):
    embedding_dim = 8
    seq_length = 5
    num_classes = 3
    vocab_size = 20
    hidden_dim = 6


class TextRNN(object):
    def __init__(self, config):
        self.config = config
        self.input_x = tf.placeholder(tf.int32, [None, self.config.seq_length], name="input_x")
        self.rnn()

    def rnn(self):
        with tf.device("/cpu:0"):
            embedding = tf.get_variable("embedding", [self.config.vocab_size, self.config.embedding_dim])
            embedding_inputs = tf.nn.embedding_lookup(embedding, self.input_x)
        with tf.name_scope("rnn"):
            cell = tf.nn.rnn_cell.GRUCell(self.config.hidden_dim)
            outputs, _ = tf.nn.dynamic_rnn(cell=cell, inputs=embedding_inputs, dtype=tf.float32)
            last = outputs[:, -1, :]
        with tf.name_scope("score"):
            self.logits = tf.layers.dense(last, self.config.num_classes, name="fc2")


config = TRNNConfig()
model = TextRNN(config)
# ... a later notebook cell builds the model again ...
config.hidden_dim = 4
model = TextRNN(config)  # expect: TFV304
