"""The GAN generator as it is usually fixed: `variable_scope('generator', reuse=tf.AUTO_REUSE)`, so `gen()` reuses the weights `train()` made.

Source: https://github.com/lpty/tensorflow_tutorial/issues/9
Shape: class, method, tf1-graph
Target: tf1
Runtime: runs
"""

import os

os.environ["TF_USE_LEGACY_KERAS"] = "1"  # tf.compat.v1.layers needs tf_keras

import numpy as np
import tensorflow.compat.v1 as tf

tf.disable_v2_behavior()


class Gan:
    def __init__(self):
        self.img_size = 6
        self.noise_size = 4
        self.units_size = 5

    def generator_graph(self, fake_imgs, units_size, out_size):
        with tf.variable_scope("generator", reuse=tf.AUTO_REUSE):
            layer = tf.layers.dense(fake_imgs, units_size)
            relu = tf.nn.relu(layer)
            logits = tf.layers.dense(relu, out_size)
            return logits, tf.tanh(logits)

    def train(self):
        fake_imgs = tf.placeholder(tf.float32, [None, self.noise_size])
        gen_logits, gen_outputs = self.generator_graph(fake_imgs, self.units_size, self.img_size)
        loss = tf.reduce_mean(tf.square(gen_outputs))
        train_op = tf.train.AdamOptimizer(0.001).minimize(loss)
        with tf.Session() as sess:
            sess.run(tf.global_variables_initializer())
            sess.run(train_op, {fake_imgs: np.random.rand(2, self.noise_size)})

    def gen(self):
        sample_imgs = tf.placeholder(tf.float32, [None, self.noise_size])
        gen_logits, gen_outputs = self.generator_graph(sample_imgs, self.units_size, self.img_size)
        return gen_outputs


mnist = Gan()
mnist.train()
print(mnist.gen())
