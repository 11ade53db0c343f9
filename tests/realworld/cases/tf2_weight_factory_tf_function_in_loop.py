"""A `@tf.function` weight factory meant to hand out a new `tf.Variable` per call, called once per layer in a loop.

Source: https://github.com/tensorflow/tensorflow/issues/51453
Shape: helper, loop, container, tf-function
Target: keras3
Runtime: raises ValueError: tf.function only supports singleton tf.Variables created on the first call
"""

import tensorflow as tf


@tf.function
def weight_fn(shape):
    w = tf.Variable(tf.random.truncated_normal(shape, stddev=0.1))  # expect: TFV401
    return w


layer_shapes = [(3, 4), (4, 4), (4, 2)]
weights = []
for shape in layer_shapes:
    weights.append(weight_fn(shape))
print([w.shape for w in weights])
