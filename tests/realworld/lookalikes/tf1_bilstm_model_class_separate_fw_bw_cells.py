"""A bidirectional LSTM model class makes separate forward and backward cells in `__init__` and passes them to `bidirectional_dynamic_rnn`, so each direction owns its weights.

Source: https://github.com/tensorflow/tensorflow/issues/799
Shape: class-attribute, tf1-graph
Target: tf1
Runtime: runs
"""

import os

os.environ["TF_USE_LEGACY_KERAS"] = "1"  # tf.compat.v1.nn.rnn_cell needs tf_keras

import tensorflow.compat.v1 as tf

tf.disable_v2_behavior()


class Model(object):
    def __init__(self, batch_size, len_word, num_chars, dim_embed, dim_hidden):
        self.batch_size = batch_size
        self.len_word = len_word
        self.embedding = tf.Variable(tf.random_uniform([num_chars, dim_embed], -0.1, 0.1), name="embedding")
        self.lstm_fw_cell = tf.nn.rnn_cell.BasicLSTMCell(dim_hidden)
        self.lstm_bw_cell = tf.nn.rnn_cell.BasicLSTMCell(dim_hidden)

    def build_model(self):
        inputs = tf.placeholder(tf.int32, [self.batch_size, self.len_word])
        input_length = tf.placeholder(tf.int64, [self.batch_size])
        embedded = tf.nn.embedding_lookup(self.embedding, inputs)
        (fw, bw), _ = tf.nn.bidirectional_dynamic_rnn(
            self.lstm_fw_cell, self.lstm_bw_cell, embedded, sequence_length=input_length, dtype=tf.float32
        )
        return tf.concat([fw, bw], 2)


model = Model(batch_size=2, len_word=5, num_chars=10, dim_embed=4, dim_hidden=3)
out = model.build_model()
names = [v.name for v in tf.trainable_variables()]
print(names)

# --- probe ---
print("TFVARFIX-OK" if any("/fw/" in n for n in names) and any("/bw/" in n for n in names) else "TFVARFIX-BUG")
