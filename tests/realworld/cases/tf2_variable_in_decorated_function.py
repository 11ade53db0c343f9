"""A `@tf.function` that makes its bias with `tf.Variable(...)` in its own body: fine eagerly, refused once traced.

Source: https://github.com/tensorflow/tensorflow/issues/26812
Shape: module, tf-function
Target: keras3
Runtime: raises ValueError: tf.function only supports singleton tf.Variables created on the first call
"""

import tensorflow as tf


@tf.function
def affine():
    weights = tf.constant([[2.0, 2.0], [3.0, 1.0]])
    eye = tf.constant([[1.0, 0.0], [0.0, 1.0]])
    bias = tf.Variable(5.0)  # expect: TFV401
    return tf.matmul(weights, eye) + bias


print(affine())
