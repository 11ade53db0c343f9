# Notebook-style module code: an encoder and a decoder RNN with no scope of their own.
import tensorflow.compat.v1 as tf

tf.disable_eager_execution()

source = tf.placeholder(tf.float32, [None, 5, 3])
encoder_cell = tf.nn.rnn_cell.LSTMCell(4)
decoder_cell = tf.nn.rnn_cell.LSTMCell(4)
memory, state = tf.nn.dynamic_rnn(encoder_cell, source, dtype=tf.float32)
output, _ = tf.nn.dynamic_rnn(
    decoder_cell, memory, initial_state=state, dtype=tf.float32, scope="rnn_1"
)  # expect: TFV301
