"""The same DCGAN-style batch_norm class in a discriminator that shares its weights under `reuse=tf.AUTO_REUSE`, the answer given for DCGAN code on TF >= 1.4: the second call reuses the weights and creates the new moving averages of its own moments.

Source: https://github.com/HyeongminLEE/Tensorflow_DCGAN/issues/1
Shape: class, method, attribute, helper, tf1-graph
Target: tf1
Runtime: runs
"""

import numpy as np
import tensorflow.compat.v1 as tf

tf.disable_v2_behavior()


class batch_norm:
    def __init__(self, epsilon=1e-5, momentum=0.9, name="batch_norm"):
        with tf.variable_scope(name):
            self.epsilon = epsilon
            self.ema = tf.train.ExponentialMovingAverage(decay=momentum)
            self.name = name

    def __call__(self, x):
        with tf.variable_scope(self.name):
            beta = tf.get_variable("beta", [x.get_shape()[-1]], initializer=tf.constant_initializer(0.0))
            gamma = tf.get_variable("gamma", [x.get_shape()[-1]], initializer=tf.random_normal_initializer(1.0, 0.02))
            batch_mean, batch_var = tf.nn.moments(x, [0], name="moments")
            ema_apply_op = self.ema.apply([batch_mean, batch_var])
            with tf.control_dependencies([ema_apply_op]):
                mean, var = tf.identity(batch_mean), tf.identity(batch_var)
        return tf.nn.batch_normalization(x, mean, var, beta, gamma, self.epsilon)


def linear(input_, output_size, scope):
    with tf.variable_scope(scope):
        matrix = tf.get_variable("Matrix", [input_.get_shape()[1], output_size], tf.float32, tf.random_normal_initializer(stddev=0.02))
        bias = tf.get_variable("bias", [output_size], initializer=tf.constant_initializer(0.0))
        return tf.matmul(input_, matrix) + bias


class GAN:
    def __init__(self, batch_size, image_dim):
        self.batch_size = batch_size
        self.image_dim = image_dim
        self.d_bn1 = batch_norm(name="d_bn1")

    def discriminator(self, image):
        with tf.variable_scope(tf.get_variable_scope(), reuse=tf.AUTO_REUSE):
            h0 = tf.nn.leaky_relu(linear(image, 8, "d_h0_lin"))
            h1 = tf.nn.leaky_relu(self.d_bn1(linear(h0, 4, "d_h1_lin")))
            h2 = linear(h1, 1, "d_h2_lin")
        return tf.nn.sigmoid(h2), h2

    def build_model(self):
        t_real_image = tf.placeholder("float32", [self.batch_size, self.image_dim], name="real_image")
        t_wrong_image = tf.placeholder("float32", [self.batch_size, self.image_dim], name="wrong_image")
        disc_real_image, disc_real_logits = self.discriminator(t_real_image)
        disc_wrong_image, disc_wrong_logits = self.discriminator(t_wrong_image)
        d_loss = tf.reduce_mean(disc_real_logits) - tf.reduce_mean(disc_wrong_logits)
        return {"t_real_image": t_real_image, "t_wrong_image": t_wrong_image}, d_loss


gan = GAN(4, 6)
input_tensors, d_loss = gan.build_model()
with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    feed = {input_tensors["t_real_image"]: np.ones((4, 6), "float32"), input_tensors["t_wrong_image"]: np.zeros((4, 6), "float32")}
    print(sess.run(d_loss, feed))
