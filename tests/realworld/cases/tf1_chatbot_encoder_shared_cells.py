"""A chatbot's encoding layer stacks one dropout-wrapped cell as `MultiRNNCell([drop] * num_layers)` and passes that one stack as both `cell_fw` and `cell_bw`; with input size equal to units it builds silently with a single layer of weights shared by every layer and both directions.

Source: https://github.com/Currie32/Chatbot-from-Movie-Dialogue/issues/4
Shape: helper, notebook-like, tf1-graph
Target: tf1
Runtime: silent: one `cell_0` kernel serves both stacked layers and both directions; no `cell_1` and no backward variables are created
"""

import os

os.environ["TF_USE_LEGACY_KERAS"] = "1"  # tf.compat.v1.nn.rnn_cell needs tf_keras

import numpy as np
import tensorflow.compat.v1 as tf

tf.disable_v2_behavior()


def model_inputs():
    input_data = tf.placeholder(tf.int32, [None, None], name="input")
    keep_prob = tf.placeholder_with_default(1.0, [], name="keep_prob")
    return input_data, keep_prob


def encoding_layer(rnn_inputs, rnn_size, num_layers, keep_prob, sequence_length):
    """Create the encoding layer"""
    lstm = tf.nn.rnn_cell.BasicLSTMCell(rnn_size)
    drop = tf.nn.rnn_cell.DropoutWrapper(lstm, input_keep_prob=keep_prob)
    enc_cell = tf.nn.rnn_cell.MultiRNNCell([drop] * num_layers)  # expect: TFV303
    _, enc_state = tf.nn.bidirectional_dynamic_rnn(cell_fw=enc_cell, cell_bw=enc_cell, sequence_length=sequence_length, inputs=rnn_inputs, dtype=tf.float32)  # expect: TFV303
    return enc_state


# Set the Hyperparameters (the notebook uses rnn_size == embedding size == 512)
rnn_size, num_layers, encoding_embedding_size, vocab_size = 4, 2, 4, 10

# Reset the graph to ensure that it is ready for training
tf.reset_default_graph()
input_data, keep_prob = model_inputs()
sequence_length = tf.placeholder_with_default(5, None, name="sequence_length")
enc_embed = tf.get_variable("enc_embeddings", [vocab_size, encoding_embedding_size])
enc_embed_input = tf.nn.embedding_lookup(enc_embed, input_data)
enc_state = encoding_layer(enc_embed_input, rnn_size, num_layers, keep_prob, tf.fill([tf.shape(input_data)[0]], sequence_length))

with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    sess.run(enc_state, {input_data: np.ones((2, 5), "int32")})

names = [v.name for v in tf.trainable_variables()]
print(names)

# --- probe ---
separate_layers = any("cell_1" in name for name in names)
separate_backward = any("/bw/" in name for name in names)
print("TFVARFIX-BUG" if not (separate_layers or separate_backward) else "TFVARFIX-OK")
