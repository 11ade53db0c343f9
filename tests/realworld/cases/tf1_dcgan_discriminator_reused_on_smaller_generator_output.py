"""A DCGAN class feeds the discriminator uncropped real images of `input_height` and then, under `reuse=True`, the generator's images of `output_height`; the flattened last conv map differs in size, so the shared final `linear` layer is asked for another shape.

Source: https://github.com/carpedm20/DCGAN-tensorflow/issues/178
Shape: class-attribute, helper-module-functions, batch-norm-objects, reuse-parameter, config-flags, tf1-graph
Target: tf1
Runtime: raises ValueError: Trying to share variable discriminator/d_h4_lin/Matrix, but specified shape (16, 1) and found shape (64, 1)
"""

import math
import os

os.environ["TF_USE_LEGACY_KERAS"] = "1"

import numpy as np
import tensorflow.compat.v1 as tf

tf.disable_v2_behavior()


# ---- ops.py --------------------------------------------------------------------------------------
class batch_norm:
    def __init__(self, epsilon=1e-5, momentum=0.9, name="batch_norm"):
        self.epsilon = epsilon
        self.momentum = momentum
        self.name = name

    def __call__(self, x, train=True):
        with tf.variable_scope(self.name):
            depth = x.get_shape()[-1]
            gamma = tf.get_variable("gamma", [depth], initializer=tf.ones_initializer())
            beta = tf.get_variable("beta", [depth], initializer=tf.zeros_initializer())
            mean, variance = tf.nn.moments(x, [0, 1, 2])
            return tf.nn.batch_normalization(x, mean, variance, beta, gamma, self.epsilon)


def conv2d(input_, output_dim, k_h=5, k_w=5, d_h=2, d_w=2, stddev=0.02, name="conv2d"):
    with tf.variable_scope(name):
        w = tf.get_variable("w", [k_h, k_w, input_.get_shape()[-1], output_dim], initializer=tf.truncated_normal_initializer(stddev=stddev))
        conv = tf.nn.conv2d(input_, w, strides=[1, d_h, d_w, 1], padding="SAME")
        biases = tf.get_variable("biases", [output_dim], initializer=tf.constant_initializer(0.0))
        return tf.nn.bias_add(conv, biases)


def deconv2d(input_, output_shape, k_h=5, k_w=5, d_h=2, d_w=2, stddev=0.02, name="deconv2d"):
    with tf.variable_scope(name):
        w = tf.get_variable("w", [k_h, k_w, output_shape[-1], input_.get_shape()[-1]], initializer=tf.random_normal_initializer(stddev=stddev))
        deconv = tf.nn.conv2d_transpose(input_, w, output_shape=output_shape, strides=[1, d_h, d_w, 1])
        biases = tf.get_variable("biases", [output_shape[-1]], initializer=tf.constant_initializer(0.0))
        # TF 1.x gave the transposed conv the static shape of `output_shape`; TF 2.21 leaves the batch unknown.
        return tf.reshape(tf.nn.bias_add(deconv, biases), output_shape)


def lrelu(x, leak=0.2):
    return tf.maximum(x, leak * x)


def linear(input_, output_size, scope=None, stddev=0.02, bias_start=0.0):
    shape = input_.get_shape().as_list()
    with tf.variable_scope(scope or "Linear"):
        matrix = tf.get_variable("Matrix", [shape[1], output_size], tf.float32, tf.random_normal_initializer(stddev=stddev))
        bias = tf.get_variable("bias", [output_size], initializer=tf.constant_initializer(bias_start))
        return tf.matmul(input_, matrix) + bias


def conv_out_size_same(size, stride):
    return math.ceil(float(size) / float(stride))


