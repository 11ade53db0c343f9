"""A residual block helper opens `variable_scope('two_batchnorm')` and adds two unnamed batch normalizations; calling the helper twice re-enters the scope and both calls name their first layer `two_batchnorm/batch_normalization`.

Source: https://github.com/tensorflow/tensorflow/issues/15269
Shape: helper, tf1-graph
Target: tf1
Runtime: raises ValueError: Variable two_batchnorm/batch_normalization/gamma already exists, disallowed
"""

import os

os.environ["TF_USE_LEGACY_KERAS"] = "1"  # tf.compat.v1.layers needs tf_keras

import tensorflow.compat.v1 as tf

tf.disable_v2_behavior()

_BATCH_NORM_DECAY = 0.997
_BATCH_NORM_EPSILON = 1e-5


def two_batchnorm(inputs):
    with tf.variable_scope("two_batchnorm"):
        inputs = tf.layers.batch_normalization(
            inputs=inputs, axis=3, momentum=_BATCH_NORM_DECAY, epsilon=_BATCH_NORM_EPSILON, center=True, scale=True, training=True, fused=True
        )
        inputs = tf.layers.batch_normalization(
            inputs=inputs, axis=3, momentum=_BATCH_NORM_DECAY, epsilon=_BATCH_NORM_EPSILON, center=True, scale=True, training=True, fused=True
        )
    return inputs


inputs = tf.placeholder(tf.float32, [1, 5, 5, 3])
x = inputs
x = two_batchnorm(x)
x = two_batchnorm(x)  # expect: TFV304
print([v.name for v in tf.global_variables()])
