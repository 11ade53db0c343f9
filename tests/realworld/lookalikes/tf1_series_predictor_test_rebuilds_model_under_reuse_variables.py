"""A time-series predictor class builds `self.model()` (a BasicLSTMCell and `dynamic_rnn`) in `__init__` for the cost, and `test()` calls `self.model()` again for the predictions; `train()` and `test()` first call `tf.get_variable_scope().reuse_variables()`, and the cell is made with `reuse=tf.get_variable_scope().reuse`, so the second build shares `rnn/basic_lstm_cell/kernel` with the first (the book's fix).

Source: https://github.com/BinRoot/TensorFlow-Book/pull/40
Shape: class, method, built-twice, reuse-variables, session, tf1-graph
Target: tf1
Runtime: runs
"""

import os

os.environ["TF_USE_LEGACY_KERAS"] = "1"  # tf.compat.v1.nn.rnn_cell needs tf_keras

import tensorflow.compat.v1 as tf

tf.disable_v2_behavior()
rnn = tf.nn.rnn_cell


class SeriesPredictor:
    def __init__(self, input_dim, seq_size, hidden_dim=10):
        self.input_dim = input_dim
        self.seq_size = seq_size
        self.hidden_dim = hidden_dim

        self.W_out = tf.Variable(tf.random_normal([hidden_dim, 1]), name="W_out")
        self.b_out = tf.Variable(tf.random_normal([1]), name="b_out")
        self.x = tf.placeholder(tf.float32, [None, seq_size, input_dim])
        self.y = tf.placeholder(tf.float32, [None, seq_size])

        self.cost = tf.reduce_mean(tf.square(self.model() - self.y))
        self.train_op = tf.train.AdamOptimizer().minimize(self.cost)
        self.saver = tf.train.Saver()

    def model(self):
        cell = rnn.BasicLSTMCell(self.hidden_dim, reuse=tf.get_variable_scope().reuse)
        outputs, states = tf.nn.dynamic_rnn(cell, self.x, dtype=tf.float32)
        num_examples = tf.shape(self.x)[0]
        W_repeated = tf.tile(tf.expand_dims(self.W_out, 0), [num_examples, 1, 1])
        out = tf.matmul(outputs, W_repeated) + self.b_out
        return tf.squeeze(out)

    def train(self, train_x, train_y, steps=30):
        with tf.Session() as sess:
            tf.get_variable_scope().reuse_variables()
            sess.run(tf.global_variables_initializer())
            for i in range(steps):
                _, mse = sess.run([self.train_op, self.cost], feed_dict={self.x: train_x, self.y: train_y})
                if i % 10 == 0:
                    print(i, mse)
            save_path = self.saver.save(sess, "./model.ckpt")
            print("Model saved to {}".format(save_path))

    def test(self, test_x):
        with tf.Session() as sess:
            tf.get_variable_scope().reuse_variables()
            self.saver.restore(sess, "./model.ckpt")
            output = sess.run(self.model(), feed_dict={self.x: test_x})
            return output


if __name__ == "__main__":
    predictor = SeriesPredictor(input_dim=1, seq_size=4, hidden_dim=10)
    train_x = [[[1], [2], [5], [6]], [[5], [7], [7], [8]], [[3], [4], [5], [7]]]
    train_y = [[1, 3, 7, 11], [5, 12, 14, 15], [3, 7, 9, 12]]
    predictor.train(train_x, train_y)

    test_x = [[[1], [2], [3], [4]], [[4], [5], [6], [7]]]
    pred_y = predictor.test(test_x)
    kernels = [v.name for v in tf.global_variables() if "basic_lstm_cell/kernel" in v.name and "Adam" not in v.name]
    print("kernels:", kernels)
    for i, x in enumerate(test_x):
        print("When the input is {} the model thinks {}".format(x, pred_y[i]))
    if kernels != ["rnn/basic_lstm_cell/kernel:0"]:
        print("TFVARFIX-BUG: the test build did not share the trained LSTM")
