# Found by the graph-built-twice rule: a model class rebuilt on each pass of a loop into one default graph
# (scDREAMER#4). The second build raises; its training step after it, whose optimizer would make slots for the
# same variables, never runs on that pass, so it is not reported again.
import numpy as np
import tensorflow.compat.v1 as tf

tf.disable_v2_behavior()


class Model:
    def __init__(self, sess, dim):
        self.sess = sess
        self.x = tf.placeholder(tf.float32, [None, dim])
        with tf.variable_scope("encoder"):
            w = tf.get_variable("w", [dim, 2])
        self.loss = tf.reduce_mean(tf.square(tf.matmul(self.x, w)))

    def train(self, data):
        step = tf.train.AdamOptimizer(1e-3).minimize(self.loss)
        self.sess.run(tf.global_variables_initializer())
        return self.sess.run([step, self.loss], {self.x: data})[1]


def case_rebuilt_per_setting():
    sess = tf.Session()
    data = np.ones((4, 3), "float32")
    losses = []
    for _ in range(2):
        model = Model(sess, 3)  # expect: TFV304
        losses.append(float(model.train(data)))
    return losses
