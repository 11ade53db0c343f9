"""An MR-to-CT GAN class builds `discriminator(real)` and `discriminator(fake, reuse=True)`; each call opens `tf.variable_scope('discriminator')` and only then calls `tf.get_variable_scope().reuse_variables()`, which turns reuse on for that named scope alone, so when the `with` block closes the root scope is still creating and the Adam optimizers made next in `build_model` get their slots.

Source: https://github.com/ginobilinie/medSynthesis/blob/master/g_model.py
Shape: class, method, parameter, conditional, scope-block, helper, comprehension, tf1-graph
Target: tf1
Runtime: runs
"""

import numpy as np
import tensorflow.compat.v1 as tf

tf.disable_v2_behavior()


def conv_op_bn(x, name, n_out, train_phase, kh=3, kw=3):
    with tf.variable_scope(name):
        w = tf.get_variable("w", [kh, kw, x.get_shape().as_list()[-1], n_out])
        b = tf.get_variable("b", [n_out], initializer=tf.zeros_initializer())
        conv = tf.nn.conv2d(x, w, [1, 1, 1, 1], "SAME") + b
        beta = tf.get_variable("beta", [n_out], initializer=tf.zeros_initializer())
        gamma = tf.get_variable("gamma", [n_out], initializer=tf.ones_initializer())
        mean, var = tf.nn.moments(conv, [0, 1, 2])
        return tf.nn.relu(tf.nn.batch_normalization(conv, mean, var, beta, gamma, 1e-5))


def fullyconnected_op(x, name, n_out, activation=True):
    with tf.variable_scope(name):
        flat = tf.reshape(x, [-1, int(np.prod(x.get_shape().as_list()[1:]))])
        w = tf.get_variable("w", [flat.get_shape()[-1], n_out])
        b = tf.get_variable("b", [n_out], initializer=tf.zeros_initializer())
        out = tf.matmul(flat, w) + b
        return tf.nn.relu(out) if activation else out


class MR2CT:
    def __init__(self, sess, height=8, width=8, learning_rate=1e-3):
        self.sess = sess
        self.height = height
        self.width = width
        self.learning_rate = learning_rate
        self.build_model()

    def build_model(self):
        self.inputMR = tf.placeholder(tf.float32, shape=[None, self.height, self.width, 2])
        self.CT_GT = tf.placeholder(tf.float32, shape=[None, self.height, self.width, 1])
        self.train_phase = tf.placeholder(tf.bool, name="phase_train")
        self.G = self.generator(self.inputMR)
        self.D, self.D_logits = self.discriminator(self.CT_GT)
        self.D_, self.D_logits_ = self.discriminator(self.G, reuse=True)
        self.d_loss = tf.reduce_mean(tf.nn.sigmoid_cross_entropy_with_logits(
            logits=self.D_logits, labels=tf.ones_like(self.D))) + tf.reduce_mean(
            tf.nn.sigmoid_cross_entropy_with_logits(logits=self.D_logits_, labels=tf.zeros_like(self.D_)))
        self.g_loss = tf.reduce_mean(tf.square(self.G - self.CT_GT)) + tf.reduce_mean(
            tf.nn.sigmoid_cross_entropy_with_logits(logits=self.D_logits_, labels=tf.ones_like(self.D_)))
        self.global_step = tf.Variable(0, name="global_step", trainable=False)
        t_vars = tf.trainable_variables()
        self.d_vars = [var for var in t_vars if "d_" in var.name]
        self.g_vars = [var for var in t_vars if "g_" in var.name]
        with tf.variable_scope(tf.get_variable_scope(), reuse=False):
            self.d_optim = tf.train.AdamOptimizer(self.learning_rate, beta1=0.5) \
                .minimize(self.d_loss, var_list=self.d_vars)
            self.g_optim = tf.train.AdamOptimizer(self.learning_rate, beta1=0.5) \
                .minimize(self.g_loss, var_list=self.g_vars, global_step=self.global_step)

    def generator(self, inputMR, reuse=False):
        with tf.variable_scope("generator"):
            if reuse:
                tf.get_variable_scope().reuse_variables()
            conv1_a = conv_op_bn(inputMR, name="g_conv1_a", n_out=4, train_phase=self.train_phase)
            conv2_a = conv_op_bn(conv1_a, name="g_conv2_a", n_out=4, train_phase=self.train_phase)
            with tf.variable_scope("g_conv3_a"):
                w = tf.get_variable("w", [3, 3, 4, 1])
                return tf.nn.conv2d(conv2_a, w, [1, 1, 1, 1], "SAME")

    def discriminator(self, inputCT, reuse=False):
        with tf.variable_scope("discriminator"):
            if reuse:
                tf.get_variable_scope().reuse_variables()
            h0 = conv_op_bn(inputCT, name="d_conv_dis_1_a", n_out=4, train_phase=self.train_phase)
            m0 = tf.nn.max_pool2d(h0, 2, 2, "SAME")
            h1 = conv_op_bn(m0, name="d_conv2_dis_a", n_out=8, train_phase=self.train_phase)
            fc1 = fullyconnected_op(h1, name="d_fc1", n_out=8)
            fc2 = fullyconnected_op(fc1, name="d_fc2", n_out=1, activation=False)
            return tf.nn.sigmoid(fc2), fc2

    def train(self, iterations=2):
        self.sess.run(tf.global_variables_initializer())
        for it in range(iterations):
            X = np.random.rand(2, self.height, self.width, 2)
            y = np.random.rand(2, self.height, self.width, 1)
            feed = {self.inputMR: X, self.CT_GT: y, self.train_phase: True}
            _, loss_d = self.sess.run([self.d_optim, self.d_loss], feed_dict=feed)
            _, loss_g = self.sess.run([self.g_optim, self.g_loss], feed_dict=feed)
            print(it, loss_d, loss_g)


with tf.Session() as sess:
    model = MR2CT(sess)
    model.train()
