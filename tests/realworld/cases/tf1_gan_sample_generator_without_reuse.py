"""A GAN notebook builds the generator for training, then calls `generator(z_placeholder, 1, z_dimensions)` again to draw a sample without `reuse=True`, so the second build tries to create the generator's variables again.

Source: https://github.com/uclaacmai/Generative-Adversarial-Network-Tutorial/issues/8
Shape: helper, notebook-like, parameter, tf1-graph
Target: tf1
Runtime: raises ValueError: Variable generator/g_w1 already exists, disallowed
"""

import numpy as np
import tensorflow.compat.v1 as tf

tf.disable_v2_behavior()

z_dimensions, image_size, batch_size = 4, 6, 3


def generator(z, batch_size, z_dim, reuse=False):
    with tf.variable_scope("generator") as scope:
        if reuse:
            scope.reuse_variables()
        g_w1 = tf.get_variable("g_w1", [z_dim, 8], initializer=tf.truncated_normal_initializer(stddev=0.02))
        g_b1 = tf.get_variable("g_b1", [8], initializer=tf.truncated_normal_initializer(stddev=0.02))
        g1 = tf.nn.relu(tf.matmul(z, g_w1) + g_b1)
        g_w2 = tf.get_variable("g_w2", [8, image_size], initializer=tf.truncated_normal_initializer(stddev=0.02))
        return tf.reshape(tf.sigmoid(tf.matmul(g1, g_w2)), [batch_size, image_size])


def discriminator(images, reuse=False):
    with tf.variable_scope("discriminator") as scope:
        if reuse:
            scope.reuse_variables()
        d_w1 = tf.get_variable("d_w1", [image_size, 1], initializer=tf.truncated_normal_initializer(stddev=0.02))
        return tf.matmul(images, d_w1)


z_placeholder = tf.placeholder(tf.float32, [None, z_dimensions], name="z_placeholder")
x_placeholder = tf.placeholder(tf.float32, [None, image_size], name="x_placeholder")

Gz = generator(z_placeholder, batch_size, z_dimensions)
Dx = discriminator(x_placeholder)
Dg = discriminator(Gz, reuse=True)
g_loss = tf.reduce_mean(tf.nn.sigmoid_cross_entropy_with_logits(logits=Dg, labels=tf.ones_like(Dg)))
tvars = tf.trainable_variables()
g_vars = [var for var in tvars if "g_" in var.name]
g_trainer = tf.train.AdamOptimizer(0.0001).minimize(g_loss, var_list=g_vars)

sess = tf.Session()
sess.run(tf.global_variables_initializer())
z_batch = np.random.normal(0, 1, size=[batch_size, z_dimensions])
sess.run(g_trainer, {z_placeholder: z_batch})

# Later cell: look at one generated image
sample_image = generator(z_placeholder, 1, z_dimensions)  # expect: TFV304
z_batch = np.random.normal(0, 1, size=[1, z_dimensions])
print(sess.run(sample_image, feed_dict={z_placeholder: z_batch}).shape)
