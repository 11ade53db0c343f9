# Near misses of an optimizer after a shared second build: the reuse ends with its own scope's block; the
# optimizer is made under `reuse=AUTO_REUSE`, which creates its absent slots (each optimizer its own: `d_w/Adam`,
# `d_w/Adam_1`, then `Adam_2`, `Adam_3`); a plain gradient descent makes no slots.
import numpy as np
import tensorflow.compat.v1 as tf

tf.disable_v2_behavior()


def discriminator(x, reuse=False):
    if reuse:
        tf.get_variable_scope().reuse_variables()
    d_w = tf.get_variable("d_w", [3, 1])
    return tf.matmul(x, d_w)


def scoped_discriminator(x, reuse=False):
    with tf.variable_scope("D") as scope:
        if reuse:
            scope.reuse_variables()
        d_w = tf.get_variable("d_w", [3, 1])
        return tf.matmul(x, d_w)


def case_reuse_ends_with_its_scope():
    tf.reset_default_graph()
    real = scoped_discriminator(tf.constant(np.ones((2, 3), "float32")))
    fake = scoped_discriminator(tf.constant(np.zeros((2, 3), "float32")), reuse=True)
    tf.train.AdamOptimizer(0.1).minimize(tf.reduce_mean(real - fake))


def case_optimizers_under_auto_reuse():
    tf.reset_default_graph()
    real = discriminator(tf.constant(np.ones((2, 3), "float32")))
    fake = discriminator(tf.constant(np.zeros((2, 3), "float32")), reuse=True)
    with tf.variable_scope(tf.get_variable_scope(), reuse=tf.AUTO_REUSE):
        tf.train.AdamOptimizer(0.1).minimize(tf.reduce_mean(real - fake))
        tf.train.AdamOptimizer(0.1).minimize(tf.reduce_mean(fake - real))


def case_gradient_descent_makes_no_slots():
    tf.reset_default_graph()
    real = discriminator(tf.constant(np.ones((2, 3), "float32")))
    fake = discriminator(tf.constant(np.zeros((2, 3), "float32")), reuse=True)
    tf.train.GradientDescentOptimizer(0.1).minimize(tf.reduce_mean(real - fake))
