"""A neural-process notebook's latent encoder is a class whose `__call__` runs an MLP helper (one `layers.dense` per hidden size, named `layer_{i}` in a loop) inside a fixed variable scope; the encoder is called for the prior and again for the posterior without reuse, so the second call makes `latent_encoder/layer_0/kernel` again.

Source: https://github.com/google-deepmind/neural-processes/issues/4
Shape: class-attribute, helper, loop, parameter, tf1-graph, notebook-like
Target: tf1
Runtime: raises ValueError: Variable latent_encoder/layer_0/kernel already exists, disallowed
"""

import os

os.environ["TF_USE_LEGACY_KERAS"] = "1"  # tf.compat.v1.layers needs tf_keras

import tensorflow.compat.v1 as tf

tf.disable_v2_behavior()


def batch_mlp(inputs, output_sizes, variable_scope):
    batch_size, _, filter_size = inputs.shape.as_list()
    output = tf.reshape(inputs, (-1, filter_size))
    with tf.variable_scope(variable_scope):
        for i, size in enumerate(output_sizes[:-1]):
            output = tf.nn.relu(tf.layers.dense(output, size, name="layer_{}".format(i)))
        output = tf.layers.dense(output, output_sizes[-1], name="layer_{}".format(i + 1))
    return tf.reshape(output, (-1, tf.shape(inputs)[1], output_sizes[-1]))


class LatentEncoder(object):
    def __init__(self, output_sizes, num_latents):
        self._output_sizes = output_sizes
        self._num_latents = num_latents

    def __call__(self, x, y):
        encoder_input = tf.concat([x, y], axis=-1)
        hidden = batch_mlp(encoder_input, self._output_sizes, "latent_encoder")
        hidden = tf.reduce_mean(hidden, axis=1)
        return tf.layers.dense(hidden, self._num_latents, name="mean_layer")


context_x = tf.placeholder(tf.float32, (None, None, 1))
context_y = tf.placeholder(tf.float32, (None, None, 1))
target_x = tf.placeholder(tf.float32, (None, None, 1))
target_y = tf.placeholder(tf.float32, (None, None, 1))

latent_encoder = LatentEncoder([8, 8], num_latents=4)
prior = latent_encoder(context_x, context_y)
posterior = latent_encoder(target_x, target_y)  # expect: TFV304
