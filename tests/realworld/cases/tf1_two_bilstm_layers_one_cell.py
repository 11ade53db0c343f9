"""An attention BiLSTM encoder uses one BasicLSTMCell as forward and backward cell of two stacked bidirectional_dynamic_rnn calls (distinct `scope=` names), so every direction of both layers is the one cell; the second layer's wider input no longer fits its kernel.

Source: https://github.com/ronghanghu/cmn/issues/2
Shape: helper, tf1-graph
Target: tf1
Runtime: raises ValueError: Dimensions must be equal
"""

import os

os.environ["TF_USE_LEGACY_KERAS"] = "1"  # tf.compat.v1.nn.rnn_cell needs tf_keras

import tensorflow.compat.v1 as tf

tf.disable_v2_behavior()


def attbilstm(text_seq_batch, name, num_vocab, embed_dim, lstm_dim, reuse=None):
    with tf.variable_scope(name, reuse=reuse):
        T = tf.shape(text_seq_batch)[0]
        N = tf.shape(text_seq_batch)[1]
        embedding_mat = tf.get_variable("embedding_mat", [num_vocab, embed_dim])
        embedded_seq = tf.nn.embedding_lookup(embedding_mat, text_seq_batch)  # [T, N, D]

        seq_length = tf.ones([N], dtype=tf.int32) * T
        lstm_cell = tf.nn.rnn_cell.BasicLSTMCell(lstm_dim, state_is_tuple=True)
        outputs1_raw, _ = tf.nn.bidirectional_dynamic_rnn(lstm_cell, lstm_cell, embedded_seq, seq_length, dtype=tf.float32, time_major=True, scope="bidirectional_lstm1")  # expect: TFV303
        outputs1 = tf.concat(outputs1_raw, axis=2)
        outputs2_raw, _ = tf.nn.bidirectional_dynamic_rnn(lstm_cell, lstm_cell, outputs1, seq_length, dtype=tf.float32, time_major=True, scope="bidirectional_lstm2")  # expect: TFV303
        outputs2 = tf.concat(outputs2_raw, axis=2)
        return tf.concat([outputs1, outputs2], axis=2)


text_seq_batch = tf.placeholder(tf.int32, [None, None])
q = attbilstm(text_seq_batch, "lang_att", num_vocab=10, embed_dim=3, lstm_dim=4)
print(q)
