"""RetinexNet's `lowlight_enhance` class builds `DecomNet` (under `reuse=tf.AUTO_REUSE`) and `RelightNet` (a plain `variable_scope('RelightNet')` of unnamed `tf.layers.conv2d`) in its `__init__`; a driver that makes one model object for training and a second one for evaluation in the same graph builds `RelightNet/conv2d/kernel` twice.

Source: https://github.com/weichen582/RetinexNet/issues/4
Shape: class, constructor-twice, helper, tf-layers, tf1-graph
Target: tf1
Runtime: raises ValueError: Variable RelightNet/conv2d/kernel already exists, disallowed
"""

import os

os.environ["TF_USE_LEGACY_KERAS"] = "1"  # tf.compat.v1.layers needs tf_keras

import numpy as np
import tensorflow.compat.v1 as tf

tf.disable_v2_behavior()


def concat(layers):
    return tf.concat(layers, axis=3)


def DecomNet(input_im, layer_num, channel=8, kernel_size=3):
    input_max = tf.reduce_max(input_im, axis=3, keepdims=True)
    input_im = concat([input_max, input_im])
    with tf.variable_scope("DecomNet", reuse=tf.AUTO_REUSE):
        conv = tf.layers.conv2d(input_im, channel, kernel_size * 3, padding="same", activation=None, name="shallow_feature_extraction")
        for idx in range(layer_num):
            conv = tf.layers.conv2d(conv, channel, kernel_size, padding="same", activation=tf.nn.relu, name="activated_layer_%d" % idx)
        conv = tf.layers.conv2d(conv, 4, kernel_size, padding="same", activation=None, name="recon_layer")
    R = tf.sigmoid(conv[:, :, :, 0:3])
    L = tf.sigmoid(conv[:, :, :, 3:4])
    return R, L


def RelightNet(input_L, input_R, channel=8, kernel_size=3):
    input_im = concat([input_R, input_L])
    with tf.variable_scope("RelightNet"):
        conv0 = tf.layers.conv2d(input_im, channel, kernel_size, padding="same", activation=None)
        conv1 = tf.layers.conv2d(conv0, channel, kernel_size, strides=2, padding="same", activation=tf.nn.relu)
        up1 = tf.image.resize_nearest_neighbor(conv1, (tf.shape(conv0)[1], tf.shape(conv0)[2]))
        deconv1 = tf.layers.conv2d(up1, channel, kernel_size, padding="same", activation=tf.nn.relu) + conv0
        output = tf.layers.conv2d(deconv1, 1, 3, padding="same", activation=None)
    return output


class lowlight_enhance(object):
    def __init__(self, sess):
        self.sess = sess
        self.DecomNet_layer_num = 2
        self.input_low = tf.placeholder(tf.float32, [None, None, None, 3], name="input_low")
        self.input_high = tf.placeholder(tf.float32, [None, None, None, 3], name="input_high")
        [R_low, I_low] = DecomNet(self.input_low, layer_num=self.DecomNet_layer_num)
        [R_high, I_high] = DecomNet(self.input_high, layer_num=self.DecomNet_layer_num)
        I_delta = RelightNet(I_low, R_low)
        self.output_S = R_low * tf.concat([I_delta, I_delta, I_delta], axis=3)
        self.loss = tf.reduce_mean(tf.abs(R_low * I_low - self.input_low))
        self.train_op = tf.train.AdamOptimizer(1e-3).minimize(self.loss)

    def train(self, low, high):
        self.sess.run(tf.global_variables_initializer())
        return self.sess.run([self.train_op, self.loss], {self.input_low: low, self.input_high: high})[1]

    def test(self, low):
        return self.sess.run(self.output_S, {self.input_low: low})


with tf.Session() as sess:
    low = np.random.rand(1, 8, 8, 3).astype("float32")
    model = lowlight_enhance(sess)
    print("train loss", model.train(low, low))
    eval_model = lowlight_enhance(sess)  # expect: TFV304
    print(eval_model.test(low).shape)
