"""The variable the traced function reads is made once, outside the `@tf.function`, and captured.

Source: https://github.com/tensorflow/tensorflow/issues/26812
Shape: module, tf-function
Target: keras3
Runtime: runs
"""

import tensorflow as tf

bias = tf.Variable(5.0)


@tf.function
def affine():
    weights = tf.constant([[2.0, 2.0], [3.0, 1.0]])
    eye = tf.constant([[1.0, 0.0], [0.0, 1.0]])
    return tf.matmul(weights, eye) + bias


print(affine())
bias.assign_add(1.0)
print(affine())
