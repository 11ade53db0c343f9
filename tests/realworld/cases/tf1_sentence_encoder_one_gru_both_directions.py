"""A sentence-encoder class makes one GRU cell in `__init__` and passes it as both the forward and the backward cell of `bidirectional_dynamic_rnn`: the two directions silently share one set of weights.

Source: https://github.com/ufal/neuralmonkey/issues/314
Shape: class-attribute, tf1-graph
Target: tf1
Runtime: silent: forward and backward RNN share one GRU kernel; no backward weights exist
"""

import os

os.environ["TF_USE_LEGACY_KERAS"] = "1"  # tf.compat.v1.nn.rnn_cell needs tf_keras

import tensorflow.compat.v1 as tf

tf.disable_v2_behavior()


class SentenceEncoder:
    def __init__(self, rnn_size, embedding_size, vocabulary_size):
        self.rnn_size = rnn_size
        self.embeddings = tf.get_variable("word_embeddings", [vocabulary_size, embedding_size])
        self.gru_cell = tf.nn.rnn_cell.GRUCell(rnn_size)

    def encode(self, inputs, lengths):
        embedded = tf.nn.embedding_lookup(self.embeddings, inputs)
        (fw, bw), _ = tf.nn.bidirectional_dynamic_rnn(
            self.gru_cell, self.gru_cell, embedded, sequence_length=lengths, dtype=tf.float32  # expect: TFV303
        )
        return tf.concat([fw, bw], 2)


words = tf.placeholder(tf.int32, [None, 7])
lengths = tf.placeholder(tf.int32, [None])
encoder = SentenceEncoder(rnn_size=5, embedding_size=4, vocabulary_size=20)
states = encoder.encode(words, lengths)

# --- probe ---
names = [v.name for v in tf.trainable_variables()]
print(names)
print("TFVARFIX-BUG" if not any("/bw/" in n for n in names) else "TFVARFIX-OK")
