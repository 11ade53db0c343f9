"""A 3D-GAN script's test mode, run in its own process, builds the generator with `reuse=True` (copied from the training graph's sampling branch) before anything made its variables: the batch-norm layers inside `variable_scope("gen", reuse=True)` have nothing to reuse.

Source: https://github.com/meetps/tf-3dgan/issues/18
Shape: module-functions, global-weights-dict, reuse-parameter, train-or-test-argv, tf1-graph
Target: tf1
Runtime: raises ValueError: Variable gen/batch_normalization/gamma does not exist, or was not created with tf.get_variable()
"""

import os
import sys

os.environ["TF_USE_LEGACY_KERAS"] = "1"  # tf.compat.v1.layers needs tf_keras

import numpy as np
import tensorflow.compat.v1 as tf

tf.disable_v2_behavior()

batch_size = 2
z_size = 6
cube_len = 8
leak_value = 0.2

weights = {}


def lrelu(x, leak=0.2):
    return tf.maximum(x, leak * x)


def generator(z, batch_size=batch_size, phase_train=True, reuse=False):
    strides = [1, 2, 2, 2, 1]
    with tf.variable_scope("gen", reuse=reuse):
        z = tf.reshape(z, (batch_size, 1, 1, 1, z_size))
        g_1 = tf.nn.conv3d_transpose(z, weights["wg1"], (batch_size, 4, 4, 4, 8), strides=[1, 1, 1, 1, 1], padding="VALID")
        g_1 = tf.layers.batch_normalization(g_1, training=phase_train)
        g_1 = tf.nn.relu(g_1)

        g_2 = tf.nn.conv3d_transpose(g_1, weights["wg2"], (batch_size, cube_len, cube_len, cube_len, 1), strides=strides, padding="SAME")
        g_2 = tf.nn.tanh(g_2)
    return g_2


def discriminator(inputs, phase_train=True, reuse=False):
    strides = [1, 2, 2, 2, 1]
    with tf.variable_scope("dis", reuse=reuse):
        d_1 = tf.nn.conv3d(inputs, weights["wd1"], strides=strides, padding="SAME")
        d_1 = tf.layers.batch_normalization(d_1, training=phase_train)
        d_1 = lrelu(d_1, leak_value)
        d_2 = tf.nn.conv3d(d_1, weights["wd2"], strides=[1, 1, 1, 1, 1], padding="VALID")
        return tf.nn.sigmoid(d_2), d_2


def initialiseWeights():
    global weights
    xavier_init = tf.glorot_uniform_initializer()
    weights["wg1"] = tf.get_variable("wg1", shape=[4, 4, 4, 8, z_size], initializer=xavier_init)
    weights["wg2"] = tf.get_variable("wg2", shape=[4, 4, 4, 1, 8], initializer=xavier_init)
    weights["wd1"] = tf.get_variable("wd1", shape=[4, 4, 4, 1, 8], initializer=xavier_init)
    weights["wd2"] = tf.get_variable("wd2", shape=[4, 4, 4, 8, 1], initializer=xavier_init)
    return weights


def trainGAN(checkpoint=None):
    weights = initialiseWeights()
    z_vector = tf.placeholder(shape=[batch_size, z_size], dtype=tf.float32)
    x_vector = tf.placeholder(shape=[batch_size, cube_len, cube_len, cube_len, 1], dtype=tf.float32)

    net_g_train = generator(z_vector, phase_train=True, reuse=False)
    d_output_x, d_logits_x = discriminator(x_vector, phase_train=True, reuse=False)
    d_output_z, d_logits_z = discriminator(net_g_train, phase_train=True, reuse=True)
    d_loss = tf.reduce_mean(tf.nn.sigmoid_cross_entropy_with_logits(logits=d_logits_x, labels=tf.ones_like(d_output_x)))
    d_loss += tf.reduce_mean(tf.nn.sigmoid_cross_entropy_with_logits(logits=d_logits_z, labels=tf.zeros_like(d_output_z)))
    g_loss = tf.reduce_mean(tf.nn.sigmoid_cross_entropy_with_logits(logits=d_logits_z, labels=tf.ones_like(d_output_z)))

    net_g_test = generator(z_vector, phase_train=False, reuse=True)

    para_g = [var for var in tf.trainable_variables() if any(x in var.name for x in ["wg", "gen"])]
    para_d = [var for var in tf.trainable_variables() if any(x in var.name for x in ["wd", "dis"])]
    optimizer_op_d = tf.train.AdamOptimizer(learning_rate=1e-5, beta1=0.5).minimize(d_loss, var_list=para_d)
    optimizer_op_g = tf.train.AdamOptimizer(learning_rate=2.5e-3, beta1=0.5).minimize(g_loss, var_list=para_g)
    saver = tf.train.Saver()
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        z = np.random.normal(0, 0.33, size=[batch_size, z_size]).astype(np.float32)
        x = np.random.randint(0, 2, (batch_size, cube_len, cube_len, cube_len, 1)).astype(np.float32)
        sess.run([optimizer_op_d, optimizer_op_g], feed_dict={z_vector: z, x_vector: x})
        print(sess.run(net_g_test, feed_dict={z_vector: z}).shape)
        saver.save(sess, checkpoint)


def testGAN(trained_model_path=None, n_batches=2):
    weights = initialiseWeights()
    z_vector = tf.placeholder(shape=[batch_size, z_size], dtype=tf.float32)
    net_g_test = generator(z_vector, phase_train=True, reuse=True)  # expect: TFV302

    saver = tf.train.Saver()
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        if trained_model_path is not None:
            saver.restore(sess, trained_model_path)
        for i in range(n_batches):
            z_sample = np.random.normal(0, 0.33, size=[batch_size, z_size]).astype(np.float32)
            g_objects = sess.run(net_g_test, feed_dict={z_vector: z_sample})
            print(i, g_objects.max(), g_objects.min(), g_objects.shape)


if __name__ == "__main__":
    argv = sys.argv if len(sys.argv) > 2 else [sys.argv[0], "1", "none"]  # python 3dgan.py 1 <model path>
    test = bool(int(argv[1]))
    if test:
        path = argv[2]
        testGAN(trained_model_path=None if path == "none" else path)
    else:
        trainGAN(checkpoint=argv[2])
