# Near misses of the moving-average finding: the same averages where they can be made. Under
# `reuse=tf.AUTO_REUSE` the second build reuses its weights and creates the new averages; a shared build that
# reads the first build's averages (DCGAN's sampler, `train=False`) applies none; a single build averages once.
import numpy as np
import tensorflow.compat.v1 as tf

tf.disable_v2_behavior()


class batch_norm:
    def __init__(self, name):
        with tf.variable_scope(name):
            self.ema = tf.train.ExponentialMovingAverage(decay=0.9)
            self.name = name

    def __call__(self, x, train=True):
        with tf.variable_scope(self.name):
            beta = tf.get_variable("beta", [x.get_shape()[-1]], initializer=tf.zeros_initializer())
            if train:
                mean, var = tf.nn.moments(x, [0], name="moments")
                update = self.ema.apply([mean, var])
                self.ema_mean, self.ema_var = self.ema.average(mean), self.ema.average(var)
                with tf.control_dependencies([update]):
                    mean, var = tf.identity(mean), tf.identity(var)
            else:
                mean, var = self.ema_mean, self.ema_var
            return (x - mean) / tf.sqrt(var + 1e-5) + beta


def case_shared_build_under_auto_reuse():
    tf.reset_default_graph()
    d_bn = batch_norm("d_bn")

    def discriminator(x):
        with tf.variable_scope(tf.get_variable_scope(), reuse=tf.AUTO_REUSE):
            d_w = tf.get_variable("d_w", [3, 2])
            return d_bn(tf.matmul(x, d_w))

    discriminator(tf.constant(np.ones((4, 3), "float32")))
    discriminator(tf.constant(np.zeros((4, 3), "float32")))


def case_shared_build_reads_the_averages():
    tf.reset_default_graph()
    g_bn = batch_norm("g_bn")

    def generator(z, reuse=False, train=True):
        if reuse:
            tf.get_variable_scope().reuse_variables()
        g_w = tf.get_variable("g_w", [3, 2])
        return g_bn(tf.matmul(z, g_w), train=train)

    generator(tf.constant(np.ones((4, 3), "float32")))
    generator(tf.constant(np.zeros((4, 3), "float32")), reuse=True, train=False)


def case_one_build_averages_once():
    tf.reset_default_graph()
    with tf.variable_scope("net"):
        x = tf.matmul(tf.constant(np.ones((4, 3), "float32")), tf.get_variable("w", [3, 2]))
        mean, var = tf.nn.moments(x, [0])
        tf.train.ExponentialMovingAverage(0.99).apply([mean, var])