# ---- model.py ------------------------------------------------------------------------------------
class DCGAN:
    def __init__(self, sess, input_height=108, input_width=108, crop=True, batch_size=64, output_height=64,
                 output_width=64, z_dim=100, gf_dim=64, df_dim=64, c_dim=3):
        self.sess = sess
        self.crop = crop
        self.batch_size = batch_size
        self.input_height, self.input_width = input_height, input_width
        self.output_height, self.output_width = output_height, output_width
        self.z_dim, self.gf_dim, self.df_dim, self.c_dim = z_dim, gf_dim, df_dim, c_dim
        self.y = None

        self.d_bn1 = batch_norm(name="d_bn1")
        self.d_bn2 = batch_norm(name="d_bn2")
        self.d_bn3 = batch_norm(name="d_bn3")
        self.g_bn0 = batch_norm(name="g_bn0")
        self.g_bn1 = batch_norm(name="g_bn1")
        self.g_bn2 = batch_norm(name="g_bn2")
        self.g_bn3 = batch_norm(name="g_bn3")

        self.build_model()

    def build_model(self):
        if self.crop:
            image_dims = [self.output_height, self.output_width, self.c_dim]
        else:
            image_dims = [self.input_height, self.input_width, self.c_dim]
        self.inputs = tf.placeholder(tf.float32, [self.batch_size] + image_dims, name="real_images")
        self.z = tf.placeholder(tf.float32, [None, self.z_dim], name="z")

        self.G = self.generator(self.z, self.y)
        self.D, self.D_logits = self.discriminator(self.inputs, self.y, reuse=False)
        self.D_, self.D_logits_ = self.discriminator(self.G, self.y, reuse=True)  # expect: TFV302

        self.d_loss = tf.reduce_mean(tf.nn.sigmoid_cross_entropy_with_logits(logits=self.D_logits, labels=tf.ones_like(self.D)))
        self.d_loss += tf.reduce_mean(tf.nn.sigmoid_cross_entropy_with_logits(logits=self.D_logits_, labels=tf.zeros_like(self.D_)))
        t_vars = tf.trainable_variables()
        self.d_vars = [var for var in t_vars if "d_" in var.name]

    def discriminator(self, image, y=None, reuse=False):
        with tf.variable_scope("discriminator") as scope:
            if reuse:
                scope.reuse_variables()
            h0 = lrelu(conv2d(image, self.df_dim, name="d_h0_conv"))
            h1 = lrelu(self.d_bn1(conv2d(h0, self.df_dim * 2, name="d_h1_conv")))
            h2 = lrelu(self.d_bn2(conv2d(h1, self.df_dim * 4, name="d_h2_conv")))
            h3 = lrelu(self.d_bn3(conv2d(h2, self.df_dim * 8, name="d_h3_conv")))
            h4 = linear(tf.reshape(h3, [self.batch_size, -1]), 1, "d_h4_lin")
            return tf.nn.sigmoid(h4), h4

    def generator(self, z, y=None):
        with tf.variable_scope("generator"):
            s_h, s_w = self.output_height, self.output_width
            s_h2, s_w2 = conv_out_size_same(s_h, 2), conv_out_size_same(s_w, 2)
            s_h4, s_w4 = conv_out_size_same(s_h2, 2), conv_out_size_same(s_w2, 2)
            s_h8, s_w8 = conv_out_size_same(s_h4, 2), conv_out_size_same(s_w4, 2)
            s_h16, s_w16 = conv_out_size_same(s_h8, 2), conv_out_size_same(s_w8, 2)

            z_ = linear(z, self.gf_dim * 8 * s_h16 * s_w16, "g_h0_lin")
            h0 = tf.nn.relu(self.g_bn0(tf.reshape(z_, [-1, s_h16, s_w16, self.gf_dim * 8])))
            h1 = tf.nn.relu(self.g_bn1(deconv2d(h0, [self.batch_size, s_h8, s_w8, self.gf_dim * 4], name="g_h1")))
            h2 = tf.nn.relu(self.g_bn2(deconv2d(h1, [self.batch_size, s_h4, s_w4, self.gf_dim * 2], name="g_h2")))
            h3 = tf.nn.relu(self.g_bn3(deconv2d(h2, [self.batch_size, s_h2, s_w2, self.gf_dim * 1], name="g_h3")))
            h4 = deconv2d(h3, [self.batch_size, s_h, s_w, self.c_dim], name="g_h4")
            return tf.nn.tanh(h4)


# ---- main.py: python main.py --dataset mydata --input_height=24 --output_height=16 --train ------
class FLAGS:
    input_height = 24
    input_width = None
    output_height = 16
    output_width = None
    crop = False
    batch_size = 2


if FLAGS.input_width is None:
    FLAGS.input_width = FLAGS.input_height
if FLAGS.output_width is None:
    FLAGS.output_width = FLAGS.output_height

with tf.Session() as sess:
    dcgan = DCGAN(
        sess,
        input_width=FLAGS.input_width,
        input_height=FLAGS.input_height,
        output_width=FLAGS.output_width,
        output_height=FLAGS.output_height,
        batch_size=FLAGS.batch_size,
        crop=FLAGS.crop,
        z_dim=4,
        gf_dim=2,
        df_dim=2,
    )
    sess.run(tf.global_variables_initializer())
    print(sess.run(dcgan.d_loss, {dcgan.inputs: np.zeros((2, 24, 24, 3)), dcgan.z: np.zeros((2, 4))}))
