"""A conditional GAN generator gives its hidden and its output `tf.layers.dense` the same `name=`, so the second layer tries to create `generator/dense1/kernel` again.

Source: https://github.com/golbin/TensorFlow-Tutorials/issues/41
Shape: helper, tf1-graph
Target: tf1
Runtime: raises ValueError: Variable generator/dense1/kernel already exists, disallowed
"""

import os

os.environ["TF_USE_LEGACY_KERAS"] = "1"  # tf.compat.v1.layers needs tf_keras

import tensorflow.compat.v1 as tf

tf.disable_v2_behavior()

n_input, n_noise, n_class, n_hidden = 6, 4, 3, 5

X = tf.placeholder(tf.float32, [None, n_input])
Y = tf.placeholder(tf.float32, [None, n_class])
Z = tf.placeholder(tf.float32, [None, n_noise])


def generator(noise, labels):
    with tf.variable_scope("generator"):
        inputs = tf.concat([noise, labels], 1)
        hidden = tf.layers.dense(inputs, n_hidden, activation=tf.nn.relu, name="dense1")
        output = tf.layers.dense(hidden, n_input, activation=tf.nn.sigmoid, name="dense1")  # expect: TFV302
    return output


def discriminator(inputs, labels, reuse=None):
    with tf.variable_scope("discriminator") as scope:
        if reuse:
            scope.reuse_variables()
        inputs = tf.concat([inputs, labels], 1)
        hidden = tf.layers.dense(inputs, n_hidden, activation=tf.nn.relu)
        return tf.layers.dense(hidden, 1, activation=None)


G = generator(Z, Y)
D_real = discriminator(X, Y)
D_gene = discriminator(G, Y, True)
print(G, D_real, D_gene)
