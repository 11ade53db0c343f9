"""An adversarial-VAE notebook builds its encoder with a helper (a fixed `variable_scope("inference")` and named dense layers made in a loop); the reconstruction section calls the helper again without `reuse`, so the same variable names are made twice.

Source: https://github.com/llSourcell/GANS-for-style-transfer/issues/5
Shape: helper, loop, notebook-like, tf1-graph
Target: tf1
Runtime: raises ValueError: Variable inference/fully_connected_1/kernel already exists, disallowed
"""

import os

os.environ["TF_USE_LEGACY_KERAS"] = "1"  # tf.compat.v1.layers needs tf_keras

import tensorflow.compat.v1 as tf

tf.disable_v2_behavior()

input_dim, latent_dim, eps_dim = 4, 2, 2
n_layer_inf, n_hidden_inf = 2, 8


def inference_network(x, latent_dim, n_layer, n_hidden, eps_dim):
    eps = tf.random_normal([tf.shape(x)[0], eps_dim])
    h = tf.concat([x, eps], 1)
    with tf.variable_scope("inference"):
        for i in range(n_layer):
            h = tf.layers.dense(h, n_hidden, activation=tf.nn.relu, name="fully_connected_%d" % (i + 1))
        z = tf.layers.dense(h, latent_dim, name="z")
    return z


x = tf.placeholder(tf.float32, [None, input_dim])
q_z = inference_network(x, latent_dim, n_layer_inf, n_hidden_inf, eps_dim)

# reconstruction of samples drawn from the data distribution
p_x = tf.placeholder(tf.float32, [None, input_dim])
rec_z = inference_network(p_x, latent_dim, n_layer_inf, n_hidden_inf, eps_dim)  # expect: TFV304
