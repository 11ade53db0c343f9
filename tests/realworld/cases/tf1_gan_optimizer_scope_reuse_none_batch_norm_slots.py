"""A GAN script keeps DCGAN-style `batch_norm` objects (`d_bn1`, `d_bn2`) and calls `discriminator(images)` and then `discriminator(fakes, reuse=True)`, which turns on `tf.get_variable_scope().reuse_variables()` at the root; the reporter wraps the optimizers in `with tf.variable_scope(tf.get_variable_scope(), reuse=None):` (and tried `reuse=False`), but reuse stays inherited, so Adam still cannot create the discriminator's slots.

Source: https://github.com/tensorflow/tensorflow/issues/11637
Shape: class, container, helper, parameter, conditional, comprehension, scope-block, tf1-graph
Target: tf1
Runtime: raises ValueError: Variable d_h0_lin/w/Adam/ does not exist, or was not created with tf.get_variable()
"""

import os

os.environ["TF_USE_LEGACY_KERAS"] = "1"  # tf.compat.v1.layers needs tf_keras

import numpy as np
import tensorflow.compat.v1 as tf

tf.disable_v2_behavior()

batch_size = 4
learning_rate = 0.0002


class batch_norm:
    def __init__(self, epsilon=1e-5, momentum=0.9, name="batch_norm"):
        self.epsilon = epsilon
        self.momentum = momentum
        self.name = name

    def __call__(self, x, train=True):
        return tf.layers.batch_normalization(
            x, momentum=self.momentum, epsilon=self.epsilon, training=train, name=self.name
        )


d_bn1 = batch_norm(name="d_bn1")
d_bn2 = batch_norm(name="d_bn2")


def linear(x, output_size, name):
    with tf.variable_scope(name):
        w = tf.get_variable("w", [x.get_shape()[-1], output_size], initializer=tf.random_normal_initializer(stddev=0.02))
        b = tf.get_variable("b", [output_size], initializer=tf.zeros_initializer())
        return tf.matmul(x, w) + b


def discriminator(x, reuse=False):
    if reuse:
        tf.get_variable_scope().reuse_variables()
    h0 = tf.nn.leaky_relu(linear(x, 8, "d_h0_lin"))
    h1 = tf.nn.leaky_relu(d_bn1(linear(h0, 8, "d_h1_lin")))
    h2 = tf.nn.leaky_relu(d_bn2(linear(h1, 4, "d_h2_lin")))
    logits = linear(h2, 1, "d_h3_lin")
    return tf.nn.sigmoid(logits), logits


def generator(z):
    return tf.nn.tanh(linear(z, 6, "g_h0_lin"))


real = tf.placeholder(tf.float32, [batch_size, 6])
z = tf.placeholder(tf.float32, [batch_size, 3])
D, D_logits = discriminator(real)
G = generator(z)
D_, D_logits_ = discriminator(G, reuse=True)

d_loss = tf.reduce_mean(tf.nn.sigmoid_cross_entropy_with_logits(labels=tf.ones_like(D), logits=D_logits)) + \
    tf.reduce_mean(tf.nn.sigmoid_cross_entropy_with_logits(labels=tf.zeros_like(D_), logits=D_logits_))
g_loss = tf.reduce_mean(tf.nn.sigmoid_cross_entropy_with_logits(labels=tf.ones_like(D_), logits=D_logits_))

t_vars = tf.trainable_variables()
d_vars = [var for var in t_vars if "d_" in var.name]
g_vars = [var for var in t_vars if "g_" in var.name]
global_step = tf.Variable(0, trainable=False, name="global_step")

with tf.variable_scope(tf.get_variable_scope(), reuse=None):
    d_optim = tf.train.AdamOptimizer(learning_rate=learning_rate, beta1=0.5).minimize(  # expect: TFV304
        d_loss, var_list=d_vars, global_step=global_step
    )
    g_optim = tf.train.AdamOptimizer(learning_rate=learning_rate, beta1=0.5).minimize(
        g_loss, var_list=g_vars, global_step=global_step
    )

with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    feed = {real: np.random.rand(batch_size, 6), z: np.random.rand(batch_size, 3)}
    print(sess.run([d_optim, d_loss], feed)[1])
