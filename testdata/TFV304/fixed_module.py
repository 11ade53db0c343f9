# Notebook-style module code: a learning-rate sweep at module level.
import numpy as np
import tensorflow.compat.v1 as tf

tf.disable_eager_execution()


def build(learning_rate):
    x = tf.placeholder(tf.float32, [None, 5, 3])
    outputs, _ = tf.nn.dynamic_rnn(tf.nn.rnn_cell.LSTMCell(4), x, dtype=tf.float32)
    loss = tf.reduce_mean(outputs)
    return x, loss, tf.train.AdamOptimizer(learning_rate).minimize(loss)


results = {}
for lr in [0.1, 0.01]:
    tf.reset_default_graph()
    x, loss, train_op = build(lr)  # expect: TFV304
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        results[lr] = sess.run([loss, train_op], {x: np.ones((2, 5, 3), "float32")})[0]
