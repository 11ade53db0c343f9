"""The GAN tutorial's TF1 discriminator: it makes its `d_*` weights with `get_variable` inside
`variable_scope(tf.get_variable_scope(), reuse=reuse_variables)`, is called once on the real images with the default
(create) and once on the generator's output with `reuse_variables=True`, so both calls share one set of weights;
the generator is called once, and the two Adam trainers split `tf.trainable_variables()` by name prefix.

Source: https://github.com/jonbruner/generative-adversarial-networks/issues/7
Shape: helper, parameter, tf1-graph, variable-scope, gan, list-comprehension, session
Target: tf1
Runtime: runs
"""

import numpy as np
import tensorflow.compat.v1 as tf

tf.disable_v2_behavior()


def discriminator(images, reuse_variables=None):
    with tf.variable_scope(tf.get_variable_scope(), reuse=reuse_variables):
        d_w1 = tf.get_variable("d_w1", [3, 3, 1, 4], initializer=tf.truncated_normal_initializer(stddev=0.02))
        d_b1 = tf.get_variable("d_b1", [4], initializer=tf.constant_initializer(0))
        d1 = tf.nn.conv2d(input=images, filters=d_w1, strides=[1, 1, 1, 1], padding="SAME")
        d1 = tf.nn.relu(d1 + d_b1)
        d1 = tf.nn.avg_pool(d1, ksize=[1, 2, 2, 1], strides=[1, 2, 2, 1], padding="SAME")

        d_w2 = tf.get_variable(
            "d_w2", [4 * 4 * 4, 8], initializer=tf.truncated_normal_initializer(stddev=0.02)
        )
        d_b2 = tf.get_variable("d_b2", [8], initializer=tf.constant_initializer(0))
        d2 = tf.reshape(d1, [-1, 4 * 4 * 4])
        d2 = tf.nn.relu(tf.matmul(d2, d_w2) + d_b2)

        d_w3 = tf.get_variable("d_w3", [8, 1], initializer=tf.truncated_normal_initializer(stddev=0.02))
        d_b3 = tf.get_variable("d_b3", [1], initializer=tf.constant_initializer(0))
        return tf.matmul(d2, d_w3) + d_b3


def generator(z, batch_size, z_dim):
    g_w1 = tf.get_variable(
        "g_w1", [z_dim, 64], dtype=tf.float32, initializer=tf.truncated_normal_initializer(0.02)
    )
    g_b1 = tf.get_variable("g_b1", [64], initializer=tf.truncated_normal_initializer(0.02))
    g1 = tf.matmul(z, g_w1) + g_b1
    g1 = tf.reshape(g1, [-1, 8, 8, 1])
    g1 = tf.nn.relu(g1)

    g_w2 = tf.get_variable(
        "g_w2", [3, 3, 1, 1], dtype=tf.float32, initializer=tf.truncated_normal_initializer(0.02)
    )
    g_b2 = tf.get_variable("g_b2", [1], initializer=tf.truncated_normal_initializer(0.02))
    g2 = tf.nn.conv2d(g1, g_w2, strides=[1, 1, 1, 1], padding="SAME") + g_b2
    return tf.sigmoid(g2)


z_dimensions = 10
batch_size = 4
z_placeholder = tf.placeholder(tf.float32, [None, z_dimensions], name="z_placeholder")
x_placeholder = tf.placeholder(tf.float32, shape=[None, 8, 8, 1], name="x_placeholder")

Gz = generator(z_placeholder, batch_size, z_dimensions)
Dx = discriminator(x_placeholder)
Dg = discriminator(Gz, reuse_variables=True)

d_loss_real = tf.reduce_mean(tf.nn.sigmoid_cross_entropy_with_logits(logits=Dx, labels=tf.ones_like(Dx)))
d_loss_fake = tf.reduce_mean(tf.nn.sigmoid_cross_entropy_with_logits(logits=Dg, labels=tf.zeros_like(Dg)))
g_loss = tf.reduce_mean(tf.nn.sigmoid_cross_entropy_with_logits(logits=Dg, labels=tf.ones_like(Dg)))

tvars = tf.trainable_variables()
d_vars = [var for var in tvars if "d_" in var.name]
g_vars = [var for var in tvars if "g_" in var.name]
assert len(d_vars) == 6 and len(g_vars) == 4, [v.name for v in tvars]

d_trainer_fake = tf.train.AdamOptimizer(0.0003).minimize(d_loss_fake, var_list=d_vars)
d_trainer_real = tf.train.AdamOptimizer(0.0003).minimize(d_loss_real, var_list=d_vars)
g_trainer = tf.train.AdamOptimizer(0.0001).minimize(g_loss, var_list=g_vars)

with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    for _ in range(3):
        real_image_batch = np.random.rand(batch_size, 8, 8, 1).astype("float32")
        z_batch = np.random.normal(0, 1, size=[batch_size, z_dimensions])
        sess.run(
            [d_trainer_real, d_trainer_fake],
            {x_placeholder: real_image_batch, z_placeholder: z_batch},
        )
        sess.run(g_trainer, {z_placeholder: np.random.normal(0, 1, size=[batch_size, z_dimensions])})
    print(sess.run(Dg, {z_placeholder: np.random.normal(0, 1, size=[1, z_dimensions])}).shape)
