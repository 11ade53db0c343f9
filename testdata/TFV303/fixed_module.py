# Notebook-style module code: a three-layer LSTM stacked from one cell (input 4, units 5: the second layer fails).
import tensorflow.compat.v1 as tf

tf.disable_eager_execution()

x = tf.placeholder(tf.float32, [None, 5, 4])
cell = tf.nn.rnn_cell.BasicLSTMCell(num_units=5)
cell = tf.nn.rnn_cell.MultiRNNCell(
    [tf.nn.rnn_cell.BasicLSTMCell(num_units=5) for _ in range(3)]
)  # expect: TFV303
outputs, states = tf.nn.dynamic_rnn(cell, x, dtype=tf.float32)
