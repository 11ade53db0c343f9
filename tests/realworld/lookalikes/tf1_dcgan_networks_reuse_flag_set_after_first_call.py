"""A DCGAN implementation keeps its generator and discriminator as classes whose `__call__` opens `tf.variable_scope('g'|'d', reuse=self.reuse)` and sets `self.reuse = True` at the end, so the second and later calls (the discriminator on fakes and on real images, the generator again for samples) share the first call's variables; the optimizers, made afterwards outside those scopes, create their slots normally.

Source: https://github.com/sugyan/tf-dcgan/blob/master/dcgan.py
Shape: class, attribute-flag, method, loop, helper, collection, tf1-graph
Target: tf1
Runtime: runs
"""

import os

os.environ["TF_USE_LEGACY_KERAS"] = "1"  # tf.compat.v1.layers needs tf_keras

import numpy as np
import tensorflow.compat.v1 as tf

tf.disable_v2_behavior()


class Generator:
    def __init__(self, depths=(8, 4), f_size=2):
        self.reuse = False
        self.f_size = f_size
        self.depths = list(depths) + [3]

    def model(self, inputs):
        out = []
        with tf.variable_scope("g", reuse=self.reuse):
            with tf.variable_scope("reshape"):
                fc = tf.layers.dense(inputs, self.depths[0] * self.f_size * self.f_size)
                outputs = tf.reshape(fc, [-1, self.f_size, self.f_size, self.depths[0]])
                out.append(outputs)
            for i in range(len(self.depths) - 1):
                with tf.variable_scope("conv%d" % (i + 1)):
                    outputs = tf.layers.conv2d_transpose(outputs, self.depths[i + 1], [3, 3], strides=(2, 2), padding="SAME")
                    outputs = tf.nn.relu(outputs) if i < len(self.depths) - 2 else tf.nn.tanh(outputs)
                    out.append(outputs)
        self.reuse = True
        return out

    def __call__(self, inputs):
        return self.model(inputs)


class Discriminator:
    def __init__(self, depths=(4, 8)):
        self.reuse = False
        self.depths = [3] + list(depths)

    def model(self, inputs):
        out = []
        with tf.variable_scope("d", reuse=self.reuse):
            outputs = inputs
            for i in range(len(self.depths) - 1):
                with tf.variable_scope("conv%d" % i):
                    outputs = tf.layers.conv2d(outputs, self.depths[i + 1], [3, 3], strides=(2, 2), padding="SAME")
                    outputs = tf.maximum(outputs, 0.2 * outputs)
                    out.append(outputs)
            with tf.variable_scope("classify"):
                dim = int(np.prod(outputs.get_shape()[1:].as_list()))
                w = tf.get_variable("weights", [dim, 2], tf.float32, tf.truncated_normal_initializer(stddev=0.02))
                b = tf.get_variable("biases", [2], tf.float32, tf.zeros_initializer())
                out.append(tf.nn.bias_add(tf.matmul(tf.reshape(outputs, [-1, dim]), w), b))
        self.reuse = True
        return out

    def __call__(self, inputs):
        return self.model(inputs)


class DCGAN:
    def __init__(self, batch_size=4, z_dim=5):
        self.batch_size = batch_size
        self.g = Generator()
        self.d = Discriminator()
        self.z = tf.random_uniform([batch_size, z_dim], minval=-1.0, maxval=1.0)

    def train(self, input_images, learning_rate=0.0002, beta1=0.5):
        logits_from_g = self.d(self.g(self.z)[-1])[-1]
        logits_from_i = self.d(input_images)[-1]
        g_vars = tf.get_collection(tf.GraphKeys.TRAINABLE_VARIABLES, scope="g")
        d_vars = tf.get_collection(tf.GraphKeys.TRAINABLE_VARIABLES, scope="d")
        ones = tf.ones([self.batch_size], dtype=tf.int64)
        zeros = tf.zeros([self.batch_size], dtype=tf.int64)
        g_loss = tf.reduce_mean(tf.nn.sparse_softmax_cross_entropy_with_logits(labels=ones, logits=logits_from_g))
        d_loss = tf.reduce_mean(tf.nn.sparse_softmax_cross_entropy_with_logits(labels=ones, logits=logits_from_i)) + \
            tf.reduce_mean(tf.nn.sparse_softmax_cross_entropy_with_logits(labels=zeros, logits=logits_from_g))
        g_optimizer = tf.train.AdamOptimizer(learning_rate=learning_rate, beta1=beta1).minimize(g_loss, var_list=g_vars)
        d_optimizer = tf.train.AdamOptimizer(learning_rate=learning_rate, beta1=beta1).minimize(d_loss, var_list=d_vars)
        return {"g": g_optimizer, "d": d_optimizer}, g_loss, d_loss

    def sample_images(self, inputs=None):
        if inputs is None:
            inputs = self.z
        return tf.cast((self.g(inputs)[-1] + 1.0) * 127.5, tf.uint8)


dcgan = DCGAN()
images = tf.placeholder(tf.float32, [4, 8, 8, 3])
train_ops, g_loss, d_loss = dcgan.train(images)
samples = dcgan.sample_images()
with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    feed = {images: np.random.rand(4, 8, 8, 3)}
    for step in range(2):
        _, _, gl, dl = sess.run([train_ops["g"], train_ops["d"], g_loss, d_loss], feed)
    print(sess.run(samples).shape, len(tf.trainable_variables()))
