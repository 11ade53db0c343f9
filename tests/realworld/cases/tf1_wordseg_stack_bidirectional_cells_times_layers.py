"""A Chinese word-segmentation class's `inference` method makes one forward and one backward LSTMCell and hands `[fw_cell] * num_layers` and `[bw_cell] * num_layers` to a stacked bidirectional RNN, so every layer is the same two cells, whose kernels were made for the first layer's window-embedding width and cannot take the second layer's 2*num_hidden input.

Source: https://github.com/thewintersun/tensorflowbook/issues/4
Shape: class, method, list-repeat, helper, loop, bidirectional, tf1-graph
Target: tf1
Runtime: raises ValueError: Dimensions must be equal
"""

import os

os.environ["TF_USE_LEGACY_KERAS"] = "1"  # tf.compat.v1.nn.rnn_cell needs tf_keras

import numpy as np
import tensorflow.compat.v1 as tf

tf.disable_v2_behavior()

INITIAL_LEARNING_RATE = 0.003


def stack_bidirectional_dynamic_rnn(cells_fw, cells_bw, inputs, sequence_length=None, dtype=None, scope=None):
    """tf.contrib.rnn.stack_bidirectional_dynamic_rnn (gone from TF 2), same scopes: one bidirectional layer per cell pair."""
    states_fw, states_bw = [], []
    prev_layer = inputs
    with tf.variable_scope(scope or "stack_bidirectional_rnn"):
        for i, (cell_fw, cell_bw) in enumerate(zip(cells_fw, cells_bw)):
            with tf.variable_scope("cell_%d" % i):
                outputs, (state_fw, state_bw) = tf.nn.bidirectional_dynamic_rnn(
                    cell_fw, cell_bw, prev_layer, sequence_length=sequence_length, dtype=dtype
                )
                prev_layer = tf.concat(outputs, 2)
            states_fw.append(state_fw)
            states_bw.append(state_bw)
    return prev_layer, tuple(states_fw), tuple(states_bw)


class ChineseSegLSTM(object):
    def __init__(self, batch_size=3, embedding_size=8):
        self._batch_size = batch_size
        self._embedding_size = embedding_size
        self._window_size = 5
        self._max_feature_len = 6

    def next_train_batch(self, batch_size):
        feature = np.random.rand(batch_size, self._max_feature_len, self._window_size * self._embedding_size)
        labels = np.random.randint(0, 4, size=(batch_size, self._max_feature_len))
        return feature.astype(np.float32), labels, [self._max_feature_len] * batch_size

    def run_training(self, steps=2):
        global_step = tf.get_variable("global_step", [], initializer=tf.constant_initializer(0), trainable=False)
        opt = tf.train.GradientDescentOptimizer(INITIAL_LEARNING_RATE)
        input_data = tf.placeholder(
            tf.float32, [self._batch_size, self._max_feature_len, self._window_size * self._embedding_size]
        )
        labels = tf.placeholder(tf.int32, [self._batch_size, self._max_feature_len])
        seq_len = tf.placeholder(tf.int32, [self._batch_size])
        logits = self.inference(input_data, seq_len)
        cross_entropy = tf.nn.sparse_softmax_cross_entropy_with_logits(labels=labels, logits=logits)
        cross_entropy_mean = tf.reduce_mean(cross_entropy, name="xentropy_mean")
        train_op = opt.apply_gradients(opt.compute_gradients(cross_entropy_mean), global_step=global_step)
        with tf.Session() as sess:
            sess.run(tf.global_variables_initializer())
            for i in range(steps):
                train_batch, label_batch, seq_len_list = self.next_train_batch(self._batch_size)
                feed_dict = {input_data: train_batch, labels: label_batch, seq_len: seq_len_list}
                _, loss_value = sess.run([train_op, cross_entropy_mean], feed_dict=feed_dict)
                print("step: %d loss %f" % (i, loss_value))

    def inference(self, input_data, seq_len):
        num_hidden = 6
        num_layers = 2

        w3 = tf.get_variable("w3", [num_hidden * 2, 16], initializer=tf.random_normal_initializer(stddev=0.1))
        b3 = tf.get_variable("b3", [16], initializer=tf.constant_initializer(0.0))
        w2 = tf.get_variable("w2", [16, 4], initializer=tf.random_normal_initializer(stddev=0.1))
        b2 = tf.get_variable("b2", [4], initializer=tf.constant_initializer(0.0))

        fw_cell = tf.nn.rnn_cell.LSTMCell(num_hidden, initializer=tf.random_normal_initializer(stddev=0.1))
        bw_cell = tf.nn.rnn_cell.LSTMCell(num_hidden, initializer=tf.random_normal_initializer(stddev=0.1))

        fw_cells = [fw_cell] * num_layers  # expect: TFV303
        bw_cells = [bw_cell] * num_layers

        outputs, _, _ = stack_bidirectional_dynamic_rnn(
            fw_cells, bw_cells, input_data, sequence_length=seq_len, dtype=tf.float32
        )
        outputs = tf.reshape(outputs, [-1, num_hidden * 2])
        fc3 = tf.nn.relu(tf.nn.xw_plus_b(outputs, w3, b3))
        logits = tf.nn.xw_plus_b(fc3, w2, b2)
        return tf.reshape(logits, [self._batch_size, -1, 4])


seg = ChineseSegLSTM()
seg.run_training()
