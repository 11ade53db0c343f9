# Found by the graph-built-twice rule: an `ExponentialMovingAverage.apply` on tensors computed in a network's
# second build, run while `reuse=True` is in force (a root `reuse_variables()` left on, or a reusing
# `variable_scope`). The averages (`<op>/ExponentialMovingAverage`) are made with `get_variable`, and the
# tensors' op names are new to the graph, so there is nothing to reuse: graph mode raises `Variable
# .../moments/Squeeze/ExponentialMovingAverage/ does not exist` (DCGAN-tensorflow's batch_norm class,
# text-to-image#13). No fix: where the sharing should end is the author's choice.
import numpy as np
import tensorflow.compat.v1 as tf

tf.disable_v2_behavior()


class batch_norm:
    def __init__(self, name):
        with tf.variable_scope(name):
            self.ema = tf.train.ExponentialMovingAverage(decay=0.9)
            self.name = name

    def __call__(self, x):
        with tf.variable_scope(self.name):
            beta = tf.get_variable("beta", [x.get_shape()[-1]], initializer=tf.zeros_initializer())
            mean, var = tf.nn.moments(x, [0], name="moments")
            update = self.ema.apply([mean, var])  # expect: TFV304
            with tf.control_dependencies([update]):
                return (x - mean) / tf.sqrt(var + 1e-5) + beta


def case_batch_norm_object_under_root_reuse():
    tf.reset_default_graph()
    d_bn = batch_norm("d_bn")

    def discriminator(x, reuse=False):
        if reuse:
            tf.get_variable_scope().reuse_variables()
        d_w = tf.get_variable("d_w", [3, 2])
        return d_bn(tf.matmul(x, d_w))

    discriminator(tf.constant(np.ones((4, 3), "float32")))
    discriminator(tf.constant(np.zeros((4, 3), "float32")), reuse=True)


def normalized(x, name):
    with tf.variable_scope(name):
        mean, var = tf.nn.moments(x, [0])
        ema = tf.train.ExponentialMovingAverage(0.99)
        update = ema.apply([mean, var])  # expect: TFV304
        with tf.control_dependencies([update]):
            return (x - mean) / tf.sqrt(var + 1e-5)


def tower(x):
    w = tf.get_variable("w", [3, 2])
    return normalized(tf.matmul(x, w), "bn")


def case_helper_in_a_reusing_scope():
    tf.reset_default_graph()
    with tf.variable_scope("net"):
        tower(tf.constant(np.ones((4, 3), "float32")))
    with tf.variable_scope("net", reuse=True):
        tower(tf.constant(np.zeros((4, 3), "float32")))
