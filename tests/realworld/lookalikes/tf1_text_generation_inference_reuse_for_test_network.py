"""A text-generation tutorial builds its network twice through one `inference(x, is_train, sequence_length, reuse)`: once for training with `reuse=None` and once for sampling one step at a time with `reuse=True`, both inside `tf.variable_scope("model", reuse=reuse)`, so the sampling network shares the trained embedding, LSTM and output weights; the optimizer is made after both, outside the scope.

Source: https://github.com/tensorlayer/TensorLayer/issues/472
Shape: helper, parameter, scope-argument, tf1-rnn, train-and-test, tf1-graph
Target: tf1
Runtime: runs
"""

import os

os.environ["TF_USE_LEGACY_KERAS"] = "1"  # tf.compat.v1.nn.rnn_cell needs tf_keras

import numpy as np
import tensorflow.compat.v1 as tf

tf.disable_v2_behavior()

vocab_size = 7
hidden_size = 4
batch_size = 2
sequence_length = 5


def inference(x, is_train, sequence_length, reuse=None):
    init = tf.random_uniform_initializer(-0.1, 0.1)
    with tf.variable_scope("model", reuse=reuse):
        embeddings = tf.get_variable("embedding", [vocab_size, hidden_size], initializer=init)
        network = tf.nn.embedding_lookup(embeddings, x)
        cell = tf.nn.rnn_cell.BasicLSTMCell(hidden_size)
        lstm1, _ = tf.nn.dynamic_rnn(cell, network, dtype=tf.float32, scope="lstm1")
        flat = tf.reshape(lstm1, [-1, hidden_size])
        w = tf.get_variable("output_W", [hidden_size, vocab_size], initializer=init)
        b = tf.get_variable("output_b", [vocab_size], initializer=tf.zeros_initializer())
        network = tf.matmul(flat, w) + b
    return network, lstm1


input_data = tf.placeholder(tf.int32, [batch_size, sequence_length])
targets = tf.placeholder(tf.int32, [batch_size, sequence_length])
network, lstm1 = inference(input_data, is_train=True, sequence_length=sequence_length, reuse=None)

input_data_test = tf.placeholder(tf.int32, [1, 1])
network_test, lstm1_test = inference(input_data_test, is_train=False, sequence_length=1, reuse=True)
y_soft = tf.nn.softmax(network_test)

cost = tf.reduce_mean(tf.nn.sparse_softmax_cross_entropy_with_logits(labels=tf.reshape(targets, [-1]), logits=network))
tvars = tf.trainable_variables()
grads, _ = tf.clip_by_global_norm(tf.gradients(cost, tvars), 5.0)
optimizer = tf.train.AdamOptimizer(0.01)
train_op = optimizer.apply_gradients(zip(grads, tvars))

with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    feed = {input_data: np.random.randint(0, vocab_size, (batch_size, sequence_length)),
            targets: np.random.randint(0, vocab_size, (batch_size, sequence_length))}
    for step in range(2):
        loss, _ = sess.run([cost, train_op], feed)
    probs = sess.run(y_soft, {input_data_test: [[3]]})
    print(loss, probs.shape, len(tvars))
