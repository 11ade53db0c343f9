"""The neural-process latent encoder as its authors wrote it: the MLP helper opens its variable scope with `reuse=tf.AUTO_REUSE`, so calling the encoder for the prior and again for the posterior shares one set of weights.

Source: https://github.com/google-deepmind/neural-processes/issues/4
Shape: class-attribute, helper, loop, parameter, tf1-graph
Target: tf1
Runtime: runs
"""

import os

os.environ["TF_USE_LEGACY_KERAS"] = "1"  # tf.compat.v1.layers needs tf_keras

import tensorflow.compat.v1 as tf

tf.disable_v2_behavior()


def batch_mlp(inputs, output_sizes, variable_scope):
    _, _, filter_size = inputs.shape.as_list()
    output = tf.reshape(inputs, (-1, filter_size))
    with tf.variable_scope(variable_scope, reuse=tf.AUTO_REUSE):
        for i, size in enumerate(output_sizes[:-1]):
            output = tf.nn.relu(tf.layers.dense(output, size, name="layer_{}".format(i)))
        output = tf.layers.dense(output, output_sizes[-1], name="layer_{}".format(i + 1))
    return tf.reshape(output, (-1, tf.shape(inputs)[1], output_sizes[-1]))


class LatentEncoder(object):
    def __init__(self, output_sizes):
        self._output_sizes = output_sizes

    def __call__(self, x, y):
        hidden = batch_mlp(tf.concat([x, y], axis=-1), self._output_sizes, "latent_encoder")
        return tf.reduce_mean(hidden, axis=1)


context_x = tf.placeholder(tf.float32, (None, None, 1))
context_y = tf.placeholder(tf.float32, (None, None, 1))
target_x = tf.placeholder(tf.float32, (None, None, 1))
target_y = tf.placeholder(tf.float32, (None, None, 1))

latent_encoder = LatentEncoder([8, 8])
prior = latent_encoder(context_x, context_y)
posterior = latent_encoder(target_x, target_y)
assert len(tf.trainable_variables()) == 4
