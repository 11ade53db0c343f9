"""A `tf.Module` creates its variable lazily inside a `tf.function` method, guarded by `if self.v is None`, as TensorFlow documents.

Source: https://www.tensorflow.org/guide/function#creating_tfvariables
Shape: class-attribute, tf-function, subclassed
Target: keras3
Runtime: runs
"""

import tensorflow as tf


class Count(tf.Module):
    def __init__(self):
        super().__init__()
        self.count = None

    @tf.function
    def __call__(self):
        if self.count is None:
            self.count = tf.Variable(0)
        return self.count.assign_add(1)


counter = Count()
print(int(counter()), int(counter()))
