"""A chatbot decoder runs one decoder cell twice, for the training logits and for inference, inside one `variable_scope('decoding')` with `decoding_scope.reuse_variables()` between the two RNN calls, so both share the decoder weights on purpose.

Source: https://github.com/Currie32/Chatbot-from-Movie-Dialogue/blob/master/Chatbot_Attention.py
Shape: helper, parameter, notebook-like, tf1-graph
Target: tf1
Runtime: runs
"""

import os

os.environ["TF_USE_LEGACY_KERAS"] = "1"  # tf.compat.v1.nn.rnn_cell needs tf_keras

import numpy as np
import tensorflow.compat.v1 as tf

tf.disable_v2_behavior()

# The source stacks `[drop] * num_layers`; here each layer gets its own cell, the train/infer reuse is the point.


def decoding_layer_train(dec_cell, dec_embed_input, decoding_scope, output_fn):
    train_pred, _ = tf.nn.dynamic_rnn(dec_cell, dec_embed_input, dtype=tf.float32, scope=decoding_scope)
    return output_fn(train_pred)


def decoding_layer_infer(dec_cell, dec_embed_input, decoding_scope, output_fn):
    infer_pred, _ = tf.nn.dynamic_rnn(dec_cell, dec_embed_input, dtype=tf.float32, scope=decoding_scope)
    return output_fn(infer_pred)


def decoding_layer(dec_embed_input, vocab_size, rnn_size, num_layers, keep_prob):
    with tf.variable_scope("decoding") as decoding_scope:
        dec_cell = tf.nn.rnn_cell.MultiRNNCell([tf.nn.rnn_cell.DropoutWrapper(tf.nn.rnn_cell.BasicLSTMCell(rnn_size), input_keep_prob=keep_prob) for _ in range(num_layers)])
        output_fn = lambda x: tf.layers.dense(x, vocab_size, name="output")
        train_logits = decoding_layer_train(dec_cell, dec_embed_input, decoding_scope, output_fn)
        decoding_scope.reuse_variables()
        infer_logits = decoding_layer_infer(dec_cell, dec_embed_input, decoding_scope, output_fn)
    return train_logits, infer_logits


tf.reset_default_graph()
keep_prob = tf.placeholder_with_default(1.0, [])
dec_input = tf.placeholder(tf.int32, [None, None])
dec_embeddings = tf.Variable(tf.random_uniform([10, 4], 0, 1))
dec_embed_input = tf.nn.embedding_lookup(dec_embeddings, dec_input)
train_logits, infer_logits = decoding_layer(dec_embed_input, 10, 4, 2, keep_prob)

with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    t, i = sess.run([train_logits, infer_logits], {dec_input: np.ones((2, 5), "int32")})

# --- probe ---
print("TFVARFIX-OK" if np.allclose(t, i) else "TFVARFIX-BUG")
