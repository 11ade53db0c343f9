"""The O'Reilly GAN tutorial script calls `discriminator(x_image, reuse=False)` for real images and again with `reuse=True` for generated ones; the function turns sharing on with `tf.get_variable_scope().reuse_variables()` on the root scope, which stays on, so the AdamOptimizers made afterwards cannot create their slot variables.

Source: https://github.com/jonbruner/generative-adversarial-networks/issues/1
Shape: helper, parameter, conditional, comprehension, module, tf1-graph
Target: tf1
Runtime: raises ValueError: Variable d_w1/Adam/ does not exist
"""

import tensorflow.compat.v1 as tf

tf.disable_v2_behavior()

z_dimensions = 10


def discriminator(x_image, reuse=False):
    if reuse:
        tf.get_variable_scope().reuse_variables()
    d_w1 = tf.get_variable("d_w1", [5, 5, 1, 8], initializer=tf.truncated_normal_initializer(stddev=0.02))
    d_b1 = tf.get_variable("d_b1", [8], initializer=tf.constant_initializer(0))
    d1 = tf.nn.relu(tf.nn.conv2d(input=x_image, filter=d_w1, strides=[1, 1, 1, 1], padding="SAME") + d_b1)
    d1 = tf.reshape(d1, [-1, 28 * 28 * 8])
    d_w2 = tf.get_variable("d_w2", [28 * 28 * 8, 1], initializer=tf.truncated_normal_initializer(stddev=0.02))
    d_b2 = tf.get_variable("d_b2", [1], initializer=tf.constant_initializer(0))
    return tf.matmul(d1, d_w2) + d_b2


def generator(z, batch_size, z_dim):
    g_w1 = tf.get_variable("g_w1", [z_dim, 28 * 28], dtype=tf.float32, initializer=tf.truncated_normal_initializer(stddev=0.02))
    g_b1 = tf.get_variable("g_b1", [28 * 28], initializer=tf.truncated_normal_initializer(stddev=0.02))
    g1 = tf.sigmoid(tf.matmul(z, g_w1) + g_b1)
    return tf.reshape(g1, [-1, 28, 28, 1])


batch_size = 4
z_placeholder = tf.placeholder(tf.float32, [None, z_dimensions], name="z_placeholder")
x_placeholder = tf.placeholder(tf.float32, shape=[None, 28, 28, 1], name="x_placeholder")

Gz = generator(z_placeholder, batch_size, z_dimensions)
Dx = discriminator(x_placeholder)
Dg = discriminator(Gz, reuse=True)

d_loss_real = tf.reduce_mean(tf.nn.sigmoid_cross_entropy_with_logits(logits=Dx, labels=tf.ones_like(Dx)))
d_loss_fake = tf.reduce_mean(tf.nn.sigmoid_cross_entropy_with_logits(logits=Dg, labels=tf.zeros_like(Dg)))
g_loss = tf.reduce_mean(tf.nn.sigmoid_cross_entropy_with_logits(logits=Dg, labels=tf.ones_like(Dg)))

tvars = tf.trainable_variables()
d_vars = [var for var in tvars if "d_" in var.name]
g_vars = [var for var in tvars if "g_" in var.name]

d_trainer_fake = tf.train.AdamOptimizer(0.0003).minimize(d_loss_fake, var_list=d_vars)  # expect: TFV304
d_trainer_real = tf.train.AdamOptimizer(0.0003).minimize(d_loss_real, var_list=d_vars)
g_trainer = tf.train.AdamOptimizer(0.0001).minimize(g_loss, var_list=g_vars)
print("built")
