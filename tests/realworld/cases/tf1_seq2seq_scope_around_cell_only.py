"""A seq2seq model opens `variable_scope('encoder')`/`('decoder')` only around building each cell, so both dynamic_rnn calls create their LSTM weights under the same default `rnn` scope.

Source: https://github.com/STHSF/wiki/blob/master/content/Algorithm/DeepLearning/Second%20RNNCell%20Error.md
Shape: class-attribute, helper, tf1-graph
Target: tf1
Runtime: raises ValueError: Variable rnn/lstm_cell/kernel already exists, disallowed
"""

import os

os.environ["TF_USE_LEGACY_KERAS"] = "1"  # tf.compat.v1.nn.rnn_cell needs tf_keras

import tensorflow.compat.v1 as tf

tf.disable_v2_behavior()


class Seq2Seq:
    def __init__(self, vocab_size=7, embed_dim=3, encoder_hidden_units=4, decoder_hidden_units=4):
        self.encoder_hidden_units = encoder_hidden_units
        self.decoder_hidden_units = decoder_hidden_units
        # time-major inputs, as in the report: [max_time, batch]
        self.encoder_inputs = tf.placeholder(tf.int32, [None, None], name="encoder_inputs")
        self.decoder_inputs = tf.placeholder(tf.int32, [None, None], name="decoder_inputs")
        self.embeddings = tf.get_variable("embeddings", [vocab_size, embed_dim])
        self.get_encoder_layer()
        self.get_decoder_layer()

    def embedding(self, ids):
        return tf.nn.embedding_lookup(self.embeddings, ids)

    def get_encoder_layer(self):
        encoder_inputs_embedded = self.embedding(self.encoder_inputs)
        with tf.variable_scope("encoder"):
            encoder_cell = tf.nn.rnn_cell.LSTMCell(self.encoder_hidden_units)
        # the RNN call itself is outside the scope: its variables go to rnn/lstm_cell/...
        self.encoder_output, self.encoder_final_state = tf.nn.dynamic_rnn(encoder_cell, encoder_inputs_embedded, dtype=tf.float32, time_major=True)

    def get_decoder_layer(self):
        decoder_inputs_embedded = self.embedding(self.decoder_inputs)
        with tf.variable_scope("decoder"):
            decoder_cell = tf.nn.rnn_cell.LSTMCell(self.decoder_hidden_units)
        self.decoder_outputs, _ = tf.nn.dynamic_rnn(decoder_cell, decoder_inputs_embedded, initial_state=self.encoder_final_state, dtype=tf.float32, time_major=True)  # expect: TFV301


model = Seq2Seq()
print([v.name for v in tf.global_variables()])
